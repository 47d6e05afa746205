// Fuzz target: the plan's candidates reader, then the deal selection that reads its output. The
// first byte sets the budget; the rest is the file. Every candidate has a name given once and
// its line; the selection refuses no candidate the reader returned; a selection that is made
// spends at most the budget (to the cent) and books only candidates of the file.
#include "fuzz_support.hpp"

#include "kolroi/budget/knapsack.hpp"
#include "kolroi/budget/plan_inputs.hpp"

#include <cstddef>
#include <cstdint>
#include <set>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using kolroi::fuzz::require;
    if (size < 1 || size > kolroi::fuzz::max_input) {
        return 0;
    }
    const double budget = 50.0 * data[0];
    const auto text = kolroi::fuzz::as_text(data + 1, size - 1);
    std::vector<kolroi::deal_candidate> candidates;
    if (!kolroi::fuzz::run_reader("candidates.csv", [&] {
            candidates = kolroi::read_deal_candidates(text, "candidates.csv");
        })) {
        return 0;
    }
    std::set<std::string> names;
    for (const auto& candidate : candidates) {
        require(!candidate.name.empty(), "a candidate without a name");
        require(names.insert(candidate.name).second, "candidate '" + candidate.name + "' twice");
        require(candidate.where.file == "candidates.csv" && candidate.where.line >= 2,
                "a candidate that does not know its line");
    }
    // The reader makes select_deals's checks of each candidate, at its line; only the count of
    // candidates may still be refused. The search itself is kept small.
    kolroi::deal_selection_options options;
    options.max_nodes = 20'000;
    try {
        kolroi::detail::check_deal_inputs(candidates, budget, options);
    } catch (const kolroi::error& fault) {
        require(fault.kind() == kolroi::error_kind::unsupported,
                std::string("select_deals refused what the reader let through: ") + fault.what());
        return 0;
    }
    if (candidates.size() > 16) {
        return 0;
    }
    try {
        const auto chosen = kolroi::select_deals(candidates, budget, options);
        require(chosen.total_spend <= budget + 0.005, "the selection spends above the budget");
        double spend = 0;
        for (const auto& deal : chosen.deals) {
            require(names.count(deal.name) == 1, "a booked deal that is not a candidate");
            spend += deal.price;
        }
        require(kolroi::fuzz::close(spend, chosen.total_spend, spend + 1),
                "the booked prices do not add up to the total spend");
    } catch (const kolroi::error&) {
        // The budget cannot be met, or the search is too large: both are reported answers.
    }
    return 0;
}
