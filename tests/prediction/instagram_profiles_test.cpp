// Tests of kolroi/prediction/instagram_profiles.hpp on the real export in ../shared/data, with
// values checked by eye against the raw file, and on broken copies of it.
#include "kolroi/prediction/instagram_profiles.hpp"

#include "kolroi/io/file.hpp"

#include "test_support.hpp"

#include <string>

namespace {

constexpr const char* export_path = "instagram_top200_influencers/top_insta_influencers_data.csv";

std::string error_of(const std::string& text) {
    try {
        (void)kolroi::read_instagram_top_influencers(text, "insta.csv");
    } catch (const kolroi::error& e) {
        return e.what();
    }
    return "no error";
}

std::string replaced(std::string text, const std::string& from, const std::string& to) {
    const auto at = text.find(from);
    REQUIRE(at != std::string::npos);
    return text.replace(at, from.size(), to);
}

} // namespace

TEST_CASE("the top-200 export reads as 200 Instagram profiles, checked by eye") {
    KOLROI_REQUIRE_SHARED_DATA(path, export_path);
    const auto file = kolroi::read_instagram_top_influencers(kolroi::read_file(path), "insta.csv");
    REQUIRE(file.profiles.size() == 200);

    // Line 2: 1,cristiano,92,3.3k,475.8m,8.7m,1.39%,6.5m,29.0b,Spain
    const auto& cristiano = file.profiles[0];
    CHECK(cristiano.kol_id == "cristiano");
    CHECK(cristiano.platform == kolroi::platform::instagram);
    CHECK(cristiano.followers == 475800000.0);
    CHECK(cristiano.engagement_rate == std::optional<double>(0.0139));
    CHECK(cristiano.market == "Spain");
    CHECK_FALSE(cristiano.average_views.has_value());

    // Line 4: 3,leomessi,90,0.89k,357.3m,6.8m,1.24%,4.4m,6.0b, (no country)
    CHECK(file.profiles[2].kol_id == "leomessi");
    CHECK(file.profiles[2].followers == 357300000.0);
    CHECK(file.profiles[2].engagement_rate == std::optional<double>(0.0124));
    CHECK(file.profiles[2].market.empty());

    // Line 134: 133,hrithikroshan,...,43.7m,1.6m,3.82%,...,CÃ´te d'Ivoire (mojibake upstream,
    // kept as written).
    CHECK(file.profiles[132].kol_id == "hrithikroshan");
    CHECK(file.profiles[132].followers == 43700000.0);
    CHECK(file.profiles[132].engagement_rate == std::optional<double>(0.0382));
    CHECK(file.profiles[132].market == "C\xC3\x83\xC2\xB4te d'Ivoire");

    // Line 169: 168,rkive,83,0.11k,37.0m,10.9m,NaN%,0,1.2b, (no rate, no country)
    CHECK(file.profiles[167].kol_id == "rkive");
    CHECK_FALSE(file.profiles[167].engagement_rate.has_value());
    REQUIRE(file.notes.count("no engagement rate") == 1);
    CHECK(file.notes.count("no country") == 62);
    for (const auto& note : file.notes.examples()) {
        if (note.reason == "no engagement rate") {
            CHECK(note.where.describe() == "insta.csv:169: field '60_day_eng_rate'");
        }
    }
}

TEST_CASE("a broken copy of the export fails naming the file, the line and the field") {
    KOLROI_REQUIRE_SHARED_DATA(path, export_path);
    const std::string text = kolroi::read_file(path);
    CHECK(error_of(replaced(text, "475.8m", "475.8x")) ==
          "insta.csv:2: field 'followers': expected a count such as 1500, 0.89k, 475.8m or "
          "29.0b, saw '475.8x'");
    CHECK(error_of(replaced(text, "1.24%", "1.24")) ==
          "insta.csv:4: field '60_day_eng_rate': expected a percentage such as 1.39%, saw '1.24'");
    CHECK(error_of(replaced(text, "3,leomessi", "3,cristiano")) ==
          "insta.csv:4: field 'channel_info': username 'cristiano' is given twice");
    CHECK(error_of(replaced(text, "60_day_eng_rate", "60d_eng_rate"))
              .find("insta.csv:1: missing column '60_day_eng_rate'") == 0);
    CHECK(error_of(replaced(text, "Spain\r\n", "Spain,extra\r\n")) ==
          "insta.csv:2: expected 10 fields, saw 11");
}
