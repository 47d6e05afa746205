// Tests of `kolroi plan`, run as a user runs it.
#include "test_support.hpp"

#include <cmath>
#include <nlohmann/json.hpp>
#include <string>

namespace {

nlohmann::json plan(const std::string& arguments) {
    const auto result = kolroi::test::run_program(std::string("'") + KOLROI_CLI_PATH + "' plan " +
                                                  arguments + " --format json 2>&1");
    REQUIRE_MESSAGE(result.exit_code == 0, result.output);
    return nlohmann::json::parse(result.output);
}

std::string data(const char* name) {
    return "'" + kolroi::test::test_data(std::string("budget/") + name).string() + "'";
}

double spend_of(const nlohmann::json& out, const std::string& name) {
    for (const auto& row : out["rows"]) {
        if (row["name"] == name) {
            return row["spend"].get<double>();
        }
    }
    FAIL("no row for " << name);
    return 0;
}

} // namespace

TEST_CASE("bounds follow names, not positions (case B1)") {
    // tiktok_kol_b in [0, 100] and ig_kol_a in [500, 1000], both ln(1 + x / 100), budget 1000.
    const auto out = plan("--curves " + data("b1_curves.csv") + " --budget 1000");
    CHECK(spend_of(out, "tiktok_kol_b") == doctest::Approx(100.0));
    CHECK(spend_of(out, "ig_kol_a") == doctest::Approx(900.0));
    CHECK(out["spend"].get<double>() == 1000.0);
}

TEST_CASE("equal marginal returns split the budget (case B2)") {
    // r1 = 2 ln(1 + x / 100), r2 = ln(1 + x / 100): 2 / (100 + x1) = 1 / (100 + x2) and
    // x1 + x2 = 300 give x1 = 700 / 3, x2 = 200 / 3, response 2 ln(10/3) + ln(5/3) = 2.9188.
    const auto out = plan("--curves " + data("b2_curves.csv") + " --budget 300");
    CHECK(spend_of(out, "ig_r1") == doctest::Approx(700.0 / 3));
    CHECK(spend_of(out, "yt_r2") == doctest::Approx(200.0 / 3));
    CHECK(out["response"].get<double>() ==
          doctest::Approx(2 * std::log(10.0 / 3) + std::log(5.0 / 3)));
    CHECK(out["response"].get<double>() == doctest::Approx(2.9188).epsilon(1e-4));
    CHECK(out["spend"].get<double>() == 300.0);
    CHECK(out["marginal_roas"].get<double>() == doctest::Approx(0.006));
}

TEST_CASE("deals: the best set within the budget, with its ROAS interval") {
    // Budget 1100: kol_a + kol_c (600 + 500, GMV 1930) beats kol_a + kol_b (1920) and
    // kol_b + kol_c (1250). The 80% interval of the GMV is 1930 +- z(0.9) sqrt(200^2 + 100^2).
    const auto out = plan("--candidates " + data("candidates.csv") + " --budget 1100");
    REQUIRE(out["rows"].size() == 2);
    CHECK(out["rows"][0]["name"] == "kol_c");
    CHECK(out["rows"][1]["name"] == "kol_a");
    CHECK(out["expected_gmv"].get<double>() == doctest::Approx(1930.0));
    CHECK(out["roas"].get<double>() == doctest::Approx(1930.0 / 1100));
    const double half = 1.2815515655446004 * std::sqrt(200.0 * 200 + 100.0 * 100);
    CHECK(out["gmv_interval"][0].get<double>() == doctest::Approx(1930.0 - half));
    CHECK(out["roas_interval"][1].get<double>() == doctest::Approx((1930.0 + half) / 1100));
}

TEST_CASE("deals: must and never lists and a platform cap change the choice") {
    const auto never =
        plan("--candidates " + data("candidates.csv") + " --budget 1100 --never kol_a");
    CHECK(never["expected_gmv"].get<double>() == doctest::Approx(1250.0));
    const auto capped =
        plan("--candidates " + data("candidates.csv") + " --budget 1100 --platform-max tiktok=100");
    CHECK(capped["expected_gmv"].get<double>() == doctest::Approx(1250.0));
}

TEST_CASE("infeasible bounds are an error with the numbers") {
    const auto result =
        kolroi::test::run_program(std::string("'") + KOLROI_CLI_PATH + "' plan --curves " +
                                  data("b1_curves.csv") + " --budget 400 2>&1");
    CHECK(result.exit_code == 1);
    CHECK(result.output.find("500") != std::string::npos);
}
