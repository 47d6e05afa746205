// Tests for kolroi/budget/response_curve.hpp: values, marginals and inverse marginals worked by
// hand, and marginals checked against finite differences of the values.
#include "kolroi/budget/response_curve.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <string>
#include <vector>

using kolroi::response_curve;
using kolroi::response_shape;

namespace {

const double inf = std::numeric_limits<double>::infinity();

std::vector<response_curve> sample_curves() {
    return {response_curve::logarithmic(2, 100),    response_curve::logarithmic(350, 2000),
            response_curve::hill(10, 50),           response_curve::hill(1, 100, 0.5),
            response_curve::hill(5000, 800, 0.8),   response_curve::exponential(100, 50),
            response_curve::exponential(9000, 3000)};
}

} // namespace

TEST_CASE("logarithmic curve: a ln(1 + x/b) and a/(b + x), by hand") {
    const auto curve = response_curve::logarithmic(2, 100);
    CHECK(curve.value(0) == 0);
    CHECK(curve.value(100) == doctest::Approx(2 * std::log(2.0)).epsilon(1e-15));
    CHECK(curve.marginal(0) == doctest::Approx(0.02).epsilon(1e-15));
    CHECK(curve.marginal(100) == doctest::Approx(0.01).epsilon(1e-15));
    CHECK(curve.inverse_marginal(0.01) == doctest::Approx(100).epsilon(1e-13));
    CHECK(curve.inverse_marginal(0.005) == doctest::Approx(300).epsilon(1e-13));
    CHECK(curve.inverse_marginal(0.05) == 0); // above r'(0) = 0.02: no spend
    CHECK(curve.inverse_marginal(0) == inf);
}

TEST_CASE("Hill curve with s = 1: a x/(x + k) and a k/(x + k)^2, by hand") {
    const auto curve = response_curve::hill(10, 50);
    CHECK(curve.value(50) == doctest::Approx(5).epsilon(1e-15));
    CHECK(curve.value(150) == doctest::Approx(7.5).epsilon(1e-15));
    CHECK(curve.marginal(0) == doctest::Approx(0.2).epsilon(1e-15));
    CHECK(curve.marginal(50) == doctest::Approx(0.05).epsilon(1e-15));
    CHECK(curve.inverse_marginal(0.05) == doctest::Approx(50).epsilon(1e-13));
    CHECK(curve.inverse_marginal(10.0 * 50 / (150.0 * 150.0)) ==
          doctest::Approx(100).epsilon(1e-13));
    CHECK(curve.inverse_marginal(0.2) == 0);
}

TEST_CASE("Hill curve with s = 1/2: value, marginal and the inverse found by bisection") {
    const auto curve = response_curve::hill(1, 100, 0.5);
    // t = (x/k)^s: x = 100 gives t = 1, x = 400 gives t = 2.
    CHECK(curve.value(100) == doctest::Approx(0.5).epsilon(1e-15));
    CHECK(curve.value(400) == doctest::Approx(2.0 / 3.0).epsilon(1e-15));
    // r'(x) = a s k^s x^(s-1) / (x^s + k^s)^2: 0.5 * 10 * 0.1 / 20^2 and 0.5 * 10 * 0.05 / 30^2.
    CHECK(curve.marginal(100) == doctest::Approx(0.5 / 400).epsilon(1e-14));
    CHECK(curve.marginal(400) == doctest::Approx(0.25 / 900).epsilon(1e-14));
    CHECK(curve.marginal(0) == inf);
    CHECK(curve.inverse_marginal(0.5 / 400) == doctest::Approx(100).epsilon(1e-12));
    CHECK(curve.inverse_marginal(0.25 / 900) == doctest::Approx(400).epsilon(1e-12));
    CHECK(curve.inverse_marginal(inf) == 0);
}

