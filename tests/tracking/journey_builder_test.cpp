// Tests for kolroi/tracking/journey_builder.hpp. Expected journeys are worked out by hand from the
// rules at the top of the header, or, for random logs, by a brute-force builder written here that
// looks at every touch for every order.
#include "kolroi/attribution/last_touch.hpp"
#include "kolroi/attribution/linear.hpp"
#include "kolroi/io/file.hpp"
#include "kolroi/io/iso8601.hpp"
#include "kolroi/tracking/journey_builder.hpp"
#include "kolroi/tracking/kol_credit.hpp"

#include "test_support.hpp"

#include <algorithm>
#include <random>
#include <string>
#include <tuple>
#include <vector>

namespace {

using kolroi::order;
using kolroi::order_journeys;
using kolroi::platform;
using kolroi::timestamp;
using kolroi::touchpoint;

constexpr timestamp minute = 60;
constexpr timestamp hour = 3600;
constexpr timestamp day = 86400;

kolroi::touch_resolver store_resolver() {
    kolroi::touch_resolver_config config;
    config.referrers.add_own_domain("shop.example");
    config.kols.add({"anna",
                     "Anna",
                     platform::instagram,
                     "@anna",
                     {{kolroi::kol_key_kind::utm_campaign, "kol_anna"},
                      {kolroi::kol_key_kind::promo_code, "ANNA10"}}});
    config.kols.add(
        {"bob",
         "Bob",
         platform::tiktok,
         "@bob",
         {{kolroi::kol_key_kind::link_slug, "bob"}, {kolroi::kol_key_kind::promo_code, "BOB15"}}});
    return kolroi::touch_resolver(std::move(config));
}

kolroi::exchange_rates usd_rates() {
    kolroi::exchange_rates rates("USD");
    rates.set_rate("EUR", 1.1);
    rates.set_rate("VND", 0.00004);
    return rates;
}

order make_order(std::string id, std::string customer, timestamp time, double revenue,
                 std::vector<std::string> codes = {}, std::string currency = "USD") {
    order row;
    row.id = std::move(id);
    row.customer_id = std::move(customer);
    row.time = time;
    row.revenue = revenue;
    row.currency = std::move(currency);
    row.discount_codes = std::move(codes);
    return row;
}

touchpoint make_touch(std::string customer, timestamp time, std::string channel,
                      std::string kol = "", std::string campaign = "") {
    touchpoint touch;
    touch.customer_id = std::move(customer);
    touch.time = time;
    touch.channel = std::move(channel);
    touch.kol_id = std::move(kol);
    touch.campaign = std::move(campaign);
    touch.platform = touch.kol_id.empty() ? platform::other : platform::instagram;
    touch.basis = kolroi::touch_basis::campaign_tags;
    return touch;
}

order_journeys build(const std::vector<order>& orders, const std::vector<touchpoint>& touches,
                     const kolroi::journey_options& options = {}) {
    return kolroi::build_journeys(orders, touches, store_resolver(), usd_rates(), options,
                                  {"orders.csv", "visits.csv"});
}

/// The channel names of journey j.
std::vector<std::string> names(const order_journeys& result, std::size_t j) {
    std::vector<std::string> out;
    for (const auto id : result.journeys.journey(j).channels) {
        out.push_back(result.journeys.channels().name(id));
    }
    return out;
}

std::vector<timestamp> times(const order_journeys& result, std::size_t j) {
    const auto view = result.journeys.journey(j).touch_times;
    return {view.begin(), view.end()};
}

using strings = std::vector<std::string>;
using stamps = std::vector<timestamp>;

const timestamp t0 = kolroi::parse_iso8601("2024-03-10T12:00:00Z");

} // namespace

