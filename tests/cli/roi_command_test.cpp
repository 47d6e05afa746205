// Tests of `kolroi roi`, run as a user runs it.
#include "kolroi/io/csv_reader.hpp"
#include "kolroi/io/text.hpp"

#include "test_support.hpp"

#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <string>

namespace {

std::string kolroi_command(const std::string& arguments) {
    return std::string("'") + KOLROI_CLI_PATH + "' " + arguments;
}

std::string store_arguments() {
    std::string arguments;
    for (const char* name : {"orders", "touchpoints", "kols", "contracts", "rates"}) {
        arguments += std::string(" --") + name + " '" +
                     kolroi::test::test_data(std::string("store/") + name + ".csv").string() + "'";
    }
    return arguments;
}

} // namespace

TEST_CASE("the worked cases through the program: R1's orders with C1's contract") {
    // The KOL has order A's first touch and order B's only touch, and order C by its code.
    // Linear: A 600 + B 800 + C 1000 = 2400 credited; cost 500 + 10% of 2400 + 40 + 15 = 795.
    const auto result = kolroi::test::run_program(
        kolroi_command("roi -m linear --format json" + store_arguments() + " 2>/dev/null"));
    REQUIRE(result.exit_code == 0);
    const auto json = nlohmann::json::parse(result.output);
    REQUIRE(json["kols"].size() == 1);
    const auto& kol = json["kols"][0];
    CHECK(kol["kol"] == "kol_001");
    CHECK(kol["gross_gmv"].get<double>() == doctest::Approx(2400.0));
    CHECK(kol["cost"].get<double>() == doctest::Approx(795.0));
    CHECK(kol["roas"].get<double>() == doctest::Approx(2400.0 / 795));
    CHECK(kol["roi"].get<double>() == doctest::Approx((2400.0 - 795) / 795));
    // Last touch: A goes to organic search, so 800 + 1000.
    CHECK(kol["roas_last_touch"].get<double>() ==
          doctest::Approx(1800.0 / (500 + 180 + 40 + 15)));

    // Every order is accounted for: the store's total is the four good orders.
    double gross = 0;
    for (const auto& row : json["totals"]) {
        if (row["rows"] == "store") {
            gross = row["gross_gmv"].get<double>();
        }
    }
    CHECK(gross == doctest::Approx(3250.0));
    // The bad row is reported, not dropped in silence; v's visit has no order.
    CHECK(json["notes"]["bad timestamp"] == 1);
    CHECK(json["notes"]["touches without orders"] == 1);
}

TEST_CASE("the table names the skipped row with its file, line and field") {
    const auto result =
        kolroi::test::run_program(kolroi_command("roi" + store_arguments() + " 2>&1"));
    REQUIRE(result.exit_code == 0);
    CHECK(result.output.find("orders.csv:6: field 'time'") != std::string::npos);
    CHECK(result.output.find("1 bad timestamp") != std::string::npos);
}

TEST_CASE("a zero-cost KOL prints undefined ROI and ROAS (case C2)") {
    const auto folder = std::filesystem::temp_directory_path() / "kolroi_roi_c2";
    std::filesystem::create_directories(folder);
    {
        std::ofstream contracts(folder / "contracts.csv");
        contracts << "kol_id,campaign,platform,currency,flat_fee\nkol_001,c1,tiktok,USD,0\n";
    }
    std::string arguments = store_arguments();
    const std::string original = kolroi::test::test_data("store/contracts.csv").string();
    arguments.replace(arguments.find(original), original.size(),
                      (folder / "contracts.csv").string());
    const auto result = kolroi::test::run_program(
        kolroi_command("roi --format csv" + arguments + " 2>/dev/null"));
    REQUIRE(result.exit_code == 0);
    kolroi::csv_reader reader(result.output, "stdout");
    REQUIRE(reader.next());
    const kolroi::csv_header header(reader);
    REQUIRE(reader.next());
    CHECK(reader[header.require("cost")] == "0");
    CHECK(reader[header.require("roas")] == "");
    CHECK(reader[header.require("roi")] == "");
    std::filesystem::remove_all(folder);
}

TEST_CASE("with no files the report runs on the built-in sample store") {
    const auto result = kolroi::test::run_program(kolroi_command("roi -f json 2>/dev/null"));
    REQUIRE(result.exit_code == 0);
    const auto json = nlohmann::json::parse(result.output);
    CHECK(json["kols"].size() == 12);
    CHECK(json["model"] == "position_based");
    CHECK(json["orders_used"].get<int>() > 2000);
}

TEST_CASE("only some of the store's files is an error naming the missing ones") {
    const auto orders = kolroi::test::test_data("store/orders.csv").string();
    const auto result =
        kolroi::test::run_program(kolroi_command("roi --orders '" + orders + "' 2>&1"));
    CHECK(result.exit_code == 1);
    CHECK(result.output.find("missing --touchpoints, --kols, --contracts, --rates") !=
          std::string::npos);
}

TEST_CASE("Facebook ad spend: the campaigns' cost, CPA and ROAS and the file's totals") {
    KOLROI_REQUIRE_SHARED_DATA(path, "facebook_ads_kag_conversion/KAG_conversion_data.csv");
    const auto run = [&](const std::string& measure) {
        const auto result = kolroi::test::run_program(kolroi_command(
            "roi --ad-spend '" + path.string() + "' --value-per-conversion 100 --conversions " +
            measure + " --format csv 2>/dev/null"));
        REQUIRE(result.exit_code == 0);
        return result.output;
    };
    const std::string approved = run("approved");
    kolroi::csv_reader reader(approved, "stdout");
    REQUIRE(reader.next());
    const kolroi::csv_header header(reader);
    std::map<std::string, std::map<std::string, double>> rows;
    while (reader.next()) {
        for (const char* column : {"ads", "spend", "conversions", "cpa", "roas"}) {
            rows[std::string(reader[0])][column] =
                kolroi::parse_double(reader[header.require(column)], reader.where(column));
        }
    }
    REQUIRE(rows.size() == 4); // campaigns 916, 936, 1178 and the total
    // The provenance's totals: spend 58,705.23, 1,143 ads, 1,079 approved conversions.
    CHECK(std::abs(rows["(all)"]["spend"] - 58705.23) < 0.005);
    CHECK(rows["(all)"]["ads"] == 1143);
    CHECK(rows["(all)"]["conversions"] == 1079);
    CHECK(rows["(all)"]["cpa"] == doctest::Approx(rows["(all)"]["spend"] / 1079));
    CHECK(rows["(all)"]["roas"] == doctest::Approx(107900 / rows["(all)"]["spend"]));
    CHECK(rows["916"]["ads"] == 54);
    CHECK(rows["936"]["ads"] == 464);
    CHECK(rows["1178"]["ads"] == 625);

    const std::string total = run("total");
    CHECK(total.find("(all),1143,") != std::string::npos);
    kolroi::csv_reader totals(total, "stdout");
    REQUIRE(totals.next());
    double conversions = 0;
    while (totals.next()) {
        if (totals[0] != "(all)") {
            conversions += kolroi::parse_double(totals[3], totals.where("conversions"));
        }
    }
    CHECK(conversions == 3264);
}
