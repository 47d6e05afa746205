// Tests for kolroi/incrementality/segment_series.hpp: daily orders and revenue per segment.
#include "kolroi/incrementality/segment_series.hpp"

#include "test_support.hpp"

#include <string>

namespace {

const std::string orders_text =
    "order_id,customer_id,time,revenue,currency,status,market,product\n"
    "A,x,2026-03-01T10:00:00Z,100,USD,paid,us,serum\n"
    "B,y,2026-03-01T23:30:00-02:00,50,EUR,paid,us,serum\n" // 01:30 UTC on 03-02
    "C,z,2026-03-03T08:00:00Z,80,USD,refunded,de,cleanser\n"
    "D,z,2026-03-03T09:00:00Z,20,GBP,paid,de,serum\n"
    "B,,,-10,,refund,,\n";

kolroi::exchange_rates usd_eur() {
    kolroi::exchange_rates rates("USD");
    rates.set_rate("EUR", 1.08);
    return rates;
}

} // namespace

TEST_CASE("orders count on their UTC day, in their segment, in the reporting currency") {
    const auto file = kolroi::read_orders(orders_text, "orders.csv");
    const auto segments = kolroi::read_order_segments(orders_text, "orders.csv");
    const auto series = kolroi::daily_segment_series(file.orders, segments, usd_eur());
    CHECK(series.first_day == 1772323200); // 2026-03-01T00:00:00Z
    CHECK(series.days == 3);
    CHECK(series.currency == "USD");
    // Every (market, product) pair is a segment, with "(all)" for orders the file lacks.
    CHECK(series.segments ==
          std::vector<std::string>{"(all)", "de/cleanser", "de/serum", "us/cleanser", "us/serum"});
    const std::size_t us_serum = series.index_of("us/serum").value();
    CHECK(series.keys[us_serum].market == "us");
    CHECK(series.orders[us_serum].values == std::vector<double>{1, 1, 0});
    // B: 50 EUR = 54 USD gross, refunded 10 EUR: 40 EUR = 43.2 USD net.
    CHECK(series.gross[us_serum].values[1] == doctest::Approx(54.0));
    CHECK(series.net[us_serum].values[1] == doctest::Approx(43.2));
    CHECK(series.gross[us_serum].values[0] == doctest::Approx(100.0));

    // C was refunded in full: one order, 80 gross, 0 net.
    const std::size_t de_cleanser = series.index_of("de/cleanser").value();
    CHECK(series.orders[de_cleanser].values[2] == 1);
    CHECK(series.gross[de_cleanser].values[2] == doctest::Approx(80.0));
    CHECK(series.net[de_cleanser].values[2] == doctest::Approx(0.0));

    // D is in GBP, which has no rate: left out and counted.
    CHECK(series.orders[series.index_of("de/serum").value()].values[2] == 0);
    CHECK(series.notes.count("currency without rate") == 1);
    CHECK(series.orders[series.index_of("us/cleanser").value()].values ==
          std::vector<double>{0, 0, 0});
}

TEST_CASE("segments by market alone, and a range of days asked for") {
    const auto file = kolroi::read_orders(orders_text, "orders.csv");
    const auto segments = kolroi::read_order_segments(orders_text, "orders.csv");
    kolroi::segment_series_options options;
    options.by = kolroi::segment_by::market;
    options.first_day = 1772323200 + 86400 + 5; // any moment of 03-02
    options.last_day = 1772323200 + 5 * 86400;  // 03-06
    const auto series = kolroi::daily_segment_series(file.orders, segments, usd_eur(), options);
    CHECK(series.first_day == 1772323200 + 86400);
    CHECK(series.days == 5);
    CHECK(series.segments == std::vector<std::string>{"(all)", "de", "us"});
    CHECK(series.orders[series.index_of("us").value()].values ==
          std::vector<double>{1, 0, 0, 0, 0});
    CHECK(series.orders[series.index_of("de").value()].values ==
          std::vector<double>{0, 1, 0, 0, 0});
    CHECK(series.notes.count("outside the series' days") == 1); // A, on 03-01
    CHECK(series.day_of(1772323200) == std::nullopt);
    CHECK(series.day_of(1772323200 + 86400) == 0);

    options.last_day = 1772323200;
    CHECK_THROWS_AS((void)kolroi::daily_segment_series(file.orders, segments, usd_eur(), options),
                    kolroi::error);
}

TEST_CASE("orders without segment columns make one series, the store's") {
    const std::string text = "order_id,customer_id,time,revenue,currency\n"
                             "A,x,2026-03-01T10:00:00Z,10,USD\nB,x,2026-03-02T10:00:00Z,20,USD\n";
    const auto file = kolroi::read_orders(text, "orders.csv");
    const auto segments = kolroi::read_order_segments(text, "orders.csv");
    const auto series = kolroi::daily_segment_series(file.orders, segments, usd_eur());
    CHECK(series.segments == std::vector<std::string>{"(all)"});
    CHECK(series.gross[0].values == std::vector<double>{10, 20});
}
