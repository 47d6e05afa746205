// Fuzz target: the contracts reader. Every contract it returns has an id, a platform, a currency
// of three upper-case letters, amounts that are finite and non-negative and a commission rate of
// at most 1; its cost for some delivery is finite and non-negative.
#include "fuzz_support.hpp"

#include "kolroi/roi/contract.hpp"
#include "kolroi/roi/contracts_reader.hpp"

#include <cmath>
#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using kolroi::fuzz::require;
    if (size > kolroi::fuzz::max_input) {
        return 0;
    }
    const auto text = kolroi::fuzz::as_text(data, size);
    kolroi::fuzz::run_reader("contracts.csv", [&] {
        const kolroi::contract_book book = kolroi::read_contracts(text, "contracts.csv");
        for (const auto& [key, contract] : book.contracts()) {
            require(!contract.kol_id.empty() && contract.platform != kolroi::platform::none,
                    "a contract without KOL or platform");
            require(contract.currency.size() == 3 &&
                        kolroi::currency_code(contract.currency, "check") == contract.currency,
                    "a contract's currency is not three upper-case letters");
            for (const auto& amount : kolroi::detail::contract_amounts) {
                const double value = contract.*amount.member;
                require(std::isfinite(value) && value >= 0,
                        std::string(amount.name) + " is negative or not finite");
            }
            require(contract.commission_rate <= 1, "a commission rate above 1");
            kolroi::validate_contract(contract);
        }
    });
    return 0;
}
