// kolroi/budget/concave_allocation.hpp: splitting a budget over concave response curves so that
// marginal returns are equal wherever the bounds allow.
//
// Problem: maximise sum_i r_i(x_i) subject to sum_i x_i = B and l_i <= x_i <= u_i, with every
// r_i increasing and concave (response_curve.hpp). By the Karush-Kuhn-Tucker conditions the best
// split has a multiplier lambda, the common marginal return, with
//   x_i(lambda) = clamp(inverse_marginal_i(lambda), l_i, u_i):
// names between their bounds have r_i'(x_i) = lambda, names held at l_i have r_i'(l_i) <= lambda
// and names held at u_i have r_i'(u_i) >= lambda. S(lambda) = sum_i x_i(lambda) does not rise as
// lambda rises, so lambda is found by bisection on log lambda, to the precision of a double
// (water-filling). What is left, B - sum_i x_i, from the bisection and from floating-point
// rounding, is then given to names with room inside their bounds (names between their bounds
// first), and one name's spend is set to the double at which the spends, added in the order the
// curves were given, equal B exactly. Names whose lower and upper bounds are equal get exactly
// that amount; when every name is held at a bound there is nothing to move, and the sum is B
// within the tolerance by which the bounds were judged feasible.
//
// Bounds are keyed by name; a name without bounds has [0, +inf).
#pragma once

#include "kolroi/budget/detail/number_text.hpp"
#include "kolroi/budget/response_curve.hpp"
#include "kolroi/core/error.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace kolroi {

/// The spend a name may receive: lower <= spend <= upper.
struct spend_bounds {
    double lower = 0;
    double upper = std::numeric_limits<double>::infinity();
};

/// A curve with the name its bounds and its result are keyed by.
template <concave_response Curve>
struct basic_named_response {
    std::string name;
    Curve curve;
    input_location where; ///< where the curve was read, for error messages
};

/// The usual case: a response_curve with a name.
using named_response = basic_named_response<response_curve>;

/// Where a name's spend sits in its bounds.
enum class bound_state {
    interior, ///< strictly between the bounds: its marginal return is the common lambda
    at_lower, ///< held at its lower bound
    at_upper, ///< held at its upper bound
    fixed,    ///< lower and upper bounds are equal
};

/// The name used in reports: "interior", "at_lower", "at_upper", "fixed".
constexpr std::string_view to_string(bound_state state) noexcept {
    switch (state) {
    case bound_state::interior:
        return "interior";
    case bound_state::at_lower:
        return "at_lower";
    case bound_state::at_upper:
        return "at_upper";
    case bound_state::fixed:
        return "fixed";
    }
    return "interior";
}

/// One name's share of the budget.
struct allocated_spend {
    std::string name;
    double spend = 0;
    double response = 0;        ///< r(spend)
    double marginal_return = 0; ///< r'(spend), the marginal ROAS at the chosen spend
    spend_bounds bounds;
    bound_state state = bound_state::interior;
};

struct allocation_options {
    /// The bounds are feasible when sum l_i <= B + t and sum u_i >= B - t, t = tolerance *
    /// max(B, 1), so that amounts which add up to B only up to rounding are accepted.
    double tolerance = 1e-12;
    std::size_t max_iterations = 500; ///< bisection steps on lambda, after bracketing
};

/// The allocation, one entry per curve in the order the curves were given.
struct spend_allocation {
    std::vector<allocated_spend> entries;
    double budget = 0;
    double total_spend = 0;    ///< sum of the spends in entry order; equals budget (see header)
    double total_response = 0; ///< sum of r_i(x_i)
    /// lambda: the common marginal return of the names strictly inside their bounds. When every
    /// name is held at a bound it is the largest marginal return at the lower bounds (lowers
    /// fill the budget) or the smallest at the upper bounds (uppers do); NaN if all are fixed.
    double marginal_return = 0;
    std::size_t iterations = 0; ///< bisection steps taken

    /// The entry of `name`; throws when there is none.
    [[nodiscard]] const allocated_spend& at(std::string_view name) const {
        for (const auto& entry : entries) {
            if (entry.name == name) {
                return entry;
            }
        }
        throw error(error_kind::invalid_argument,
                    "spend_allocation::at: no entry is named '" + std::string(name) + "'");
    }
};

