// Benchmarks for the budget area: the exact deal selection against the number of candidates, and
// the water-filling allocation against the number of curves. Items are candidates or curves.
#include "kolroi/budget/concave_allocation.hpp"
#include "kolroi/budget/knapsack.hpp"

#include <benchmark/benchmark.h>

#include <cmath>
#include <map>
#include <optional>
#include <random>
#include <string>
#include <vector>

namespace {

// Prices 50 to 1500, GMV 0.5 to 4 times the price with a spread of up to 60%, on three
// platforms; the budget buys about a third of the candidates' total price.
std::vector<kolroi::deal_candidate> deal_candidates(std::size_t count, double& budget) {
    std::mt19937_64 rng(4242 + count);
    std::uniform_real_distribution<double> unit(0, 1);
    const kolroi::platform platforms[] = {kolroi::platform::tiktok, kolroi::platform::instagram,
                                          kolroi::platform::youtube};
    std::vector<kolroi::deal_candidate> candidates;
    double total = 0;
    for (std::size_t i = 0; i < count; ++i) {
        const double price = std::round(5000 + 145000 * unit(rng)) / 100;
        const double mean = price * (0.5 + 3.5 * unit(rng));
        candidates.push_back(
            {"kol_" + std::to_string(i),
             platforms[i % 3],
             price,
             kolroi::gmv_forecast{mean, 0.6 * mean * unit(rng), std::nullopt, std::nullopt},
             {}});
        total += price;
    }
    budget = std::round(total / 3);
    return candidates;
}

void run_deals(benchmark::State& state, const kolroi::deal_selection_options& options,
               bool with_bounds) {
    const auto count = static_cast<std::size_t>(state.range(0));
    double budget = 0;
    const auto candidates = deal_candidates(count, budget);
    kolroi::deal_selection_options chosen = options;
    if (with_bounds) {
        chosen.platform_bounds[kolroi::platform::tiktok] = {budget / 4, budget / 2};
        chosen.platform_bounds[kolroi::platform::youtube] = {0, budget / 5};
    }
    std::size_t nodes = 0;
    for (auto _ : state) {
        const auto result = kolroi::select_deals(candidates, budget, chosen);
        nodes = result.nodes;
        benchmark::DoNotOptimize(result.objective);
    }
    state.counters["nodes"] = static_cast<double>(nodes);
    state.SetItemsProcessed(state.iterations() * state.range(0));
}

void select_deals_budget_only(benchmark::State& state) {
    run_deals(state, {}, false);
}

void select_deals_platform_bounds(benchmark::State& state) {
    run_deals(state, {}, true);
}

void select_deals_risk_averse_profit(benchmark::State& state) {
    kolroi::deal_selection_options options;
    options.gmv = {kolroi::gmv_measure::normal_quantile, 0.10};
    options.gross_margin = 0.6;
    run_deals(state, options, true);
}

// Two harder families. Strongly correlated: GMV = 3 * price + 300, so every candidate looks
// nearly alike to the linear bound. Round quotes: whole hundreds with GMV = 2.5 * price and a
// budget ending in 50, which the reachable-spend pass resolves.
std::vector<kolroi::deal_candidate> hard_candidates(std::size_t count, bool round_quotes,
                                                    double& budget) {
    std::mt19937_64 rng(7 + count);
    std::uniform_real_distribution<double> unit(0, 1);
    std::vector<kolroi::deal_candidate> candidates;
    double total = 0;
    for (std::size_t i = 0; i < count; ++i) {
        const double price = round_quotes ? 100.0 * static_cast<double>(5 + rng() % 100)
                                          : std::round(5000 + 145000 * unit(rng)) / 100;
        const double mean = round_quotes ? 2.5 * price : 3 * price + 300;
        candidates.push_back({"kol_" + std::to_string(i),
                              kolroi::platform::tiktok,
                              price,
                              kolroi::gmv_forecast{mean, 0, std::nullopt, std::nullopt},
                              {}});
        total += price;
    }
    budget = round_quotes ? std::round(total / 200) * 100 + 50 : std::round(total / 2);
    return candidates;
}

void run_hard_deals(benchmark::State& state, bool round_quotes) {
    const auto count = static_cast<std::size_t>(state.range(0));
    double budget = 0;
    const auto candidates = hard_candidates(count, round_quotes, budget);
    std::size_t nodes = 0;
    for (auto _ : state) {
        const auto result = kolroi::select_deals(candidates, budget);
        nodes = result.nodes;
        benchmark::DoNotOptimize(result.objective);
    }
    state.counters["nodes"] = static_cast<double>(nodes);
    state.SetItemsProcessed(state.iterations() * state.range(0));
}

void select_deals_strongly_correlated(benchmark::State& state) {
    run_hard_deals(state, false);
}

void select_deals_round_quotes(benchmark::State& state) {
    run_hard_deals(state, true);
}

// Logarithmic, Hill (s = 1, closed-form inverse) and exponential curves, or Hill curves with
// s < 1, whose inverse marginal is found by Newton iteration.
std::vector<kolroi::named_response> response_curves(std::size_t count, bool hill_by_newton) {
    std::mt19937_64 rng(99 + count);
    std::uniform_real_distribution<double> unit(0, 1);
    std::vector<kolroi::named_response> curves;
    for (std::size_t i = 0; i < count; ++i) {
        const double a = 1000 + 20000 * unit(rng);
        const double k = 100 + 5000 * unit(rng);
        const auto curve = hill_by_newton
                               ? kolroi::response_curve::hill(a, k, 0.3 + 0.6 * unit(rng))
                           : i % 3 == 0 ? kolroi::response_curve::logarithmic(a, k)
                           : i % 3 == 1 ? kolroi::response_curve::hill(a, k)
                                        : kolroi::response_curve::exponential(a, k);
        curves.push_back({"curve_" + std::to_string(i), curve, {}});
    }
    return curves;
}

void run_allocation(benchmark::State& state, bool hill_by_newton) {
    const auto count = static_cast<std::size_t>(state.range(0));
    const auto curves = response_curves(count, hill_by_newton);
    // Every fourth name has bounds, so some of the spends are held at a bound.
    std::map<std::string, kolroi::spend_bounds> bounds;
    for (std::size_t i = 0; i < count; i += 4) {
        bounds[curves[i].name] = {200, 1500};
    }
    const double budget = 1000.0 * static_cast<double>(count);
    for (auto _ : state) {
        const auto result = kolroi::allocate_spend(curves, budget, bounds);
        benchmark::DoNotOptimize(result.total_response);
    }
    state.SetItemsProcessed(state.iterations() * state.range(0));
}

void allocate_spend_closed_form(benchmark::State& state) {
    run_allocation(state, false);
}

void allocate_spend_hill_newton(benchmark::State& state) {
    run_allocation(state, true);
}

} // namespace

BENCHMARK(select_deals_budget_only)->Arg(10)->Arg(20)->Arg(40)->Arg(60)->Arg(100)->Arg(200);
BENCHMARK(select_deals_platform_bounds)->Arg(10)->Arg(20)->Arg(40)->Arg(60)->Arg(100)->Arg(200);
BENCHMARK(select_deals_risk_averse_profit)->Arg(10)->Arg(20)->Arg(40)->Arg(60)->Arg(100)->Arg(200);
BENCHMARK(select_deals_strongly_correlated)->Arg(20)->Arg(40)->Arg(60)->Arg(80)->Arg(100);
BENCHMARK(select_deals_round_quotes)->Arg(20)->Arg(60)->Arg(100)->Arg(200);
BENCHMARK(allocate_spend_closed_form)->RangeMultiplier(10)->Range(10, 10000);
BENCHMARK(allocate_spend_hill_newton)->RangeMultiplier(10)->Range(10, 10000);
