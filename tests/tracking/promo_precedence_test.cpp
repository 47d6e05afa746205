// Tests for kolroi/tracking/promo_precedence.hpp. Each expectation follows from the steps in the
// header applied by hand to a short list of touches.
#include "kolroi/tracking/promo_precedence.hpp"

#include <doctest/doctest.h>

#include <optional>
#include <vector>

using kolroi::candidate_touch;
using kolroi::multi_touch_path;
using kolroi::promo_precedence;
using kolroi::seconds_per_day;
using kolroi::seconds_per_hour;
using kolroi::single_touch_credit;
using kolroi::single_touch_rule;
using kolroi::timestamp;
using kolroi::touch_role;

namespace {

constexpr timestamp order_time = 1714564800; // 2024-05-01T12:00:00Z

constexpr timestamp days_before(timestamp days) {
    return order_time - days * seconds_per_day;
}

candidate_touch link(timestamp at) {
    return {touch_role::link, at};
}
candidate_touch kol_link(timestamp at) {
    return {touch_role::kol_link, at};
}
candidate_touch kol_code() {
    return {touch_role::kol_code, 0};
}
candidate_touch sitewide_code() {
    return {touch_role::sitewide_code, 0};
}

std::optional<std::size_t> last(const std::vector<candidate_touch>& touches,
                                const promo_precedence& precedence = {}) {
    return single_touch_credit(touches, order_time, single_touch_rule::last, precedence);
}

std::optional<std::size_t> first(const std::vector<candidate_touch>& touches,
                                 const promo_precedence& precedence = {}) {
    return single_touch_credit(touches, order_time, single_touch_rule::first, precedence);
}

} // namespace

TEST_CASE("a KOL's own code on the order wins over every link") {
    const std::vector touches = {kol_link(days_before(5)), link(days_before(2)), kol_code()};
    CHECK(last(touches) == 2u);
    CHECK(first(touches) == 2u);
}

TEST_CASE("a sitewide code does not cancel a KOL link's credit") {
    const std::vector touches = {kol_link(days_before(10)), kol_link(days_before(3)),
                                 sitewide_code()};
    CHECK(last(touches) == 1u);
    CHECK(first(touches) == 0u);
}

TEST_CASE("among KOL links the last one inside the window wins a last-touch model") {
    const std::vector touches = {kol_link(days_before(40)), kol_link(days_before(20)),
                                 kol_link(days_before(3))};
    CHECK(last(touches) == 2u);
    CHECK(first(touches) == 1u); // the 40-day-old link is outside the 30-day window
}

TEST_CASE("the window is inclusive at 30 days and excludes touches after the order") {
    const std::vector edge = {kol_link(days_before(30)), kol_link(days_before(30) - 1)};
    CHECK(first(edge) == 0u);
    const std::vector late = {kol_link(days_before(1)), kol_link(order_time + seconds_per_hour)};
    CHECK(last(late) == 0u);
    promo_precedence week;
    week.lookback_window = 7 * seconds_per_day;
    CHECK(first({kol_link(days_before(10)), link(days_before(6))}, week) == 1u);
}

TEST_CASE("a sitewide code alone is the order's touch; nothing eligible gives no touch") {
    CHECK(last({sitewide_code()}) == 0u);
    CHECK(last({sitewide_code(), link(days_before(45))}) == 0u);
    CHECK_FALSE(last({}).has_value());
    CHECK_FALSE(last({link(days_before(31))}).has_value());
}

TEST_CASE("by default a later non-KOL link wins a last-touch model; the option turns that off") {
    const std::vector touches = {kol_link(days_before(3)), link(days_before(1))};
    CHECK(last(touches) == 1u);
    promo_precedence affiliate;
    affiliate.kol_links_beat_other_links = true;
    CHECK(last(touches, affiliate) == 0u);
    CHECK(last({link(days_before(1))}, affiliate) == 0u);
}

TEST_CASE("without kol_code_beats_links a KOL code is an ordinary touch at order time") {
    promo_precedence plain;
    plain.kol_code_beats_links = false;
    const std::vector touches = {kol_link(days_before(3)), kol_code()};
    CHECK(first(touches, plain) == 0u);
    CHECK(last(touches, plain) == 1u);
}

TEST_CASE("with sitewide_code_takes_credit a sitewide code is an ordinary touch at order time") {
    promo_precedence counted;
    counted.sitewide_code_takes_credit = true;
    const std::vector touches = {kol_link(days_before(3)), sitewide_code()};
    CHECK(last(touches, counted) == 1u);
    CHECK(first(touches, counted) == 0u);
    CHECK(last(touches) == 0u);
}

TEST_CASE("ties in time go by the order the touches are listed") {
    const std::vector touches = {kol_link(days_before(2)), kol_link(days_before(2))};
    CHECK(last(touches) == 1u);
    CHECK(first(touches) == 0u);
    const std::vector codes = {kol_code(), kol_code()};
    CHECK(last(codes) == 1u);
    CHECK(first(codes) == 0u);
}

TEST_CASE("a negative window is rejected") {
    promo_precedence broken;
    broken.lookback_window = -1;
    CHECK_THROWS_AS(last({kol_code()}, broken), kolroi::error);
    CHECK_THROWS_AS(multi_touch_path(std::vector{kol_code()}, order_time, broken), kolroi::error);
}

TEST_CASE("multi-touch paths are in time order, codes last, sitewide codes left out") {
    const std::vector touches = {kol_link(days_before(3)), sitewide_code(), link(days_before(5)),
                                 kol_code(), link(days_before(40))};
    CHECK(multi_touch_path(touches, order_time) == std::vector<std::size_t>{2, 0, 3});

    promo_precedence counted;
    counted.sitewide_code_takes_credit = true;
    CHECK(multi_touch_path(touches, order_time, counted) == std::vector<std::size_t>{2, 0, 1, 3});

    CHECK(multi_touch_path(std::vector{sitewide_code()}, order_time) ==
          std::vector<std::size_t>{0});
    CHECK(multi_touch_path(std::vector<candidate_touch>{}, order_time).empty());
}

TEST_CASE("in a linear split a sitewide code does not dilute the KOL link's share") {
    // Linear credit over the path: the KOL link would get 1/2 with the code in the path, and
    // gets all of it without.
    const std::vector touches = {kol_link(days_before(2)), sitewide_code()};
    const auto path = multi_touch_path(touches, order_time);
    std::size_t kol_touches = 0;
    for (const std::size_t i : path) {
        kol_touches += touches[i].role == touch_role::kol_link;
    }
    CHECK(path.size() == 1);
    CHECK(static_cast<double>(kol_touches) / static_cast<double>(path.size()) == 1.0);
}
