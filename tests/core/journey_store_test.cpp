// Tests for kolroi/core/journey_store.hpp.
#include "kolroi/core/journey_store.hpp"

#include "test_support.hpp"

#include <string_view>
#include <vector>

TEST_CASE("journeys keep their touches, outcomes and order") {
    kolroi::journey_store store;
    const std::vector<std::string_view> first = {"A", "B", "A"};
    const std::vector<std::string_view> second = {"C"};
    store.add_named(first, 2, 1, 30);
    store.add_named({}, 1, 0, 5);
    store.add_named(second, 0, 4, 0);

    CHECK(store.journey_count() == 3);
    CHECK(store.touch_count() == 4);
    const auto j0 = store.journey(0);
    REQUIRE(j0.size() == 3);
    CHECK(j0.channels[0] == j0.channels[2]);
    CHECK(store.channels().name(j0.channels[1]) == "B");
    CHECK(store.journey(1).empty());
    CHECK(store.total_conversions() == doctest::Approx(3.0));
    CHECK(store.total_non_conversions() == doctest::Approx(5.0));
    CHECK(store.total_value() == doctest::Approx(35.0));
    CHECK_FALSE(store.timed());
}

TEST_CASE("names given as a list are never split") {
    kolroi::journey_store store;
    const std::vector<std::string_view> names = {"Search > Brand"};
    store.add_named(names, 1, 0, 1);
    CHECK(store.touch_count() == 1);
    CHECK(store.channels().name(0) == "Search > Brand");
}

TEST_CASE("negative or non-finite outcomes are rejected") {
    kolroi::journey_store store;
    const auto id = store.channels().intern("A");
    const std::vector<kolroi::channel_id> touches = {id};
    CHECK_THROWS_AS(store.add(touches, -1, 0, 0), kolroi::error);
    CHECK_THROWS_AS(store.add(touches, 1, -2, 0), kolroi::error);
    CHECK_THROWS_AS(store.add(touches, 1, 0, std::numeric_limits<double>::infinity()),
                    kolroi::error);
    const std::vector<kolroi::channel_id> unknown = {7};
    CHECK_THROWS_AS(store.add(unknown, 1, 0, 0), kolroi::error);
    CHECK(store.journey_count() == 0);
}

TEST_CASE("timed and untimed journeys do not mix") {
    kolroi::journey_store store;
    const auto id = store.channels().intern("A");
    const std::vector<kolroi::channel_id> touches = {id};
    const std::vector<kolroi::timestamp> times = {100};
    store.add_timed(touches, times, 200, 1, 0, 10);
    CHECK(store.timed());
    CHECK(store.journey(0).touch_times[0] == 100);
    CHECK(store.journey(0).conversion_time == 200);
    CHECK_THROWS_AS(store.add(touches, 1, 0, 1), kolroi::error);

    kolroi::journey_store untimed;
    const auto other = untimed.channels().intern("A");
    const std::vector<kolroi::channel_id> one = {other};
    untimed.add(one, 1, 0, 1);
    CHECK_THROWS_AS(untimed.add_timed(one, times, 200, 1, 0, 1), kolroi::error);
}

TEST_CASE("a timed journey needs one timestamp per touch") {
    kolroi::journey_store store;
    const auto id = store.channels().intern("A");
    const std::vector<kolroi::channel_id> touches = {id, id};
    const std::vector<kolroi::timestamp> times = {100};
    CHECK_THROWS_AS(store.add_timed(touches, times, 200, 1, 0, 1), kolroi::error);
}
