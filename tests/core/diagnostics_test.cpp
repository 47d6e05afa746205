// Tests for kolroi/core/diagnostics.hpp and kolroi/core/error.hpp.
#include "kolroi/core/diagnostics.hpp"
#include "kolroi/core/error.hpp"

#include "test_support.hpp"

#include <string>

TEST_CASE("every event is counted, the first of each reason kept") {
    kolroi::diagnostics notes(2);
    for (int i = 1; i <= 5; ++i) {
        notes.add("bad timestamp", "saw '2024-13-01'", {"orders.csv", std::size_t(i), "time"});
    }
    notes.add("unknown currency", "XYZ");
    CHECK(notes.count("bad timestamp") == 5);
    CHECK(notes.count("unknown currency") == 1);
    CHECK(notes.total() == 6);
    CHECK(notes.examples().size() == 3);

    kolroi::diagnostics more(2);
    more.add("unknown currency", "ABC");
    notes.merge(more);
    CHECK(notes.count("unknown currency") == 2);
}

TEST_CASE("an error names the file, the line and the field") {
    const kolroi::error e(kolroi::error_kind::parse_error, "expected a number, saw 'x'",
                          {"orders.csv", 17, "revenue"});
    CHECK(std::string(e.what()) == "orders.csv:17: field 'revenue': expected a number, saw 'x'");
    CHECK(e.message() == "expected a number, saw 'x'");
    CHECK(e.kind() == kolroi::error_kind::parse_error);
    CHECK(e.where().line == 17);
}
