// kolroi/budget/knapsack.hpp: choosing which KOL deals to book within a budget, exactly.
//
// Each candidate is a deal at a quoted price p_i with a GMV forecast (gmv_forecast.hpp). A deal
// is booked whole or not at all, so the choice is a 0/1 knapsack with side constraints:
//   maximise    sum_i c_i z_i                                   z_i in {0, 1}
//   subject to  sum_i p_i z_i <= B
//               m_g <= sum_{i on platform g} p_i z_i <= M_g      for each platform g with bounds
//               z_i = 1 for must-book names, z_i = 0 for never-book names
// with c_i = v_i (credited GMV), or c_i = margin * v_i - p_i (profit) when a gross margin is
// given. v_i is the figure the gmv_objective reads from the forecast: the mean, or for a
// risk-averse choice a lower quantile (mean + z_q sd under a normal assumption, or the supplied
// lower bound of the prediction interval).
//
// Method: depth-first branch and bound over the candidates in falling order of c_i / p_i,
// booking before skipping. A node's bound is the linear relaxation over the undecided
// candidates (each may be taken in part) under the budget and the platform maxima; filling
// greedily by c_i / p_i solves that relaxation exactly, because the budget and the per-platform
// maxima are nested (a laminar family), so the bound is never below the best completion. A node
// is also cut when the undecided candidates of some platform can no longer reach its minimum.
// Before the search, deals of price 0 and positive c_i are booked and deals with c_i <= 0 on a
// platform without a minimum are skipped: neither step can lose the optimum. When a short first
// pass (options.quick_pass_nodes) does not finish, the budget and each platform maximum are
// lowered to the largest spend some subset of the undecided deals can reach under them (a
// bitset of reachable sums in units of the prices' greatest common divisor, or only the rounding
// to that divisor when the bitset would pass 16 MB), and the search starts again. That closes
// the gap the linear bound leaves when quotes are round and GMV is proportional to price, where
// every set looks as if it could still spend the last few units of the budget.
//
// Exactness: prices, the budget and the platform bounds are rounded to whole cents, and every
// constraint is checked in integer cents, so feasibility is decided exactly. Objectives are
// compared in double precision: no feasible set has an objective above the returned one by more
// than 1e-12 * sum_i |c_i|. Limits: at most max_deal_candidates (200) candidates and money
// amounts up to 1e12; the search stops with an `unsupported` error after options.max_nodes nodes
// rather than return a set it has not proved best.
#pragma once

#include "kolroi/budget/detail/number_text.hpp"
#include "kolroi/budget/gmv_forecast.hpp"
#include "kolroi/core/error.hpp"
#include "kolroi/core/platform.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <map>
#include <numeric>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace kolroi {

/// One deal that may be booked.
struct deal_candidate {
    std::string name;
    kolroi::platform platform = kolroi::platform::other;
    double price = 0; ///< the quoted price in the reporting currency, >= 0
    gmv_forecast gmv;
    input_location where; ///< where the candidate was read; its field is set by each error
};

/// Spend allowed on one platform: min <= spend <= max.
struct platform_spend_bounds {
    double min = 0;
    double max = std::numeric_limits<double>::infinity();
};

struct deal_selection_options {
    gmv_objective gmv;                  ///< which GMV figure v_i the objective uses
    std::optional<double> gross_margin; ///< when set, in (0, 1]: maximise margin * v_i - p_i
    std::vector<std::string> must_book;
    std::vector<std::string> never_book;
    std::map<kolroi::platform, platform_spend_bounds> platform_bounds;
    std::size_t max_nodes = 50'000'000; ///< search nodes before giving up with `unsupported`
    /// Nodes searched before the budget and platform maxima are lowered to the spend the deals
    /// can reach (a subset-sum pass that costs more than most searches); 0 lowers them at once.
    std::size_t quick_pass_nodes = 100'000;
};

/// The most candidates select_deals accepts.
inline constexpr std::size_t max_deal_candidates = 200;

