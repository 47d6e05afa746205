// kolroi/incrementality/kol_verdict.hpp: a KOL's incremental ROAS, and a verdict in plain
// language from the KOL's cost, credit and incremental revenue.
//
// Incremental ROAS = incremental revenue / cost, with the interval of the revenue divided by the
// cost (the cost is known); undefined at zero cost, as ROAS is (roi_metrics.hpp). With a gross
// margin m, the payback test compares m times the net incremental revenue with the cost.
//
// The verdict, first matching rule first:
//   not measured         no post of the KOL could be measured;
//   leaked code          at least leaked_min_uses leaked code uses, more than leaked_share of
//                        all the KOL's code uses (code_leakage.hpp);
//   bought anyway        the incremental revenue's upper bound is below anyway_share of the
//                        revenue the chosen model credited: the credit is mostly orders that
//                        would have happened anyway;
//   then, or after either warning, whether the KOL pays back:
//   pays back            the interval's lower bound is above the cost;
//   does not pay back    its upper bound is below the cost;
//   unclear              the interval holds the cost (or there is no interval);
//   at zero cost         "no cost": positive if the lower bound is above zero.
#pragma once

#include "kolroi/incrementality/incremental_estimate.hpp"
#include "kolroi/regression/ols_result.hpp"
#include "kolroi/roi/roi_metrics.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace kolroi {

enum class verdict_kind {
    not_measured,
    leaked_code,
    bought_anyway,
    pays_back,
    does_not_pay_back,
    unclear,
    no_cost_incremental,
    no_cost_no_effect,
};

/// The plain-language text of one finding.
constexpr std::string_view to_string(verdict_kind kind) noexcept {
    switch (kind) {
    case verdict_kind::not_measured:
        return "not measured: no post could be measured";
    case verdict_kind::leaked_code:
        return "leaked code: most code orders had no KOL touch";
    case verdict_kind::bought_anyway:
        return "credited well but mostly buyers who would have bought anyway";
    case verdict_kind::pays_back:
        return "incremental: pays back";
    case verdict_kind::does_not_pay_back:
        return "does not pay back";
    case verdict_kind::unclear:
        return "unclear: the interval includes the cost";
    case verdict_kind::no_cost_incremental:
        return "incremental, at no cost";
    case verdict_kind::no_cost_no_effect:
        return "no measurable effect, at no cost";
    }
    return "not measured: no post could be measured";
}

struct verdict_options {
    double leaked_share = 0.5;        ///< leaked code uses above this share of all code uses
    std::size_t leaked_min_uses = 10; ///< and at least this many of them
    double anyway_share = 0.5;        ///< upper bound below this share of the credited revenue
};

/// What a verdict is drawn from; money in one currency, revenue on one basis.
struct kol_value {
    double cost = 0;
    double credited_revenue = 0; ///< under the chosen model
    incremental_estimate revenue;
    double leaked_uses = 0;
    std::size_t code_uses = 0;
    std::optional<double> gross_margin; ///< when set, m * revenue is weighed against the cost
    std::size_t posts_measured = 0;     ///< posts behind `revenue`; none: not measured
};

struct kol_verdict {
    verdict_kind kind = verdict_kind::not_measured; ///< the main finding
    std::optional<verdict_kind> payback;            ///< after a warning: whether it pays back
    std::string text;                               ///< both, joined by "; "
};

/// Incremental revenue over cost, with the revenue's interval over the cost.
struct incremental_roas {
    metric value = metric::undefined(undefined_because::zero_cost);
    std::optional<interval> range;
};

[[nodiscard]] inline incremental_roas roas_of(const incremental_estimate& revenue, double cost) {
    incremental_roas roas;
    if (!(cost > 0)) {
        return roas;
    }
    roas.value = metric::of(revenue.incremental / cost);
    if (revenue.range) {
        roas.range = interval{revenue.range->lower / cost, revenue.range->upper / cost};
    }
    return roas;
}

namespace detail {

inline verdict_kind payback_of(const kol_value& value) {
    const double m = value.gross_margin.value_or(1.0);
    if (!(value.cost > 0)) {
        const bool positive =
            value.revenue.range ? value.revenue.range->lower > 0 : value.revenue.incremental > 0;
        return positive ? verdict_kind::no_cost_incremental : verdict_kind::no_cost_no_effect;
    }
    if (!value.revenue.range) {
        return verdict_kind::unclear;
    }
    if (m * value.revenue.range->lower > value.cost) {
        return verdict_kind::pays_back;
    }
    if (m * value.revenue.range->upper < value.cost) {
        return verdict_kind::does_not_pay_back;
    }
    return verdict_kind::unclear;
}

} // namespace detail

/// The verdict on one KOL (the rules at the top of this header).
[[nodiscard]] inline kol_verdict judge_kol(const kol_value& value,
                                           const verdict_options& options = {}) {
    kol_verdict verdict;
    if (value.posts_measured == 0) {
        verdict.text = std::string(to_string(verdict.kind));
        return verdict;
    }

    const bool leaked =
        value.code_uses > 0 && value.leaked_uses >= static_cast<double>(options.leaked_min_uses) &&
        value.leaked_uses > options.leaked_share * static_cast<double>(value.code_uses);
    const bool anyway = value.credited_revenue > 0 && value.revenue.range &&
                        value.revenue.range->upper < options.anyway_share * value.credited_revenue;
    const verdict_kind payback = detail::payback_of(value);
    if (leaked || anyway) {
        verdict.kind = leaked ? verdict_kind::leaked_code : verdict_kind::bought_anyway;
        verdict.payback = payback;
        verdict.text =
            std::string(to_string(verdict.kind)) + "; " + std::string(to_string(payback));
        return verdict;
    }
    verdict.kind = payback;
    verdict.text = std::string(to_string(payback));
    return verdict;
}

} // namespace kolroi
