// fit_ols: NIST's certified results, the rank-deficient and underdetermined cases, properties
// that any least-squares fit must have, and the input it refuses.
#include "kolroi/regression/ols.hpp"

#include "nist_dat.hpp"
#include "test_support.hpp"

#include <Eigen/Dense>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <iterator>
#include <limits>
#include <numeric>
#include <random>
#include <string>
#include <vector>

namespace {

using kolroi::test::log_relative_error;

/// Agreement NIST's certified values must be reproduced to, in significant digits.
constexpr double required_lre = 9.0;

kolroi::test::nist_dataset nist(const std::string& name) {
    return kolroi::test::read_nist(kolroi::test::test_data("nist/" + name + ".dat"));
}

kolroi::ols_result fit_nist(const kolroi::test::nist_dataset& data) {
    kolroi::ols_options options;
    options.intercept = data.has_intercept();
    return kolroi::fit_ols(data.design(), data.y, options);
}

/// Checks every certified coefficient, standard deviation, the residual standard deviation and
/// R-squared, and returns the smallest LRE seen. A certified zero is measured against the size
/// it is the error of: a coefficient's standard deviation against the coefficient, the residual
/// standard deviation against the standard deviation of y.
double check_nist(const std::string& name) {
    const auto data = nist(name);
    const auto fit = fit_nist(data);
    REQUIRE(fit.coefficients.size() == static_cast<Eigen::Index>(data.parameters.size()));
    CHECK(fit.solution == kolroi::solution_kind::unique);
    CHECK(fit.collinear_columns.empty());

    double lowest = 15.0;
    const auto record = [&](const std::string& what, double lre) {
        INFO(name << " " << what << ": LRE " << lre);
        CHECK(lre >= required_lre);
        lowest = std::min(lowest, lre);
    };
    for (std::size_t k = 0; k < data.parameters.size(); ++k) {
        const auto& certified = data.parameters[k];
        const auto index = static_cast<Eigen::Index>(k);
        record(certified.name + " estimate",
               log_relative_error(fit.coefficients[index], certified.estimate));
        REQUIRE(fit.standard_errors[k].has_value());
        record(certified.name + " standard deviation",
               log_relative_error(*fit.standard_errors[k], certified.standard_deviation,
                                  std::fabs(certified.estimate)));
    }
    const double y_spread =
        std::sqrt((data.y.array() - data.y.mean()).square().sum() / double(data.y.size() - 1));
    REQUIRE(fit.residual_standard_error.has_value());
    record("residual standard deviation",
           log_relative_error(*fit.residual_standard_error, data.residual_standard_deviation,
                              y_spread));
    REQUIRE(fit.r_squared.has_value());
    record("R-squared", log_relative_error(*fit.r_squared, data.r_squared));
    CHECK(fit.residual_degrees_of_freedom == data.residual.degrees_of_freedom);
    MESSAGE(name << ": minimum LRE " << lowest);
    return lowest;
}

std::mt19937_64 seeded(std::uint64_t seed) {
    return std::mt19937_64(seed);
}

Eigen::MatrixXd normal_matrix(std::mt19937_64& rng, Eigen::Index rows, Eigen::Index cols) {
    std::normal_distribution<double> normal;
    Eigen::MatrixXd m(rows, cols);
    for (Eigen::Index j = 0; j < cols; ++j) {
        for (Eigen::Index i = 0; i < rows; ++i) {
            m(i, j) = normal(rng);
        }
    }
    return m;
}

Eigen::VectorXd normal_vector(std::mt19937_64& rng, Eigen::Index size) {
    return normal_matrix(rng, size, 1).col(0);
}

/// |a - b| <= tolerance * max(1, |b|), elementwise.
bool close(const Eigen::VectorXd& a, const Eigen::VectorXd& b, double tolerance) {
    if (a.size() != b.size()) {
        return false;
    }
    for (Eigen::Index i = 0; i < a.size(); ++i) {
        if (std::fabs(a[i] - b[i]) > tolerance * std::max(1.0, std::fabs(b[i]))) {
            return false;
        }
    }
    return true;
}

bool close(const std::vector<std::optional<double>>& a, const std::vector<std::optional<double>>& b,
           double tolerance) {
    if (a.size() != b.size()) {
        return false;
    }
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (a[i].has_value() != b[i].has_value() ||
            (a[i] && std::fabs(*a[i] - *b[i]) > tolerance * std::max(1.0, std::fabs(*b[i])))) {
            return false;
        }
    }
    return true;
}

