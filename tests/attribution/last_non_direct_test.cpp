// Tests for kolroi/attribution/last_non_direct.hpp (case R5).
#include "kolroi/attribution/engine.hpp"
#include "kolroi/attribution/last_non_direct.hpp"

#include "test_support.hpp"

using kolroi::test::make_paths;

TEST_CASE("direct is credited only when every touch is direct") {
    const auto store = make_paths({{"Organic Search > Direct", 1, 0, 100},
                                   {"Direct > Direct", 1, 0, 40},
                                   {"kol_anna > Organic Search", 1, 0, 60}});
    const auto credits = kolroi::attribute(store, kolroi::last_non_direct(store.channels()));
    CHECK(credits.of(store.channels(), "Organic Search").value == doctest::Approx(160.0));
    CHECK(credits.of(store.channels(), "Direct").value == doctest::Approx(40.0));
    CHECK(credits.of(store.channels(), "kol_anna").value == 0.0);
}

TEST_CASE("which channels count as direct is configurable") {
    const auto store = make_paths({{"Email > typed-in", 1, 0, 10}});
    const auto by_default = kolroi::attribute(store, kolroi::last_non_direct(store.channels()));
    CHECK(by_default.of(store.channels(), "typed-in").value == doctest::Approx(10.0));

    const auto configured =
        kolroi::attribute(store, kolroi::last_non_direct(store.channels(), {"typed-in"}));
    CHECK(configured.of(store.channels(), "Email").value == doctest::Approx(10.0));
}