TEST_CASE("the bundled store: orders, refunds, rates and visits to journeys, by hand") {
    const auto resolver = store_resolver();
    const auto orders = kolroi::read_orders(
        kolroi::read_file(kolroi::test::test_data("journeys/orders.csv")), "orders.csv");
    const auto visits = kolroi::read_touchpoints(
        kolroi::read_file(kolroi::test::test_data("journeys/visits.csv")), "visits.csv", resolver);
    const auto rates = kolroi::read_exchange_rates(
        kolroi::read_file(kolroi::test::test_data("journeys/rates.csv")), "rates.csv", "USD");
    const auto result = kolroi::build_journeys(orders, visits, resolver, rates);

    // O6 is in GBP, which has no rate: skipped and counted with its place.
    REQUIRE(result.size() == 5);
    CHECK(result.order_ids == strings{"O1", "O2", "O3", "O4", "O5"});
    CHECK(result.order_index == std::vector<std::size_t>{0, 1, 2, 3, 4});
    CHECK(result.notes.count("currency without rate") == 1);
    const auto& skipped = result.notes.examples()[0];
    CHECK(skipped.where.describe() == "orders.csv:8: field 'currency'");

    // O1: Anna's link exactly 30 days before is in, Google 1 s earlier is out, and the second
    // Google visit 20 minutes after the first is merged into it.
    CHECK(names(result, 0) == strings{"kol:anna", "Organic Search"});
    CHECK(times(result, 0) == stamps{t0 - 30 * day, t0 - hour});
    CHECK(result.gross_value(0) == 100.0);
    CHECK(result.net_value[0] == 100.0);

    // O2: the touches after O1, then Anna's code at order time; 200 EUR gross, 150 EUR net.
    CHECK(names(result, 1) == strings{"kol:bob", "Direct", "kol:anna"});
    CHECK(times(result, 1) == stamps{t0 + day - 3 * hour, t0 + 2 * day, t0 + 2 * day});
    CHECK(result.gross_value(1) == doctest::Approx(220.0));
    CHECK(result.net_value[1] == doctest::Approx(165.0));

    // O3: 08:00+08:00 is midnight UTC; 2,500,000 VND at 0.00004 is 100 USD.
    CHECK(names(result, 2) == strings{"Paid Social"});
    CHECK(result.gross_value(2) == doctest::Approx(100.0));

    // O4: a sitewide code alone is the order's one touch; O5 is cancelled: net 0.
    CHECK(names(result, 3) == strings{"promo:welcome"});
    CHECK(names(result, 4) == strings{"kol:bob"});
    CHECK(result.gross_value(4) == 60.0);
    CHECK(result.net_value[4] == 0.0);
    CHECK(result.status[4] == kolroi::order_status::cancelled);

    // Touches not used: c1 after its last order, c5 (its order was skipped) and c6.
    CHECK(result.notes.count("touches without orders") == 3);
    CHECK(result.notes.count("touches outside the lookback window") == 1);
    CHECK(result.notes.count("touches merged into a session") == 1);
    CHECK(result.notes.total() == 6);

    // Side columns of O2: Bob's slug (direct basis), a direct visit, Anna's promo code.
    const auto first = static_cast<std::size_t>(result.journeys.offsets()[1]);
    CHECK(result.kol_of(first) == std::optional<std::string_view>("bob"));
    CHECK_FALSE(result.kol_of(first + 1).has_value());
    CHECK(result.kol_of(first + 2) == std::optional<std::string_view>("anna"));
    CHECK(result.touch_bases[first + 2] == kolroi::touch_basis::promo_code);
    CHECK(result.touch_platforms[first + 2] == platform::instagram);
    CHECK(result.campaign_of(0) == "kol_anna");

    // Linear credit, worked by hand: Anna 100/2 + 220/3 gross, 100/2 + 165/3 net; Bob 220/3 + 60
    // gross, 165/3 + 0 net.
    const auto credit = kolroi::credit_by_kol(result, kolroi::linear{});
    CHECK(credit.of("anna").gross_value == doctest::Approx(50.0 + 220.0 / 3));
    CHECK(credit.of("anna").net_value == doctest::Approx(50.0 + 55.0));
    CHECK(credit.of("anna").conversions == doctest::Approx(0.5 + 1.0 / 3));
    CHECK(credit.of("bob").gross_value == doctest::Approx(220.0 / 3 + 60.0));
    CHECK(credit.of("bob").net_value == doctest::Approx(55.0));
    CHECK(credit.other_touches.gross_value == doctest::Approx(50.0 + 220.0 / 3 + 100 + 40));
    CHECK(credit.total().gross_value == doctest::Approx(520.0));
    CHECK(credit.total().net_value == doctest::Approx(405.0));
    CHECK(credit.total().conversions == doctest::Approx(5.0));

    // Last touch: Anna's code ends O2, so she takes all of its 220.
    const auto last = kolroi::credit_by_kol(result, kolroi::last_touch{});
    CHECK(last.of("anna").gross_value == doctest::Approx(220.0));
    CHECK(last.of("bob").gross_value == doctest::Approx(60.0));
}

