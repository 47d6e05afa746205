// kolroi/prediction/gmv_model.hpp: a least-squares model of a collaboration's GMV, fitted on
// GMV itself or on its log, and its answer for a new design row on the scale of money.
//
// Two targets (kolroi/regression/ols.hpp fits either):
//   gmv      GMV = b0 + x b + e,      e ~ N(0, sigma^2)
//            mean and median x b; interval: the t prediction interval. GMV is never negative,
//            so a mean or an interval end below zero is cut at 0 and flagged
//   log_gmv  log GMV = b0 + x b + e,  so GMV is log-normal when e is normal
//            median exp(x b); interval [exp(l), exp(u)] with [l, u] the t prediction interval
//            of log GMV (exp is increasing, so its quantiles are the quantiles' exp); mean by a
//            stated correction of the back-transform:
//              smearing   exp(x b) * (1/n) sum exp(r_i)       (Duan, "Smearing estimate: a
//                         nonparametric retransformation method", JASA 78, 1983), with r_i the
//                         fit's residuals; it needs no normality
//              lognormal  exp(x b + (s^2 + se^2) / 2)         the mean of a log-normal whose
//                         log has the prediction's variance (s the residual standard error,
//                         se that of the fitted mean at x)
// The log target needs every GMV above zero; `fit_gmv_model` says so otherwise.
#pragma once

#include "kolroi/core/error.hpp"
#include "kolroi/io/text.hpp"
#include "kolroi/regression/ols.hpp"

#include <Eigen/Core>

#include <algorithm>
#include <cmath>
#include <optional>
#include <string>
#include <string_view>

namespace kolroi {

/// What a GMV model is fitted on.
enum class gmv_target { gmv, log_gmv };

constexpr std::string_view to_string(gmv_target target) noexcept {
    return target == gmv_target::gmv ? "gmv" : "log_gmv";
}

/// How the mean of GMV is recovered from a model of log GMV.
enum class back_transform { smearing, lognormal };

constexpr std::string_view to_string(back_transform correction) noexcept {
    return correction == back_transform::smearing ? "smearing" : "lognormal";
}

/// A model's answer for one design row, in money.
struct gmv_prediction {
    double mean = 0;
    double median = 0;
    std::optional<interval> range;  ///< the prediction interval at the level asked for
    bool cut_at_zero = false;       ///< the gmv target's mean or interval reached below zero
    std::string no_interval_reason; ///< when there is no interval
};

struct gmv_model {
    gmv_target target = gmv_target::log_gmv;
    back_transform correction = back_transform::smearing;
    ols_result fit;
    double smearing_factor = 1; ///< (1/n) sum exp(r_i) of the log fit; 1 for the gmv target
};

/// Fits GMV (or its log) on the design `x`, one row per collaboration. Throws kolroi::error:
/// invalid_argument when `gmv` has another length than x's rows, data_error when the log
/// target meets a GMV that is not above zero; whatever fit_ols throws passes through.
inline gmv_model fit_gmv_model(const Eigen::MatrixXd& x, const Eigen::VectorXd& gmv,
                               gmv_target target, back_transform correction,
                               const ols_options& options = {}) {
    if (gmv.size() != x.rows()) {
        throw error(error_kind::invalid_argument,
                    "fit_gmv_model: x has " + std::to_string(x.rows()) + " rows but gmv has " +
                        std::to_string(gmv.size()));
    }
    gmv_model model;
    model.target = target;
    model.correction = correction;
    if (target == gmv_target::gmv) {
        model.fit = fit_ols(x, gmv, options);
        return model;
    }
    for (Eigen::Index i = 0; i < gmv.size(); ++i) {
        if (!(gmv[i] > 0)) {
            throw error(error_kind::data_error,
                        "fit_gmv_model: GMV of row " + std::to_string(i) + " is " +
                            kolroi::format_number(gmv[i]) +
                            "; the log_gmv target needs every GMV above zero");
        }
    }
    model.fit = fit_ols(x, gmv.array().log().matrix(), options);
    model.smearing_factor = model.fit.residuals.array().exp().mean();
    return model;
}

/// The model's GMV at one design row, with a `level` prediction interval.
inline gmv_prediction predict_gmv(const gmv_model& model, const Eigen::RowVectorXd& row,
                                  double level) {
    const prediction p = predict_row(model.fit, row, level);
    gmv_prediction answer;
    answer.no_interval_reason = p.no_interval_reason;
    if (model.target == gmv_target::gmv) {
        answer.mean = std::max(0.0, p.mean);
        answer.median = answer.mean;
        answer.cut_at_zero = p.mean < 0;
        if (p.prediction_interval) {
            answer.cut_at_zero = answer.cut_at_zero || p.prediction_interval->lower < 0;
            answer.range = interval{std::max(0.0, p.prediction_interval->lower),
                                    std::max(0.0, p.prediction_interval->upper)};
        }
        return answer;
    }

    answer.median = std::exp(p.mean);
    if (model.correction == back_transform::smearing || !p.standard_error) {
        answer.mean = answer.median * model.smearing_factor;
    } else {
        const double s = *model.fit.residual_standard_error;
        answer.mean = std::exp(p.mean + (s * s + *p.standard_error * *p.standard_error) / 2);
    }
    if (p.prediction_interval) {
        answer.range = interval{std::exp(p.prediction_interval->lower),
                                std::exp(p.prediction_interval->upper)};
    }
    return answer;
}

} // namespace kolroi
