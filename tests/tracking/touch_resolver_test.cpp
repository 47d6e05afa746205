// Tests for kolroi/tracking/touch_resolver.hpp. The table's expected values are worked out by hand
// from the URL standard's splitting and decoding, GA4's channel rules (channel_grouping.hpp) and
// the resolution steps stated in touch_resolver.hpp; none is printed from the code.
#include "kolroi/tracking/touch_resolver.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using kolroi::platform;
using kolroi::touch_basis;
using kolroi::touch_input;
using kolroi::touch_resolver;
namespace groups = kolroi::channel_groups;

namespace {

touch_resolver store_resolver() {
    kolroi::touch_resolver_config config;
    config.referrers.add_own_domain("shop.example");
    config.kols.add({"anna",
                     "Anna Lee",
                     platform::instagram,
                     "@anna.lee",
                     {{kolroi::kol_key_kind::utm_content, "KOL_Anna"},
                      {kolroi::kol_key_kind::link_slug, "anna"},
                      {kolroi::kol_key_kind::promo_code, "ANNA10"}}});
    config.kols.add({"ben",
                     "Ben Ito",
                     platform::tiktok,
                     "@benito",
                     {{kolroi::kol_key_kind::utm_campaign, "ben_spring"},
                      {kolroi::kol_key_kind::link_slug, "r/ben"},
                      {kolroi::kol_key_kind::promo_code, "BEN15"}}});
    return touch_resolver(std::move(config));
}

struct resolver_case {
    const char* landing;
    const char* referrer;
    const char* source;
    const char* medium;
    std::string_view group;
    platform where;
    const char* campaign = "";
    const char* content = "";
    const char* kol = ""; ///< empty: no KOL
};

} // namespace

TEST_CASE("U1: case and aliases collapse to one source and medium; ids and content keep case") {
    const touch_resolver resolver; // no KOLs registered: the channel is the channel group
    const auto tagged = resolver.resolve(
        {"?utm_source=Instagram&utm_medium=Social&utm_id=AbC123&utm_content=KOL_Anna"});
    const auto aliased = resolver.resolve({"?utm_source=ig&utm_medium=social"});
    CHECK(tagged.source == "instagram");
    CHECK(tagged.medium == "social");
    CHECK(aliased.source == "instagram");
    CHECK(aliased.medium == "social");
    CHECK(tagged.channel == aliased.channel);
    CHECK(tagged.channel == groups::organic_social);
    CHECK(tagged.platform == platform::instagram);
    CHECK(aliased.platform == platform::instagram);
    CHECK(tagged.utm_id == "AbC123");
    CHECK(tagged.content == "KOL_Anna");
}

TEST_CASE("U2: explicit source and medium go through aliases, then GA4's ordered rules") {
    const touch_resolver resolver;
    const auto group_of = [&resolver](std::string_view source, std::string_view medium) {
        touch_input input;
        input.source = source;
        input.medium = medium;
        return resolver.resolve(input).channel_group;
    };
    CHECK(group_of("(direct)", "(none)") == groups::direct);
    CHECK(group_of("instagram", "paid_kol") == groups::paid_social);
    CHECK(group_of("tiktok", "cpc") == groups::paid_social);
    CHECK(group_of("youtube", "cpc") == groups::paid_video);
    CHECK(group_of("youtube", "social") == groups::organic_social);
    CHECK(group_of("youtube", "referral") == groups::organic_video);
    CHECK(group_of("ig", "cpc") == groups::paid_social);
    // "insta" is not in Google's source list: only the alias makes it a social source.
    CHECK(group_of("insta", "cpc") == groups::paid_social);
    CHECK(kolroi::channel_grouping::ga4_default().classify("insta", "cpc") == groups::paid_other);
}

