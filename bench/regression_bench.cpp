// Benchmarks for the regression area: fit_ols and predict over a sweep of rows (100 to 100000)
// and columns (2 to 32). Items are rows: rows fitted per second, rows predicted per second.
#include "kolroi/regression/ols.hpp"
#include "kolroi/regression/prediction.hpp"

#include <benchmark/benchmark.h>

#include <random>

namespace {

// Columns on different scales (1 to 10^4) with a true model and unit noise, as a store's
// features would be (price, followers, engagement rate ...).
struct synthetic_data {
    Eigen::MatrixXd x;
    Eigen::VectorXd y;
};

synthetic_data make_data(Eigen::Index rows, Eigen::Index cols, std::uint64_t seed) {
    std::mt19937_64 rng(seed + static_cast<std::uint64_t>(rows * 64 + cols));
    std::normal_distribution<double> normal;
    synthetic_data data{Eigen::MatrixXd(rows, cols), Eigen::VectorXd(rows)};
    for (Eigen::Index j = 0; j < cols; ++j) {
        const double scale = std::pow(10.0, static_cast<double>(j % 5));
        for (Eigen::Index i = 0; i < rows; ++i) {
            data.x(i, j) = scale * (1.0 + normal(rng));
        }
    }
    for (Eigen::Index i = 0; i < rows; ++i) {
        double mean = 2.0;
        for (Eigen::Index j = 0; j < cols; ++j) {
            mean += data.x(i, j) / std::pow(10.0, static_cast<double>(j % 5));
        }
        data.y[i] = mean + normal(rng);
    }
    return data;
}

void sweep(benchmark::internal::Benchmark* bench) {
    for (const int rows : {100, 1000, 10000, 100000}) {
        for (const int cols : {2, 8, 32}) {
            bench->Args({rows, cols});
        }
    }
    bench->ArgNames({"rows", "cols"});
}

void bm_fit_ols(benchmark::State& state) {
    const auto data = make_data(state.range(0), state.range(1), 1);
    for (auto _ : state) {
        const auto fit = kolroi::fit_ols(data.x, data.y);
        benchmark::DoNotOptimize(fit.coefficients.data());
    }
    state.SetItemsProcessed(state.iterations() * state.range(0));
}

void bm_fit_ridge(benchmark::State& state) {
    const auto data = make_data(state.range(0), state.range(1), 2);
    kolroi::ols_options options;
    options.ridge_lambda = 10.0;
    for (auto _ : state) {
        const auto fit = kolroi::fit_ols(data.x, data.y, options);
        benchmark::DoNotOptimize(fit.coefficients.data());
    }
    state.SetItemsProcessed(state.iterations() * state.range(0));
}

void bm_predict(benchmark::State& state) {
    const auto training = make_data(1000, state.range(1), 3);
    const auto fit = kolroi::fit_ols(training.x, training.y);
    const auto fresh = make_data(state.range(0), state.range(1), 4);
    for (auto _ : state) {
        const auto answers = kolroi::predict(fit, fresh.x, 0.95);
        benchmark::DoNotOptimize(answers.data());
    }
    state.SetItemsProcessed(state.iterations() * state.range(0));
}

} // namespace

BENCHMARK(bm_fit_ols)->Apply(sweep)->Unit(benchmark::kMicrosecond);
BENCHMARK(bm_fit_ridge)->Apply(sweep)->Unit(benchmark::kMicrosecond);
BENCHMARK(bm_predict)->Apply(sweep)->Unit(benchmark::kMicrosecond);
