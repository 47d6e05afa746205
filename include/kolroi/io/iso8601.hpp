// kolroi/io/iso8601.hpp: ISO 8601 date-times, as shop exports write them, to kolroi::timestamp.
//
// Accepted forms (the extended format of ISO 8601-1 and its RFC 3339 profile, plus what exports
// actually hold):
//
//   2024-03-05T14:07:00Z          UTC ('z' and 't' in lower case too)
//   2024-03-05T14:07:00+08:00     an offset from UTC: +HH:MM, +HHMM or +HH, '-' likewise
//   2024-03-05T14:07:00.250-05:30 fractional seconds after '.' or ',', any number of digits
//   2024-03-05 14:07:00           a space instead of 'T'
//   2024-03-05T14:07              seconds may be left out
//   2024-03-05                    a date alone: midnight UTC of that day
//
// Rules:
// - The year has four digits (0000..9999, proleptic Gregorian); month 1..12; the day must exist
//   in its month (February has 29 days in years divisible by 4, except centuries not divisible
//   by 400); hour 0..23, minute 0..59, second 0..59. A leap second (":60") is an error, since a
//   timestamp counts POSIX seconds, which have no leap seconds.
// - "24:00" and "24:00:00" (with an all-zero fraction) are the end of the day, that is midnight
//   of the next day, as ISO 8601 allows; any other time in hour 24 is an error.
// - Fractional seconds are dropped: a timestamp counts whole seconds, and 14:07:00.9 happened in
//   second 14:07:00 (for any date, since the fraction only ever adds to a non-negative time of
//   day).
// - The offset is subtracted to give UTC: 14:07+08:00 is 06:07Z. Offsets run to +-23:59.
// - Text with neither 'Z' nor an offset (a date alone included) is read as UTC by default, since
//   many shop exports leave the offset out and rejecting every row would be worse than useless;
//   `missing_offset::reject` makes it an error instead, for exports known to write one.
// - Surrounding ASCII white space is ignored; anything else left over is an error.
//
// Days are counted with the days-from-civil method: shift the year to start on 1 March, so that
// the leap day is the last day of the year and the first day of each month is a linear function
// of its number ((153 m + 2) / 5 for m = 0 for March), then count whole 400-year eras of 146097
// days. No time zone database is used or needed: every offset is explicit.
#pragma once

#include "kolroi/core/error.hpp"
#include "kolroi/core/timestamp.hpp"
#include "kolroi/io/text.hpp"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace kolroi {

/// What to do with a date-time that carries no UTC offset.
enum class missing_offset {
    assume_utc, ///< read it as UTC (the default)
    reject,     ///< throw parse_error
};

struct iso8601_options {
    missing_offset when_missing = missing_offset::assume_utc;
};

/// The year, month and day of a proleptic Gregorian date.
struct civil_date {
    std::int64_t year = 1970;
    unsigned month = 1;
    unsigned day = 1;
};

constexpr bool is_leap_year(std::int64_t year) noexcept {
    return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
}

/// Days in `month` (1..12) of `year`; 0 for a month outside 1..12.
constexpr unsigned days_in_month(std::int64_t year, unsigned month) noexcept {
    constexpr unsigned lengths[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month < 1 || month > 12) {
        return 0;
    }
    return month == 2 && is_leap_year(year) ? 29 : lengths[month - 1];
}

/// Days from 1970-01-01 to `date` (negative before it). The date must be valid.
constexpr std::int64_t days_from_civil(civil_date date) noexcept {
    // Years that start on 1 March put the leap day last, where it shifts no month.
    const std::int64_t year = date.month <= 2 ? date.year - 1 : date.year;
    const std::int64_t era = (year >= 0 ? year : year - 399) / 400;
    const auto year_of_era = static_cast<std::int64_t>(year - era * 400); // 0..399
    const std::int64_t month_from_march = date.month > 2 ? date.month - 3 : date.month + 9;
    const std::int64_t day_of_year = (153 * month_from_march + 2) / 5 + date.day - 1;
    const std::int64_t day_of_era =
        year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;

    // 719468 days run from 0000-03-01, the start of era 0, to 1970-01-01.
    return era * 146097 + day_of_era - 719468;
}