/// A booked deal with what a report needs about it.
struct booked_deal {
    std::string name;
    kolroi::platform platform = kolroi::platform::other;
    double price = 0; ///< rounded to cents, as the constraints saw it
    gmv_forecast gmv;
    double objective_gmv = 0;   ///< v_i, the GMV figure the objective used
    double contribution = 0;    ///< c_i, its term in the objective
    std::optional<double> roas; ///< gmv.mean / price; none when the price is 0
    bool must_book = false;     ///< booked because the must-book list names it
    input_location where;
};

/// The chosen set. Money is rounded to cents, as the constraints saw it.
struct deal_selection {
    std::vector<booked_deal> deals; ///< in the order the candidates were given
    double budget = 0;
    double total_spend = 0;
    double expected_gmv = 0;    ///< sum of the booked deals' mean GMV
    double objective_gmv = 0;   ///< sum of their v_i
    double objective = 0;       ///< sum of their c_i, the maximised value
    std::optional<double> roas; ///< expected_gmv / total_spend; none when nothing is spent
    std::map<kolroi::platform, double> spend_by_platform; ///< platforms booked or bounded
    std::size_t nodes = 0;                                ///< search nodes visited

    [[nodiscard]] std::vector<std::string> names() const {
        std::vector<std::string> out;
        out.reserve(deals.size());
        for (const auto& deal : deals) {
            out.push_back(deal.name);
        }
        return out;
    }
};

namespace detail {

inline constexpr std::size_t platform_count = all_platforms.size();
inline constexpr double largest_amount = 1e12;
inline constexpr std::int64_t no_cent_limit = std::numeric_limits<std::int64_t>::max();

using platform_cents = std::array<std::int64_t, platform_count>;

inline std::size_t platform_slot(platform value) noexcept {
    return static_cast<std::size_t>(value);
}

inline std::int64_t to_cents(double amount) {
    return std::isinf(amount) ? no_cent_limit
                              : static_cast<std::int64_t>(std::llround(amount * 100));
}

inline double from_cents(std::int64_t cents) {
    return static_cast<double>(cents) / 100;
}

inline input_location field_of(const input_location& where, const char* field) {
    input_location at = where;
    if (!where.empty()) {
        at.field = field;
    }
    return at;
}

/// An undecided candidate as the search sees it.
struct deal_item {
    std::size_t candidate = 0;
    std::int64_t price = 0; ///< cents
    double value = 0;       ///< c_i
    std::size_t slot = 0;   ///< platform
};

/// The constraints in cents, and what the fixed deals (must-book, free) already use of them.
struct deal_limits {
    std::int64_t budget_left = 0;
    platform_cents minimum{};
    platform_cents maximum{};
    platform_cents spent{};
};

/// Depth-first branch and bound; see the header comment.
class deal_search {
public:
    deal_search(std::vector<deal_item> items, deal_limits limits, double fixed_value,
                std::size_t max_nodes, double slack)
        : m_items(std::move(items))
        , m_limits(limits)
        , m_value(fixed_value)
        , m_max_nodes(max_nodes)
        , m_slack(slack)
        , m_remaining(m_items.size() + 1) {
        // m_remaining[d][g]: the price of the undecided deals from depth d on platform g.
        for (std::size_t d = m_items.size(); d-- > 0;) {
            m_remaining[d] = m_remaining[d + 1];
            m_remaining[d][m_items[d].slot] += m_items[d].price;
        }
    }

    /// Searches until done or until `max_nodes` nodes have been visited; false in the second
    /// case, when found() and best() are not proved best.
    bool run() {
        visit(0);
        return !m_stopped;
    }

    [[nodiscard]] bool found() const noexcept { return m_found; }
    [[nodiscard]] const std::vector<std::size_t>& best() const noexcept { return m_best; }
    [[nodiscard]] std::size_t nodes() const noexcept { return m_nodes; }

private:
    void visit(std::size_t depth) {
        if (m_stopped || ++m_nodes > m_max_nodes) {
            m_stopped = true;
            return;
        }

        // The deals booked so far, with every undecided one skipped, are a complete answer.
        if (minimums_met() && (!m_found || m_value > m_best_value)) {
            m_found = true;
            m_best_value = m_value;
            m_best = m_booked;
        }
        if (depth == m_items.size() || !minimums_reachable(depth)) {
            return;
        }
        if (m_found && bound(depth) <= m_best_value + m_slack) {
            return;
        }

        const deal_item& item = m_items[depth];
        if (fits(item)) {
            book(item, +1);
            m_booked.push_back(item.candidate);
            visit(depth + 1);
            m_booked.pop_back();
            book(item, -1);
        }
        visit(depth + 1);
    }

