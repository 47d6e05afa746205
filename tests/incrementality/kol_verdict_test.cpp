// Tests for kolroi/incrementality/kol_verdict.hpp: incremental ROAS and the verdict per KOL.
#include "kolroi/incrementality/kol_verdict.hpp"

#include "test_support.hpp"

#include <string>

namespace {

kolroi::kol_value value_of(double cost, double credited, double estimate, double lower,
                           double upper) {
    kolroi::kol_value value;
    value.cost = cost;
    value.credited_revenue = credited;
    value.revenue.incremental = estimate;
    value.revenue.range = kolroi::interval{lower, upper};
    value.posts_measured = 2;
    return value;
}

} // namespace

TEST_CASE("incremental ROAS is revenue over cost, its interval the revenue's over the cost") {
    kolroi::incremental_estimate revenue;
    revenue.incremental = 3000;
    revenue.range = kolroi::interval{1500, 4500};
    const auto roas = kolroi::roas_of(revenue, 1200);
    CHECK(roas.value.value() == doctest::Approx(2.5));
    CHECK(roas.range->lower == doctest::Approx(1.25));
    CHECK(roas.range->upper == doctest::Approx(3.75));
    const auto free = kolroi::roas_of(revenue, 0);
    CHECK_FALSE(free.value.defined());
    CHECK(free.value.describe().find("zero cost") != std::string::npos);
    CHECK_FALSE(free.range.has_value());
}

TEST_CASE("the payback verdicts compare the interval with the cost") {
    using kolroi::verdict_kind;
    CHECK(kolroi::judge_kol(value_of(1000, 3000, 2500, 1500, 3500)).kind ==
          verdict_kind::pays_back);
    CHECK(kolroi::judge_kol(value_of(1000, 1000, 500, 100, 900)).kind ==
          verdict_kind::does_not_pay_back);
    const auto unclear = kolroi::judge_kol(value_of(1000, 1300, 1200, 800, 1600));
    CHECK(unclear.kind == verdict_kind::unclear);
    CHECK(unclear.text == "unclear: the interval includes the cost");
    CHECK(kolroi::judge_kol(value_of(0, 500, 300, 100, 500)).kind ==
          verdict_kind::no_cost_incremental);
    CHECK(kolroi::judge_kol(value_of(0, 500, 300, -100, 500)).kind ==
          verdict_kind::no_cost_no_effect);
    const auto plain = kolroi::judge_kol(value_of(1000, 3000, 2500, 1500, 3500));
    CHECK(plain.text == "incremental: pays back");
    CHECK_FALSE(plain.payback.has_value());
}

TEST_CASE("a margin weighs the margin's share of the revenue against the cost") {
    auto value = value_of(1000, 3000, 2500, 1500, 3500);
    value.gross_margin = 0.5; // 750 to 1750 against 1000
    CHECK(kolroi::judge_kol(value).kind == kolroi::verdict_kind::unclear);
    value.gross_margin = 0.25; // 375 to 875
    CHECK(kolroi::judge_kol(value).kind == kolroi::verdict_kind::does_not_pay_back);
}

TEST_CASE("credit far above the interval: buyers who would have bought anyway") {
    // Credited 5000; the interval's top 1500 is below half of it.
    const auto verdict = kolroi::judge_kol(value_of(1800, 5000, 500, -500, 1500));
    CHECK(verdict.kind == kolroi::verdict_kind::bought_anyway);
    CHECK(verdict.payback == kolroi::verdict_kind::does_not_pay_back);
    CHECK(verdict.text ==
          "credited well but mostly buyers who would have bought anyway; does not pay back");
    // At 2600 the top is above half of the credit: no warning.
    CHECK(kolroi::judge_kol(value_of(1800, 5000, 1500, 400, 2600)).kind ==
          kolroi::verdict_kind::unclear);
}

TEST_CASE("most code uses leaked: the leak comes first") {
    auto value = value_of(1400, 6000, 1100, 400, 1800);
    value.code_uses = 200;
    value.leaked_uses = 190;
    const auto verdict = kolroi::judge_kol(value);
    CHECK(verdict.kind == kolroi::verdict_kind::leaked_code);
    CHECK(
        verdict.text ==
        "leaked code: most code orders had no KOL touch; unclear: the interval includes the cost");
    // Fewer than leaked_min_uses leaked uses are not a leak, whatever their share.
    value.code_uses = 8;
    value.leaked_uses = 7;
    CHECK(kolroi::judge_kol(value).kind == kolroi::verdict_kind::bought_anyway);
    // Half or less is not most.
    value.code_uses = 40;
    value.leaked_uses = 20;
    value.credited_revenue = 1500;
    CHECK(kolroi::judge_kol(value).kind == kolroi::verdict_kind::unclear);
}

TEST_CASE("no measured post: not measured") {
    auto value = value_of(1000, 3000, 0, 0, 0);
    value.posts_measured = 0;
    const auto verdict = kolroi::judge_kol(value);
    CHECK(verdict.kind == kolroi::verdict_kind::not_measured);
    CHECK(verdict.text == "not measured: no post could be measured");
}
