// Tests of kolroi/prediction/feature_pipeline.hpp: the transforms, the levels and means learnt
// from a history, and the same columns for new profiles.
#include "kolroi/prediction/feature_pipeline.hpp"

#include "test_support.hpp"

#include <cmath>
#include <string>
#include <vector>

namespace {

kolroi::creator_profile profile(const std::string& id, kolroi::platform on, double followers,
                                std::optional<double> views) {
    kolroi::creator_profile p;
    p.kol_id = id;
    p.platform = on;
    p.followers = followers;
    p.average_views = views;
    p.engagement_rate = 0.05;
    p.quote = {kolroi::cost_model::flat_fee, 500, 0};
    return p;
}

/// Six profiles: tiktok three times, youtube twice, instagram once; views missing once.
std::vector<kolroi::creator_profile> history() {
    using kolroi::platform;
    std::vector<kolroi::creator_profile> rows = {
        profile("a", platform::tiktok, 999, 99),      profile("b", platform::youtube, 9999, 999),
        profile("c", platform::tiktok, 99, 9),        profile("d", platform::instagram, 999, {}),
        profile("e", platform::youtube, 99999, 9999), profile("f", platform::tiktok, 9, 9)};
    rows[1].category = "beauty";
    rows[2].category = "beauty";
    rows[3].category = "gaming";
    return rows;
}

kolroi::feature_spec spec_of(std::vector<kolroi::profile_transform> transforms,
                             std::vector<kolroi::profile_factor> factors, std::size_t min_rows) {
    kolroi::feature_spec spec;
    spec.transforms = std::move(transforms);
    spec.factors = std::move(factors);
    spec.min_level_rows = min_rows;
    return spec;
}

} // namespace

TEST_CASE("each transform follows its formula") {
    using kolroi::profile_transform;
    kolroi::creator_profile p = profile("a", kolroi::platform::tiktok, 49999, 7999);
    p.engagement_rate = 0.0321;
    p.quote.posts = 2;
    const auto value = [&](profile_transform t) { return *kolroi::apply_transform(t, p); };
    CHECK(value(profile_transform::log_followers) == doctest::Approx(std::log(50000.0)));
    CHECK(value(profile_transform::log_views) == doctest::Approx(std::log(8000.0)));
    CHECK(value(profile_transform::engagement_rate) == 0.0321);
    CHECK(value(profile_transform::log_engagement) == doctest::Approx(std::log(0.0321)));
    CHECK(value(profile_transform::views_per_follower) == doctest::Approx(7999.0 / 49999.0));
    CHECK(value(profile_transform::log_posts) == doctest::Approx(std::log(2.0)));
    CHECK(value(profile_transform::log_price) == doctest::Approx(std::log(501.0)));

    // A CPM price of 10 on 2 posts of 7999 views costs 159.98; a pure commission costs nothing
    // fixed; a zero engagement rate meets the floor of 1e-4.
    p.quote = {kolroi::cost_model::cpm, 10, 0, 2};
    CHECK(value(profile_transform::log_price) == doctest::Approx(std::log(160.98)));
    p.quote = {kolroi::cost_model::commission, 0, 0.2};
    CHECK(value(profile_transform::log_price) == 0.0);
    p.engagement_rate = 0.0;
    CHECK(value(profile_transform::log_engagement) == doctest::Approx(std::log(1e-4)));

    p.average_views.reset();
    p.engagement_rate.reset();
    CHECK_FALSE(kolroi::apply_transform(profile_transform::log_views, p).has_value());
    CHECK_FALSE(kolroi::apply_transform(profile_transform::views_per_follower, p).has_value());
    CHECK_FALSE(kolroi::apply_transform(profile_transform::log_engagement, p).has_value());
    p.average_views = 10;
    p.followers = 0;
    CHECK_FALSE(kolroi::apply_transform(profile_transform::views_per_follower, p).has_value());
}

