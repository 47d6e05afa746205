// Tests of `kolroi attribute`, run as a user runs it.
#include "kolroi/io/csv_reader.hpp"
#include "kolroi/io/text.hpp"

#include "test_support.hpp"

#include <map>
#include <nlohmann/json.hpp>
#include <string>

namespace {

std::string kolroi_command(const std::string& arguments) {
    return std::string("'") + KOLROI_CLI_PATH + "' " + arguments;
}

// Sums the csv output's conversions and revenue per model.
std::map<std::string, std::pair<double, double>> totals_by_model(const std::string& csv) {
    kolroi::csv_reader reader(csv, "stdout");
    REQUIRE(reader.next());
    const kolroi::csv_header header(reader);
    REQUIRE(header.names() ==
            std::vector<std::string>{"model", "channel", "conversions", "revenue"});
    std::map<std::string, std::pair<double, double>> totals;
    while (reader.next()) {
        auto& total = totals[std::string(reader[0])];
        total.first += kolroi::parse_double(reader[2], reader.where("conversions"));
        total.second += kolroi::parse_double(reader[3], reader.where("revenue"));
    }
    return totals;
}

} // namespace

TEST_CASE("csv output: every model's credits add up to the file's totals") {
    const auto file = kolroi::test::test_data("paths/worked_cases.csv").string();
    const auto run = kolroi_command("attribute --format csv '" + file + "' 2>/dev/null");
    const auto result = kolroi::test::run_program(run);
    REQUIRE(result.exit_code == 0);
    const auto totals = totals_by_model(result.output);
    CHECK(totals.size() == 8); // every rule-based model but time decay, Markov and Shapley
    CHECK(totals.count("markov") == 1);
    CHECK(totals.count("shapley") == 1);
    for (const auto& [model, total] : totals) {
        CAPTURE(model);
        // 150 + 1 + 1 conversions; 300 + 10 + 5 revenue (600 on a row without conversions is
        // reported, not attributed).
        CHECK(total.first == doctest::Approx(152.0));
        CHECK(total.second == doctest::Approx(315.0));
    }
}

TEST_CASE("json output names the skipped model and the unattributed revenue") {
    const auto file = kolroi::test::test_data("paths/worked_cases.csv").string();
    const auto result =
        kolroi::test::run_program(kolroi_command("attribute -f json '" + file + "' 2>/dev/null"));
    REQUIRE(result.exit_code == 0);
    const auto json = nlohmann::json::parse(result.output);
    CHECK(json["unattributed_revenue"].get<double>() == doctest::Approx(600.0));
    REQUIRE(json["skipped_models"].size() == 1);
    CHECK(json["skipped_models"][0].get<std::string>().find("time_decay") == 0);
    CHECK(json["models"]["linear"][0]["conversions"].get<double>() == doctest::Approx(75.0));
}

TEST_CASE("asking for time decay on aggregated paths is refused with the reason") {
    const auto file = kolroi::test::test_data("paths/worked_cases.csv").string();
    const auto result =
        kolroi::test::run_program(kolroi_command("attribute -m time_decay '" + file + "' 2>&1"));
    CHECK(result.exit_code == 1);
    CHECK(result.output.find("needs per-touch timestamps") != std::string::npos);
}

TEST_CASE("a malformed file is an error that names the file, the line and the field") {
    const auto file = kolroi::test::test_data("paths/bad_number.csv").string();
    const auto result = kolroi::test::run_program(kolroi_command("attribute '" + file + "' 2>&1"));
    CHECK(result.exit_code == 1);
    CHECK(result.output.find("bad_number.csv:3: field 'total_conversions': expected a number, "
                             "saw 'two'") != std::string::npos);
}

TEST_CASE("the real GA4 export through the program: totals per model") {
    KOLROI_REQUIRE_SHARED_DATA(path, "ga4_conversion_paths_export/attribution_data.csv");
    const auto result = kolroi::test::run_program(
        kolroi_command("attribute --format csv '" + path.string() + "' 2>/dev/null"));
    REQUIRE(result.exit_code == 0);
    for (const auto& [model, total] : totals_by_model(result.output)) {
        CAPTURE(model);
        CHECK(total.first == doctest::Approx(4475141.0).epsilon(1e-12));
        CHECK(std::abs(total.second - 26153056.24) < 0.005);
    }
}
