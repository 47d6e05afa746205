// Tests for kolroi/tracking/bad_rows.hpp: skip-and-report versus strict.
#include "kolroi/tracking/bad_rows.hpp"

#include "test_support.hpp"

#include <string>

namespace {

void throw_bad_row() {
    throw kolroi::detail::bad_row("bad timestamp", kolroi::error_kind::parse_error,
                                  "read_orders: day 30 is outside 1..29",
                                  kolroi::input_location{"orders.csv", 4, "time"});
}

} // namespace

TEST_CASE("skip-and-report records the reason, the message and the location") {
    kolroi::diagnostics notes;
    const bool read = kolroi::detail::read_or_report(kolroi::bad_row_policy::skip_and_report, notes,
                                                     throw_bad_row);
    CHECK_FALSE(read);
    CHECK(notes.count("bad timestamp") == 1);
    REQUIRE(notes.examples().size() == 1);
    CHECK(notes.examples()[0].detail == "read_orders: day 30 is outside 1..29");
    CHECK(notes.examples()[0].where.describe() == "orders.csv:4: field 'time'");
}

TEST_CASE("strict mode throws the row's error with its location") {
    kolroi::diagnostics notes;
    CHECK_THROWS_WITH(
        kolroi::detail::read_or_report(kolroi::bad_row_policy::strict, notes, throw_bad_row),
        "orders.csv:4: field 'time': read_orders: day 30 is outside 1..29");
    CHECK(notes.empty());
}

TEST_CASE("a good row is read, and errors that are not a row's fault pass through") {
    kolroi::diagnostics notes;
    int calls = 0;
    CHECK(kolroi::detail::read_or_report(kolroi::bad_row_policy::skip_and_report, notes,
                                         [&] { ++calls; }));
    CHECK(calls == 1);
    CHECK_THROWS_AS(kolroi::detail::read_or_report(
                        kolroi::bad_row_policy::skip_and_report, notes,
                        [] { throw kolroi::error(kolroi::error_kind::parse_error, "unclosed"); }),
                    kolroi::error);
    CHECK(notes.empty());
}