/// The error `fit_ols` throws; fails the test when it throws none.
kolroi::error fit_error(const Eigen::MatrixXd& x, const Eigen::VectorXd& y,
                        const kolroi::ols_options& options = {}) {
    try {
        kolroi::fit_ols(x, y, options);
    } catch (const kolroi::error& caught) {
        return caught;
    }
    FAIL("fit_ols accepted input it should reject");
    return kolroi::error(kolroi::error_kind::invalid_argument, "unreachable");
}

bool mentions(const kolroi::error& e, const std::string& fragment) {
    return std::string(e.what()).find(fragment) != std::string::npos;
}

/// The four-row, four-feature example of the worked cases (O1).
Eigen::MatrixXd four_row_features() {
    Eigen::MatrixXd x(4, 4);
    x << 50000, 3.2, 8.5, 1200, //
        120000, 2.8, 9.0, 1500, //
        30000, 4.1, 7.5, 800,   //
        80000, 3.5, 10.2, 1100;
    return x;
}

Eigen::VectorXd four_row_response() {
    Eigen::VectorXd y(4);
    y << 1.2, 2.1, 0.8, 1.5;
    return y;
}

} // namespace

TEST_CASE("the bundled NIST files are byte for byte the shared ones") {
    for (const char* name :
         {"Norris", "Pontius", "NoInt1", "NoInt2", "Longley", "Wampler1", "Wampler2", "Wampler3"}) {
        KOLROI_REQUIRE_SHARED_DATA(shared, std::string("nist_strd_lls/") + name + ".dat");
        const auto bytes = [](const std::filesystem::path& path) {
            std::ifstream in(path, std::ios::binary);
            return std::string(std::istreambuf_iterator<char>(in), {});
        };
        const std::string bundled =
            bytes(kolroi::test::test_data(std::string("nist/") + name + ".dat"));
        CHECK(bundled == bytes(shared));
        CHECK(bundled.find("\r\n") != std::string::npos);
    }
}

TEST_CASE("the NIST reader takes the line ranges and numbers the headers state") {
    const auto longley = nist("Longley");
    CHECK(longley.y.size() == 16);
    CHECK(longley.predictors.cols() == 6);
    CHECK(longley.parameters.size() == 7);
    CHECK(longley.y[0] == 60323.0);
    CHECK(longley.predictors(15, 5) == 1962.0);
    CHECK(longley.parameters[2].estimate == -0.358191792925910E-01);
    CHECK(longley.residual.degrees_of_freedom == 9.0);

    const auto pontius = nist("Pontius");
    CHECK(pontius.design().cols() == 2); // x and x^2 from the one x column
    CHECK(pontius.design()(1, 1) == pontius.predictors(1, 0) * pontius.predictors(1, 0));
    CHECK_FALSE(nist("NoInt1").has_intercept());
    CHECK(std::isinf(nist("Wampler1").regression.f_statistic));
}

TEST_CASE("NIST Norris: straight line, observed data") {
    check_nist("Norris");
}
TEST_CASE("NIST Pontius: quadratic, observed data") {
    check_nist("Pontius");
}
TEST_CASE("NIST NoInt1: no intercept, uncentred R-squared") {
    check_nist("NoInt1");
}
TEST_CASE("NIST NoInt2: no intercept, three rows") {
    check_nist("NoInt2");
}
TEST_CASE("NIST Longley: six collinear economic series") {
    check_nist("Longley");
}
TEST_CASE("NIST Wampler1: exact fifth-degree polynomial") {
    check_nist("Wampler1");
}
TEST_CASE("NIST Wampler2: exact polynomial with small coefficients") {
    check_nist("Wampler2");
}
TEST_CASE("NIST Wampler3: fifth-degree polynomial with noise") {
    check_nist("Wampler3");
}

