// Tests for kolroi/tracking/orders.hpp: the orders export, refunds joined by id, bad rows.
#include "kolroi/io/file.hpp"
#include "kolroi/tracking/orders.hpp"

#include "test_support.hpp"

#include <string>
#include <vector>

namespace {

constexpr const char* header = "order_id,customer_id,time,revenue,currency,discount_code,status\n";

kolroi::order_file read(const std::string& body,
                        kolroi::bad_row_policy policy = kolroi::bad_row_policy::skip_and_report) {
    kolroi::order_read_options options;
    options.on_bad_row = policy;
    return kolroi::read_orders(std::string(header) + body, "orders.csv", options);
}

const kolroi::order* find(const kolroi::order_file& file, const std::string& id) {
    for (const auto& row : file.orders) {
        if (row.id == id) {
            return &row;
        }
    }
    return nullptr;
}

} // namespace

TEST_CASE("order rows give id, customer, UTC time, revenue, currency, codes and status") {
    const auto file =
        read("A1, c1 ,2024-03-05T14:07:00+08:00,120.50,usd,\"ANNA10, welcome;ANNA10\",\n"
             "A2,c2,2024-03-06,80,EUR,,partially_refunded\n"
             "A3,c1,2024-03-07 09:00:00,0,VND,,CANCELLED\n");
    REQUIRE(file.orders.size() == 3);
    CHECK(file.rows == 3);
    const auto& a1 = file.orders[0];
    CHECK(a1.id == "A1");
    CHECK(a1.customer_id == "c1");
    CHECK(a1.time == 1709618820); // GNU date: 2024-03-05T06:07:00Z
    CHECK(a1.revenue == 120.5);
    CHECK(a1.currency == "USD");
    CHECK(a1.discount_codes == std::vector<std::string>{"ANNA10", "welcome"});
    CHECK(a1.status == kolroi::order_status::paid);
    CHECK(a1.line == 2);
    CHECK(file.orders[1].time == 1709683200); // a date alone: midnight UTC
    CHECK(file.orders[1].status == kolroi::order_status::partially_refunded);
    CHECK(file.orders[2].status == kolroi::order_status::cancelled);
    CHECK(file.orders[2].net_revenue() == 0.0);
}

TEST_CASE("the status and discount columns may be absent: every order is then paid") {
    const auto file = kolroi::read_orders(
        "revenue,currency,time,customer_id,order_id,note\n10,USD,2024-01-01,c,o1,x\n", "o.csv");
    REQUIRE(file.orders.size() == 1);
    CHECK(file.orders[0].status == kolroi::order_status::paid);
    CHECK(file.orders[0].discount_codes.empty());
    CHECK(file.orders[0].net_revenue() == 10.0);
}

TEST_CASE("refund rows join their order by id, before or after it") {
    const auto file = read("R1,,,-20,,,refund\n" // before
                           "A1,c1,2024-03-05T10:00:00Z,100,USD,,partially_refunded\n"
                           "A1,,2024-03-09T10:00:00Z,-30,usd,,refund\n"    // after
                           "A2,c1,2024-03-06T10:00:00Z,50,USD,,refunded\n" // no rows: all
                           "A3,c2,2024-03-06T10:00:00Z,70,USD,,refunded\n"
                           "A3,,,-10,,,refund\n" // status wins
                           "A4,c2,2024-03-07T10:00:00Z,40,USD,,cancelled\n"
                           "R1,c3,2024-03-01T10:00:00Z,60,USD,,paid\n"
                           "A5,c3,2024-03-02T10:00:00Z,90,USD,,paid\n");
    CHECK(file.notes.empty());
    CHECK(file.refund_rows == 3);
    const auto* a1 = find(file, "A1");
    REQUIRE(a1 != nullptr);
    CHECK(a1->refunded == 30.0);
    CHECK(a1->refund_rows == 1);
    CHECK(a1->net_revenue() == 70.0);
    CHECK(find(file, "R1")->refunded == 20.0);
    CHECK(find(file, "R1")->net_revenue() == 40.0);
    CHECK(find(file, "A2")->net_revenue() == 0.0);
    CHECK(find(file, "A3")->net_revenue() == 0.0);
    CHECK(find(file, "A4")->net_revenue() == 0.0);
    CHECK(find(file, "A5")->net_revenue() == 90.0);
}

