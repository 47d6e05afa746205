// kolroi/regression/ols_options.hpp: the choices a least-squares fit takes.
//
// `ols_options` says whether the model has an intercept, how the observations are weighted,
// how strongly the slopes are shrunk (ridge) and below what relative pivot a column counts as a
// combination of the others. `fit_ols` (kolroi/regression/ols.hpp) takes one; `validate` is the
// check it runs first, public so that callers building options from a file can check early.
#pragma once

#include "kolroi/core/error.hpp"
#include "kolroi/regression/detail/ols_text.hpp"

#include <Eigen/Core>

#include <cmath>
#include <optional>
#include <string>

namespace kolroi {

/// The relative pivot below which a column of the centred, weighted design (each column scaled
/// to unit length) counts as a linear combination of the columns before it. 1e-10 lies far
/// above the rounding noise of a Householder QR in double (a few times 1e-16 per row) and far
/// below the smallest relative pivot of the NIST problems in the tests (2e-3, for Wampler's
/// fifth-degree polynomials after centring and scaling). Data known to ten significant digits
/// cannot tell a column that close to the span of the others from a combination of them.
inline constexpr double default_rank_tolerance = 1e-10;

/// How `fit_ols` fits y on x.
struct ols_options {
    /// Fit an intercept. The columns of x and y are then centred on their (weighted) means
    /// before the solve, and the intercept is recovered from the means; R-squared is centred.
    /// Without it R-squared is uncentred (1 - RSS / sum of w y^2), as NIST certifies it.
    bool intercept = true;

    /// Observation weights w_i >= 0, one per row: the fit minimises sum w_i (y_i - x_i b)^2, and
    /// an observation of weight w has variance sigma^2 / w. Rows of weight zero take no part in
    /// the fit or its degrees of freedom. Empty means every weight is 1.
    std::optional<Eigen::VectorXd> weights;

    /// Ridge shrinkage lambda >= 0: the fit minimises the weighted sum of squares plus
    /// lambda * |b|^2 over the slopes b (the intercept is not shrunk). Slopes are shrunk in
    /// the units of x as given; scale the columns first for a scale-free penalty.
    double ridge_lambda = 0.0;

    /// Relative pivot threshold for the numerical rank, in [0, 1); see default_rank_tolerance.
    double rank_tolerance = default_rank_tolerance;

    /// Throws kolroi::error (invalid_argument) naming the option, the rule and the value when
    /// an option cannot be used for a design with `rows` rows.
    void validate(Eigen::Index rows) const {
        if (!std::isfinite(ridge_lambda) || ridge_lambda < 0.0) {
            throw error(error_kind::invalid_argument,
                        "ols_options: ridge_lambda must be finite and >= 0, got " +
                            format_number(ridge_lambda));
        }
        if (!std::isfinite(rank_tolerance) || rank_tolerance < 0.0 || rank_tolerance >= 1.0) {
            throw error(error_kind::invalid_argument,
                        "ols_options: rank_tolerance must be in [0, 1), got " +
                            format_number(rank_tolerance));
        }
        if (weights) {
            validate_weights(*weights, rows);
        }
    }

private:
    static void validate_weights(const Eigen::VectorXd& w, Eigen::Index rows) {
        if (w.size() != rows) {
            throw error(error_kind::invalid_argument,
                        "ols_options: weights has " + std::to_string(w.size()) +
                            " entries but x has " + std::to_string(rows) + " rows");
        }
        bool any_positive = false;
        for (Eigen::Index i = 0; i < w.size(); ++i) {
            if (!std::isfinite(w[i]) || w[i] < 0.0) {
                throw error(error_kind::invalid_argument,
                            "ols_options: weight of row " + std::to_string(i) +
                                " must be finite and >= 0, got " + format_number(w[i]),
                            input_location{"", 0, "weights[" + std::to_string(i) + "]"});
            }
            any_positive = any_positive || w[i] > 0.0;
        }
        if (!any_positive) {
            throw error(error_kind::invalid_argument,
                        "ols_options: every one of the " + std::to_string(rows) +
                            " weights is zero, so no observation takes part in the fit");
        }
    }
};

} // namespace kolroi
