// Tests for kolroi/io/read_path_file.hpp.
#include "kolroi/io/read_path_file.hpp"

#include "test_support.hpp"

TEST_CASE("the format is told from the header") {
    CHECK(kolroi::read_path_file(kolroi::test::test_data("paths/ga4_small.csv")).format == "ga4");
    CHECK(kolroi::read_path_file(kolroi::test::test_data("paths/worked_cases.csv")).format ==
          "channel_attribution");
    CHECK_THROWS_AS((void)kolroi::read_path_text("a,b\n1,2\n", "x.csv"), kolroi::error);
}

TEST_CASE("a GA4 header is found below GA4's comment lines, by a column named Conversions") {
    const std::string preamble = "# ----------------------------------------\n"
                                 "# Conversion paths\n"
                                 "# Start date: 20260101\n"
                                 "\n";
    const auto file =
        kolroi::read_path_text(preamble + "Default channel group,Conversions,Revenue\n"
                                          "Paid Search > Direct,4,40\n",
                               "ga4.csv");
    CHECK(file.format == "ga4");
    CHECK(file.file_conversions == 4.0);
    // "Conversions" must be a whole column name, not part of one.
    CHECK_THROWS_WITH((void)kolroi::read_path_text(preamble + "path,Total Conversions,value\n"
                                                              "a > b,1,2\n",
                                                   "x.csv"),
                      "x.csv:5: unknown path file format: expected a header starting with "
                      "'path;' (ChannelAttribution) or one with a 'Conversions' column (GA4), "
                      "saw 'path,Total Conversions,value'");
    // A header that is not well-formed CSV is no known format either.
    CHECK_THROWS_WITH((void)kolroi::read_path_text("a\"b,Conversions\n", "x.csv"),
                      "x.csv:1: unknown path file format: expected a header starting with "
                      "'path;' (ChannelAttribution) or one with a 'Conversions' column (GA4), "
                      "saw 'a\"b,Conversions'");
}

TEST_CASE("a file that does not exist is an io error naming it") {
    try {
        (void)kolroi::read_path_file("no/such/file.csv");
        FAIL("expected an error");
    } catch (const kolroi::error& e) {
        CHECK(e.kind() == kolroi::error_kind::io_error);
        CHECK(e.where().file == "no/such/file.csv");
    }
}
