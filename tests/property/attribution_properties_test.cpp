// Property tests, with fixed seeds, of the rule-based attribution models over random journey
// stores (timed and untimed, with empty, one-touch and long journeys, repeated channels and a
// direct channel):
//   - every model's credits for each journey sum to that journey's conversions and value;
//   - the credit of each channel does not depend on the order of the journeys;
//   - cutting the store into ranges (attribute_range) or threads (attribute_parallel) and
//     adding the tables changes no channel's credit.
// Sums of non-negative terms in another order differ by a few units in the last place of the
// sum, so channels are compared to 1e-9 of their own credit.
#include "kolroi/attribution/parallel_engine.hpp"
#include "kolroi/attribution/rule_based.hpp"
#include "kolroi/core/credit_table.hpp"
#include "kolroi/core/journey_store.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <numeric>
#include <random>
#include <string>
#include <string_view>
#include <vector>

namespace {

/// One generated journey, by channel names, so that it can be put into any store in any order.
struct journey_spec {
    std::vector<std::string> names;
    std::vector<kolroi::timestamp> times;
    kolroi::timestamp conversion_time = 0;
    double conversions = 0;
    double non_conversions = 0;
    double value = 0;
};

const std::vector<std::string> channel_pool = {
    "Direct",    "Organic Search", "Paid Search", "Email",          "kol:anna",      "kol:ben",
    "kol:chloe", "Paid Social",    "Referral",    "promo:spring10", "Organic Video", "(direct)"};

std::vector<journey_spec> random_journeys(std::mt19937_64& random, std::size_t count) {
    std::uniform_int_distribution<std::size_t> pick_channel(0, channel_pool.size() - 1);
    std::uniform_int_distribution<int> length_kind(0, 19);
    std::uniform_int_distribution<std::size_t> short_length(1, 8);
    std::uniform_int_distribution<std::size_t> long_length(30, 140);
    std::uniform_int_distribution<kolroi::timestamp> gap(0, 60 * kolroi::seconds_per_day);
    std::uniform_int_distribution<kolroi::timestamp> start(1'600'000'000, 1'800'000'000);
    std::uniform_real_distribution<double> amount(0.0, 500.0);
    std::uniform_int_distribution<int> whole(0, 5);

    std::vector<journey_spec> journeys(count);
    for (auto& journey : journeys) {
        // Mostly short journeys; some empty, some longer than any fast path of the policies.
        const int kind = length_kind(random);
        const std::size_t length = kind == 0   ? 0
                                   : kind == 1 ? long_length(random)
                                               : short_length(random);
        journey.conversion_time = start(random);
        for (std::size_t i = 0; i < length; ++i) {
            journey.names.push_back(channel_pool[pick_channel(random)]);
            journey.times.push_back(journey.conversion_time - gap(random));
        }
        // Times mostly in order, as logs give them; some journeys keep them shuffled.
        if (kind % 3 != 0) {
            std::sort(journey.times.begin(), journey.times.end());
        }
        journey.conversions = kind % 4 == 0 ? amount(random) / 100.0 : whole(random);
        journey.non_conversions = whole(random);
        journey.value = journey.conversions == 0 ? 0.0 : amount(random) * journey.conversions;
    }
    return journeys;
}

kolroi::journey_store build_store(const std::vector<journey_spec>& journeys,
                                  const std::vector<std::size_t>& order, bool timed) {
    kolroi::journey_store store;
    std::vector<kolroi::channel_id> ids;
    for (const std::size_t j : order) {
        const auto& journey = journeys[j];
        ids.clear();
        for (const auto& name : journey.names) {
            ids.push_back(store.channels().intern(name));
        }
        if (timed) {
            store.add_timed(ids, journey.times, journey.conversion_time, journey.conversions,
                            journey.non_conversions, journey.value);
        } else {
            store.add(ids, journey.conversions, journey.non_conversions, journey.value);
        }
    }
    return store;
}

std::vector<std::size_t> identity(std::size_t count) {
    std::vector<std::size_t> order(count);
    std::iota(order.begin(), order.end(), std::size_t{0});
    return order;
}

bool close(double a, double b, double scale) {
    return std::fabs(a - b) <= 1e-9 * std::fabs(scale) + 1e-12;
}

/// Checks that two tables, each over its own registry, credit every channel name alike.
void check_same_by_name(const kolroi::credit_table& expected,
                        const kolroi::channel_registry& expected_channels,
                        const kolroi::credit_table& actual,
                        const kolroi::channel_registry& actual_channels) {
    for (const auto& name : expected_channels.names()) {
        const auto want = expected.of(expected_channels, name);
        const auto got = actual.of(actual_channels, name);
        INFO("channel " << name << ": " << want.value << " vs " << got.value);
        CHECK(close(got.conversions, want.conversions, want.conversions));
        CHECK(close(got.value, want.value, want.value));
    }
    CHECK(expected_channels.size() == actual_channels.size());
    CHECK(close(actual.no_touchpoint().value, expected.no_touchpoint().value,
                expected.no_touchpoint().value));
}

std::vector<kolroi::rule_based_policy> policies_for(const kolroi::journey_store& store) {
    std::vector<kolroi::rule_based_policy> policies;
    for (const auto model : kolroi::rule_based_model_names) {
        auto policy = kolroi::make_rule_based_policy(model, store.channels());
        if (kolroi::supports(store, policy)) {
            policies.push_back(std::move(policy));
        }
    }
    return policies;
}

constexpr std::uint64_t seeds[] = {20240301, 7, 4242, 99991};

} // namespace