    [[nodiscard]] bool fits(const deal_item& item) const noexcept {
        return item.price <= m_limits.budget_left &&
               item.price <= m_limits.maximum[item.slot] - m_limits.spent[item.slot];
    }

    void book(const deal_item& item, int sign) noexcept {
        m_limits.budget_left -= sign * item.price;
        m_limits.spent[item.slot] += sign * item.price;
        m_value += sign * item.value;
    }

    [[nodiscard]] bool minimums_met() const noexcept {
        for (std::size_t g = 0; g < platform_count; ++g) {
            if (m_limits.spent[g] < m_limits.minimum[g]) {
                return false;
            }
        }
        return true;
    }

    // Every platform short of its minimum must still be able to reach it, and together they
    // must fit in the budget that is left.
    [[nodiscard]] bool minimums_reachable(std::size_t depth) const noexcept {
        std::int64_t needed = 0;
        for (std::size_t g = 0; g < platform_count; ++g) {
            const std::int64_t short_by = m_limits.minimum[g] - m_limits.spent[g];
            if (short_by > 0) {
                if (m_remaining[depth][g] < short_by) {
                    return false;
                }
                needed += short_by;
            }
        }
        return needed <= m_limits.budget_left;
    }

    // The linear relaxation under the budget and the platform maxima, filled by c_i / p_i. The
    // items are in that order, and those with c_i <= 0 come last and add nothing.
    [[nodiscard]] double bound(std::size_t depth) const noexcept {
        double total = m_value;
        std::int64_t budget_left = m_limits.budget_left;
        platform_cents room{};
        for (std::size_t g = 0; g < platform_count; ++g) {
            room[g] = m_limits.maximum[g] - m_limits.spent[g];
        }
        for (std::size_t d = depth; d < m_items.size() && budget_left > 0; ++d) {
            const deal_item& item = m_items[d];
            if (item.value <= 0) {
                break;
            }
            const std::int64_t take = std::min({item.price, budget_left, room[item.slot]});
            if (take <= 0) {
                continue;
            }
            total += take == item.price
                         ? item.value
                         : item.value * static_cast<double>(take) / static_cast<double>(item.price);
            budget_left -= take;
            room[item.slot] -= take;
        }
        return total;
    }

