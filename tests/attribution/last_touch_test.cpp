// Tests for kolroi/attribution/last_touch.hpp.
#include "kolroi/attribution/engine.hpp"
#include "kolroi/attribution/last_touch.hpp"

#include "test_support.hpp"

using kolroi::test::make_paths;

TEST_CASE("the last touch takes the whole journey") {
    const auto store = make_paths({{"A > B > C", 2, 0, 50}, {"C > A", 1, 0, 7}});
    const auto credits = kolroi::attribute(store, kolroi::last_touch{});
    CHECK(credits.of(store.channels(), "C").conversions == doctest::Approx(2.0));
    CHECK(credits.of(store.channels(), "C").value == doctest::Approx(50.0));
    CHECK(credits.of(store.channels(), "A").value == doctest::Approx(7.0));
    CHECK(credits.of(store.channels(), "B").value == 0.0);
}
