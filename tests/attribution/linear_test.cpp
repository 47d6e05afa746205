// Tests for kolroi/attribution/linear.hpp.
#include "kolroi/attribution/engine.hpp"
#include "kolroi/attribution/linear.hpp"

#include "test_support.hpp"

using kolroi::test::make_paths;

TEST_CASE("linear gives every touch an equal share") {
    const auto store = make_paths({{"A > B > C > D", 1, 0, 100}});
    const auto credits = kolroi::attribute(store, kolroi::linear{});
    for (const auto name : {"A", "B", "C", "D"}) {
        CHECK(credits.of(store.channels(), name).conversions == doctest::Approx(0.25));
        CHECK(credits.of(store.channels(), name).value == doctest::Approx(25.0));
    }
}

TEST_CASE("a repeated channel adds up instead of overwriting (case R2)") {
    // Order of 900 with touches kol > kol > organic: kol 600, organic 300.
    const auto store = make_paths({{"kol > kol > organic", 1, 0, 900}});
    const auto credits = kolroi::attribute(store, kolroi::linear{});
    CHECK(credits.of(store.channels(), "kol").value == doctest::Approx(600.0));
    CHECK(credits.of(store.channels(), "organic").value == doctest::Approx(300.0));
    CHECK(credits.total().value == doctest::Approx(900.0));
}

TEST_CASE("linear credit of the worked ROI case (case R1)") {
    // Order A 1200 over kol > organic, order B 800 over kol: kol gets 600 + 800.
    const auto store = make_paths({{"kol_001 > organic", 1, 0, 1200}, {"kol_001", 1, 0, 800}});
    const auto credits = kolroi::attribute(store, kolroi::linear{});
    CHECK(credits.of(store.channels(), "kol_001").value == doctest::Approx(1400.0));
    CHECK(credits.of(store.channels(), "kol_001").conversions == doctest::Approx(1.5));
    CHECK(credits.of(store.channels(), "organic").value == doctest::Approx(600.0));
}

TEST_CASE("aggregated rows spread their total value, not a per-conversion value (case R6)") {
    const auto store = make_paths({{"Google_Search > Meta_Ads", 150, 0, 300}});
    const auto credits = kolroi::attribute(store, kolroi::linear{});
    for (const auto name : {"Google_Search", "Meta_Ads"}) {
        CHECK(credits.of(store.channels(), name).conversions == doctest::Approx(75.0));
        CHECK(credits.of(store.channels(), name).value == doctest::Approx(150.0));
    }
}
