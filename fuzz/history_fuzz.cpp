// Fuzz target: the quote history reader. Every row it keeps has a valid profile, a cost above 0
// and a credited GMV of at least 0; what it writes back reads again as the same rows, so
// `write_history` and `read_history` agree on every field.
#include "fuzz_support.hpp"

#include "kolroi/prediction/history.hpp"

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using kolroi::fuzz::require;
    if (size > kolroi::fuzz::max_input) {
        return 0;
    }
    const auto text = kolroi::fuzz::as_text(data, size);
    kolroi::fuzz::run_reader("history.csv", [&] {
        const auto history = kolroi::read_history(text, "history.csv");
        for (const auto& row : history.rows) {
            kolroi::validate_profile(row.profile);
            require(std::isfinite(row.cost) && row.cost > 0, "a kept row without a cost");
            require(std::isfinite(row.credited_gmv) && row.credited_gmv >= 0,
                    "a kept row with negative GMV");
        }
        const std::string written = kolroi::write_history(history.rows);
        try {
            const auto again = kolroi::read_history(written, "written.csv");
            require(again.rows.size() == history.rows.size() && again.notes.empty(),
                    "the written history has other rows");
            require(kolroi::write_history(again.rows) == written,
                    "the written history reads back differently:\n" + written);
        } catch (const kolroi::error& fault) {
            kolroi::fuzz::broken(std::string("the written history is refused: ") + fault.what() +
                                 "\n" + written);
        }
    });
    return 0;
}
