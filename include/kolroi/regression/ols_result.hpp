// kolroi/regression/ols_result.hpp: what a least-squares fit found, and its inference.
//
// `ols_result` is what `fit_ols` (kolroi/regression/ols.hpp) returns: the coefficients with
// their standard errors, t statistics and two-sided p values; the residual standard error and
// degrees of freedom; R-squared (centred with an intercept, uncentred without, as NIST's StRD
// certifies it) and adjusted R-squared; the sums of squares and the overall F test; the
// numerical rank, a condition number and the columns found collinear. Every statistic that the
// data cannot determine (no residual degrees of freedom, a coefficient that is not estimable)
// is an empty optional, never a made-up number.
//
// Inference follows the classical linear model y = X b + e, e ~ N(0, sigma^2 W^-1):
//   sigma^2 = RSS / df,  RSS = sum w_i r_i^2,  df = n - rank - [intercept],
//   Var(c'b) = sigma^2 c' (X'WX)^- c,  t = b_j / se_j ~ t(df),
// with n the number of rows of positive weight. (X'WX)^- is never formed: c'(X'WX)^- c is
// |F c|^2, where F = R^-T (the rows of Z P' that span the design's row space), found by a
// triangular solve with the R factor of the design's decomposition.
#pragma once

#include "kolroi/core/diagnostics.hpp"
#include "kolroi/core/error.hpp"
#include "kolroi/regression/detail/ols_text.hpp"

#include <Eigen/Core>
#include <boost/math/distributions/fisher_f.hpp>
#include <boost/math/distributions/students_t.hpp>

#include <cmath>
#include <optional>
#include <string>
#include <vector>

namespace kolroi {

/// A closed interval [lower, upper].
struct interval {
    double lower = 0.0;
    double upper = 0.0;

    [[nodiscard]] bool contains(double value) const noexcept {
        return lower <= value && value <= upper;
    }

    [[nodiscard]] double width() const noexcept { return upper - lower; }
};

/// Which solution of the least-squares problem the coefficients are.
enum class solution_kind {
    unique,       ///< the design has full column rank: the one least-squares solution
    minimum_norm, ///< rank-deficient or underdetermined: the least-squares solution of least
                  ///< Euclidean length of the slopes, in the units of x (centred when there is
                  ///< an intercept); coefficients of collinear columns are not estimable
    ridge,        ///< ridge_lambda > 0: the unique penalised solution
};

namespace detail::ols {

/// What prediction needs from a fit, in the units of x. Not part of the stable interface.
struct fit_state {
    bool intercept = true;
    double y_mean = 0.0;     ///< weighted mean of y (0 without an intercept)
    double weight_sum = 0.0; ///< sum of the weights of the rows that took part
    Eigen::VectorXd x_means; ///< weighted column means of x (0 without an intercept)
    Eigen::VectorXd slopes;  ///< the coefficients of the columns of x
    Eigen::VectorXd scales;  ///< length of each centred, weighted column (1 for a zero column)
    /// F with (X'WX)^- = F'F over the estimable directions (for ridge, the covariance of the
    /// slopes over sigma^2 is F'F), one column per column of x.
    Eigen::MatrixXd covariance_root;
    /// Rows spanning the null space of the design in the scaled coordinates, mapped back to x's
    /// units: c'b is estimable when null_rows * c is zero (to estimability_tolerance).
    Eigen::MatrixXd null_rows;
};

/// Relative size of null_rows * c below which c counts as estimable.
inline constexpr double estimability_tolerance = 1e-8;

/// c'b has a meaning beyond the choice of solution, and sigma^2 |F c|^2 is its variance, only
/// when c lies in the row space of the design.
inline bool estimable(const fit_state& state, const Eigen::VectorXd& c) {
    if (state.null_rows.rows() == 0) {
        return true;
    }
    const double size = c.cwiseQuotient(state.scales).norm();
    return (state.null_rows * c).norm() <= estimability_tolerance * size;
}

/// Throws unless 0 < level < 1.
inline void check_level(const char* caller, double level) {
    if (!(level > 0.0 && level < 1.0)) {
        throw error(error_kind::invalid_argument,
                    std::string(caller) + ": level must be in (0, 1), got " + format_number(level));
    }
}

/// The upper (1 + level) / 2 quantile of Student's t with `df` > 0 degrees of freedom.
inline double t_quantile(double df, double level) {
    const boost::math::students_t distribution(df);
    return boost::math::quantile(boost::math::complement(distribution, (1.0 - level) / 2.0));
}

/// Two-sided p value of `t` under Student's t with `df` > 0 degrees of freedom.
inline double t_p_value(double df, double t) {
    const boost::math::students_t distribution(df);
    return 2.0 * boost::math::cdf(boost::math::complement(distribution, std::fabs(t)));
}

} // namespace detail::ols

/// The result of `fit_ols`. Coefficients are ordered as the model's parameters: the intercept
/// first when there is one, then one per column of x.
struct ols_result {
    Eigen::VectorXd coefficients;