TEST_CASE("the most frequent level is the baseline and rare levels join it") {
    using kolroi::profile_factor;
    kolroi::diagnostics notes;
    const auto rows = history();
    const auto pipeline = kolroi::feature_pipeline::fit(
        spec_of({}, {profile_factor::platform, profile_factor::category}, 2), rows, {}, notes);

    // platform: tiktok 3, youtube 2, instagram 1 (rare at 2 rows); category: (unknown) 3,
    // beauty 2, gaming 1 (rare).
    REQUIRE(pipeline.factors().size() == 2);
    CHECK(pipeline.factors()[0].baseline == "tiktok");
    CHECK(pipeline.factors()[0].levels == std::vector<std::string>{"youtube"});
    CHECK(pipeline.factors()[0].rare == std::vector<std::string>{"instagram"});
    CHECK(pipeline.factors()[1].baseline == "(unknown)");
    CHECK(pipeline.factors()[1].levels == std::vector<std::string>{"beauty"});
    CHECK(pipeline.column_names() ==
          std::vector<std::string>{"platform=youtube", "category=beauty"});
    CHECK(notes.count("rare level") == 2);

    kolroi::diagnostics design_notes;
    const Eigen::MatrixXd x = pipeline.design(rows, {}, design_notes);
    Eigen::MatrixXd expected(6, 2);
    expected << 0, 0, 1, 1, 0, 1, 0, 0, 1, 0, 0, 0;
    CHECK(x == expected);
    CHECK(design_notes.count("rare level") == 2); // instagram and gaming of d
}

TEST_CASE("equally frequent levels take the first name as the baseline") {
    kolroi::diagnostics notes;
    using kolroi::platform;
    const std::vector<kolroi::creator_profile> rows = {
        profile("a", platform::youtube, 1, 1), profile("b", platform::facebook, 1, 1),
        profile("c", platform::youtube, 1, 1), profile("d", platform::facebook, 1, 1)};
    const auto pipeline = kolroi::feature_pipeline::fit(
        spec_of({}, {kolroi::profile_factor::platform}, 1), rows, {}, notes);
    CHECK(pipeline.factors()[0].baseline == "facebook");
    CHECK(pipeline.column_names() == std::vector<std::string>{"platform=youtube"});
}

TEST_CASE("a level the history never had maps to the baseline and is noted") {
    kolroi::diagnostics notes;
    const auto pipeline = kolroi::feature_pipeline::fit(
        spec_of({}, {kolroi::profile_factor::platform}, 1), history(), {}, notes);
    const std::vector<kolroi::creator_profile> quote = {
        profile("new", kolroi::platform::facebook, 1, 1)};
    kolroi::diagnostics design_notes;
    const Eigen::MatrixXd x = pipeline.design(quote, {}, design_notes);
    CHECK(x.isZero());
    REQUIRE(design_notes.count("unseen level") == 1);
    CHECK(design_notes.examples().front().detail ==
          "platform 'facebook' of 'new' was not in the history: predicted as the baseline "
          "'tiktok'");
}

TEST_CASE("a missing value is imputed with the history's mean beside a missing indicator") {
    using kolroi::profile_transform;
    kolroi::diagnostics notes;
    const auto rows = history();
    const auto pipeline = kolroi::feature_pipeline::fit(
        spec_of({profile_transform::log_views}, {}, 1), rows, {}, notes);
    CHECK(pipeline.column_names() == std::vector<std::string>{"log_views", "log_views:missing"});
    // Known views 99, 999, 9, 9999, 9: log1p gives log 100, log 1000, log 10, log 10000, log 10.
    const double fill =
        (std::log(100.0) + std::log(1000.0) + std::log(10.0) + std::log(10000.0) + std::log(10.0)) /
        5;
    CHECK(pipeline.inputs()[0].fill == doctest::Approx(fill));
    CHECK(pipeline.inputs()[0].missing == 1);
    CHECK(notes.count("missing values") == 1);

    kolroi::diagnostics design_notes;
    const Eigen::MatrixXd x = pipeline.design(rows, {}, design_notes);
    CHECK(x(3, 0) == doctest::Approx(fill));
    CHECK(x(3, 1) == 1.0);
    CHECK(x(0, 0) == doctest::Approx(std::log(100.0)));
    CHECK(x(0, 1) == 0.0);
    CHECK(design_notes.count("imputed value") == 1);
}

