// Tests for kolroi/incrementality/post_lift.hpp: the lift of a post against a counterfactual
// fitted on the days before it.
#include "kolroi/incrementality/post_lift.hpp"

#include "test_support.hpp"

#include <cmath>
#include <cstddef>
#include <random>
#include <string>
#include <vector>

namespace {

std::vector<double> steps(std::size_t days, std::size_t change_day, double before, double after) {
    std::vector<double> values(days, before);
    for (std::size_t d = change_day; d < days; ++d) {
        values[d] = after;
    }
    return values;
}

kolroi::lift_design window_from(std::size_t start, std::size_t days, std::size_t pre_days,
                                std::vector<std::size_t> treated,
                                std::vector<std::size_t> controls) {
    kolroi::lift_design design;
    design.label = "p1";
    design.treated = std::move(treated);
    design.controls = std::move(controls);
    design.window_start = start;
    design.window_days = days;
    design.pre_days = pre_days;
    return design;
}

} // namespace

TEST_CASE("a constant control and a step of +10 a day: lift +10 a day, +100 in all, +5%") {
    // Control 100 a day for 20 days; treated 200 a day before day 11 (index 10) and 210 after.
    const std::vector<kolroi::daily_series> series = {{"control", steps(20, 10, 100, 100)},
                                                      {"treated", steps(20, 10, 200, 210)}};
    const auto lift = kolroi::estimate_post_lift(series, window_from(10, 10, 10, {1}, {0}));
    CHECK(lift.fit_days == 10);
    CHECK(lift.total.actual == doctest::Approx(2100));
    CHECK(lift.total.counterfactual == doctest::Approx(2000));
    CHECK(lift.total.lift == doctest::Approx(100));
    CHECK(lift.total.daily_lift() == doctest::Approx(10));
    CHECK(lift.total.relative_lift().value() == doctest::Approx(0.05));

    // The constant control is the intercept again: dropped and said so. The constant treated
    // series is fitted exactly, so the interval is the lift itself, zero wide.
    CHECK(lift.controls_used.empty());
    CHECK(lift.notes.count("constant control") == 1);
    CHECK(lift.notes.count("perfect fit") == 1);
    REQUIRE(lift.total.lift_interval.has_value());
    CHECK(lift.total.lift_interval->lower == doctest::Approx(100));
    CHECK(lift.total.lift_interval->upper == doctest::Approx(100));
    CHECK(lift.total.standard_error.value() == doctest::Approx(0.0));
}

TEST_CASE("two treated series of 200 and 300 a day, each +5% after: +25 a day, +250 in all") {
    const std::vector<kolroi::daily_series> series = {{"control", steps(20, 10, 100, 100)},
                                                      {"a", steps(20, 10, 200, 210)},
                                                      {"b", steps(20, 10, 300, 315)}};
    const auto lift = kolroi::estimate_post_lift(series, window_from(10, 10, 10, {1, 2}, {0}));
    REQUIRE(lift.series.size() == 2);
    CHECK(lift.series[0].series == "a");
    CHECK(lift.series[0].lift == doctest::Approx(100));
    CHECK(lift.series[1].series == "b");
    CHECK(lift.series[1].lift == doctest::Approx(150));
    CHECK(lift.total.series == "(total)");
    CHECK(lift.total.lift == doctest::Approx(250));
    CHECK(lift.total.daily_lift() == doctest::Approx(25));
    CHECK(lift.total.relative_lift().value() == doctest::Approx(0.05));
}

