// Tests for kolroi/attribution/parallel_engine.hpp: shards, and results equal to the
// single-threaded engine's for every rule-based policy and thread count.
#include "kolroi/attribution/engine.hpp"
#include "kolroi/attribution/parallel_engine.hpp"
#include "kolroi/attribution/rule_based.hpp"

#include "test_support.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <map>
#include <random>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

namespace {

using kolroi::channel_id;
using kolroi::timestamp;

// What the test knows about the store it built, computed as it built it.
struct seeded_store {
    kolroi::journey_store store;
    double empty_conversions = 0; // of the journeys without touches
    double empty_value = 0;
    double conversions = 0;
    double value = 0;
};

// 3000 journeys of 0 to 20 touches over 50 channels (one journey in 21 has no touch); a timed
// store places touches up to 30 days before their conversion, in touch order or not.
seeded_store make_store(bool timed, std::uint64_t seed) {
    std::mt19937_64 random(seed);
    std::uniform_int_distribution<int> length(0, 20);
    std::uniform_int_distribution<channel_id> channel(0, 49);
    std::uniform_int_distribution<int> count(0, 4);
    std::uniform_real_distribution<double> money(0.0, 800.0);
    std::uniform_int_distribution<timestamp> before(0, 30 * kolroi::seconds_per_day);

    seeded_store made;
    for (int c = 0; c < 50; ++c) {
        made.store.channels().intern("channel " + std::to_string(c));
    }
    std::vector<channel_id> ids;
    std::vector<timestamp> times;
    for (int j = 0; j < 3000; ++j) {
        ids.resize(static_cast<std::size_t>(length(random)));
        for (auto& id : ids) {
            id = channel(random);
        }
        const double conversions = count(random);
        const double value = conversions > 0 ? money(random) : 0.0;
        if (timed) {
            const timestamp conversion = 1'700'000'000 + before(random);
            times.resize(ids.size());
            for (auto& t : times) {
                t = conversion - before(random);
            }
            // Most journeys list their touches in time order; every third does not, and two in
            // fifty have a touch more than 2^32 seconds (136 years) before their conversion,
            // first or last in the list.
            if (j % 3 != 0) {
                std::sort(times.begin(), times.end());
            }
            if (j % 50 == 1 && !times.empty()) {
                times[0] = conversion - 5'000'000'000;
            }
            if (j % 50 == 2 && times.size() > 1) {
                times.back() = conversion - 5'000'000'000; // weighed from it, the rest overflow
            }
            made.store.add_timed(ids, times, conversion, conversions, 1.0, value);
        } else {
            made.store.add(ids, conversions, 1.0, value);
        }
        made.conversions += conversions;
        made.value += value;
        if (ids.empty()) {
            made.empty_conversions += conversions;
            made.empty_value += value;
        }
    }
    return made;
}

bool close(double a, double b, double relative) {
    return std::abs(a - b) <= relative * std::max({std::abs(a), std::abs(b), 1e-300});
}

// Checks `parallel` against `single` channel by channel, to 1e-9 relative.
void check_equal(const kolroi::credit_table& parallel, const kolroi::credit_table& single) {
    REQUIRE(parallel.size() == single.size());
    for (channel_id id = 0; id < single.size(); ++id) {
        CHECK(close(parallel[id].conversions, single[id].conversions, 1e-9));
        CHECK(close(parallel[id].value, single[id].value, 1e-9));
    }
    CHECK(close(parallel.no_touchpoint().conversions, single.no_touchpoint().conversions, 1e-9));
    CHECK(close(parallel.no_touchpoint().value, single.no_touchpoint().value, 1e-9));
}

// A store whose journeys have the given numbers of touches, all on channel "a".
kolroi::journey_store store_of_lengths(const std::vector<std::size_t>& lengths) {
    kolroi::journey_store store;
    const channel_id a = store.channels().intern("a");
    for (const std::size_t length : lengths) {
        const std::vector<channel_id> ids(length, a);
        store.add(ids, 1, 0, 1);
    }
    return store;
}

// Throws on the journey whose value is 13, wherever it falls.
struct fails_on_thirteen {
    static constexpr std::string_view name = "fails_on_thirteen";

