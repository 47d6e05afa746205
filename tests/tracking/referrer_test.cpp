// Tests for kolroi/tracking/referrer.hpp. Expected sources follow the rules stated in the header:
// suffix match on label boundaries, search engines only on their own name and www., app
// referrers by package, anything else its host.
#include "kolroi/tracking/referrer.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using kolroi::referrer_classifier;
using kolroi::referrer_kind;

namespace {

struct referrer_case {
    const char* referrer;
    referrer_kind kind;
    const char* source;
    const char* medium;
};

} // namespace

TEST_CASE("referrers of the platforms, their in-app browsers and search engines") {
    const std::vector<referrer_case> cases = {
        {"https://vm.tiktok.com/ZMabc/", referrer_kind::known, "tiktok", "referral"},
        {"https://www.tiktok.com/@anna", referrer_kind::known, "tiktok", "referral"},
        {"https://l.instagram.com/?u=https%3A%2F%2Fshop.example", referrer_kind::known, "instagram",
         "referral"},
        {"https://lm.facebook.com/l.php?u=x", referrer_kind::known, "facebook", "referral"},
        {"http://m.facebook.com/", referrer_kind::known, "facebook", "referral"},
        {"https://m.youtube.com/watch?v=x", referrer_kind::known, "youtube", "referral"},
        {"https://youtu.be/abc", referrer_kind::known, "youtube", "referral"},
        {"android-app://com.instagram.android", referrer_kind::known, "instagram", "referral"},
        {"android-app://com.instagram.android/", referrer_kind::known, "instagram", "referral"},
        {"android-app://com.zhiliaoapp.musically", referrer_kind::known, "tiktok", "referral"},
        {"android-app://com.google.android.googlequicksearchbox", referrer_kind::known, "google",
         "organic"},
        {"android-app://com.google.android.gm", referrer_kind::unknown, "com.google.android.gm",
         "referral"},
        {"https://t.co/abc", referrer_kind::known, "twitter", "referral"},
        {"https://www.google.com/", referrer_kind::known, "google", "organic"},
        {"https://google.com/search?q=tee", referrer_kind::known, "google", "organic"},
        {"https://www.google.co.uk/", referrer_kind::known, "google", "organic"},
        {"https://www.google.de/", referrer_kind::known, "google", "organic"},
        {"https://docs.google.com/document/d/1", referrer_kind::unknown, "docs.google.com",
         "referral"},
        {"https://cn.bing.com/search?q=tee", referrer_kind::known, "bing", "organic"},
        {"https://uk.search.yahoo.com/", referrer_kind::known, "yahoo", "organic"},
        {"https://duckduckgo.com/", referrer_kind::known, "duckduckgo", "organic"},
        {"https://notinstagram.com/p", referrer_kind::unknown, "notinstagram.com", "referral"},
        {"https://instagram.com.evil.example/", referrer_kind::unknown,
         "instagram.com.evil.example", "referral"},
        {"https://www.someblog.example/post", referrer_kind::unknown, "someblog.example",
         "referral"},
        {"https://user@Blog.Example:8443/x", referrer_kind::unknown, "blog.example", "referral"},
        {"https://INSTAGRAM.COM./", referrer_kind::known, "instagram", "referral"},
        {"instagram.com", referrer_kind::known, "instagram", "referral"},
        {"https://xn--bcher-kva.example/", referrer_kind::unknown, "xn--bcher-kva.example",
         "referral"},
        {"", referrer_kind::none, "", ""},
        {"   ", referrer_kind::none, "", ""},
        {"about:blank", referrer_kind::none, "", ""},
    };
    const auto table = referrer_classifier::defaults();
    for (const auto& row : cases) {
        CAPTURE(row.referrer);
        const auto match = table.classify(row.referrer);
        CHECK(match.kind == row.kind);
        CHECK(match.source == row.source);
        CHECK(match.medium == row.medium);
    }
}

TEST_CASE("the store's own domains and their subdomains are self-referrals, not sources") {
    auto table = referrer_classifier::defaults();
    table.add_own_domain("Shop.Example");
    table.add_own_domain("checkout.stripe.com");
    CHECK(table.classify("https://shop.example/cart").kind == referrer_kind::self);
    CHECK(table.classify("https://www.shop.example/").kind == referrer_kind::self);
    CHECK(table.classify("https://checkout.stripe.com/pay/x").kind == referrer_kind::self);
    CHECK(table.classify("https://shop.example/").source.empty());
    const auto other = table.classify("https://notshop.example/");
    CHECK(other.kind == referrer_kind::unknown);
    CHECK(other.source == "notshop.example");
    CHECK_THROWS_AS(table.add_own_domain(" "), kolroi::error);
}

TEST_CASE("an own domain may be written as a URL, with www., dots or a port; its host is kept") {
    for (const char* written : {"https://www.PayPal.com/checkout?x=1", "paypal.com/", ".paypal.com",
                                "www.paypal.com", "paypal.com.", "paypal.com:443"}) {
        CAPTURE(written);
        auto table = referrer_classifier::defaults();
        table.add_own_domain(written);
        CHECK(table.classify("https://paypal.com/").kind == referrer_kind::self);
        CHECK(table.classify("https://www.paypal.com/").kind == referrer_kind::self);
        CHECK(table.classify("https://pay.checkout.paypal.com/x").kind == referrer_kind::self);
        CHECK(table.classify("https://notpaypal.com/").kind == referrer_kind::unknown);
    }
    auto table = referrer_classifier::defaults();
    CHECK_THROWS_WITH(table.add_own_domain("/checkout"),
                      "referrer_classifier::add_own_domain: '/checkout' names no host");
    CHECK_THROWS_WITH(table.add_own_domain(" ... "),
                      "referrer_classifier::add_own_domain: '...' names no host");
    try {
        table.add_own_domain("pay pal.com");
        FAIL("no error");
    } catch (const kolroi::error& e) {
        CHECK(e.kind() == kolroi::error_kind::invalid_argument);
        CHECK(e.message().find("'pay pal.com' is not a domain") != std::string::npos);
    }
}

TEST_CASE("users add rules; a domain is listed once and no field may be empty") {
    auto table = referrer_classifier::defaults();
    table.add_rule({"linktr.ee", "linktree", "referral"});
    CHECK(table.classify("https://linktr.ee/anna").source == "linktree");
    CHECK_THROWS_AS(table.add_rule({"instagram.com", "ig2", "referral"}), kolroi::error);
    CHECK_THROWS_AS(table.add_rule({"a.example", "", "referral"}), kolroi::error);

    // The same name may be listed once as a site and once as an app.
    table.add_rule({"linktr.ee", "linktree", "referral", true, true});
    CHECK(table.classify("android-app://linktr.ee").source == "linktree");
}

TEST_CASE("a longer listed suffix wins over a shorter one") {
    referrer_classifier table;
    table.add_rule({"example.com", "example", "referral"});
    table.add_rule({"news.example.com", "example_news", "referral"});
    CHECK(table.classify("https://a.news.example.com/").source == "example_news");
    CHECK(table.classify("https://a.example.com/").source == "example");
}

TEST_CASE("an unparsable referrer throws parse_error") {
    CHECK_THROWS_AS(referrer_classifier::defaults().classify("https://bad host/"), kolroi::error);
}