TEST_CASE("every model credits each journey exactly its conversions and value") {
    for (const std::uint64_t seed : seeds) {
        for (const bool timed : {false, true}) {
            std::mt19937_64 random(seed);
            const auto journeys = random_journeys(random, 300);
            const auto store = build_store(journeys, identity(journeys.size()), timed);
            const auto policies = policies_for(store);
            CHECK(policies.size() == (timed ? 7u : 6u));
            for (const auto& policy : policies) {
                INFO("seed " << seed << (timed ? " timed " : " untimed ")
                             << kolroi::name_of(policy));
                std::visit(
                    [&](const auto& p) {
                        for (std::size_t j = 0; j < store.journey_count(); ++j) {
                            kolroi::credit_table table(store.channels().size());
                            kolroi::attribute_range(store, p, j, j + 1, table);
                            const auto total = table.total();
                            const auto& journey = journeys[j];
                            INFO("journey " << j << " of " << journey.names.size() << " touches");
                            CHECK(
                                close(total.conversions, journey.conversions, journey.conversions));
                            CHECK(close(total.value, journey.value, journey.value));
                            if (journey.names.empty()) {
                                CHECK(table.no_touchpoint().value == journey.value);
                            }
                        }
                    },
                    policy);
            }
        }
    }
}

TEST_CASE("time decay is refused on an untimed store, not run with invented times") {
    std::mt19937_64 random(seeds[0]);
    const auto journeys = random_journeys(random, 50);
    const auto store = build_store(journeys, identity(journeys.size()), false);
    const auto policy = kolroi::make_rule_based_policy("time_decay", store.channels());
    CHECK_FALSE(kolroi::supports(store, policy));
    CHECK_THROWS_AS((void)kolroi::attribute(store, policy), kolroi::error);
}

TEST_CASE("the credit of each channel does not depend on the order of the journeys") {
    for (const std::uint64_t seed : seeds) {
        for (const bool timed : {false, true}) {
            std::mt19937_64 random(seed);
            const auto journeys = random_journeys(random, 400);
            const auto store = build_store(journeys, identity(journeys.size()), timed);

            // Reversed, then shuffled twice: the channels are interned in another order too.
            std::vector<std::vector<std::size_t>> orders;
            auto order = identity(journeys.size());
            std::reverse(order.begin(), order.end());
            orders.push_back(order);
            for (int k = 0; k < 2; ++k) {
                std::shuffle(order.begin(), order.end(), random);
                orders.push_back(order);
            }
            for (const auto& permutation : orders) {
                const auto permuted = build_store(journeys, permutation, timed);
                const auto expected = policies_for(store);
                const auto actual = policies_for(permuted);
                REQUIRE(expected.size() == actual.size());
                for (std::size_t m = 0; m < expected.size(); ++m) {
                    INFO("seed " << seed << (timed ? " timed " : " untimed ")
                                 << kolroi::name_of(expected[m]));
                    check_same_by_name(kolroi::attribute(store, expected[m]), store.channels(),
                                       kolroi::attribute(permuted, actual[m]), permuted.channels());
                }
            }
        }
    }
}

TEST_CASE("cutting the store into ranges or threads and adding the tables changes nothing") {
    for (const std::uint64_t seed : seeds) {
        for (const bool timed : {false, true}) {
            std::mt19937_64 random(seed);
            const auto journeys = random_journeys(random, 500);
            const auto store = build_store(journeys, identity(journeys.size()), timed);
            const std::size_t n = store.journey_count();
            for (const auto& policy : policies_for(store)) {
                INFO("seed " << seed << (timed ? " timed " : " untimed ")
                             << kolroi::name_of(policy));
                const auto whole = kolroi::attribute(store, policy);

                // Random cuts, empty ranges included, attributed in a random order.
                std::uniform_int_distribution<std::size_t> cut(0, n);
                for (std::size_t pieces = 1; pieces <= 9; pieces += 4) {
                    std::vector<std::size_t> cuts = {0, n};
                    for (std::size_t k = 1; k < pieces; ++k) {
                        cuts.push_back(cut(random));
                    }
                    std::sort(cuts.begin(), cuts.end());
                    auto ranges = identity(cuts.size() - 1);
                    std::shuffle(ranges.begin(), ranges.end(), random);
                    kolroi::credit_table merged;
                    std::visit(
                        [&](const auto& p) {
                            for (const std::size_t r : ranges) {
                                kolroi::credit_table part(store.channels().size());
                                kolroi::attribute_range(store, p, cuts[r], cuts[r + 1], part);
                                merged += part;
                            }
                        },
                        policy);
                    check_same_by_name(whole, store.channels(), merged, store.channels());
                }

                for (const std::size_t threads : {1u, 2u, 3u, 7u}) {
                    INFO(threads << " threads");
                    check_same_by_name(whole, store.channels(),
                                       kolroi::attribute_parallel(store, policy, threads),
                                       store.channels());
                }
            }
        }
    }
}

TEST_CASE("balanced shards cover every journey once, in order, with no empty shard") {
    for (const std::uint64_t seed : seeds) {
        std::mt19937_64 random(seed);
        const auto journeys = random_journeys(random, 257);
        const auto store = build_store(journeys, identity(journeys.size()), false);
        for (const std::size_t shards : {1u, 2u, 3u, 8u, 256u, 257u, 1000u}) {
            const auto ranges = kolroi::balanced_shards(store, shards);
            CHECK_FALSE(ranges.empty());
            CHECK(ranges.size() <= std::min<std::size_t>(shards, store.journey_count()));
            std::size_t next = 0;
            for (const auto& range : ranges) {
                CHECK(range.first == next);
                CHECK_FALSE(range.empty());
                next = range.last;
            }
            CHECK(next == store.journey_count());
        }
    }
}