TEST_CASE("several refunds add up, and may reach the revenue exactly") {
    const auto file = read("A1,c1,2024-03-05,0.3,USD,,paid\n"
                           "A1,,,-0.1,,,refund\n"
                           "A1,,,-0.2,,,refund\n");
    CHECK(file.notes.empty());
    CHECK(file.orders[0].refund_rows == 2);
    CHECK(file.orders[0].net_revenue() == doctest::Approx(0.0).epsilon(1e-12));
}

TEST_CASE("a partial refund without a refund row keeps its gross and is noted") {
    const auto file = read("A1,c1,2024-03-05,80,USD,,partially_refunded\n");
    CHECK(file.orders[0].net_revenue() == 80.0);
    CHECK(file.notes.count("partial refund without amount") == 1);
    CHECK(file.notes.examples()[0].where.describe() == "orders.csv:2: field 'status'");
}

TEST_CASE("each kind of bad row is skipped, counted and located by file, line and field") {
    struct bad_case {
        const char* row;
        const char* reason;
        const char* field;
    };
    const bad_case cases[] = {
        {"B,c1,2024-03-05,10,USD,\n", "wrong field count", ""},
        {" ,c1,2024-03-05,10,USD,,paid\n", "missing order id", "order_id"},
        {"B,c1,2024-03-05,10,USD,,shipped\n", "unknown status", "status"},
        {"B,,2024-03-05,10,USD,,paid\n", "missing customer id", "customer_id"},
        {"B,c1,2024-02-30,10,USD,,paid\n", "bad timestamp", "time"},
        {"B,c1,05/03/2024,10,USD,,paid\n", "bad timestamp", "time"},
        {"B,c1,2024-03-05,ten,USD,,paid\n", "bad revenue", "revenue"},
        {"B,c1,2024-03-05,-10,USD,,paid\n", "negative revenue outside a refund", "revenue"},
        {"A,,,15,,,refund\n", "refund not negative", "revenue"},
        {"B,c1,2024-03-05,10,US$,,paid\n", "unknown currency", "currency"},
        {"B,c1,2024-03-05,10,,,paid\n", "unknown currency", "currency"},
        {"A,c9,2024-03-06,10,USD,,paid\n", "duplicate order id", "order_id"},
        {"Z,,,-5,,,refund\n", "refund of an unknown order", "order_id"},
        {"A,,,-5,EUR,,refund\n", "refund in another currency", "currency"},
        {"A,,,-100.01,,,refund\n", "refunds exceed revenue", "revenue"},
        {"A,,not a time,-5,,,refund\n", "bad timestamp", "time"},
    };
    for (const auto& bad : cases) {
        CAPTURE(bad.row);
        const auto file = read(std::string("A,c1,2024-03-05,100,USD,,paid\n") + bad.row);
        CHECK(file.rows == 2);
        REQUIRE(file.orders.size() == 1);
        CHECK(file.orders[0].id == "A");
        CHECK(file.orders[0].net_revenue() == 100.0);
        CHECK(file.notes.total() == 1);
        CHECK(file.notes.count(bad.reason) == 1);
        REQUIRE(file.notes.examples().size() == 1);
        const auto& where = file.notes.examples()[0].where;
        CHECK(where.file == "orders.csv");
        CHECK(where.line == 3);
        CHECK(where.field == bad.field);

        // Strict mode stops at the same row with the same location.
        try {
            (void)read(std::string("A,c1,2024-03-05,100,USD,,paid\n") + bad.row,
                       kolroi::bad_row_policy::strict);
            FAIL("strict mode did not throw");
        } catch (const kolroi::error& e) {
            CHECK(e.where().line == 3);
            CHECK(e.where().field == bad.field);
            CHECK(std::string(e.what()).rfind("orders.csv:3", 0) == 0);
        }
    }
}

