// Tests for kolroi/attribution/shapley.hpp: Shapley values over the channel sets of journeys.
#include "kolroi/attribution/engine.hpp"
#include "kolroi/attribution/linear_by_channel.hpp"
#include "kolroi/attribution/shapley.hpp"
#include "kolroi/io/channel_attribution_paths.hpp"
#include "kolroi/io/file.hpp"

#include "test_support.hpp"

#include <bit>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <map>
#include <random>
#include <set>
#include <string>
#include <string_view>
#include <vector>

using kolroi::test::make_paths;

namespace {

double conversions_of(const kolroi::credit_table& table, const kolroi::journey_store& store,
                      std::string_view name) {
    return table.of(store.channels(), name).conversions;
}

// An independent brute force: players are channel names in alphabetical order, coalitions are
// bitmasks over that order, v(S) is summed over every journey for every S, and phi comes from
// Shapley's formula with factorials. Nothing here is shared with the library.
struct brute_force {
    std::vector<std::string> players;
    std::map<std::string, double> conversions_game; // phi of v = conversions inside S
    std::map<std::string, double> value_game;       // phi of v = value inside S
    std::map<std::string, double> rate_game;        // phi of v = conversion rate inside S
    double rate_all = 0;                            // v(N) of the rate game
    double rate_none = 0;                           // v({}) of the rate game
};

brute_force brute_force_shapley(const kolroi::journey_store& store) {
    brute_force out;
    std::set<std::string> names;
    for (std::size_t j = 0; j < store.journey_count(); ++j) {
        for (const auto id : store.journey(j).channels) {
            names.insert(store.channels().name(id));
        }
    }
    out.players.assign(names.begin(), names.end());
    const std::size_t n = out.players.size();
    std::map<std::string, std::uint32_t> bit;
    for (std::size_t i = 0; i < n; ++i) {
        bit[out.players[i]] = 1u << i;
    }
    std::vector<std::uint32_t> row_mask(store.journey_count(), 0);
    for (std::size_t j = 0; j < store.journey_count(); ++j) {
        for (const auto id : store.journey(j).channels) {
            row_mask[j] |= bit[store.channels().name(id)];
        }
    }

    const std::uint32_t all = (1u << n) - 1;
    std::vector<double> conversions(all + 1, 0.0);
    std::vector<double> value(all + 1, 0.0);
    std::vector<double> rate(all + 1, 0.0);
    for (std::uint32_t s = 0; s <= all; ++s) {
        double journeys = 0;
        for (std::size_t j = 0; j < store.journey_count(); ++j) {
            if ((row_mask[j] & ~s) == 0) {
                const auto journey = store.journey(j);
                conversions[s] += journey.conversions;
                value[s] += journey.value;
                journeys += journey.conversions + journey.non_conversions;
            }
        }
        rate[s] = journeys > 0 ? conversions[s] / journeys : 0.0;
    }
    out.rate_all = rate[all];
    out.rate_none = rate[0];

    const auto factorial = [](std::size_t k) { return std::tgamma(static_cast<double>(k) + 1); };
    for (std::size_t i = 0; i < n; ++i) {
        double phi_c = 0;
        double phi_v = 0;
        double phi_r = 0;
        for (std::uint32_t s = 0; s <= all; ++s) {
            if ((s >> i) & 1u) {
                continue;
            }
            const auto size = static_cast<std::size_t>(std::popcount(s));
            const double w = factorial(size) * factorial(n - size - 1) / factorial(n);
            const std::uint32_t with = s | (1u << i);
            phi_c += w * (conversions[with] - conversions[s]);
            phi_v += w * (value[with] - value[s]);
            phi_r += w * (rate[with] - rate[s]);
        }
        out.conversions_game[out.players[i]] = phi_c;
        out.value_game[out.players[i]] = phi_v;
        out.rate_game[out.players[i]] = phi_r;
    }
    return out;
}

// A seeded store over `channels` channels named "c0", "c1", ...; journeys of 1 to 4 touches.
kolroi::journey_store random_store(int channels, std::uint64_t seed, int journeys = 400) {
    std::mt19937_64 random(seed);
    std::uniform_int_distribution<int> length(1, 4);
    std::uniform_int_distribution<int> channel(0, channels - 1);
    std::uniform_int_distribution<int> count(0, 5);
    kolroi::journey_store store;
    std::vector<std::string> owned;
    for (int j = 0; j < journeys; ++j) {
        owned.clear();
        const int n = length(random);
        for (int i = 0; i < n; ++i) {
            owned.emplace_back("c");
            owned.back() += std::to_string(channel(random));
        }
        std::vector<std::string_view> names(owned.begin(), owned.end());
        const double c = count(random);
        store.add_named(names, c, count(random), 7.5 * c);
    }
    return store;
}

} // namespace

