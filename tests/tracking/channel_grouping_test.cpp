// Tests for kolroi/tracking/channel_grouping.hpp. Each expected group is worked out by walking
// GA4's published rule list (in the header) top to bottom by hand.
#include "kolroi/tracking/channel_grouping.hpp"

#include "test_support.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using kolroi::channel_grouping;
namespace groups = kolroi::channel_groups;

namespace {

struct grouping_case {
    const char* source;
    const char* medium;
    const char* campaign;
    std::string_view group;
};

void check_cases(const channel_grouping& grouping, const std::vector<grouping_case>& cases) {
    for (const auto& row : cases) {
        CAPTURE(row.source);
        CAPTURE(row.medium);
        CAPTURE(row.campaign);
        CHECK(grouping.classify(row.source, row.medium, row.campaign) == row.group);
    }
}

} // namespace

TEST_CASE("U2: GA4's rules are ordered and the first match wins") {
    check_cases(channel_grouping::ga4_default(),
                {
                    {"(direct)", "(none)", "", groups::direct},
                    {"instagram", "paid_kol", "", groups::paid_social},
                    {"tiktok", "cpc", "", groups::paid_social},
                    {"youtube", "cpc", "", groups::paid_video},
                    {"youtube", "social", "", groups::organic_social},
                    {"youtube", "referral", "", groups::organic_video},
                    {"ig", "cpc", "", groups::paid_social},
                });
}

TEST_CASE("every GA4 default channel group is reached by the input its rule describes") {
    check_cases(channel_grouping::ga4_default(),
                {
                    {"(direct)", "(not set)", "", groups::direct},
                    // Cross-network comes before Paid Search.
                    {"google", "cpc", "PMax_Cross-Network_Q3", groups::cross_network},
                    {"amazon", "cpc", "", groups::paid_shopping},
                    {"newsletter", "ppc", "Summer_Shop", groups::paid_shopping},
                    {"google", "cpc", "", groups::paid_search},
                    {"bing", "ppc", "", groups::paid_search},
                    {"google", "retargeting", "", groups::paid_search},
                    {"facebook", "paid_social", "", groups::paid_social},
                    // cpm is a Display medium, but it contains "cp" and Paid Social is tried first.
                    {"tiktok", "cpm", "", groups::paid_social},
                    {"youtube", "cpv", "", groups::paid_video},
                    {"partner.example", "banner", "", groups::display},
                    {"(not set)", "cpm", "", groups::display},
                    {"partner.example", "cpa", "", groups::paid_other},
                    {"partner.example", "paid", "", groups::paid_other},
                    {"etsy", "referral", "", groups::organic_shopping},
                    // A shopping campaign outranks the Email rule further down.
                    {"newsletter", "email", "Shopping_Week", groups::organic_shopping},
                    {"instagram", "referral", "", groups::organic_social},
                    {"newsletter", "sm", "", groups::organic_social},
                    {"reddit", "(not set)", "", groups::organic_social},
                    {"vimeo", "referral", "", groups::organic_video},
                    {"blog.example", "video_embed", "", groups::organic_video},
                    {"google", "organic", "", groups::organic_search},
                    {"(not set)", "organic", "", groups::organic_search},
                    {"duckduckgo", "referral", "", groups::organic_search},
                    {"blog.example", "referral", "", groups::referral},
                    {"blog.example", "link", "", groups::referral},
                    {"blog.example", "app", "", groups::referral},
                    {"newsletter", "email", "", groups::email},
                    {"e-mail", "(not set)", "", groups::email},
                    {"klaviyo", "e mail", "", groups::email},
                    {"awin", "affiliate", "", groups::affiliates},
                    {"spotify", "audio", "", groups::audio},
                    {"sms", "(not set)", "", groups::sms},
                    {"attentive", "sms", "", groups::sms},
                    {"braze", "web_push", "", groups::mobile_push_notifications},
                    {"app", "mobile_banner", "", groups::mobile_push_notifications},
                    {"onesignal", "notification", "", groups::mobile_push_notifications},
                    {"firebase", "(not set)", "", groups::mobile_push_notifications},
                    {"qr", "offline", "", groups::unassigned},
                    {"(not set)", "(not set)", "", groups::unassigned},
                    {"(direct)", "referral", "", groups::referral},
                });
}