    std::vector<deal_item> m_items;
    deal_limits m_limits;
    double m_value;
    std::size_t m_max_nodes;
    double m_slack;
    std::vector<platform_cents> m_remaining;
    std::vector<std::size_t> m_booked;
    std::vector<std::size_t> m_best;
    double m_best_value = 0;
    bool m_found = false;
    bool m_stopped = false;
    std::size_t m_nodes = 0;
};

/// Doubles the reachable sums in `reach` (bit t: sum t reachable) by adding an item of `shift`.
inline void add_to_reachable(std::vector<std::uint64_t>& reach, std::size_t shift) {
    const std::size_t words = shift / 64;
    const std::size_t bits = shift % 64;
    // From the top down, so every word read still holds the sums without the new item.
    for (std::size_t i = reach.size(); i-- > words;) {
        std::uint64_t moved = reach[i - words] << bits;
        if (bits != 0 && i > words) {
            moved |= reach[i - words - 1] >> (64 - bits);
        }
        reach[i] |= moved;
    }
}

/// The largest sum of some of `prices` (cents, > 0) that is at most `cap`; no subset's sum lies
/// above it and at or below `cap`. Found with a bitset of reachable sums in units of the prices'
/// greatest common divisor; when that bitset would be too large, `cap` rounded down to a
/// multiple of the divisor, which has the same property.
inline std::int64_t largest_reachable_sum(const std::vector<std::int64_t>& prices,
                                          std::int64_t cap) {
    std::int64_t unit = 0;
    std::int64_t total = 0;
    for (const std::int64_t price : prices) {
        unit = std::gcd(unit, price);
        total += price;
    }
    if (total <= cap || unit == 0) {
        return std::min(total, cap);
    }
    const auto units = static_cast<std::size_t>(cap / unit);
    const std::size_t words = units / 64 + 1;
    constexpr std::size_t most_words = std::size_t{1} << 21;           // 16 MB
    constexpr std::size_t most_word_operations = std::size_t{1} << 28; // about 0.1 s
    if (words > most_words || words * prices.size() > most_word_operations) {
        return static_cast<std::int64_t>(units) * unit;
    }

    std::vector<std::uint64_t> reach(words, 0);
    reach[0] = 1; // the empty set
    for (const std::int64_t price : prices) {
        const auto shift = static_cast<std::size_t>(price / unit);
        if (shift <= units) {
            add_to_reachable(reach, shift);
        }
    }
    const std::size_t top_bits = units % 64 + 1;
    if (top_bits < 64) {
        reach.back() &= (std::uint64_t{1} << top_bits) - 1;
    }
    std::size_t word = reach.size() - 1;
    while (reach[word] == 0) {
        --word; // ends at word 0, which holds the empty set
    }
    const auto highest = word * 64 + 63 - static_cast<std::size_t>(std::countl_zero(reach[word]));
    return static_cast<std::int64_t>(highest) * unit;
}

/// Lowers the budget and each platform maximum to the largest spend the undecided deals can
/// actually reach under it. No feasible set is lost, and the bound no longer counts money no
/// set can spend, which is what makes round quotes with GMV proportional to price hard.
inline void tighten_to_reachable(const std::vector<deal_item>& items, deal_limits& limits) {
    std::vector<std::int64_t> all;
    std::array<std::vector<std::int64_t>, platform_count> by_platform;
    for (const auto& item : items) {
        all.push_back(item.price);
        by_platform[item.slot].push_back(item.price);
    }
    limits.budget_left = largest_reachable_sum(all, limits.budget_left);
    for (std::size_t g = 0; g < platform_count; ++g) {
        if (limits.maximum[g] != no_cent_limit) {
            limits.maximum[g] =
                limits.spent[g] +
                largest_reachable_sum(by_platform[g], limits.maximum[g] - limits.spent[g]);
        }
    }
}

/// Throws unless one candidate's price and GMV forecast are usable; an error names the
/// candidate's `where` with the field ("price", "gmv_mean", "gmv_sd", "gmv_lower", "gmv_upper").
inline void check_candidate(const deal_candidate& candidate) {
    const std::string who = "select_deals: candidate '" + candidate.name + "'";
    if (!std::isfinite(candidate.price) || candidate.price < 0 ||
        candidate.price > largest_amount) {
        throw error(error_kind::invalid_argument,
                    who + " has price " + money_text(candidate.price) +
                        ", not a number in [0, 1e12]",
                    field_of(candidate.where, "price"));
    }
    check_forecast(candidate.gmv, who, candidate.where);
}

/// Throws unless the budget, the options and the candidates are usable.
inline void check_deal_inputs(const std::vector<deal_candidate>& candidates, double budget,
                              const deal_selection_options& options) {
    if (candidates.size() > max_deal_candidates) {
        throw error(error_kind::unsupported, "select_deals: " + std::to_string(candidates.size()) +
                                                 " candidates, more than the " +
                                                 std::to_string(max_deal_candidates) +
                                                 " the exact search supports");
    }
    if (!std::isfinite(budget) || budget < 0 || budget > largest_amount) {
        throw error(error_kind::invalid_argument,
                    "select_deals: budget " + money_text(budget) + " is not a number in [0, 1e12]");
    }
    if (options.gross_margin && !(*options.gross_margin > 0 && *options.gross_margin <= 1)) {
        throw error(error_kind::invalid_argument, "select_deals: gross margin " +
                                                      number_text(*options.gross_margin) +
                                                      " is outside (0, 1]");
    }
    check_objective(options.gmv, "select_deals");
    for (const auto& [where, range] : options.platform_bounds) {
        const std::string name(to_string(where));
        const bool max_usable = std::isinf(range.max) || range.max <= largest_amount;
        if (!std::isfinite(range.min) || range.min < 0 || std::isnan(range.max) ||
            range.min > range.max || !max_usable) {
            throw error(error_kind::invalid_argument,
                        "select_deals: spend bounds for " + name + " are [" +
                            money_text(range.min) + ", " + money_text(range.max) +
                            "]; they need 0 <= min <= max, and max <= 1e12 or unlimited");
        }
    }

    std::set<std::string> seen;
    for (const auto& candidate : candidates) {
        const std::string who = "select_deals: candidate '" + candidate.name + "'";
        if (candidate.name.empty()) {
            throw error(error_kind::invalid_argument, "select_deals: a candidate has no name",
                        field_of(candidate.where, "name"));
        }
        if (!seen.insert(candidate.name).second) {
            throw error(error_kind::invalid_argument, who + " is given twice",
                        field_of(candidate.where, "name"));
        }
        check_candidate(candidate);
        if (options.gmv.measure == gmv_measure::interval_lower && !candidate.gmv.lower) {
            throw error(error_kind::invalid_argument,
                        who + " has no GMV lower bound, which the interval_lower measure uses",
                        field_of(candidate.where, "gmv_lower"));
        }
    }
}

/// For each candidate: 1 for must-book, -1 for never-book, 0 for free. Unknown names throw.
inline std::vector<int> deal_decisions(const std::vector<deal_candidate>& candidates,
                                       const deal_selection_options& options) {
    std::map<std::string, std::size_t> position;
    for (std::size_t i = 0; i < candidates.size(); ++i) {
        position.emplace(candidates[i].name, i);
    }
    std::vector<int> decision(candidates.size(), 0);
    const auto mark = [&](const std::vector<std::string>& names, int mark_as, const char* list) {
        for (const auto& name : names) {
            const auto found = position.find(name);
            if (found == position.end()) {
                throw error(error_kind::invalid_argument,
                            std::string("select_deals: the ") + list + " list names '" + name +
                                "', which is not among the " + std::to_string(candidates.size()) +
                                " candidates");
            }
            if (decision[found->second] == -mark_as) {
                throw error(error_kind::invalid_argument, "select_deals: '" + name +
                                                              "' is on both the must-book and the "
                                                              "never-book list");
            }
            decision[found->second] = mark_as;
        }
    };
    mark(options.must_book, +1, "must-book");
    mark(options.never_book, -1, "never-book");
    return decision;
}

/// Throws data_error, naming the amounts, when must-book deals or platform minimums cannot be
/// met whatever else is chosen.
inline void check_deal_feasibility(const std::vector<deal_candidate>& candidates,
                                   const std::vector<int>& decision, std::int64_t budget,
                                   const deal_limits& limits) {
    platform_cents must{};
    platform_cents bookable{};
    std::int64_t must_total = 0;
    for (std::size_t i = 0; i < candidates.size(); ++i) {
        const std::int64_t price = to_cents(candidates[i].price);
        const std::size_t slot = platform_slot(candidates[i].platform);
        if (decision[i] == 1) {
            must[slot] += price;
            must_total += price;
        }
        if (decision[i] != -1) {
            bookable[slot] += price;
        }
    }
    if (must_total > budget) {
        throw error(error_kind::data_error,
                    "select_deals: the must-book deals cost " + money_text(from_cents(must_total)) +
                        " in total, above the budget " + money_text(from_cents(budget)));
    }

    std::int64_t needed = 0;
    for (std::size_t g = 0; g < platform_count; ++g) {
        const std::string name(to_string(all_platforms[g]));
        if (must[g] > limits.maximum[g]) {
            throw error(error_kind::data_error, "select_deals: the must-book deals on " + name +
                                                    " cost " + money_text(from_cents(must[g])) +
                                                    ", above the " + name + " maximum " +
                                                    money_text(from_cents(limits.maximum[g])));
        }
        if (bookable[g] < limits.minimum[g]) {
            throw error(error_kind::data_error,
                        "select_deals: the " + name + " minimum is " +
                            money_text(from_cents(limits.minimum[g])) + " but the " + name +
                            " candidates that may be booked cost " +
                            money_text(from_cents(bookable[g])) + " in total");
        }
        needed += std::max(must[g], limits.minimum[g]);
    }
    if (needed > budget) {
        throw error(error_kind::data_error,
                    "select_deals: the platform minimums and must-book deals need at least " +
                        money_text(from_cents(needed)) + ", above the budget " +
                        money_text(from_cents(budget)));
    }
}

/// "tiktok [500.00, 800.00], youtube [0.00, unlimited]", for the message of an infeasible search.
inline std::string describe_bounds(const deal_selection_options& options) {
    std::string text;
    for (const auto& [where, range] : options.platform_bounds) {
        text += (text.empty() ? "" : ", ") + std::string(to_string(where)) + " [" +
                money_text(range.min) + ", " + money_text(range.max) + "]";
    }
    return text.empty() ? "none" : text;
}

} // namespace detail

