// bench/attribution_bench.cpp: the attribution loop against its floor and a naive baseline.
//
// Every rule-based policy runs over seeded synthetic stores (bench/synthetic_store.hpp) of 10^5
// to 10^7 touches with 32 and 4096 channels, reporting touches per second. Two references run in
// the same process on the same stores:
//   plain  a pass that only reads the columns the engine reads (offsets, channel ids,
//          conversions, values; touch times too on timed stores) and sums them: the speed of
//          memory, the floor no attribution loop can beat;
//   naive  the same policy with credit keyed by channel name, a std::map<std::string, credit>
//          per order merged into a total map: what code that never interned names would do.
// After the runs the program prints a table of each policy's throughput as a ratio to both, the
// speed-up of the parallel engine and the spread of the cost per touch over store sizes; the
// ratios come from this run only. `memory/...` runs a fresh copy of this program on one store
// of 10^7 touches and reports bytes per touch and the peak resident set (ru_maxrss).
//
// Flags, besides Google Benchmark's: --kolroi_sweep=full adds 3*10^5 and 3*10^6 touches and
// runs the naive baseline at every size (by default it stops at 10^6: at 10^7 touches one naive
// pass takes seconds).
#include "kolroi/attribution/engine.hpp"
#include "kolroi/attribution/parallel_engine.hpp"
#include "kolroi/attribution/rule_based.hpp"
#include "kolroi/core/credit_table.hpp"
#include "kolroi/core/journey_store.hpp"

#include "synthetic_store.hpp"

#include <benchmark/benchmark.h>

#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

namespace {

using kolroi::credit;
using kolroi::journey_store;
using kolroi::rule_based_policy;

struct store_key {
    std::size_t touches = 0;
    std::size_t channels = 0;
    bool timed = false;

    bool operator==(const store_key&) const = default;
};

// One store is alive at a time: the benchmarks of a store are registered together, so each store
// is built once and the process never holds more than the largest one.
const journey_store& store_for(const store_key& key) {
    static std::optional<store_key> held_key;
    static std::unique_ptr<journey_store> held;
    if (!held_key || !(*held_key == key)) {
        held.reset();
        kolroi::bench::synthetic_options options;
        options.touches = key.touches;
        options.channels = key.channels;
        options.timed = key.timed;
        held = std::make_unique<journey_store>(kolroi::bench::make_synthetic_store(options));
        held_key = key;
    }
    return *held;
}

// ---------------------------------------------------------------------------------------------
// The two references.

// Sums every column the engine reads, each in one stream.
struct plain_sums {
    std::uint64_t offsets = 0;
    std::uint64_t channels = 0;
    std::int64_t times = 0;
    double conversions = 0;
    double values = 0;
};

plain_sums plain_pass(const journey_store& store, bool with_times) {
    plain_sums sums;
    for (const auto offset : store.offsets()) {
        sums.offsets += offset;
    }
    for (const auto channel : store.touch_channels()) {
        sums.channels += channel;
    }
    for (const double c : store.conversions()) {
        sums.conversions += c;
    }
    for (const double v : store.values()) {
        sums.values += v;
    }
    if (with_times) {
        for (const auto t : store.touch_times()) {
            sums.times += t;
        }
    }
    return sums;
}

// The policy's weights, credited by channel name per order and then merged.
template <class Policy>
std::map<std::string, credit> naive_attribute(const journey_store& store, const Policy& policy) {
    const auto& names = store.channels().names();
    std::map<std::string, credit> total;
    for (std::size_t j = 0; j < store.journey_count(); ++j) {
        const kolroi::journey_view journey = store.journey(j);
        if (journey.empty()) {
            total[std::string(kolroi::no_touchpoint_name)] +=
                credit{journey.conversions, journey.value};
            continue;
        }
        std::map<std::string, credit> order;
        policy.distribute(journey, [&](std::size_t touch, double weight) {
            credit& slot = order[names[journey.channels[touch]]];
            slot.conversions += weight * journey.conversions;
            slot.value += weight * journey.value;
        });
        for (const auto& [name, share] : order) {
            total[name] += share;
        }
    }
    return total;
}

// ---------------------------------------------------------------------------------------------
// The benchmarks.

rule_based_policy policy_for(std::string_view name, const journey_store& store) {
    return kolroi::make_rule_based_policy(name, store.channels());
}

void report_store(benchmark::State& state, const journey_store& store) {
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) *
                            static_cast<std::int64_t>(store.touch_count()));
    state.counters["bytes_per_touch"] =
        static_cast<double>(store.bytes_used()) / static_cast<double>(store.touch_count());
}

