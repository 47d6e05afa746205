// Hostile input for kolroi/io/ga4_paths.hpp: wrong column counts, NaN and infinite numbers,
// invalid UTF-8 in path strings and JSON arrays, truncated files, negative conversions, value
// without conversions, and a path of 200,000 touches.
#include "hostile_support.hpp"

#include "kolroi/attribution/rule_based.hpp"
#include "kolroi/io/ga4_paths.hpp"

#include <cstddef>
#include <string>

using kolroi::error_kind;
using kolroi::test::check_throws;
using kolroi::test::hostile_file;

namespace {

void read(const std::string& name) {
    (void)kolroi::read_ga4_paths(hostile_file(name), name);
}

} // namespace

TEST_CASE("a row with fewer fields than the header is an error naming its line") {
    check_throws(
        [] { read("ga4_wrong_columns.csv"); },
        {error_kind::parse_error, "ga4_wrong_columns.csv", 3, "", "expected 3 fields, saw 2"});
}

TEST_CASE("NaN and infinite numbers are errors naming their column") {
    check_throws([] { read("ga4_nan.csv"); },
                 {error_kind::parse_error, "ga4_nan.csv", 2, "Conversions",
                  "expected a finite number, saw 'NaN'"});
    check_throws([] { read("ga4_infinite.csv"); },
                 {error_kind::parse_error, "ga4_infinite.csv", 2, "Purchase revenue",
                  "expected a finite number, saw '-inf'"});
}

TEST_CASE("a path that is not UTF-8 is an error naming the path column") {
    check_throws([] { read("ga4_invalid_utf8.csv"); },
                 {error_kind::parse_error, "ga4_invalid_utf8.csv", 3, "Default channel group",
                  "touch 1 is not valid UTF-8"});
    check_throws([] { read("ga4_json_invalid_utf8.csv"); },
                 {error_kind::parse_error, "ga4_json_invalid_utf8.csv", 2, "Default channel group",
                  "expected a JSON array of channel names"});
}

TEST_CASE("a truncated header lacks its columns and a truncated row its closing quote") {
    check_throws([] { read("ga4_truncated_header.csv"); },
                 {error_kind::parse_error, "ga4_truncated_header.csv", 1, "",
                  "missing column 'Conversions'"});
    check_throws([] { read("ga4_truncated_row.csv"); },
                 {error_kind::parse_error, "ga4_truncated_row.csv", 2, "column 1",
                  "a quoted field is never closed"});
}

TEST_CASE("negative conversions are a data error; value without conversions is counted apart") {
    check_throws([] { read("ga4_negative_conversions.csv"); },
                 {error_kind::data_error, "ga4_negative_conversions.csv", 2, "Conversions",
                  "conversions must not be negative, saw -1"});

    const auto file = kolroi::read_ga4_paths(hostile_file("ga4_value_without_conversions.csv"),
                                             "ga4_value_without_conversions.csv");
    CHECK(file.rows() == 2);
    CHECK(file.file_conversions == 2);
    CHECK(file.file_value == 25);
    CHECK(file.unattributed_value == 5);
    kolroi::test::check_one_skip(file.notes, "value without conversions", 3,
                                 "Default channel group", "a value of 5");
    // The 5 is credited to no channel: every model credits 20 in all.
    for (const auto model : kolroi::rule_based_model_names) {
        const auto policy = kolroi::make_rule_based_policy(model, file.journeys.channels());
        if (kolroi::supports(file.journeys, policy)) {
            CHECK(kolroi::attribute(file.journeys, policy).total().value == 20);
        }
    }
}

TEST_CASE("a path of 200,000 touches and a channel name of 1 MiB are read whole") {
    // 100,000 times "A > B", then a name of 2^20 'n's: linear gives A and B 100,000 / 200,001
    // of the row each, the long name 1 / 200,001; first touch gives A all of it.
    std::string path;
    for (int i = 0; i < 100000; ++i) {
        path += "A > B > ";
    }
    const std::string long_name(std::size_t{1} << 20, 'n');
    path += long_name;
    const std::string text = "Path,Conversions,Purchase revenue\n" + path + ",3,200001\n";
    const auto file = kolroi::read_ga4_paths(text, "long.csv");
    REQUIRE(file.journeys.touch_count() == 200001);
    const auto& channels = file.journeys.channels();
    REQUIRE(channels.find(long_name).has_value());

    const auto linear = kolroi::attribute(file.journeys, kolroi::linear{});
    CHECK(linear.of(channels, "A").value == doctest::Approx(100000.0).epsilon(1e-12));
    CHECK(linear.of(channels, "B").conversions ==
          doctest::Approx(3.0 * 100000 / 200001).epsilon(1e-12));
    CHECK(linear.of(channels, long_name).value == doctest::Approx(1.0).epsilon(1e-9));
    const auto first = kolroi::attribute(file.journeys, kolroi::first_touch{});
    CHECK(first.of(channels, "A").value == 200001);
    CHECK(first.of(channels, long_name).value == 0);
}
