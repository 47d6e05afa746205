// kolroi/incrementality/post_lift.hpp: what a post added to the daily series it reached, against
// a counterfactual fitted on the days before it.
//
// A post reaches some daily series (the orders or revenue of the market and product a KOL
// sells to: the treated series) and leaves others alone (other markets, other products: the
// control series). On the fit days, the days before the post window that no other post
// touched, each treated series is regressed on the controls by least squares with an intercept
// (kolroi/regression/ols.hpp):
//   y_t = b0 + x_t'b + e_t,   e_t independent N(0, sigma^2),
// and the fit, applied to the controls of the window, is the counterfactual: what the treated
// series would have done without the post. Over a window of W days with control sum x_sum and
// treated sum Y,
//   counterfactual  C = W b0 + x_sum'b             (= W times the fitted mean at x_sum / W)
//   lift            L = Y - C
//   Var(L)          = W sigma^2 + [W, x_sum]' Cov(b0, b) [W, x_sum]
//   interval        L -/+ t(df, (1 + level) / 2) sqrt(Var(L)),  df = fit days - parameters,
// the prediction variance of a sum of W new observations: W draws of the noise, plus the error
// of the fitted line at the window's controls, which is shared by every day of the window. This
// is the comparative interrupted time series, or the regression form of a synthetic control
// (Abadie, Diamond and Hainmueller 2010 use weights instead of a free regression); the
// interval is the textbook prediction interval of the normal linear model (Montgomery, Peck and
// Vining, Introduction to Linear Regression Analysis, 3.4-3.5) applied to a sum.
//
// Several treated series: each gets its own fit and lift, and their sum is fitted as one series
// (least squares is linear in y, so its counterfactual is the sum of theirs; its variance counts
// the correlation between the series, which adding the separate variances would not).
//
// Degenerate fits:
// - A control that is constant over the fit days is the intercept again: it is dropped, noted
//   ("constant control"), and the counterfactual does not move with it in the window.
// - With no control left, the model is the intercept alone: the counterfactual is W times the
//   mean of the fit days, with Var(L) = W s^2 + W^2 s^2 / n.
// - A treated series fitted exactly (all residuals zero, as a constant series before the post
//   is) has an estimated noise of zero and a zero-width interval at the lift: the counterfactual
//   is then exact under the model, and the interval says so rather than being left out. It is
//   noted ("perfect fit"), since real series are never exact.
// - With no residual degrees of freedom, or collinear controls whose window leaves the span of
//   the fit days, there is no interval and no_interval_reason says why.
// The noise is taken to be independent from day to day; autocorrelated series get intervals
// that are too narrow (docs/incrementality.md).
#pragma once

#include "kolroi/core/diagnostics.hpp"
#include "kolroi/core/error.hpp"
#include "kolroi/regression/ols.hpp"
#include "kolroi/regression/ols_result.hpp"
#include "kolroi/regression/prediction.hpp"

#include <Eigen/Core>
#include <boost/math/distributions/students_t.hpp>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace kolroi {

/// Daily values of one series, day 0 first: orders, revenue, whatever the caller counts.
struct daily_series {
    std::string name;
    std::vector<double> values;
};

/// One post: the series it reached, the series it did not, and its days.
struct lift_design {
    std::string label;                      ///< names the post in results and errors
    std::vector<std::size_t> treated;       ///< into the series: what the post reached
    std::vector<std::size_t> controls;      ///< into the series: what it did not reach
    std::size_t window_start = 0;           ///< the first day of the post window
    std::size_t window_days = 14;           ///< days of the window, from window_start
    std::size_t pre_days = 56;              ///< fit on at most this many days before the window
    std::vector<std::size_t> excluded_days; ///< days left out of the fit (other posts' windows)
};

struct lift_options {
    double level = 0.90; ///< of the lift's interval
};

/// The lift of one series (or of the sum of the treated series) over one post window.
struct lift_estimate {
    std::string series; ///< the series' name, or "(total)" for the sum
    std::size_t window_days = 0;
    double actual = 0;                    ///< the series summed over the window
    double counterfactual = 0;            ///< what the fit says it would have been without the post
    double lift = 0;                      ///< actual - counterfactual
    std::optional<double> standard_error; ///< sqrt(Var(lift))
    std::optional<interval> lift_interval;
    double degrees_of_freedom = 0;
    std::optional<double> r_squared; ///< of the fit (empty for the intercept alone)
    std::string no_interval_reason;  ///< empty when the interval exists

    /// lift / counterfactual; empty unless the counterfactual is positive.
    [[nodiscard]] std::optional<double> relative_lift() const {
        if (!(counterfactual > 0)) {
            return std::nullopt;
        }
        return lift / counterfactual;
    }

    [[nodiscard]] double daily_lift() const {
        return window_days == 0 ? 0.0 : lift / static_cast<double>(window_days);
    }
};

struct post_lift {
    std::string label;
    std::size_t fit_days = 0;               ///< days the counterfactual was fitted on
    std::vector<std::string> controls_used; ///< the controls left after dropping constant ones
    std::vector<lift_estimate> series;      ///< one per treated series, in the design's order
    lift_estimate total;                    ///< of the treated series summed
    diagnostics notes;
};

