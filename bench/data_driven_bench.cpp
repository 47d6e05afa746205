// bench/data_driven_bench.cpp: the Markov and Shapley models against store size and channels.
//
// Each benchmark fits a model to a seeded synthetic store and reports journeys per second, so
// runs over different sizes compare as ratios. The stores: journeys of 1 to 8 touches, channels
// uniform over `channels` names, each journey 0 to 2 conversions (value 10 each) and 0 to 4
// non-conversions; the same arguments give the same store on every machine (mt19937_64 and
// integer arithmetic only).
//
//   markov/journeys     order 1, 12 channels, 10^3 to 10^5 journeys: the counting pass
//   markov/channels     order 1, 2*10^4 journeys, 4 to 256 channels: one sparse LU per channel
//   markov/order        12 channels, 2*10^4 journeys, orders 1 to 3: the number of states
//   shapley/journeys    the conversions game (exact by dividends), 10^3 to 10^5 journeys
//   shapley/rate_exact  the conversion-rate game over all 2^n coalitions, 8 to 20 channels
//   shapley/rate_sampled  the same game by 1000 sampled orders, 24 and 48 channels
#include "kolroi/attribution/markov.hpp"
#include "kolroi/attribution/shapley.hpp"
#include "kolroi/core/journey_store.hpp"

#include <benchmark/benchmark.h>

#include <cstddef>
#include <cstdint>
#include <random>
#include <string>
#include <string_view>
#include <vector>

namespace {

kolroi::journey_store synthetic_store(std::size_t journeys, std::size_t channels,
                                      std::uint64_t seed = 20261208) {
    std::mt19937_64 random(seed);
    kolroi::journey_store store;
    std::vector<kolroi::channel_id> ids;
    for (std::size_t c = 0; c < channels; ++c) {
        std::string name = "channel_";
        name += std::to_string(c);
        ids.push_back(store.channels().intern(name));
    }
    std::vector<kolroi::channel_id> path;
    store.reserve(journeys, journeys * 5);
    for (std::size_t j = 0; j < journeys; ++j) {
        path.clear();
        const std::size_t length = 1 + random() % 8;
        for (std::size_t t = 0; t < length; ++t) {
            path.push_back(ids[random() % channels]);
        }
        const auto conversions = static_cast<double>(random() % 3);
        const auto non_conversions = static_cast<double>(random() % 5);
        store.add(path, conversions, non_conversions, 10 * conversions);
    }
    return store;
}

void run_markov(benchmark::State& state, std::size_t journeys, std::size_t channels,
                std::size_t order) {
    const auto store = synthetic_store(journeys, channels);
    for (auto _ : state) {
        const auto model = kolroi::fit_markov(store, {.order = order});
        benchmark::DoNotOptimize(model.conversion_probability());
    }
    state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(journeys));
    state.counters["states"] =
        static_cast<double>(kolroi::fit_markov(store, {.order = order}).state_count());
}

void markov_journeys(benchmark::State& state) {
    run_markov(state, static_cast<std::size_t>(state.range(0)), 12, 1);
}

void markov_channels(benchmark::State& state) {
    run_markov(state, 20000, static_cast<std::size_t>(state.range(0)), 1);
}

void markov_order(benchmark::State& state) {
    run_markov(state, 20000, 12, static_cast<std::size_t>(state.range(0)));
}

void run_shapley(benchmark::State& state, std::size_t journeys, std::size_t channels,
                 const kolroi::shapley_options& options) {
    const auto store = synthetic_store(journeys, channels);
    for (auto _ : state) {
        const auto model = kolroi::fit_shapley(store, options);
        benchmark::DoNotOptimize(model.shapley_values().data());
    }
    state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(journeys));
}

void shapley_journeys(benchmark::State& state) {
    run_shapley(state, static_cast<std::size_t>(state.range(0)), 12, {});
}

void shapley_rate_exact(benchmark::State& state) {
    kolroi::shapley_options options;
    options.game = kolroi::shapley_game::conversion_rate;
    options.method = kolroi::shapley_method::exact;
    run_shapley(state, 20000, static_cast<std::size_t>(state.range(0)), options);
}

void shapley_rate_sampled(benchmark::State& state) {
    kolroi::shapley_options options;
    options.game = kolroi::shapley_game::conversion_rate;
    options.method = kolroi::shapley_method::sampled;
    options.permutations = 1000;
    run_shapley(state, 20000, static_cast<std::size_t>(state.range(0)), options);
    state.counters["permutations"] = static_cast<double>(options.permutations);
}

} // namespace

BENCHMARK(markov_journeys)
    ->Name("markov/journeys")
    ->RangeMultiplier(10)
    ->Range(1000, 100000)
    ->Unit(benchmark::kMillisecond);
BENCHMARK(markov_channels)
    ->Name("markov/channels")
    ->RangeMultiplier(4)
    ->Range(4, 256)
    ->Unit(benchmark::kMillisecond);
BENCHMARK(markov_order)->Name("markov/order")->DenseRange(1, 3)->Unit(benchmark::kMillisecond);
BENCHMARK(shapley_journeys)
    ->Name("shapley/journeys")
    ->RangeMultiplier(10)
    ->Range(1000, 100000)
    ->Unit(benchmark::kMillisecond);
BENCHMARK(shapley_rate_exact)
    ->Name("shapley/rate_exact")
    ->DenseRange(8, 20, 4)
    ->Unit(benchmark::kMillisecond);
BENCHMARK(shapley_rate_sampled)
    ->Name("shapley/rate_sampled")
    ->Arg(24)
    ->Arg(48)
    ->Unit(benchmark::kMillisecond);
