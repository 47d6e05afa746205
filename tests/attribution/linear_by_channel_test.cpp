// Tests for kolroi/attribution/linear_by_channel.hpp.
#include "kolroi/attribution/engine.hpp"
#include "kolroi/attribution/linear.hpp"
#include "kolroi/attribution/linear_by_channel.hpp"

#include "test_support.hpp"

#include <string>
#include <vector>

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

TEST_CASE("channel ids of 64 and more, and journeys that switch between small and large ids") {
    // Ids 0..199; journeys alternate between ids below 64 (a bit per channel in one word) and
    // ids beyond (the per-thread table), with repeats in both, so each way is taken after the
    // other. Shares by hand: each journey's value over its distinct channels.
    kolroi::journey_store store;
    for (int k = 0; k < 200; ++k) {
        store.channels().intern("c" + std::to_string(k));
    }
    using ids = std::vector<kolroi::channel_id>;
    store.add(ids{3, 3, 63, 3}, 1, 0, 60);      // 3 and 63: 30 each
    store.add(ids{64, 150, 64, 199}, 1, 0, 90); // 64, 150, 199: 30 each
    store.add(ids{0, 1, 0}, 1, 0, 40);          // 0 and 1: 20 each
    store.add(ids{150, 3, 150}, 1, 0, 10);      // 150 and 3: 5 each
    store.add(ids{63, 63}, 1, 0, 8);            // 63: 8
    const auto credits = kolroi::attribute(store, kolroi::linear_by_channel{});
    CHECK(credits[3].value == doctest::Approx(35.0));
    CHECK(credits[63].value == doctest::Approx(38.0));
    CHECK(credits[64].value == doctest::Approx(30.0));
    CHECK(credits[150].value == doctest::Approx(35.0));
    CHECK(credits[199].value == doctest::Approx(30.0));
    CHECK(credits[0].value == doctest::Approx(20.0));
    CHECK(credits[1].value == doctest::Approx(20.0));
    CHECK(credits[3].conversions == doctest::Approx(0.5 + 0.5));
    CHECK(credits[150].conversions == doctest::Approx(1.0 / 3 + 0.5));
    CHECK(credits.total().value == doctest::Approx(208.0));
}
