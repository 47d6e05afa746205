// Tests for kolroi/tracking/order_journeys.hpp: the side columns and their accessors.
#include "kolroi/tracking/order_journeys.hpp"

#include "test_support.hpp"

#include <optional>
#include <string_view>
#include <vector>

TEST_CASE("kol_of and campaign_of read the per-touch columns; none is no KOL, no campaign") {
    kolroi::order_journeys orders;
    const std::vector<kolroi::channel_id> channels = {orders.journeys.channels().intern("kol:a"),
                                                      orders.journeys.channels().intern("Email")};
    const std::vector<kolroi::timestamp> times = {10, 20};
    orders.journeys.add_timed(channels, times, 30, 1.0, 0.0, 99.5);
    orders.order_ids = {"o1"};
    orders.net_value = {80.0};
    orders.kol_ids = {"a"};
    orders.campaigns = {"spring"};
    orders.touch_kols = {0, kolroi::order_journeys::none};
    orders.touch_campaigns = {kolroi::order_journeys::none, 0};

    CHECK(orders.size() == 1);
    CHECK(orders.gross_value(0) == 99.5);
    CHECK(orders.kol_of(0) == std::optional<std::string_view>("a"));
    CHECK_FALSE(orders.kol_of(1).has_value());
    CHECK(orders.campaign_of(0).empty());
    CHECK(orders.campaign_of(1) == "spring");
}
