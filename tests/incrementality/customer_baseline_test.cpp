// Tests for kolroi/incrementality/customer_baseline.hpp: touched customers against similar
// untouched ones.
#include "kolroi/incrementality/customer_baseline.hpp"

#include "test_support.hpp"

#include <cmath>
#include <random>
#include <string>
#include <vector>

namespace {

constexpr kolroi::timestamp day = 86400;
constexpr kolroi::timestamp noon(int d) {
    return d * day + 12 * 3600;
}

kolroi::order purchase(const std::string& customer, int d, double revenue) {
    kolroi::order row;
    row.id = customer + std::to_string(d);
    row.customer_id = customer;
    row.time = noon(d);
    row.revenue = revenue;
    row.currency = "USD";
    return row;
}

kolroi::touchpoint touch(const std::string& customer, int d, const std::string& kol = {}) {
    kolroi::touchpoint point;
    point.customer_id = customer;
    point.time = noon(d);
    point.kol_id = kol;
    point.channel = kol.empty() ? "Organic Search" : "kol:" + kol;
    return point;
}

// The data run from day 0 to day 30 (a's orders); with W = step = 14 days the one reference
// time is day 14, at which a, b, c and d are controls in stratum "orders 1, last 0-30 days,
// visits 0" with outcomes over days 14..28 of 0, 1 (50), 0 and 1 (30) orders:
// mean 0.5 orders (variance 1/3) and 20 gross (variance (400 + 900 + 400 + 100) / 3 = 600).
struct hand_store {
    std::vector<kolroi::order> orders = {
        purchase("a", 0, 10),  purchase("a", 30, 10), purchase("b", 2, 100), purchase("b", 20, 50),
        purchase("c", 5, 10),  purchase("d", 1, 10),  purchase("d", 15, 30), purchase("e", 3, 20),
        purchase("e", 18, 60), purchase("n", 11, 40), purchase("g", 12, 25), purchase("h", 4, 10)};
    std::vector<kolroi::touchpoint> touches = {touch("e", 16, "anna"), touch("e", 20, "anna"),
                                               touch("e", 31, "anna"), touch("n", 10, "anna"),
                                               touch("g", 8),          touch("g", 9, "anna"),
                                               touch("h", 23, "ben")};
};

} // namespace

TEST_CASE("a hand-made store: exposures, strata, baselines and the incremental orders") {
    const hand_store store;
    const auto result = kolroi::estimate_customer_baselines(store.orders, store.touches,
                                                            kolroi::exchange_rates("USD"));
    CHECK(result.control_occasions == 4);
    REQUIRE(result.kols.size() == 2);

    // anna: e at day 16 (stratum of the controls, one order of 60 by day 30), n first met
    // through the link (one order of 40, baseline zero), g seen only by a visit the day before
    // (no control with no orders and one visit: unmatched). e's touch on day 20 is inside the
    // exposure, the one on day 31 after the data.
    const auto* anna = result.find("anna");
    REQUIRE(anna != nullptr);
    CHECK(anna->customers == 3);
    CHECK(anna->exposures == 2);
    CHECK(anna->first_contact == 1);
    CHECK(anna->unmatched == 1);
    CHECK(anna->orders.actual == doctest::Approx(2));
    CHECK(anna->orders.counterfactual == doctest::Approx(0.5));
    CHECK(anna->orders.incremental == doctest::Approx(1.5));
    CHECK(anna->baseline_share().value() == doctest::Approx(0.25));
    // Var = F v + F^2 v / m with F = 1, m = 4: 1/3 + 1/12 orders, 600 + 150 gross.
    CHECK(anna->orders.standard_error.value() == doctest::Approx(std::sqrt(5.0 / 12)));
    CHECK(anna->gross.actual == doctest::Approx(100));
    CHECK(anna->gross.counterfactual == doctest::Approx(20));
    CHECK(anna->gross.standard_error.value() == doctest::Approx(std::sqrt(750.0)));
    // Normal interval: z(0.95) = 1.644853627.
    CHECK(anna->gross.range->upper == doctest::Approx(80 + 1.644853627 * std::sqrt(750.0)));

    // ben: h at day 23 has 7 of the 14 window days inside the data, so half a baseline:
    // 0.5 * 0.5 orders, Var = 0.5 / 3 + 0.25 / 12.
    const auto* ben = result.find("ben");
    REQUIRE(ben != nullptr);
    CHECK(ben->exposures == 1);
    CHECK(ben->orders.actual == doctest::Approx(0));
    CHECK(ben->orders.counterfactual == doctest::Approx(0.25));
    CHECK(ben->orders.standard_error.value() == doctest::Approx(std::sqrt(0.1875)));

    CHECK(result.notes.count("exposure after the data") == 1);
    CHECK(result.notes.count("unmatched exposures") == 1);
    bool found = false;
    for (const auto& stratum : result.strata) {
        if (stratum.name == "orders 1, last 0-30 days, visits 0") {
            found = true;
            CHECK(stratum.controls == 4);
            CHECK(stratum.exposures == 2);
            CHECK(stratum.baseline_orders == doctest::Approx(0.5));
        }
    }
    CHECK(found);
}

