// kolroi/regression/ols.hpp: weighted least squares (optionally ridge) of y on x, by a
// rank-revealing orthogonal decomposition.
//
// Model: y_i = b0 + x_i b + e_i with Var(e_i) = sigma^2 / w_i (b0 only with an intercept).
// `fit_ols` minimises sum w_i (y_i - b0 - x_i b)^2 + lambda |b|^2 and returns the estimate with
// its classical inference (kolroi/regression/ols_result.hpp); `predict` and `predict_row`
// (kolroi/regression/prediction.hpp) give means and intervals for new rows.
//
// How: with an intercept, x and y are centred on their weighted means (b0 then follows from
// the means and b, and is never shrunk). Rows are multiplied by sqrt(w_i) and each column is
// scaled to unit length, so that the rank decision and the condition number do not depend on
// the units of x. The scaled design is factored by a complete orthogonal decomposition
// A P = Q [T 0; 0 0] Z (Householder QR with column pivoting, then an orthogonal reduction of
// the dependent columns); the rank is the number of pivots |T_kk| above rank_tolerance * |T_00|.
// - Full rank: the least-squares solution from the triangular solve; never the normal equations.
// - Rank short (collinear columns, or fewer rows than parameters): the least-squares solution
//   of least Euclidean length of b in the units of x, flagged solution_kind::minimum_norm.
// - Ridge (lambda > 0): the QR of the design stacked on sqrt(lambda) I (in the units of x),
//   which always has full rank; its covariance is sigma^2 A^-1 X'WX A^-1 with A = X'WX + lambda I
//   (conditional on lambda, ignoring the shrinkage bias) and its degrees of freedom use trace of
//   the hat matrix, as in Hastie, Tibshirani and Friedman, The Elements of Statistical
//   Learning, 3.4.1.
// Bad input (no rows, sizes that disagree, NaN or infinite values, a constant column beside an
// intercept, bad options) throws kolroi::error; see `fit_ols`.
#pragma once

#include "kolroi/core/error.hpp"
#include "kolroi/regression/detail/ols_text.hpp"
#include "kolroi/regression/ols_options.hpp"
#include "kolroi/regression/ols_result.hpp"
#include "kolroi/regression/prediction.hpp"

#include <Eigen/Core>
#include <Eigen/QR>
#include <Eigen/SVD>

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <utility>
#include <vector>