TEST_CASE("the underdetermined four-row example gives the minimum-norm solution (O1)") {
    const Eigen::MatrixXd x = four_row_features();
    const Eigen::VectorXd y = four_row_response();
    const auto fit = kolroi::fit_ols(x, y);

    CHECK(fit.solution == kolroi::solution_kind::minimum_norm);
    CHECK(fit.rank == 3);
    CHECK(fit.collinear_columns.size() == 1);
    CHECK(fit.residual_degrees_of_freedom == 0.0);
    CHECK(fit.notes.count("underdetermined") == 1);
    CHECK(fit.notes.count("no residual degrees of freedom") == 1);
    CHECK_FALSE(fit.residual_standard_error.has_value());
    CHECK_FALSE(fit.adjusted_r_squared.has_value());
    for (const auto& se : fit.standard_errors) {
        CHECK_FALSE(se.has_value());
    }

    // Independently: four centred rows sum to zero, so the first three (X3) span the row space
    // and the least-norm slopes solve X3 b = y3 within that row space: with X3' = Q R (thin),
    // b = Q R^-T y3.
    const Eigen::RowVectorXd means = x.colwise().mean();
    const Eigen::MatrixXd centred = x.rowwise() - means;
    const Eigen::VectorXd centred_y = y.array() - y.mean();
    const Eigen::HouseholderQR<Eigen::MatrixXd> qr(centred.topRows(3).transpose());
    const Eigen::MatrixXd thin_q = qr.householderQ() * Eigen::MatrixXd::Identity(4, 3);
    const Eigen::MatrixXd r = qr.matrixQR().topRows(3).triangularView<Eigen::Upper>();
    const Eigen::VectorXd expected =
        thin_q * r.transpose().triangularView<Eigen::Lower>().solve(centred_y.head(3));
    CHECK(close(fit.coefficients.tail(4), expected, 1e-10));
    CHECK(fit.coefficients[0] == doctest::Approx(y.mean() - means.dot(expected)).epsilon(1e-9));
    CHECK(fit.residuals.cwiseAbs().maxCoeff() < 1e-12);
}

TEST_CASE("a noiseless linear model is recovered exactly") {
    auto rng = seeded(11);
    const Eigen::MatrixXd x = normal_matrix(rng, 50, 5);
    Eigen::VectorXd slopes(5);
    slopes << 2.0, -1.5, 0.25, 4.0, -3.0;
    const Eigen::VectorXd y = (x * slopes).array() + 7.0;

    const auto fit = kolroi::fit_ols(x, y);
    CHECK(fit.coefficients[0] == doctest::Approx(7.0).epsilon(1e-13));
    CHECK(close(fit.coefficients.tail(5), slopes, 1e-13));
    CHECK(fit.residual_sum_of_squares < 1e-24);
    CHECK(*fit.r_squared == doctest::Approx(1.0).epsilon(1e-15));
    CHECK(fit.residual_degrees_of_freedom == 44.0);
    CHECK(fit.rank == 5);

    kolroi::ols_options through_origin;
    through_origin.intercept = false;
    const auto origin_fit = kolroi::fit_ols(x, x * slopes, through_origin);
    CHECK(close(origin_fit.coefficients, slopes, 1e-13));
}

TEST_CASE("the order of the rows does not matter") {
    auto rng = seeded(23);
    const Eigen::MatrixXd x = normal_matrix(rng, 40, 3);
    const Eigen::VectorXd y = x * Eigen::Vector3d(1.0, -2.0, 0.5) + normal_vector(rng, 40);
    std::vector<int> order(40);
    std::iota(order.begin(), order.end(), 0);
    std::shuffle(order.begin(), order.end(), rng);
    const Eigen::PermutationMatrix<Eigen::Dynamic> shuffle(
        Eigen::Map<Eigen::VectorXi>(order.data(), 40));

    const auto fit = kolroi::fit_ols(x, y);
    const auto shuffled = kolroi::fit_ols(shuffle * x, shuffle * y);
    CHECK(close(shuffled.coefficients, fit.coefficients, 1e-12));
    CHECK(close(shuffled.standard_errors, fit.standard_errors, 1e-12));
    CHECK(*shuffled.residual_standard_error ==
          doctest::Approx(*fit.residual_standard_error).epsilon(1e-12));
    CHECK(close(shuffled.fitted_values, shuffle * fit.fitted_values, 1e-12));
}