    /// Per coefficient, aligned with `coefficients`. Empty when the residual degrees of freedom
    /// are zero or the coefficient is not estimable; t and p are also empty when the standard
    /// error is exactly zero (a perfect fit).
    std::vector<std::optional<double>> standard_errors;
    std::vector<std::optional<double>> t_statistics;
    std::vector<std::optional<double>> p_values;

    /// sqrt(RSS / df); empty when df is zero.
    std::optional<double> residual_standard_error;

    /// n - rank - [intercept]. With ridge, n - [intercept] - trace of the slopes' hat matrix
    /// (the effective degrees of freedom), which need not be a whole number.
    double residual_degrees_of_freedom = 0.0;

    /// 1 - RSS / TSS with TSS = sum w (y - mean)^2 with an intercept, sum w y^2 without. Empty
    /// when TSS is zero.
    std::optional<double> r_squared;

    /// 1 - (1 - R^2) (n - [intercept]) / df; empty when R^2 is or df is zero.
    std::optional<double> adjusted_r_squared;

    double residual_sum_of_squares = 0.0;  ///< sum w (y - fitted)^2
    double explained_sum_of_squares = 0.0; ///< sum w (fitted - mean)^2 (mean 0 without intercept)
    double model_degrees_of_freedom = 0.0; ///< rank of x's part of the design (effective, ridge)

    Eigen::VectorXd fitted_values; ///< one per row of x, weight zero included
    Eigen::VectorXd residuals;     ///< y - fitted, unweighted

    /// Numerical rank of x's part of the design (after centring when there is an intercept).
    Eigen::Index rank = 0;

    /// 2-norm condition number of the centred, weighted design with unit-length columns,
    /// over the `rank` columns kept; infinite when the rank is zero.
    double condition_number = 0.0;

    /// Columns of x (0-based) that the pivoted QR found to be combinations of earlier ones.
    std::vector<Eigen::Index> collinear_columns;

    solution_kind solution = solution_kind::unique;
    bool intercept = true;
    Eigen::Index observations = 0; ///< rows of positive weight

    /// Why a statistic is missing or what to be careful of: "rank deficient",
    /// "underdetermined", "no residual degrees of freedom", "perfect fit", "ridge inference".
    diagnostics notes;

    detail::ols::fit_state state;

    /// The `level` confidence interval b_j -/+ t(df) se_j of coefficient j (intercept first);
    /// empty when its standard error is.
    [[nodiscard]] std::optional<interval> coefficient_interval(Eigen::Index j,
                                                               double level = 0.95) const {
        detail::ols::check_level("ols_result::coefficient_interval", level);
        check_index("ols_result::coefficient_interval", j);
        const auto& se = standard_errors[static_cast<std::size_t>(j)];
        if (!se) {
            return std::nullopt;
        }
        const double half = detail::ols::t_quantile(residual_degrees_of_freedom, level) * *se;
        return interval{coefficients[j] - half, coefficients[j] + half};
    }

    /// (ESS / model df) / (RSS / df), the test that every slope is zero. Empty for ridge, for
    /// a rank of zero, when df is zero or when RSS is zero.
    [[nodiscard]] std::optional<double> f_statistic() const {
        if (solution == solution_kind::ridge || rank == 0 || residual_degrees_of_freedom <= 0.0 ||
            residual_sum_of_squares <= 0.0) {
            return std::nullopt;
        }
        return (explained_sum_of_squares / model_degrees_of_freedom) /
               (residual_sum_of_squares / residual_degrees_of_freedom);
    }

    /// P(F(model df, df) > f_statistic()), empty when the statistic is.
    [[nodiscard]] std::optional<double> f_p_value() const {
        const auto f = f_statistic();
        if (!f) {
            return std::nullopt;
        }
        const boost::math::fisher_f distribution(model_degrees_of_freedom,
                                                 residual_degrees_of_freedom);
        return boost::math::cdf(boost::math::complement(distribution, *f));
    }

private:
    void check_index(const char* caller, Eigen::Index j) const {
        if (j < 0 || j >= coefficients.size()) {
            throw error(error_kind::invalid_argument,
                        std::string(caller) + ": coefficient " + std::to_string(j) +
                            " does not exist; the model has " +
                            std::to_string(coefficients.size()) + " coefficients");
        }
    }
};

} // namespace kolroi
