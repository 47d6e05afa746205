// bench/readers_bench.cpp: how fast the readers turn text into journeys and records.
//
// Each benchmark parses text already in memory and reports bytes per second (and rows per
// second as items):
//   paths/synthetic        read_channel_attribution_paths over a seeded ~20 MB path file
//   paths/channelattribution_data   the same reader over ChannelAttribution's Data.csv, read
//                          from ../shared/data beside the checkout (or $KOLROI_SHARED_DATA)
//   csv/touchpoint_log     kolroi::csv_reader over a seeded ~20 MB visit log, every field looked
//                          at; a few fields are quoted, some with doubled quotes
//   touchpoints/visit_log/threads:T   read_touchpoints over the same log: CSV, ISO 8601 times,
//                          landing URLs and referrers resolved to channels and KOLs, on 1 thread
//                          and on 2 (the log cut at its middle), by the wall clock
#include "kolroi/io/channel_attribution_paths.hpp"
#include "kolroi/io/csv_reader.hpp"
#include "kolroi/io/file.hpp"
#include "kolroi/tracking/touchpoints.hpp"

#include <benchmark/benchmark.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <random>
#include <string>
#include <string_view>
#include <vector>

namespace {

constexpr std::size_t synthetic_bytes = 20'000'000;

// Channel names of mixed length, as exports have them.
const std::vector<std::string>& channel_names() {
    static const std::vector<std::string> names = [] {
        std::vector<std::string> made = {"Direct",         "Organic Search", "Paid Search",
                                         "Paid Social",    "Email",          "Referral",
                                         "Organic Social", "Display",        "Affiliates",
                                         "(other)",        "Organic Video",  "Paid Video"};
        for (int k = 0; made.size() < 32; ++k) {
            made.push_back("kol_" + std::to_string(1000 + 37 * k));
        }
        return made;
    }();
    return names;
}

std::uint64_t draw(std::mt19937_64& random, std::uint64_t low, std::uint64_t high) {
    return low + random() % (high - low + 1);
}

// A ChannelAttribution path file: 1 to 20 touches a path, 0 to 5 conversions.
std::string synthetic_path_file() {
    std::mt19937_64 random(20261203);
    const auto& names = channel_names();
    std::string text = "path;total_conversions;total_conversion_value;total_null\n";
    while (text.size() < synthetic_bytes) {
        const auto touches = draw(random, 1, 20);
        for (std::uint64_t i = 0; i < touches; ++i) {
            text += i == 0 ? "" : " > ";
            text += names[draw(random, 0, names.size() - 1)];
        }
        const auto conversions = draw(random, 0, 5);
        const auto cents = conversions == 0 ? 0 : draw(random, 500, 5'000'000);
        text += ';' + std::to_string(conversions) + ';' + std::to_string(cents / 1000) + '.' +
                std::to_string(1000 + cents % 1000).substr(1) + ';' +
                std::to_string(draw(random, 0, 40)) + '\n';
    }
    return text;
}

// A visit log in the format read_touchpoints reads: campaign-tagged landings (some a KOL's),
// search and social referrals, ad clicks and direct visits, a few campaign columns quoted.
std::string synthetic_touchpoint_log() {
    std::mt19937_64 random(20261204);
    const std::vector<std::string> tagged = {
        "?utm_source=ig&utm_medium=social&utm_campaign=kol_anna",
        "?utm_source=tiktok&utm_medium=paid_social&utm_campaign=spring_drop&utm_content=v2",
        "?utm_source=newsletter&utm_medium=email&utm_campaign=newsletter_2026_11",
        "?utm_source=google&utm_medium=cpc&utm_campaign=brand&utm_term=shoes"};
    const std::vector<std::string> referrers = {
        "https://www.google.com/",  "https://www.google.com/search?q=shop",
        "https://l.instagram.com/", "https://www.tiktok.com/",
        "https://www.youtube.com/", "https://duckduckgo.com/"};
    const std::vector<std::string> campaigns = {"\"launch, week 1\"", "\"the \"\"big\"\" one\""};
    std::string text = "customer_id,time,landing_url,source,medium,campaign,content,referrer\n";
    char time[32];
    while (text.size() < synthetic_bytes) {
        const auto seconds = static_cast<long>(draw(random, 0, 90 * 86'400 - 1));
        std::snprintf(time, sizeof(time), "2026-%02ld-%02ldT%02ld:%02ld:%02ldZ",
                      9 + seconds / (30 * 86'400), 1 + seconds / 86'400 % 30, seconds / 3600 % 24,
                      seconds / 60 % 60, seconds % 60);
        const std::string landing =
            "https://shop.example/p/" + std::to_string(draw(random, 1, 5000));
        text += 'c' + std::to_string(draw(random, 1, 200'000)) + ',' + time + ',';
        const auto kind = draw(random, 0, 19);
        if (kind < 6) {
            text += landing + tagged[draw(random, 0, tagged.size() - 1)] + ",,,,,";
        } else if (kind < 8) {
            text += landing + ",instagram,social," + campaigns[draw(random, 0, 1)] + ",,";
        } else if (kind < 14) {
            text += landing + ",,,,," + referrers[draw(random, 0, referrers.size() - 1)];
        } else if (kind < 16) {
            text += landing + "?gclid=Cj0KCQ" + std::to_string(random() % 1'000'000'000) + ",,,,,";
        } else if (kind < 17) {
            text += "https://shop.example/bob,,,,,";
        } else {
            text += landing + ",,,,,";
        }
        text += '\n';
    }
    return text;
}

// The store's own domain and two KOLs, one found by campaign tag and one by link slug.
kolroi::touch_resolver store_resolver() {
    kolroi::touch_resolver_config config;
    config.referrers.add_own_domain("shop.example");
    config.kols.add({"anna",
                     "Anna",
                     kolroi::platform::instagram,
                     "@anna",
                     {{kolroi::kol_key_kind::utm_campaign, "kol_anna"}}});
    config.kols.add({"bob",
                     "Bob",
                     kolroi::platform::tiktok,
                     "@bob",
                     {{kolroi::kol_key_kind::link_slug, "bob"}}});
    return kolroi::touch_resolver(std::move(config));
}

void report(benchmark::State& state, std::size_t bytes, std::size_t rows) {
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) *
                            static_cast<std::int64_t>(bytes));
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) *
                            static_cast<std::int64_t>(rows));
    state.counters["MB"] = static_cast<double>(bytes) / 1e6;
}

void paths_over(benchmark::State& state, const std::string& text, const std::string& source) {
    std::size_t rows = 0;
    for (auto _ : state) {
        const auto file = kolroi::read_channel_attribution_paths(text, source);
        rows = file.rows();
        benchmark::DoNotOptimize(file.journeys.touch_channels().data());
    }
    report(state, text.size(), rows);
}

void bm_paths_synthetic(benchmark::State& state) {
    static const std::string text = synthetic_path_file();
    paths_over(state, text, "synthetic paths");
}

// The shared data lives beside the checkout: bench/ -> the checkout -> its parent.
std::filesystem::path shared_data_dir() {
    if (const char* dir = std::getenv("KOLROI_SHARED_DATA")) {
        return dir;
    }
    return std::filesystem::path(__FILE__).parent_path().parent_path().parent_path() / "shared" /
           "data";
}

void bm_paths_channelattribution_data(benchmark::State& state) {
    const auto path = shared_data_dir() / "channelattribution_pathdata" / "Data.csv";
    if (!std::filesystem::exists(path)) {
        state.SkipWithError(("skipped: " + path.string() + " is not present").c_str());
        return;
    }
    static const std::string text = kolroi::read_file(path);
    paths_over(state, text, path.string());
}

void bm_csv_touchpoint_log(benchmark::State& state) {
    static const std::string text = synthetic_touchpoint_log();
    std::size_t rows = 0;
    for (auto _ : state) {
        kolroi::csv_reader reader(text, "synthetic touchpoints");
        std::size_t seen = 0;
        rows = 0;
        while (reader.next()) {
            for (const std::string_view field : reader.fields()) {
                seen += field.size();
            }
            ++rows;
        }
        benchmark::DoNotOptimize(seen);
    }
    report(state, text.size(), rows);
}

void bm_touchpoints_visit_log(benchmark::State& state) {
    static const std::string text = synthetic_touchpoint_log();
    const kolroi::touch_resolver resolver = store_resolver();
    kolroi::touchpoint_read_options options;
    options.threads = static_cast<unsigned>(state.range(0));
    std::size_t rows = 0;
    for (auto _ : state) {
        const auto file = kolroi::read_touchpoints(text, "synthetic visits", resolver, options);
        rows = file.rows;
        if (file.touches.size() != file.rows) {
            state.SkipWithError("the synthetic visit log has bad rows");
            return;
        }
        benchmark::DoNotOptimize(file.touches.data());
    }
    report(state, text.size(), rows);
}

} // namespace

BENCHMARK(bm_paths_synthetic)->Name("paths/synthetic")->Unit(benchmark::kMillisecond);
BENCHMARK(bm_paths_channelattribution_data)
    ->Name("paths/channelattribution_data")
    ->Unit(benchmark::kMillisecond);
BENCHMARK(bm_csv_touchpoint_log)->Name("csv/touchpoint_log")->Unit(benchmark::kMillisecond);
BENCHMARK(bm_touchpoints_visit_log)
    ->Name("touchpoints/visit_log")
    ->ArgName("threads")
    ->Arg(1)
    ->Arg(2)
    ->UseRealTime()
    ->Unit(benchmark::kMillisecond);