TEST_CASE("orders in a currency without a rate are left out and noted") {
    hand_store store;
    store.orders[3].currency = "GBP"; // b's order on day 20
    const auto result = kolroi::estimate_customer_baselines(store.orders, store.touches,
                                                            kolroi::exchange_rates("USD"));
    CHECK(result.notes.count("currency without rate") == 1);
    // The controls' mean outcome drops to 1 / 4 orders.
    CHECK(result.find("anna")->orders.counterfactual == doctest::Approx(0.25));
}

TEST_CASE("seeded simulation: intervals cover the realised incremental orders about 90%") {
    // 300 customers first seen on a day in 0..19, then buying at 0.03 orders a day to day 120.
    // 60 of them touched on a day in 30..100; each touched customer places an extra order two
    // days later with probability 0.4. The incremental orders of a run are the extra orders.
    std::mt19937_64 random(7);
    std::uniform_real_distribution<double> uniform(0.0, 1.0);
    int covered = 0;
    const int runs = 300;
    for (int run = 0; run < runs; ++run) {
        std::vector<kolroi::order> orders;
        std::vector<kolroi::touchpoint> touches;
        int extra = 0;
        for (int c = 0; c < 300; ++c) {
            const std::string id = "c" + std::to_string(c);
            double t = 20 * uniform(random);
            orders.push_back(purchase(id, 0, 10));
            orders.back().time = static_cast<kolroi::timestamp>(t * day);
            while ((t += -std::log(1 - uniform(random)) / 0.03) < 120) {
                orders.push_back(purchase(id, 0, 10));
                orders.back().id = id + "_" + std::to_string(orders.size());
                orders.back().time = static_cast<kolroi::timestamp>(t * day);
            }
            if (c < 60) {
                const double at = 30 + 70 * uniform(random);
                touches.push_back(touch(id, 0, "kol"));
                touches.back().time = static_cast<kolroi::timestamp>(at * day);
                if (uniform(random) < 0.4) {
                    ++extra;
                    orders.push_back(purchase(id, 0, 10));
                    orders.back().id = id + "_extra";
                    orders.back().time = static_cast<kolroi::timestamp>((at + 2) * day);
                }
            }
        }
        // The last order fixes the end of the data; keep every window inside it.
        orders.push_back(purchase("anchor", 121, 10));
        const auto result =
            kolroi::estimate_customer_baselines(orders, touches, kolroi::exchange_rates("USD"));
        const auto& kol = result.kols.at(0);
        covered += kol.orders.range->contains(extra) ? 1 : 0;
    }
    const double rate = covered / static_cast<double>(runs);
    CAPTURE(rate);
    // 300 runs: the binomial standard deviation of a 90% rate is 0.017.
    CHECK(rate >= 0.85);
    CHECK(rate <= 0.95);
}

TEST_CASE("bad options are errors") {
    kolroi::customer_baseline_options options;
    options.outcome_window = 0;
    CHECK_THROWS_AS(
        (void)kolroi::estimate_customer_baselines({}, {}, kolroi::exchange_rates("USD"), options),
        kolroi::error);
    options = {};
    options.level = 1.5;
    CHECK_THROWS_AS(
        (void)kolroi::estimate_customer_baselines({}, {}, kolroi::exchange_rates("USD"), options),
        kolroi::error);
}