TEST_CASE("the lookback bound is inclusive: exactly 30 days in, one second more out") {
    const std::vector<order> orders = {make_order("a", "c", t0, 10)};
    const std::vector<touchpoint> touches = {
        make_touch("c", t0 - 30 * day - 1, "Email"),
        make_touch("c", t0 - 30 * day, "Organic Search"),
    };
    const auto result = build(orders, touches);
    CHECK(names(result, 0) == strings{"Organic Search"});
    CHECK(result.notes.count("touches outside the lookback window") == 1);
    CHECK(result.notes.examples()[0].detail ==
          "build_journeys: touch at 2024-02-09T11:59:59Z is more than 2592000 s before order 'a' "
          "at 2024-03-10T12:00:00Z");

    kolroi::journey_options week;
    week.lookback_window = 7 * day;
    const std::vector<touchpoint> near = {make_touch("c", t0 - 7 * day - 1, "Email"),
                                          make_touch("c", t0 - 7 * day, "Direct"),
                                          make_touch("c", t0, "Referral")};
    CHECK(names(build(orders, near, week), 0) == strings{"Direct", "Referral"});
}

TEST_CASE("repeats of a channel within the session timeout merge into the first") {
    const std::vector<order> orders = {make_order("a", "c", t0 + day, 10)};
    const std::vector<touchpoint> touches = {
        make_touch("c", t0, "Organic Search"),
        make_touch("c", t0 + 10 * minute, "Organic Search"), // merged
        make_touch("c", t0 + 40 * minute, "Organic Search"), // 30 min after the last: merged
        make_touch("c", t0 + 71 * minute, "Organic Search"), // 31 min: a new session
        make_touch("c", t0 + 72 * minute, "Email"),
        make_touch("c", t0 + 73 * minute, "Organic Search"), // another channel came between
        make_touch("c", t0 + 80 * minute, "kol:anna", "anna"),
        make_touch("c", t0 + 81 * minute, "kol:anna", "anna"), // merged
    };
    const auto result = build(orders, touches);
    CHECK(names(result, 0) ==
          strings{"Organic Search", "Organic Search", "Email", "Organic Search", "kol:anna"});
    CHECK(times(result, 0) ==
          stamps{t0, t0 + 71 * minute, t0 + 72 * minute, t0 + 73 * minute, t0 + 80 * minute});
    CHECK(result.notes.count("touches merged into a session") == 3);

    kolroi::journey_options every_visit;
    every_visit.collapse_sessions = false;
    CHECK(build(orders, touches, every_visit).journeys.journey(0).size() == 8);

    kolroi::journey_options short_sessions;
    short_sessions.session_timeout = 10 * minute;
    CHECK(build(orders, touches, short_sessions).journeys.journey(0).size() == 6);
}

TEST_CASE("one channel of two KOLs is two touches, never merged") {
    const std::vector<order> orders = {make_order("a", "c", t0, 10)};
    const std::vector<touchpoint> touches = {make_touch("c", t0 - minute, "Paid Social", "anna"),
                                             make_touch("c", t0, "Paid Social", "bob")};
    const auto result = build(orders, touches);
    CHECK(result.journeys.journey(0).size() == 2);
}

