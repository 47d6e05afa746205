// Fuzz target: the plan's response curves reader, then the allocation that reads its output.
// The first byte sets the budget; the rest is the file. A curve or bound the allocation would
// refuse is refused by the reader, with its line; an allocation that is made spends the budget,
// keeps every name within its bounds and reports finite responses.
#include "fuzz_support.hpp"

#include "kolroi/budget/concave_allocation.hpp"
#include "kolroi/budget/plan_inputs.hpp"

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using kolroi::fuzz::require;
    if (size < 1 || size > kolroi::fuzz::max_input) {
        return 0;
    }
    const double budget = 25.0 * data[0];
    const auto text = kolroi::fuzz::as_text(data + 1, size - 1);
    kolroi::response_curves read;
    if (!kolroi::fuzz::run_reader(
            "curves.csv", [&] { read = kolroi::read_response_curves(text, "curves.csv"); })) {
        return 0;
    }
    for (const auto& [name, range] : read.bounds) {
        require(range.lower >= 0 && range.lower <= range.upper,
                "bounds of '" + name + "' that the reader should have refused");
    }
    try {
        const auto plan = kolroi::allocate_spend(read.curves, budget, read.bounds);
        require(plan.entries.size() == read.curves.size(), "a curve without an entry");
        require(kolroi::fuzz::close(plan.total_spend, budget, budget + 1, 1e-9),
                "the allocation does not spend the budget: " + std::to_string(plan.total_spend) +
                    " of " + std::to_string(budget));
        for (const auto& entry : plan.entries) {
            require(entry.spend >= entry.bounds.lower && entry.spend <= entry.bounds.upper,
                    "'" + entry.name + "' is outside its bounds");
            require(std::isfinite(entry.response) && entry.response >= 0,
                    "'" + entry.name + "' has a response that is negative or not finite");
        }
    } catch (const kolroi::error& fault) {
        // Only what no single row shows may be refused here: bounds that together cannot hold
        // the budget, or a bisection that cannot bracket it.
        require(fault.kind() == kolroi::error_kind::data_error ||
                    fault.kind() == kolroi::error_kind::numeric_error,
                std::string("the allocation refused what the reader let through: ") + fault.what());
    }
    return 0;
}
