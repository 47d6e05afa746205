// kolroi/llm/retry_policy.hpp: when a failed request to the model server is tried again, and
// after how long.
//
// Retried: HTTP 429 (too many requests), every 5xx, and transport failures (no connection, a
// connect or read timeout). Not retried: every other status, above all the 4xx that say the
// request itself is wrong (400, 401, 403, 404, 422), since asking again cannot change them.
//
// The wait before attempt k + 1 (k >= 1 attempts made) is
//     min(max_backoff, initial_backoff * 2^(k - 1)),
// unless the server sent Retry-After (RFC 9110, 10.2.3: delay-seconds or an HTTP-date), which
// is honoured as given; a Retry-After beyond max_retry_after ends the retries instead of
// retrying early. `retry_hooks` carries the clock and the sleeper, so that tests run the whole
// schedule without waiting.
#pragma once

#include "kolroi/llm/llm_options.hpp"

#include <algorithm>
#include <array>
#include <chrono>
#include <cstddef>
#include <ctime>
#include <functional>
#include <optional>
#include <string_view>
#include <thread>

namespace kolroi {

/// The clock and the sleeper a client uses between attempts.
struct retry_hooks {
    std::function<std::chrono::system_clock::time_point()> now = [] {
        return std::chrono::system_clock::now();
    };
    std::function<void(std::chrono::milliseconds)> sleep = [](std::chrono::milliseconds wait) {
        std::this_thread::sleep_for(wait);
    };
};

/// Whether an HTTP status may succeed when asked again.
constexpr bool retryable_status(int status) noexcept {
    return status == 429 || (status >= 500 && status <= 599);
}

/// The exponential wait after `attempts_made` (>= 1) failed attempts.
inline std::chrono::milliseconds backoff_delay(const llm_options& options,
                                               std::size_t attempts_made) {
    // Doubling stops once the cap is reached, so that no shift overflows.
    std::chrono::milliseconds wait = options.initial_backoff;
    for (std::size_t k = 1; k < attempts_made && wait < options.max_backoff; ++k) {
        wait *= 2;
    }
    return std::min(wait, options.max_backoff);
}

namespace detail::llm {

inline std::optional<long long> parse_digits(std::string_view text) {
    if (text.empty() || text.size() > 12) {
        return std::nullopt;
    }
    long long value = 0;
    for (const char c : text) {
        if (c < '0' || c > '9') {
            return std::nullopt;
        }
        value = value * 10 + (c - '0');
    }
    return value;
}

/// Days from 1970-01-01 to the civil date y-m-d (proleptic Gregorian), by the standard
/// era-based formula; std::chrono's calendar does the same but is not in every library.
constexpr long long days_from_civil(long long y, unsigned m, unsigned d) noexcept {
    y -= m <= 2 ? 1 : 0;
    const long long era = (y >= 0 ? y : y - 399) / 400;
    const auto yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<long long>(doe) - 719468;
}

/// An IMF-fixdate ("Sun, 06 Nov 1994 08:49:37 GMT") as a time point.
inline std::optional<std::chrono::system_clock::time_point> parse_http_date(std::string_view text) {
    // Fixed layout: "Www, DD Mmm YYYY HH:MM:SS GMT" is 29 characters.
    if (text.size() != 29 || text[3] != ',' || text[4] != ' ' || text[7] != ' ' ||
        text[11] != ' ' || text[16] != ' ' || text[19] != ':' || text[22] != ':' ||
        text.substr(25) != " GMT") {
        return std::nullopt;
    }
    constexpr std::array<std::string_view, 12> months = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                         "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    const auto month = std::find(months.begin(), months.end(), text.substr(8, 3));
    const auto day = parse_digits(text.substr(5, 2));
    const auto year = parse_digits(text.substr(12, 4));
    const auto hour = parse_digits(text.substr(17, 2));
    const auto minute = parse_digits(text.substr(20, 2));
    const auto second = parse_digits(text.substr(23, 2));
    if (month == months.end() || !day || !year || !hour || !minute || !second || *day < 1 ||
        *day > 31 || *hour > 23 || *minute > 59 || *second > 60) {
        return std::nullopt;
    }
    const auto m = static_cast<unsigned>(month - months.begin() + 1);
    const long long days = days_from_civil(*year, m, static_cast<unsigned>(*day));
    const long long seconds = ((days * 24 + *hour) * 60 + *minute) * 60 + *second;
    return std::chrono::system_clock::time_point(std::chrono::seconds(seconds));
}

} // namespace detail::llm

/// The wait a Retry-After value asks for, measured from `now`: delay-seconds, or an HTTP-date
/// (a date already past asks for no wait). Nothing when the value follows neither form.
inline std::optional<std::chrono::milliseconds>
parse_retry_after(std::string_view value, std::chrono::system_clock::time_point now) {
    while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) {
        value.remove_prefix(1);
    }
    while (!value.empty() && (value.back() == ' ' || value.back() == '\t')) {
        value.remove_suffix(1);
    }
    if (const auto seconds = detail::llm::parse_digits(value)) {
        return std::chrono::milliseconds(*seconds * 1000);
    }
    if (const auto date = detail::llm::parse_http_date(value)) {
        const auto wait = std::chrono::duration_cast<std::chrono::milliseconds>(*date - now);
        return std::max(wait, std::chrono::milliseconds(0));
    }
    return std::nullopt;
}

/// What to do after a failed attempt.
struct retry_decision {
    bool retry = false;
    std::chrono::milliseconds wait{0};
    std::string why_not; ///< when not retrying although the failure was retryable
};

/// Whether to try again after `attempts_made` attempts whose last one failed retryably, and
/// how long to wait; `retry_after` is the server's header, empty when absent.
inline retry_decision next_retry(const llm_options& options, std::size_t attempts_made,
                                 std::string_view retry_after,
                                 std::chrono::system_clock::time_point now) {
    if (attempts_made >= options.max_attempts) {
        return {false,
                {},
                "gave up after " + std::to_string(attempts_made) +
                    (attempts_made == 1 ? " attempt" : " attempts")};
    }
    if (!retry_after.empty()) {
        if (const auto asked = parse_retry_after(retry_after, now)) {
            if (*asked > options.max_retry_after) {
                return {false,
                        {},
                        "server asked to retry after " + detail::llm::duration_text(*asked) +
                            ", beyond max_retry_after " +
                            detail::llm::duration_text(options.max_retry_after)};
            }
            return {true, *asked, {}};
        }
    }
    return {true, backoff_delay(options, attempts_made), {}};
}

} // namespace kolroi