TEST_CASE("Shapley includes the empty coalition (case S1)") {
    SUBCASE("one channel takes everything") {
        const auto store = make_paths({{"a", 5, 0}});
        CHECK(conversions_of(kolroi::shapley_attribute(store), store, "a") == doctest::Approx(5));
    }
    SUBCASE("v({a}) = 4, v({b}) = 0, v({a,b}) = 10") {
        const auto store = make_paths({{"a", 4, 0, 40}, {"a > b", 6, 0, 60}});
        const auto credits = kolroi::shapley_attribute(store);
        CHECK(conversions_of(credits, store, "a") == doctest::Approx(7.0));
        CHECK(conversions_of(credits, store, "b") == doctest::Approx(3.0));
        CHECK(credits.of(store.channels(), "a").value == doctest::Approx(70.0));
        CHECK(credits.of(store.channels(), "b").value == doctest::Approx(30.0));
    }
    SUBCASE("four channels on one path share equally") {
        const auto store = make_paths({{"a > b > c > d", 10, 0}});
        const auto credits = kolroi::shapley_attribute(store);
        for (const auto name : {"a", "b", "c", "d"}) {
            CHECK(conversions_of(credits, store, name) == doctest::Approx(2.5));
        }
    }
    SUBCASE("journeys without touches are v({}), credited to no touchpoint") {
        const auto store = make_paths({{"", 3, 0, 30}, {"a", 5, 0, 50}});
        const auto credits = kolroi::shapley_attribute(store);
        CHECK(conversions_of(credits, store, "a") == doctest::Approx(5.0));
        CHECK(credits.no_touchpoint().conversions == 3.0);
        CHECK(credits.no_touchpoint().value == 30.0);
        CHECK(credits.total().conversions == doctest::Approx(8.0));
    }
}

TEST_CASE("coalitions are keyed by channel id, never by substring of a name (case S1)") {
    const auto store = make_paths({{"aa", 6, 0}, {"a > b", 4, 0}, {"b > aa", 0, 2}});
    const auto credits = kolroi::shapley_attribute(store);
    CHECK(conversions_of(credits, store, "a") == doctest::Approx(2.0));
    CHECK(conversions_of(credits, store, "b") == doctest::Approx(2.0));
    CHECK(conversions_of(credits, store, "aa") == doctest::Approx(6.0));

    // The rate game, by hand: v(aa) = 6/6 = 1, v(a) = 0, v(b) = 0, v(a,b) = 4/4 = 1,
    // v(a,aa) = 6/6, v(b,aa) = 6/8, v(all) = 10/12.
    const auto model = kolroi::fit_shapley(store, {.game = kolroi::shapley_game::conversion_rate});
    const auto id = [&](std::string_view name) { return *store.channels().find(name); };
    // phi_a = 1/3 (0) + 1/6 (1 - 0) + 1/6 (1 - 1) + 1/3 (10/12 - 6/8) = 1/6 + 1/36.
    CHECK(model.shapley_values()[id("a")] == doctest::Approx(1.0 / 6.0 + 1.0 / 36.0));
    double total = 0;
    for (const double phi : model.shapley_values()) {
        total += phi;
    }
    CHECK(total == doctest::Approx(10.0 / 12.0));
}