TEST_CASE("with the intercept alone the interval is W s^2 + W^2 s^2 / n under Student's t") {
    // Fit days 1, 2, 3, 4, 5: mean 3, s^2 = 10 / 4 = 2.5, df 4. Window of 2 days: 10 and 12.
    // Counterfactual 2 * 3 = 6, lift 16, Var = 2 * 2.5 + 4 * 2.5 / 5 = 7.
    // t(4) at 0.95 is 2.131846786 (any table of Student's t).
    const std::vector<kolroi::daily_series> series = {{"y", {1, 2, 3, 4, 5, 10, 12}}};
    const auto lift = kolroi::estimate_post_lift(series, window_from(5, 2, 5, {0}, {}));
    CHECK(lift.total.counterfactual == doctest::Approx(6));
    CHECK(lift.total.lift == doctest::Approx(16));
    CHECK(lift.total.degrees_of_freedom == doctest::Approx(4));
    CHECK(lift.total.standard_error.value() == doctest::Approx(std::sqrt(7.0)));
    REQUIRE(lift.total.lift_interval.has_value());
    CHECK(lift.total.lift_interval->lower == doctest::Approx(16 - 2.131846786 * std::sqrt(7.0)));
    CHECK(lift.total.lift_interval->upper == doctest::Approx(16 + 2.131846786 * std::sqrt(7.0)));
    CHECK_FALSE(lift.total.r_squared.has_value());
}

TEST_CASE("one control: the counterfactual and its variance match the normal equations") {
    // An independent computation: the 2 x 2 normal equations of y = b0 + b1 x solved by hand,
    // and Var(L) = sigma^2 (W + v' (X'X)^-1 v) with v = [W, sum of x over the window].
    const std::vector<double> x = {10, 12, 9, 14, 11, 13, 8, 12, 15, 10, 16, 9, 11};
    const std::vector<double> y = {31, 36, 27, 41, 34, 38, 26, 37, 44, 29, 60, 41, 45};
    const std::size_t n = 10;
    const std::size_t w = 3;
    double sx = 0, sy = 0, sxx = 0, sxy = 0;
    for (std::size_t i = 0; i < n; ++i) {
        sx += x[i];
        sy += y[i];
        sxx += x[i] * x[i];
        sxy += x[i] * y[i];
    }
    const double det = static_cast<double>(n) * sxx - sx * sx;
    const double b1 = (static_cast<double>(n) * sxy - sx * sy) / det;
    const double b0 = (sy - b1 * sx) / static_cast<double>(n);
    double rss = 0;
    for (std::size_t i = 0; i < n; ++i) {
        rss += (y[i] - b0 - b1 * x[i]) * (y[i] - b0 - b1 * x[i]);
    }
    const double sigma2 = rss / static_cast<double>(n - 2);
    const double vw = static_cast<double>(w);
    const double vx = x[10] + x[11] + x[12];
    // (X'X)^-1 = [sxx, -sx; -sx, n] / det.
    const double quad = (vw * vw * sxx - 2 * vw * vx * sx + vx * vx * static_cast<double>(n)) / det;
    const double counterfactual = vw * b0 + b1 * vx;
    const double lift = (y[10] + y[11] + y[12]) - counterfactual;
    const double se = std::sqrt(sigma2 * (vw + quad));

    const std::vector<kolroi::daily_series> series = {{"x", x}, {"y", y}};
    kolroi::lift_options options;
    options.level = 0.95;
    const auto result =
        kolroi::estimate_post_lift(series, window_from(10, 3, 10, {1}, {0}), options);
    CHECK(result.controls_used == std::vector<std::string>{"x"});
    CHECK(result.total.counterfactual == doctest::Approx(counterfactual).epsilon(1e-12));
    CHECK(result.total.lift == doctest::Approx(lift).epsilon(1e-12));
    CHECK(result.total.standard_error.value() == doctest::Approx(se).epsilon(1e-12));
    CHECK(result.total.degrees_of_freedom == doctest::Approx(8));
    // t(8) at 0.975 is 2.306004135.
    CHECK(result.total.lift_interval->upper - lift == doctest::Approx(2.306004135 * se));
}

