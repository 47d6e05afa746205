// Tests for kolroi/io/text.hpp.
#include "kolroi/io/text.hpp"

#include "test_support.hpp"

TEST_CASE("trimming removes ASCII white space at the edges only") {
    CHECK(kolroi::trim("  IG Story \t") == "IG Story");
    CHECK(kolroi::trim(" \r\n ") == "");
    CHECK(kolroi::trim("a  b") == "a  b");
}

TEST_CASE("UTF-8 validation") {
    CHECK(kolroi::is_valid_utf8("Influencer\xE2\x80\x99s post"));
    CHECK(kolroi::is_valid_utf8("\xE2\x86\x92"));
    CHECK_FALSE(kolroi::is_valid_utf8("\xE2\x86"));         // truncated
    CHECK_FALSE(kolroi::is_valid_utf8("\xC0\xAF"));         // overlong '/'
    CHECK_FALSE(kolroi::is_valid_utf8("\xED\xA0\x80"));     // a surrogate
    CHECK_FALSE(kolroi::is_valid_utf8("caf\xE9"));          // Latin-1 e-acute
}

TEST_CASE("Latin-1 bytes become their UTF-8 code points") {
    CHECK(kolroi::latin1_to_utf8("caf\xE9") == "caf\xC3\xA9");
    CHECK(kolroi::latin1_to_utf8("\xFD") == "\xC3\xBD");
}

TEST_CASE("numbers parse with their location in errors") {
    const kolroi::input_location where{"f.csv", 3, "revenue"};
    CHECK(kolroi::parse_double(" 12.5 ", where) == 12.5);
    CHECK(kolroi::parse_double("+3", where) == 3.0);
    CHECK(kolroi::parse_double(".11019", where) == doctest::Approx(0.11019));
    CHECK(kolroi::parse_double("0.673565789473684E-03", where) ==
          doctest::Approx(0.673565789473684e-3));
    CHECK_THROWS_WITH(kolroi::parse_double("12,5", where),
                      "f.csv:3: field 'revenue': expected a number, saw '12,5'");
    CHECK_THROWS_AS(kolroi::parse_double("NaN", where), kolroi::error);
    CHECK_THROWS_AS(kolroi::parse_double("inf", where), kolroi::error);
    CHECK_THROWS_AS(kolroi::parse_double("", where), kolroi::error);
    CHECK_THROWS_AS(kolroi::parse_double("1e999", where), kolroi::error);
    CHECK(kolroi::parse_integer("42", where) == 42);
    CHECK_THROWS_AS(kolroi::parse_integer("4.2", where), kolroi::error);
}