void bm_engine(benchmark::State& state, store_key key, const std::string& model) {
    const journey_store& store = store_for(key);
    std::visit(
        [&](const auto& policy) {
            for (auto _ : state) {
                auto table = kolroi::attribute(store, policy);
                benchmark::DoNotOptimize(table.credits().data());
                benchmark::ClobberMemory();
            }
        },
        policy_for(model, store));
    report_store(state, store);
}

void bm_parallel(benchmark::State& state, store_key key, const std::string& model,
                 std::size_t threads) {
    const journey_store& store = store_for(key);
    std::visit(
        [&](const auto& policy) {
            for (auto _ : state) {
                auto table = kolroi::attribute_parallel(store, policy, threads);
                benchmark::DoNotOptimize(table.credits().data());
                benchmark::ClobberMemory();
            }
        },
        policy_for(model, store));
    report_store(state, store);
}

void bm_naive(benchmark::State& state, store_key key, const std::string& model) {
    const journey_store& store = store_for(key);
    std::visit(
        [&](const auto& policy) {
            for (auto _ : state) {
                auto table = naive_attribute(store, policy);
                benchmark::DoNotOptimize(table);
            }
        },
        policy_for(model, store));
    report_store(state, store);
}

void bm_plain(benchmark::State& state, store_key key) {
    const journey_store& store = store_for(key);
    for (auto _ : state) {
        const plain_sums sums = plain_pass(store, key.timed);
        benchmark::DoNotOptimize(sums.offsets);
        benchmark::DoNotOptimize(sums.channels);
        benchmark::DoNotOptimize(sums.times);
        benchmark::DoNotOptimize(sums.conversions);
        benchmark::DoNotOptimize(sums.values);
    }
    report_store(state, store);
}

// ---------------------------------------------------------------------------------------------
// Memory: a fresh process builds one store and attributes it, so that its peak resident set
// holds that work and nothing the benchmarks before it left behind.

constexpr std::string_view memory_child_flag = "--kolroi_memory_child=";

int run_memory_child(std::string_view spec) {
    store_key key;
    unsigned long long touches = 0;
    unsigned long long channels = 0;
    int timed = 0;
    if (std::sscanf(std::string(spec).c_str(), "%llu,%llu,%d", &touches, &channels, &timed) != 3) {
        std::fprintf(stderr, "bad %s%s\n", memory_child_flag.data(), std::string(spec).c_str());
        return 2;
    }
    key.touches = touches;
    key.channels = channels;
    key.timed = timed != 0;
    const journey_store& store = store_for(key);
    const auto table =
        kolroi::attribute(store, policy_for(key.timed ? "time_decay" : "linear", store));
    const auto parallel = kolroi::attribute_parallel(
        store, policy_for(key.timed ? "time_decay" : "linear", store), 2);
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    std::printf("%zu %ld %.17g\n", store.bytes_used(), usage.ru_maxrss,
                table.total().value + parallel.total().value);
    return 0;
}

void bm_memory(benchmark::State& state, store_key key) {
    std::size_t bytes = 0;
    long peak_kib = 0;
    for (auto _ : state) {
        char self[4096] = {};
        const auto length = readlink("/proc/self/exe", self, sizeof(self) - 1);
        if (length <= 0) {
            state.SkipWithError("cannot find this program through /proc/self/exe");
            return;
        }
        const std::string command = "'" + std::string(self, static_cast<std::size_t>(length)) +
                                    "' " + std::string(memory_child_flag) +
                                    std::to_string(key.touches) + "," +
                                    std::to_string(key.channels) + "," + (key.timed ? "1" : "0");
        FILE* child = popen(command.c_str(), "r");
        double checksum = 0;
        const bool read = child != nullptr &&
                          std::fscanf(child, "%zu %ld %lg", &bytes, &peak_kib, &checksum) == 3;
        if (child == nullptr || pclose(child) != 0 || !read) {
            state.SkipWithError("the memory child process failed");
            return;
        }
    }
    state.counters["bytes_per_touch"] =
        static_cast<double>(bytes) / static_cast<double>(key.touches);
    state.counters["peak_rss_MiB"] = static_cast<double>(peak_kib) / 1024.0;
    state.counters["peak_rss_bytes_per_touch"] =
        static_cast<double>(peak_kib) * 1024.0 / static_cast<double>(key.touches);
}

// ---------------------------------------------------------------------------------------------
// Registration, and the table of ratios printed after the runs.

enum class kind { engine, parallel, naive, plain, memory };

struct entry {
    kind what;
    std::string model; // the policy; "untimed" or "timed" for the plain pass
    store_key key;
    std::size_t threads = 1;
};

// Every registered benchmark, in the order of registration.
std::vector<entry>& registry() {
    static std::vector<entry> entries;
    return entries;
}

std::string store_suffix(const store_key& key) {
    return "/channels:" + std::to_string(key.channels) + "/touches:" + std::to_string(key.touches);
}

