// Tests for kolroi/roi/ad_spend_reader.hpp.
#include "kolroi/io/file.hpp"
#include "kolroi/roi/ad_spend_reader.hpp"

#include "test_support.hpp"

#include <cmath>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

namespace {

/// A campaign's sums from a plain reading of the file, independent of the library's CSV reader.
struct plain_campaign {
    std::size_t ads = 0;
    std::size_t ads_without_spend = 0;
    double spend = 0;
    std::uint64_t impressions = 0;
    std::uint64_t clicks = 0;
    std::uint64_t total = 0;
    std::uint64_t approved = 0;
};

std::map<std::string, plain_campaign> plain_sums(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::string line;
    std::getline(in, line); // the header
    std::map<std::string, plain_campaign> sums;
    while (std::getline(in, line)) {
        if (!line.empty() && line.back() == '\r') {
            line.pop_back();
        }
        if (line.empty()) {
            continue;
        }
        std::vector<std::string> fields;
        std::size_t start = 0;
        while (true) {
            const auto comma = line.find(',', start);
            fields.push_back(line.substr(start, comma - start));
            if (comma == std::string::npos) {
                break;
            }
            start = comma + 1;
        }
        REQUIRE(fields.size() == 11);
        auto& campaign = sums[fields[1]];
        ++campaign.ads;
        const double spent = std::stod(fields[8]);
        campaign.spend += spent;
        campaign.ads_without_spend += spent == 0 ? 1 : 0;
        campaign.impressions += std::stoull(fields[6]);
        campaign.clicks += std::stoull(fields[7]);
        campaign.total += std::stoull(fields[9]);
        campaign.approved += std::stoull(fields[10]);
    }
    return sums;
}

const kolroi::ad_campaign_spend& campaign_of(const kolroi::ad_spend_file& file,
                                             const std::string& id) {
    for (const auto& campaign : file.campaigns) {
        if (campaign.campaign == id) {
            return campaign;
        }
    }
    throw std::runtime_error("no campaign " + id);
}

} // namespace

TEST_CASE("a small file with a BOM and CRLF: campaigns in file order, zero-spend ads kept") {
    const auto path = kolroi::test::test_data("roi/kag_small.csv");
    const auto file = kolroi::read_kag_ad_spend(kolroi::read_file(path), "kag_small.csv");
    REQUIRE(file.campaigns.size() == 2);
    CHECK(file.campaigns[0].campaign == "916");
    CHECK(file.campaigns[1].campaign == "936");

    const auto& c916 = file.campaigns[0]; // ads 1, 2 and 5 (which spent nothing)
    CHECK(c916.ads == 3);
    CHECK(c916.ads_without_spend == 1);
    CHECK(c916.ads_without_spend_with_conversions == 0);
    CHECK(c916.impressions == 7350 + 17861 + 1915);
    CHECK(c916.clicks == 3);
    CHECK(c916.spend == doctest::Approx(1.429999948 + 1.820000023));
    CHECK(c916.total_conversions == 4);
    CHECK(c916.approved_conversions == 1);

    const auto& c936 = file.campaigns[1]; // ad 3 spent nothing but has a conversion
    CHECK(c936.ads == 2);
    CHECK(c936.ads_without_spend_with_conversions == 1);
    CHECK(c936.spend == 1.25);
    CHECK(c936.total_conversions == 2);

    CHECK(file.total.campaign == "(all)");
    CHECK(file.total.ads == 5);
    CHECK(file.total.ads_without_spend == 2);
    CHECK(file.notes.count("ad without spend") == 2);

    // Value 50 per approved conversion: 936 has cost 1.25, 1 order, revenue 50.
    const auto report = kolroi::ad_spend_roi(file, 50.0);
    CHECK(report.campaigns[1].metrics.roas().value() == doctest::Approx(40.0));
    CHECK(report.campaigns[1].metrics.cpa.value() == doctest::Approx(1.25));
    // Total_Conversion as orders: 936 has 2.
    const auto total = kolroi::ad_spend_roi(file, 50.0, kolroi::conversion_measure::total);
    CHECK(total.campaigns[1].metrics.cpa.value() == doctest::Approx(0.625));
    CHECK(total.campaigns[1].metrics.roas().value() == doctest::Approx(80.0));
}

TEST_CASE("a campaign that spent nothing has undefined ROI and ROAS, and a CPA of 0") {
    const std::string text = "ad_id,xyz_campaign_id,Impressions,Clicks,Spent,Total_Conversion,"
                             "Approved_Conversion\n"
                             "1,7,100,0,0,3,2\n";
    const auto file = kolroi::read_kag_ad_spend(text, "t.csv");
    const auto m = kolroi::ad_campaign_metrics(file.campaigns.front(), 20.0);
    CHECK_FALSE(m.metrics.roi().defined());
    CHECK(m.metrics.roas().reason() == "zero cost");
    CHECK(m.metrics.cpa.value() == 0.0);
    CHECK(m.metrics.inputs.net_revenue == 40.0);
    CHECK_THROWS_AS((void)kolroi::ad_campaign_metrics(file.campaigns.front(), -1.0), kolroi::error);
}