TEST_CASE("scaling x and y scales the coefficients and leaves |t| and p unchanged") {
    auto rng = seeded(37);
    const Eigen::MatrixXd x = normal_matrix(rng, 30, 3);
    const Eigen::VectorXd y = x * Eigen::Vector3d(0.3, 1.0, -0.7) + normal_vector(rng, 30);
    const Eigen::Vector3d column_scale(1000.0, 1e-4, -3.0);
    const double y_scale = 250.0;

    const auto fit = kolroi::fit_ols(x, y);
    const auto scaled = kolroi::fit_ols(x * column_scale.asDiagonal(), y_scale * y);

    Eigen::VectorXd expected(4);
    expected[0] = y_scale * fit.coefficients[0];
    expected.tail(3) = y_scale * fit.coefficients.tail(3).cwiseQuotient(column_scale);
    for (Eigen::Index k = 0; k < 4; ++k) {
        CHECK(scaled.coefficients[k] == doctest::Approx(expected[k]).epsilon(1e-12));
        const auto index = static_cast<std::size_t>(k);
        const double sign = k == 0 ? 1.0 : (column_scale[k - 1] < 0.0 ? -1.0 : 1.0);
        CHECK(*scaled.t_statistics[index] ==
              doctest::Approx(sign * *fit.t_statistics[index]).epsilon(1e-11));
        CHECK(*scaled.p_values[index] == doctest::Approx(*fit.p_values[index]).epsilon(1e-10));
    }
    CHECK(*scaled.r_squared == doctest::Approx(*fit.r_squared).epsilon(1e-13));
    CHECK(scaled.condition_number == doctest::Approx(fit.condition_number).epsilon(1e-10));
}

TEST_CASE("integer weights fit like duplicated rows") {
    auto rng = seeded(41);
    const Eigen::MatrixXd x = normal_matrix(rng, 12, 2);
    const Eigen::VectorXd y = x * Eigen::Vector2d(1.5, -0.5) + normal_vector(rng, 12);
    std::uniform_int_distribution<int> copies(1, 4);
    Eigen::VectorXd weights(12);
    std::vector<Eigen::Index> rows;
    for (Eigen::Index i = 0; i < 12; ++i) {
        const int count = copies(rng);
        weights[i] = count;
        rows.insert(rows.end(), static_cast<std::size_t>(count), i);
    }
    const auto n = static_cast<Eigen::Index>(rows.size());
    Eigen::MatrixXd x_copies(n, 2);
    Eigen::VectorXd y_copies(n);
    for (Eigen::Index r = 0; r < n; ++r) {
        x_copies.row(r) = x.row(rows[static_cast<std::size_t>(r)]);
        y_copies[r] = y[rows[static_cast<std::size_t>(r)]];
    }

    kolroi::ols_options weighted;
    weighted.weights = weights;
    const auto fit = kolroi::fit_ols(x, y, weighted);
    const auto copied = kolroi::fit_ols(x_copies, y_copies);

    CHECK(close(fit.coefficients, copied.coefficients, 1e-12));
    CHECK(fit.residual_sum_of_squares ==
          doctest::Approx(copied.residual_sum_of_squares).epsilon(1e-12));
    CHECK(*fit.r_squared == doctest::Approx(*copied.r_squared).epsilon(1e-12));

    // Weights are precision weights: the degrees of freedom count rows (12 - 3), not copies, so
    // the standard errors differ exactly by the ratio of the two sigma estimates.
    CHECK(fit.residual_degrees_of_freedom == 9.0);
    CHECK(copied.residual_degrees_of_freedom == double(n - 3));
    const double sigma_ratio = std::sqrt(copied.residual_degrees_of_freedom / 9.0);
    for (std::size_t k = 0; k < 3; ++k) {
        CHECK(*fit.standard_errors[k] ==
              doctest::Approx(*copied.standard_errors[k] * sigma_ratio).epsilon(1e-11));
    }
}

