// predict and predict_row: means, confidence and prediction intervals, checked against the
// worked case O1, textbook formulas on NIST data, and coverage on simulated data.
#include "kolroi/regression/ols.hpp"
#include "kolroi/regression/prediction.hpp"

#include "nist_dat.hpp"
#include "student_t_reference.hpp"
#include "test_support.hpp"

#include <Eigen/Dense>

#include <cmath>
#include <limits>
#include <random>
#include <string>

namespace {

using kolroi::test::log_relative_error;

kolroi::test::nist_dataset nist(const std::string& name) {
    return kolroi::test::read_nist(kolroi::test::test_data("nist/" + name + ".dat"));
}

kolroi::ols_result fit_nist(const kolroi::test::nist_dataset& data) {
    kolroi::ols_options options;
    options.intercept = data.has_intercept();
    return kolroi::fit_ols(data.design(), data.y, options);
}

Eigen::RowVectorXd row(std::initializer_list<double> values) {
    Eigen::RowVectorXd r(static_cast<Eigen::Index>(values.size()));
    Eigen::Index j = 0;
    for (const double v : values) {
        r[j++] = v;
    }
    return r;
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

} // namespace

TEST_CASE("the underdetermined four-row example predicts without an interval (O1)") {
    Eigen::MatrixXd x(4, 4);
    x << 50000, 3.2, 8.5, 1200, //
        120000, 2.8, 9.0, 1500, //
        30000, 4.1, 7.5, 800,   //
        80000, 3.5, 10.2, 1100;
    Eigen::VectorXd y(4);
    y << 1.2, 2.1, 0.8, 1.5;
    const auto fit = kolroi::fit_ols(x, y);
    const auto answer = kolroi::predict_row(fit, row({65000, 3.8, 8.8, 1000}));

    CHECK(answer.mean == doctest::Approx(1.280575516750).epsilon(1e-12));
    CHECK_FALSE(answer.standard_error.has_value());
    CHECK_FALSE(answer.confidence_interval.has_value());
    CHECK_FALSE(answer.prediction_interval.has_value());
    CHECK(answer.no_interval_reason.find("no residual degrees of freedom") != std::string::npos);

    // The four training rows are interpolated exactly: an underdetermined fit has no residual.
    const auto at_training = kolroi::predict(fit, x);
    for (Eigen::Index i = 0; i < 4; ++i) {
        CHECK(at_training[static_cast<std::size_t>(i)].mean ==
              doctest::Approx(y[i]).epsilon(1e-12));
    }
}

TEST_CASE("a straight line's intervals follow the textbook formula (Norris)") {
    // se(mean at x0) = s sqrt(1/n + (x0 - mean x)^2 / Sxx), with NIST's certified s and
    // coefficients; intervals use t(34) integrated from the density.
    const auto data = nist("Norris");
    const auto fit = fit_nist(data);
    const Eigen::VectorXd xs = data.predictors.col(0);
    const double n = static_cast<double>(xs.size());
    const double x_mean = xs.mean();
    const double sxx = (xs.array() - x_mean).square().sum();
    const double s = data.residual_standard_deviation;
    const double b0 = data.parameters[0].estimate;
    const double b1 = data.parameters[1].estimate;
    const double t = kolroi::test::student_t_two_sided_quantile(34.0, 0.95);

    for (const double x0 : {0.0, 250.0, x_mean, 1000.0}) {
        INFO("x0 = " << x0);
        const auto answer = kolroi::predict_row(fit, row({x0}));
        const double mean = b0 + b1 * x0;
        const double se = s * std::sqrt(1.0 / n + (x0 - x_mean) * (x0 - x_mean) / sxx);
        const double observation = std::sqrt(s * s + se * se);
        CHECK(log_relative_error(answer.mean, mean) >= 9.0);
        REQUIRE(answer.standard_error.has_value());
        CHECK(log_relative_error(*answer.standard_error, se) >= 9.0);
        CHECK(log_relative_error(answer.confidence_interval->lower, mean - t * se) >= 9.0);
        CHECK(log_relative_error(answer.confidence_interval->upper, mean + t * se) >= 9.0);
        CHECK(log_relative_error(answer.prediction_interval->lower, mean - t * observation) >= 9.0);
        CHECK(log_relative_error(answer.prediction_interval->upper, mean + t * observation) >= 9.0);
        CHECK(answer.no_interval_reason.empty());
    }
}

TEST_CASE("without an intercept the mean's variance has no 1/n term (NoInt2)") {
    // se = s |x0| / sqrt(sum x^2); with 2 degrees of freedom t = L sqrt(2 / (1 - L^2)).
    const auto data = nist("NoInt2");
    const auto fit = fit_nist(data);
    const double s = data.residual_standard_deviation;
    const double b = data.parameters[0].estimate;
    const double level = 0.9;
    const double t = level * std::sqrt(2.0 / (1.0 - level * level));
    const double x0 = 7.0;
    const double se = s * x0 / data.predictors.col(0).norm();

    const auto answer = kolroi::predict_row(fit, row({x0}), level);
    CHECK(log_relative_error(answer.mean, b * x0) >= 9.0);
    CHECK(log_relative_error(*answer.standard_error, se) >= 9.0);
    CHECK(log_relative_error(answer.confidence_interval->upper, b * x0 + t * se) >= 9.0);
    CHECK(log_relative_error(answer.prediction_interval->lower,
                             b * x0 - t * std::sqrt(s * s + se * se)) >= 9.0);

    const auto at_origin = kolroi::predict_row(fit, row({0.0}), level);
    CHECK(at_origin.mean == 0.0);
    CHECK(*at_origin.standard_error == 0.0);
    CHECK(at_origin.prediction_interval->upper == doctest::Approx(t * s).epsilon(1e-12));
}

TEST_CASE("weighted fits give the weighted standard error of the mean") {
    std::mt19937_64 rng(71);
    const Eigen::MatrixXd x = normal_matrix(rng, 25, 2);
    const Eigen::VectorXd y = x * Eigen::Vector2d(1.0, 3.0) + normal_matrix(rng, 25, 1).col(0);
    std::uniform_real_distribution<double> spread(0.2, 5.0);
    Eigen::VectorXd w(25);
    for (Eigen::Index i = 0; i < 25; ++i) {
        w[i] = spread(rng);
    }
    kolroi::ols_options options;
    options.weights = w;
    const auto fit = kolroi::fit_ols(x, y, options);

    // Independently, on well-conditioned data: weighted means, Xc' W Xc and its inverse.
    const Eigen::RowVectorXd means = (w.transpose() * x) / w.sum();
    const Eigen::MatrixXd xc = x.rowwise() - means;
    const Eigen::MatrixXd gram = xc.transpose() * w.asDiagonal() * xc;
    const double s = *fit.residual_standard_error;
    const Eigen::RowVectorXd x0 = row({0.7, -1.2});
    const Eigen::RowVectorXd c = x0 - means;
    const double se = s * std::sqrt(1.0 / w.sum() + (c * gram.inverse() * c.transpose())(0, 0));

    const auto answer = kolroi::predict_row(fit, x0);
    CHECK(*answer.standard_error == doctest::Approx(se).epsilon(1e-12));
    CHECK(answer.mean ==
          doctest::Approx(fit.coefficients[0] + x0.dot(fit.coefficients.tail(2))).epsilon(1e-14));
}

TEST_CASE("predict over many rows answers as predict_row does for each") {
    const auto data = nist("Longley");
    const auto fit = fit_nist(data);
    const Eigen::MatrixXd rows = data.predictors.topRows(5);
    const auto answers = kolroi::predict(fit, rows, 0.8);
    REQUIRE(answers.size() == 5);
    for (Eigen::Index i = 0; i < 5; ++i) {
        const auto one = kolroi::predict_row(fit, rows.row(i), 0.8);
        const auto& many = answers[static_cast<std::size_t>(i)];
        CHECK(many.mean == one.mean);
        CHECK(*many.standard_error == *one.standard_error);
        CHECK(many.prediction_interval->lower == one.prediction_interval->lower);
        // At a training row the mean is the fitted value.
        CHECK(many.mean == doctest::Approx(fit.fitted_values[i]).epsilon(1e-13));
    }
    CHECK(kolroi::predict(fit, Eigen::MatrixXd(0, 6)).empty());
}

TEST_CASE("95% prediction intervals cover about 95% of new observations") {
    // Each of 2000 replications draws a fresh training set of 20 rows from y = 1 + 0.5 x1 - 2 x2
    // + N(0, 1.5^2), fits, and asks whether a new draw at a random x0 falls in the interval;
    // and whether the true mean at x0 falls in the confidence interval. Binomial(2000, 0.95)
    // has a standard deviation of 0.0049, so 0.93..0.97 is four of them.
    std::mt19937_64 rng(20240613);
    std::uniform_real_distribution<double> uniform(0.0, 10.0);
    std::normal_distribution<double> noise(0.0, 1.5);
    const auto truth = [](double x1, double x2) { return 1.0 + 0.5 * x1 - 2.0 * x2; };

    int observation_hits = 0;
    int mean_hits = 0;
    const int replications = 2000;
    for (int r = 0; r < replications; ++r) {
        Eigen::MatrixXd x(20, 2);
        Eigen::VectorXd y(20);
        for (Eigen::Index i = 0; i < 20; ++i) {
            x(i, 0) = uniform(rng);
            x(i, 1) = uniform(rng);
            y[i] = truth(x(i, 0), x(i, 1)) + noise(rng);
        }
        const auto fit = kolroi::fit_ols(x, y);
        const double x1 = uniform(rng);
        const double x2 = uniform(rng);
        const double y0 = truth(x1, x2) + noise(rng);
        const auto answer = kolroi::predict_row(fit, row({x1, x2}), 0.95);
        observation_hits += answer.prediction_interval->contains(y0) ? 1 : 0;
        mean_hits += answer.confidence_interval->contains(truth(x1, x2)) ? 1 : 0;
    }
    const double observation_coverage = double(observation_hits) / replications;
    const double mean_coverage = double(mean_hits) / replications;
    MESSAGE("prediction interval coverage " << observation_coverage << ", confidence interval "
                                            << mean_coverage);
    CHECK(observation_coverage >= 0.93);
    CHECK(observation_coverage <= 0.97);
    CHECK(mean_coverage >= 0.93);
    CHECK(mean_coverage <= 0.97);
}

TEST_CASE("a rank-deficient fit gives intervals only inside the design's span") {
    std::mt19937_64 rng(73);
    const Eigen::MatrixXd base = normal_matrix(rng, 20, 2);
    const Eigen::VectorXd y = base * Eigen::Vector2d(3.0, -1.0) + normal_matrix(rng, 20, 1).col(0);
    Eigen::MatrixXd x(20, 3);
    x << base, 2.0 * base.col(0);
    const auto reduced = kolroi::fit_ols(base, y);
    const auto fit = kolroi::fit_ols(x, y);
    REQUIRE(fit.solution == kolroi::solution_kind::minimum_norm);

    // Column 2 is twice column 0 in every training row; a new row that keeps that is estimable.
    const auto inside = kolroi::predict_row(fit, row({0.4, -0.3, 0.8}));
    const auto expected = kolroi::predict_row(reduced, row({0.4, -0.3}));
    CHECK(inside.mean == doctest::Approx(expected.mean).epsilon(1e-12));
    REQUIRE(inside.standard_error.has_value());
    CHECK(*inside.standard_error == doctest::Approx(*expected.standard_error).epsilon(1e-10));
    CHECK(inside.prediction_interval->upper ==
          doctest::Approx(expected.prediction_interval->upper).epsilon(1e-10));

    const auto outside = kolroi::predict_row(fit, row({0.4, -0.3, 5.0}));
    CHECK_FALSE(outside.confidence_interval.has_value());
    CHECK_FALSE(outside.standard_error.has_value());
    CHECK(outside.no_interval_reason.find("span") != std::string::npos);
}

TEST_CASE("ridge predictions use the shrunk coefficients") {
    std::mt19937_64 rng(79);
    const Eigen::MatrixXd x = normal_matrix(rng, 30, 3);
    const Eigen::VectorXd y = x * Eigen::Vector3d(1.0, 2.0, 3.0) + normal_matrix(rng, 30, 1).col(0);
    kolroi::ols_options options;
    options.ridge_lambda = 4.0;
    const auto fit = kolroi::fit_ols(x, y, options);
    const Eigen::RowVectorXd x0 = row({1.0, -1.0, 0.5});
    const auto answer = kolroi::predict_row(fit, x0);
    CHECK(answer.mean ==
          doctest::Approx(fit.coefficients[0] + x0.dot(fit.coefficients.tail(3))).epsilon(1e-14));

    // Independently: Var(mean) = sigma^2 (1/n + c' A^-1 Xc'Xc A^-1 c), A = Xc'Xc + lambda I.
    const Eigen::RowVectorXd means = x.colwise().mean();
    const Eigen::MatrixXd xc = x.rowwise() - means;
    const Eigen::MatrixXd gram = xc.transpose() * xc;
    const Eigen::MatrixXd a_inverse = (gram + 4.0 * Eigen::MatrixXd::Identity(3, 3)).inverse();
    const Eigen::RowVectorXd c = x0 - means;
    const double s = *fit.residual_standard_error;
    const double se =
        s * std::sqrt(1.0 / 30.0 + (c * a_inverse * gram * a_inverse * c.transpose())(0, 0));
    CHECK(*answer.standard_error == doctest::Approx(se).epsilon(1e-11));
}

TEST_CASE("prediction refuses rows that do not fit the model and levels outside (0, 1)") {
    const auto fit = fit_nist(nist("Longley"));
    CHECK_THROWS_WITH_AS(kolroi::predict(fit, Eigen::MatrixXd::Ones(2, 5)),
                         "predict: the fit has 6 columns of x but the new rows have 5",
                         kolroi::error);
    Eigen::MatrixXd bad = Eigen::MatrixXd::Ones(2, 6);
    bad(1, 3) = std::numeric_limits<double>::quiet_NaN();
    try {
        kolroi::predict(fit, bad);
        FAIL("predict accepted a NaN");
    } catch (const kolroi::error& e) {
        CHECK(e.kind() == kolroi::error_kind::data_error);
        CHECK(std::string(e.what()).find("value (1, 3) of the new rows is nan") !=
              std::string::npos);
        CHECK(e.where().field == "rows(1, 3)");
    }
    for (const double level : {0.0, 1.0, 1.5, std::nan("")}) {
        CHECK_THROWS_WITH_AS(kolroi::predict_row(fit, Eigen::RowVectorXd::Ones(6), level),
                             doctest::Contains("predict: level must be in (0, 1)"), kolroi::error);
    }
}