    template <class Sink>
    void distribute(const kolroi::journey_view& journey, Sink&& sink) const {
        if (journey.value == 13) {
            throw kolroi::error(kolroi::error_kind::data_error, "fails_on_thirteen: value 13");
        }
        sink(0, 1.0);
    }
};

// The credit of one journey under each rule, written out from the models' definitions, one
// journey at a time, without the policies' code.
using brute_table = std::map<channel_id, kolroi::credit>;

void add_weights(brute_table& table, const kolroi::journey_view& journey,
                 const std::vector<double>& weights) {
    for (std::size_t i = 0; i < weights.size(); ++i) {
        auto& slot = table[journey.channels[i]];
        slot.conversions += weights[i] * journey.conversions;
        slot.value += weights[i] * journey.value;
    }
}

std::vector<double> brute_weights(const std::string& rule, const kolroi::journey_view& journey,
                                  const std::set<channel_id>& direct, double half_life) {
    const std::size_t n = journey.size();
    std::vector<double> w(n, 0.0);
    if (rule == "first_touch") {
        w[0] = 1;
    } else if (rule == "last_touch") {
        w[n - 1] = 1;
    } else if (rule == "last_non_direct") {
        std::size_t pick = n - 1;
        for (std::size_t i = 0; i < n; ++i) {
            if (direct.count(journey.channels[i]) == 0) {
                pick = i; // the last such i wins
            }
        }
        w[pick] = 1;
    } else if (rule == "linear") {
        std::fill(w.begin(), w.end(), 1.0 / static_cast<double>(n));
    } else if (rule == "linear_by_channel") {
        const std::set<channel_id> distinct(journey.channels.begin(), journey.channels.end());
        std::set<channel_id> credited;
        for (std::size_t i = 0; i < n; ++i) {
            if (credited.insert(journey.channels[i]).second) {
                w[i] = 1.0 / static_cast<double>(distinct.size());
            }
        }
    } else if (rule == "position_based") { // 0.4 / 0.2 / 0.4
        if (n == 1) {
            w[0] = 1;
        } else if (n == 2) {
            w[0] = w[1] = 0.5;
        } else {
            std::fill(w.begin(), w.end(), 0.2 / static_cast<double>(n - 2));
            w[0] = w[n - 1] = 0.4;
        }
    } else if (rule == "time_decay") {
        const timestamp latest =
            *std::max_element(journey.touch_times.begin(), journey.touch_times.end());
        double total = 0;
        for (std::size_t i = 0; i < n; ++i) {
            w[i] = std::exp2(-static_cast<double>(latest - journey.touch_times[i]) / half_life);
            total += w[i];
        }
        for (double& x : w) {
            x /= total;
        }
    }
    return w;
}

brute_table brute_attribute(const kolroi::journey_store& store, const std::string& rule,
                            const std::set<channel_id>& direct, double half_life) {
    brute_table table;
    for (std::size_t j = 0; j < store.journey_count(); ++j) {
        const auto journey = store.journey(j);
        if (!journey.empty()) {
            add_weights(table, journey, brute_weights(rule, journey, direct, half_life));
        }
    }
    return table;
}

// Checks `table` against the brute-force credits, channel by channel, to 1e-9 relative.
void check_brute(const kolroi::credit_table& table, const brute_table& expected) {
    for (channel_id id = 0; id < table.size(); ++id) {
        const auto found = expected.find(id);
        const kolroi::credit want = found == expected.end() ? kolroi::credit{} : found->second;
        CHECK(close(table[id].conversions, want.conversions, 1e-9));
        CHECK(close(table[id].value, want.value, 1e-9));
    }
}

} // namespace

TEST_CASE("shards are contiguous, cover every journey and balance touches plus journeys") {
    // Work per journey is touches + 1: 5, 1, 1, 5, 5, 1 (18 in all); cut by hand.
    const auto store = store_of_lengths({4, 0, 0, 4, 4, 0});
    const auto two = kolroi::balanced_shards(store, 2);
    REQUIRE(two.size() == 2);
    CHECK(two[0].first == 0);
    CHECK(two[0].last == 3); // work 7 | 11 beats 12 | 6
    CHECK(two[1].first == 3);
    CHECK(two[1].last == 6);

    const auto three = kolroi::balanced_shards(store, 3);
    REQUIRE(three.size() == 3);
    CHECK(three[0].last == 2); // 6 | 6 | 6
    CHECK(three[1].last == 4);
    CHECK(three[2].last == 6);
}

TEST_CASE("a seeded store's shards stray from an equal share by at most the longest journey") {
    const auto made = make_store(false, 7);
    const auto offsets = made.store.offsets();
    const std::size_t journeys = made.store.journey_count();
    const double total = static_cast<double>(made.store.touch_count() + journeys);
    for (const std::size_t shards : {1u, 2u, 3u, 8u, 64u}) {
        const auto ranges = kolroi::balanced_shards(made.store, shards);
        REQUIRE(ranges.size() == shards);
        std::size_t next = 0;
        for (const auto& range : ranges) {
            CHECK(range.first == next);
            CHECK(!range.empty());
            next = range.last;
            const double work =
                static_cast<double>(offsets[range.last] - offsets[range.first] + range.size());
            // Each cut is within half a journey (at most 21 / 2) of its share, plus rounding.
            CHECK(std::abs(work - total / static_cast<double>(shards)) <= 22);
        }
        CHECK(next == journeys);
    }
}

