// Tests for kolroi/core/diagnostics.hpp and kolroi/core/error.hpp.
#include "kolroi/core/diagnostics.hpp"
#include "kolroi/core/error.hpp"

#include "test_support.hpp"

#include <string>
#include <utility>

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

TEST_CASE("a merge keeps the other's examples in the order it recorded them, up to the limit") {
    kolroi::diagnostics first(2);
    first.add("x", "line 1");
    kolroi::diagnostics second(2);
    for (const auto& [reason, detail] : {std::pair{"y", "line 2"}, std::pair{"x", "line 3"},
                                         std::pair{"x", "line 4"}, std::pair{"y", "line 5"}}) {
        second.add(reason, detail);
    }
    first.merge(second);
    CHECK(first.count("x") == 3);
    CHECK(first.count("y") == 2);
    std::string order;
    for (const auto& example : first.examples()) {
        order += example.detail + ";";
    }
    // Two of each reason are kept: "x" has line 1 already, so line 3 joins it and line 4 does not.
    CHECK(order == "line 1;line 2;line 3;line 5;");
}

TEST_CASE("an error names the file, the line and the field") {
    const kolroi::error e(kolroi::error_kind::parse_error, "expected a number, saw 'x'",
                          {"orders.csv", 17, "revenue"});
    CHECK(std::string(e.what()) == "orders.csv:17: field 'revenue': expected a number, saw 'x'");
    CHECK(e.message() == "expected a number, saw 'x'");
    CHECK(e.kind() == kolroi::error_kind::parse_error);
    CHECK(e.where().line == 17);
}
