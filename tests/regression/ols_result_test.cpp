// ols_result: coefficient intervals, the F test and the sums of squares, against NIST's
// certified analysis of variance and closed forms of Student's t and Fisher's F.
#include "kolroi/regression/ols.hpp"
#include "kolroi/regression/ols_result.hpp"

#include "nist_dat.hpp"
#include "student_t_reference.hpp"
#include "test_support.hpp"

#include <cmath>
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

/// Student's t quantile for 2 degrees of freedom in closed form: F(t) = 1/2 + t / (2
/// sqrt(2 + t^2)), so P(|T| <= t) = level gives t = level sqrt(2 / (1 - level^2)).
double t_two_df(double level) {
    return level * std::sqrt(2.0 / (1.0 - level * level));
}

} // namespace

TEST_CASE("an interval contains its ends and knows its width") {
    const kolroi::interval i{-1.5, 2.0};
    CHECK(i.contains(-1.5));
    CHECK(i.contains(2.0));
    CHECK_FALSE(i.contains(2.0000001));
    CHECK(i.width() == 3.5);
}

TEST_CASE("coefficient intervals use Student's t on the residual degrees of freedom") {
    // NoInt2 has 3 rows and one parameter: 2 degrees of freedom, where t has a closed form.
    const auto data = nist("NoInt2");
    const auto fit = fit_nist(data);
    REQUIRE(fit.residual_degrees_of_freedom == 2.0);
    const double b = data.parameters[0].estimate;
    const double sd = data.parameters[0].standard_deviation;
    for (const double level : {0.95, 0.5, 0.99}) {
        const auto ci = fit.coefficient_interval(0, level);
        REQUIRE(ci.has_value());
        CHECK(log_relative_error(ci->lower, b - t_two_df(level) * sd) >= 9.0);
        CHECK(log_relative_error(ci->upper, b + t_two_df(level) * sd) >= 9.0);
    }
}

TEST_CASE("coefficient intervals agree with a t quantile integrated from the density") {
    const auto data = nist("Norris");
    const auto fit = fit_nist(data);
    const double t = kolroi::test::student_t_two_sided_quantile(34.0, 0.90);
    for (Eigen::Index k = 0; k < 2; ++k) {
        const auto& certified = data.parameters[static_cast<std::size_t>(k)];
        const auto ci = fit.coefficient_interval(k, 0.90);
        REQUIRE(ci.has_value());
        const double half = t * certified.standard_deviation;
        CHECK(log_relative_error(ci->lower, certified.estimate - half) >= 9.0);
        CHECK(log_relative_error(ci->upper, certified.estimate + half) >= 9.0);
    }
}

TEST_CASE("p values are two-sided tail masses of Student's t") {
    // Longley has 9 residual degrees of freedom and t statistics from 0.18 to 4.2.
    const auto data = nist("Longley");
    const auto fit = fit_nist(data);
    for (std::size_t k = 0; k < data.parameters.size(); ++k) {
        const auto& certified = data.parameters[k];
        const double t = certified.estimate / certified.standard_deviation;
        REQUIRE(fit.t_statistics[k].has_value());
        CHECK(log_relative_error(*fit.t_statistics[k], t) >= 9.0);
        const double p = kolroi::test::student_t_two_sided_p(9.0, t);
        INFO(certified.name << ": t " << t << ", p " << p);
        CHECK(*fit.p_values[k] == doctest::Approx(p).epsilon(1e-9));
    }
}

TEST_CASE("sums of squares and the F statistic reproduce NIST's analysis of variance") {
    for (const char* name : {"Norris", "Pontius", "NoInt1", "NoInt2", "Longley", "Wampler3"}) {
        const auto data = nist(name);
        const auto fit = fit_nist(data);
        INFO(name);
        CHECK(fit.model_degrees_of_freedom == data.regression.degrees_of_freedom);
        CHECK(log_relative_error(fit.explained_sum_of_squares, data.regression.sum_of_squares) >=
              9.0);
        CHECK(log_relative_error(fit.residual_sum_of_squares, data.residual.sum_of_squares) >= 9.0);
        REQUIRE(fit.f_statistic().has_value());
        CHECK(log_relative_error(*fit.f_statistic(), data.regression.f_statistic) >= 9.0);
    }
}