TEST_CASE("the conversion-rate game can credit a channel negatively") {
    // v({}) = 0, v(a) = 1/2, v(b) = 0, v(a,b) = 4/12: phi_a = 5/12, phi_b = -1/12, and the
    // shares of 4 conversions are 5 and -1.
    const auto store = make_paths({{"a", 1, 1}, {"a > b", 3, 1}, {"b", 0, 6}});
    const auto model = kolroi::fit_shapley(store, {.game = kolroi::shapley_game::conversion_rate});
    CHECK(model.exact());
    CHECK(model.shapley_values()[0] == doctest::Approx(5.0 / 12.0));
    CHECK(model.shapley_values()[1] == doctest::Approx(-1.0 / 12.0));
    const auto credits = model.credits();
    CHECK(conversions_of(credits, store, "a") == doctest::Approx(5.0));
    CHECK(conversions_of(credits, store, "b") == doctest::Approx(-1.0));
}

TEST_CASE("a rate game whose values sum to zero or less cannot share conversions") {
    // Journeys without touches convert at 1, the rest at 1/2: v(N) - v({}) = -1/3.
    const auto store = make_paths({{"", 1, 0}, {"a", 1, 1}});
    const auto model = kolroi::fit_shapley(store, {.game = kolroi::shapley_game::conversion_rate});
    CHECK(model.shapley_values()[0] == doctest::Approx(-1.0 / 3.0));
    CHECK_THROWS_WITH((void)model.credits(),
                      doctest::Contains("the Shapley values sum to -0.333333"));
}

TEST_CASE("a user-supplied coalition value, called with ascending channel ids") {
    const auto store = make_paths({{"c > b > a", 6, 0, 60}});
    const auto a = *store.channels().find("a");
    const auto b = *store.channels().find("b");
    int calls = 0;
    kolroi::shapley_options options;
    options.value_function = [&](std::span<const kolroi::channel_id> members) {
        ++calls;
        CHECK(std::is_sorted(members.begin(), members.end()));
        bool has_a = false;
        bool has_b = false;
        for (const auto id : members) {
            has_a = has_a || id == a;
            has_b = has_b || id == b;
        }
        return has_a && has_b ? 1.0 : 0.0;
    };
    const auto model = kolroi::fit_shapley(store, options);
    CHECK(calls == 8);
    CHECK(model.shapley_values()[a] == doctest::Approx(0.5));
    CHECK(model.shapley_values()[b] == doctest::Approx(0.5));
    const auto credits = model.credits();
    CHECK(conversions_of(credits, store, "a") == doctest::Approx(3.0));
    CHECK(credits.of(store.channels(), "b").value == doctest::Approx(30.0));
    CHECK(conversions_of(credits, store, "c") == doctest::Approx(0.0));

    // A majority game of three players: 1/3 each.
    options.value_function = [](std::span<const kolroi::channel_id> members) {
        return members.size() >= 2 ? 1.0 : 0.0;
    };
    const auto majority = kolroi::fit_shapley(store, options);
    for (const double phi : majority.shapley_values()) {
        CHECK(phi == doctest::Approx(1.0 / 3.0));
    }

    options.value_function = [](std::span<const kolroi::channel_id>) { return std::nan(""); };
    CHECK_THROWS_WITH((void)kolroi::fit_shapley(store, options),
                      doctest::Contains("fit_shapley: the value function gave nan"));
}

TEST_CASE("the conversions game is linear credit per distinct channel (seeded)") {
    const auto store = random_store(9, 4242);
    const auto shapley = kolroi::shapley_attribute(store);
    const auto linear = kolroi::attribute(store, kolroi::linear_by_channel{});
    for (kolroi::channel_id id = 0; id < store.channels().size(); ++id) {
        CHECK(shapley[id].conversions == doctest::Approx(linear[id].conversions).epsilon(1e-12));
        CHECK(shapley[id].value == doctest::Approx(linear[id].value).epsilon(1e-12));
    }
}