TEST_CASE("an exact linear relation to the control gives the injected lift with zero width") {
    // Treated = 2 x + 5 on every day, plus 7 a day in the window; the control changes in the
    // window, and the counterfactual follows it.
    std::vector<double> x;
    std::vector<double> y;
    for (std::size_t d = 0; d < 30; ++d) {
        x.push_back(40.0 + static_cast<double>((d * 7) % 11));
        y.push_back(2 * x.back() + 5 + (d >= 24 ? 7.0 : 0.0));
    }
    const std::vector<kolroi::daily_series> series = {{"x", x}, {"y", y}};
    const auto lift = kolroi::estimate_post_lift(series, window_from(24, 6, 24, {1}, {0}));
    CHECK(lift.total.lift == doctest::Approx(42));
    CHECK(lift.total.lift_interval->width() == doctest::Approx(0.0).epsilon(1e-9));
    CHECK(lift.total.r_squared.value() == doctest::Approx(1.0));
}

TEST_CASE("excluded days stay out of the fit: an earlier post's spike does not raise the base") {
    std::vector<double> y(40, 50.0);
    for (std::size_t d = 5; d < 10; ++d) {
        y[d] = 90; // an earlier post
    }
    for (std::size_t d = 30; d < 40; ++d) {
        y[d] = 55;
    }
    const std::vector<kolroi::daily_series> series = {{"y", y}};
    auto design = window_from(30, 10, 30, {0}, {});
    const auto with_spike = kolroi::estimate_post_lift(series, design);
    CHECK(with_spike.total.counterfactual > 500); // the spike leaks into the mean
    design.excluded_days = {5, 6, 7, 8, 9};
    const auto clean = kolroi::estimate_post_lift(series, design);
    CHECK(clean.fit_days == 25);
    CHECK(clean.total.counterfactual == doctest::Approx(500));
    CHECK(clean.total.lift == doctest::Approx(50));
}

TEST_CASE("several posts at once, each with its own window and fit") {
    std::vector<double> y(60, 20.0);
    for (std::size_t d = 20; d < 25; ++d) {
        y[d] += 4;
    }
    for (std::size_t d = 45; d < 50; ++d) {
        y[d] += 6;
    }
    const std::vector<kolroi::daily_series> series = {{"y", y}};
    auto first = window_from(20, 5, 20, {0}, {});
    first.label = "first";
    auto second = window_from(45, 5, 30, {0}, {});
    second.label = "second";
    second.excluded_days = {20, 21, 22, 23, 24};
    const std::vector<kolroi::lift_design> designs = {first, second};
    const auto lifts = kolroi::estimate_post_lifts(series, designs);
    REQUIRE(lifts.size() == 2);
    CHECK(lifts[0].label == "first");
    CHECK(lifts[0].total.lift == doctest::Approx(20));
    CHECK(lifts[1].label == "second");
    CHECK(lifts[1].fit_days == 25); // days 15..44 but the first window
    CHECK(lifts[1].total.lift == doctest::Approx(30));
}

TEST_CASE("seeded simulation: 90% intervals cover the true lift about 90% of the time") {
    // 1000 series: treated = 12 + 0.8 control + N(0, 3^2), control = 30 + N(0, 4^2) with a
    // trend, 28 fit days and a window of 10 days with a true lift of 2.5 a day. A second treated
    // series shares half of the noise, so the total's interval must count the correlation.
    std::mt19937_64 random(20260301);
    std::normal_distribution<double> normal(0.0, 1.0);
    const std::size_t fit = 28;
    const std::size_t w = 10;
    const double true_lift = 2.5 * static_cast<double>(w);
    int covered = 0;
    int covered_total = 0;
    int covered_50 = 0;
    const int runs = 1000;
    for (int run = 0; run < runs; ++run) {
        std::vector<double> control;
        std::vector<double> a;
        std::vector<double> b;
        for (std::size_t d = 0; d < fit + w; ++d) {
            control.push_back(30 + 0.2 * static_cast<double>(d) + 4 * normal(random));
            const double shared = normal(random);
            const double effect = d >= fit ? 2.5 : 0.0;
            a.push_back(12 + 0.8 * control.back() + 3 * shared + effect);
            b.push_back(5 + 0.5 * control.back() + 2 * (shared + normal(random)) / std::sqrt(2.0) +
                        effect);
        }
        const std::vector<kolroi::daily_series> series = {{"c", control}, {"a", a}, {"b", b}};
        const auto lift = kolroi::estimate_post_lift(series, window_from(fit, w, fit, {1, 2}, {0}));
        covered += lift.series[0].lift_interval->contains(true_lift) ? 1 : 0;
        covered_total += lift.total.lift_interval->contains(2 * true_lift) ? 1 : 0;
        kolroi::lift_options half;
        half.level = 0.5;
        const auto narrow =
            kolroi::estimate_post_lift(series, window_from(fit, w, fit, {1}, {0}), half);
        covered_50 += narrow.total.lift_interval->contains(true_lift) ? 1 : 0;
    }
    const double rate = covered / static_cast<double>(runs);
    const double rate_total = covered_total / static_cast<double>(runs);
    const double rate_50 = covered_50 / static_cast<double>(runs);
    CAPTURE(rate);
    CAPTURE(rate_total);
    CAPTURE(rate_50);
    // 1000 runs: the binomial standard deviation of a 90% rate is 0.0095, of a 50% rate 0.016.
    CHECK(rate >= 0.87);
    CHECK(rate <= 0.93);
    CHECK(rate_total >= 0.87);
    CHECK(rate_total <= 0.93);
    CHECK(rate_50 >= 0.45);
    CHECK(rate_50 <= 0.55);
}

