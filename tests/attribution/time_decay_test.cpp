// Tests for kolroi/attribution/time_decay.hpp (case R4).
#include "kolroi/attribution/engine.hpp"
#include "kolroi/attribution/time_decay.hpp"

#include "test_support.hpp"

#include <vector>

namespace {

using kolroi::channel_id;
using kolroi::seconds_per_day;
using kolroi::timestamp;

// A timed store with one journey per call, channels "t0", "t1", ... in touch order.
struct timed_store {
    kolroi::journey_store store;

    void add(const std::vector<timestamp>& times, timestamp conversion, double value = 1.0) {
        std::vector<channel_id> ids;
        for (std::size_t i = 0; i < times.size(); ++i) {
            ids.push_back(store.channels().intern("t" + std::to_string(i)));
        }
        store.add_timed(ids, times, conversion, 1.0, 0.0, value);
    }
};

} // namespace

TEST_CASE("touches 2, 1 and 0 half-lives before the order get 1/7, 2/7 and 4/7") {
    timed_store data;
    const timestamp order = 1'700'000'000;
    const double h = 3600.0;
    data.add({order - 7200, order - 3600, order}, order);
    const auto weights = kolroi::touch_weights(data.store, kolroi::time_decay(h));
    CHECK(weights[0] == doctest::Approx(1.0 / 7));
    CHECK(weights[1] == doctest::Approx(2.0 / 7));
    CHECK(weights[2] == doctest::Approx(4.0 / 7));
}

TEST_CASE("a seven-day half-life with touches 14, 7 and 0 days before") {
    timed_store data;
    const timestamp order = 1'700'000'000;
    data.add({order - 14 * seconds_per_day, order - 7 * seconds_per_day, order}, order);
    const auto weights = kolroi::touch_weights(data.store, kolroi::time_decay{});
    CHECK(weights[0] == doctest::Approx(1.0 / 7));
    CHECK(weights[1] == doctest::Approx(2.0 / 7));
    CHECK(weights[2] == doctest::Approx(4.0 / 7));
}

TEST_CASE("touches 8 days and 1 day before, half-life 7 days, get 1/3 and 2/3") {
    timed_store data;
    const timestamp order = 1'700'000'000;
    data.add({order - 8 * seconds_per_day, order - 1 * seconds_per_day}, order);
    const auto weights = kolroi::touch_weights(data.store, kolroi::time_decay{});
    CHECK(weights[0] == doctest::Approx(1.0 / 3));
    CHECK(weights[1] == doctest::Approx(2.0 / 3));
}

TEST_CASE("three touches with the same timestamp share equally") {
    timed_store data;
    data.add({500, 500, 500}, 900);
    const auto weights = kolroi::touch_weights(data.store, kolroi::time_decay{});
    for (const double w : weights) {
        CHECK(w == doctest::Approx(1.0 / 3));
    }
}

TEST_CASE("two orders in the same second are two orders, each with its own credit") {
    timed_store data;
    const timestamp order = 1'700'000'000;
    data.add({order - 7 * seconds_per_day, order}, order, 30.0);
    data.add({order}, order, 50.0);
    const auto credits = kolroi::attribute(data.store, kolroi::time_decay{});
    // t0 gets 1/3 of the first order; t0 of the second order is the same channel name "t0".
    CHECK(credits.of(data.store.channels(), "t0").value == doctest::Approx(10.0 + 50.0));
    CHECK(credits.of(data.store.channels(), "t1").value == doctest::Approx(20.0));
    CHECK(credits.total().conversions == doctest::Approx(2.0));
}

TEST_CASE("very old touches do not underflow to 0 / 0") {
    timed_store data;
    const timestamp order = 4'000'000'000;
    // 5000 days before with a one-day half-life: 2^-5000 underflows, yet weights stay 1/2, 1/2.
    data.add({order - 5000 * seconds_per_day, order - 5000 * seconds_per_day}, order);
    const auto weights = kolroi::touch_weights(data.store, kolroi::time_decay(seconds_per_day));
    CHECK(weights[0] == doctest::Approx(0.5));
    CHECK(weights[1] == doctest::Approx(0.5));
}

TEST_CASE("a touch after its conversion is an error, not a weight above one") {
    timed_store data;
    CHECK_THROWS_AS(data.add({100, 200}, 150), kolroi::error);
}

TEST_CASE("time decay refuses a store without timestamps") {
    kolroi::journey_store store;
    const auto names = kolroi::split_path("A > B", ">");
    store.add_named(names, 1, 0, 1);
    CHECK_THROWS_AS((void)kolroi::attribute(store, kolroi::time_decay{}), kolroi::error);
}

TEST_CASE("a half-life must be positive") {
    CHECK_THROWS_AS(kolroi::time_decay(0.0), kolroi::error);
    CHECK_THROWS_AS(kolroi::time_decay(-5.0), kolroi::error);
}
