// Tests for kolroi/budget/gmv_forecast.hpp: the GMV figure each objective reads from a forecast.
#include "kolroi/budget/gmv_forecast.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <string>

using kolroi::gmv_forecast;
using kolroi::gmv_measure;
using kolroi::gmv_objective;

// Standard normal quantiles z_q for q = 0.10, 0.05 and 0.025 (tabulated as 1.281552, 1.644854
// and 1.959964), written to double precision.
constexpr double z_010 = -1.2815515655446004;
constexpr double z_005 = -1.6448536269514722;
constexpr double z_0025 = -1.9599639845400542;

TEST_CASE("the mean measure reads the forecast mean") {
    const gmv_forecast forecast{2400, 600, 1500, 3300};
    CHECK(kolroi::objective_gmv(forecast, {}) == 2400);
}

TEST_CASE("the normal quantile is mean + z_q sd") {
    const gmv_forecast forecast{2000, 1000, std::nullopt, std::nullopt};
    CHECK(kolroi::objective_gmv(forecast, {gmv_measure::normal_quantile, 0.10}) ==
          doctest::Approx(2000 + z_010 * 1000).epsilon(1e-13));
    CHECK(kolroi::objective_gmv(forecast, {gmv_measure::normal_quantile, 0.05}) ==
          doctest::Approx(2000 + z_005 * 1000).epsilon(1e-13));
    CHECK(kolroi::objective_gmv(forecast, {gmv_measure::normal_quantile, 0.025}) ==
          doctest::Approx(2000 + z_0025 * 1000).epsilon(1e-13));
    CHECK(kolroi::objective_gmv(forecast, {gmv_measure::normal_quantile, 0.5}) ==
          doctest::Approx(2000).epsilon(1e-15));
}

TEST_CASE("a forecast with no spread has every quantile at its mean") {
    const gmv_forecast forecast{750, 0, std::nullopt, std::nullopt};
    CHECK(kolroi::objective_gmv(forecast, {gmv_measure::normal_quantile, 0.10}) == 750);
}

TEST_CASE("the interval_lower measure reads the supplied lower bound") {
    const gmv_forecast forecast{2400, 600, 1500, 3300};
    CHECK(kolroi::objective_gmv(forecast, {gmv_measure::interval_lower, 0.10}) == 1500);
}

TEST_CASE("interval_lower without a lower bound is an error that names the forecast") {
    const gmv_forecast forecast{2400, 600, std::nullopt, 3300};
    try {
        (void)kolroi::objective_gmv(forecast, {gmv_measure::interval_lower, 0.10});
        FAIL("expected an error");
    } catch (const kolroi::error& e) {
        CHECK(e.kind() == kolroi::error_kind::invalid_argument);
        CHECK(std::string(e.what()).find("no lower bound") != std::string::npos);
        CHECK(std::string(e.what()).find("2400.00") != std::string::npos);
    }
}

TEST_CASE("a quantile level outside (0, 0.5] is refused") {
    const gmv_forecast forecast{1000, 100, std::nullopt, std::nullopt};
    for (const double level : {0.0, -0.1, 0.6, 1.0}) {
        CAPTURE(level);
        CHECK_THROWS_AS(
            (void)kolroi::objective_gmv(forecast, {gmv_measure::normal_quantile, level}),
            kolroi::error);
    }
    CHECK_THROWS_AS((void)kolroi::standard_normal_quantile(1.0), kolroi::error);
}

TEST_CASE("measure names round-trip and unknown names give nothing") {
    for (const auto measure :
         {gmv_measure::mean, gmv_measure::normal_quantile, gmv_measure::interval_lower}) {
        CHECK(kolroi::gmv_measure_from_name(kolroi::to_string(measure)) == measure);
    }
    CHECK_FALSE(kolroi::gmv_measure_from_name("median").has_value());
}

TEST_CASE("a forecast is checked for finite numbers, sd >= 0 and lower <= upper") {
    const kolroi::input_location row{"kols.csv", 4, ""};
    CHECK_NOTHROW(kolroi::detail::check_forecast({100, 10, 80, 120}, "f", row));
    try {
        kolroi::detail::check_forecast({100, -1, std::nullopt, std::nullopt}, "f", row);
        FAIL("expected an error");
    } catch (const kolroi::error& e) {
        CHECK(e.where().field == "gmv_sd");
        CHECK(e.where().line == 4);
        CHECK(e.message().find("-1") != std::string::npos);
    }
    try {
        kolroi::detail::check_forecast({100, 10, 130, 120}, "f", row);
        FAIL("expected an error");
    } catch (const kolroi::error& e) {
        CHECK(e.message().find("130.00") != std::string::npos);
        CHECK(e.message().find("120.00") != std::string::npos);
    }
    CHECK_THROWS_AS(kolroi::detail::check_forecast({NAN, 10, std::nullopt, std::nullopt}, "f"),
                    kolroi::error);
}
