// Benchmarks for the prediction area, on the sample store's history (251 collaborations of 100
// KOLs, examples/data/sample_store/history.csv):
//   quote        one fitted model answering batches of 1, 16 and 256 quotes; items are quotes,
//                so items per second is the per-quote cost (no feature source, no LLM call)
//   quote_price  the same with log_price among the features, where the break-even and target
//                prices are solved by bisection instead of a closed form
//   fit          fit_quote_model (both targets cross-validated, then the fit) on the history
//                repeated 1, 4 and 16 times under new KOL ids; items are collaborations
//   fit_and_quote  what `kolroi quote` does for one quote: read nothing, fit, answer one
#include "kolroi/io/file.hpp"
#include "kolroi/prediction/history.hpp"
#include "kolroi/prediction/predictor.hpp"

#include <benchmark/benchmark.h>

#include <filesystem>
#include <string>
#include <vector>

namespace {

const std::vector<kolroi::collaboration>& history() {
    static const std::vector<kolroi::collaboration> rows = [] {
        const auto path = std::filesystem::path(__FILE__).parent_path().parent_path() /
                          "examples/data/sample_store/history.csv";
        return kolroi::read_history(kolroi::read_file(path), path.string()).rows;
    }();
    return rows;
}

/// The history `copies` times over, each copy's KOLs under ids of their own.
std::vector<kolroi::collaboration> repeated(std::size_t copies) {
    std::vector<kolroi::collaboration> rows;
    for (std::size_t c = 0; c < copies; ++c) {
        for (kolroi::collaboration row : history()) {
            row.profile.kol_id += "_copy" + std::to_string(c);
            rows.push_back(std::move(row));
        }
    }
    return rows;
}

/// `count` quotes: the history's profiles in turn, each asking its own price.
std::vector<kolroi::creator_profile> quotes(std::size_t count) {
    std::vector<kolroi::creator_profile> profiles;
    for (std::size_t i = 0; i < count; ++i) {
        profiles.push_back(history()[(i * 37) % history().size()].profile);
    }
    return profiles;
}

void run_quotes(benchmark::State& state, const kolroi::quote_model& model) {
    const auto profiles = quotes(static_cast<std::size_t>(state.range(0)));
    for (auto _ : state) {
        auto answers = model.quote(profiles);
        benchmark::DoNotOptimize(answers.data());
    }
    state.SetItemsProcessed(state.iterations() * state.range(0));
}

void quote(benchmark::State& state) {
    static const kolroi::quote_model model = kolroi::fit_quote_model(history());
    run_quotes(state, model);
}
BENCHMARK(quote)->Arg(1)->Arg(16)->Arg(256);

void quote_price(benchmark::State& state) {
    static const kolroi::quote_model model = [] {
        kolroi::predictor_options options;
        options.features.transforms.push_back(kolroi::profile_transform::log_price);
        return kolroi::fit_quote_model(history(), options);
    }();
    run_quotes(state, model);
}
BENCHMARK(quote_price)->Arg(1)->Arg(16);

void fit(benchmark::State& state) {
    const auto rows = repeated(static_cast<std::size_t>(state.range(0)));
    for (auto _ : state) {
        auto model = kolroi::fit_quote_model(rows);
        benchmark::DoNotOptimize(&model);
    }
    state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(rows.size()));
}
BENCHMARK(fit)->Arg(1)->Arg(4)->Arg(16)->Unit(benchmark::kMillisecond);

void fit_and_quote(benchmark::State& state) {
    const auto profile = quotes(1).front();
    for (auto _ : state) {
        const auto model = kolroi::fit_quote_model(history());
        auto answer = model.quote(profile);
        benchmark::DoNotOptimize(&answer);
    }
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(fit_and_quote)->Unit(benchmark::kMillisecond);

} // namespace