TEST_CASE("exact values match a brute force over every coalition (seeded, 9 channels)") {
    const auto store = random_store(9, 99);
    const auto expected = brute_force_shapley(store);
    const auto conversions = kolroi::fit_shapley(store);
    const auto rate = kolroi::fit_shapley(store, {.game = kolroi::shapley_game::conversion_rate});
    CHECK(conversions.exact());
    CHECK(rate.exact());
    for (const auto& name : expected.players) {
        CAPTURE(name);
        const auto id = *store.channels().find(name);
        CHECK(conversions.shapley_values()[id] ==
              doctest::Approx(expected.conversions_game.at(name)).epsilon(1e-10));
        CHECK(conversions.value_shapley_values()[id] ==
              doctest::Approx(expected.value_game.at(name)).epsilon(1e-10));
        CHECK(rate.shapley_values()[id] ==
              doctest::Approx(expected.rate_game.at(name)).epsilon(1e-10));
    }
}

TEST_CASE("permutation sampling is within its standard errors and repeats with its seed") {
    const auto store = random_store(9, 99);
    const auto expected = brute_force_shapley(store);
    kolroi::shapley_options options{.game = kolroi::shapley_game::conversion_rate,
                                    .method = kolroi::shapley_method::sampled,
                                    .permutations = 4000};
    const auto model = kolroi::fit_shapley(store, options);
    CHECK_FALSE(model.exact());
    double total = 0;
    for (const auto& name : expected.players) {
        CAPTURE(name);
        const auto id = *store.channels().find(name);
        const double error = model.standard_errors()[id];
        CHECK(error > 0.0);
        CHECK(std::abs(model.shapley_values()[id] - expected.rate_game.at(name)) <=
              5 * error + 1e-12);
        total += model.shapley_values()[id];
    }
    // Every order's contributions add up to v(N) - v({}), so the estimates do too.
    CHECK(total == doctest::Approx(expected.rate_all - expected.rate_none).epsilon(1e-12));

    // Credits are the shares phi / total of the conversions, and so are their errors.
    const auto credits = model.credits();
    const auto errors = model.credit_standard_errors();
    for (kolroi::channel_id id = 0; id < store.channels().size(); ++id) {
        const double scale = store.total_conversions() / total;
        CHECK(credits[id].conversions == doctest::Approx(model.shapley_values()[id] * scale));
        CHECK(errors[id].conversions == doctest::Approx(model.standard_errors()[id] * scale));
    }

    const auto again = kolroi::fit_shapley(store, options);
    options.seed += 1;
    const auto other = kolroi::fit_shapley(store, options);
    bool differs = false;
    for (std::size_t id = 0; id < store.channels().size(); ++id) {
        CHECK(again.shapley_values()[id] == model.shapley_values()[id]);
        differs = differs || other.shapley_values()[id] != model.shapley_values()[id];
    }
    CHECK(differs);

    // Sampling the conversions game keeps its totals exactly as well.
    const auto sampled = kolroi::shapley_attribute(
        store, {.method = kolroi::shapley_method::sampled, .permutations = 500});
    CHECK(sampled.total().conversions == doctest::Approx(store.total_conversions()).epsilon(1e-12));
    CHECK(sampled.total().value == doctest::Approx(store.total_value()).epsilon(1e-12));
}

