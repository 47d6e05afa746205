// Tests for kolroi/tracking/kol_credit.hpp, on journeys built by hand; the expected values are the
// worked cases R1 and R2 (../shared/cases/README.md) and sums done by hand.
#include "kolroi/attribution/first_touch.hpp"
#include "kolroi/attribution/linear.hpp"
#include "kolroi/tracking/kol_credit.hpp"

#include "test_support.hpp"

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

namespace {

struct hand_touch {
    const char* channel;
    const char* kol; ///< empty: no KOL
};

/// Adds one order of `gross` and `net` with `touches` (one minute apart, ending at the order).
void add_order(kolroi::order_journeys& orders, const std::string& id, double gross, double net,
               const std::vector<hand_touch>& touches) {
    std::vector<kolroi::channel_id> channels;
    std::vector<kolroi::timestamp> times;
    const kolroi::timestamp order_time = 1'000'000;
    for (std::size_t i = 0; i < touches.size(); ++i) {
        channels.push_back(orders.journeys.channels().intern(touches[i].channel));
        times.push_back(order_time - static_cast<kolroi::timestamp>(touches.size() - i) * 60);
        const std::string kol = touches[i].kol;
        if (kol.empty()) {
            orders.touch_kols.push_back(kolroi::order_journeys::none);
        } else {
            const auto found = std::find(orders.kol_ids.begin(), orders.kol_ids.end(), kol);
            orders.touch_kols.push_back(static_cast<std::uint32_t>(found - orders.kol_ids.begin()));
            if (found == orders.kol_ids.end()) {
                orders.kol_ids.push_back(kol);
            }
        }
        orders.touch_campaigns.push_back(kolroi::order_journeys::none);
        orders.touch_platforms.push_back(kolroi::platform::instagram);
        orders.touch_bases.push_back(kolroi::touch_basis::campaign_tags);
    }
    orders.journeys.add_timed(channels, times, order_time, 1.0, 0.0, gross);
    orders.order_ids.push_back(id);
    orders.order_index.push_back(orders.order_index.size());
    orders.net_value.push_back(net);
    orders.status.push_back(kolroi::order_status::paid);
}

} // namespace

TEST_CASE("R1: linear credit of kol_001 is 600 + 800 = 1400") {
    kolroi::order_journeys orders;
    add_order(orders, "A", 1200, 1200, {{"kol:kol_001", "kol_001"}, {"Organic Search", ""}});
    add_order(orders, "B", 800, 800, {{"kol:kol_001", "kol_001"}});
    const auto credit = kolroi::credit_by_kol(orders, kolroi::linear{});
    CHECK(credit.of("kol_001").gross_value == doctest::Approx(1400.0));
    CHECK(credit.of("kol_001").conversions == doctest::Approx(1.5));
    CHECK(credit.other_touches.gross_value == doctest::Approx(600.0));
    CHECK(credit.of("nobody").gross_value == 0.0);
}

TEST_CASE("R2: a repeated KOL adds up: 900 over kol > kol > organic gives 600 and 300") {
    kolroi::order_journeys orders;
    add_order(orders, "A", 900, 450, {{"kol:a", "a"}, {"kol:a", "a"}, {"Organic Search", ""}});
    const auto credit = kolroi::credit_by_kol(orders, kolroi::linear{});
    CHECK(credit.of("a").gross_value == doctest::Approx(600.0));
    CHECK(credit.of("a").net_value == doctest::Approx(300.0));
    CHECK(credit.other_touches.gross_value == doctest::Approx(300.0));
}

TEST_CASE("net value is split with the order's weights, and the parts sum to the totals") {
    kolroi::order_journeys orders;
    add_order(orders, "A", 100, 60, {{"kol:a", "a"}, {"kol:b", "b"}, {"Email", ""}});
    add_order(orders, "B", 50, 0, {});
    add_order(orders, "C", 30, 30, {{"kol:b", "b"}, {"kol:a", "a"}});

    // First touch: A to a, C to b; B has no touches.
    const auto first = kolroi::credit_by_kol(orders, kolroi::first_touch{});
    CHECK(first.of("a").gross_value == 100.0);
    CHECK(first.of("a").net_value == 60.0);
    CHECK(first.of("b").gross_value == 30.0);
    CHECK(first.no_touchpoint.gross_value == 50.0);
    CHECK(first.no_touchpoint.net_value == 0.0);
    CHECK(first.no_touchpoint.conversions == 1.0);

    // Weights given directly: A 0.2 / 0.3 / 0.5, C 0.25 / 0.75.
    const std::vector<double> weights = {0.2, 0.3, 0.5, 0.25, 0.75};
    const auto given = kolroi::credit_by_kol(orders, weights);
    CHECK(given.of("a").gross_value == doctest::Approx(20.0 + 22.5));
    CHECK(given.of("a").net_value == doctest::Approx(12.0 + 22.5));
    CHECK(given.of("b").gross_value == doctest::Approx(30.0 + 7.5));
    CHECK(given.of("b").conversions == doctest::Approx(0.3 + 0.25));
    CHECK(given.other_touches.net_value == doctest::Approx(30.0));
    CHECK(given.total().gross_value == doctest::Approx(180.0));
    CHECK(given.total().net_value == doctest::Approx(90.0));
    CHECK(given.total().conversions == doctest::Approx(3.0));
}

TEST_CASE("weights that do not match the touches are refused") {
    kolroi::order_journeys orders;
    add_order(orders, "A", 100, 100, {{"Email", ""}});
    CHECK_THROWS_WITH((void)kolroi::credit_by_kol(orders, std::vector<double>{0.5, 0.5}),
                      "credit_by_kol: 2 weights for 1 touches");
}
