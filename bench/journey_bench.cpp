// bench/journey_bench.cpp: the journey builder over seeded synthetic stores, in touches per second.
//
// A store of N touches (10^5 to 10^6) has N / 8 customers over 120 days, each with 0 to 3 orders
// (a tenth of them with a promo code, a KOL's or a sitewide one), and touches spread over its
// customers in random order, drawn from 16 channels of which 6 are KOLs'. Some customers have no
// order, so the builder also counts touches without orders; some touches repeat a channel within
// minutes, so it merges sessions. The log is given in random order, as a concatenation of
// exports would be, so the builder's sort is part of what is measured.
//
// `build_journeys/N` is the whole build; `build_journeys_presorted/N` gives the same log already
// in customer and time order, to show how much of the cost is the sort.
#include "kolroi/roi/exchange_rates.hpp"
#include "kolroi/tracking/journey_builder.hpp"
#include "kolroi/tracking/orders.hpp"
#include "kolroi/tracking/touch_resolver.hpp"
#include "kolroi/tracking/touchpoints.hpp"

#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <map>
#include <random>
#include <string>
#include <tuple>
#include <vector>

namespace {

using kolroi::timestamp;

struct synthetic_store {
    std::vector<kolroi::order> orders;
    std::vector<kolroi::touchpoint> touches;
};

kolroi::touch_resolver bench_resolver() {
    kolroi::touch_resolver_config config;
    for (int k = 0; k < 6; ++k) {
        const std::string id = "kol" + std::to_string(k);
        config.kols.add({id,
                         id,
                         k % 2 == 0 ? kolroi::platform::instagram : kolroi::platform::tiktok,
                         "@" + id,
                         {{kolroi::kol_key_kind::promo_code, "CODE" + std::to_string(k)}}});
    }
    return kolroi::touch_resolver(std::move(config));
}

kolroi::exchange_rates bench_rates() {
    kolroi::exchange_rates rates("USD");
    rates.set_rate("EUR", 1.08);
    return rates;
}

synthetic_store make_store(std::size_t touch_count, bool presorted) {
    std::mt19937_64 random(0x5eed + touch_count);
    const auto uniform = [&](std::int64_t lo, std::int64_t hi) {
        return std::uniform_int_distribution<std::int64_t>(lo, hi)(random);
    };
    const timestamp start = 1704067200; // 2024-01-01T00:00:00Z
    const timestamp span = 120 * kolroi::seconds_per_day;
    const std::size_t customers = std::max<std::size_t>(1, touch_count / 8);
    std::vector<std::string> names;
    names.reserve(customers);
    for (std::size_t c = 0; c < customers; ++c) {
        names.push_back("cust" + std::to_string(c));
    }

    synthetic_store store;
    for (std::size_t c = 0; c < customers; ++c) {
        const auto orders = uniform(0, 3);
        for (std::int64_t k = 0; k < orders; ++k) {
            kolroi::order row;
            row.id = "o" + std::to_string(store.orders.size());
            row.customer_id = names[c];
            row.time = start + uniform(0, span);
            row.revenue = static_cast<double>(uniform(500, 30000)) / 100.0;
            row.currency = uniform(0, 4) == 0 ? "EUR" : "USD";
            if (uniform(0, 9) == 0) {
                row.discount_codes = {uniform(0, 1) == 0 ? "CODE" + std::to_string(uniform(0, 5))
                                                         : std::string("WELCOME")};
            }
            store.orders.push_back(std::move(row));
        }
    }

    const std::vector<std::string> groups = {
        "Organic Search", "Paid Search", "Organic Social", "Paid Social", "Direct",
        "Email",          "Referral",    "Display",        "Affiliates",  "Unassigned"};
    store.touches.reserve(touch_count);
    while (store.touches.size() < touch_count) {
        kolroi::touchpoint touch;
        touch.customer_id = names[static_cast<std::size_t>(uniform(0, customers - 1))];
        touch.time = start - 20 * kolroi::seconds_per_day + uniform(0, span);
        const auto channel = uniform(0, 15);
        if (channel < 6) {
            touch.kol_id = "kol" + std::to_string(channel);
            touch.channel = kolroi::kol_channel_name(touch.kol_id);
            touch.campaign = "launch";
            touch.platform = kolroi::platform::instagram;
        } else {
            touch.channel = groups[static_cast<std::size_t>(channel - 6)];
            touch.platform = kolroi::platform::other;
            touch.basis = kolroi::touch_basis::referrer;
        }
        touch.line = store.touches.size() + 2;
        store.touches.push_back(touch);
        if (uniform(0, 4) == 0 && store.touches.size() < touch_count) {
            touch.time += uniform(1, 20 * 60); // a repeat within the session
            store.touches.push_back(touch);
        }
    }
    if (presorted) {
        std::sort(store.touches.begin(), store.touches.end(),
                  [](const kolroi::touchpoint& a, const kolroi::touchpoint& b) {
                      return std::tie(a.customer_id, a.time) < std::tie(b.customer_id, b.time);
                  });
    } else {
        std::shuffle(store.touches.begin(), store.touches.end(), random);
    }
    return store;
}

// One store per size and ordering, built once and kept for the repetitions.
const synthetic_store& store_of(std::size_t touches, bool presorted) {
    static std::map<std::pair<std::size_t, bool>, synthetic_store> stores;
    const auto key = std::pair{touches, presorted};
    auto found = stores.find(key);
    if (found == stores.end()) {
        stores.clear(); // keep one store alive at a time
        found = stores.emplace(key, make_store(touches, presorted)).first;
    }
    return found->second;
}

void run_build(benchmark::State& state, bool presorted) {
    const auto touches = static_cast<std::size_t>(state.range(0));
    const synthetic_store& store = store_of(touches, presorted);
    const kolroi::touch_resolver resolver = bench_resolver();
    const kolroi::exchange_rates rates = bench_rates();
    std::size_t journeys = 0;
    std::size_t used = 0;
    for (auto _ : state) {
        const kolroi::order_journeys built =
            kolroi::build_journeys(store.orders, store.touches, resolver, rates);
        journeys = built.size();
        used = built.journeys.touch_count();
        benchmark::DoNotOptimize(built.journeys.touch_channels().data());
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * touches));
    state.counters["orders"] = static_cast<double>(journeys);
    state.counters["journey_touches"] = static_cast<double>(used);
}

void build_journeys(benchmark::State& state) {
    run_build(state, false);
}
void build_journeys_presorted(benchmark::State& state) {
    run_build(state, true);
}

} // namespace

BENCHMARK(build_journeys)
    ->Arg(100'000)
    ->Arg(300'000)
    ->Arg(1'000'000)
    ->Unit(benchmark::kMillisecond);
BENCHMARK(build_journeys_presorted)
    ->Arg(100'000)
    ->Arg(300'000)
    ->Arg(1'000'000)
    ->Unit(benchmark::kMillisecond);
