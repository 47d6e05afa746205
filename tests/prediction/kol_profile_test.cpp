// Tests of kolroi/prediction/kol_profile.hpp: cost models, the expected cost of a quote, and the
// checks on a profile made in code.
#include "kolroi/prediction/kol_profile.hpp"

#include "test_support.hpp"

#include <limits>

namespace {

kolroi::creator_profile valid_profile() {
    kolroi::creator_profile profile;
    profile.kol_id = "kol-1";
    profile.platform = kolroi::platform::tiktok;
    profile.followers = 120000;
    profile.average_views = 40000;
    profile.engagement_rate = 0.05;
    profile.quote = {kolroi::cost_model::flat_fee, 800, 0};
    return profile;
}

} // namespace

TEST_CASE("cost model names read back as the same model") {
    for (const auto model : kolroi::all_cost_models) {
        CHECK(kolroi::cost_model_from_name(kolroi::to_string(model)) == model);
    }
    CHECK(kolroi::to_string(kolroi::cost_model::flat_fee_and_commission) ==
          "flat_fee_and_commission");
    CHECK_FALSE(kolroi::cost_model_from_name("Flat_Fee").has_value());
}

TEST_CASE("the expected cost follows each cost model's formula") {
    kolroi::creator_profile profile = valid_profile();
    CHECK(kolroi::expected_cost(profile, 5000) == 800);

    // 40,000 views at 12.5 per thousand: 40 * 12.5 = 500, and twice that for two posts.
    profile.quote = {kolroi::cost_model::cpm, 12.5, 0};
    CHECK(kolroi::expected_cost(profile, 5000) == 500);
    profile.quote.posts = 2;
    CHECK(kolroi::expected_cost(profile, 5000) == 1000);

    profile.quote = {kolroi::cost_model::commission, 0, 0.15};
    CHECK(kolroi::expected_cost(profile, 5000) == doctest::Approx(750));

    profile.quote = {kolroi::cost_model::flat_fee_and_commission, 300, 0.1};
    CHECK(kolroi::expected_cost(profile, 5000) == doctest::Approx(800));

    profile.quote = {kolroi::cost_model::cpm, 12.5, 0};
    profile.average_views.reset();
    CHECK_THROWS_WITH_AS(kolroi::expected_cost(profile, 5000),
                         "expected_cost: creator 'kol-1' quotes a CPM price but has no average "
                         "views to bill it on",
                         kolroi::error);
}

TEST_CASE("validate_profile accepts a sound profile and names the field that breaks a rule") {
    CHECK_NOTHROW(kolroi::validate_profile(valid_profile()));

    kolroi::creator_profile profile = valid_profile();
    profile.kol_id.clear();
    CHECK_THROWS_WITH_AS(kolroi::validate_profile(profile),
                         "validate_profile: the creator's id is empty", kolroi::error);

    profile = valid_profile();
    profile.platform = kolroi::platform::none;
    CHECK_THROWS_WITH_AS(kolroi::validate_profile(profile), doctest::Contains("platform none"),
                         kolroi::error);

    profile = valid_profile();
    profile.followers = -3;
    CHECK_THROWS_WITH_AS(kolroi::validate_profile(profile),
                         "validate_profile: creator 'kol-1': followers is -3; it must be finite "
                         "and >= 0",
                         kolroi::error);

    profile = valid_profile();
    profile.average_views = std::numeric_limits<double>::infinity();
    CHECK_THROWS_WITH_AS(kolroi::validate_profile(profile),
                         doctest::Contains("average_views is inf"), kolroi::error);

    profile = valid_profile();
    profile.quote = {kolroi::cost_model::commission, 0, 1.5};
    CHECK_THROWS_WITH_AS(kolroi::validate_profile(profile),
                         "validate_profile: creator 'kol-1': commission_rate is 1.5; a commission "
                         "rate is a fraction of GMV in [0, 1]",
                         kolroi::error);

    profile = valid_profile();
    profile.quote.posts = 0.5;
    CHECK_THROWS_WITH_AS(kolroi::validate_profile(profile),
                         "validate_profile: creator 'kol-1': posts is 0.5; a quote buys at least "
                         "one post",
                         kolroi::error);

    profile = valid_profile();
    profile.quote = {kolroi::cost_model::cpm, 10, 0};
    profile.average_views.reset();
    CHECK_THROWS_WITH_AS(kolroi::validate_profile(profile), doctest::Contains("no average views"),
                         kolroi::error);
}
