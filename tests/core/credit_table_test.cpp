// Tests for kolroi/core/credit_table.hpp.
#include "kolroi/core/credit_table.hpp"

#include "test_support.hpp"

TEST_CASE("totals include the no-touchpoint bucket") {
    kolroi::credit_table table(2);
    table[0] += {1.5, 10};
    table[1] += {0.5, 5};
    table.no_touchpoint() += {1, 2};
    CHECK(table.total().conversions == doctest::Approx(3.0));
    CHECK(table.total().value == doctest::Approx(17.0));
}

TEST_CASE("adding a wider table grows this one") {
    kolroi::credit_table left(1);
    kolroi::credit_table right(3);
    left[0] += {1, 1};
    right[2] += {2, 4};
    left += right;
    REQUIRE(left.size() == 3);
    CHECK(left[2].value == doctest::Approx(4.0));
    CHECK(left[0].value == doctest::Approx(1.0));
}

TEST_CASE("looking up an unregistered name gives zero credit") {
    kolroi::channel_registry registry;
    registry.intern("A");
    kolroi::credit_table table(1);
    table[0] += {1, 9};
    CHECK(table.of(registry, "A").value == doctest::Approx(9.0));
    CHECK(table.of(registry, "B").value == 0.0);
}
