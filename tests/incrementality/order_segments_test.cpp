// Tests for kolroi/incrementality/order_segments.hpp: the market and product of each order.
#include "kolroi/incrementality/order_segments.hpp"

#include "test_support.hpp"

#include <string>

TEST_CASE("market and product are read per order id, compared lower-cased") {
    const std::string text = "order_id,customer_id,market,product,status\n"
                             "A,x,US,Serum,paid\n"
                             "B,y, de ,cleanser,\n"
                             "C,z,us,SERUM,paid\n";
    const auto segments = kolroi::read_order_segments(text, "orders.csv");
    CHECK(segments.has_market);
    CHECK(segments.has_product);
    REQUIRE(segments.by_order.size() == 3);
    CHECK(segments.by_order.at("A").market == "us");
    CHECK(segments.by_order.at("B").market == "de");
    CHECK(segments.by_order.at("C").product == "serum");
    CHECK(segments.markets == std::vector<std::string>{"de", "us"});
    CHECK(segments.products == std::vector<std::string>{"cleanser", "serum"});
    CHECK(segments.segment_of("A") == "us/serum");
    CHECK(segments.segment_of("A", kolroi::segment_by::market) == "us");
    CHECK(segments.segment_of("B", kolroi::segment_by::product) == "cleanser");
    CHECK(segments.segment_of("missing") == "(all)");
}

TEST_CASE("refund rows carry no segment and the first row of an id wins") {
    const std::string text = "order_id,market,product,status\n"
                             "A,us,serum,paid\n"
                             "A,uk,serum,refund\n"
                             "A,fr,serum,paid\n";
    const auto segments = kolroi::read_order_segments(text, "orders.csv");
    REQUIRE(segments.by_order.size() == 1);
    CHECK(segments.by_order.at("A").market == "us");
    CHECK(segments.markets == std::vector<std::string>{"us"});
}

TEST_CASE("given the orders read from the same text, a row the orders reader skipped is not read") {
    // Line 2 has a bad time, so read_orders skips it and keeps line 3 as order A; line 4 is a
    // second row of B, which read_orders skips as a duplicate. A is in fr, as its kept row says.
    const std::string text = "order_id,customer_id,time,revenue,currency,market,product\n"
                             "A,x,yesterday,10,USD,us,serum\n"
                             "A,x,2026-03-01T10:00:00Z,10,USD,fr,serum\n"
                             "B,y,2026-03-01T11:00:00Z,20,USD,de,cleanser\n"
                             "B,y,2026-03-01T12:00:00Z,20,USD,uk,cleanser\n";
    const auto orders = kolroi::read_orders(text, "orders.csv");
    REQUIRE(orders.orders.size() == 2);
    const auto segments = kolroi::read_order_segments(text, "orders.csv", &orders);
    REQUIRE(segments.by_order.size() == 2);
    CHECK(segments.by_order.at("A").market == "fr");
    CHECK(segments.by_order.at("B").market == "de");
    CHECK(segments.markets == std::vector<std::string>{"de", "fr"});
    // Read alone, the first row of an id wins, bad or not.
    CHECK(kolroi::read_order_segments(text, "orders.csv").by_order.at("A").market == "us");
}

TEST_CASE("an empty market is the market (none), counted with its line") {
    const std::string text = "order_id,market,product\nA,,serum\nB,us,\n";
    const auto segments = kolroi::read_order_segments(text, "orders.csv");
    CHECK(segments.segment_of("A") == "(none)/serum");
    CHECK(segments.segment_of("B") == "us/(none)");
    CHECK(segments.notes.count("order without market") == 1);
    CHECK(segments.notes.count("order without product") == 1);
    REQUIRE_FALSE(segments.notes.examples().empty());
    CHECK(segments.notes.examples().front().where.line == 2);
}

TEST_CASE("without either column every order is in the segment (all)") {
    const auto segments = kolroi::read_order_segments("order_id,revenue\nA,10\n", "orders.csv");
    CHECK_FALSE(segments.has_market);
    CHECK_FALSE(segments.has_product);
    CHECK(segments.segment_of("A") == "(all)");
    CHECK(segments.segment_name("us", "serum") == "(all)");
}

TEST_CASE("a file with one column names segments by it alone") {
    const auto segments = kolroi::read_order_segments("order_id,product\nA,serum\n", "o.csv");
    CHECK(segments.segment_of("A") == "serum");
    CHECK(segments.segment_of("A", kolroi::segment_by::market) == "(all)");
}

TEST_CASE("a row of the wrong width is skipped and counted, as the orders reader does") {
    const auto segments = kolroi::read_order_segments("order_id,market\nA,us,x\nB,uk\n", "o.csv");
    CHECK(segments.by_order.count("A") == 0);
    CHECK(segments.segment_of("B") == "uk");
    CHECK(segments.notes.count("wrong field count") == 1);
    CHECK(segments.notes.examples().front().where.describe() == "o.csv:2");
}

TEST_CASE("a file without a header or without order_id is an error naming the file") {
    CHECK_THROWS_WITH_AS((void)kolroi::read_order_segments("", "o.csv"),
                         doctest::Contains("o.csv:1"), kolroi::error);
    CHECK_THROWS_WITH_AS((void)kolroi::read_order_segments("id,market\nA,us\n", "o.csv"),
                         doctest::Contains("missing column 'order_id'"), kolroi::error);
}