TEST_CASE("two orders in one second are two journeys; the lower id takes the touches") {
    // "9" comes before "10" as a number; journeys keep the orders' input order.
    const std::vector<order> orders = {make_order("10", "c", t0, 30, {"BOB15"}),
                                       make_order("9", "c", t0, 20)};
    const std::vector<touchpoint> touches = {make_touch("c", t0 - hour, "Email"),
                                             make_touch("c", t0, "Direct")};
    const auto result = build(orders, touches);
    REQUIRE(result.size() == 2);
    CHECK(result.order_ids == strings{"10", "9"});
    CHECK(names(result, 1) == strings{"Email", "Direct"});
    CHECK(names(result, 0) == strings{"kol:bob"});
    CHECK(result.gross_value(0) == 30.0);
    CHECK(result.journeys.total_conversions() == 2.0);

    CHECK(kolroi::detail::order_id_less("9", "10"));
    CHECK(kolroi::detail::order_id_less("0009", "10"));
    CHECK(kolroi::detail::order_id_less("10", "A1"));
    CHECK(kolroi::detail::order_id_less("A10", "A9"));
    CHECK_FALSE(kolroi::detail::order_id_less("10", "9"));
}

TEST_CASE("touches after an order go to the next order, and each touch to one order") {
    const std::vector<order> orders = {make_order("a", "c", t0, 10),
                                       make_order("b", "c", t0 + 5 * day, 20),
                                       make_order("x", "other", t0, 5)};
    const std::vector<touchpoint> touches = {
        make_touch("c", t0 - day, "Email"),
        make_touch("c", t0, "Direct"),             // at the order: the order's
        make_touch("c", t0 + 1, "Organic Search"), // one second after: the next order's
        make_touch("c", t0 + 6 * day, "Referral"), // after the last order: none
    };
    const auto result = build(orders, touches);
    CHECK(names(result, 0) == strings{"Email", "Direct"});
    CHECK(names(result, 1) == strings{"Organic Search"});
    CHECK(result.journeys.journey(2).empty());
    CHECK(result.notes.count("touches without orders") == 1);
    CHECK(result.notes.examples()[0].detail ==
          "build_journeys: customer 'c' has no order after 2024-03-15T12:00:00Z");

    // The order without touches is in the no-touchpoint bucket of every credit table.
    const auto credit = kolroi::credit_by_kol(result, kolroi::linear{});
    CHECK(credit.no_touchpoint.gross_value == 5.0);
    CHECK(credit.no_touchpoint.conversions == 1.0);
}

TEST_CASE("refunds and cancellations: net value is split with the order's weights") {
    std::vector<order> orders = {make_order("a", "c", t0, 100), make_order("b", "d", t0, 80),
                                 make_order("e", "f", t0, 50)};
    orders[0].status = kolroi::order_status::partially_refunded;
    orders[0].refunded = 40;
    orders[1].status = kolroi::order_status::cancelled;
    orders[2].status = kolroi::order_status::refunded;
    const std::vector<touchpoint> touches = {
        make_touch("c", t0 - hour, "kol:anna", "anna"), make_touch("c", t0, "Email"),
        make_touch("d", t0, "kol:anna", "anna"), make_touch("f", t0, "Email")};
    const auto result = build(orders, touches);
    CHECK(result.net_value == std::vector<double>{60.0, 0.0, 0.0});
    const auto credit = kolroi::credit_by_kol(result, kolroi::linear{});
    CHECK(credit.of("anna").gross_value == doctest::Approx(50.0 + 80.0));
    CHECK(credit.of("anna").net_value == doctest::Approx(30.0));
    CHECK(credit.other_touches.gross_value == doctest::Approx(50.0 + 50.0));
    CHECK(credit.other_touches.net_value == doctest::Approx(30.0));
    CHECK(credit.total().net_value == doctest::Approx(60.0));
    CHECK_THROWS_AS((void)kolroi::credit_by_kol(result, std::vector<double>{1.0}), kolroi::error);
}

