// Tests for kolroi/incrementality/code_leakage.hpp: KOL codes used without any KOL touch.
#include "kolroi/incrementality/code_leakage.hpp"

#include "test_support.hpp"

#include <cmath>
#include <string>
#include <vector>

namespace {

constexpr kolroi::timestamp day = 86400;
constexpr kolroi::timestamp noon(int d) {
    return d * day + 12 * 3600;
}

kolroi::order coded(const std::string& customer, int d, double revenue, std::string code) {
    kolroi::order row;
    row.id = customer + std::to_string(d);
    row.customer_id = customer;
    row.time = noon(d);
    row.revenue = revenue;
    row.currency = "USD";
    if (!code.empty()) {
        row.discount_codes.push_back(std::move(code));
    }
    return row;
}

kolroi::touchpoint kol_touch(const std::string& customer, int d, const std::string& kol) {
    kolroi::touchpoint point;
    point.customer_id = customer;
    point.time = noon(d);
    point.kol_id = kol;
    return point;
}

kolroi::kol_registry registry() {
    kolroi::kol_registry kols;
    kols.add({"anna",
              "Anna",
              kolroi::platform::tiktok,
              "@anna",
              {{kolroi::kol_key_kind::promo_code, "ANNA10"}}});
    kols.add({"ben",
              "Ben",
              kolroi::platform::instagram,
              "@ben",
              {{kolroi::kol_key_kind::promo_code, "BEN5"}}});
    return kols;
}

// anna posts at 18:00 on days 10 and 40; windows of 14 days. Six uses of ANNA10:
//   x day 12 (touched day 11), v day 45 (touched day 5): with a touch;
//   y day 15 (50) and q day 42 (30, touched only after): without, inside the windows;
//   z day 30 (40) and w day 60 (60): without, outside.
// The span runs from the first post (day 10, 18:00) to the last order (day 70, noon): 59.75
// days, 28 inside the windows and 31.75 outside.
struct hand_case {
    std::vector<kolroi::order> orders = {
        coded("x", 12, 100, "ANNA10"), coded("y", 15, 50, "anna10"), coded("z", 30, 40, "ANNA10"),
        coded("q", 42, 30, "ANNA10"),  coded("v", 45, 70, "ANNA10"), coded("w", 60, 60, "ANNA10"),
        coded("s", 65, 20, "SPRING"),  coded("t", 70, 10, "")};
    std::vector<kolroi::touchpoint> touches = {
        kol_touch("x", 11, "anna"), kol_touch("v", 5, "anna"), kol_touch("q", 43, "anna"),
        kol_touch("y", 14, "ben")};
    kolroi::kol_reach_list reach;
    hand_case() { reach.kols = {{"anna", {}, {}, {10 * day + 18 * 3600, 40 * day + 18 * 3600}}}; }
};

} // namespace

TEST_CASE("uses with and without a touch, and the leak rate outside the post windows") {
    const hand_case data;
    const auto report = kolroi::measure_code_leakage(data.orders, data.touches, registry(),
                                                     kolroi::exchange_rates("USD"), &data.reach);
    REQUIRE(report.codes.size() == 2);
    const auto& anna = report.codes[0];
    CHECK(anna.code == "ANNA10");
    CHECK(anna.kol_id == "anna");
    CHECK(anna.uses == 6);
    CHECK(anna.uses_with_touch == 2);
    CHECK(anna.uses_without_touch == 4);
    CHECK(anna.without_touch_outside_posts == 2);
    CHECK(anna.gross == doctest::Approx(350));
    CHECK(anna.gross_without_touch == doctest::Approx(180));
    CHECK(anna.without_touch_share().value() == doctest::Approx(4.0 / 6));

    // Leak rate 2 / 31.75 a day; expected inside 2 * 28 / 31.75 = 1.763780; leaked 3.763780.
    const double expected = 2 * 28 / 31.75;
    CHECK(anna.leak_measured);
    CHECK(anna.leaked_uses == doctest::Approx(2 + expected));
    CHECK(anna.leaked_share().value() == doctest::Approx((2 + expected) / 6));
    CHECK(anna.leaked_gross == doctest::Approx(100 + expected / 2 * 80));

    // Post-only buyers: 2 - 1.763780, Var = 2 + (28 / 31.75)^2 * 2.
    const double variance = 2 + (28 / 31.75) * (28 / 31.75) * 2;
    CHECK(anna.post_only_orders.incremental == doctest::Approx(2 - expected));
    CHECK(anna.post_only_orders.standard_error.value() == doctest::Approx(std::sqrt(variance)));
    CHECK(anna.post_only_gross.actual == doctest::Approx(80));
    CHECK(anna.post_only_gross.incremental == doctest::Approx(80 - 40 * expected));
    CHECK(anna.post_only_gross.standard_error.value() == doctest::Approx(40 * std::sqrt(variance)));

    // ben's code was never used.
    const auto& ben = report.codes[1];
    CHECK(ben.uses == 0);
    CHECK_FALSE(ben.without_touch_share().has_value());
    CHECK(ben.post_only_orders.no_interval_reason == "the code was not used");
}

TEST_CASE("a touch lookback turns an old touch into no touch") {
    const hand_case data;
    kolroi::code_leakage_options options;
    options.touch_lookback = 30 * day;
    const auto report = kolroi::measure_code_leakage(
        data.orders, data.touches, registry(), kolroi::exchange_rates("USD"), &data.reach, options);
    CHECK(report.codes[0].uses_with_touch == 1); // v's touch was 40 days before
    CHECK(report.codes[0].uses_without_touch == 5);
}

TEST_CASE("without post times every use without a touch counts as leaked") {
    const hand_case data;
    const auto report = kolroi::measure_code_leakage(data.orders, data.touches, registry(),
                                                     kolroi::exchange_rates("USD"));
    const auto& anna = report.codes[0];
    CHECK_FALSE(anna.leak_measured);
    CHECK(anna.leaked_uses == doctest::Approx(4));
    CHECK(anna.leaked_gross == doctest::Approx(180));
    CHECK_FALSE(anna.post_only_orders.range.has_value());
    CHECK(report.notes.count("leak not measured") == 1);
}

TEST_CASE("orders in a currency without a rate are left out and noted") {
    hand_case data;
    data.orders[5].currency = "GBP";
    const auto report = kolroi::measure_code_leakage(data.orders, data.touches, registry(),
                                                     kolroi::exchange_rates("USD"), &data.reach);
    CHECK(report.codes[0].uses == 5);
    CHECK(report.notes.count("currency without rate") == 1);
}

TEST_CASE("bad options are errors") {
    const hand_case data;
    kolroi::code_leakage_options options;
    options.post_window = -1;
    CHECK_THROWS_AS((void)kolroi::measure_code_leakage(data.orders, data.touches, registry(),
                                                       kolroi::exchange_rates("USD"), nullptr,
                                                       options),
                    kolroi::error);
}