TEST_CASE("a row of weight zero is as if it were not there") {
    auto rng = seeded(43);
    const Eigen::MatrixXd x = normal_matrix(rng, 15, 2);
    Eigen::VectorXd y = x * Eigen::Vector2d(0.5, 2.0) + normal_vector(rng, 15);
    y[4] = 1e6; // an outlier that must not matter
    Eigen::VectorXd weights = Eigen::VectorXd::Ones(15);
    weights[4] = 0.0;
    kolroi::ols_options options;
    options.weights = weights;
    const auto fit = kolroi::fit_ols(x, y, options);

    Eigen::MatrixXd x_kept(14, 2);
    Eigen::VectorXd y_kept(14);
    x_kept << x.topRows(4), x.bottomRows(10);
    y_kept << y.head(4), y.tail(10);
    const auto kept = kolroi::fit_ols(x_kept, y_kept);

    CHECK(fit.observations == 14);
    CHECK(fit.residual_degrees_of_freedom == kept.residual_degrees_of_freedom);
    CHECK(close(fit.coefficients, kept.coefficients, 1e-12));
    CHECK(close(fit.standard_errors, kept.standard_errors, 1e-12));
    CHECK(fit.residuals[4] == doctest::Approx(1e6 - fit.fitted_values[4]));
}

TEST_CASE("ridge with lambda 0 is OLS, and a vanishing lambda approaches it") {
    auto rng = seeded(53);
    const Eigen::MatrixXd x = normal_matrix(rng, 25, 4);
    const Eigen::VectorXd y = x * Eigen::Vector4d(1.0, 0.0, -1.0, 2.0) + normal_vector(rng, 25);
    const auto ols = kolroi::fit_ols(x, y);

    kolroi::ols_options ridge;
    ridge.ridge_lambda = 0.0;
    const auto zero = kolroi::fit_ols(x, y, ridge);
    CHECK(zero.solution == kolroi::solution_kind::unique);
    CHECK(close(zero.coefficients, ols.coefficients, 0.0));

    ridge.ridge_lambda = 1e-9;
    const auto tiny = kolroi::fit_ols(x, y, ridge);
    CHECK(tiny.solution == kolroi::solution_kind::ridge);
    CHECK(close(tiny.coefficients, ols.coefficients, 1e-8));
    CHECK(close(tiny.standard_errors, ols.standard_errors, 1e-8));
    CHECK(tiny.residual_degrees_of_freedom == doctest::Approx(20.0).epsilon(1e-8));
}

TEST_CASE("ridge matches the penalised normal equations and does not shrink the intercept") {
    auto rng = seeded(59);
    const Eigen::MatrixXd x = normal_matrix(rng, 30, 3) * 2.0;
    const Eigen::VectorXd y =
        (x * Eigen::Vector3d(1.0, -2.0, 0.5)).array() + 10.0 + normal_vector(rng, 30).array();
    const double lambda = 7.5;
    kolroi::ols_options options;
    options.ridge_lambda = lambda;
    const auto fit = kolroi::fit_ols(x, y, options);

    // Independently, on well-conditioned data: A = Xc'Xc + lambda I, b = A^-1 Xc'yc,
    // Cov(b) = sigma^2 A^-1 Xc'Xc A^-1, df = n - 1 - trace(Xc A^-1 Xc').
    const Eigen::RowVectorXd means = x.colwise().mean();
    const Eigen::MatrixXd xc = x.rowwise() - means;
    const Eigen::VectorXd yc = y.array() - y.mean();
    const Eigen::MatrixXd gram = xc.transpose() * xc;
    const Eigen::MatrixXd a_inverse = (gram + lambda * Eigen::MatrixXd::Identity(3, 3)).inverse();
    const Eigen::VectorXd b = a_inverse * xc.transpose() * yc;
    const double hat_trace = (a_inverse * gram).trace();
    const double df = 30.0 - 1.0 - hat_trace;
    const double sigma2 = (yc - xc * b).squaredNorm() / df;
    const Eigen::MatrixXd covariance = sigma2 * a_inverse * gram * a_inverse;

    CHECK(fit.solution == kolroi::solution_kind::ridge);
    CHECK(close(fit.coefficients.tail(3), b, 1e-12));
    CHECK(fit.coefficients[0] == doctest::Approx(y.mean() - means.dot(b)).epsilon(1e-12));
    CHECK(fit.residual_degrees_of_freedom == doctest::Approx(df).epsilon(1e-12));
    CHECK(fit.model_degrees_of_freedom == doctest::Approx(hat_trace).epsilon(1e-12));
    for (std::size_t j = 0; j < 3; ++j) {
        const auto k = static_cast<Eigen::Index>(j);
        CHECK(*fit.standard_errors[j + 1] ==
              doctest::Approx(std::sqrt(covariance(k, k))).epsilon(1e-11));
    }
    const double intercept_variance = sigma2 / 30.0 + means * covariance * means.transpose();
    CHECK(*fit.standard_errors[0] == doctest::Approx(std::sqrt(intercept_variance)).epsilon(1e-11));
    CHECK(fit.notes.count("ridge inference") == 1);
    CHECK_FALSE(fit.f_statistic().has_value());

    options.ridge_lambda = 1e12;
    const auto crushed = kolroi::fit_ols(x, y, options);
    CHECK(crushed.coefficients.tail(3).cwiseAbs().maxCoeff() < 1e-8);
    CHECK(crushed.coefficients[0] == doctest::Approx(y.mean()).epsilon(1e-8));
}

