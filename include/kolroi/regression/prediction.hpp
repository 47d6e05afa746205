// kolroi/regression/prediction.hpp: the fitted mean at new rows, with a confidence interval of
// the mean and a prediction interval of a new observation.
//
// For a new row x0 of a fit from `fit_ols` (kolroi/regression/ols.hpp), with c = x0 - mean(x):
//   mean  = b0 + x0'b = mean(y) + c'b
//   se    = sigma sqrt(1 / sum(w) + c'(X'WX)^- c)     (the 1 / sum(w) term only with an intercept)
//   confidence interval  mean -/+ t(df, (1 + level) / 2) se
//   prediction interval  mean -/+ t(df, (1 + level) / 2) sqrt(sigma^2 + se^2)
// where X is the centred design, sigma the residual standard error and df its degrees of
// freedom; the new observation is taken to have weight 1. This is the textbook interval of the
// normal linear model (for example Montgomery, Peck and Vining, Introduction to Linear
// Regression Analysis, 3.4-3.5). With ridge, (X'WX)^- is replaced by the ridge covariance.
//
// There is no interval, and `no_interval_reason` says why, when the fit has no residual degrees
// of freedom or, for a minimum-norm fit, when x0 leaves the row space of the design (then the
// mean itself depends on which least-squares solution was picked).
#pragma once

#include "kolroi/core/error.hpp"
#include "kolroi/regression/detail/ols_text.hpp"
#include "kolroi/regression/ols_result.hpp"

#include <Eigen/Core>

#include <cmath>
#include <optional>
#include <string>
#include <vector>

namespace kolroi {

/// The model's answer at one new row.
struct prediction {
    double mean = 0.0;                           ///< b0 + x0'b
    std::optional<double> standard_error;        ///< of the mean
    std::optional<interval> confidence_interval; ///< for the mean at x0
    std::optional<interval> prediction_interval; ///< for one new observation at x0
    std::string no_interval_reason;              ///< empty when both intervals exist
};

namespace detail::ols {

inline void check_rows(const char* caller, const ols_result& fit, const Eigen::MatrixXd& rows) {
    const Eigen::Index columns = fit.state.slopes.size();
    if (rows.cols() != columns) {
        throw error(error_kind::invalid_argument,
                    std::string(caller) + ": the fit has " + std::to_string(columns) +
                        " columns of x but the new rows have " + std::to_string(rows.cols()));
    }
    for (Eigen::Index i = 0; i < rows.rows(); ++i) {
        for (Eigen::Index j = 0; j < rows.cols(); ++j) {
            if (!std::isfinite(rows(i, j))) {
                throw error(error_kind::data_error,
                            std::string(caller) + ": value (" + std::to_string(i) + ", " +
                                std::to_string(j) + ") of the new rows is " +
                                format_number(rows(i, j)) + "; every value must be finite",
                            input_location{"", 0, cell_name("rows", i, j)});
            }
        }
    }
}

} // namespace detail::ols

/// The mean and the `level` intervals at each row of `rows` (one column per column of the x
/// the model was fitted on). Throws kolroi::error when the columns do not match, a value is not
/// finite (data_error) or level is outside (0, 1) (invalid_argument).
inline std::vector<prediction> predict(const ols_result& fit, const Eigen::MatrixXd& rows,
                                       double level = 0.95) {
    detail::ols::check_level("predict", level);
    detail::ols::check_rows("predict", fit, rows);
    const detail::ols::fit_state& state = fit.state;

    // Centre once for every row; c'b and |F c|^2 then come from two matrix products.
    const Eigen::MatrixXd centred = rows.rowwise() - state.x_means.transpose();
    const Eigen::VectorXd means = (centred * state.slopes).array() + state.y_mean;
    const Eigen::VectorXd spread =
        (centred * state.covariance_root.transpose()).rowwise().squaredNorm();

    const std::optional<double> sigma = fit.residual_standard_error;
    const double t = sigma ? detail::ols::t_quantile(fit.residual_degrees_of_freedom, level) : 0.0;
    const double intercept_part = state.intercept ? 1.0 / state.weight_sum : 0.0;

    std::vector<prediction> answers(static_cast<std::size_t>(rows.rows()));
    for (Eigen::Index i = 0; i < rows.rows(); ++i) {
        prediction& answer = answers[static_cast<std::size_t>(i)];
        answer.mean = means[i];
        if (!sigma) {
            answer.no_interval_reason = "the fit has no residual degrees of freedom, so the "
                                        "noise variance cannot be estimated";
            continue;
        }
        if (state.null_rows.rows() > 0 &&
            !detail::ols::estimable(state, centred.row(i).transpose())) {
            answer.no_interval_reason = "the row leaves the span of the rank-deficient design, "
                                        "so its mean depends on the minimum-norm choice";
            continue;
        }
        const double se = *sigma * std::sqrt(intercept_part + spread[i]);
        const double observation_se = std::sqrt(*sigma * *sigma + se * se);
        answer.standard_error = se;
        answer.confidence_interval = interval{answer.mean - t * se, answer.mean + t * se};
        answer.prediction_interval =
            interval{answer.mean - t * observation_se, answer.mean + t * observation_se};
    }
    return answers;
}

/// `predict` for a single row x0.
inline prediction predict_row(const ols_result& fit, const Eigen::RowVectorXd& row,
                              double level = 0.95) {
    return predict(fit, Eigen::MatrixXd(row), level).front();
}

} // namespace kolroi