TEST_CASE("a table of landing URLs and referrers resolves to the expected fields") {
    const std::vector<resolver_case> cases = {
        // Manual tags: case, aliases, paid and organic mediums.
        {"?utm_source=Instagram&utm_medium=Social&utm_id=AbC123&utm_content=KOL_Anna", "",
         "instagram", "social", groups::organic_social, platform::instagram, "", "KOL_Anna",
         "anna"},
        {"?utm_source=ig&utm_medium=social", "", "instagram", "social", groups::organic_social,
         platform::instagram},
        {"https://shop.example/p?UTM_SOURCE=TikTok&UTM_MEDIUM=CPC", "", "tiktok", "cpc",
         groups::paid_social, platform::tiktok},
        {"https://shop.example/p?utm_source=youtube&utm_medium=cpc", "", "youtube", "cpc",
         groups::paid_video, platform::youtube},
        {"?utm_source=yt&utm_medium=social", "", "youtube", "social", groups::organic_social,
         platform::youtube},
        {"?utm_source=youtube&utm_medium=referral", "", "youtube", "referral",
         groups::organic_video, platform::youtube},
        {"?utm_source=ig&utm_medium=cpc", "", "instagram", "cpc", groups::paid_social,
         platform::instagram},
        {"?utm_source=insta&utm_medium=cpc", "", "instagram", "cpc", groups::paid_social,
         platform::instagram},
        {"?utm_source=fb&utm_medium=paid_social", "", "facebook", "paid_social",
         groups::paid_social, platform::facebook},
        {"?utm_source=META&utm_medium=cpm", "", "facebook", "cpm", groups::paid_social,
         platform::facebook},
        {"?utm_source=tik_tok&utm_medium=paid_kol&utm_campaign=Ben_Spring", "", "tiktok",
         "paid_kol", groups::paid_social, platform::tiktok, "Ben_Spring", "", "ben"},
        // Encoding: %26 inside a value, '+' and %2B, double encoding decoded once, ';' kept.
        {"?utm_source=newsletter&utm_medium=email&utm_campaign=Salt%26Pepper", "", "newsletter",
         "email", groups::email, platform::other, "Salt&Pepper"},
        {"?utm_source=google&utm_medium=cpc&utm_campaign=t+shirt", "", "google", "cpc",
         groups::paid_search, platform::other, "t shirt"},
        {"?utm_source=google&utm_medium=cpc&utm_campaign=c%2B%2B", "", "google", "cpc",
         groups::paid_search, platform::other, "c++"},
        {"?utm_source=newsletter&utm_medium=email&utm_campaign=a%2526b", "", "newsletter", "email",
         groups::email, platform::other, "a%26b"},
        {"?utm_source=ig;utm_medium=cpc", "", "ig;utm_medium=cpc", "(not set)", groups::unassigned,
         platform::other},
        {"?utm_source=%20Instagram%20&utm_medium=Social+", "", "instagram", "social",
         groups::organic_social, platform::instagram},
        // Fragments: parameters after '#' are not campaign tags.
        {"https://shop.example/#/p?utm_source=ig&utm_medium=cpc", "", "(direct)", "(none)",
         groups::direct, platform::none},
        {"https://shop.example/#utm_source=ig", "https://l.instagram.com/", "instagram", "referral",
         groups::organic_social, platform::instagram},
        // Missing scheme, upper-case scheme and host, IDN hosts, a trailing '?'.
        {"shop.example/p?utm_source=ig&utm_medium=social", "", "instagram", "social",
         groups::organic_social, platform::instagram},
        {"HTTPS://SHOP.EXAMPLE/P?utm_source=Email&utm_medium=Email", "", "email", "email",
         groups::email, platform::other},
        {"https://xn--mnchen-3ya.example/p?utm_source=newsletter&utm_medium=email", "",
         "newsletter", "email", groups::email, platform::other},
        {"https://shop.example/", "https://xn--bcher-kva.example/", "xn--bcher-kva.example",
         "referral", groups::referral, platform::other},
        {"https://shop.example/p?", "", "(direct)", "(none)", groups::direct, platform::none},
        // In-app browsers and app referrers of the platforms.
        {"https://shop.example/p?fbclid=IwAR0abc", "https://l.instagram.com/", "instagram",
         "referral", groups::organic_social, platform::instagram},
        {"https://shop.example/p", "https://lm.facebook.com/", "facebook", "referral",
         groups::organic_social, platform::facebook},
        {"https://shop.example/p", "http://m.facebook.com/", "facebook", "referral",
         groups::organic_social, platform::facebook},
        {"https://shop.example/p", "android-app://com.instagram.android", "instagram", "referral",
         groups::organic_social, platform::instagram},
        {"https://shop.example/p", "android-app://com.zhiliaoapp.musically", "tiktok", "referral",
         groups::organic_social, platform::tiktok},
        {"https://shop.example/p", "https://vm.tiktok.com/ZMabc/", "tiktok", "referral",
         groups::organic_social, platform::tiktok},
        {"https://shop.example/p", "https://m.youtube.com/watch?v=x", "youtube", "referral",
         groups::organic_video, platform::youtube},
        {"https://shop.example/p", "https://youtu.be/x", "youtube", "referral",
         groups::organic_video, platform::youtube},
        {"https://shop.example/p", "https://t.co/abc", "twitter", "referral",
         groups::organic_social, platform::other},
        // Search engines, look-alike domains, unknown sites.
        {"https://shop.example/p", "https://www.google.com/", "google", "organic",
         groups::organic_search, platform::other},
        {"https://shop.example/p", "https://www.google.de/", "google", "organic",
         groups::organic_search, platform::other},
        {"https://shop.example/p", "https://notinstagram.com/p", "notinstagram.com", "referral",
         groups::referral, platform::other},
        {"https://shop.example/p", "https://www.someblog.example/post", "someblog.example",
         "referral", groups::referral, platform::other},
        {"https://shop.example/p", "https://www.etsy.com/", "etsy.com", "referral",
         groups::organic_shopping, platform::other},
        // Self-referrals and no evidence at all are Direct.
        {"https://shop.example/p", "https://shop.example/cart", "(direct)", "(none)",
         groups::direct, platform::none},
        {"https://shop.example/p", "https://www.shop.example/", "(direct)", "(none)",
         groups::direct, platform::none},
        {"https://shop.example/", "", "(direct)", "(none)", groups::direct, platform::none},
        {"", "", "(direct)", "(none)", groups::direct, platform::none},
        // Tags win over the referrer; a missing source or medium is (not set).
        {"?utm_source=newsletter&utm_medium=email", "https://www.google.com/", "newsletter",
         "email", groups::email, platform::other},
        {"?utm_campaign=summer", "https://www.google.com/", "(not set)", "(not set)",
         groups::unassigned, platform::other, "summer"},
        {"?utm_source=e-mail", "", "e-mail", "(not set)", groups::email, platform::other},
        // Click ids: gclid is Google Ads auto-tagging; fbclid and ttclid decide nothing.
        {"?gclid=Cj0KEQ", "https://www.google.com/", "google", "cpc", groups::paid_search,
         platform::other},
        {"?ttclid=E.C.P.x", "", "(direct)", "(none)", groups::direct, platform::none},
        {"?fbclid=IwAR0abc", "", "(direct)", "(none)", groups::direct, platform::none},
        // GA4 rule order on tagged traffic.
        {"?utm_source=google&utm_medium=cpc&utm_campaign=PMax_Cross-Network", "", "google", "cpc",
         groups::cross_network, platform::other, "PMax_Cross-Network"},
        {"?utm_source=IGShopping&utm_medium=social", "", "igshopping", "social",
         groups::organic_shopping, platform::other},
        // KOL link slugs, with and without a referrer.
        {"https://shop.example/anna", "", "(direct)", "(none)", groups::direct, platform::none, "",
         "", "anna"},
        {"https://shop.example/r/ben?x=1", "https://www.tiktok.com/", "tiktok", "referral",
         groups::organic_social, platform::tiktok, "", "", "ben"},
        {"https://shop.example/annabel", "", "(direct)", "(none)", groups::direct, platform::none},
    };
    REQUIRE(cases.size() >= 40);

    const auto resolver = store_resolver();
    for (const auto& row : cases) {
        CAPTURE(row.landing);
        CAPTURE(row.referrer);
        const auto touch = resolver.resolve({row.landing, row.referrer});
        CHECK(touch.source == row.source);
        CHECK(touch.medium == row.medium);
        CHECK(touch.channel_group == row.group);
        CHECK(touch.platform == row.where);
        CHECK(touch.campaign == row.campaign);
        CHECK(touch.content == row.content);
        const std::string kol = row.kol;
        CHECK(touch.kol_id.value_or("") == kol);
        CHECK(touch.channel == (kol.empty() ? std::string(row.group) : "kol:" + kol));
    }
}