TEST_CASE("a duplicated column gives the minimum-norm split and keeps what is estimable") {
    auto rng = seeded(61);
    const Eigen::MatrixXd base = normal_matrix(rng, 20, 2);
    const Eigen::VectorXd y = base * Eigen::Vector2d(3.0, -1.0) + normal_vector(rng, 20);
    Eigen::MatrixXd x(20, 3);
    x << base, 2.0 * base.col(0);

    const auto reduced = kolroi::fit_ols(base, y);
    const auto fit = kolroi::fit_ols(x, y);
    CHECK(fit.solution == kolroi::solution_kind::minimum_norm);
    CHECK(fit.rank == 2);
    REQUIRE(fit.collinear_columns.size() == 1);
    CHECK((fit.collinear_columns[0] == 0 || fit.collinear_columns[0] == 2));
    CHECK(fit.notes.count("rank deficient") == 1);

    // The fitted model is the reduced one; b0 + 2 b2 = the reduced slope, split as (1, 2) / 5,
    // the shortest (b0, b2) on that line.
    const double slope = reduced.coefficients[1];
    CHECK(fit.coefficients[1] == doctest::Approx(slope / 5.0).epsilon(1e-12));
    CHECK(fit.coefficients[3] == doctest::Approx(2.0 * slope / 5.0).epsilon(1e-12));
    CHECK(fit.coefficients[2] == doctest::Approx(reduced.coefficients[2]).epsilon(1e-12));
    CHECK(fit.coefficients[0] == doctest::Approx(reduced.coefficients[0]).epsilon(1e-12));
    CHECK(close(fit.fitted_values, reduced.fitted_values, 1e-12));
    CHECK(fit.residual_degrees_of_freedom == reduced.residual_degrees_of_freedom);

    // Only the split columns' coefficients are not estimable.
    CHECK_FALSE(fit.standard_errors[1].has_value());
    CHECK_FALSE(fit.standard_errors[3].has_value());
    REQUIRE(fit.standard_errors[0].has_value());
    REQUIRE(fit.standard_errors[2].has_value());
    CHECK(*fit.standard_errors[0] == doctest::Approx(*reduced.standard_errors[0]).epsilon(1e-10));
    CHECK(*fit.standard_errors[2] == doctest::Approx(*reduced.standard_errors[2]).epsilon(1e-10));
}

TEST_CASE("a zero column without an intercept is found collinear, not divided by") {
    auto rng = seeded(67);
    Eigen::MatrixXd x = normal_matrix(rng, 10, 2);
    x.col(1).setZero();
    const Eigen::VectorXd y = 2.0 * x.col(0) + 0.1 * normal_vector(rng, 10);
    kolroi::ols_options options;
    options.intercept = false;
    const auto fit = kolroi::fit_ols(x, y, options);
    CHECK(fit.rank == 1);
    CHECK(fit.collinear_columns == std::vector<Eigen::Index>{1});
    CHECK(fit.coefficients[1] == 0.0);
    CHECK(fit.coefficients[0] == doctest::Approx(x.col(0).dot(y) / x.col(0).squaredNorm()));
    CHECK(fit.residual_degrees_of_freedom == 9.0);
}

