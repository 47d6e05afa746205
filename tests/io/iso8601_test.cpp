// Tests for kolroi/io/iso8601.hpp. Expected instants come from GNU `date -u -d ... +%s` and from
// std::chrono's calendar (an independent days-from-civil), never from the parser itself.
#include "kolroi/io/iso8601.hpp"

#include "test_support.hpp"

#include <chrono>
#include <cstdint>
#include <random>
#include <string>

namespace {

using kolroi::parse_iso8601;

std::int64_t chrono_days(int y, unsigned m, unsigned d) {
    const std::chrono::year_month_day date{std::chrono::year{y}, std::chrono::month{m},
                                           std::chrono::day{d}};
    return std::chrono::sys_days(date).time_since_epoch().count();
}

std::string message_of(std::string_view text,
                       kolroi::iso8601_options options = kolroi::iso8601_options{}) {
    try {
        (void)parse_iso8601(text, kolroi::input_location{"orders.csv", 7, "time"}, options);
    } catch (const kolroi::error& e) {
        CHECK(e.kind() == kolroi::error_kind::parse_error);
        CHECK(e.where().line == 7);
        return e.what();
    }
    return "no error";
}

std::string two_digits(int value) {
    std::string text = std::to_string(value);
    return text.size() < 2 ? "0" + text : text;
}

} // namespace

TEST_CASE("UTC, offsets east and west, and a space for the T") {
    // Values from GNU date.
    CHECK(parse_iso8601("2024-03-05T14:07:00Z") == 1709647620);
    CHECK(parse_iso8601("2024-03-05T14:07:00+08:00") == 1709618820);
    CHECK(parse_iso8601("2024-03-05T14:07:00-05:30") == 1709667420);
    CHECK(parse_iso8601("2024-03-05 14:07:00") == 1709647620);
    CHECK(parse_iso8601("2024-03-05t14:07:00z") == 1709647620);
    CHECK(parse_iso8601("2024-03-05T14:07:00+0800") == 1709618820);
    CHECK(parse_iso8601("2024-03-05T14:07:00+08") == 1709618820);
    CHECK(parse_iso8601("2024-03-05T14:07Z") == 1709647620);
    CHECK(parse_iso8601("  2024-03-05T14:07:00Z\r\n") == 1709647620);
    CHECK(parse_iso8601("1969-12-31T23:59:59Z") == -1);
    CHECK(parse_iso8601("0001-01-01T00:00:00Z") == -62135596800);
    CHECK(parse_iso8601("9999-12-31T23:59:59Z") == 253402300799);
}

TEST_CASE("an offset moves the instant across midnight and the year") {
    // 2024-01-01T01:00+02:00 is 2023-12-31T23:00Z, 1704063600 by GNU date.
    CHECK(parse_iso8601("2024-01-01T01:00:00+02:00") == 1704063600);
    CHECK(parse_iso8601("2023-12-31T18:00:00-05:00") == 1704063600);
}

TEST_CASE("fractional seconds are dropped, with '.' or ','") {
    CHECK(parse_iso8601("2024-03-05T14:07:00.999Z") == 1709647620);
    CHECK(parse_iso8601("2024-03-05T14:07:00,5+08:00") == 1709618820);
    CHECK(parse_iso8601("2024-03-05T14:07:59.123456789Z") == 1709647620 + 59);
    CHECK(parse_iso8601("1969-12-31T23:59:59.5Z") == -1);
}

TEST_CASE("a date alone is midnight UTC") {
    CHECK(parse_iso8601("2024-03-06") == 1709683200);
    CHECK(parse_iso8601("2000-02-29") == 951782400);
}

TEST_CASE("a missing offset is UTC by default and an error when asked") {
    const kolroi::iso8601_options strict{kolroi::missing_offset::reject};
    CHECK(parse_iso8601("2024-03-05T14:07:00") == 1709647620);
    CHECK(parse_iso8601("2024-03-05T14:07:00Z", {}, strict) == 1709647620);
    CHECK(message_of("2024-03-05T14:07:00", strict) ==
          "orders.csv:7: field 'time': parse_iso8601: the date-time has no UTC offset ('Z' or "
          "+HH:MM) in '2024-03-05T14:07:00'");
    CHECK(message_of("2024-03-05", strict) ==
          "orders.csv:7: field 'time': parse_iso8601: a date alone has no UTC offset in "
          "'2024-03-05'");
}

TEST_CASE("24:00 ends the day; every other hour-24 time is an error") {
    CHECK(parse_iso8601("2024-03-05T24:00:00Z") == 1709683200);
    CHECK(parse_iso8601("2024-03-05T24:00Z") == 1709683200);
    CHECK(parse_iso8601("2024-03-05T24:00:00.000Z") == 1709683200);
    // The end of the last day of February in a leap year is 1 March.
    CHECK(parse_iso8601("2024-02-29T24:00:00Z") == chrono_days(2024, 3, 1) * 86400);
    CHECK(message_of("2024-03-05T24:00:01Z").find("hour 24 is outside 0..23") != std::string::npos);
    CHECK(message_of("2024-03-05T24:00:00.5Z").find("hour 24") != std::string::npos);
    CHECK(message_of("2024-03-05T24:30Z").find("hour 24") != std::string::npos);
}

