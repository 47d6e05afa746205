// Tests of `kolroi roi`, run as a user runs it.
#include "kolroi/io/csv_reader.hpp"
#include "kolroi/io/file.hpp"
#include "kolroi/io/text.hpp"
#include "kolroi/prediction/history.hpp"

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

// A folder of input files under the temporary directory, removed when it goes out of scope.
// write() stores one file and gives the option that names it: " --orders '/tmp/.../orders.csv'".
class input_folder {
public:
    explicit input_folder(const std::string& name)
        : m_path(std::filesystem::temp_directory_path() / name) {
        std::filesystem::remove_all(m_path);
        std::filesystem::create_directories(m_path);
    }
    input_folder(const input_folder&) = delete;
    input_folder& operator=(const input_folder&) = delete;
    ~input_folder() { std::filesystem::remove_all(m_path); }

    std::string write(const std::string& file, const std::string& text) const {
        std::ofstream(m_path / file) << text;
        return " --" + file.substr(0, file.find('.')) + " '" + (m_path / file).string() + "'";
    }

private:
    std::filesystem::path m_path;
};

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
    CHECK(kol["roas_last_touch"].get<double>() == doctest::Approx(1800.0 / (500 + 180 + 40 + 15)));

    // Every order is accounted for: the store's total is the four good orders.
    double gross = 0;
    for (const auto& row : json["totals"]) {
        if (row["rows"] == "store") {
            gross = row["gross_gmv"].get<double>();
        }
    }
    CHECK(gross == doctest::Approx(3250.0));
    // The bad row is reported, not dropped in silence; v's visit has no order.
    CHECK(json["notes"]["orders"]["bad timestamp"] == 1);
    CHECK(json["notes"]["visits"].empty());
    CHECK(json["notes"]["journeys"]["touches without orders"] == 1);
}

TEST_CASE("the table names the skipped row with its file, line and field") {
    const auto result =
        kolroi::test::run_program(kolroi_command("roi" + store_arguments() + " 2>&1"));
    REQUIRE(result.exit_code == 0);
    CHECK(result.output.find("orders.csv:6: field 'time'") != std::string::npos);
    CHECK(result.output.find("orders: bad timestamp (1)") != std::string::npos);
}

