// Tests of kolroi/llm/retry_policy.hpp: which statuses are retried, the backoff schedule and
// Retry-After in both of its forms.
#include "kolroi/llm/retry_policy.hpp"

#include "test_support.hpp"

#include <chrono>

namespace {

using std::chrono::milliseconds;

kolroi::llm_options schedule(long long initial_ms, long long max_ms, std::size_t attempts) {
    kolroi::llm_options options;
    options.initial_backoff = milliseconds(initial_ms);
    options.max_backoff = milliseconds(max_ms);
    options.max_attempts = attempts;
    options.max_retry_after = milliseconds(60'000);
    return options;
}

/// 1994-11-06 08:49:37 UTC, the example date of RFC 9110, as seconds since 1970 (784111777):
/// 9075 days (24 years from 1970 with the 6 leap days of 1972..1992, 365 * 24 + 6 = 8766, plus
/// the days of 1994 before 6 November, 31+28+31+30+31+30+31+31+30+31 + 5 = 309) and 8:49:37.
constexpr long long rfc_example_seconds = (8766LL + 309) * 86400 + 8 * 3600 + 49 * 60 + 37;
static_assert(rfc_example_seconds == 784111777);

} // namespace

TEST_CASE("429 and every 5xx are retried; other statuses are not") {
    CHECK(kolroi::retryable_status(429));
    CHECK(kolroi::retryable_status(500));
    CHECK(kolroi::retryable_status(503));
    CHECK(kolroi::retryable_status(599));
    for (const int status : {200, 400, 401, 403, 404, 408, 413, 422, 428, 430, 600}) {
        CHECK_FALSE(kolroi::retryable_status(status));
    }
}

TEST_CASE("the backoff doubles from initial_backoff and stops at max_backoff") {
    const auto options = schedule(500, 3000, 10);
    CHECK(kolroi::backoff_delay(options, 1) == milliseconds(500));
    CHECK(kolroi::backoff_delay(options, 2) == milliseconds(1000));
    CHECK(kolroi::backoff_delay(options, 3) == milliseconds(2000));
    CHECK(kolroi::backoff_delay(options, 4) == milliseconds(3000));
    CHECK(kolroi::backoff_delay(options, 1000) == milliseconds(3000));
}

TEST_CASE("Retry-After in seconds or as an HTTP-date gives the wait it asks for") {
    const auto now =
        std::chrono::system_clock::time_point(std::chrono::seconds(rfc_example_seconds));
    CHECK(kolroi::parse_retry_after("7", now) == milliseconds(7000));
    CHECK(kolroi::parse_retry_after(" 0 ", now) == milliseconds(0));
    CHECK(kolroi::parse_retry_after("Sun, 06 Nov 1994 08:49:37 GMT", now) == milliseconds(0));
    CHECK(kolroi::parse_retry_after("Sun, 06 Nov 1994 08:50:07 GMT", now) == milliseconds(30'000));
    CHECK(kolroi::parse_retry_after("Mon, 07 Nov 1994 08:49:37 GMT", now) ==
          milliseconds(86'400'000));

    SUBCASE("a date already past asks for no wait") {
        CHECK(kolroi::parse_retry_after("Sat, 05 Nov 1994 08:49:37 GMT", now) == milliseconds(0));
    }
    SUBCASE("text in neither form is ignored") {
        CHECK_FALSE(kolroi::parse_retry_after("soon", now));
        CHECK_FALSE(kolroi::parse_retry_after("-5", now));
        CHECK_FALSE(kolroi::parse_retry_after("1.5", now));
        CHECK_FALSE(kolroi::parse_retry_after("Sun, 06 Nov 1994 25:49:37 GMT", now));
        CHECK_FALSE(kolroi::parse_retry_after("Sunday, 06-Nov-94 08:49:37 GMT", now));
    }
}

TEST_CASE("next_retry honours Retry-After, else backs off, and stops at max_attempts") {
    const auto options = schedule(100, 10'000, 3);
    const auto now =
        std::chrono::system_clock::time_point(std::chrono::seconds(rfc_example_seconds));

    const auto first = kolroi::next_retry(options, 1, "", now);
    CHECK(first.retry);
    CHECK(first.wait == milliseconds(100));

    const auto asked = kolroi::next_retry(options, 2, "2", now);
    CHECK(asked.retry);
    CHECK(asked.wait == milliseconds(2000));

    const auto garbled = kolroi::next_retry(options, 2, "later", now);
    CHECK(garbled.retry);
    CHECK(garbled.wait == milliseconds(200));

    const auto last = kolroi::next_retry(options, 3, "", now);
    CHECK_FALSE(last.retry);
    CHECK(last.why_not == "gave up after 3 attempts");

    auto once = options;
    once.max_attempts = 1;
    CHECK(kolroi::next_retry(once, 1, "", now).why_not == "gave up after 1 attempt");
}

TEST_CASE("a Retry-After beyond max_retry_after ends the retries instead of retrying early") {
    auto options = schedule(100, 10'000, 5);
    options.max_retry_after = milliseconds(30'000);
    const auto decision =
        kolroi::next_retry(options, 1, "3600", std::chrono::system_clock::time_point{});
    CHECK_FALSE(decision.retry);
    CHECK(decision.why_not ==
          "server asked to retry after 3600000 ms, beyond max_retry_after 30000 ms");
}
