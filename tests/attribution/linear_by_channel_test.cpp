// Tests for kolroi/attribution/linear_by_channel.hpp.
#include "kolroi/attribution/engine.hpp"
#include "kolroi/attribution/linear.hpp"
#include "kolroi/attribution/linear_by_channel.hpp"

#include "test_support.hpp"

#include <string>

using kolroi::test::make_paths;

TEST_CASE("each distinct channel gets an equal share however often it appears") {
    const auto store = make_paths({{"A > A > B", 1, 0, 90}});
    const auto credits = kolroi::attribute(store, kolroi::linear_by_channel{});
    CHECK(credits.of(store.channels(), "A").value == doctest::Approx(45.0));
    CHECK(credits.of(store.channels(), "B").value == doctest::Approx(45.0));
}

TEST_CASE("long journeys with repeats take the sorted path and agree with the short one") {
    // 40 touches alternating over three channels: each channel gets a third.
    std::string path;
    for (int i = 0; i < 40; ++i) {
        path += (i ? " > " : "") + std::string(1, static_cast<char>('A' + i % 3));
    }
    kolroi::journey_store store;
    const auto names = kolroi::split_path(path, ">");
    store.add_named(names, 3, 0, 300);
    const auto credits = kolroi::attribute(store, kolroi::linear_by_channel{});
    for (const auto name : {"A", "B", "C"}) {
        CHECK(credits.of(store.channels(), name).conversions == doctest::Approx(1.0));
        CHECK(credits.of(store.channels(), name).value == doctest::Approx(100.0));
    }
}

TEST_CASE("without repeats it equals plain linear") {
    const auto store = make_paths({{"A > B > C", 2, 0, 60}, {"B > D", 1, 0, 10}});
    const auto by_channel = kolroi::attribute(store, kolroi::linear_by_channel{});
    const auto plain = kolroi::attribute(store, kolroi::linear{});
    for (kolroi::channel_id id = 0; id < store.channels().size(); ++id) {
        CHECK(by_channel[id].value == doctest::Approx(plain[id].value));
        CHECK(by_channel[id].conversions == doctest::Approx(plain[id].conversions));
    }
}
