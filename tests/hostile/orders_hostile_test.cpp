// Hostile input for kolroi/tracking/orders.hpp: one file with a row for every reason a row is
// skipped (wrong column count, dates out of range, NaN and infinite revenue, negative revenue,
// duplicate order ids, refunds that do not add up), a truncated file, and enormous fields.
#include "hostile_support.hpp"

#include "kolroi/tracking/orders.hpp"

#include <cstddef>
#include <string>
#include <vector>

using kolroi::error_kind;
using kolroi::test::check_one_skip;
using kolroi::test::check_throws;
using kolroi::test::hostile_file;

TEST_CASE("every bad row of orders_bad_rows.csv is skipped and counted at its line and field") {
    const auto file = kolroi::read_orders(hostile_file("orders_bad_rows.csv"), "orders.csv");

    // 20 data rows: 2 orders, 1 joined refund and 17 skips.
    CHECK(file.rows == 20);
    REQUIRE(file.orders.size() == 2);
    CHECK(file.refund_rows == 1);
    CHECK(file.notes.total() == 17 + 1); // and one remark: G2's partial refund without amount

    check_one_skip(file.notes, "wrong field count", 3, "", "expected 7 fields, saw 6");
    check_one_skip(file.notes, "missing order id", 4, "order_id", "the order id is empty");
    check_one_skip(file.notes, "unknown status", 5, "status", "status 'shipped' is none of");
    check_one_skip(file.notes, "missing customer id", 6, "customer_id", "order 'C1'");
    CHECK(file.notes.count("bad timestamp") == 4); // lines 7, 8, 19, 20
    CHECK(file.notes.count("bad revenue") == 2);   // lines 9, 10
    check_one_skip(file.notes, "negative revenue outside a refund", 11, "revenue",
                   "order 'N1' has revenue -5");
    check_one_skip(file.notes, "refund not negative", 12, "revenue", "has revenue 5");
    check_one_skip(file.notes, "unknown currency", 13, "currency", "currency 'US$'");
    check_one_skip(file.notes, "duplicate order id", 14, "order_id",
                   "order 'G1' appears again; line 2 gave it first");
    check_one_skip(file.notes, "refund of an unknown order", 15, "order_id", "order 'X9'");
    check_one_skip(file.notes, "refund in another currency", 16, "currency",
                   "is in EUR but the order is in USD");
    check_one_skip(file.notes, "refunds exceed revenue", 18, "revenue",
                   "reach 110 but its revenue is 100");
    check_one_skip(file.notes, "partial refund without amount", 21, "status", "order 'G2'");

    // The dates out of range and the numbers that are not finite, each at its own line.
    const std::vector<std::pair<std::size_t, std::string>> expected = {
        {7, "day 29 is outside 1..28 for month 2 of 2023"},
        {8, "month 13 is outside 1..12"},
        {9, "expected a finite number, saw 'NaN'"},
        {10, "expected a finite number, saw 'inf'"},
        {19, "hour 24 is outside 0..23"},
        {20, "expected '-' after the year at character 5"},
    };
    for (const auto& [line, fragment] : expected) {
        bool found = false;
        for (const auto& note : file.notes.examples()) {
            if (note.where.line == line) {
                found = true;
                INFO("line " << line << ": " << note.detail);
                CHECK(note.detail.find(fragment) != std::string::npos);
                CHECK(note.where.field == (line == 9 || line == 10 ? "revenue" : "time"));
            }
        }
        CHECK_MESSAGE(found, "no note for line " << line);
    }

    // What is kept is exact: G1 less its one good refund, G2 at its gross.
    const auto& g1 = file.orders[0];
    CHECK(g1.id == "G1");
    CHECK(g1.refunded == 30);
    CHECK(g1.net_revenue() == 70);
    const auto& g2 = file.orders[1];
    CHECK(g2.time == 1709308800); // GNU date: 2024-03-01T16:00:00Z is 24:00+08:00 of 03-01
    CHECK(g2.currency == "USD");
    CHECK(g2.discount_codes == std::vector<std::string>{"A", "B"});
    CHECK(g2.net_revenue() == 20);
}

TEST_CASE("in strict mode the first bad row of orders_bad_rows.csv throws with its location") {
    kolroi::order_read_options options;
    options.on_bad_row = kolroi::bad_row_policy::strict;
    check_throws(
        [&] { (void)kolroi::read_orders(hostile_file("orders_bad_rows.csv"), "o.csv", options); },
        {error_kind::parse_error, "o.csv", 3, "", "expected 7 fields, saw 6"});
}

TEST_CASE("a file cut off inside a quoted field is an error, not a skipped row") {
    check_throws(
        [] { (void)kolroi::read_orders(hostile_file("orders_truncated.csv"), "cut.csv"); },
        {error_kind::parse_error, "cut.csv", 3, "column 3", "a quoted field is never closed"});
}

TEST_CASE("an order id of 1 MiB is kept whole, and its second row is a duplicate") {
    const std::string id(std::size_t{1} << 20, 'x');
    const std::string row = id + ",c,2024-03-01,10,USD\n";
    const auto file =
        kolroi::read_orders("order_id,customer_id,time,revenue,currency\n" + row + row, "big.csv");
    REQUIRE(file.orders.size() == 1);
    CHECK(file.orders[0].id == id);
    CHECK(file.notes.count("duplicate order id") == 1);
}

TEST_CASE("20,000 duplicate order ids are each counted, and 20 of them kept as examples") {
    std::string text = "order_id,customer_id,time,revenue,currency\n";
    for (int i = 0; i <= 20000; ++i) {
        text += "same,c,2024-03-01,1,USD\n";
    }
    const auto file = kolroi::read_orders(text, "dup.csv");
    CHECK(file.orders.size() == 1);
    CHECK(file.rows == 20001);
    CHECK(file.notes.count("duplicate order id") == 20000);
    CHECK(file.notes.examples().size() == 20);
}
