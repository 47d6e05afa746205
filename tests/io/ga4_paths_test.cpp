// Tests for kolroi/io/ga4_paths.hpp.
#include "kolroi/attribution/rule_based.hpp"
#include "kolroi/io/file.hpp"
#include "kolroi/io/ga4_paths.hpp"

#include "test_support.hpp"

#include <cmath>
#include <string>

TEST_CASE("a small export with a BOM, CRLF, JSON arrays and an empty path") {
    const auto path = kolroi::test::test_data("paths/ga4_small.csv");
    const auto file = kolroi::read_ga4_paths(kolroi::read_file(path), "ga4_small.csv");
    CHECK(file.rows() == 3);
    CHECK(file.file_conversions == 15.0);
    CHECK(file.file_value == doctest::Approx(138.5));
    const auto credits = kolroi::attribute(file.journeys, kolroi::linear{});
    const auto& names = file.journeys.channels();
    // Paid Search: half of 100.5 and a third of 30; Email two thirds of 30.
    CHECK(credits.of(names, "Paid Search").value == doctest::Approx(50.25 + 10));
    CHECK(credits.of(names, "Email").value == doctest::Approx(20.0));
    CHECK(credits.no_touchpoint().conversions == doctest::Approx(2.0));
}

TEST_CASE("paths written as strings are read too") {
    const std::string text = "Default channel group,Conversions,Purchase revenue\n"
                             "Paid Search > Direct,4,40\n";
    const auto file = kolroi::read_ga4_paths(text, "t.csv");
    CHECK(file.journeys.touch_count() == 2);
}

TEST_CASE("a path that is not a JSON array of strings names the line and field") {
    const std::string text = "Default channel group,Conversions,Purchase revenue\n"
                             "\"[\"\"Email\"\",3]\",1,2\n";
    CHECK_THROWS_WITH((void)kolroi::read_ga4_paths(text, "t.csv"),
                      "t.csv:2: field 'Default channel group': expected channel names as JSON "
                      "strings, saw 3");
    const std::string broken = "Default channel group,Conversions,Purchase revenue\n"
                               "\"[\"\"Email\"\"\",1,2\n";
    CHECK_THROWS_AS((void)kolroi::read_ga4_paths(broken, "t.csv"), kolroi::error);
}

TEST_CASE("the comment lines GA4 writes above the header are skipped, and lines still count") {
    // Lines 1-9: a byte-order mark, GA4's comment block and a blank line; the header is line 10.
    const std::string preamble = "\xEF\xBB\xBF# ----------------------------------------\r\n"
                                 "# Conversion paths\r\n"
                                 "# Account: Demo, \"Shop\"\r\n"
                                 "# Property: Demo shop\r\n"
                                 "# ----------------------------------------\r\n"
                                 "#\r\n"
                                 "# Start date: 20260101\r\n"
                                 "# End date: 20260131\r\n"
                                 "\r\n"
                                 "Default channel group,Conversions,Purchase revenue\r\n";
    const auto file = kolroi::read_ga4_paths(preamble + "Paid Search > Direct,4,40\r\n"
                                                        "Email,1,9.5\r\n",
                                             "ga4.csv");
    CHECK(file.rows() == 2);
    CHECK(file.file_conversions == 5.0);
    CHECK(file.file_value == doctest::Approx(49.5));
    CHECK_THROWS_WITH(
        (void)kolroi::read_ga4_paths(preamble + "Email,1,9.5\r\nEmail,x,1\r\n", "ga4.csv"),
        "ga4.csv:12: field 'Conversions': expected a number, saw 'x'");
    CHECK_THROWS_WITH((void)kolroi::read_ga4_paths("# only comments\n\n", "ga4.csv"),
                      "ga4.csv:3: the file is empty; expected a GA4 header");
    // A line of white space is not empty: the CSV reader reads it as a record, so it is the
    // header, and the header's columns are missing.
    CHECK_THROWS_AS((void)kolroi::read_ga4_paths("# x\n\f\nDefault channel group,Conversions,"
                                                 "Purchase revenue\nEmail,1,2\n",
                                                 "ga4.csv"),
                    kolroi::error);
}

TEST_CASE("a missing column is named") {
    const std::string text = "Default channel group,Purchase revenue\nEmail,1\n";
    CHECK_THROWS_AS((void)kolroi::read_ga4_paths(text, "t.csv"), kolroi::error);
}

TEST_CASE("the real GA4 export: totals per model and the Direct row") {
    KOLROI_REQUIRE_SHARED_DATA(path, "ga4_conversion_paths_export/attribution_data.csv");
    const auto file = kolroi::read_ga4_paths(kolroi::read_file(path), "attribution_data.csv");

    // Its provenance: 5,000 rows, 4,475,141 conversions, revenue 26,153,056.24.
    CHECK(file.rows() == 5000);
    CHECK(file.file_conversions == 4475141.0);
    // (The provenance rounds the revenue to cents.)
    CHECK(std::abs(file.file_value - 26153056.24) < 0.005);
    CHECK(file.notes.empty());

    // Direct appears once, as the one-touch path on line 4 with 371,243 conversions and
    // revenue 6,259,665.194: every model gives it exactly that row.
    const auto& names = file.journeys.channels();
    for (const auto name : kolroi::rule_based_model_names) {
        if (name == "time_decay") {
            continue;
        }
        const auto credits =
            kolroi::attribute(file.journeys, kolroi::make_rule_based_policy(name, names));
        CAPTURE(name);
        CHECK(credits.total().conversions == doctest::Approx(4475141.0).epsilon(1e-12));
        CHECK(std::abs(credits.total().value - 26153056.24) < 0.005);
        CHECK(credits.of(names, "Direct").conversions == doctest::Approx(371243.0));
        CHECK(credits.of(names, "Direct").value == doctest::Approx(6259665.194));
    }
}
