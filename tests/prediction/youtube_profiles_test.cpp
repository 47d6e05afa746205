// Tests of kolroi/prediction/youtube_profiles.hpp on the real Latin-1 export in ../shared/data,
// with values checked by eye against the raw file, and on broken copies of it.
#include "kolroi/prediction/youtube_profiles.hpp"

#include "kolroi/io/file.hpp"
#include "kolroi/io/text.hpp"

#include "test_support.hpp"

#include <string>

namespace {

constexpr const char* export_path = "youtube_global_statistics_2023/Global YouTube Statistics.csv";

std::string error_of(const std::string& utf8) {
    try {
        (void)kolroi::read_youtube_global_statistics(utf8, "youtube.csv");
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

TEST_CASE("the Global YouTube Statistics export reads as 995 YouTube profiles, checked by eye") {
    KOLROI_REQUIRE_SHARED_DATA(path, export_path);
    const std::string utf8 = kolroi::latin1_to_utf8(kolroi::read_file(path));
    const auto file = kolroi::read_youtube_global_statistics(utf8, "youtube.csv");
    REQUIRE(file.profiles.size() == 995);

    // Line 2: 1,T-Series,245000000,2.28E+11,Music,T-Series,20082,India,IN,...
    const auto& t_series = file.profiles[0];
    CHECK(t_series.kol_id == "T-Series");
    CHECK(t_series.platform == kolroi::platform::youtube);
    CHECK(t_series.followers == 245000000.0);
    CHECK(*t_series.average_views == doctest::Approx(228000000000.0 / 20082));
    CHECK(t_series.category == "Music");
    CHECK(t_series.market == "IN");
    CHECK_FALSE(t_series.engagement_rate.has_value());

    // Line 3: 2,YouTube Movies,170000000,0,Film & Animation,...,1,United States,US,...: no views.
    CHECK(file.profiles[1].kol_id == "YouTube Movies");
    CHECK_FALSE(file.profiles[1].average_views.has_value());

    // Line 4: 3,MrBeast,166000000,28368841870,Entertainment,MrBeast,741,United States,US,...
    CHECK(file.profiles[2].followers == 166000000.0);
    CHECK(*file.profiles[2].average_views == doctest::Approx(28368841870.0 / 741));
    CHECK(file.profiles[2].category == "Entertainment");
    CHECK(file.profiles[2].market == "US");

    // Line 8: Latin-1 bytes FD FD FD (y with acute, garbled upstream) become UTF-8 C3 BD.
    CHECK(file.profiles[6].kol_id == "\xC3\xBD\xC3\xBD\xC3\xBD Kids Diana Show");

    // PROVENANCE.md: 46 "nan" categories, 122 "nan" countries; 43 channels with no uploads and
    // 8 with no views, 46 with either.
    CHECK(file.notes.count("no category") == 46);
    CHECK(file.notes.count("no country") == 122);
    CHECK(file.notes.count("no average views") == 46);
}

TEST_CASE("the export read as UTF-8 without decoding fails at its first Latin-1 line") {
    KOLROI_REQUIRE_SHARED_DATA(path, export_path);
    CHECK(error_of(kolroi::read_file(path)) ==
          "youtube.csv:8: the text is not UTF-8; the Global YouTube Statistics export is "
          "Latin-1, so decode it with latin1_to_utf8 first");
}

TEST_CASE("a broken copy of the export fails naming the file, the line and the field") {
    KOLROI_REQUIRE_SHARED_DATA(path, export_path);
    const std::string utf8 = kolroi::latin1_to_utf8(kolroi::read_file(path));
    CHECK(error_of(replaced(utf8, "T-Series,245000000", "T-Series,nan")) ==
          "youtube.csv:2: field 'subscribers': expected a count such as 1500, 0.89k, 475.8m or "
          "29.0b, saw 'nan'");
    CHECK(error_of(replaced(utf8, "2.28E+11", "2.28F+11")) ==
          "youtube.csv:2: field 'video_views': expected a count such as 1500, 0.89k, 475.8m or "
          "29.0b, saw '2.28F+11'");
    CHECK(error_of(replaced(utf8, ",MrBeast,166000000", ",T-Series,166000000")) ==
          "youtube.csv:4: field 'Youtuber': channel 'T-Series' is given twice");
    CHECK(error_of(replaced(utf8, "Abbreviation", "Abbrev"))
              .find("youtube.csv:1: missing column 'Abbreviation'") == 0);
}
