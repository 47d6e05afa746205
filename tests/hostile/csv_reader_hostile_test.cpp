// Hostile input for kolroi/io/csv_reader.hpp: broken quoting, mixed line breaks, bytes that are
// not UTF-8 and a field of megabytes. Every structural fault names the file, the line and the
// column where it was seen.
#include "hostile_support.hpp"

#include "kolroi/io/csv_reader.hpp"

#include <cstddef>
#include <string>
#include <string_view>

using kolroi::error_kind;
using kolroi::test::check_throws;
using kolroi::test::hostile_file;

namespace {

void read_all(const std::string& text, const std::string& source) {
    kolroi::csv_reader reader(text, source);
    while (reader.next()) {
    }
}

} // namespace

TEST_CASE("a quoted field that never closes names the line and column where it opened") {
    const std::string text = hostile_file("truncated_quote.csv");
    check_throws([&] { read_all(text, "truncated_quote.csv"); },
                 {error_kind::parse_error, "truncated_quote.csv", 2, "column 2",
                  "a quoted field is never closed"});
}

TEST_CASE("a stray quote inside an unquoted field is an error at its column") {
    check_throws([&] { read_all(hostile_file("stray_quote.csv"), "stray_quote.csv"); },
                 {error_kind::parse_error, "stray_quote.csv", 2, "column 2",
                  "a quote inside an unquoted field"});
    check_throws([&] { read_all(hostile_file("text_after_quote.csv"), "text_after_quote.csv"); },
                 {error_kind::parse_error, "text_after_quote.csv", 2, "column 1",
                  "unexpected character 'y' after a closing quote"});
}

TEST_CASE("CRLF, lone CR and LF each end one line, so a fault on the fourth line says line 4") {
    check_throws(
        [&] { read_all(hostile_file("mixed_line_breaks.csv"), "mixed.csv"); },
        {error_kind::parse_error, "mixed.csv", 4, "column 1", "a quote inside an unquoted field"});
}

TEST_CASE("bytes that are not UTF-8 pass through a field unchanged: the readers judge them") {
    const std::string text = "\"\xff\xfe\",\xc3\x28\n";
    kolroi::csv_reader reader(text, "bytes.csv");
    REQUIRE(reader.next());
    REQUIRE(reader.size() == 2);
    CHECK(reader[0] == "\xff\xfe");
    CHECK(reader[1] == "\xc3\x28");
    CHECK_FALSE(reader.next());
}

TEST_CASE("a quoted field of 8 MiB with doubled quotes and line breaks reads back byte for byte") {
    // The field: 2^20 blocks of 'ab"c' + '\n' + 'def' (8 bytes each), written with the quote
    // doubled; the record after it starts on line 1 + 2^20 + 1.
    constexpr std::size_t blocks = std::size_t{1} << 20;
    std::string field;
    std::string text = "\"";
    field.reserve(8 * blocks);
    text.reserve(9 * blocks + 16);
    for (std::size_t i = 0; i < blocks; ++i) {
        field += "ab\"c\ndef";
        text += "ab\"\"c\ndef";
    }
    text += "\",x\nlast,y\n";

    kolroi::csv_reader reader(text, "big.csv");
    REQUIRE(reader.next());
    REQUIRE(reader.size() == 2);
    CHECK(reader[0].size() == 8 * blocks);
    CHECK(reader[0] == field);
    CHECK(reader[1] == "x");
    REQUIRE(reader.next());
    CHECK(reader.line() == blocks + 2);
    CHECK(reader[0] == "last");
    CHECK_FALSE(reader.next());
}
