// bench/readers_bench.cpp: how fast the readers turn text into journeys and records.
//
// Each benchmark parses text already in memory and reports bytes per second (and rows per
// second as items):
//   paths/synthetic        read_channel_attribution_paths over a seeded ~20 MB path file
//   paths/channelattribution_data   the same reader over ChannelAttribution's Data.csv, read
//                          from ../shared/data beside the checkout (or $KOLROI_SHARED_DATA)
//   csv/touchpoint_log     kolroi::csv_reader over a seeded ~20 MB touchpoint-shaped log, every
//                          field looked at; a few fields are quoted, some with doubled quotes
#include "kolroi/io/channel_attribution_paths.hpp"
#include "kolroi/io/csv_reader.hpp"
#include "kolroi/io/file.hpp"

#include <benchmark/benchmark.h>

#include <cstddef>
#include <cstdint>
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

// A touchpoint log: one row per touch, with quoted campaign names now and then.
std::string synthetic_touchpoint_log() {
    std::mt19937_64 random(20261204);
    const auto& names = channel_names();
    const std::vector<std::string> platforms = {"tiktok",   "instagram", "youtube",
                                                "facebook", "other",     "none"};
    const std::vector<std::string> campaigns = {"spring_drop",   "\"launch, week 1\"",
                                                "kol_collab_03", "\"the \"\"big\"\" one\"",
                                                "retargeting",   "newsletter_2026_11"};
    std::string text = "touch_id,customer_id,order_id,touched_at,channel,platform,kol_handle,"
                       "utm_source,utm_medium,utm_campaign,landing_url,value\n";
    for (std::uint64_t touch = 1; text.size() < synthetic_bytes; ++touch) {
        const auto customer = draw(random, 1, 200'000);
        const auto seconds = 1'700'000'000 + draw(random, 0, 90 * 86'400);
        const auto& channel = names[draw(random, 0, names.size() - 1)];
        const auto& platform = platforms[draw(random, 0, platforms.size() - 1)];
        const bool kol = channel.rfind("kol_", 0) == 0;
        text += std::to_string(touch) + ",c" + std::to_string(customer) + ',' +
                (draw(random, 0, 3) == 0 ? "o" + std::to_string(touch / 4) : "") + ',' +
                std::to_string(seconds) + ',' + channel + ',' + platform + ',' +
                (kol ? "@" + channel : "") + ',' + platform + ',' + (kol ? "kol" : "cpc") + ',' +
                campaigns[draw(random, 0, campaigns.size() - 1)] + ",https://shop.example/p/" +
                std::to_string(draw(random, 1, 5000)) + "?utm_source=" + platform + ',' +
                std::to_string(draw(random, 0, 99'999) / 100.0) + '\n';
    }
    return text;
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

} // namespace

BENCHMARK(bm_paths_synthetic)->Name("paths/synthetic")->Unit(benchmark::kMillisecond);
BENCHMARK(bm_paths_channelattribution_data)
    ->Name("paths/channelattribution_data")
    ->Unit(benchmark::kMillisecond);
BENCHMARK(bm_csv_touchpoint_log)->Name("csv/touchpoint_log")->Unit(benchmark::kMillisecond);