std::string name_of(const entry& e) {
    switch (e.what) {
    case kind::engine:
        return "engine/" + e.model + store_suffix(e.key);
    case kind::parallel:
        return "parallel/" + e.model + "/threads:" + std::to_string(e.threads) +
               store_suffix(e.key);
    case kind::naive:
        return "naive/" + e.model + store_suffix(e.key);
    case kind::plain:
        return "plain/" + e.model + store_suffix(e.key);
    case kind::memory:
        return "memory/" + e.model + store_suffix(e.key);
    }
    return {};
}

void add(const entry& e) {
    const std::string name = name_of(e);
    registry().push_back(e);
    benchmark::internal::Benchmark* b = nullptr;
    switch (e.what) {
    case kind::engine:
        b = benchmark::RegisterBenchmark(name.c_str(), bm_engine, e.key, e.model);
        break;
    case kind::parallel:
        b = benchmark::RegisterBenchmark(name.c_str(), bm_parallel, e.key, e.model, e.threads);
        // Threads are compared by the wall clock; single-threaded runs by their own CPU time,
        // which other work on a shared machine disturbs less.
        b->UseRealTime();
        break;
    case kind::naive:
        b = benchmark::RegisterBenchmark(name.c_str(), bm_naive, e.key, e.model);
        break;
    case kind::plain:
        b = benchmark::RegisterBenchmark(name.c_str(), bm_plain, e.key);
        break;
    case kind::memory:
        b = benchmark::RegisterBenchmark(name.c_str(), bm_memory, e.key);
        b->Iterations(1);
        break;
    }
    b->Unit(benchmark::kMillisecond);
}

