// Tests for kolroi/incrementality/kol_lift.hpp: each KOL's lift over its posts, in the segments
// it reaches.
#include "kolroi/incrementality/kol_lift.hpp"

#include "test_support.hpp"

#include <cmath>
#include <string>
#include <vector>

namespace {

constexpr kolroi::timestamp day = 86400;

/// A post at 18:00 UTC of day d of a series that starts at timestamp 0.
constexpr kolroi::timestamp post_on(int d) {
    return d * day + 18 * 3600;
}

struct segment_values {
    std::string market;
    std::string product;
    std::vector<double> orders;
};

/// Segment series whose gross is 10 and net 8 times the orders, segments given in name order.
kolroi::segment_series make_series(const std::vector<segment_values>& segments) {
    kolroi::segment_series series;
    series.currency = "USD";
    series.days = segments.front().orders.size();
    for (const auto& s : segments) {
        const std::string name = s.market.empty() ? std::string(kolroi::whole_store_segment)
                                                  : s.market + "/" + s.product;
        series.segments.push_back(name);
        series.keys.push_back({s.market, s.product});
        series.orders.push_back({name, s.orders});
        std::vector<double> gross = s.orders;
        std::vector<double> net = s.orders;
        for (std::size_t d = 0; d < gross.size(); ++d) {
            gross[d] *= 10;
            net[d] *= 8;
        }
        series.gross.push_back({name, gross});
        series.net.push_back({name, net});
    }
    return series;
}

kolroi::kol_reach reach_of(std::string id, std::vector<std::string> markets,
                           std::vector<std::string> products,
                           std::vector<kolroi::timestamp> posts) {
    return {std::move(id), std::move(markets), std::move(products), std::move(posts)};
}

} // namespace

TEST_CASE("a KOL's segment against the quiet segments: the injected lift, in three measures") {
    // uk/serum is quiet; us/serum = 2 * uk/serum + 3 before the post on day 20 and 5 more a day
    // in its 7-day window. The fit is exact, so the lift is exactly 7 * 5 = 35 orders.
    std::vector<double> uk;
    std::vector<double> us;
    for (int d = 0; d < 30; ++d) {
        uk.push_back(10.0 + (d * 5) % 7);
        us.push_back(2 * uk.back() + 3 + (d >= 20 && d < 27 ? 5.0 : 0.0));
    }
    const auto series = make_series({{"uk", "serum", uk}, {"us", "serum", us}});
    kolroi::kol_reach_list reach;
    reach.kols = {reach_of("anna", {"us"}, {"serum"}, {post_on(20)})};
    kolroi::kol_lift_options options;
    options.window_days = 7;
    options.pre_days = 20;
    const auto lifts = kolroi::estimate_kol_lifts(series, reach, options);
    REQUIRE(lifts.size() == 1);
    const auto& anna = lifts[0];
    CHECK(anna.kol_id == "anna");
    CHECK(anna.segments == std::vector<std::string>{"us/serum"});
    REQUIRE(anna.posts.size() == 1);
    CHECK(anna.posts[0].window_start == 20);
    CHECK(anna.posts[0].window_days == 7);
    CHECK(anna.posts[0].controls == std::vector<std::string>{"uk/serum"});
    CHECK(anna.orders.incremental == doctest::Approx(35));
    CHECK(anna.gross.incremental == doctest::Approx(350));
    CHECK(anna.net.incremental == doctest::Approx(280));
    REQUIRE(anna.orders.range.has_value());
    CHECK(anna.orders.range->width() == doctest::Approx(0.0).epsilon(1e-9));
}

TEST_CASE("two posts add up, with Welch-Satterthwaite degrees of freedom") {
    // One segment, the store, and no control: each post's counterfactual is the mean of its
    // 10 fit days. Post 1 (day 10): fit days 10,12,10,... mean 11, s^2 = 10/9; window 15 a day
    // for 5 days: lift 75 - 55 = 20, Var = 5 s^2 + 25 s^2 / 10 = 75/9, df 9. Post 2 (day 30):
    // fit days 9,13,9,... mean 11, s^2 = 40/9; window 14 a day: lift 70 - 55 = 15,
    // Var = 300/9, df 9. Sum: lift 35, Var 375/9,
    // df = (375/9)^2 / ((75/9)^2 / 9 + (300/9)^2 / 9) = 140625 * 9 / 95625 = 13.235.
    std::vector<double> y(40, 11.0);
    for (int d = 0; d < 10; ++d) {
        y[static_cast<std::size_t>(d)] = d % 2 == 0 ? 10 : 12;
        y[static_cast<std::size_t>(d + 20)] = d % 2 == 0 ? 9 : 13;
    }
    for (int d = 10; d < 15; ++d) {
        y[static_cast<std::size_t>(d)] = 15;
        y[static_cast<std::size_t>(d + 20)] = 14;
    }
    const auto series = make_series({{"", "", y}});
    kolroi::kol_reach_list reach;
    reach.kols = {reach_of("anna", {"us"}, {}, {post_on(30), post_on(10)})};
    kolroi::kol_lift_options options;
    options.window_days = 5;
    options.pre_days = 10;
    const auto lifts = kolroi::estimate_kol_lifts(series, reach, options);
    const auto& anna = lifts.at(0);
    CHECK(anna.segments == std::vector<std::string>{"(all)"});
    REQUIRE(anna.posts.size() == 2);
    CHECK(anna.posts[0].controls.empty());
    CHECK(anna.posts[0].orders.total.lift == doctest::Approx(20));
    CHECK(anna.posts[1].orders.total.lift == doctest::Approx(15));
    CHECK(anna.orders.incremental == doctest::Approx(35));
    CHECK(anna.orders.actual == doctest::Approx(145));
    CHECK(anna.orders.counterfactual == doctest::Approx(110));
    CHECK(anna.orders.standard_error.value() == doctest::Approx(std::sqrt(375.0 / 9)));
    CHECK(anna.orders.degrees_of_freedom == doctest::Approx(140625.0 * 9 / 95625));
    // At 90%, t lies between t(14) = 1.7613 and t(13) = 1.7709 (tables of Student's t).
    const double half = anna.orders.range->upper - anna.orders.incremental;
    CHECK(half / *anna.orders.standard_error > 1.7613);
    CHECK(half / *anna.orders.standard_error < 1.7709);
}