TEST_CASE("an exact polynomial fit has a vanishing residual sum of squares") {
    // NIST certifies RSS = 0 and F = Infinity for Wampler1 and Wampler2; in double the residual
    // sum of squares is rounding, far below the explained sum.
    for (const char* name : {"Wampler1", "Wampler2"}) {
        const auto data = nist(name);
        const auto fit = fit_nist(data);
        INFO(name);
        CHECK(data.residual.sum_of_squares == 0.0);
        CHECK(std::isinf(data.regression.f_statistic));
        CHECK(fit.residual_sum_of_squares <= 1e-18 * fit.explained_sum_of_squares);
        CHECK(log_relative_error(fit.explained_sum_of_squares, data.regression.sum_of_squares) >=
              9.0);
        const auto f = fit.f_statistic();
        CHECK((!f.has_value() || *f > 1e15));
    }
}

TEST_CASE("the F test's p value is Fisher's F tail") {
    // With 2 and 2 degrees of freedom, P(F > f) = 1 / (1 + f). Five rows, two slopes.
    Eigen::MatrixXd x(5, 2);
    x << 1, 2, 2, 1, 3, 5, 4, 3, 5, 4;
    Eigen::VectorXd y(5);
    y << 1.0, 2.5, 2.0, 4.5, 4.0;
    const auto fit = kolroi::fit_ols(x, y);
    REQUIRE(fit.residual_degrees_of_freedom == 2.0);
    REQUIRE(fit.model_degrees_of_freedom == 2.0);
    const double f = *fit.f_statistic();
    CHECK(f == doctest::Approx((fit.explained_sum_of_squares / 2.0) /
                               (fit.residual_sum_of_squares / 2.0)));
    CHECK(*fit.f_p_value() == doctest::Approx(1.0 / (1.0 + f)).epsilon(1e-12));

    // With one slope, F = t^2 and both tests give the same p value.
    const auto line = kolroi::fit_ols(x.col(0), y);
    CHECK(*line.f_statistic() == doctest::Approx(*line.t_statistics[1] * *line.t_statistics[1]));
    CHECK(*line.f_p_value() == doctest::Approx(*line.p_values[1]).epsilon(1e-12));
}

TEST_CASE("what the data cannot give stays empty") {
    Eigen::MatrixXd x(4, 4);
    x << 50000, 3.2, 8.5, 1200, 120000, 2.8, 9.0, 1500, 30000, 4.1, 7.5, 800, 80000, 3.5, 10.2,
        1100;
    Eigen::VectorXd y(4);
    y << 1.2, 2.1, 0.8, 1.5;
    const auto fit = kolroi::fit_ols(x, y);
    CHECK_FALSE(fit.coefficient_interval(0).has_value());
    CHECK_FALSE(fit.coefficient_interval(4).has_value());
    CHECK_FALSE(fit.f_statistic().has_value());
    CHECK_FALSE(fit.f_p_value().has_value());
}

TEST_CASE("coefficient_interval refuses a bad level or index") {
    const auto fit = fit_nist(nist("Norris"));
    for (const double level : {0.0, 1.0, -0.2, std::nan("")}) {
        CHECK_THROWS_WITH_AS(static_cast<void>(fit.coefficient_interval(0, level)),
                             doctest::Contains("level must be in (0, 1)"), kolroi::error);
    }
    CHECK_THROWS_WITH_AS(static_cast<void>(fit.coefficient_interval(2)),
                         "ols_result::coefficient_interval: coefficient 2 does not exist; the "
                         "model has 2 coefficients",
                         kolroi::error);
    CHECK_THROWS_AS(static_cast<void>(fit.coefficient_interval(-1)), kolroi::error);
}