namespace kolroi {

namespace detail::ols {

/// The design after weighting, centring and scaling, with what is needed to undo each step.
struct prepared_design {
    Eigen::VectorXd weights;  ///< w_i, 1 when none were given
    Eigen::Index used = 0;    ///< rows with w_i > 0
    double weight_sum = 0.0;  ///< sum of w_i
    Eigen::VectorXd x_means;  ///< weighted column means (0 without an intercept)
    double y_mean = 0.0;      ///< weighted mean of y (0 without an intercept)
    Eigen::MatrixXd centred;  ///< x - x_means, unweighted, for the fitted values
    Eigen::VectorXd scales;   ///< |sqrt(w) (x_j - mean_j)|, or 1 for a zero column
    Eigen::MatrixXd scaled;   ///< sqrt(w_i) (x_ij - mean_j) / scale_j
    Eigen::VectorXd scaled_y; ///< sqrt(w_i) (y_i - y_mean)
};

/// The slopes b and what their inference needs, in the units of x.
struct slope_solution {
    Eigen::VectorXd slopes;
    Eigen::MatrixXd covariance_root; ///< F with Var(c'b) = sigma^2 |F c|^2 for estimable c
    Eigen::MatrixXd null_rows;       ///< c is estimable when null_rows * c is zero
    double hat_trace = 0.0;          ///< trace of the slopes' hat matrix: the model's df
};

/// Sizes must agree and every value must be finite.
inline void check_data(const Eigen::MatrixXd& x, const Eigen::VectorXd& y) {
    if (x.rows() == 0) {
        throw error(error_kind::invalid_argument, "fit_ols: x has no rows");
    }
    if (x.cols() == 0) {
        throw error(error_kind::invalid_argument,
                    "fit_ols: x has no columns; a model needs at least one predictor");
    }
    if (y.size() != x.rows()) {
        throw error(error_kind::invalid_argument, "fit_ols: x has " + std::to_string(x.rows()) +
                                                      " rows but y has " +
                                                      std::to_string(y.size()));
    }
    for (Eigen::Index j = 0; j < x.cols(); ++j) {
        for (Eigen::Index i = 0; i < x.rows(); ++i) {
            if (!std::isfinite(x(i, j))) {
                throw error(error_kind::data_error,
                            "fit_ols: x(" + std::to_string(i) + ", " + std::to_string(j) + ") is " +
                                format_number(x(i, j)) + "; every value must be finite",
                            input_location{"", 0, cell_name("x", i, j)});
            }
        }
    }
    for (Eigen::Index i = 0; i < y.size(); ++i) {
        if (!std::isfinite(y[i])) {
            throw error(error_kind::data_error,
                        "fit_ols: y(" + std::to_string(i) + ") is " + format_number(y[i]) +
                            "; every value must be finite",
                        input_location{"", 0, "y(" + std::to_string(i) + ")"});
        }
    }
}

/// A column that does not vary over the rows that take part is the intercept again.
inline void check_not_constant(const Eigen::MatrixXd& x, const prepared_design& design,
                               Eigen::Index j, double tolerance) {
    Eigen::Index first = 0;
    while (design.weights[first] == 0.0) {
        ++first;
    }
    const double value = x(first, j);
    bool varies = false;
    for (Eigen::Index i = first; i < x.rows() && !varies; ++i) {
        varies = design.weights[i] > 0.0 && x(i, j) != value;
    }
    if (!varies) {
        throw error(error_kind::data_error,
                    "fit_ols: column " + std::to_string(j) + " of x is constant (every value " +
                        format_number(value) +
                        ") beside the intercept; drop it or fit without an intercept");
    }

    // A column whose spread is below rank_tolerance of its size keeps fewer than about six
    // digits of that spread after centring in double: it is the intercept again, blurred.
    const double size = (x.col(j).array() * design.weights.array().sqrt()).matrix().norm();
    if (design.scales[j] <= tolerance * size) {
        throw error(error_kind::data_error,
                    "fit_ols: column " + std::to_string(j) + " of x varies by " +
                        format_number(design.scales[j] / size) +
                        " of its size, below rank_tolerance " + format_number(tolerance) +
                        ": it is constant beside the intercept");
    }
}

inline prepared_design prepare(const Eigen::MatrixXd& x, const Eigen::VectorXd& y,
                               const ols_options& options) {
    prepared_design design;
    design.weights = options.weights ? *options.weights : Eigen::VectorXd::Ones(x.rows());
    design.used = (design.weights.array() > 0.0).count();
    design.weight_sum = design.weights.sum();

    design.x_means = Eigen::VectorXd::Zero(x.cols());
    if (options.intercept) {
        design.x_means = (x.transpose() * design.weights) / design.weight_sum;
        design.y_mean = design.weights.dot(y) / design.weight_sum;
    }
    design.centred = x.rowwise() - design.x_means.transpose();

    const Eigen::ArrayXd root_w = design.weights.array().sqrt();
    design.scaled = design.centred.array().colwise() * root_w;
    design.scales = design.scaled.colwise().norm().transpose();
    for (Eigen::Index j = 0; j < x.cols(); ++j) {
        if (options.intercept) {
            check_not_constant(x, design, j, options.rank_tolerance);
        }
        if (design.scales[j] == 0.0) {
            design.scales[j] = 1.0; // an all-zero column stays zero and is found collinear
        }
    }
    design.scaled = design.scaled * design.scales.cwiseInverse().asDiagonal();
    design.scaled_y = (y.array() - design.y_mean) * root_w;
    return design;
}

using decomposition = Eigen::CompleteOrthogonalDecomposition<Eigen::MatrixXd>;

/// Z P' of the decomposition A P = Q [T 0; 0 0] Z: an orthogonal matrix whose first `rank`
/// rows span the row space of A and whose other rows span its null space.
inline Eigen::MatrixXd row_space_basis(const decomposition& cod) {
    // Eigen 3.4 computes no Z at full rank (Z = I) and matrixZ() then reads unset coefficients.
    const Eigen::Index columns = cod.cols();
    const Eigen::MatrixXd z =
        cod.rank() < columns ? cod.matrixZ() : Eigen::MatrixXd::Identity(columns, columns);
    return z * cod.colsPermutation().transpose();
}

/// Of the least-squares solutions b = D^-1 (g + N z) of the scaled problem, the one of least
/// length in x's units: the part of D^-1 g orthogonal to the null space D^-1 N.
inline Eigen::VectorXd shortest_in_x_units(const Eigen::VectorXd& unscaled,
                                           const Eigen::MatrixXd& null_in_x_units) {
    const Eigen::HouseholderQR<Eigen::MatrixXd> qr(null_in_x_units);
    Eigen::VectorXd coordinates = qr.householderQ().transpose() * unscaled;
    coordinates.head(null_in_x_units.cols()).setZero();
    return qr.householderQ() * coordinates;
}

/// target - offset - A g with the products summed in long double, so that the residual of a
/// close fit is not lost to rounding (where long double is double, this is the plain residual).
inline Eigen::VectorXd extended_residual(const Eigen::MatrixXd& a, const Eigen::VectorXd& g,
                                         const Eigen::VectorXd& target, double offset = 0.0) {
    std::vector<long double> sums(target.data(), target.data() + target.size());
    for (long double& sum : sums) {
        sum -= offset;
    }
    for (Eigen::Index j = 0; j < a.cols(); ++j) {
        const long double coefficient = g[j];
        const double* column = a.col(j).data();
        for (std::size_t i = 0; i < sums.size(); ++i) {
            sums[i] -= coefficient * column[i];
        }
    }
    Eigen::VectorXd residual(a.rows());
    for (std::size_t i = 0; i < sums.size(); ++i) {
        residual[static_cast<Eigen::Index>(i)] = static_cast<double>(sums[i]);
    }
    return residual;
}

/// The scaled least-squares solution, with one step of iterative refinement: the solve of the
/// extended-precision residual corrects most of the rounding of the first solve (on Wampler's
/// polynomials it gains about half a digit; a second step gains nothing).
inline Eigen::VectorXd refined_solve(const prepared_design& design, const decomposition& cod) {
    const Eigen::VectorXd g = cod.solve(design.scaled_y);
    return g + cod.solve(extended_residual(design.scaled, g, design.scaled_y));
}

inline slope_solution solve_least_squares(const prepared_design& design, const decomposition& cod) {
    const Eigen::Index rank = cod.rank();
    const Eigen::MatrixXd basis = row_space_basis(cod);
    const Eigen::VectorXd inverse_scales = design.scales.cwiseInverse();

    slope_solution solution;
    solution.slopes = refined_solve(design, cod).cwiseProduct(inverse_scales);

    // Var(c'b) / sigma^2 = |T^-T (Z P')_top D^-1 c|^2 over the row space.
    Eigen::MatrixXd root = basis.topRows(rank);
    cod.matrixT()
        .topLeftCorner(rank, rank)
        .triangularView<Eigen::Upper>()
        .transpose()
        .solveInPlace(root);
    solution.covariance_root = root * inverse_scales.asDiagonal();
    solution.null_rows = basis.bottomRows(basis.rows() - rank) * inverse_scales.asDiagonal();
    solution.hat_trace = static_cast<double>(rank);

    if (rank < design.scaled.cols()) {
        solution.slopes = shortest_in_x_units(solution.slopes, solution.null_rows.transpose());
    }
    return solution;
}

/// Ridge: least squares on [A; sqrt(lambda) D^-1] in the scaled coordinates g = D b, where
/// the penalty lambda |b|^2 = lambda |D^-1 g|^2.
inline slope_solution solve_ridge(const prepared_design& design, const decomposition& cod,
                                  double lambda) {
    const Eigen::Index n = design.scaled.rows();
    const Eigen::Index p = design.scaled.cols();
    const Eigen::VectorXd inverse_scales = design.scales.cwiseInverse();

    Eigen::MatrixXd stacked(n + p, p);
    stacked.topRows(n) = design.scaled;
    stacked.bottomRows(p) = (std::sqrt(lambda) * inverse_scales).asDiagonal();
    Eigen::VectorXd stacked_y = Eigen::VectorXd::Zero(n + p);
    stacked_y.head(n) = design.scaled_y;
    const Eigen::ColPivHouseholderQR<Eigen::MatrixXd> qr(stacked);
    const auto r = qr.matrixR().topLeftCorner(p, p).triangularView<Eigen::Upper>();

    slope_solution solution;
    solution.slopes = qr.solve(stacked_y).cwiseProduct(inverse_scales);

    // With A'A = G'G (G from the design's decomposition) and M = X'X + lambda D^-2 = P R'R P':
    // the hat matrix's trace is |G P R^-1|_F^2 and Cov(g) / sigma^2 = (G M^-1)' (G M^-1).
    const Eigen::Index rank = cod.rank();
    const Eigen::MatrixXd g =
        cod.matrixT().topLeftCorner(rank, rank).triangularView<Eigen::Upper>() *
        row_space_basis(cod).topRows(rank);
    const Eigen::MatrixXd gp = g * qr.colsPermutation();
    const Eigen::MatrixXd e = r.transpose().solve(gp.transpose()).transpose();
    solution.hat_trace = e.squaredNorm();
    const Eigen::MatrixXd f = r.solve(e.transpose()).transpose();
    solution.covariance_root = (f * qr.colsPermutation().transpose()) * inverse_scales.asDiagonal();
    solution.null_rows = Eigen::MatrixXd::Zero(0, p);
    return solution;
}

inline void record_shape_notes(ols_result& result, const Eigen::Index columns) {
    const Eigen::Index parameters = columns + (result.intercept ? 1 : 0);
    if (result.observations < parameters) {
        result.notes.add("underdetermined", std::to_string(parameters) + " parameters but " +
                                                std::to_string(result.observations) +
                                                " rows of positive weight");
    }
    if (!result.collinear_columns.empty()) {
        std::string list;
        for (const Eigen::Index j : result.collinear_columns) {
            list += (list.empty() ? "" : ", ") + std::to_string(j);
        }
        result.notes.add("rank deficient", "x has " + std::to_string(columns) +
                                               " columns but rank " + std::to_string(result.rank) +
                                               "; collinear columns: " + list);
    }
}

/// Coefficients, fitted values, residuals and what prediction needs.
inline void fill_estimates(ols_result& result, const Eigen::VectorXd& y,
                           const prepared_design& design, slope_solution slopes) {
    // Both use the centred columns, so a large mean does not cost digits, and the residuals are
    // summed in extended precision, so that a close fit keeps its residual sum of squares.
    result.fitted_values = (design.centred * slopes.slopes).array() + design.y_mean;
    result.residuals = extended_residual(design.centred, slopes.slopes, y, design.y_mean);

    const Eigen::Index columns = slopes.slopes.size();
    const Eigen::Index first_slope = result.intercept ? 1 : 0;
    result.coefficients.resize(columns + first_slope);
    if (result.intercept) {
        result.coefficients[0] = design.y_mean - design.x_means.dot(slopes.slopes);
    }
    result.coefficients.tail(columns) = slopes.slopes;
    result.model_degrees_of_freedom = slopes.hat_trace;

    result.state.intercept = result.intercept;
    result.state.y_mean = design.y_mean;
    result.state.weight_sum = design.weight_sum;
    result.state.x_means = design.x_means;
    result.state.slopes = std::move(slopes.slopes);
    result.state.scales = design.scales;
    result.state.covariance_root = std::move(slopes.covariance_root);
    result.state.null_rows = std::move(slopes.null_rows);
}

/// Sums of squares, R-squared and the residual degrees of freedom.
inline void fill_goodness_of_fit(ols_result& result, const Eigen::VectorXd& y,
                                 const prepared_design& design) {
    const Eigen::ArrayXd w = design.weights.array();
    result.residual_sum_of_squares = (w * result.residuals.array().square()).sum();
    result.explained_sum_of_squares =
        (w * (result.fitted_values.array() - design.y_mean).square()).sum();
    const double total = (w * (y.array() - design.y_mean).square()).sum();

    const double centring = result.intercept ? 1.0 : 0.0;
    result.residual_degrees_of_freedom = std::max(0.0, static_cast<double>(design.used) - centring -
                                                           result.model_degrees_of_freedom);

    if (total > 0.0) {
        result.r_squared = 1.0 - result.residual_sum_of_squares / total;
        if (result.residual_degrees_of_freedom > 0.0) {
            result.adjusted_r_squared = 1.0 - (1.0 - *result.r_squared) *
                                                  (static_cast<double>(design.used) - centring) /
                                                  result.residual_degrees_of_freedom;
        }
    }
}

/// Standard errors, t statistics and p values of the intercept and the slopes.
inline void fill_inference(ols_result& result) {
    const Eigen::Index parameters = result.coefficients.size();
    result.standard_errors.assign(static_cast<std::size_t>(parameters), std::nullopt);
    result.t_statistics.assign(static_cast<std::size_t>(parameters), std::nullopt);
    result.p_values.assign(static_cast<std::size_t>(parameters), std::nullopt);

    const double df = result.residual_degrees_of_freedom;
    if (df <= 0.0) {
        result.notes.add("no residual degrees of freedom",
                         std::to_string(result.observations) + " rows of positive weight for " +
                             std::to_string(result.rank + (result.intercept ? 1 : 0)) +
                             " estimated parameters: no standard errors or intervals");
        return;
    }
    const double sigma = std::sqrt(result.residual_sum_of_squares / df);
    result.residual_standard_error = sigma;
    if (sigma == 0.0) {
        result.notes.add("perfect fit", "every residual is zero: no t statistics or p values");
    }

    const fit_state& state = result.state;
    const Eigen::Index first_slope = result.intercept ? 1 : 0;
    for (Eigen::Index k = 0; k < parameters; ++k) {
        // c'b for the intercept b0 = mean(y) - mean(x)'b has c = -mean(x) on the slopes.
        Eigen::VectorXd c = Eigen::VectorXd::Zero(state.slopes.size());
        double intercept_part = 0.0;
        if (k < first_slope) {
            c = -state.x_means;
            intercept_part = 1.0 / state.weight_sum;
        } else {
            c[k - first_slope] = 1.0;
        }
        if (!estimable(state, c)) {
            continue;
        }
        const double se =
            sigma * std::sqrt(intercept_part + (state.covariance_root * c).squaredNorm());
        const auto index = static_cast<std::size_t>(k);
        result.standard_errors[index] = se;
        if (se > 0.0) {
            result.t_statistics[index] = result.coefficients[k] / se;
            result.p_values[index] = t_p_value(df, result.coefficients[k] / se);
        }
    }
}

inline double condition_of(const decomposition& cod) {
    const Eigen::Index rank = cod.rank();
    if (rank == 0) {
        return std::numeric_limits<double>::infinity();
    }
    const Eigen::MatrixXd t =
        cod.matrixT().topLeftCorner(rank, rank).triangularView<Eigen::Upper>();
    const Eigen::JacobiSVD<Eigen::MatrixXd> svd(t);
    const Eigen::VectorXd& values = svd.singularValues();
    return values[0] / values[rank - 1];
}

inline std::vector<Eigen::Index> collinear_of(const decomposition& cod) {
    const auto& order = cod.colsPermutation().indices();
    std::vector<Eigen::Index> columns(order.data() + cod.rank(), order.data() + order.size());
    std::sort(columns.begin(), columns.end());
    return columns;
}

} // namespace detail::ols

/// Fits y on the columns of x (one row per observation) by weighted least squares, with an
/// intercept, weights and ridge shrinkage as `options` say.
///
/// Throws kolroi::error:
/// - invalid_argument: x has no rows or no columns, y's length differs from x's rows, or an
///   option is out of range (see ols_options::validate);
/// - data_error: a value of x or y is NaN or infinite, or, with an intercept, a column of x
///   is constant over the rows of positive weight.
/// Collinear columns and fewer rows than parameters are not errors: the result is the
/// minimum-norm solution, flagged in `solution`, `collinear_columns` and `notes`, and every
/// statistic the data cannot determine is left empty.
inline ols_result fit_ols(const Eigen::MatrixXd& x, const Eigen::VectorXd& y,
                          const ols_options& options = {}) {
    detail::ols::check_data(x, y);
    options.validate(x.rows());
    const detail::ols::prepared_design design = detail::ols::prepare(x, y, options);

    detail::ols::decomposition cod;
    cod.setThreshold(options.rank_tolerance);
    cod.compute(design.scaled);

    ols_result result;
    result.intercept = options.intercept;
    result.observations = design.used;
    result.rank = cod.rank();
    result.condition_number = detail::ols::condition_of(cod);
    result.collinear_columns = detail::ols::collinear_of(cod);
    const bool ridge = options.ridge_lambda > 0.0;
    result.solution = ridge                    ? solution_kind::ridge
                      : result.rank < x.cols() ? solution_kind::minimum_norm
                                               : solution_kind::unique;
    detail::ols::record_shape_notes(result, x.cols());

    detail::ols::slope_solution slopes =
        ridge ? detail::ols::solve_ridge(design, cod, options.ridge_lambda)
              : detail::ols::solve_least_squares(design, cod);

    detail::ols::fill_estimates(result, y, design, std::move(slopes));
    detail::ols::fill_goodness_of_fit(result, y, design);
    detail::ols::fill_inference(result);
    if (ridge) {
        result.notes.add("ridge inference",
                         "standard errors and intervals are conditional on lambda = " +
                             format_number(options.ridge_lambda) +
                             ", use the effective degrees of freedom and ignore shrinkage bias");
    }
    return result;
}

} // namespace kolroi
