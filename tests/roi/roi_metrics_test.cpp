// Tests for kolroi/roi/roi_metrics.hpp.
#include "kolroi/roi/roi_metrics.hpp"

#include "test_support.hpp"

#include <cmath>
#include <string>

namespace reason = kolroi::undefined_because;

TEST_CASE("R1: 1400 credited on a cost of 500 is ROI 1.8 and ROAS 2.8") {
    // Order A (1200, kol > organic) gives kol 600 under linear credit, order B (800, kol) 800.
    const auto m = kolroi::compute_roi_metrics({500, 1.5, 1400, 1400});
    CHECK(m.roi().value() == doctest::Approx(1.8));
    CHECK(m.roas().value() == doctest::Approx(2.8));
    CHECK(m.cpa.value() == doctest::Approx(500.0 / 1.5));
    CHECK(m.revenue() == 1400.0);
    CHECK(m.basis == kolroi::revenue_basis::net);
}

TEST_CASE("ROI uses net revenue by default; both variants are always there") {
    // 1400 sold, 200 of it refunded.
    const kolroi::roi_inputs inputs{500, 2, 1400, 1200};
    const auto net = kolroi::compute_roi_metrics(inputs);
    CHECK(net.roi().value() == doctest::Approx(1.4)); // (1200 - 500) / 500
    CHECK(net.roas().value() == doctest::Approx(2.4));
    CHECK(net.roi_gross.value() == doctest::Approx(1.8));
    CHECK(net.roas_gross.value() == doctest::Approx(2.8));

    kolroi::roi_options options;
    options.basis = kolroi::revenue_basis::gross;
    const auto gross = kolroi::compute_roi_metrics(inputs, options);
    CHECK(gross.roi().value() == doctest::Approx(1.8));
    CHECK(gross.roas().value() == doctest::Approx(2.8));
    CHECK(gross.roi_net.value() == doctest::Approx(1.4));
    CHECK(gross.revenue() == 1400.0);
    CHECK(kolroi::to_string(gross.basis) == "gross");
}

TEST_CASE("profit ROI applies the margin to net revenue, and is undefined without one") {
    kolroi::roi_options options;
    options.gross_margin = 0.4;
    const auto m = kolroi::compute_roi_metrics({500, 2, 1400, 1200}, options);
    CHECK(m.profit_roi.value() == doctest::Approx(-0.04)); // (0.4 * 1200 - 500) / 500
    const auto none = kolroi::compute_roi_metrics({500, 2, 1400, 1200});
    CHECK_FALSE(none.profit_roi.defined());
    CHECK(none.profit_roi.reason() == reason::no_margin);
}

TEST_CASE("C2: a zero cost leaves ROI and ROAS undefined, never 0") {
    kolroi::roi_options options;
    options.gross_margin = 0.5;
    const auto m = kolroi::compute_roi_metrics({0, 3, 900, 900}, options);
    for (const auto* metric :
         {&m.roi_net, &m.roi_gross, &m.roas_net, &m.roas_gross, &m.profit_roi}) {
        CHECK_FALSE(metric->defined());
        CHECK_FALSE(metric->optional().has_value());
        CHECK(metric->reason() == reason::zero_cost);
        CHECK(metric->describe() == "undefined: zero cost");
    }
    CHECK_THROWS_WITH((void)m.roi().value(), "metric::value: undefined: zero cost");
    try {
        (void)m.roas().value();
    } catch (const kolroi::error& e) {
        CHECK(e.kind() == kolroi::error_kind::numeric_error);
    }
    // Nothing paid for three orders: a cost per order of exactly 0 is true, not undefined.
    CHECK(m.cpa.value() == 0.0);
}

TEST_CASE("zero credited orders leave CPA undefined") {
    const auto m = kolroi::compute_roi_metrics({250, 0, 0, 0});
    CHECK_FALSE(m.cpa.defined());
    CHECK(m.cpa.reason() == reason::zero_orders);
    CHECK(m.cpa.describe() == "undefined: zero credited orders");
    // A cost and nothing back is a loss of everything: ROI -1, ROAS 0.
    CHECK(m.roi().value() == -1.0);
    CHECK(m.roas().value() == 0.0);
}

TEST_CASE("a defined metric describes itself as its exact number") {
    CHECK(kolroi::metric::of(2.8).describe() == "2.8");
    CHECK(kolroi::metric::of(-0.04).describe() == "-0.04");
    CHECK(kolroi::metric::of(1.0) == kolroi::metric::of(1.0));
    CHECK_FALSE(kolroi::metric::of(0.0) == kolroi::metric::undefined(reason::zero_cost));
}

TEST_CASE("refunds above sales give a negative net ROI, not an error") {
    const auto m = kolroi::compute_roi_metrics({100, 1, 50, -30});
    CHECK(m.roi().value() == doctest::Approx(-1.3));
}

TEST_CASE("inputs outside their range are errors naming the value") {
    CHECK_THROWS_WITH((void)kolroi::compute_roi_metrics({-1, 0, 0, 0}),
                      "compute_roi_metrics: cost is -1; it must be non-negative and finite");
    CHECK_THROWS_AS((void)kolroi::compute_roi_metrics({1, -1, 0, 0}), kolroi::error);
    CHECK_THROWS_AS((void)kolroi::compute_roi_metrics({1, 1, -5, 0}), kolroi::error);
    CHECK_THROWS_AS((void)kolroi::compute_roi_metrics({1, 1, 5, std::nan("")}), kolroi::error);
    kolroi::roi_options options;
    options.gross_margin = 1.2;
    CHECK_THROWS_WITH((void)kolroi::compute_roi_metrics({1, 1, 5, 5}, options),
                      "compute_roi_metrics: gross margin is 1.2; a margin is a fraction in [0, 1]");
}