namespace detail {

/// Each curve's bounds, by position, after checking names and the bounds map.
template <concave_response Curve>
std::vector<spend_bounds> resolve_bounds(const std::vector<basic_named_response<Curve>>& curves,
                                         const std::map<std::string, spend_bounds>& bounds) {
    std::map<std::string, std::size_t> position;
    for (std::size_t i = 0; i < curves.size(); ++i) {
        const auto& name = curves[i].name;
        if (name.empty()) {
            throw error(error_kind::invalid_argument,
                        "allocate_spend: curve " + std::to_string(i + 1) + " has an empty name",
                        curves[i].where);
        }
        const auto [found, inserted] = position.emplace(name, i);
        if (!inserted) {
            throw error(error_kind::invalid_argument,
                        "allocate_spend: name '" + name + "' is given twice (curves " +
                            std::to_string(found->second + 1) + " and " + std::to_string(i + 1) +
                            ")",
                        curves[i].where);
        }
    }

    std::vector<spend_bounds> resolved(curves.size());
    for (const auto& [name, range] : bounds) {
        const auto found = position.find(name);
        if (found == position.end()) {
            throw error(error_kind::invalid_argument, "allocate_spend: bounds are given for '" +
                                                          name + "', which is not among the " +
                                                          std::to_string(curves.size()) +
                                                          " curves");
        }
        if (!std::isfinite(range.lower) || range.lower < 0 || std::isnan(range.upper)) {
            throw error(error_kind::invalid_argument,
                        "allocate_spend: bounds for '" + name + "' are [" +
                            money_text(range.lower) + ", " + money_text(range.upper) +
                            "]; the lower bound must be finite and >= 0");
        }
        if (range.lower > range.upper) {
            throw error(error_kind::invalid_argument,
                        "allocate_spend: bounds for '" + name + "' have lower " +
                            money_text(range.lower) + " above upper " + money_text(range.upper));
        }
        // -0.0 would sort before +0.0 by bit pattern; the bisection over doubles needs +0.0.
        resolved[found->second] = {range.lower == 0 ? 0.0 : range.lower, range.upper};
    }
    return resolved;
}

/// Adds the spends in the order given, the order in which total_spend is defined.
inline double ordered_sum(const std::vector<double>& spends) {
    double sum = 0;
    for (const double spend : spends) {
        sum += spend;
    }
    return sum;
}

/// The name to take a remainder: one with room to move by `remainder`'s sign, strictly inside
/// its bounds if any is, and of those the one with the largest spend, which the remainder
/// changes least in relative terms; spends.size() when no name has room.
inline std::size_t absorber(const std::vector<double>& spends,
                            const std::vector<spend_bounds>& bounds, double remainder) {
    std::size_t best = spends.size();
    bool best_interior = false;
    for (std::size_t i = 0; i < spends.size(); ++i) {
        const bool has_room =
            remainder > 0 ? spends[i] < bounds[i].upper : spends[i] > bounds[i].lower;
        if (!has_room) {
            continue;
        }
        const bool interior = spends[i] > bounds[i].lower && spends[i] < bounds[i].upper;
        if (best == spends.size() || (interior && !best_interior) ||
            (interior == best_interior && spends[i] > spends[best])) {
            best = i;
            best_interior = interior;
        }
    }
    return best;
}

/// A non-negative double's bit pattern, which orders non-negative doubles as their values.
inline std::uint64_t ordinal(double value) noexcept {
    return std::bit_cast<std::uint64_t>(value);
}
inline double from_ordinal(std::uint64_t bits) noexcept {
    return std::bit_cast<double>(bits);
}

/// Sets spends[j] to a value in its bounds at which the ordered sum is exactly B, if there is
/// one. The ordered sum never falls as spends[j] grows, so the smallest spends[j] giving a sum
/// >= B is found by bisection over the doubles between the bounds.
inline bool land_exactly(std::vector<double>& spends, const std::vector<spend_bounds>& bounds,
                         double budget, std::size_t j) {
    const double kept = spends[j];
    const auto sum_with = [&](double spend) {
        spends[j] = spend;
        return ordered_sum(spends);
    };
    if (sum_with(bounds[j].lower) > budget || sum_with(bounds[j].upper) < budget) {
        spends[j] = kept;
        return false;
    }
    std::uint64_t lo = ordinal(bounds[j].lower);
    std::uint64_t hi = ordinal(bounds[j].upper);
    while (lo < hi) {
        const std::uint64_t mid = lo + (hi - lo) / 2;
        if (sum_with(from_ordinal(mid)) >= budget) {
            hi = mid;
        } else {
            lo = mid + 1;
        }
    }
    if (sum_with(from_ordinal(lo)) == budget) {
        return true;
    }
    spends[j] = kept;
    return false;
}

/// Moves B - sum onto names with room until the ordered sum is B: first the whole remainder
/// onto one name, or onto several when the first reaches a bound, then the last rounding step
/// by landing one name's spend exactly.
inline void settle_remainder(std::vector<double>& spends, const std::vector<spend_bounds>& bounds,
                             double budget) {
    for (std::size_t pass = 0; pass < spends.size(); ++pass) {
        const double remainder = budget - ordered_sum(spends);
        const std::size_t target = absorber(spends, bounds, remainder);
        if (remainder == 0 || target == spends.size()) {
            break;
        }
        const double wanted = spends[target] + remainder;
        spends[target] = std::clamp(wanted, bounds[target].lower, bounds[target].upper);
        if (spends[target] == wanted) {
            break; // taken whole: what is left is rounding in the sum
        }
    }

    // Names strictly inside their bounds first, and of those the last in the order: the sum is
    // rounded once more after each later name is added, and a name near the end has few such
    // roundings left to step over B.
    std::vector<std::size_t> order;
    for (std::size_t i = spends.size(); i-- > 0;) {
        if (bounds[i].lower < bounds[i].upper) {
            order.push_back(i);
        }
    }
    const auto interior = [&](std::size_t i) {
        return spends[i] > bounds[i].lower && spends[i] < bounds[i].upper;
    };
    std::stable_partition(order.begin(), order.end(), interior);
    constexpr std::size_t attempts = 8;
    for (std::size_t n = 0; n < order.size() && n < attempts; ++n) {
        if (ordered_sum(spends) == budget || land_exactly(spends, bounds, budget, order[n])) {
            return;
        }
    }
}

/// The spends clamp(inverse_marginal_i(lambda), l_i, u_i).
template <concave_response Curve>
void spends_at(const std::vector<basic_named_response<Curve>>& curves,
               const std::vector<spend_bounds>& bounds, double lambda,
               std::vector<double>& spends) {
    for (std::size_t i = 0; i < curves.size(); ++i) {
        spends[i] = bounds[i].lower == bounds[i].upper
                        ? bounds[i].lower
                        : std::clamp(static_cast<double>(curves[i].curve.inverse_marginal(lambda)),
                                     bounds[i].lower, bounds[i].upper);
    }
}

/// lambda, and the bisection steps taken to find it.
struct multiplier_found {
    double lambda = 0;
    std::size_t iterations = 0;
};

/// Finds lambda with S(lambda) = B and leaves x_i(lambda) in `spends`. When the lower (upper)
/// bounds alone meet the budget within `slack`, the spends are those bounds and lambda is the
/// largest marginal return at the lower bounds (the smallest at the upper bounds) of the names
/// that are not fixed, NaN when all are.
template <concave_response Curve>
multiplier_found water_fill(const std::vector<basic_named_response<Curve>>& curves,
                            const std::vector<spend_bounds>& range, double budget, double slack,
                            std::size_t max_iterations, std::vector<double>& spends) {
    double lower_sum = 0;
    double upper_sum = 0;
    for (const auto& r : range) {
        lower_sum += r.lower;
        upper_sum += r.upper;
    }
    if (lower_sum >= budget - slack || upper_sum <= budget + slack) {
        const bool at_lower = lower_sum >= budget - slack;
        double lambda = std::numeric_limits<double>::quiet_NaN();
        for (std::size_t i = 0; i < curves.size(); ++i) {
            spends[i] = at_lower ? range[i].lower : range[i].upper;
            if (range[i].lower < range[i].upper) {
                const double marginal = curves[i].curve.marginal(spends[i]);
                lambda = std::isnan(lambda) ? marginal
                         : at_lower         ? std::max(lambda, marginal)
                                            : std::min(lambda, marginal);
            }
        }
        return {lambda, 0};
    }

    // S(lambda) falls from sum u_i (lambda -> 0) to sum l_i (lambda -> inf): bracket the budget
    // between lambda_lo (S >= B) and lambda_hi (S <= B) by doubling and halving from 1.
    const auto total_at = [&](double lambda) {
        spends_at(curves, range, lambda, spends);
        return ordered_sum(spends);
    };
    double lambda_lo = 1;
    double lambda_hi = 1;
    constexpr int bracket_steps = 2200; // enough to run from 1 to either end of double's range
    if (total_at(1.0) > budget) {
        for (int step = 0; step < bracket_steps && total_at(lambda_hi) > budget; ++step) {
            lambda_lo = lambda_hi;
            lambda_hi *= 2;
        }
    } else {
        for (int step = 0; step < bracket_steps && total_at(lambda_lo) < budget; ++step) {
            lambda_hi = lambda_lo;
            lambda_lo /= 2;
        }
    }
    if (total_at(lambda_lo) < budget - slack || total_at(lambda_hi) > budget + slack) {
        throw error(error_kind::numeric_error,
                    "allocate_spend: no multiplier between " + number_text(lambda_lo) + " and " +
                        number_text(lambda_hi) + " brings the spend to " + money_text(budget));
    }

    // Bisection on log lambda, the scale on which marginal returns of different curves differ,
    // until no double lies inside the bracket: stopping once S(lambda) is near B
    // would leave names with small spends far from the common marginal return.
    double lambda = lambda_hi;
    double total = total_at(lambda);
    std::size_t iterations = 0;
    while (total != budget && iterations < max_iterations) {
        const double mid =
            lambda_lo > 0 ? std::sqrt(lambda_lo) * std::sqrt(lambda_hi) : lambda_hi / 2;
        if (!(mid > lambda_lo && mid < lambda_hi)) {
            break; // the bracket is as narrow as doubles allow
        }
        ++iterations;
        lambda = mid;
        total = total_at(lambda);
        (total > budget ? lambda_lo : lambda_hi) = lambda;
    }
    return {lambda, iterations};
}

} // namespace detail