TEST_CASE("out-of-range fields name the rule and the numbers") {
    CHECK(message_of("2023-02-29") == "orders.csv:7: field 'time': parse_iso8601: day 29 is "
                                      "outside 1..28 for month 2 of 2023 in '2023-02-29'");
    CHECK(message_of("2024-02-30").find("day 30 is outside 1..29 for month 2 of 2024") !=
          std::string::npos);
    CHECK(message_of("1900-02-29").find("outside 1..28") != std::string::npos);
    CHECK(parse_iso8601("2000-02-29") == chrono_days(2000, 2, 29) * 86400);
    CHECK(message_of("2024-04-31").find("day 31 is outside 1..30") != std::string::npos);
    CHECK(message_of("2024-00-10").find("month 0 is outside 1..12") != std::string::npos);
    CHECK(message_of("2024-13-01").find("month 13 is outside 1..12") != std::string::npos);
    CHECK(message_of("2024-01-00").find("day 0 is outside") != std::string::npos);
    CHECK(message_of("2024-03-05T25:00:00Z").find("hour 25") != std::string::npos);
    CHECK(message_of("2024-03-05T14:60:00Z").find("minute 60 is outside 0..59") !=
          std::string::npos);
    CHECK(message_of("2016-12-31T23:59:60Z").find("leap second") != std::string::npos);
    CHECK(message_of("2024-03-05T14:07:61Z").find("second 61 is outside") != std::string::npos);
    CHECK(message_of("2024-03-05T14:07:00+24:00").find("offset 24:0 is outside") !=
          std::string::npos);
    CHECK(message_of("2024-03-05T14:07:00+05:60").find("is outside 00:00..23:59") !=
          std::string::npos);
}

TEST_CASE("malformed text is an error, never a guess") {
    for (const char* bad :
         {"", "   ", "24-03-05", "2024/03/05", "2024-3-05", "2024-03-5", "2024-03-05T",
          "2024-03-05X14:07", "2024-03-05T1407", "2024-03-05T14:07:00.", "2024-03-05T14:07:00 Z",
          "2024-03-05T14:07:00UTC", "2024-03-05T14:07:00+8", "2024-03-05T14:07:00+08:0",
          "2024-03-05T14:07:00Z junk", "20240305", "2024-03-05T14"}) {
        CAPTURE(bad);
        CHECK_THROWS_AS((void)parse_iso8601(bad), kolroi::error);
    }
    CHECK(message_of("").find("expected a date-time, saw an empty value") != std::string::npos);
    CHECK(message_of("2024-03-05X14:07") ==
          "orders.csv:7: field 'time': parse_iso8601: expected 'T' or a space after the date, saw "
          "'X' in '2024-03-05X14:07'");
}

TEST_CASE("days_from_civil agrees with std::chrono on every day of 1600..2400") {
    // A day-by-day walk: the count must rise by exactly one from each day to the next.
    std::int64_t expected = chrono_days(1600, 1, 1);
    for (std::int64_t year = 1600; year <= 2400; ++year) {
        for (unsigned month = 1; month <= 12; ++month) {
            for (unsigned day = 1; day <= kolroi::days_in_month(year, month); ++day) {
                const kolroi::civil_date date{year, month, day};
                const std::int64_t days = kolroi::days_from_civil(date);
                if (days != expected) {
                    FAIL_CHECK("days_from_civil(" << year << "-" << month << "-" << day
                                                  << ") = " << days << ", want " << expected);
                    return;
                }
                const kolroi::civil_date back = kolroi::civil_from_days(days);
                if (back.year != year || back.month != month || back.day != day) {
                    FAIL_CHECK("civil_from_days(" << days << ") does not give back " << year << "-"
                                                  << month << "-" << day);
                    return;
                }
                ++expected;
            }
        }
    }
    CHECK(expected == chrono_days(2401, 1, 1));
}

TEST_CASE("leap years follow the Gregorian rule") {
    CHECK(kolroi::is_leap_year(2024));
    CHECK(kolroi::is_leap_year(2000));
    CHECK_FALSE(kolroi::is_leap_year(1900));
    CHECK_FALSE(kolroi::is_leap_year(2023));
    CHECK(kolroi::days_in_month(2024, 2) == 29);
    CHECK(kolroi::days_in_month(2100, 2) == 28);
    CHECK(kolroi::days_in_month(2024, 13) == 0);
}

TEST_CASE("random instants survive format_iso8601 and parse_iso8601") {
    std::mt19937_64 random(20240305);
    std::uniform_int_distribution<std::int64_t> moments(-62135596800, 253402300799);
    for (int i = 0; i < 20000; ++i) {
        const std::int64_t moment = moments(random);
        const std::string text = kolroi::format_iso8601(moment);
        CAPTURE(text);
        REQUIRE(parse_iso8601(text) == moment);
    }
    CHECK(kolroi::format_iso8601(1709647620) == "2024-03-05T14:07:00Z");
    CHECK(kolroi::format_iso8601(-1) == "1969-12-31T23:59:59Z");
}

TEST_CASE("every offset from -23:59 to +23:59 shifts the instant by exactly that much") {
    const std::int64_t utc = parse_iso8601("2024-03-05T14:07:00Z");
    for (int minutes = -(23 * 60 + 59); minutes <= 23 * 60 + 59; minutes += 7) {
        const int magnitude = minutes < 0 ? -minutes : minutes;
        const int h = magnitude / 60;
        const int m = magnitude % 60;
        std::string text = "2024-03-05T14:07:00";
        text.push_back(minutes < 0 ? '-' : '+');
        text.append(two_digits(h)).append(":").append(two_digits(m));
        CAPTURE(text);
        CHECK(parse_iso8601(text) == utc - minutes * 60);
    }
}
