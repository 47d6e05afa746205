// Tests for kolroi/io/channel_attribution_paths.hpp.
#include "kolroi/attribution/first_touch.hpp"
#include "kolroi/attribution/last_touch.hpp"
#include "kolroi/attribution/linear.hpp"
#include "kolroi/attribution/position_based.hpp"
#include "kolroi/attribution/rule_based.hpp"
#include "kolroi/io/channel_attribution_paths.hpp"
#include "kolroi/io/file.hpp"

#include "test_support.hpp"

#include <string>

TEST_CASE("value on a row without conversions is reported, not attributed (case R6)") {
    const auto path = kolroi::test::test_data("paths/worked_cases.csv");
    const auto file = kolroi::read_channel_attribution_paths(kolroi::read_file(path), "cases.csv");
    CHECK(file.rows() == 4);
    CHECK(file.notes.count("value without conversions") == 1);
    REQUIRE(file.notes.examples().size() == 1);
    CHECK(file.notes.examples()[0].where.line == 3);
    CHECK(file.unattributed_value == doctest::Approx(600.0));
    CHECK(file.file_value == doctest::Approx(915.0));

    const auto credits = kolroi::attribute(file.journeys, kolroi::linear{});
    const auto& names = file.journeys.channels();
    CHECK(credits.of(names, "Google_Search").conversions == doctest::Approx(75.0));
    CHECK(credits.of(names, "Google_Search").value == doctest::Approx(150.0));
    CHECK(credits.of(names, "Meta_Ads").value == doctest::Approx(150.0));
    CHECK(credits.of(names, "Organic_Search").value == 0.0);
    CHECK(credits.of(names, "Direct").value == 0.0);
    // The empty path with a conversion (case R8) is its own bucket, not row 3's channels.
    CHECK(credits.no_touchpoint().conversions == doctest::Approx(1.0));
    CHECK(credits.no_touchpoint().value == doctest::Approx(5.0));
    CHECK(credits.total().conversions == doctest::Approx(152.0));
    CHECK(file.journeys.total_non_conversions() == doctest::Approx(430.0));
}

TEST_CASE("a malformed number names the file, the line and the column") {
    const auto path = kolroi::test::test_data("paths/bad_number.csv");
    CHECK_THROWS_WITH(
        (void)kolroi::read_channel_attribution_paths(kolroi::read_file(path), "bad.csv"),
        "bad.csv:3: field 'total_conversions': expected a number, saw 'two'");
}

TEST_CASE("ChannelAttribution's Data.csv: totals and hand-worked credits") {
    KOLROI_REQUIRE_SHARED_DATA(path, "channelattribution_pathdata/Data.csv");
    const auto file = kolroi::read_channel_attribution_paths(kolroi::read_file(path), "Data.csv");

    // The totals its provenance records: 10,000 rows, 19,785 conversions, value 74,802.971587,
    // 68,602 non-conversions, 12 channels.
    CHECK(file.rows() == 10000);
    CHECK(file.file_conversions == 19785.0);
    CHECK(file.file_value == doctest::Approx(74802.971587).epsilon(1e-9));
    CHECK(file.journeys.total_non_conversions() == 68602.0);
    CHECK(file.journeys.channels().size() == 12);
    CHECK(file.notes.empty());

    for (const auto name : kolroi::rule_based_model_names) {
        if (name == "time_decay") {
            continue;
        }
        const auto credits = kolroi::attribute(
            file.journeys, kolroi::make_rule_based_policy(name, file.journeys.channels()));
        CAPTURE(name);
        CHECK(credits.total().conversions == doctest::Approx(19785.0).epsilon(1e-12));
        CHECK(credits.total().value == doctest::Approx(74802.971587).epsilon(1e-9));
    }

    // "mi" appears twice: line 2095 is 9 touches (mi 8th) with 2 conversions worth 7.276, and
    // line 3034 is "mi" alone with 2 conversions worth 5.273.
    const auto& names = file.journeys.channels();
    const auto linear = kolroi::attribute(file.journeys, kolroi::linear{});
    CHECK(linear.of(names, "mi").conversions == doctest::Approx(2.0 / 9 + 2));
    CHECK(linear.of(names, "mi").value == doctest::Approx(7.276 / 9 + 5.273));
    const auto first = kolroi::attribute(file.journeys, kolroi::first_touch{});
    CHECK(first.of(names, "mi").value == doctest::Approx(5.273));
    const auto last = kolroi::attribute(file.journeys, kolroi::last_touch{});
    CHECK(last.of(names, "mi").conversions == doctest::Approx(2.0));
    const auto u_shaped = kolroi::attribute(file.journeys, kolroi::position_based{});
    CHECK(u_shaped.of(names, "mi").value == doctest::Approx(7.276 * 0.2 / 7 + 5.273));
}