TEST_CASE("a value missing only at prediction time is imputed with the mean and noted") {
    using kolroi::profile_transform;
    kolroi::diagnostics notes;
    const std::vector<kolroi::creator_profile> rows = {
        profile("a", kolroi::platform::tiktok, 1, 9),
        profile("b", kolroi::platform::tiktok, 1, 99)};
    const auto pipeline = kolroi::feature_pipeline::fit(
        spec_of({profile_transform::log_views}, {}, 1), rows, {}, notes);
    CHECK(pipeline.column_names() == std::vector<std::string>{"log_views"});
    const std::vector<kolroi::creator_profile> quote = {
        profile("q", kolroi::platform::tiktok, 1, {})};
    kolroi::diagnostics design_notes;
    const Eigen::MatrixXd x = pipeline.design(quote, {}, design_notes);
    CHECK(x(0, 0) == doctest::Approx((std::log(10.0) + std::log(100.0)) / 2));
    CHECK(design_notes.count("imputed value") == 1);
}

TEST_CASE("an input with one value or none in the history gives no column") {
    using kolroi::profile_transform;
    kolroi::diagnostics notes;
    auto rows = history();
    for (auto& row : rows) {
        row.engagement_rate.reset();
    }
    const auto pipeline = kolroi::feature_pipeline::fit(
        spec_of({profile_transform::log_posts, profile_transform::log_engagement}, {}, 1), rows, {},
        notes);
    CHECK(pipeline.columns().empty());
    CHECK(notes.count("dropped feature") == 2);
}

TEST_CASE("extra feature tables add their columns after the profile's own") {
    kolroi::diagnostics notes;
    const auto rows = history();
    kolroi::feature_table scores({"llm:fit"}, rows.size());
    for (std::size_t i = 0; i < rows.size(); ++i) {
        scores.set(i, 0, i == 2 ? std::nullopt : std::optional<double>(0.1 * double(i)));
    }
    const std::vector<kolroi::feature_table> extra = {scores};
    const auto pipeline = kolroi::feature_pipeline::fit(
        spec_of({kolroi::profile_transform::log_followers}, {kolroi::profile_factor::platform}, 2),
        rows, extra, notes);
    CHECK(pipeline.column_names() == std::vector<std::string>{"log_followers", "llm:fit",
                                                              "llm:fit:missing",
                                                              "platform=youtube"});
    kolroi::diagnostics design_notes;
    const Eigen::MatrixXd x = pipeline.design(rows, extra, design_notes);
    // The known scores 0, 0.1, 0.3, 0.4, 0.5 have mean 0.26.
    CHECK(x(2, 1) == doctest::Approx(0.26));
    CHECK(x(2, 2) == 1.0);
    CHECK(x(4, 1) == doctest::Approx(0.4));

    CHECK_THROWS_WITH_AS((void)pipeline.design(rows, {}, design_notes),
                         "feature_pipeline::design: the pipeline was fitted with 1 extra feature "
                         "tables but 0 were given",
                         kolroi::error);
    const std::vector<kolroi::feature_table> renamed = {kolroi::feature_table({"x"}, rows.size())};
    CHECK_THROWS_WITH_AS((void)pipeline.design(rows, renamed, design_notes),
                         doctest::Contains("other columns"), kolroi::error);
    const std::vector<kolroi::feature_table> short_table = {kolroi::feature_table({"llm:fit"}, 2)};
    CHECK_THROWS_WITH_AS(
        kolroi::feature_pipeline::fit(kolroi::feature_spec{}, rows, short_table, notes),
        "feature_pipeline::fit: a feature table has 2 rows for 6 profiles", kolroi::error);
}