TEST_CASE("R-squared is uncentred without an intercept and undefined for a constant y") {
    Eigen::MatrixXd x(4, 1);
    x << 1, 2, 3, 4;
    Eigen::VectorXd y(4);
    y << 2, 3, 7, 8;
    kolroi::ols_options options;
    options.intercept = false;
    const auto fit = kolroi::fit_ols(x, y, options);
    // By hand: b = sum xy / sum x^2 = 61 / 30; RSS = sum y^2 - 61^2 / 30.
    const double rss = 126.0 - 61.0 * 61.0 / 30.0;
    CHECK(fit.coefficients[0] == doctest::Approx(61.0 / 30.0).epsilon(1e-15));
    CHECK(*fit.r_squared == doctest::Approx(1.0 - rss / 126.0).epsilon(1e-14));
    CHECK(*fit.adjusted_r_squared == doctest::Approx(1.0 - (rss / 126.0) * 4.0 / 3.0));

    const auto flat = kolroi::fit_ols(x, Eigen::VectorXd::Constant(4, 5.0));
    CHECK_FALSE(flat.r_squared.has_value());
    CHECK(flat.notes.count("perfect fit") == 1);
    CHECK_FALSE(flat.t_statistics[1].has_value());
}

TEST_CASE("input that cannot be fitted is refused with the numbers seen") {
    const Eigen::MatrixXd x = four_row_features();
    const Eigen::VectorXd y = four_row_response();
    using kolroi::error_kind;

    auto e = fit_error(Eigen::MatrixXd(0, 2), Eigen::VectorXd(0));
    CHECK(e.kind() == error_kind::invalid_argument);
    CHECK(mentions(e, "fit_ols: x has no rows"));

    CHECK(mentions(fit_error(Eigen::MatrixXd(4, 0), y), "x has no columns"));

    e = fit_error(x, y.head(3));
    CHECK(e.kind() == error_kind::invalid_argument);
    CHECK(mentions(e, "fit_ols: x has 4 rows but y has 3"));

    Eigen::MatrixXd with_nan = x;
    with_nan(2, 1) = std::numeric_limits<double>::quiet_NaN();
    e = fit_error(with_nan, y);
    CHECK(e.kind() == error_kind::data_error);
    CHECK(mentions(e, "x(2, 1) is nan"));
    CHECK(e.where().field == "x(2, 1)");

    Eigen::VectorXd with_inf = y;
    with_inf[3] = -std::numeric_limits<double>::infinity();
    CHECK(mentions(fit_error(x, with_inf), "y(3) is -inf"));

    kolroi::ols_options negative;
    negative.weights = Eigen::VectorXd::Ones(4);
    (*negative.weights)[0] = -2.0;
    CHECK(mentions(fit_error(x, y, negative), "weight of row 0 must be finite and >= 0, got -2"));
}

TEST_CASE("a constant column beside an intercept is refused") {
    Eigen::MatrixXd x(5, 2);
    x << 1, 3, 2, 3, 3, 3, 4, 3, 5, 3;
    Eigen::VectorXd y(5);
    y << 1, 2, 2, 4, 5;
    const auto e = fit_error(x, y);
    CHECK(e.kind() == kolroi::error_kind::data_error);
    CHECK(mentions(e, "column 1 of x is constant (every value 3) beside the intercept"));

    // Constant over the rows that take part is constant too.
    x(2, 1) = 99.0;
    kolroi::ols_options options;
    options.weights = Eigen::VectorXd::Ones(5);
    (*options.weights)[2] = 0.0;
    CHECK(mentions(fit_error(x, y, options), "column 1 of x is constant"));

    // Variation at the last bit of 1e9 is no variation.
    x.col(1) << 1e9, 1e9, std::nextafter(1e9, 2e9), 1e9, 1e9;
    CHECK(mentions(fit_error(x, y), "below rank_tolerance"));

    // Without an intercept a constant column is the intercept, and that is fine.
    x.col(1).setConstant(3.0);
    kolroi::ols_options no_intercept;
    no_intercept.intercept = false;
    CHECK(kolroi::fit_ols(x, y, no_intercept).rank == 2);
}
