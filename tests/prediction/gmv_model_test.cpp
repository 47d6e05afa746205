// Tests of kolroi/prediction/gmv_model.hpp: both targets, the two corrections of the log
// target's mean, and the intervals, against the closed forms of a straight-line fit worked out
// in the test.
#include "kolroi/prediction/gmv_model.hpp"

#include "test_support.hpp"

#include <boost/math/distributions/students_t.hpp>

#include <cmath>
#include <vector>

namespace {

/// A straight line y = a + b x by the textbook sums, and what its prediction at x0 needs.
struct line_fit {
    double a = 0, b = 0, s = 0, x_mean = 0, sxx = 0;
    std::vector<double> residuals;
    std::size_t n = 0;

    line_fit(const std::vector<double>& x, const std::vector<double>& y)
        : n(x.size()) {
        double y_mean = 0;
        for (std::size_t i = 0; i < n; ++i) {
            x_mean += x[i] / double(n);
            y_mean += y[i] / double(n);
        }
        double sxy = 0;
        for (std::size_t i = 0; i < n; ++i) {
            sxx += (x[i] - x_mean) * (x[i] - x_mean);
            sxy += (x[i] - x_mean) * (y[i] - y_mean);
        }
        b = sxy / sxx;
        a = y_mean - b * x_mean;
        double rss = 0;
        for (std::size_t i = 0; i < n; ++i) {
            residuals.push_back(y[i] - a - b * x[i]);
            rss += residuals.back() * residuals.back();
        }
        s = std::sqrt(rss / double(n - 2));
    }

    [[nodiscard]] double mean_se(double x0) const {
        return s * std::sqrt(1.0 / double(n) + (x0 - x_mean) * (x0 - x_mean) / sxx);
    }
    [[nodiscard]] double t(double level) const {
        const boost::math::students_t student(double(n - 2));
        return boost::math::quantile(student, (1 + level) / 2);
    }
};

const std::vector<double> xs = {1, 2, 3, 4, 5, 6, 7, 8};
const std::vector<double> gmvs = {210, 330, 610, 900, 1500, 2600, 3900, 7400};

Eigen::MatrixXd x_matrix() {
    Eigen::MatrixXd x(8, 1);
    for (int i = 0; i < 8; ++i) {
        x(i, 0) = xs[static_cast<std::size_t>(i)];
    }
    return x;
}

Eigen::VectorXd gmv_vector(const std::vector<double>& values) {
    return Eigen::Map<const Eigen::VectorXd>(values.data(),
                                             static_cast<Eigen::Index>(values.size()));
}

} // namespace

TEST_CASE("the log target's median, smeared mean and interval follow the straight-line fit") {
    std::vector<double> logs;
    for (const double g : gmvs) {
        logs.push_back(std::log(g));
    }
    const line_fit line(xs, logs);
    double smearing = 0;
    for (const double r : line.residuals) {
        smearing += std::exp(r) / 8;
    }

    const auto model =
        kolroi::fit_gmv_model(x_matrix(), gmv_vector(gmvs), kolroi::gmv_target::log_gmv,
                              kolroi::back_transform::smearing);
    CHECK(model.smearing_factor == doctest::Approx(smearing).epsilon(1e-12));

    Eigen::RowVectorXd row(1);
    row << 9.5;
    const auto p = kolroi::predict_gmv(model, row, 0.8);
    const double centre = line.a + line.b * 9.5;
    const double half = line.t(0.8) * std::sqrt(line.s * line.s + std::pow(line.mean_se(9.5), 2));
    CHECK(p.median == doctest::Approx(std::exp(centre)).epsilon(1e-10));
    CHECK(p.mean == doctest::Approx(std::exp(centre) * smearing).epsilon(1e-10));
    REQUIRE(p.range.has_value());
    CHECK(p.range->lower == doctest::Approx(std::exp(centre - half)).epsilon(1e-10));
    CHECK(p.range->upper == doctest::Approx(std::exp(centre + half)).epsilon(1e-10));
    CHECK_FALSE(p.cut_at_zero);
}

TEST_CASE("the lognormal correction adds half the prediction's variance before exp") {
    std::vector<double> logs;
    for (const double g : gmvs) {
        logs.push_back(std::log(g));
    }
    const line_fit line(xs, logs);
    const auto model =
        kolroi::fit_gmv_model(x_matrix(), gmv_vector(gmvs), kolroi::gmv_target::log_gmv,
                              kolroi::back_transform::lognormal);
    Eigen::RowVectorXd row(1);
    row << 3.0;
    const auto p = kolroi::predict_gmv(model, row, 0.9);
    const double variance = line.s * line.s + std::pow(line.mean_se(3.0), 2);
    CHECK(p.mean == doctest::Approx(std::exp(line.a + 3 * line.b + variance / 2)).epsilon(1e-10));
    CHECK(p.median == doctest::Approx(std::exp(line.a + 3 * line.b)).epsilon(1e-10));
}

TEST_CASE("the gmv target predicts the line itself and cuts a negative end at zero") {
    const line_fit line(xs, gmvs);
    const auto model = kolroi::fit_gmv_model(x_matrix(), gmv_vector(gmvs), kolroi::gmv_target::gmv,
                                             kolroi::back_transform::smearing);
    CHECK(model.smearing_factor == 1.0);

    Eigen::RowVectorXd row(1);
    row << 6.0;
    const auto p = kolroi::predict_gmv(model, row, 0.8);
    const double half = line.t(0.8) * std::sqrt(line.s * line.s + std::pow(line.mean_se(6), 2));
    CHECK(p.mean == doctest::Approx(line.a + 6 * line.b).epsilon(1e-10));
    CHECK(p.median == p.mean);
    CHECK(p.range->upper == doctest::Approx(line.a + 6 * line.b + half).epsilon(1e-10));

    // At x = 0 the line is far below zero: the mean and the interval are cut at 0.
    row << 0.0;
    REQUIRE(line.a < 0);
    const auto low = kolroi::predict_gmv(model, row, 0.8);
    CHECK(low.mean == 0.0);
    CHECK(low.range->lower == 0.0);
    CHECK(low.cut_at_zero);
}

TEST_CASE("the log target refuses a GMV of zero and sizes must agree") {
    std::vector<double> with_zero = gmvs;
    with_zero[3] = 0;
    CHECK_THROWS_WITH_AS(kolroi::fit_gmv_model(x_matrix(), gmv_vector(with_zero),
                                               kolroi::gmv_target::log_gmv,
                                               kolroi::back_transform::smearing),
                         "fit_gmv_model: GMV of row 3 is 0; the log_gmv target needs every GMV "
                         "above zero",
                         kolroi::error);
    CHECK_NOTHROW(kolroi::fit_gmv_model(x_matrix(), gmv_vector(with_zero), kolroi::gmv_target::gmv,
                                        kolroi::back_transform::smearing));
    CHECK_THROWS_WITH_AS(kolroi::fit_gmv_model(x_matrix(), Eigen::VectorXd::Ones(3),
                                               kolroi::gmv_target::gmv,
                                               kolroi::back_transform::smearing),
                         "fit_gmv_model: x has 8 rows but gmv has 3", kolroi::error);
}
