// Tests for kolroi/incrementality/incremental_estimate.hpp: the interval of an incremental amount.
#include "kolroi/incrementality/incremental_estimate.hpp"

#include "test_support.hpp"

#include <cmath>
#include <limits>

TEST_CASE("a normal interval for infinite degrees of freedom, Student's t for finite ones") {
    kolroi::incremental_estimate estimate;
    estimate.actual = 120;
    estimate.counterfactual = 100;
    estimate.incremental = 20;
    estimate.no_interval_reason = "not yet";
    // z(0.95) = 1.644853627 and t(4, 0.95) = 2.131846786, from any table.
    estimate.set_interval(16, std::numeric_limits<double>::infinity(), 0.90);
    CHECK(estimate.standard_error.value() == doctest::Approx(4));
    CHECK(estimate.range->lower == doctest::Approx(20 - 4 * 1.644853627));
    CHECK(estimate.range->upper == doctest::Approx(20 + 4 * 1.644853627));
    CHECK(estimate.no_interval_reason.empty());
    CHECK(std::isinf(estimate.degrees_of_freedom));

    estimate.set_interval(16, 4, 0.90);
    CHECK(estimate.degrees_of_freedom == 4);
    CHECK(estimate.range->upper == doctest::Approx(20 + 4 * 2.131846786));
}

TEST_CASE("a variance of zero gives the amount itself") {
    kolroi::incremental_estimate estimate;
    estimate.incremental = -3;
    estimate.set_interval(0, 10, 0.5);
    CHECK(estimate.range->lower == -3);
    CHECK(estimate.range->upper == -3);
}
