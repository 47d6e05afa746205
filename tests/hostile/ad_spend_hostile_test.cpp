// Hostile input for kolroi/roi/ad_spend_reader.hpp: negative spend and counts, fractional
// counts, an ad listed twice, an empty campaign id and NaN spend are errors; ads without spend
// are kept and noted, one note each.
#include "hostile_support.hpp"

#include "kolroi/roi/ad_spend_reader.hpp"

#include <string>

using kolroi::error_kind;
using kolroi::test::check_throws;
using kolroi::test::hostile_file;

namespace {

void read(const std::string& name) {
    (void)kolroi::read_kag_ad_spend(hostile_file(name), name);
}

} // namespace

TEST_CASE("negative spend and negative counts are data errors at their field") {
    check_throws([] { read("kag_negative_spend.csv"); },
                 {error_kind::data_error, "kag_negative_spend.csv", 3, "Spent",
                  "Spent is -0.01; spend cannot be negative"});
    check_throws([] { read("kag_negative_count.csv"); },
                 {error_kind::data_error, "kag_negative_count.csv", 2, "Clicks",
                  "Clicks is -1; a count cannot be negative"});
}

TEST_CASE("a fractional count and NaN spend are parse errors") {
    check_throws([] { read("kag_fractional_count.csv"); },
                 {error_kind::parse_error, "kag_fractional_count.csv", 2, "Clicks",
                  "expected a whole number, saw '1.5'"});
    check_throws([] { read("kag_nan_spend.csv"); },
                 {error_kind::parse_error, "kag_nan_spend.csv", 2, "Spent",
                  "expected a finite number, saw 'NaN'"});
}

TEST_CASE("an ad listed again (spaces aside) names the line that has it first") {
    check_throws([] { read("kag_duplicate_ad.csv"); },
                 {error_kind::data_error, "kag_duplicate_ad.csv", 4, "ad_id",
                  "ad 7 is listed again; line 2 has it first"});
}

TEST_CASE("an empty campaign id is a data error") {
    check_throws([] { read("kag_empty_campaign.csv"); },
                 {error_kind::data_error, "kag_empty_campaign.csv", 2, "xyz_campaign_id",
                  "the campaign id is empty"});
}

TEST_CASE("ads without spend stay in their campaign and are each noted at Spent") {
    const auto file = kolroi::read_kag_ad_spend(hostile_file("kag_without_spend.csv"), "k.csv");
    REQUIRE(file.campaigns.size() == 2);
    CHECK(file.campaigns[0].ads == 2);
    CHECK(file.campaigns[0].ads_without_spend == 1);
    CHECK(file.campaigns[0].ads_without_spend_with_conversions == 1);
    CHECK(file.campaigns[0].spend == 2.5);
    CHECK(file.campaigns[0].total_conversions == 3);
    CHECK(file.campaigns[1].ads_without_spend == 1);
    CHECK(file.total.impressions == 160);
    CHECK(file.notes.count("ad without spend") == 2);
    REQUIRE(file.notes.examples().size() == 2);
    CHECK(file.notes.examples()[0].where.line == 3);
    CHECK(file.notes.examples()[0].where.field == "Spent");
    CHECK(file.notes.examples()[1].where.line == 4);
}