TEST_CASE("exponential curve: a (1 - exp(-x/k)) and (a/k) exp(-x/k), by hand") {
    const auto curve = response_curve::exponential(100, 50);
    CHECK(curve.value(50) == doctest::Approx(100 * (1 - std::exp(-1.0))).epsilon(1e-15));
    CHECK(curve.marginal(0) == doctest::Approx(2).epsilon(1e-15));
    CHECK(curve.marginal(50) == doctest::Approx(2 * std::exp(-1.0)).epsilon(1e-15));
    CHECK(curve.inverse_marginal(2 * std::exp(-1.0)) == doctest::Approx(50).epsilon(1e-13));
    CHECK(curve.inverse_marginal(2 * std::exp(-3.0)) == doctest::Approx(150).epsilon(1e-13));
    CHECK(curve.inverse_marginal(3) == 0);
}

TEST_CASE("every marginal agrees with a central difference of the value") {
    for (const auto& curve : sample_curves()) {
        for (const double x : {1.0, 7.5, 60.0, 333.0, 2500.0, 40000.0}) {
            CAPTURE(kolroi::to_string(curve.shape()));
            CAPTURE(curve.exponent());
            CAPTURE(x);
            const double h = 1e-4 * x;
            const double difference = (curve.value(x + h) - curve.value(x - h)) / (2 * h);
            CHECK(curve.marginal(x) == doctest::Approx(difference).epsilon(1e-6));
        }
    }
}

TEST_CASE("inverse_marginal inverts marginal, and marginals fall as spend grows") {
    for (const auto& curve : sample_curves()) {
        CAPTURE(kolroi::to_string(curve.shape()));
        CAPTURE(curve.exponent());
        double previous = inf;
        for (double x = 0.5; x < 1e5; x *= 1.7) {
            const double marginal = curve.marginal(x);
            CHECK(marginal <= previous);
            previous = marginal;
            if (marginal > 1e-200) {
                CHECK(curve.inverse_marginal(marginal) == doctest::Approx(x).epsilon(1e-9));
            }
        }
    }
}

TEST_CASE("make builds the same curve as the named factories") {
    const auto made = response_curve::make(response_shape::hill, 5000, 800, 0.8);
    const auto named = response_curve::hill(5000, 800, 0.8);
    CHECK(made.value(1234) == named.value(1234));
    CHECK(made.shape() == response_shape::hill);
    CHECK(made.scale() == 5000);
    CHECK(made.spend_scale() == 800);
    CHECK(made.exponent() == 0.8);
    CHECK(response_curve::make(response_shape::logarithmic, 1, 2, 0.3).exponent() == 1);
}

TEST_CASE("parameters must be finite and positive, and Hill's s in (0, 1]") {
    const kolroi::input_location row{"curves.csv", 3, ""};
    try {
        (void)response_curve::logarithmic(2, -100, row);
        FAIL("expected an error");
    } catch (const kolroi::error& e) {
        CHECK(e.kind() == kolroi::error_kind::invalid_argument);
        CHECK(e.where().field == "k"); // the curves file's column, for every shape
        CHECK(e.message().find("-100") != std::string::npos);
    }
    try {
        (void)response_curve::hill(10, 50, 2.0, row);
        FAIL("expected an error");
    } catch (const kolroi::error& e) {
        CHECK(e.where().field == "s");
        CHECK(e.message().find("s = 2") != std::string::npos);
    }
    CHECK_THROWS_AS((void)response_curve::hill(10, 50, 0.0), kolroi::error);
    CHECK_THROWS_AS((void)response_curve::exponential(0, 50), kolroi::error);
    CHECK_THROWS_AS((void)response_curve::exponential(10, inf), kolroi::error);
    CHECK_THROWS_AS((void)response_curve::logarithmic(std::nan(""), 1), kolroi::error);
}

TEST_CASE("a negative spend is refused") {
    const auto curve = response_curve::logarithmic(1, 100);
    CHECK_THROWS_AS((void)curve.value(-1), kolroi::error);
    CHECK_THROWS_AS((void)curve.marginal(-0.01), kolroi::error);
    CHECK_THROWS_AS((void)curve.inverse_marginal(std::nan("")), kolroi::error);
}

TEST_CASE("shape names round-trip and unknown names give nothing") {
    for (const auto shape :
         {response_shape::logarithmic, response_shape::hill, response_shape::exponential}) {
        CHECK(kolroi::response_shape_from_name(kolroi::to_string(shape)) == shape);
    }
    CHECK_FALSE(kolroi::response_shape_from_name("linear").has_value());
}