TEST_CASE("the basis says which evidence decided the source") {
    const auto resolver = store_resolver();
    CHECK(resolver.resolve({"?utm_source=ig"}).basis == touch_basis::campaign_tags);
    CHECK(resolver.resolve({"?gclid=x"}).basis == touch_basis::click_id);
    CHECK(resolver.resolve({"/", "https://t.co/x"}).basis == touch_basis::referrer);
    CHECK(resolver.resolve({"/", "https://shop.example/"}).basis == touch_basis::direct);
    CHECK(resolver.resolve({}).basis == touch_basis::direct);
}

TEST_CASE("a referrer on the landing page's own site is a self-referral, with no setting") {
    const touch_resolver resolver; // no own domain registered
    const auto source_of = [&resolver](std::string_view landing, std::string_view referrer) {
        const auto touch = resolver.resolve({landing, referrer});
        return touch.source + " / " + touch.medium;
    };
    // The same host, "www." and case and a final dot aside, or a subdomain of the landing site.
    CHECK(source_of("https://shop.example.com/p", "https://shop.example.com/cart") ==
          "(direct) / (none)");
    CHECK(source_of("https://Shop.Example.com./p", "https://www.shop.example.com/") ==
          "(direct) / (none)");
    CHECK(source_of("https://www.shop.example/p", "https://shop.example/") == "(direct) / (none)");
    CHECK(source_of("https://shop.example.com/p", "https://blog.shop.example.com/a") ==
          "(direct) / (none)");
    // Not the landing site: a parent domain, a sibling on a shared host, no landing host.
    CHECK(source_of("https://shop.example.com/p", "https://example.com/") ==
          "example.com / referral");
    CHECK(source_of("https://anna.myshopify.com/", "https://ben.myshopify.com/") ==
          "ben.myshopify.com / referral");
    CHECK(source_of("/p", "https://shop.example.com/") == "shop.example.com / referral");
    CHECK(source_of("https://shop.example.com/p", "https://notshop.example.com/") ==
          "notshop.example.com / referral");
    // A listed site stays itself even when it hosts the store.
    CHECK(source_of("https://shop.instagram.com/p", "https://www.instagram.com/") ==
          "instagram / referral");
    CHECK(resolver.resolve({"https://shop.example.com/", "https://shop.example.com/"}).basis ==
          touch_basis::direct);
}