TEST_CASE("matching ignores ASCII case and surrounding spaces") {
    check_cases(channel_grouping::ga4_default(),
                {
                    {"Instagram", "CPC", "", groups::paid_social},
                    {" YouTube ", "Social", "", groups::organic_social},
                    {"(DIRECT)", "(None)", "", groups::direct},
                });
}

TEST_CASE("the shopping-campaign test is GA4's regex ^(.*(([^a-df-z]|^)shop|shopping).*)$") {
    using kolroi::detail::has_shop_word;
    CHECK(has_shop_word("shop"));
    CHECK(has_shop_word("summer-shop"));
    CHECK(has_shop_word("eshop")); // 'e' is outside [a-df-z]
    CHECK(has_shop_word("2shop"));
    CHECK(has_shop_word("webshopping"));    // "shopping" matches anywhere
    CHECK_FALSE(has_shop_word("workshop")); // 'k' is in [f-z]
    CHECK_FALSE(has_shop_word("bishop"));
    CHECK_FALSE(has_shop_word("webshop")); // 'b' is in [a-d]
    CHECK_FALSE(has_shop_word("shoe"));
    CHECK(has_shop_word("workshop_shop")); // the second "shop" follows '_'
}

TEST_CASE("rows added to the source categories change the group") {
    auto grouping = channel_grouping::ga4_default();
    CHECK(grouping.classify("linktree", "referral") == groups::referral);
    grouping.categories().set("linktree", kolroi::source_category::social);
    CHECK(grouping.classify("linktree", "referral") == groups::organic_social);

    auto loaded = channel_grouping::ga4_default();
    loaded.categories().load_file(
        kolroi::test::test_data("tracking/source_categories_extra.csv").string());
    CHECK(loaded.classify("kick.com", "referral") == groups::organic_video);
}

TEST_CASE("users insert their own rules ahead of GA4's") {
    auto grouping = channel_grouping::ga4_default();
    kolroi::channel_rule kol_rule{
        "KOL", {{{kolroi::rule_field::medium, kolroi::rule_test::equals, "Paid_KOL", {}}}}};
    grouping.insert_rule(grouping.position_of(groups::paid_social), kol_rule);
    CHECK(grouping.classify("instagram", "paid_kol") == "KOL");
    CHECK(grouping.classify("instagram", "cpc") == groups::paid_social);
    CHECK(grouping.rules().size() == 19);

    grouping.insert_rule(
        1000, {"Print", {{{kolroi::rule_field::medium, kolroi::rule_test::equals, "print", {}}}}});
    CHECK(grouping.classify("flyer", "print") == "Print");
    CHECK(grouping.rules().back().group == "Print");
}

TEST_CASE("rules that could never hold or have no name are rejected") {
    auto grouping = channel_grouping::ga4_default();
    CHECK_THROWS_AS(grouping.insert_rule(0, {"Empty", {}}), kolroi::error);
    CHECK_THROWS_AS(grouping.insert_rule(0, {"Hollow", {{}}}), kolroi::error);
    CHECK_THROWS_AS(
        grouping.insert_rule(
            0, {"", {{{kolroi::rule_field::medium, kolroi::rule_test::equals, "x", {}}}}}),
        kolroi::error);
    CHECK_THROWS_AS((void)grouping.position_of("Influencers"), kolroi::error);
}

TEST_CASE("GA4's default list has its 18 rules in the published order") {
    const std::vector<std::string_view> expected = {
        groups::direct,         groups::cross_network, groups::paid_shopping,
        groups::paid_search,    groups::paid_social,   groups::paid_video,
        groups::display,        groups::paid_other,    groups::organic_shopping,
        groups::organic_social, groups::organic_video, groups::organic_search,
        groups::referral,       groups::email,         groups::affiliates,
        groups::audio,          groups::sms,           groups::mobile_push_notifications};
    const auto rules = kolroi::ga4_default_channel_rules();
    REQUIRE(rules.size() == expected.size());
    for (std::size_t i = 0; i < rules.size(); ++i) {
        CHECK(rules[i].group == expected[i]);
    }
    CHECK(channel_grouping::ga4_default().fallback() == groups::unassigned);
}