TEST_CASE("bad rows name the file, the line and the field") {
    const std::string header = "ad_id,xyz_campaign_id,Impressions,Clicks,Spent,Total_Conversion,"
                               "Approved_Conversion\n";
    const auto error_text = [&](const std::string& rows) {
        try {
            (void)kolroi::read_kag_ad_spend(header + rows, "t.csv");
        } catch (const kolroi::error& e) {
            return std::string(e.what());
        }
        return std::string("no error");
    };
    CHECK(error_text("1,7,100,0,-2.5,3,2\n") ==
          "t.csv:2: field 'Spent': read_kag_ad_spend: Spent is -2.5; spend cannot be negative");
    CHECK(error_text("1,7,100,-1,2,3,2\n") ==
          "t.csv:2: field 'Clicks': read_kag_ad_spend: Clicks is -1; a count cannot be negative");
    CHECK(error_text("1,7,100,1.5,2,3,2\n") ==
          "t.csv:2: field 'Clicks': expected a whole number, saw '1.5'");
    CHECK(error_text("1,7,100,1,2,3,2\n2,7,1,1,1,1,1\n1,8,1,1,1,1,1\n") ==
          "t.csv:4: field 'ad_id': read_kag_ad_spend: ad 1 is listed again; line 2 has it "
          "first");
    CHECK(error_text(",7,100,1,2,3,2\n") ==
          "t.csv:2: field 'ad_id': read_kag_ad_spend: the ad id is empty");
    CHECK(error_text("1,,100,1,2,3,2\n") ==
          "t.csv:2: field 'xyz_campaign_id': read_kag_ad_spend: the campaign id is empty");
    CHECK_THROWS_AS((void)kolroi::read_kag_ad_spend("ad_id,Spent\n1,2\n", "t.csv"), kolroi::error);
    CHECK_THROWS_AS((void)kolroi::read_kag_ad_spend("", "t.csv"), kolroi::error);
}

TEST_CASE("the KAG file: totals, and per campaign cost, CPA and ROAS against a plain reading") {
    KOLROI_REQUIRE_SHARED_DATA(path, "facebook_ads_kag_conversion/KAG_conversion_data.csv");
    const auto file = kolroi::read_kag_ad_spend(kolroi::read_file(path), "KAG_conversion_data.csv");

    // The provenance: 1,143 ads, spend 58,705.23, 3,264 conversions of which 1,079 approved;
    // 207 ads spent nothing, 204 of them with conversions.
    CHECK(file.total.ads == 1143);
    CHECK(std::abs(file.total.spend - 58705.23) < 0.005);
    CHECK(file.total.total_conversions == 3264);
    CHECK(file.total.approved_conversions == 1079);
    CHECK(file.total.impressions == 213'434'828);
    CHECK(file.total.clicks == 38'165);
    CHECK(file.total.ads_without_spend == 207);
    CHECK(file.total.ads_without_spend_with_conversions == 204);
    CHECK(file.notes.count("ad without spend") == 207);

    const auto plain = plain_sums(path);
    REQUIRE(file.campaigns.size() == 3);
    const double value = 100.0; // an assumed value per approved conversion
    const auto report = kolroi::ad_spend_roi(file, value);
    const std::map<std::string, std::size_t> ads = {{"916", 54}, {"936", 464}, {"1178", 625}};
    for (std::size_t i = 0; i < report.campaigns.size(); ++i) {
        const auto& row = report.campaigns[i];
        const auto& id = row.spend.campaign;
        CAPTURE(id);
        const auto& expected = plain.at(id);
        CHECK(row.spend.ads == ads.at(id));
        CHECK(row.spend.ads == expected.ads);
        CHECK(row.spend.ads_without_spend == expected.ads_without_spend);
        CHECK(row.spend.impressions == expected.impressions);
        CHECK(row.spend.clicks == expected.clicks);
        CHECK(row.spend.total_conversions == expected.total);
        CHECK(row.spend.approved_conversions == expected.approved);
        CHECK(row.metrics.inputs.cost == doctest::Approx(expected.spend).epsilon(1e-12));
        CHECK(row.metrics.cpa.value() ==
              doctest::Approx(expected.spend / static_cast<double>(expected.approved))
                  .epsilon(1e-12));
        CHECK(row.metrics.roas().value() ==
              doctest::Approx(static_cast<double>(expected.approved) * value / expected.spend)
                  .epsilon(1e-12));
        CHECK(row.metrics.roi().value() ==
              doctest::Approx((static_cast<double>(expected.approved) * value - expected.spend) /
                              expected.spend)
                  .epsilon(1e-12));
    }
    CHECK(campaign_of(file, "916").ads == 54);

    // Total_Conversion as orders, on the whole file.
    const auto total = kolroi::ad_spend_roi(file, value, kolroi::conversion_measure::total);
    CHECK(total.total.metrics.cpa.value() == doctest::Approx(58705.23 / 3264).epsilon(1e-7));
    CHECK(total.total.metrics.roas().value() == doctest::Approx(326400 / 58705.23).epsilon(1e-7));
    CHECK(report.total.metrics.cpa.value() == doctest::Approx(58705.23 / 1079).epsilon(1e-7));
}