TEST_CASE("orders in several currencies; a currency without a rate is never taken at 1") {
    const std::vector<order> orders = {make_order("a", "c", t0, 200, {}, "EUR"),
                                       make_order("b", "c", t0 + day, 30, {}, "GBP"),
                                       make_order("d", "c", t0 + 2 * day, 7)};
    std::vector<order> lines = orders;
    lines[1].line = 3;
    const std::vector<touchpoint> touches = {make_touch("c", t0 + hour, "Email")};

    const auto result = build(lines, touches);
    CHECK(result.reporting_currency == "USD");
    CHECK(result.order_ids == strings{"a", "d"});
    CHECK(result.gross_value(0) == doctest::Approx(220.0));
    CHECK(result.gross_value(1) == 7.0);
    // Order b is no order for the builder, so the touch after a goes to d.
    CHECK(names(result, 1) == strings{"Email"});
    CHECK(result.notes.count("currency without rate") == 1);
    CHECK(result.notes.examples()[0].detail ==
          "build_journeys: order 'b' is in 'GBP', which has no rate to the reporting currency "
          "'USD'");

    kolroi::journey_options strict;
    strict.on_missing_rate = kolroi::bad_row_policy::strict;
    CHECK_THROWS_WITH((void)build(lines, touches, strict),
                      "orders.csv:3: field 'currency': build_journeys: order 'b' is in 'GBP', "
                      "which has no rate to the reporting currency 'USD'");
}

TEST_CASE("promo codes are touches at order time, as promo_precedence orders them") {
    const std::vector<order> orders = {
        make_order("a", "c1", t0, 10, {"welcome", "anna10"}), // sitewide left out beside others
        make_order("b", "c2", t0, 10, {"WELCOME"}),           // a sitewide code alone stays
        make_order("d", "c3", t0, 10, {"BOB15"}),
    };
    const std::vector<touchpoint> touches = {make_touch("c1", t0 - hour, "Email"),
                                             make_touch("c3", t0, "Direct")};
    const auto result = build(orders, touches);
    CHECK(names(result, 0) == strings{"Email", "kol:anna"});
    CHECK(times(result, 0) == stamps{t0 - hour, t0});
    CHECK(names(result, 1) == strings{"promo:welcome"});
    CHECK(names(result, 2) == strings{"Direct", "kol:bob"});
    const auto code = static_cast<std::size_t>(result.journeys.offsets()[2]) + 1;
    CHECK(result.kol_of(code) == std::optional<std::string_view>("bob"));
    CHECK(result.touch_platforms[code] == platform::tiktok);

    kolroi::journey_options sitewide;
    sitewide.precedence.sitewide_code_takes_credit = true;
    CHECK(names(build(orders, touches, sitewide), 0) ==
          strings{"Email", "promo:welcome", "kol:anna"});
}

TEST_CASE("negative windows are refused") {
    kolroi::journey_options options;
    options.session_timeout = -1;
    CHECK_THROWS_AS((void)build({}, {}, options), kolroi::error);
    const auto empty = build({}, {});
    CHECK(empty.size() == 0);
    CHECK(empty.journeys.journey_count() == 0);
}