TEST_CASE("click ids are kept on the touch as written") {
    const auto touch = store_resolver().resolve(
        {"https://shop.example/p?utm_source=ig&gclid=Cj0_A&fbclid=IwAR_B&ttclid=E.C_C&igsh=D_d"});
    CHECK(touch.clicks.gclid == "Cj0_A");
    CHECK(touch.clicks.fbclid == "IwAR_B");
    CHECK(touch.clicks.ttclid == "E.C_C");
    CHECK(touch.clicks.igshid == "D_d");
    CHECK(touch.source == "instagram"); // tags decide, not the gclid
}

TEST_CASE("explicit fields replace the URL's field by field; blank ones are absent") {
    const auto resolver = store_resolver();
    touch_input input{"?utm_source=ig&utm_medium=social&utm_term=Tee"};
    input.medium = "CPC";
    input.campaign = "Spring";
    input.term = "  ";
    const auto touch = resolver.resolve(input);
    CHECK(touch.source == "instagram");
    CHECK(touch.medium == "cpc");
    CHECK(touch.campaign == "Spring");
    CHECK(touch.term == "Tee");
    CHECK(touch.channel_group == groups::paid_social);

    touch_input only_fields;
    only_fields.source = "Instagram";
    only_fields.medium = "paid_kol";
    only_fields.content = "kol_anna";
    const auto kol = resolver.resolve(only_fields);
    CHECK(kol.channel_group == groups::paid_social);
    CHECK(kol.kol_id == "anna");
    CHECK(kol.content == "kol_anna");
}