namespace detail {

/// The objective's figures for every candidate: v_i, c_i, and the scale of the c_i.
struct deal_values {
    std::vector<double> figure; ///< v_i
    std::vector<double> value;  ///< c_i
    double magnitude = 0;       ///< sum_i |c_i|
};

inline deal_values value_deals(const std::vector<deal_candidate>& candidates,
                               const deal_selection_options& options) {
    deal_values values;
    for (const auto& candidate : candidates) {
        const double figure = objective_gmv(candidate.gmv, options.gmv);
        const double price = from_cents(to_cents(candidate.price));
        const double value = options.gross_margin ? *options.gross_margin * figure - price : figure;
        values.figure.push_back(figure);
        values.value.push_back(value);
        values.magnitude += std::fabs(value);
    }
    return values;
}

/// The deals decided before the search and the ones left to it.
struct deal_split {
    std::vector<std::size_t> fixed; ///< must-book deals, and free deals worth something
    double fixed_value = 0;
    std::vector<deal_item> undecided; ///< in falling order of c_i / p_i
};

/// Books must-book and worthwhile free deals into `limits`, and leaves out deals that cannot
/// help: never-book ones, and those with c_i <= 0 where no platform minimum needs their spend.
inline deal_split split_deals(const std::vector<deal_candidate>& candidates,
                              const std::vector<int>& decision, const deal_values& values,
                              deal_limits& limits) {
    deal_split split;
    for (std::size_t i = 0; i < candidates.size(); ++i) {
        const deal_item item{i, to_cents(candidates[i].price), values.value[i],
                             platform_slot(candidates[i].platform)};
        const bool free_and_worth_it = item.price == 0 && item.value > 0;
        const bool needed_for_minimum = limits.minimum[item.slot] > 0;
        if (decision[i] == 1 || (decision[i] == 0 && free_and_worth_it)) {
            split.fixed.push_back(i);
            split.fixed_value += item.value;
            limits.budget_left -= item.price;
            limits.spent[item.slot] += item.price;
        } else if (decision[i] == 0 && item.price > 0 && (item.value > 0 || needed_for_minimum)) {
            split.undecided.push_back(item);
        }
    }
    std::stable_sort(
        split.undecided.begin(), split.undecided.end(), [](const deal_item& x, const deal_item& y) {
            return x.value * static_cast<double>(y.price) > y.value * static_cast<double>(x.price);
        });
    return split;
}

/// What the search found: whether any set meets the constraints, the undecided deals it books,
/// and the nodes it visited.
struct deal_search_result {
    bool found = false;
    std::vector<std::size_t> booked;
    std::size_t nodes = 0;
};

/// A short first pass; when it cannot finish, the limits are lowered to what the deals can reach
/// and the search runs again with the nodes that are left. Throws unsupported when those run out.
inline deal_search_result search_deals(const deal_split& split, deal_limits limits, double slack,
                                       const deal_selection_options& options,
                                       std::size_t candidate_count) {
    const std::size_t quick_pass = std::min(options.quick_pass_nodes, options.max_nodes);
    deal_search search(split.undecided, limits, split.fixed_value, quick_pass, slack);
    bool finished = quick_pass > 0 && search.run();
    std::size_t nodes = search.nodes();
    if (!finished) {
        tighten_to_reachable(split.undecided, limits);
        search = deal_search(split.undecided, limits, split.fixed_value,
                             options.max_nodes - std::min(nodes, options.max_nodes), slack);
        finished = search.run();
        nodes += search.nodes();
    }
    if (!finished) {
        throw error(error_kind::unsupported,
                    "select_deals: the search visited " + std::to_string(options.max_nodes) +
                        " nodes without proving a set best (" + std::to_string(candidate_count) +
                        " candidates); raise max_nodes or fix more deals");
    }
    return {search.found(), search.best(), nodes};
}

/// The report of the booked deals `chosen` (candidate indices in increasing order).
inline deal_selection report_deals(const std::vector<deal_candidate>& candidates,
                                   const std::vector<std::size_t>& chosen,
                                   const std::vector<int>& decision, const deal_values& values,
                                   const deal_selection_options& options) {
    deal_selection result;
    platform_cents by_platform{};
    std::int64_t spent = 0;
    for (const std::size_t i : chosen) {
        const auto& candidate = candidates[i];
        const std::int64_t cents = to_cents(candidate.price);
        booked_deal deal{candidate.name, candidate.platform, from_cents(cents),
                         candidate.gmv,  values.figure[i],   values.value[i],
                         std::nullopt,   decision[i] == 1,   candidate.where};
        if (cents > 0) {
            deal.roas = candidate.gmv.mean / deal.price;
        }
        spent += cents;
        by_platform[platform_slot(candidate.platform)] += cents;
        result.expected_gmv += candidate.gmv.mean;
        result.objective_gmv += values.figure[i];
        result.objective += values.value[i];
        result.deals.push_back(std::move(deal));
    }

    // Every platform that was bounded or booked, with what was spent there.
    for (const auto& bounded : options.platform_bounds) {
        result.spend_by_platform[bounded.first] = 0;
    }
    for (const std::size_t i : chosen) {
        result.spend_by_platform[candidates[i].platform] = 0;
    }
    for (auto& [where, amount] : result.spend_by_platform) {
        amount = from_cents(by_platform[platform_slot(where)]);
    }
    result.total_spend = from_cents(spent);
    if (spent > 0) {
        result.roas = result.expected_gmv / result.total_spend;
    }
    return result;
}

} // namespace detail

