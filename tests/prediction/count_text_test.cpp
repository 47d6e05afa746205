// Tests of kolroi/prediction/count_text.hpp: abbreviated counts, exponents and percentages.
#include "kolroi/prediction/count_text.hpp"

#include "test_support.hpp"

#include <string>

namespace {

const kolroi::input_location here{"stats.csv", 7, "followers"};

std::string message_of(const std::string& text) {
    try {
        (void)kolroi::parse_count(text, here);
    } catch (const kolroi::error& e) {
        CHECK(e.kind() == kolroi::error_kind::parse_error);
        return e.what();
    }
    return "no error";
}

} // namespace

TEST_CASE("a count with a suffix is the decimal number it spells") {
    // Each expected value is an integer written out by hand, which a double holds exactly.
    CHECK(kolroi::parse_count("475.8m", here) == 475800000.0);
    CHECK(kolroi::parse_count("0.89k", here) == 890.0);
    CHECK(kolroi::parse_count("29.0b", here) == 29000000000.0);
    CHECK(kolroi::parse_count("3.3K", here) == 3300.0);
    CHECK(kolroi::parse_count("1.2M", here) == 1200000.0);
    CHECK(kolroi::parse_count(" 12 ", here) == 12.0);
    CHECK(kolroi::parse_count("0", here) == 0.0);
}

TEST_CASE("a count in spreadsheet exponent form reads as written") {
    CHECK(kolroi::parse_count("2.28E+11", here) == 228000000000.0);
    CHECK(kolroi::parse_count("1.64e11", here) == 164000000000.0);
}

TEST_CASE("a count parses to the double nearest the written value, not a rounded product") {
    // 2.01 * 1000 is 2009.9999999999998 in double; the written 2.01k is exactly 2010.
    CHECK(2.01 * 1000 != 2010.0);
    CHECK(kolroi::parse_count("2.01k", here) == 2010.0);
    // 2.05 * 1e6 rounds away from 2050000 too.
    CHECK(2.05 * 1e6 != 2050000.0);
    CHECK(kolroi::parse_count("2.05m", here) == 2050000.0);
}

TEST_CASE("a malformed count names the file, the line, the field and the text") {
    CHECK(message_of("475.8x") == "stats.csv:7: field 'followers': expected a count such as "
                                  "1500, 0.89k, 475.8m or 29.0b, saw '475.8x'");
    CHECK(message_of("") == "stats.csv:7: field 'followers': expected a count, saw an empty value");
    CHECK(message_of("-3k").find("saw '-3k'") != std::string::npos);
    CHECK(message_of("1e3k").find("saw '1e3k'") != std::string::npos);
    CHECK(message_of("nan").find("saw 'nan'") != std::string::npos);
    CHECK(message_of("inf").find("saw 'inf'") != std::string::npos);
    CHECK(message_of("k").find("saw 'k'") != std::string::npos);
    CHECK(message_of("1,500").find("saw '1,500'") != std::string::npos);
}

TEST_CASE("a percentage is a fraction and needs its sign") {
    CHECK(kolroi::parse_percentage("1.39%", here) == 0.0139);
    CHECK(kolroi::parse_percentage("0%", here) == 0.0);
    CHECK(kolroi::parse_percentage("12.5 %", here) == 0.125);
    CHECK(kolroi::parse_percentage("100%", here) == 1.0);
    CHECK_THROWS_WITH_AS((void)kolroi::parse_percentage("1.39", here),
                         "stats.csv:7: field 'followers': expected a percentage such as 1.39%, "
                         "saw '1.39'",
                         kolroi::error);
    CHECK_THROWS_WITH_AS((void)kolroi::parse_percentage("NaN%", here),
                         doctest::Contains("saw 'NaN%'"), kolroi::error);
    CHECK_THROWS_AS((void)kolroi::parse_percentage("1e2%", here), kolroi::error);
}
