// kolroi/roi/roi_metrics.hpp: ROI, ROAS, CPA and profit ROI from a cost and credited figures.
//
// With cost C, credited orders N, and credited revenue R, which is the credited GMV after refunds
// (net, the default) or before them (gross):
//
//   ROI        = (R - C) / C
//   ROAS       = R / C
//   CPA        = C / N
//   profit ROI = (m * net GMV - C) / C    for a gross margin m the user gives
//
// Both variants of ROI and ROAS are always computed (roi_net, roi_gross, roas_net, roas_gross);
// roi() and roas() give the one the options name, net unless told otherwise, since revenue that
// was refunded was not earned. Profit ROI always uses net GMV.
//
// A ratio whose denominator is zero has no value: with C = 0 ROI, ROAS and profit ROI are
// undefined ("zero cost"), with N = 0 CPA is ("zero credited orders"), and without a margin
// profit ROI is ("no gross margin given"). An undefined metric carries its reason and is never
// stood in for by a zero. CPA with a zero cost and some orders is a true 0.
#pragma once

#include "kolroi/core/error.hpp"
#include "kolroi/io/text.hpp"

#include <cmath>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace kolroi {

/// The reasons an ROI metric can be undefined, as they appear in reports.
namespace undefined_because {
inline constexpr std::string_view zero_cost = "zero cost";
inline constexpr std::string_view zero_orders = "zero credited orders";
inline constexpr std::string_view no_margin = "no gross margin given";
} // namespace undefined_because

/// A metric that is either a number or undefined for a stated reason.
class metric {
public:
    [[nodiscard]] static metric of(double value) {
        metric result;
        result.m_value = value;
        return result;
    }

    [[nodiscard]] static metric undefined(std::string_view reason) {
        metric result;
        result.m_reason = std::string(reason);
        return result;
    }

    [[nodiscard]] bool defined() const noexcept { return m_value.has_value(); }

    /// The number; a numeric_error naming the reason when the metric is undefined.
    [[nodiscard]] double value() const {
        if (!m_value) {
            throw error(error_kind::numeric_error, "metric::value: undefined: " + m_reason);
        }
        return *m_value;
    }

    [[nodiscard]] const std::optional<double>& optional() const noexcept { return m_value; }

    /// Why the metric is undefined; empty when it is defined.
    [[nodiscard]] const std::string& reason() const noexcept { return m_reason; }

    /// The number as the shortest text that reads back exactly, or "undefined: <reason>".
    [[nodiscard]] std::string describe() const {
        return m_value ? format_number(*m_value) : "undefined: " + m_reason;
    }

    friend bool operator==(const metric&, const metric&) = default;

private:
    metric() = default;

    std::optional<double> m_value;
    std::string m_reason;
};

/// Which credited revenue roi() and roas() use.
enum class revenue_basis { net, gross };

constexpr std::string_view to_string(revenue_basis basis) noexcept {
    return basis == revenue_basis::net ? "net" : "gross";
}

struct roi_options {
    revenue_basis basis = revenue_basis::net;
    std::optional<double> gross_margin; ///< a fraction of net revenue, in [0, 1]
};

/// What the metrics are computed from; money in one currency.
struct roi_inputs {
    double cost = 0;
    double credited_orders = 0;
    double gross_revenue = 0; ///< credited GMV before refunds
    double net_revenue = 0;   ///< credited GMV after refunds
};

struct roi_metrics {
    roi_inputs inputs;
    revenue_basis basis = revenue_basis::net;
    metric roi_net = metric::undefined(undefined_because::zero_cost);
    metric roi_gross = metric::undefined(undefined_because::zero_cost);
    metric roas_net = metric::undefined(undefined_because::zero_cost);
    metric roas_gross = metric::undefined(undefined_because::zero_cost);
    metric cpa = metric::undefined(undefined_because::zero_orders);
    metric profit_roi = metric::undefined(undefined_because::zero_cost);

    [[nodiscard]] const metric& roi() const noexcept {
        return basis == revenue_basis::net ? roi_net : roi_gross;
    }
    [[nodiscard]] const metric& roas() const noexcept {
        return basis == revenue_basis::net ? roas_net : roas_gross;
    }
    /// The revenue roi() and roas() use.
    [[nodiscard]] double revenue() const noexcept {
        return basis == revenue_basis::net ? inputs.net_revenue : inputs.gross_revenue;
    }
};

namespace detail {

inline void check_roi_input(double value, std::string_view name, bool may_be_negative) {
    if (!std::isfinite(value) || (!may_be_negative && value < 0)) {
        throw error(
            error_kind::invalid_argument,
            "compute_roi_metrics: " + std::string(name) + " is " + format_number(value) +
                (may_be_negative ? "; it must be finite" : "; it must be non-negative and finite"));
    }
}

} // namespace detail

/// The metrics of `inputs`. Throws invalid_argument for a negative or non-finite cost or order
/// count, non-finite revenue, and a margin outside [0, 1]. Net revenue may be negative (refunds
/// of earlier sales), gross revenue may not.
[[nodiscard]] inline roi_metrics compute_roi_metrics(const roi_inputs& inputs,
                                                     const roi_options& options = {}) {
    detail::check_roi_input(inputs.cost, "cost", false);
    detail::check_roi_input(inputs.credited_orders, "credited orders", false);
    detail::check_roi_input(inputs.gross_revenue, "gross revenue", false);
    detail::check_roi_input(inputs.net_revenue, "net revenue", true);
    if (options.gross_margin && !(*options.gross_margin >= 0 && *options.gross_margin <= 1)) {
        throw error(error_kind::invalid_argument, "compute_roi_metrics: gross margin is " +
                                                      format_number(*options.gross_margin) +
                                                      "; a margin is a fraction in [0, 1]");
    }

    roi_metrics result;
    result.inputs = inputs;
    result.basis = options.basis;
    const double cost = inputs.cost;
    if (inputs.credited_orders > 0) {
        result.cpa = metric::of(cost / inputs.credited_orders);
    }
    if (!options.gross_margin) {
        result.profit_roi = metric::undefined(undefined_because::no_margin);
    }
    if (cost == 0) {
        return result;
    }

    result.roi_net = metric::of((inputs.net_revenue - cost) / cost);
    result.roi_gross = metric::of((inputs.gross_revenue - cost) / cost);
    result.roas_net = metric::of(inputs.net_revenue / cost);
    result.roas_gross = metric::of(inputs.gross_revenue / cost);
    if (options.gross_margin) {
        result.profit_roi = metric::of((*options.gross_margin * inputs.net_revenue - cost) / cost);
    }
    return result;
}

} // namespace kolroi