namespace detail::lift {

inline std::string post_name(const lift_design& design) {
    return "post '" + design.label + "'";
}

inline void check_series(std::span<const daily_series> series, const lift_design& design,
                         std::size_t index, const char* role) {
    if (index >= series.size()) {
        throw error(error_kind::invalid_argument,
                    "estimate_post_lift: " + post_name(design) + " names " + role + " series " +
                        std::to_string(index) + " but there are " + std::to_string(series.size()));
    }
    const daily_series& s = series[index];
    const std::size_t end = design.window_start + design.window_days;
    if (s.values.size() < end) {
        throw error(error_kind::invalid_argument,
                    "estimate_post_lift: " + post_name(design) + "'s window ends on day " +
                        std::to_string(end) + " but series '" + s.name + "' has " +
                        std::to_string(s.values.size()) + " days");
    }
    for (std::size_t d = 0; d < end; ++d) {
        if (!std::isfinite(s.values[d])) {
            throw error(error_kind::data_error,
                        "estimate_post_lift: day " + std::to_string(d) + " of series '" + s.name +
                            "' is not a finite number",
                        input_location{"", 0, s.name + "[" + std::to_string(d) + "]"});
        }
    }
}

inline void check_design(std::span<const daily_series> series, const lift_design& design) {
    if (design.treated.empty()) {
        throw error(error_kind::invalid_argument,
                    "estimate_post_lift: " + post_name(design) + " has no treated series");
    }
    if (design.window_days == 0) {
        throw error(error_kind::invalid_argument,
                    "estimate_post_lift: " + post_name(design) + " has a window of 0 days");
    }
    for (const std::size_t t : design.treated) {
        check_series(series, design, t, "treated");
        if (std::find(design.controls.begin(), design.controls.end(), t) != design.controls.end()) {
            throw error(error_kind::invalid_argument, "estimate_post_lift: " + post_name(design) +
                                                          " has series '" + series[t].name +
                                                          "' both treated and control");
        }
    }
    for (const std::size_t c : design.controls) {
        check_series(series, design, c, "control");
    }
}

/// The days before the window, at most pre_days of them, that the design does not exclude.
inline std::vector<std::size_t> fit_days(const lift_design& design) {
    const std::size_t first =
        design.window_start > design.pre_days ? design.window_start - design.pre_days : 0;
    std::vector<std::size_t> days;
    for (std::size_t d = first; d < design.window_start; ++d) {
        if (std::find(design.excluded_days.begin(), design.excluded_days.end(), d) ==
            design.excluded_days.end()) {
            days.push_back(d);
        }
    }
    return days;
}

/// A column that does not vary over the fit days (relative to its size, as fit_ols judges it)
/// carries nothing the intercept does not.
inline bool constant_over(const std::vector<double>& values, const std::vector<std::size_t>& days) {
    double mean = 0;
    for (const std::size_t d : days) {
        mean += values[d];
    }
    mean /= static_cast<double>(days.size());
    double spread = 0;
    double size = 0;
    for (const std::size_t d : days) {
        spread += (values[d] - mean) * (values[d] - mean);
        size += values[d] * values[d];
    }
    return std::sqrt(spread) <= default_rank_tolerance * std::sqrt(size);
}

/// The design's parts as matrices: controls on the fit days, and the controls' mean over the
/// window (the row at which W times the fitted mean is the counterfactual).
struct fit_inputs {
    std::vector<std::size_t> days;
    Eigen::MatrixXd x;           ///< fit days by kept controls, or a column of ones
    Eigen::RowVectorXd x_window; ///< the window's mean row, or [1]
    bool intercept = true;       ///< false for the intercept-only model as a column of ones
};

inline fit_inputs make_inputs(std::span<const daily_series> series, const lift_design& design,
                              post_lift& result) {
    fit_inputs inputs;
    inputs.days = fit_days(design);
    if (inputs.days.empty()) {
        throw error(error_kind::data_error,
                    "estimate_post_lift: " + post_name(design) +
                        " has no day to fit on before day " + std::to_string(design.window_start) +
                        " (pre_days " + std::to_string(design.pre_days) + ", " +
                        std::to_string(design.excluded_days.size()) + " days excluded)");
    }
    std::vector<std::size_t> kept;
    for (const std::size_t c : design.controls) {
        if (constant_over(series[c].values, inputs.days)) {
            result.notes.add("constant control",
                             "control '" + series[c].name + "' does not vary over the " +
                                 std::to_string(inputs.days.size()) + " fit days of " +
                                 post_name(design) + "; dropped");
            continue;
        }
        kept.push_back(c);
        result.controls_used.push_back(series[c].name);
    }

    const auto n = static_cast<Eigen::Index>(inputs.days.size());
    if (kept.empty()) {
        inputs.intercept = false;
        inputs.x = Eigen::MatrixXd::Ones(n, 1);
        inputs.x_window = Eigen::RowVectorXd::Ones(1);
        return inputs;
    }
    const auto k = static_cast<Eigen::Index>(kept.size());
    inputs.x.resize(n, k);
    inputs.x_window = Eigen::RowVectorXd::Zero(k);
    for (Eigen::Index j = 0; j < k; ++j) {
        const auto& values = series[kept[static_cast<std::size_t>(j)]].values;
        for (Eigen::Index i = 0; i < n; ++i) {
            inputs.x(i, j) = values[inputs.days[static_cast<std::size_t>(i)]];
        }
        for (std::size_t d = 0; d < design.window_days; ++d) {
            inputs.x_window[j] += values[design.window_start + d];
        }
    }
    inputs.x_window /= static_cast<double>(design.window_days);
    return inputs;
}

/// The lift of one treated series (y over every day) given the fit inputs.
inline lift_estimate estimate_one(const std::string& name, const std::vector<double>& y,
                                  const lift_design& design, const fit_inputs& inputs,
                                  const lift_options& options, diagnostics& notes) {
    Eigen::VectorXd fit_y(static_cast<Eigen::Index>(inputs.days.size()));
    for (std::size_t i = 0; i < inputs.days.size(); ++i) {
        fit_y[static_cast<Eigen::Index>(i)] = y[inputs.days[i]];
    }
    ols_options fit_options;
    fit_options.intercept = inputs.intercept;
    const ols_result fit = fit_ols(inputs.x, fit_y, fit_options);
    const prediction at_window = predict_row(fit, inputs.x_window, options.level);

    lift_estimate estimate;
    estimate.series = name;
    estimate.window_days = design.window_days;
    const auto w = static_cast<double>(design.window_days);
    for (std::size_t d = 0; d < design.window_days; ++d) {
        estimate.actual += y[design.window_start + d];
    }
    estimate.counterfactual = w * at_window.mean;
    estimate.lift = estimate.actual - estimate.counterfactual;
    estimate.degrees_of_freedom = fit.residual_degrees_of_freedom;
    if (inputs.intercept) {
        estimate.r_squared = fit.r_squared;
    }
    if (!at_window.standard_error || !fit.residual_standard_error) {
        estimate.no_interval_reason = at_window.no_interval_reason;
        return estimate;
    }

    // W new draws of the noise, plus W times the error of the fitted mean at the window.
    const double sigma = *fit.residual_standard_error;
    const double se_mean = *at_window.standard_error;
    const double se = std::sqrt(w * sigma * sigma + w * w * se_mean * se_mean);
    estimate.standard_error = se;
    const boost::math::students_t t_distribution(fit.residual_degrees_of_freedom);
    const double t =
        boost::math::quantile(boost::math::complement(t_distribution, (1.0 - options.level) / 2.0));
    estimate.lift_interval = interval{estimate.lift - t * se, estimate.lift + t * se};
    if (sigma == 0.0) {
        notes.add("perfect fit", "series '" + name + "' is fitted exactly on the " +
                                     std::to_string(inputs.days.size()) + " fit days of " +
                                     post_name(design) + "; its interval has zero width");
    }
    return estimate;
}

} // namespace detail::lift