TEST_CASE("fewer journeys than threads give one shard per journey; none give none") {
    const auto three = store_of_lengths({2, 0, 5});
    CHECK(kolroi::balanced_shards(three, 8).size() == 3);
    const kolroi::journey_store empty;
    CHECK(kolroi::balanced_shards(empty, 4).empty());
    const auto table = kolroi::attribute_parallel(empty, kolroi::linear{}, 4);
    CHECK(table.total().conversions == 0.0);
}

TEST_CASE("every rule-based policy gives the single-threaded result on 1, 2, 3 and 8 threads") {
    const auto untimed = make_store(false, 20261203);
    const auto timed = make_store(true, 20261204);
    for (const auto model : kolroi::rule_based_model_names) {
        const auto& made = model == kolroi::time_decay::name ? timed : untimed;
        const auto policy = kolroi::make_rule_based_policy(model, made.store.channels());
        const auto single = kolroi::attribute(made.store, policy);
        for (const std::size_t threads : {1u, 2u, 3u, 8u}) {
            CAPTURE(model);
            CAPTURE(threads);
            const auto parallel = kolroi::attribute_parallel(made.store, policy, threads);
            check_equal(parallel, single);

            // The bucket holds exactly the journeys without touches, counted as they were made.
            CHECK(parallel.no_touchpoint().conversions ==
                  doctest::Approx(made.empty_conversions).epsilon(1e-12));
            CHECK(parallel.no_touchpoint().value ==
                  doctest::Approx(made.empty_value).epsilon(1e-12));
            CHECK(parallel.total().conversions == doctest::Approx(made.conversions).epsilon(1e-12));
            CHECK(parallel.total().value == doctest::Approx(made.value).epsilon(1e-12));
        }
    }
    CHECK(untimed.empty_conversions > 0); // the seed does give journeys without touches
}

TEST_CASE("single and parallel engines equal the models written out journey by journey") {
    const auto untimed = make_store(false, 99);
    const auto timed = make_store(true, 98);
    const std::set<channel_id> none;
    for (const auto model : kolroi::rule_based_model_names) {
        const std::string rule(model);
        const auto& made = rule == "time_decay" ? timed : untimed;
        const auto policy = kolroi::make_rule_based_policy(model, made.store.channels());
        const auto expected =
            brute_attribute(made.store, rule, none, 7.0 * kolroi::seconds_per_day);
        CAPTURE(rule);
        check_brute(kolroi::attribute(made.store, policy), expected);
        check_brute(kolroi::attribute_parallel(made.store, policy, 3), expected);
    }

    // A half-life of a century, so that gaps beyond 2^32 seconds keep a visible weight.
    const double century = 100 * 365.25 * kolroi::seconds_per_day;
    check_brute(kolroi::attribute_parallel(timed.store, kolroi::time_decay(century), 2),
                brute_attribute(timed.store, "time_decay", none, century));

    // One, three and six direct channels: each size takes its own test in last_non_direct.
    for (const std::set<channel_id>& direct :
         {std::set<channel_id>{3}, std::set<channel_id>{0, 7, 9},
          std::set<channel_id>{1, 2, 4, 8, 16, 32}}) {
        const kolroi::last_non_direct policy(std::vector<channel_id>(direct.begin(), direct.end()));
        const auto expected = brute_attribute(untimed.store, "last_non_direct", direct, 1.0);
        CAPTURE(direct.size());
        check_brute(kolroi::attribute(untimed.store, policy), expected);
        check_brute(kolroi::attribute_parallel(untimed.store, policy, 2), expected);
    }
}

TEST_CASE("the default thread count runs and agrees") {
    const auto made = make_store(false, 11);
    const auto single = kolroi::attribute(made.store, kolroi::position_based(0.3, 0.3));
    check_equal(kolroi::attribute_parallel(made.store, kolroi::position_based(0.3, 0.3)), single);
    CHECK(kolroi::default_thread_count() >= 1);
}

TEST_CASE("a policy that throws in one shard makes the whole call throw, after every thread ends") {
    auto store = store_of_lengths({1, 1, 1, 1, 1, 1, 1, 1});
    const channel_id a = 0;
    store.add(std::vector<channel_id>{a}, 1, 0, 13); // the last shard fails
    CHECK_THROWS_WITH_AS((void)kolroi::attribute_parallel(store, fails_on_thirteen{}, 3),
                         "fails_on_thirteen: value 13", kolroi::error);
}

TEST_CASE("time decay on a store without timestamps is refused before any thread starts") {
    const auto made = make_store(false, 5);
    CHECK_THROWS_AS((void)kolroi::attribute_parallel(made.store, kolroi::time_decay{}, 2),
                    kolroi::error);
}
