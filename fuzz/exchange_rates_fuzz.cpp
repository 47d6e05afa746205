// Fuzz target: the exchange-rate table reader, into USD. Every rate it returns is positive and
// finite, USD converts to itself at 1, and every currency it lists converts.
#include "fuzz_support.hpp"

#include "kolroi/roi/exchange_rates.hpp"

#include <cmath>
#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using kolroi::fuzz::require;
    if (size > kolroi::fuzz::max_input) {
        return 0;
    }
    const auto text = kolroi::fuzz::as_text(data, size);
    kolroi::fuzz::run_reader("rates.csv", [&] {
        const auto rates = kolroi::read_exchange_rates(text, "rates.csv", "usd");
        require(rates.reporting_currency() == "USD" && rates.rate("USD") == 1.0,
                "the reporting currency does not convert at 1");
        for (const auto& code : rates.currencies()) {
            const double rate = rates.rate(code);
            require(std::isfinite(rate) && rate > 0, "rate of " + code + " is not positive");
            require(rates.has_rate(code), "a listed currency has no rate");
        }
    });
    return 0;
}