namespace {

/// The journeys by definition: for each order, every touch of its customer after the previous
/// order and not after it, within the window, sorted, then repeats merged.
struct reference_journey {
    std::vector<std::string> channels;
    std::vector<timestamp> times;
};

std::vector<reference_journey> brute_force(const std::vector<order>& orders,
                                           const std::vector<touchpoint>& touches,
                                           timestamp lookback, timestamp session) {
    std::vector<reference_journey> out;
    for (const order& o : orders) {
        timestamp previous = std::numeric_limits<timestamp>::min();
        for (const order& q : orders) {
            const bool before = q.time < o.time || (q.time == o.time && q.id < o.id);
            if (q.customer_id == o.customer_id && before) {
                previous = std::max(previous, q.time);
            }
        }
        std::vector<touchpoint> mine;
        for (const touchpoint& t : touches) {
            if (t.customer_id == o.customer_id && t.time > previous && t.time <= o.time &&
                o.time - t.time <= lookback) {
                mine.push_back(t);
            }
        }
        std::sort(mine.begin(), mine.end(), [](const touchpoint& a, const touchpoint& b) {
            return std::tie(a.time, a.channel, a.kol_id, a.campaign) <
                   std::tie(b.time, b.channel, b.kol_id, b.campaign);
        });
        reference_journey journey;
        const touchpoint* kept = nullptr;
        timestamp last = 0;
        for (const touchpoint& t : mine) {
            if (kept != nullptr && kept->channel == t.channel && kept->kol_id == t.kol_id &&
                t.time - last <= session) {
                last = t.time;
                continue;
            }
            journey.channels.push_back(t.channel);
            journey.times.push_back(t.time);
            kept = &t;
            last = t.time;
        }
        out.push_back(journey);
    }
    return out;
}

struct random_store {
    std::vector<order> orders;
    std::vector<touchpoint> touches;
};

/// "o1017", built by appending (GCC 12 warns falsely about `"o" + std::to_string(n)`).
std::string label(char prefix, std::size_t number) {
    std::string text(1, prefix);
    text += std::to_string(number);
    return text;
}

/// A log with many ties: times on a 10-minute grid, few channels, several orders per customer,
/// some in the same second.
random_store make_random_store(std::uint64_t seed) {
    std::mt19937_64 random(seed);
    const std::vector<std::string> channels = {"Email", "Direct", "Organic Search", "kol:anna"};
    auto pick = [&](std::size_t n) {
        return static_cast<std::size_t>(
            std::uniform_int_distribution<std::size_t>(0, n - 1)(random));
    };
    random_store store;
    for (int c = 0; c < 40; ++c) {
        const std::string customer = label('c', static_cast<std::size_t>(c));
        const std::size_t order_count = pick(4);
        for (std::size_t k = 0; k < order_count; ++k) {
            const timestamp when = t0 + static_cast<timestamp>(pick(300)) * 10 * minute;
            store.orders.push_back(make_order(label('o', store.orders.size() + 1000), customer,
                                              when, 1.0 + static_cast<double>(pick(99))));
            if (pick(4) == 0) { // a second order in the same second
                store.orders.push_back(
                    make_order(label('o', store.orders.size() + 1000), customer, when, 5.0));
            }
        }
        const std::size_t touch_count = pick(30);
        for (std::size_t k = 0; k < touch_count; ++k) {
            const std::size_t channel = pick(channels.size());
            const timestamp when = t0 - 40 * day + static_cast<timestamp>(pick(6500)) * 10 * minute;
            store.touches.push_back(make_touch(customer, when, channels[channel],
                                               channel == 3 ? "anna" : "",
                                               pick(2) ? "spring" : ""));
        }
    }
    // A customer with touches and no orders.
    store.touches.push_back(make_touch("nobody", t0, "Email"));
    return store;
}

void check_same(const order_journeys& a, const order_journeys& b) {
    REQUIRE(a.size() == b.size());
    CHECK(a.order_ids == b.order_ids);
    CHECK(a.net_value == b.net_value);
    for (std::size_t j = 0; j < a.size(); ++j) {
        CHECK(names(a, j) == names(b, j));
        CHECK(times(a, j) == times(b, j));
        CHECK(a.gross_value(j) == b.gross_value(j));
    }
    REQUIRE(a.touch_kols.size() == b.touch_kols.size());
    for (std::size_t i = 0; i < a.touch_kols.size(); ++i) {
        CHECK(a.kol_of(i) == b.kol_of(i));
        CHECK(a.campaign_of(i) == b.campaign_of(i));
    }
    CHECK(a.notes.counts() == b.notes.counts());
}

} // namespace

TEST_CASE("random logs: the journeys are the brute-force ones, whatever the touch order") {
    for (const std::uint64_t seed : {1u, 2u, 3u, 20240305u}) {
        CAPTURE(seed);
        random_store store = make_random_store(seed);
        const auto result = build(store.orders, store.touches);
        const auto expected = brute_force(store.orders, store.touches, 30 * day, 30 * minute);
        REQUIRE(result.size() == expected.size());
        std::size_t touches_used = 0;
        for (std::size_t j = 0; j < expected.size(); ++j) {
            CAPTURE(j);
            CHECK(names(result, j) == expected[j].channels);
            CHECK(times(result, j) == expected[j].times);
            touches_used += expected[j].channels.size();
        }
        // Every touch is used once, merged, out of its window, or without an order.
        CHECK(touches_used + result.notes.total() == store.touches.size());
        CHECK(result.notes.count("touches without orders") >= 1);

        std::mt19937_64 shuffler(seed * 7919);
        for (int shuffle = 0; shuffle < 5; ++shuffle) {
            std::vector<touchpoint> shuffled = store.touches;
            std::shuffle(shuffled.begin(), shuffled.end(), shuffler);
            check_same(result, build(store.orders, shuffled));
        }
    }
}