/// The date `days` days after 1970-01-01: the inverse of days_from_civil.
constexpr civil_date civil_from_days(std::int64_t days) noexcept {
    const std::int64_t shifted = days + 719468;
    const std::int64_t era = (shifted >= 0 ? shifted : shifted - 146096) / 146097;
    const std::int64_t day_of_era = shifted - era * 146097; // 0..146096
    const std::int64_t year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
    const std::int64_t day_of_year =
        day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    const std::int64_t month_from_march = (5 * day_of_year + 2) / 153;
    civil_date date;
    date.day = static_cast<unsigned>(day_of_year - (153 * month_from_march + 2) / 5 + 1);
    date.month =
        static_cast<unsigned>(month_from_march < 10 ? month_from_march + 3 : month_from_march - 9);
    date.year = year_of_era + era * 400 + (date.month <= 2 ? 1 : 0);
    return date;
}

namespace detail {

/// A cursor over the text of one date-time, with the checks every field needs.
class iso8601_cursor {
public:
    iso8601_cursor(std::string_view text, const input_location& where)
        : m_text(text)
        , m_where(where) {}

    [[nodiscard]] bool done() const noexcept { return m_pos == m_text.size(); }
    [[nodiscard]] char peek() const noexcept { return done() ? '\0' : m_text[m_pos]; }
    void skip() noexcept { ++m_pos; }

    /// Exactly `count` digits, as a number; `what` names them in the error.
    unsigned digits(std::size_t count, std::string_view what) {
        unsigned value = 0;
        for (std::size_t i = 0; i < count; ++i) {
            const char c = peek();
            if (c < '0' || c > '9') {
                fail("expected " + std::to_string(count) + " digits of the " + std::string(what) +
                     " at character " + std::to_string(m_pos + 1));
            }
            value = value * 10 + static_cast<unsigned>(c - '0');
            skip();
        }
        return value;
    }

    void expect(char wanted, std::string_view what) {
        if (peek() != wanted) {
            fail(std::string("expected '") + wanted + "' " + std::string(what) + " at character " +
                 std::to_string(m_pos + 1));
        }
        skip();
    }

    [[noreturn]] void fail(const std::string& rule) const {
        throw error(error_kind::parse_error,
                    "parse_iso8601: " + rule + " in '" + std::string(m_text) + "'", m_where);
    }

private:
    std::string_view m_text;
    const input_location& m_where;
    std::size_t m_pos = 0;
};

struct clock_time {
    unsigned hour = 0;
    unsigned minute = 0;
    unsigned second = 0;
    bool nonzero_fraction = false;
};

inline civil_date read_date(iso8601_cursor& in) {
    civil_date date;
    date.year = in.digits(4, "year");
    in.expect('-', "after the year");
    date.month = in.digits(2, "month");
    in.expect('-', "after the month");
    date.day = in.digits(2, "day");
    if (date.month < 1 || date.month > 12) {
        in.fail("month " + std::to_string(date.month) + " is outside 1..12");
    }
    const unsigned length = days_in_month(date.year, date.month);
    if (date.day < 1 || date.day > length) {
        in.fail("day " + std::to_string(date.day) + " is outside 1.." + std::to_string(length) +
                " for month " + std::to_string(date.month) + " of " + std::to_string(date.year));
    }
    return date;
}

inline clock_time read_clock(iso8601_cursor& in) {
    clock_time time;
    time.hour = in.digits(2, "hour");
    in.expect(':', "after the hour");
    time.minute = in.digits(2, "minute");
    if (in.peek() == ':') {
        in.skip();
        time.second = in.digits(2, "second");
        if (in.peek() == '.' || in.peek() == ',') {
            in.skip();
            if (in.peek() < '0' || in.peek() > '9') {
                in.fail("expected digits after the decimal sign of the seconds");
            }
            while (in.peek() >= '0' && in.peek() <= '9') {
                time.nonzero_fraction = time.nonzero_fraction || in.peek() != '0';
                in.skip();
            }
        }
    }

    // Hour 24 is only the end of a day, never a moment inside it.
    const bool end_of_day =
        time.hour == 24 && time.minute == 0 && time.second == 0 && !time.nonzero_fraction;
    if (time.hour > 23 && !end_of_day) {
        in.fail("hour " + std::to_string(time.hour) + " is outside 0..23 (24 only as 24:00:00)");
    }
    if (time.minute > 59) {
        in.fail("minute " + std::to_string(time.minute) + " is outside 0..59");
    }
    if (time.second == 60) {
        in.fail("second 60 is a leap second, which a POSIX timestamp does not count");
    }
    if (time.second > 59) {
        in.fail("second " + std::to_string(time.second) + " is outside 0..59");
    }
    return time;
}

/// The offset east of UTC in seconds, or nothing when the text ends without one.
inline bool read_offset(iso8601_cursor& in, timestamp& offset) {
    if (in.done()) {
        return false;
    }
    const char sign = in.peek();
    if (sign == 'Z' || sign == 'z') {
        in.skip();
        offset = 0;
        return true;
    }
    if (sign != '+' && sign != '-') {
        in.fail(std::string("unexpected '") + sign + "' where 'Z' or an offset may follow");
    }
    in.skip();
    const unsigned hours = in.digits(2, "offset hours");
    unsigned minutes = 0;
    if (in.peek() == ':') {
        in.skip();
        minutes = in.digits(2, "offset minutes");
    } else if (!in.done()) {
        minutes = in.digits(2, "offset minutes");
    }
    if (hours > 23 || minutes > 59) {
        in.fail("offset " + std::to_string(hours) + ":" + std::to_string(minutes) +
                " is outside 00:00..23:59");
    }
    const timestamp magnitude = hours * seconds_per_hour + minutes * seconds_per_minute;
    offset = sign == '-' ? -magnitude : magnitude;
    return true;
}

} // namespace detail