/// Splits `budget` over `curves` so that marginal returns are equal where `bounds` (keyed by
/// name) allow; see the header comment. Throws invalid_argument for an empty or repeated name, a
/// bounds entry for an unknown name, a lower bound above its upper bound or a negative or
/// non-finite budget; data_error when the lower bounds add to more than the budget or the upper
/// bounds to less; numeric_error when the bisection cannot bracket the budget.
template <concave_response Curve>
spend_allocation allocate_spend(const std::vector<basic_named_response<Curve>>& curves,
                                double budget,
                                const std::map<std::string, spend_bounds>& bounds = {},
                                const allocation_options& options = {}) {
    if (!std::isfinite(budget) || budget < 0) {
        throw error(error_kind::invalid_argument, "allocate_spend: budget " +
                                                      detail::money_text(budget) +
                                                      " is not a finite number >= 0");
    }
    if (!(options.tolerance > 0 && options.tolerance < 1)) {
        throw error(error_kind::invalid_argument, "allocate_spend: tolerance " +
                                                      detail::number_text(options.tolerance) +
                                                      " is outside (0, 1)");
    }
    const std::vector<spend_bounds> range = detail::resolve_bounds(curves, bounds);

    // The bounds must leave room for the budget, within the tolerance.
    const double slack = options.tolerance * std::max(budget, 1.0);
    double lower_sum = 0;
    double upper_sum = 0;
    for (const auto& r : range) {
        lower_sum += r.lower;
        upper_sum += r.upper;
    }
    if (lower_sum > budget + slack) {
        throw error(error_kind::data_error, "allocate_spend: the lower bounds add up to " +
                                                detail::money_text(lower_sum) +
                                                ", above the budget " + detail::money_text(budget));
    }
    if (upper_sum < budget - slack) {
        throw error(error_kind::data_error, "allocate_spend: the upper bounds add up to " +
                                                detail::money_text(upper_sum) +
                                                ", below the budget " + detail::money_text(budget));
    }

    std::vector<double> spends(curves.size());
    const auto [lambda, iterations] =
        detail::water_fill(curves, range, budget, slack, options.max_iterations, spends);
    detail::settle_remainder(spends, range, budget);

    // Report each name at its spend.
    spend_allocation result;
    result.budget = budget;
    result.marginal_return = lambda;
    result.iterations = iterations;
    result.entries.reserve(curves.size());
    for (std::size_t i = 0; i < curves.size(); ++i) {
        allocated_spend entry;
        entry.name = curves[i].name;
        entry.spend = spends[i];
        entry.response = curves[i].curve.value(spends[i]);
        entry.marginal_return = curves[i].curve.marginal(spends[i]);
        entry.bounds = range[i];
        entry.state = range[i].lower == range[i].upper ? bound_state::fixed
                      : spends[i] == range[i].lower    ? bound_state::at_lower
                      : spends[i] == range[i].upper    ? bound_state::at_upper
                                                       : bound_state::interior;
        result.total_response += entry.response;
        result.entries.push_back(std::move(entry));
    }
    result.total_spend = detail::ordered_sum(spends);
    return result;
}

/// The same for response_curve, so that a braced list of {name, curve} can be passed.
inline spend_allocation allocate_spend(const std::vector<named_response>& curves, double budget,
                                       const std::map<std::string, spend_bounds>& bounds = {},
                                       const allocation_options& options = {}) {
    return allocate_spend<response_curve>(curves, budget, bounds, options);
}

} // namespace kolroi
