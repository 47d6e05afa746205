// Tests for kolroi/attribution/last_non_direct.hpp (case R5).
#include "kolroi/attribution/engine.hpp"
#include "kolroi/attribution/last_non_direct.hpp"

#include "test_support.hpp"

#include <cstddef>
#include <vector>

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

TEST_CASE("the touch found is the last non-direct one wherever it stands") {
    // One journey per position of the answer: the only touch, the last, the one before a direct
    // last touch, one before two or three direct touches, and none (every touch direct, so the
    // last one). Values are powers of two, so each channel's sum shows which journeys it got.
    const auto store = make_paths({{"Email", 1, 0, 1},
                                   {"Direct > Social", 1, 0, 2},
                                   {"Search > Direct", 1, 0, 4},
                                   {"Email > Search > Direct > Direct", 1, 0, 8},
                                   {"Social > Direct > Direct > Direct", 1, 0, 16},
                                   {"Direct > Direct > Direct", 1, 0, 32}});
    const auto& channels = store.channels();
    const kolroi::channel_id direct = *channels.find("Direct");
    for (const std::size_t directs : {1, 3, 6}) {
        // The direct test takes a different path for one id, for up to four and for more; the
        // ids past the first belong to no channel of the store.
        std::vector<kolroi::channel_id> ids = {direct};
        for (std::size_t i = 1; i < directs; ++i) {
            ids.push_back(static_cast<kolroi::channel_id>(1000 + i));
        }
        const auto credits = kolroi::attribute(store, kolroi::last_non_direct(ids));
        CAPTURE(directs);
        CHECK(credits.of(channels, "Email").value == 1.0);
        CHECK(credits.of(channels, "Social").value == 2.0 + 16.0);
        CHECK(credits.of(channels, "Search").value == 4.0 + 8.0);
        CHECK(credits.of(channels, "Direct").value == 32.0);
    }
}

TEST_CASE("several direct channels are skipped alike") {
    const auto store =
        make_paths({{"Email > (direct) > Direct", 1, 0, 10}, {"Direct > (direct)", 1, 0, 5}});
    const auto credits = kolroi::attribute(store, kolroi::last_non_direct(store.channels()));
    CHECK(credits.of(store.channels(), "Email").value == 10.0);
    CHECK(credits.of(store.channels(), "(direct)").value == 5.0);
    CHECK(credits.of(store.channels(), "Direct").value == 0.0);
}