TEST_CASE("one fit day leaves no degrees of freedom: a counterfactual but no interval") {
    const std::vector<kolroi::daily_series> series = {{"y", {10, 14, 15}}};
    const auto lift = kolroi::estimate_post_lift(series, window_from(1, 2, 1, {0}, {}));
    CHECK(lift.total.counterfactual == doctest::Approx(20));
    CHECK(lift.total.lift == doctest::Approx(9));
    CHECK_FALSE(lift.total.lift_interval.has_value());
    CHECK_FALSE(lift.total.no_interval_reason.empty());
}

TEST_CASE("bad designs are errors naming the post and the numbers") {
    const std::vector<kolroi::daily_series> series = {{"c", std::vector<double>(10, 1.0)},
                                                      {"t", std::vector<double>(10, 2.0)}};
    const auto fails = [&](const kolroi::lift_design& design, kolroi::error_kind kind,
                           const std::string& fragment) {
        try {
            (void)kolroi::estimate_post_lift(series, design);
            FAIL("no error for " << fragment);
        } catch (const kolroi::error& e) {
            CHECK(e.kind() == kind);
            CHECK_MESSAGE(std::string(e.what()).find(fragment) != std::string::npos, e.what());
        }
    };
    using kolroi::error_kind;
    fails(window_from(5, 3, 5, {}, {0}), error_kind::invalid_argument, "no treated series");
    fails(window_from(5, 0, 5, {1}, {0}), error_kind::invalid_argument, "window of 0 days");
    fails(window_from(8, 5, 5, {1}, {0}), error_kind::invalid_argument,
          "window ends on day 13 but series 't' has 10 days");
    fails(window_from(5, 3, 5, {1}, {1}), error_kind::invalid_argument, "both treated and control");
    fails(window_from(5, 3, 5, {2}, {0}), error_kind::invalid_argument,
          "treated series 2 but there are 2");
    fails(window_from(0, 3, 5, {1}, {0}), error_kind::data_error, "no day to fit on before day 0");

    std::vector<kolroi::daily_series> broken = series;
    broken[1].values[2] = std::nan("");
    try {
        (void)kolroi::estimate_post_lift(broken, window_from(5, 3, 5, {1}, {0}));
        FAIL("no error for a NaN");
    } catch (const kolroi::error& e) {
        CHECK(e.kind() == kolroi::error_kind::data_error);
        CHECK(e.where().field == "t[2]");
    }
    kolroi::lift_options options;
    options.level = 1.0;
    CHECK_THROWS_AS(
        (void)kolroi::estimate_post_lift(series, window_from(5, 3, 5, {1}, {0}), options),
        kolroi::error);
}
