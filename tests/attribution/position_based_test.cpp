// Tests for kolroi/attribution/position_based.hpp (case R3).
#include "kolroi/attribution/engine.hpp"
#include "kolroi/attribution/position_based.hpp"

#include "test_support.hpp"

using kolroi::test::make_paths;

namespace {

double share(const kolroi::journey_store& store, const kolroi::credit_table& credits,
             const char* name) {
    return credits.of(store.channels(), name).conversions;
}

} // namespace

TEST_CASE("one touch gets everything") {
    const auto store = make_paths({{"A", 1}});
    const auto credits = kolroi::attribute(store, kolroi::position_based{});
    CHECK(share(store, credits, "A") == doctest::Approx(1.0));
}

TEST_CASE("two touches split the end weights renormalised") {
    const auto store = make_paths({{"A > B", 1}});
    const auto even = kolroi::attribute(store, kolroi::position_based{});
    CHECK(share(store, even, "A") == doctest::Approx(0.5));
    CHECK(share(store, even, "B") == doctest::Approx(0.5));

    const auto skewed = kolroi::attribute(store, kolroi::position_based(0.3, 0.7));
    CHECK(share(store, skewed, "A") == doctest::Approx(0.3));
    CHECK(share(store, skewed, "B") == doctest::Approx(0.7));
}

TEST_CASE("a channel at both ends collects both end weights") {
    const auto store = make_paths({{"A > B > A", 1}});
    const auto credits = kolroi::attribute(store, kolroi::position_based{});
    CHECK(share(store, credits, "A") == doctest::Approx(0.8));
    CHECK(share(store, credits, "B") == doctest::Approx(0.2));
}

TEST_CASE("the middle touches share the remaining 20 percent") {
    const auto store = make_paths({{"A > B > C > D", 1}});
    const auto credits = kolroi::attribute(store, kolroi::position_based{});
    CHECK(share(store, credits, "A") == doctest::Approx(0.4));
    CHECK(share(store, credits, "B") == doctest::Approx(0.1));
    CHECK(share(store, credits, "C") == doctest::Approx(0.1));
    CHECK(share(store, credits, "D") == doctest::Approx(0.4));
}

TEST_CASE("end weights outside [0, 1] or summing above 1 are rejected") {
    CHECK_THROWS_AS(kolroi::position_based(0.7, 0.7), kolroi::error);
    CHECK_THROWS_AS(kolroi::position_based(-0.1, 0.4), kolroi::error);
}