TEST_CASE("beyond max_exact_channels a general game is sampled, the conversions game is not") {
    const auto store = random_store(24, 5, 600);
    REQUIRE(store.channels().size() == 24);

    // The conversions game stays exact through its dividends: w(T) / |T| summed by name.
    const auto conversions = kolroi::fit_shapley(store);
    CHECK(conversions.exact());
    std::map<std::string, double> dividends;
    for (std::size_t j = 0; j < store.journey_count(); ++j) {
        const auto journey = store.journey(j);
        std::set<std::string> set;
        for (const auto id : journey.channels) {
            set.insert(store.channels().name(id));
        }
        for (const auto& name : set) {
            dividends[name] += journey.conversions / static_cast<double>(set.size());
        }
    }
    for (const auto& [name, phi] : dividends) {
        CHECK(conversions.shapley_values()[*store.channels().find(name)] ==
              doctest::Approx(phi).epsilon(1e-12));
    }

    const auto rate = kolroi::fit_shapley(
        store, {.game = kolroi::shapley_game::conversion_rate, .permutations = 300});
    CHECK_FALSE(rate.exact());
    CHECK(rate.credits().total().conversions ==
          doctest::Approx(store.total_conversions()).epsilon(1e-12));

    CHECK_THROWS_WITH(
        (void)kolroi::fit_shapley(store, {.game = kolroi::shapley_game::conversion_rate,
                                          .method = kolroi::shapley_method::exact}),
        doctest::Contains("this game has 24 players, above max_exact_channels = 20"));

    // An additive user game: every marginal contribution is the player's own weight, so the
    // sampled values are exact and their standard errors 0.
    kolroi::shapley_options additive;
    additive.permutations = 50;
    additive.value_function = [](std::span<const kolroi::channel_id> members) {
        double sum = 0;
        for (const auto id : members) {
            sum += 1.0 + id;
        }
        return sum;
    };
    const auto sampled = kolroi::fit_shapley(store, additive);
    CHECK_FALSE(sampled.exact());
    for (kolroi::channel_id id = 0; id < 24; ++id) {
        CHECK(sampled.shapley_values()[id] == doctest::Approx(1.0 + id));
        CHECK(sampled.standard_errors()[id] == doctest::Approx(0.0));
    }
}

TEST_CASE("a store without conversions credits nothing and says so") {
    const auto store = make_paths({{"a > b", 0, 3}, {"b", 0, 1}});
    const auto model = kolroi::fit_shapley(store);
    CHECK(model.credits().total().conversions == 0.0);
    CHECK(model.notes().count("no conversions") == 1);
    const auto rate = kolroi::fit_shapley(store, {.game = kolroi::shapley_game::conversion_rate});
    CHECK(rate.credits().total().conversions == 0.0);
}

TEST_CASE("invalid options are refused with the numbers seen") {
    const auto store = make_paths({{"a", 1, 0}});
    CHECK_THROWS_WITH((void)kolroi::fit_shapley(store, {.max_exact_channels = 31}),
                      doctest::Contains("max_exact_channels is 31, above the 30"));
    CHECK_THROWS_WITH((void)kolroi::fit_shapley(store, {.permutations = 1}),
                      doctest::Contains("at least 2 permutations for a standard error, saw 1"));
}

TEST_CASE("ChannelAttribution's Data.csv: 12 channels, exact, against a brute force") {
    KOLROI_REQUIRE_SHARED_DATA(path, "channelattribution_pathdata/Data.csv");
    const auto file = kolroi::read_channel_attribution_paths(kolroi::read_file(path), "Data.csv");
    const auto& store = file.journeys;
    const auto expected = brute_force_shapley(store);
    REQUIRE(expected.players.size() == 12);

    const auto model = kolroi::fit_shapley(store);
    CHECK(model.exact());
    const auto credits = model.credits();
    CHECK(credits.total().conversions == doctest::Approx(19785.0).epsilon(1e-12));
    CHECK(credits.total().value == doctest::Approx(74802.971587).epsilon(1e-9));
    for (const auto& name : expected.players) {
        CAPTURE(name);
        CHECK(credits.of(store.channels(), name).conversions >= 0.0);
        CHECK(credits.of(store.channels(), name).conversions ==
              doctest::Approx(expected.conversions_game.at(name)).epsilon(1e-10));
        CHECK(credits.of(store.channels(), name).value ==
              doctest::Approx(expected.value_game.at(name)).epsilon(1e-10));
    }

    const auto rate = kolroi::fit_shapley(store, {.game = kolroi::shapley_game::conversion_rate});
    CHECK(rate.exact());
    for (const auto& name : expected.players) {
        CAPTURE(name);
        CHECK(rate.shapley_values()[*store.channels().find(name)] ==
              doctest::Approx(expected.rate_game.at(name)).epsilon(1e-10));
    }
    CHECK(rate.credits().total().conversions == doctest::Approx(19785.0).epsilon(1e-12));
}