/// The UTC timestamp of an ISO 8601 date-time (see the top of this header for the forms and the
/// rules). Throws parse_error naming `where`, the rule broken and the text.
[[nodiscard]] inline timestamp parse_iso8601(std::string_view text,
                                             const input_location& where = {},
                                             const iso8601_options& options = {}) {
    const std::string_view body = trim(text);
    detail::iso8601_cursor in(body, where);
    if (body.empty()) {
        in.fail("expected a date-time, saw an empty value");
    }
    const civil_date date = detail::read_date(in);

    detail::clock_time clock;
    const bool has_time = !in.done();
    if (has_time) {
        const char separator = in.peek();
        if (separator != 'T' && separator != 't' && separator != ' ') {
            in.fail(std::string("expected 'T' or a space after the date, saw '") + separator + "'");
        }
        in.skip();
        clock = detail::read_clock(in);
    }

    timestamp offset = 0;
    const bool has_offset = has_time && detail::read_offset(in, offset);
    if (!in.done()) {
        in.fail("unexpected text after the date-time");
    }
    if (!has_offset && options.when_missing == missing_offset::reject) {
        in.fail(has_time ? "the date-time has no UTC offset ('Z' or +HH:MM)"
                         : "a date alone has no UTC offset");
    }

    const timestamp local = days_from_civil(date) * seconds_per_day +
                            clock.hour * seconds_per_hour + clock.minute * seconds_per_minute +
                            clock.second;
    return local - offset;
}

/// `moment` as "YYYY-MM-DDTHH:MM:SSZ", for messages and files. Years outside 0..9999 are written
/// with as many digits as they need.
[[nodiscard]] inline std::string format_iso8601(timestamp moment) {
    // Floor division, so that moments before 1970 land in the right day.
    timestamp days = moment / seconds_per_day;
    timestamp second_of_day = moment % seconds_per_day;
    if (second_of_day < 0) {
        second_of_day += seconds_per_day;
        --days;
    }
    const civil_date date = civil_from_days(days);

    const auto two = [](timestamp value) {
        return std::string(value < 10 ? "0" : "") + std::to_string(value);
    };
    std::string year = std::to_string(date.year < 0 ? -date.year : date.year);
    year.insert(0, year.size() < 4 ? 4 - year.size() : 0, '0');
    return (date.year < 0 ? "-" : "") + year + "-" + two(date.month) + "-" + two(date.day) + "T" +
           two(second_of_day / seconds_per_hour) + ":" +
           two(second_of_day % seconds_per_hour / seconds_per_minute) + ":" +
           two(second_of_day % seconds_per_minute) + "Z";
}

} // namespace kolroi