TEST_CASE("the tables' lines end at their last character") {
    // Padding the last column left-aligned used to leave up to 90 spaces at the end of a line.
    for (const std::string& arguments : {std::string("roi"), "roi" + store_arguments()}) {
        const auto result = kolroi::test::run_program(kolroi_command(arguments + " 2>/dev/null"));
        REQUIRE(result.exit_code == 0);
        CHECK(result.output.find(" \n") == std::string::npos);
        CHECK(result.output.find("kol   ") != std::string::npos); // the columns are still padded
    }
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
    const auto result =
        kolroi::test::run_program(kolroi_command("roi --format csv" + arguments + " 2>/dev/null"));
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

TEST_CASE("a visit log of over a mebibyte gives the small log's report and names its bad row") {
    // The store's four visits, then 30,000 direct visits of customers with no order (about
    // 1.3 MB, so that the log is read on two threads where there are two cores), with one bad
    // time among them, in the log's second half.
    const auto folder = std::filesystem::temp_directory_path() / "kolroi_roi_large_log";
    std::filesystem::create_directories(folder);
    const std::size_t fillers = 30'000;
    const std::size_t bad_after = 25'000;
    {
        std::ofstream log(folder / "touchpoints.csv");
        log << kolroi::read_file(kolroi::test::test_data("store/touchpoints.csv"));
        for (std::size_t i = 0; i < fillers; ++i) {
            log << 'z' << i << ",2026-03-11T12:00:00Z,https://shop.example/p/" << i << ",\n";
            if (i + 1 == bad_after) {
                log << "w,2026-03-11 noon,https://shop.example/,\n";
            }
        }
    }
    REQUIRE(std::filesystem::file_size(folder / "touchpoints.csv") > (std::size_t{1} << 20));
    std::string arguments = store_arguments();
    const std::string original = kolroi::test::test_data("store/touchpoints.csv").string();
    arguments.replace(arguments.find(original), original.size(),
                      (folder / "touchpoints.csv").string());

    const auto json_run = kolroi::test::run_program(
        kolroi_command("roi -m linear --format json" + arguments + " 2>/dev/null"));
    REQUIRE(json_run.exit_code == 0);
    const auto json = nlohmann::json::parse(json_run.output);
    REQUIRE(json["kols"].size() == 1);
    CHECK(json["kols"][0]["gross_gmv"].get<double>() == doctest::Approx(2400.0));
    CHECK(json["kols"][0]["cost"].get<double>() == doctest::Approx(795.0));
    // The orders' bad time and the log's, each under its part; v and the fillers have no order.
    CHECK(json["notes"]["orders"]["bad timestamp"] == 1);
    CHECK(json["notes"]["visits"]["bad timestamp"] == 1);
    CHECK(json["notes"]["journeys"]["touches without orders"] == 1 + fillers);

    // Header, four store visits, the fillers before it: the bad row is line 25,006.
    const auto table = kolroi::test::run_program(kolroi_command("roi" + arguments + " 2>&1"));
    REQUIRE(table.exit_code == 0);
    CHECK(table.output.find("touchpoints.csv:" + std::to_string(1 + 4 + bad_after + 1) +
                            ": field 'time'") != std::string::npos);
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

TEST_CASE("the sample store: incremental figures and a verdict per KOL beside the credit") {
    const auto result = kolroi::test::run_program(kolroi_command("roi -f json 2>/dev/null"));
    REQUIRE(result.exit_code == 0);
    const auto json = nlohmann::json::parse(result.output);
    const auto& part = json["incrementality"];
    REQUIRE(part.is_object());
    CHECK(part["level"].get<double>() == doctest::Approx(0.90));
    CHECK(part["window_days"] == 14);
    REQUIRE(part["kols"].size() == 12);
    std::map<std::string, nlohmann::json> kols;
    for (const auto& row : part["kols"]) {
        kols[row["kol"].get<std::string>()] = row;
        const double revenue = row["incremental_revenue"].get<double>();
        CHECK(row["incremental_revenue_low"].get<double>() <= revenue);
        CHECK(revenue <= row["incremental_revenue_high"].get<double>());
        CHECK(row["incremental_roas"].get<double>() ==
              doctest::Approx(revenue / row["cost"].get<double>()));
        CHECK(row["incremental_roas_low"].get<double>() ==
              doctest::Approx(row["incremental_revenue_low"].get<double>() /
                              row["cost"].get<double>()));
    }
    CHECK(kols["eli_tiktok"]["verdict"].get<std::string>().rfind(
              "credited well but mostly buyers who would have bought anyway", 0) == 0);
    CHECK(kols["fay_instagram"]["verdict"].get<std::string>().rfind("leaked code", 0) == 0);
    CHECK(kols["anna_tiktok"]["verdict"] == "incremental: pays back");
    CHECK(kols["fay_instagram"]["leaked_code_uses"].get<double>() > 150);

    // The same figures on the KOL rows, after every existing column.
    for (const auto& row : json["kols"]) {
        CHECK(row["incremental_revenue"] ==
              kols[row["kol"].get<std::string>()]["incremental_revenue"]);
        CHECK(row.contains("roas_position_based"));
    }
    bool fay_code = false;
    for (const auto& code : part["codes"]) {
        if (code["code"] == "FAY15") {
            fay_code = true;
            CHECK(code["without_touch"].get<double>() > 0.9 * code["uses"].get<double>());
        }
    }
    CHECK(fay_code);
}

TEST_CASE("the incremental columns follow the existing ones in the CSV and the table") {
    const auto csv = kolroi::test::run_program(kolroi_command("roi -f csv 2>/dev/null"));
    REQUIRE(csv.exit_code == 0);
    CHECK(csv.output.rfind("kol,campaign,platform,cost,orders,gross_gmv,net_gmv,roi,roas,cpa,"
                           "roas_position_based,",
                           0) == 0);
    kolroi::csv_reader reader(csv.output, "stdout");
    REQUIRE(reader.next());
    const kolroi::csv_header header(reader);
    CHECK(header.find("incremental_orders_low").has_value());
    CHECK(header.find("incremental_roas_high").has_value());
    const std::size_t verdict = header.require("verdict");
    CHECK(verdict == header.size() - 1);
    REQUIRE(reader.next());
    CHECK(reader[header.require("kol")] == "anna_tiktok");
    CHECK(reader[verdict] == "incremental: pays back");

    const auto text = kolroi::test::run_program(kolroi_command("roi 2>/dev/null"));
    REQUIRE(text.exit_code == 0);
    CHECK(text.output.find("What each KOL caused") != std::string::npos);
    CHECK(text.output.find("leaked code: most code orders had no KOL touch") != std::string::npos);
}

TEST_CASE("a KOL list without post times: no incrementality, said so, columns empty") {
    const auto json_run = kolroi::test::run_program(
        kolroi_command("roi --format json" + store_arguments() + " 2>/dev/null"));
    REQUIRE(json_run.exit_code == 0);
    const auto json = nlohmann::json::parse(json_run.output);
    CHECK(json["incrementality"].is_null());
    CHECK(json["kols"][0]["verdict"].is_null());
    CHECK(json["kols"][0]["incremental_revenue"].is_null());
    const auto text =
        kolroi::test::run_program(kolroi_command("roi" + store_arguments() + " 2>/dev/null"));
    CHECK(text.output.find("Incrementality: not measured") != std::string::npos);
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

TEST_CASE("a repeated KOL touch adds up through the program (case R2)") {
    // An order of 900 over kol > kol > organic (hours apart, so no session merges them):
    // linear gives the KOL 600 and organic search 300; nothing is lost.
    const input_folder folder("kolroi_roi_r2");
    const std::string link = "https://shop.example/?utm_source=tiktok&utm_medium=paid_kol"
                             "&utm_campaign=c1";
    std::string arguments;
    arguments += folder.write("orders.csv", "order_id,customer_id,time,revenue,currency\n"
                                            "A,x,2026-03-10T12:00:00Z,900,USD\n");
    arguments += folder.write("touchpoints.csv", "customer_id,time,landing_url,referrer\n"
                                                 "x,2026-03-10T07:00:00Z," +
                                                     link +
                                                     ",\n"
                                                     "x,2026-03-10T09:00:00Z," +
                                                     link +
                                                     ",\n"
                                                     "x,2026-03-10T11:00:00Z,https://shop.example/,"
                                                     "https://www.google.com/\n");
    arguments += folder.write("kols.csv", "kol_id,platform,utm_campaign\nkol_001,tiktok,c1\n");
    arguments += folder.write("contracts.csv", "kol_id,campaign,platform,currency,flat_fee\n"
                                               "kol_001,c1,tiktok,USD,300\n");
    arguments += folder.write("rates.csv", "currency,rate_to_reporting\nUSD,1\n");

    const auto result = kolroi::test::run_program(
        kolroi_command("roi -m linear -f json" + arguments + " 2>/dev/null"));
    REQUIRE(result.exit_code == 0);
    const auto json = nlohmann::json::parse(result.output);
    REQUIRE(json["kols"].size() == 1);
    CHECK(json["kols"][0]["gross_gmv"].get<double>() == doctest::Approx(600.0));
    CHECK(json["kols"][0]["roas"].get<double>() == doctest::Approx(2.0));
    REQUIRE(json["channels"].size() == 1);
    CHECK(json["channels"][0]["gross_gmv"].get<double>() == doctest::Approx(300.0));
}

TEST_CASE("--own-domain makes a payment page's referral direct; the store's own site is anyway") {
    // An order of 900 after a KOL's link, a return from the payment page and a visit referred by
    // the store's own cart page. Under last non-direct the KOL gets all 900 when both later
    // visits are direct, and none when the payment page counts as a referral.
    const input_folder folder("kolroi_roi_own_domain");
    std::string arguments;
    arguments += folder.write("orders.csv", "order_id,customer_id,time,revenue,currency\n"
                                            "A,x,2026-03-10T12:00:00Z,900,USD\n");
    arguments +=
        folder.write("touchpoints.csv",
                     "customer_id,time,landing_url,referrer\n"
                     "x,2026-03-10T07:00:00Z,https://shop.example/?utm_source=tiktok"
                     "&utm_medium=paid_kol&utm_campaign=c1,\n"
                     "x,2026-03-10T09:00:00Z,https://shop.example/thanks,"
                     "https://www.paypal.com/checkout\n"
                     "x,2026-03-10T11:00:00Z,https://shop.example/p,https://shop.example/cart\n");
    arguments += folder.write("kols.csv", "kol_id,platform,utm_campaign\nkol_001,tiktok,c1\n");
    arguments += folder.write("contracts.csv", "kol_id,campaign,platform,currency,flat_fee\n"
                                               "kol_001,c1,tiktok,USD,300\n");
    arguments += folder.write("rates.csv", "currency,rate_to_reporting\nUSD,1\n");

    const auto kol_gmv = [&](const std::string& extra) {
        const auto result = kolroi::test::run_program(
            kolroi_command("roi -m last_non_direct -f json" + arguments + extra + " 2>/dev/null"));
        REQUIRE(result.exit_code == 0);
        const auto json = nlohmann::json::parse(result.output);
        REQUIRE(json["kols"].size() == 1);
        return json["kols"][0]["gross_gmv"].get<double>();
    };
    CHECK(kol_gmv("") == doctest::Approx(0.0));
    CHECK(kol_gmv(" --own-domain paypal.com") == doctest::Approx(900.0));
}

TEST_CASE("--write-history turns the report's rows into past collaborations, once each") {
    // R1 with C1 under linear, gross: kol_001 is credited 2400 and costs 795 (the first case).
    const auto folder = std::filesystem::temp_directory_path() / "kolroi_roi_history";
    std::filesystem::remove_all(folder);
    std::filesystem::create_directories(folder);
    {
        std::ofstream profiles(folder / "profiles.csv");
        profiles << "kol_id,platform,followers,cost_model,price,commission_rate\n"
                    "kol_001,tiktok,50000,flat_fee_and_commission,500,0.10\n";
        // An earlier season: another creator, and kol_001's c1 with old figures.
        std::ofstream earlier(folder / "history.csv");
        earlier << "kol_id,campaign,platform,followers,cost_model,price,cost,credited_gmv\n"
                   "kol_900,winter,youtube,1000,flat_fee,100,100,50\n"
                   "kol_001,C1,tiktok,40000,flat_fee,400,400,100\n";
    }
    const std::string history = (folder / "history.csv").string();
    const std::string command = "roi -m linear --basis gross --format csv" + store_arguments() +
                                " --profiles '" + (folder / "profiles.csv").string() +
                                "' --write-history '" + history + "' 2>&1 >/dev/null";
    for (int run = 0; run < 2; ++run) {
        CAPTURE(run);
        const auto result = kolroi::test::run_program(kolroi_command(command));
        REQUIRE(result.exit_code == 0);
        CHECK(result.output.find("history: 2 collaborations in " + history +
                                 " (0 added, 1 replaced)") != std::string::npos);
        const auto rows = kolroi::read_history(kolroi::read_file(history), history).rows;
        REQUIRE(rows.size() == 2);
        CHECK(rows[0].profile.kol_id == "kol_900"); // kept as it was
        CHECK(rows[0].cost == 100);
        CHECK(rows[1].profile.kol_id == "kol_001"); // replaced in its place
        CHECK(rows[1].campaign == "c1");
        CHECK(rows[1].profile.followers == 50000);
        CHECK(rows[1].cost == doctest::Approx(795.0));
        CHECK(rows[1].credited_gmv == doctest::Approx(2400.0));
    }
    std::filesystem::remove_all(folder);
}

TEST_CASE("--write-history with a store's own files needs their profiles") {
    const auto result = kolroi::test::run_program(
        kolroi_command("roi" + store_arguments() + " --write-history /tmp/never.csv 2>&1"));
    CHECK(result.exit_code == 1);
    CHECK(result.output.find("--write-history needs --profiles") != std::string::npos);
    CHECK_FALSE(std::filesystem::exists("/tmp/never.csv"));
}

TEST_CASE("--format takes table, csv or json in any case, and its help lists just those") {
    const auto csv = kolroi::test::run_program(kolroi_command("roi -f CSV 2>/dev/null"));
    REQUIRE(csv.exit_code == 0);
    CHECK(csv.output.rfind("kol,campaign,platform,cost", 0) == 0);

    const auto bad = kolroi::test::run_program(kolroi_command("roi -f xml 2>&1"));
    CHECK(bad.exit_code != 0);
    CHECK(bad.output.find("xml not in {table,csv,json}") != std::string::npos);

    // The help names the choices and the default, not the numbers behind them.
    const auto help = kolroi::test::run_program(kolroi_command("roi --help"));
    CHECK(help.output.find("-f,--format TEXT:{table,csv,json}=table") != std::string::npos);
    CHECK(help.output.find("->") == std::string::npos);
    CHECK(help.output.find("sample store") != std::string::npos);
}