void register_all(bool full) {
    const std::vector<std::size_t> sizes =
        full ? std::vector<std::size_t>{100'000, 300'000, 1'000'000, 3'000'000, 10'000'000}
             : std::vector<std::size_t>{100'000, 1'000'000, 10'000'000};
    const std::size_t naive_limit = full ? 10'000'000 : 1'000'000;

    // Memory first, while this process is small; its child processes are fresh anyway.
    add({kind::memory, "untimed", {10'000'000, 4096, false}});
    add({kind::memory, "timed", {10'000'000, 4096, true}});

    for (const bool timed : {false, true}) {
        for (const std::size_t channels : {32, 4096}) {
            for (const std::size_t touches : sizes) {
                const store_key key{touches, channels, timed};
                add({kind::plain, timed ? "timed" : "untimed", key});
                for (const auto model : kolroi::rule_based_model_names) {
                    if ((model == kolroi::time_decay::name) != timed) {
                        continue;
                    }
                    add({kind::engine, std::string(model), key});
                    add({kind::parallel, std::string(model), key, 1});
                    add({kind::parallel, std::string(model), key, 2});
                    if (touches <= naive_limit) {
                        add({kind::naive, std::string(model), key});
                    }
                }
            }
        }
    }
}

// Keeps the console output and remembers each run's touches per second by name.
class ratio_reporter : public benchmark::ConsoleReporter {
public:
    ratio_reporter()
        : benchmark::ConsoleReporter(OO_None) {}

    void ReportRuns(const std::vector<Run>& runs) override {
        ConsoleReporter::ReportRuns(runs);
        for (const Run& run : runs) {
            const auto rate = run.counters.find("items_per_second");
            if (run.error_occurred || rate == run.counters.end()) {
                continue;
            }
            // With repetitions, the median stands for the name; otherwise the last run does.
            if (run.run_type == Run::RT_Aggregate && run.aggregate_name != "median") {
                continue;
            }
            auto& slot = m_rates[run.run_name.function_name];
            if (run.run_type == Run::RT_Aggregate || !slot.from_median) {
                slot = {rate->second.value, run.run_type == Run::RT_Aggregate};
            }
        }
    }

    [[nodiscard]] std::optional<double> rate(const std::string& name) const {
        const auto found = m_rates.find(name);
        return found == m_rates.end() ? std::nullopt : std::optional<double>(found->second.value);
    }

private:
    struct measured {
        double value = 0;
        bool from_median = false;
    };
    std::map<std::string, measured> m_rates;
};

std::string fixed(double x, int decimals) {
    char text[64];
    std::snprintf(text, sizeof(text), "%.*f", decimals, x);
    return text;
}

// The plain pass may take at most this many times less than the policy.
double plain_target(std::string_view model) {
    if (model == kolroi::time_decay::name) {
        return 10.0;
    }
    const bool bounded = model == kolroi::first_touch::name || model == kolroi::last_touch::name ||
                         model == kolroi::linear::name || model == kolroi::position_based::name;
    return bounded ? 3.0 : 0.0;
}

void print_ratios(const ratio_reporter& reporter) {
    std::printf("\nThroughput ratios from this run (touches per second; 'vs naive' = policy / "
                "naive, 'plain/policy' = plain pass / policy, 'x2 threads' = parallel engine on 2 "
                "threads / on 1, by the wall clock; the rest by CPU "
                "time)\n\n");
    std::printf("| policy | channels | touches | Mtouch/s | ns/touch | vs naive | plain/policy "
                "| x2 threads | targets |\n");
    std::printf("|---|---:|---:|---:|---:|---:|---:|---:|---|\n");

    // ns per touch by (policy, channels), over sizes, for the flatness check below.
    std::map<std::pair<std::string, std::size_t>, std::vector<double>> costs;
    std::vector<entry> engines;
    for (const entry& e : registry()) {
        if (e.what == kind::engine) {
            engines.push_back(e);
        }
        // The floor's own spread over sizes, for comparison.
        if (e.what == kind::plain) {
            if (const auto rate = reporter.rate(name_of(e))) {
                costs[{"(plain pass, " + e.model + ")", e.key.channels}].push_back(1e9 / *rate);
            }
        }
    }
    std::stable_sort(engines.begin(), engines.end(), [](const entry& a, const entry& b) {
        return std::tie(a.model, a.key.channels, a.key.touches) <
               std::tie(b.model, b.key.channels, b.key.touches);
    });
    for (const entry& e : engines) {
        if (e.what != kind::engine) {
            continue;
        }
        const auto rate = reporter.rate(name_of(e));
        if (!rate) {
            continue;
        }
        entry naive = e;
        naive.what = kind::naive;
        entry plain = e;
        plain.what = kind::plain;
        plain.model = e.key.timed ? "timed" : "untimed";
        entry one_thread = e;
        one_thread.what = kind::parallel;
        entry two_threads = one_thread;
        two_threads.threads = 2;
        const auto naive_rate = reporter.rate(name_of(naive));
        const auto plain_rate = reporter.rate(name_of(plain));
        const auto one_rate = reporter.rate(name_of(one_thread));
        const auto two_rate = reporter.rate(name_of(two_threads));

        std::string verdict;
        if (naive_rate) {
            verdict += *rate / *naive_rate >= 50 ? "naive ok" : "naive MISSED";
        }
        if (plain_rate && plain_target(e.model) > 0) {
            verdict += verdict.empty() ? "" : ", ";
            verdict += *plain_rate / *rate <= plain_target(e.model) ? "plain ok" : "plain MISSED";
        }
        std::printf(
            "| %s | %zu | %zu | %s | %s | %s | %s | %s | %s |\n", e.model.c_str(), e.key.channels,
            e.key.touches, fixed(*rate / 1e6, 1).c_str(), fixed(1e9 / *rate, 2).c_str(),
            naive_rate ? fixed(*rate / *naive_rate, 0).c_str() : "-",
            plain_rate ? fixed(*plain_rate / *rate, 2).c_str() : "-",
            one_rate && two_rate ? fixed(*two_rate / *one_rate, 2).c_str() : "-", verdict.c_str());
        costs[{e.model, e.key.channels}].push_back(1e9 / *rate);
    }

    std::printf("\nCost per touch over store sizes (largest / smallest ns per touch; target at "
                "most 1.20)\n\n| policy | channels | spread | target |\n|---|---:|---:|---|\n");
    for (const auto& [model_channels, ns] : costs) {
        if (ns.size() < 2) {
            continue;
        }
        const auto [low, high] = std::minmax_element(ns.begin(), ns.end());
        const double spread = *high / *low;
        std::printf("| %s | %zu | %s | %s |\n", model_channels.first.c_str(), model_channels.second,
                    fixed(spread, 2).c_str(),
                    model_channels.first.front() == '(' ? "(reference)"
                    : spread <= 1.2                     ? "ok"
                                                        : "MISSED");
    }
}

} // namespace

int main(int argc, char** argv) {
    for (int i = 1; i < argc; ++i) {
        const std::string_view arg = argv[i];
        if (arg.substr(0, memory_child_flag.size()) == memory_child_flag) {
            return run_memory_child(arg.substr(memory_child_flag.size()));
        }
    }

    benchmark::Initialize(&argc, argv);
    bool full = false;
    int kept = 1;
    for (int i = 1; i < argc; ++i) {
        const std::string_view arg = argv[i];
        if (arg == "--kolroi_sweep=full") {
            full = true;
        } else if (arg == "--kolroi_sweep=default") {
            full = false;
        } else {
            argv[kept++] = argv[i];
        }
    }
    argc = kept;
    if (benchmark::ReportUnrecognizedArguments(argc, argv)) {
        return 1;
    }

    register_all(full);
    ratio_reporter reporter;
    benchmark::RunSpecifiedBenchmarks(&reporter);
    print_ratios(reporter);
    benchmark::Shutdown();
    return 0;
}
