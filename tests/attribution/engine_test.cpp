// Tests for kolroi/attribution/engine.hpp: the engine and its guarantees for any policy.
#include "kolroi/attribution/engine.hpp"
#include "kolroi/attribution/first_touch.hpp"
#include "kolroi/attribution/linear.hpp"
#include "kolroi/attribution/position_based.hpp"

#include "test_support.hpp"

#include <random>
#include <string>
#include <string_view>
#include <vector>

using kolroi::test::make_paths;

namespace {

// A policy written the way a user would: half to the first touch, half to the second.
struct first_two_halves {
    static constexpr std::string_view name = "first_two_halves";

    template <class Sink>
    void distribute(const kolroi::journey_view& journey, Sink&& sink) const {
        if (journey.size() == 1) {
            sink(0, 1.0);
            return;
        }
        sink(0, 0.5);
        sink(1, 0.5);
    }
};

static_assert(kolroi::attribution_policy<first_two_halves>);
static_assert(!kolroi::attribution_policy<int>);

} // namespace

TEST_CASE("a user-written policy runs on the same engine") {
    const auto store = make_paths({{"A > B > C", 1, 0, 10}, {"C", 1, 0, 4}});
    const auto credits = kolroi::attribute(store, first_two_halves{});
    CHECK(credits.of(store.channels(), "A").value == doctest::Approx(5.0));
    CHECK(credits.of(store.channels(), "B").value == doctest::Approx(5.0));
    CHECK(credits.of(store.channels(), "C").value == doctest::Approx(4.0));
}

TEST_CASE("an empty path with a conversion goes to the no-touchpoint bucket (case R8)") {
    const auto store = make_paths({{"a > b", 1, 0, 10}, {"", 1, 0, 5}});
    const auto linear = kolroi::attribute(store, kolroi::linear{});
    const auto first = kolroi::attribute(store, kolroi::first_touch{});
    for (const auto* table : {&linear, &first}) {
        CHECK(table->no_touchpoint().conversions == doctest::Approx(1.0));
        CHECK(table->no_touchpoint().value == doctest::Approx(5.0));
        CHECK(table->total().conversions == doctest::Approx(2.0));
        CHECK(table->total().value == doctest::Approx(15.0));
    }
    // It does not borrow the previous row's channels.
    CHECK(linear.of(store.channels(), "a").conversions == doctest::Approx(0.5));
    CHECK(linear.of(store.channels(), "b").conversions == doctest::Approx(0.5));
}

TEST_CASE("touch weights sum to one per journey and scale to the credit table") {
    const auto store = make_paths({{"A > B > A > C", 3, 0, 90}, {"B", 1, 0, 10}});
    const auto weights = kolroi::touch_weights(store, kolroi::position_based{});
    REQUIRE(weights.size() == 5);
    CHECK(weights[0] + weights[1] + weights[2] + weights[3] == doctest::Approx(1.0));
    CHECK(weights[4] == doctest::Approx(1.0));
    CHECK(weights[0] == doctest::Approx(0.4));
    CHECK(weights[1] == doctest::Approx(0.1));
}

TEST_CASE("every policy's credits sum to each journey's conversions and value (seeded)") {
    std::mt19937_64 random(20261203);
    std::uniform_int_distribution<int> length(0, 20);
    std::uniform_int_distribution<int> channel(0, 29);
    std::uniform_real_distribution<double> money(0.0, 500.0);

    kolroi::journey_store store;
    std::vector<std::string> owned;
    std::vector<std::string_view> names;
    double conversions = 0;
    double value = 0;
    for (int j = 0; j < 2000; ++j) {
        owned.clear();
        names.clear();
        const int n = length(random);
        for (int i = 0; i < n; ++i) {
            owned.push_back("ch" + std::to_string(channel(random)));
        }
        for (const auto& name : owned) {
            names.push_back(name);
        }
        const double c = 1 + j % 3;
        const double v = money(random);
        store.add_named(names, c, 0, v);
        conversions += c;
        value += v;
    }
    const auto check = [&](const kolroi::credit_table& table) {
        CHECK(table.total().conversions == doctest::Approx(conversions).epsilon(1e-12));
        CHECK(table.total().value == doctest::Approx(value).epsilon(1e-12));
    };
    check(kolroi::attribute(store, kolroi::linear{}));
    check(kolroi::attribute(store, kolroi::first_touch{}));
    check(kolroi::attribute(store, kolroi::position_based(0.3, 0.5)));
    check(kolroi::attribute(store, first_two_halves{}));
}

TEST_CASE("credit tables of two halves of a store add up to the whole") {
    const auto store =
        make_paths({{"A > B", 1, 0, 10}, {"B > C > A", 2, 0, 30}, {"", 1, 0, 3}, {"C", 1, 0, 7}});
    const auto whole = kolroi::attribute(store, kolroi::linear{});
    kolroi::credit_table left;
    kolroi::credit_table right;
    kolroi::attribute_range(store, kolroi::linear{}, 0, 2, left);
    kolroi::attribute_range(store, kolroi::linear{}, 2, store.journey_count(), right);
    left += right;
    for (kolroi::channel_id id = 0; id < store.channels().size(); ++id) {
        CHECK(left[id].value == doctest::Approx(whole[id].value));
    }
    CHECK(left.no_touchpoint().value == doctest::Approx(3.0));
}
