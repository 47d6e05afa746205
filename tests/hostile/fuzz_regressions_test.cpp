// Regression tests for faults that the fuzz targets (fuzz/) found, each named after the input
// that once failed. Each fix is in the header that had the fault.
#include "hostile_support.hpp"

#include "kolroi/io/channel_attribution_paths.hpp"
#include "kolroi/io/ga4_paths.hpp"
#include "kolroi/io/path_string.hpp"
#include "kolroi/llm/replay_file.hpp"
#include "kolroi/prediction/history.hpp"
#include "kolroi/prediction/instagram_profiles.hpp"
#include "kolroi/prediction/profiles_reader.hpp"
#include "kolroi/prediction/youtube_profiles.hpp"
#include "kolroi/roi/ad_spend_reader.hpp"
#include "kolroi/roi/contracts_reader.hpp"
#include "kolroi/tracking/touch_resolver.hpp"

#include <string>
#include <string_view>
#include <vector>

using kolroi::error_kind;
using kolroi::test::check_throws;

TEST_CASE("referrer '.' (and 'www..') names no site: the visit is direct, not a referral from an "
          "empty source") {
    const kolroi::touch_resolver resolver;
    for (const std::string_view referrer : {".", "www..", "https://./", "//www../x"}) {
        INFO("referrer: " << referrer);
        const auto touch = resolver.resolve(kolroi::touch_input("", referrer));
        CHECK(touch.basis == kolroi::touch_basis::direct);
        CHECK(touch.source == "(direct)");
        CHECK(touch.medium == "(none)");
        CHECK(touch.channel == "Direct");
    }
    // A name with something besides the dots is still that site's referral.
    const auto dotted = resolver.resolve(kolroi::touch_input("", "a."));
    CHECK(dotted.basis == kolroi::touch_basis::referrer);
    CHECK(dotted.source == "a");
}

TEST_CASE("names 'a' and '> b' joined with ' > ' are refused: 'a  >  > b' would not split back") {
    const std::vector<std::string_view> names = kolroi::split_path("a > > b", " > ");
    REQUIRE(names == std::vector<std::string_view>{"a", "> b"});
    check_throws([&] { (void)kolroi::join_path(names, " > "); },
                 {error_kind::invalid_argument, "", 0, "", "does not split back"});

    // With the default separator the same names are refused for holding it; others still join.
    const std::vector<std::string_view> plain = {"Email", "Paid Search"};
    CHECK(kolroi::join_path(plain, " > ") == "Email  >  Paid Search");
    CHECK(kolroi::split_path(kolroi::join_path(plain, " > "), " > ") == plain);
}

TEST_CASE("path rows 'a;1;1e308' and 'b;1;1e308' are refused: their value would sum to infinity") {
    const std::string text =
        "path;total_conversions;total_conversion_value\na;1;1e308\nb;1;1e308\n";
    check_throws([&] { (void)kolroi::read_channel_attribution_paths(text, "paths.csv"); },
                 {error_kind::data_error, "paths.csv", 2, "total_conversion_value", "beyond 1e18"});

    // Mixed signs: the file's total stays finite, but channel a's credit would be 1.8e308.
    const std::string mixed =
        "path;total_conversions;total_conversion_value\na;1;9e307\nb;1;-9e307\na;1;9e307\n";
    check_throws([&] { (void)kolroi::read_channel_attribution_paths(mixed, "paths.csv"); },
                 {error_kind::data_error, "paths.csv", 2, "total_conversion_value", "beyond 1e18"});

    const std::string conversions = "path;total_conversions\na;1e308\n";
    check_throws([&] { (void)kolroi::read_channel_attribution_paths(conversions, "paths.csv"); },
                 {error_kind::data_error, "paths.csv", 2, "total_conversions", "beyond 1e18"});

    const std::string ga4 = "Path,Conversions,Purchase revenue\nDirect,1,-2e18\n";
    check_throws([&] { (void)kolroi::read_ga4_paths(ga4, "ga4.csv"); },
                 {error_kind::data_error, "ga4.csv", 2, "Purchase revenue", "beyond 1e18"});

    // 1e18 itself is still a value.
    const auto file = kolroi::read_channel_attribution_paths(
        "path;total_conversions;total_conversion_value\na;1;1e18\n", "paths.csv");
    CHECK(file.file_value == 1e18);
}

TEST_CASE("three ads of 9000000000000000000 impressions in one campaign are refused: the sum "
          "would wrap around 2^64") {
    const std::string header =
        "ad_id,xyz_campaign_id,Impressions,Clicks,Spent,Total_Conversion,Approved_Conversion\n";
    const std::string row = ",9,9000000000000000000,0,1,0,0\n";
    const std::string text = header + "1" + row + "2" + row + "3" + row;
    check_throws([&] { (void)kolroi::read_kag_ad_spend(text, "kag.csv"); },
                 {error_kind::data_error, "kag.csv", 4, "Impressions", "passes 2^64 - 1"});

    // Two of them fit: 1.8e19 is below 2^64 = 1.8446744e19.
    const auto two = kolroi::read_kag_ad_spend(header + "1" + row + "2" + row, "kag.csv");
    CHECK(two.total.impressions == 18000000000000000000u);
}

TEST_CASE("contracts for campaigns 'Spring26_Ben_Instagram' and 'spring26_ben_instagram' of one "
          "KOL are refused at the second row, not by the book without a file") {
    const std::string text = "kol_id,campaign,platform,currency,flat_fee\n"
                             "ben_instagram,Spring26_Ben_Instagram,instagram,USD,100\n"
                             "ben_instagram,spring26_ben_instagram,instagram,USD,50\n";
    check_throws([&] { (void)kolroi::read_contracts(text, "contracts.csv"); },
                 {error_kind::data_error, "contracts.csv", 3, "kol_id",
                  "line 2 has the first as campaign 'Spring26_Ben_Instagram'"});
}

TEST_CASE("an empty history or profiles file is refused at line 1, like every other reader") {
    check_throws([] { (void)kolroi::read_history("", "history.csv"); },
                 {error_kind::parse_error, "history.csv", 1, "", "the file is empty"});
    check_throws([] { (void)kolroi::read_profiles("", "profiles.csv"); },
                 {error_kind::parse_error, "profiles.csv", 1, "", "the file is empty"});
    check_throws([] { (void)kolroi::read_instagram_top_influencers("", "instagram.csv"); },
                 {error_kind::parse_error, "instagram.csv", 1, "", "the file is empty"});
    check_throws([] { (void)kolroi::read_youtube_global_statistics("", "youtube.csv"); },
                 {error_kind::parse_error, "youtube.csv", 1, "", "the file is empty"});
}

TEST_CASE("a replay record with a feature named '' is refused when read, as replay_line refuses "
          "to write it") {
    const std::string line = R"({"profile_key":"anna_tiktok","model":"m","prompt_version":"v",)"
                             R"("features":{"brand_fit":0.85,"":0.4},"missing_reasons":{}})";
    check_throws([&] { (void)kolroi::parse_replay(line, "scores.jsonl"); },
                 {error_kind::data_error, "scores.jsonl", 1, "features", "an empty name"});
}