TEST_CASE("another KOL's post keeps its segment out of the controls and its days out of the fit") {
    // Three segments. ben posts on day 12 to de/serum, which anna's fit then may not use as a
    // control; ben also reaches us/serum (anna's) on day 12, so anna's fit leaves out days
    // 12..16. uk/serum stays quiet and is the control.
    std::vector<double> quiet;
    std::vector<double> us;
    std::vector<double> de(40, 5.0);
    for (int d = 0; d < 40; ++d) {
        quiet.push_back(20.0 + (d * 3) % 5);
        us.push_back(quiet.back() + 1 + (d >= 12 && d < 17 ? 50.0 : 0.0) +
                     (d >= 30 && d < 35 ? 4.0 : 0.0));
    }
    const auto series =
        make_series({{"de", "serum", de}, {"uk", "serum", quiet}, {"us", "serum", us}});
    kolroi::kol_reach_list reach;
    reach.kols = {reach_of("anna", {"us"}, {"serum"}, {post_on(30)}),
                  reach_of("ben", {"de", "us"}, {"serum"}, {post_on(12)})};
    kolroi::kol_lift_options options;
    options.window_days = 5;
    options.pre_days = 30;
    const auto lifts = kolroi::estimate_kol_lifts(series, reach, options);
    const auto& anna = lifts.at(0);
    CHECK(anna.posts.at(0).controls == std::vector<std::string>{"uk/serum"});
    CHECK(anna.posts[0].orders.fit_days == 25);
    CHECK(anna.orders.incremental == doctest::Approx(20));
    CHECK(lifts.at(1).segments == std::vector<std::string>{"de/serum", "us/serum"});
}

TEST_CASE("posts at the edges of the data are cut or skipped, and said so") {
    std::vector<double> y;
    for (int d = 0; d < 20; ++d) {
        y.push_back(10.0 + d % 3);
    }
    const auto series = make_series({{"", "", y}});
    kolroi::kol_reach_list reach;
    reach.kols = {reach_of("anna", {}, {}, {post_on(18), post_on(40), -day}),
                  reach_of("ben", {}, {}, {})};
    const auto lifts = kolroi::estimate_kol_lifts(series, reach);
    REQUIRE(lifts.at(0).posts.size() == 1);
    CHECK(lifts[0].posts[0].window_days == 2);
    CHECK(lifts[0].notes.count("window cut at the end of the data") == 1);
    CHECK(lifts[0].notes.count("post outside the data") == 2);
    CHECK(lifts.at(1).posts.empty());
    CHECK(lifts[1].notes.count("no posts") == 1);
    CHECK_FALSE(lifts[1].orders.range.has_value());
    CHECK(lifts[1].orders.no_interval_reason == "no post could be measured");
}

TEST_CASE("posts of two KOLs on one segment in overlapping windows are noted") {
    std::vector<double> y;
    for (int d = 0; d < 40; ++d) {
        y.push_back(10.0 + d % 4);
    }
    const auto series = make_series({{"", "", y}});
    kolroi::kol_reach_list reach;
    reach.kols = {reach_of("anna", {}, {}, {post_on(30)}), reach_of("ben", {}, {}, {post_on(33)})};
    const auto lifts = kolroi::estimate_kol_lifts(series, reach);
    CHECK(lifts.at(0).notes.count("overlapping posts") == 1);
    CHECK(lifts.at(1).notes.count("overlapping posts") == 1);
}

TEST_CASE("bad options are errors") {
    const auto series = make_series({{"", "", std::vector<double>(10, 1.0)}});
    kolroi::kol_lift_options options;
    options.window_days = 0;
    CHECK_THROWS_AS((void)kolroi::estimate_kol_lifts(series, {}, options), kolroi::error);
    options.window_days = 3;
    options.level = 0;
    CHECK_THROWS_AS((void)kolroi::estimate_kol_lifts(series, {}, options), kolroi::error);
}