/// The lift of one post over each of its treated series and over their sum (the model at the
/// top of this header). Throws kolroi::error: invalid_argument when the design names a series
/// that does not exist, a series both treated and control, no treated series, a window of no
/// days, a window past a series' end, or a level outside (0, 1); data_error when a value is not
/// finite or no day is left to fit on.
[[nodiscard]] inline post_lift estimate_post_lift(std::span<const daily_series> series,
                                                  const lift_design& design,
                                                  const lift_options& options = {}) {
    if (!(options.level > 0.0 && options.level < 1.0)) {
        throw error(error_kind::invalid_argument,
                    "estimate_post_lift: level must be in (0, 1), got " +
                        std::to_string(options.level));
    }
    detail::lift::check_design(series, design);
    post_lift result;
    result.label = design.label;
    const detail::lift::fit_inputs inputs = detail::lift::make_inputs(series, design, result);
    result.fit_days = inputs.days.size();

    // Every series is checked to reach past the window, and nothing after it is read.
    std::vector<double> sum(design.window_start + design.window_days, 0.0);
    for (const std::size_t t : design.treated) {
        const daily_series& treated = series[t];
        result.series.push_back(detail::lift::estimate_one(treated.name, treated.values, design,
                                                           inputs, options, result.notes));
        for (std::size_t d = 0; d < sum.size(); ++d) {
            sum[d] += treated.values[d];
        }
    }
    result.total =
        result.series.size() == 1
            ? result.series.front()
            : detail::lift::estimate_one("(total)", sum, design, inputs, options, result.notes);
    result.total.series = "(total)";
    return result;
}

/// `estimate_post_lift` for each design, in order: several posts over the same series.
[[nodiscard]] inline std::vector<post_lift>
estimate_post_lifts(std::span<const daily_series> series, std::span<const lift_design> designs,
                    const lift_options& options = {}) {
    std::vector<post_lift> results;
    results.reserve(designs.size());
    for (const lift_design& design : designs) {
        results.push_back(estimate_post_lift(series, design, options));
    }
    return results;
}

} // namespace kolroi
