// Tests for kolroi/io/csv_reader.hpp.
#include "kolroi/io/csv_reader.hpp"

#include "test_support.hpp"

#include <string>
#include <vector>

namespace {

std::vector<std::vector<std::string>> read_all(std::string_view text, char delimiter = ',') {
    kolroi::csv_reader reader(text, "t.csv", kolroi::csv_options{delimiter});
    std::vector<std::vector<std::string>> rows;
    while (reader.next()) {
        rows.emplace_back(reader.fields().begin(), reader.fields().end());
    }
    return rows;
}

std::string error_of(std::string_view text) {
    try {
        (void)read_all(text);
    } catch (const kolroi::error& e) {
        return e.what();
    }
    return "no error";
}

} // namespace

TEST_CASE("quoted fields hold delimiters, line breaks and doubled quotes") {
    const auto rows = read_all("a,b\n\"x, y\",\"say \"\"hi\"\"\"\n\"two\nlines\",z\n");
    REQUIRE(rows.size() == 3);
    CHECK(rows[1][0] == "x, y");
    CHECK(rows[1][1] == "say \"hi\"");
    CHECK(rows[2][0] == "two\nlines");
    CHECK(rows[2][1] == "z");
}

TEST_CASE("a byte-order mark, CRLF and lone CR line ends are handled") {
    const auto rows = read_all("\xEF\xBB\xBFid,v\r\n1,2\r\n3,4\r5,6");
    REQUIRE(rows.size() == 4);
    CHECK(rows[0][0] == "id");
    CHECK(rows[1][1] == "2");
    CHECK(rows[2][0] == "3");
    CHECK(rows[3][1] == "6");
}

TEST_CASE("empty fields, blank lines and a missing final line break") {
    const auto rows = read_all("a,,c\n\n,\n\"\"\nlast");
    REQUIRE(rows.size() == 4);
    CHECK(rows[0] == std::vector<std::string>{"a", "", "c"});
    CHECK(rows[1] == std::vector<std::string>{"", ""});
    CHECK(rows[2] == std::vector<std::string>{""});
    CHECK(rows[3] == std::vector<std::string>{"last"});
}

TEST_CASE("another delimiter") {
    const auto rows = read_all("path;total\nA > B;3\n", ';');
    REQUIRE(rows.size() == 2);
    CHECK(rows[1][0] == "A > B");
}

TEST_CASE("line numbers count physical lines, including breaks inside quotes") {
    kolroi::csv_reader reader("h\n\"a\nb\"\nc\r\n\r\nd\n", "t.csv");
    std::vector<std::size_t> lines;
    while (reader.next()) {
        lines.push_back(reader.line());
    }
    CHECK(lines == std::vector<std::size_t>{1, 2, 4, 6});
}

TEST_CASE("malformed quoting is an error naming the line and column") {
    CHECK(error_of("a,b\nx,y\"z\n") ==
          "t.csv:2: field 'column 2': a quote inside an unquoted field (quote the whole field "
          "and double the quote)");
    CHECK(error_of("a\n\"closed\"x,1\n") ==
          "t.csv:2: field 'column 1': unexpected character 'x' after a closing quote");
    CHECK(error_of("a\nb\n\"never closed,1\n2\n") ==
          "t.csv:3: field 'column 1': a quoted field is never closed");
}

TEST_CASE("the header finds columns by name and checks row widths") {
    kolroi::csv_reader reader("id, revenue ,currency\n1,2\n", "orders.csv");
    REQUIRE(reader.next());
    const kolroi::csv_header header(reader);
    CHECK(header.require("revenue") == 1);
    CHECK_THROWS_WITH((void)header.require("status"),
                      "orders.csv:1: missing column 'status'; the header has 'id', 'revenue', "
                      "'currency'");
    REQUIRE(reader.next());
    CHECK_THROWS_WITH(header.check_width(reader), "orders.csv:2: expected 3 fields, saw 2");
}