TEST_CASE("undecodable tags and unparsable URLs throw parse_error naming which input failed") {
    const auto resolver = store_resolver();
    const auto message_of = [&resolver](const touch_input& input) {
        try {
            (void)resolver.resolve(input);
        } catch (const kolroi::error& fault) {
            CHECK(fault.kind() == kolroi::error_kind::parse_error);
            return fault.message();
        }
        return std::string("no error");
    };
    const auto bad_tag = message_of({"?utm_source=ig%G1"});
    CHECK(bad_tag.find("landing URL") != std::string::npos);
    CHECK(bad_tag.find("utm_source") != std::string::npos);
    CHECK(message_of({"?utm_campaign=%FF"}).find("invalid UTF-8") != std::string::npos);
    CHECK(message_of({"https://shop.example:70000/"}).find("landing URL") != std::string::npos);
    CHECK(message_of({"/", "https://bad host/"}).find("referrer") != std::string::npos);
    // An undecodable parameter that is not a campaign key is not an error.
    CHECK(resolver.resolve({"?q=%G1&utm_source=ig"}).source == "instagram");
}

TEST_CASE("a touch whose keys name two KOLs is a data error") {
    CHECK_THROWS_AS(
        store_resolver().resolve({"/?utm_campaign=ben_spring&utm_content=KOL_Anna&utm_source=tt"}),
        kolroi::error);
    CHECK_THROWS_AS(store_resolver().resolve({"/anna?utm_campaign=ben_spring"}), kolroi::error);
}

TEST_CASE("repeated campaign parameters are counted in the diagnostics") {
    kolroi::diagnostics notes;
    const auto touch = store_resolver().resolve({"?utm_source=ig&utm_source=fb"}, &notes);
    CHECK(touch.source == "instagram");
    CHECK(notes.count("repeated campaign parameter") == 1);
}

TEST_CASE("promo codes: a KOL's code is the KOL's channel, a sitewide code its own") {
    const auto resolver = store_resolver();
    const auto kol = resolver.resolve_promo_code(" anna10 ");
    CHECK(kol.basis == touch_basis::promo_code);
    CHECK(kol.kol_id == "anna");
    CHECK(kol.platform == platform::instagram);
    CHECK(kol.channel == "kol:anna");
    CHECK(kol.promo_code == "anna10");
    CHECK(kol.source == "(promo code)");
    CHECK(kol.medium == "promo_code");
    CHECK(kol.channel_group == groups::unassigned);

    const auto sitewide = resolver.resolve_promo_code("WELCOME10");
    CHECK_FALSE(sitewide.kol_id.has_value());
    CHECK(sitewide.platform == platform::other);
    CHECK(sitewide.channel == "promo:welcome10");
    CHECK(sitewide.promo_code == "WELCOME10");
    CHECK_THROWS_AS((void)resolver.resolve_promo_code("  "), kolroi::error);
}

TEST_CASE("a user alias, platform row and grouping rule take part in resolution") {
    kolroi::touch_resolver_config config;
    config.source_aliases.add("threads.net", "threads");
    config.platforms.set("threads", platform::instagram);
    config.medium_aliases.add("influencer", "paid_kol");
    config.grouping.insert_rule(
        config.grouping.position_of(groups::paid_social),
        {"KOL", {{{kolroi::rule_field::medium, kolroi::rule_test::equals, "paid_kol", {}}}}});
    const touch_resolver resolver(std::move(config));
    const auto touch = resolver.resolve({"?utm_source=Threads.net&utm_medium=Influencer"});
    CHECK(touch.source == "threads");
    CHECK(touch.medium == "paid_kol");
    CHECK(touch.platform == platform::instagram);
    CHECK(touch.channel_group == "KOL");
}