/// Chooses the deals to book; see the header comment for the formulation and its limits.
/// Throws invalid_argument for unusable input (a negative price, a repeated name, an unknown
/// name on the must-book or never-book list), data_error when the constraints cannot be met
/// (naming the amounts) and unsupported beyond the size limits.
inline deal_selection select_deals(const std::vector<deal_candidate>& candidates, double budget,
                                   const deal_selection_options& options = {}) {
    detail::check_deal_inputs(candidates, budget, options);
    const std::vector<int> decision = detail::deal_decisions(candidates, options);

    // Constraints in cents.
    detail::deal_limits limits;
    const std::int64_t budget_cents = detail::to_cents(budget);
    limits.budget_left = budget_cents;
    limits.maximum.fill(detail::no_cent_limit);
    for (const auto& [where, range] : options.platform_bounds) {
        limits.minimum[detail::platform_slot(where)] = detail::to_cents(range.min);
        limits.maximum[detail::platform_slot(where)] = detail::to_cents(range.max);
    }
    detail::check_deal_feasibility(candidates, decision, budget_cents, limits);

    // Decide what can be decided, search the rest.
    const detail::deal_values values = detail::value_deals(candidates, options);
    const detail::deal_split split = detail::split_deals(candidates, decision, values, limits);
    const double slack = 1e-12 * std::max(values.magnitude, 1.0);
    const detail::deal_search_result searched =
        detail::search_deals(split, limits, slack, options, candidates.size());
    if (!searched.found) {
        throw error(error_kind::data_error,
                    "select_deals: no set of deals fits the budget " + detail::money_text(budget) +
                        " and the platform bounds (" + detail::describe_bounds(options) + ")");
    }

    std::vector<std::size_t> chosen = split.fixed;
    chosen.insert(chosen.end(), searched.booked.begin(), searched.booked.end());
    std::sort(chosen.begin(), chosen.end());
    deal_selection result = detail::report_deals(candidates, chosen, decision, values, options);
    result.budget = detail::from_cents(budget_cents);
    result.nodes = searched.nodes;
    return result;
}

} // namespace kolroi
