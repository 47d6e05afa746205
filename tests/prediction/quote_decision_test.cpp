// Tests of kolroi/prediction/quote_decision.hpp: each branch of the rule at and around its
// thresholds.
#include "kolroi/prediction/quote_decision.hpp"

#include "test_support.hpp"

namespace {

kolroi::quote_verdict verdict(std::optional<double> roas, std::optional<kolroi::interval> range,
                              const kolroi::decision_rule& rule = {}) {
    return kolroi::decide_quote(roas, range, rule).verdict;
}

} // namespace

TEST_CASE("below break-even is negotiate, whatever the interval") {
    using kolroi::quote_verdict;
    CHECK(verdict(0.99, kolroi::interval{0.5, 3.0}) == quote_verdict::negotiate);
    CHECK(verdict(0.2, std::nullopt) == quote_verdict::negotiate);
    CHECK(kolroi::decide_quote(0.5, kolroi::interval{0.2, 0.9}, {}).reason ==
          "predicted ROAS 0.5 is below 1");
}

TEST_CASE("between the thresholds is consider, both ends included") {
    using kolroi::quote_verdict;
    CHECK(verdict(1.0, kolroi::interval{0.5, 2.0}) == quote_verdict::consider);
    CHECK(verdict(2.0, kolroi::interval{1.5, 3.0}) == quote_verdict::consider);
    CHECK(kolroi::decide_quote(1.4567, std::nullopt, {}).reason ==
          "predicted ROAS 1.457 is between 1 and 2");
}

TEST_CASE("above the priority threshold is priority only when the interval clears the floor") {
    using kolroi::quote_verdict;
    CHECK(verdict(2.5, kolroi::interval{1.0, 4.0}) == quote_verdict::priority);
    CHECK(verdict(2.5, kolroi::interval{0.99, 4.0}) == quote_verdict::consider);
    CHECK(verdict(2.5, std::nullopt) == quote_verdict::consider);
    CHECK(kolroi::decide_quote(2.5, kolroi::interval{0.75, 4.0}, {}).reason ==
          "predicted ROAS 2.5 is above 2 but the interval's lower end 0.75 is below 1");
    CHECK(kolroi::decide_quote(3, kolroi::interval{1.25, 4.0}, {}).reason ==
          "predicted ROAS 3 is above 2 and the interval's lower end 1.25 clears 1");
}

TEST_CASE("the thresholds are options") {
    using kolroi::quote_verdict;
    kolroi::decision_rule strict;
    strict.negotiate_below = 1.5;
    strict.priority_above = 3.0;
    strict.priority_floor = 2.0;
    CHECK(verdict(1.2, kolroi::interval{1.0, 2.0}, strict) == quote_verdict::negotiate);
    CHECK(verdict(2.5, kolroi::interval{2.2, 3.0}, strict) == quote_verdict::consider);
    CHECK(verdict(3.5, kolroi::interval{1.9, 5.0}, strict) == quote_verdict::consider);
    CHECK(verdict(3.5, kolroi::interval{2.1, 5.0}, strict) == quote_verdict::priority);
}

TEST_CASE("an undefined ROAS is consider, and a bad rule is refused") {
    CHECK(kolroi::decide_quote(std::nullopt, std::nullopt, {}).verdict ==
          kolroi::quote_verdict::consider);
    kolroi::decision_rule rule;
    rule.negotiate_below = 3;
    CHECK_THROWS_WITH_AS(rule.validate(),
                         "decision_rule: negotiate_below 3 is above priority_above 2",
                         kolroi::error);
    rule = {};
    rule.priority_floor = -1;
    CHECK_THROWS_WITH_AS(rule.validate(),
                         "decision_rule: priority_floor must be finite and > 0, got -1",
                         kolroi::error);
    CHECK_NOTHROW(kolroi::decision_rule{}.validate());
}