TEST_CASE("messages name the function, the rule and what was seen") {
    const auto file = read("A,c1,2024-03-05,100,USD,,paid\n"
                           "A,c2,2024-03-05,5,USD,,paid\n"
                           "B,c1,2024-03-05,-3.5,USD,,paid\n");
    REQUIRE(file.notes.examples().size() == 2);
    CHECK(file.notes.examples()[0].detail ==
          "read_orders: order 'A' appears again; line 2 gave it first");
    CHECK(file.notes.examples()[1].detail ==
          "read_orders: order 'B' has revenue -3.5; only a row with status refund may be "
          "negative");
}

TEST_CASE("a skipped duplicate leaves the first order, and every bad row is counted") {
    const auto file = read("A,c1,2024-03-05,100,USD,,paid\n"
                           "A,c2,2024-03-05,5,USD,,paid\n"
                           "A,c3,2024-03-05,6,USD,,paid\n"
                           "C,c1,2024-13-05,1,USD,,paid\n"
                           "D,c1,2024-03-05,1,USD,,paid\n");
    CHECK(file.orders.size() == 2);
    CHECK(file.notes.count("duplicate order id") == 2);
    CHECK(file.notes.count("bad timestamp") == 1);
    CHECK(find(file, "A")->customer_id == "c1");
}

TEST_CASE("a bad row's id is not taken: a later good row with that id is read") {
    const auto file = read("A,c1,2024-99-05,100,USD,,paid\n"
                           "A,c1,2024-03-05,100,USD,,paid\n");
    CHECK(file.orders.size() == 1);
    CHECK(file.notes.count("bad timestamp") == 1);
    CHECK(file.notes.count("duplicate order id") == 0);
}

TEST_CASE("a missing offset is UTC by default and a bad timestamp when asked") {
    kolroi::order_read_options options;
    options.time.when_missing = kolroi::missing_offset::reject;
    const std::string text = std::string(header) + "A,c1,2024-03-05T10:00:00,1,USD,,paid\n"
                                                   "B,c1,2024-03-05T10:00:00Z,1,USD,,paid\n";
    const auto strict_times = kolroi::read_orders(text, "orders.csv", options);
    CHECK(strict_times.orders.size() == 1);
    CHECK(strict_times.notes.count("bad timestamp") == 1);
    CHECK(kolroi::read_orders(text, "orders.csv").orders.size() == 2);
}

TEST_CASE("faults of the file itself are errors even when skipping bad rows") {
    CHECK_THROWS_WITH((void)kolroi::read_orders("", "orders.csv"),
                      doctest::Contains("the file is empty"));
    CHECK_THROWS_WITH((void)kolroi::read_orders("order_id,customer_id,time,revenue\n", "o.csv"),
                      doctest::Contains("missing column 'currency'"));
    CHECK_THROWS_AS((void)read("A,c1,2024-03-05,\"100,USD,,paid\n"), kolroi::error);
}

TEST_CASE("the bundled orders file reads with its two documented bad rows") {
    const auto path = kolroi::test::test_data("journeys/orders.csv");
    const auto file = kolroi::read_orders(kolroi::read_file(path), "orders.csv");
    // Worked out from the file by hand: 9 data rows, one refund row joined, one bad timestamp
    // (line 9) and one duplicate (line 10).
    CHECK(file.rows == 9);
    CHECK(file.orders.size() == 6);
    CHECK(file.refund_rows == 1);
    CHECK(file.notes.total() == 2);
    CHECK(file.notes.count("bad timestamp") == 1);
    CHECK(file.notes.count("duplicate order id") == 1);
}
