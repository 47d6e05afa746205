// Tests for kolroi/tracking/kol_registry.hpp.
#include "kolroi/tracking/kol_registry.hpp"

#include <doctest/doctest.h>

#include <string>

using kolroi::kol_key_kind;
using kolroi::kol_profile;
using kolroi::kol_registry;
using kolroi::parse_url;
using kolroi::platform;

namespace {

kol_registry two_kols() {
    kol_registry registry;
    registry.add({"anna",
                  "Anna Lee",
                  platform::instagram,
                  "@anna.lee",
                  {{kol_key_kind::utm_content, "KOL_Anna"},
                   {kol_key_kind::utm_campaign, "anna_spring"},
                   {kol_key_kind::link_slug, "/anna"},
                   {kol_key_kind::promo_code, "ANNA10"}}});
    registry.add({"ben",
                  "Ben Ito",
                  platform::tiktok,
                  "@benito",
                  {{kol_key_kind::utm_campaign, "ben_spring"},
                   {kol_key_kind::utm_content, "ben_duet"},
                   {kol_key_kind::link_slug, "r/Ben/"},
                   {kol_key_kind::promo_code, "BEN15"}}});
    return registry;
}

const kolroi::kol_profile* by_path(const kol_registry& registry, const std::string& landing) {
    return registry.match_touch("", "", parse_url(landing).path);
}

std::string id_of(const kolroi::kol_profile* kol) {
    return kol == nullptr ? "(none)" : kol->id;
}

} // namespace

TEST_CASE("a KOL is found by id and by each kind of key, trimmed and ignoring ASCII case") {
    const auto registry = two_kols();
    REQUIRE(registry.find("anna") != nullptr);
    CHECK(registry.find("anna")->display_name == "Anna Lee");
    CHECK(registry.find("anna")->platform == platform::instagram);
    CHECK(registry.find("Anna") == nullptr); // ids are exact
    CHECK(id_of(registry.match_promo_code("anna10")) == "anna");
    CHECK(id_of(registry.match_promo_code(" Ben15 ")) == "ben");
    CHECK(id_of(registry.match_promo_code("WELCOME10")) == "(none)");
    CHECK(id_of(registry.owner(kol_key_kind::utm_content, "kol_anna")) == "anna");
    CHECK(id_of(registry.owner(kol_key_kind::utm_campaign, "BEN_SPRING")) == "ben");
    CHECK(id_of(registry.owner(kol_key_kind::link_slug, "/r/ben")) == "ben");
    CHECK(id_of(registry.owner(kol_key_kind::utm_campaign, "KOL_Anna")) ==
          "(none)"); // a content key
}

TEST_CASE("match_touch uses utm_campaign, utm_content and the landing path's leading segments") {
    const auto registry = two_kols();
    CHECK(id_of(registry.match_touch("anna_spring", "")) == "anna");
    CHECK(id_of(registry.match_touch("", "KOL_Anna")) == "anna");
    CHECK(id_of(registry.match_touch("anna_spring", "kol_anna")) == "anna"); // agreeing keys
    CHECK(id_of(registry.match_touch("summer_sale", "")) == "(none)");
    CHECK(id_of(by_path(registry, "https://shop.example/anna")) == "anna");
    CHECK(id_of(by_path(registry, "https://shop.example/Anna/products/tee?x=1")) == "anna");
    CHECK(id_of(by_path(registry, "https://shop.example/r/ben")) == "ben");
    CHECK(id_of(by_path(registry, "/r/ben/")) == "ben");
    CHECK(id_of(by_path(registry, "https://shop.example/annabel")) == "(none)");
    CHECK(id_of(by_path(registry, "https://shop.example/products/anna")) == "(none)");
    CHECK(id_of(by_path(registry, "https://shop.example/r")) == "(none)");
    CHECK(id_of(by_path(registry, "https://shop.example/%G1/anna")) == "(none)");
    CHECK(id_of(by_path(registry, "https://shop.example//anna")) == "(none)");
}

TEST_CASE("a slug of several segments is found past a slug that sorts between its prefixes") {
    // "p-x" sorts between "p" and "p/abc" ('-' is below '/'), so after the segment "p" the walk
    // must still see that "p/abc" continues it.
    kol_registry registry;
    registry.add({"cleo", "Cleo", platform::youtube, "@cleo", {{kol_key_kind::link_slug, "p-x"}}});
    registry.add({"dan", "Dan", platform::tiktok, "@dan", {{kol_key_kind::link_slug, "/p/abc"}}});
    CHECK(id_of(registry.match_touch("", "", "/P/ABC/tee")) == "dan");
    CHECK(id_of(registry.match_touch("", "", "/p/%61bc")) == "dan"); // decoded before matching
    CHECK(id_of(registry.match_touch("", "", "/p-x/tee")) == "cleo");
    CHECK(id_of(registry.match_touch("", "", "/p/abd")) == "(none)");
    CHECK(id_of(registry.match_touch("", "", "/p")) == "(none)");
    CHECK(id_of(registry.match_touch("", "", "p/abc")) == "dan"); // the leading '/' is optional
    CHECK(id_of(registry.match_touch("", "", "")) == "(none)");
}

TEST_CASE("a touch whose keys point to two KOLs is a data error naming both") {
    const auto registry = two_kols();
    try {
        (void)registry.match_touch("ben_spring", "KOL_Anna");
        FAIL("no error");
    } catch (const kolroi::error& fault) {
        CHECK(fault.kind() == kolroi::error_kind::data_error);
        CHECK(fault.message() == "kol_registry::match_touch: utm_campaign 'ben_spring' belongs to "
                                 "KOL 'ben' but utm_content 'KOL_Anna' belongs to KOL 'anna'");
    }
    CHECK_THROWS_WITH_AS((void)registry.match_touch("anna_spring", "", "/r/ben"),
                         "kol_registry::match_touch: utm_campaign 'anna_spring' belongs to KOL "
                         "'anna' but link slug 'r/ben' belongs to KOL 'ben'",
                         kolroi::error);
}

TEST_CASE("a key of another KOL is rejected with both KOLs named, and nothing is added") {
    auto registry = two_kols();
    const auto clash = [&registry](kol_key_kind kind, const std::string& value,
                                   const std::string& owner) {
        try {
            registry.add({"carl",
                          "Carl",
                          platform::youtube,
                          "@carl",
                          {{kol_key_kind::promo_code, "CARL5"}, {kind, value}}});
        } catch (const kolroi::error& fault) {
            CHECK(fault.kind() == kolroi::error_kind::invalid_argument);
            CHECK(fault.message().find("'carl'") != std::string::npos);
            CHECK(fault.message().find("'" + owner + "'") != std::string::npos);
            return true;
        }
        return false;
    };
    CHECK(clash(kol_key_kind::promo_code, "anna10", "anna"));
    CHECK(clash(kol_key_kind::utm_campaign, " Ben_Spring", "ben"));
    CHECK(clash(kol_key_kind::utm_content, "kol_anna", "anna"));
    CHECK(clash(kol_key_kind::link_slug, "ANNA", "anna"));
    CHECK(clash(kol_key_kind::link_slug, "anna/reels", "anna")); // under anna's slug
    CHECK(clash(kol_key_kind::link_slug, "r", "ben"));           // over ben's slug
    CHECK(registry.size() == 2);
    CHECK(registry.find("carl") == nullptr);
    CHECK(registry.match_promo_code("CARL5") == nullptr);
}

TEST_CASE("keys of different kinds do not clash, and a key repeated within one KOL is harmless") {
    auto registry = two_kols();
    registry.add({"carl",
                  "Carl",
                  platform::youtube,
                  "@carl",
                  {{kol_key_kind::utm_campaign, "ANNA10"},
                   {kol_key_kind::link_slug, "rb"},
                   {kol_key_kind::promo_code, "carl5"},
                   {kol_key_kind::promo_code, "CARL5"},
                   {kol_key_kind::link_slug, "rb/more"}}});
    CHECK(id_of(registry.owner(kol_key_kind::utm_campaign, "anna10")) == "carl");
    CHECK(id_of(registry.match_promo_code("anna10")) == "anna");
    CHECK(id_of(by_path(registry, "/rb/more/x")) == "carl");
    CHECK(registry.size() == 3);
}

TEST_CASE("ids, platforms and keys are checked") {
    auto registry = two_kols();
    CHECK_THROWS_AS(registry.add({"anna", "Another Anna", platform::tiktok, "", {}}),
                    kolroi::error);
    CHECK_THROWS_AS(registry.add({"", "Nobody", platform::tiktok, "", {}}), kolroi::error);
    CHECK_THROWS_AS(registry.add({"dan k", "Dan", platform::tiktok, "", {}}), kolroi::error);
    CHECK_THROWS_AS(registry.add({"dan", "Dan", platform::none, "", {}}), kolroi::error);
    CHECK_THROWS_AS(
        registry.add({"dan", "Dan", platform::tiktok, "", {{kol_key_kind::promo_code, "  "}}}),
        kolroi::error);
    CHECK_THROWS_AS(
        registry.add({"dan", "Dan", platform::tiktok, "", {{kol_key_kind::link_slug, "a//b"}}}),
        kolroi::error);
    CHECK_THROWS_AS(
        registry.add({"dan", "Dan", platform::tiktok, "", {{kol_key_kind::link_slug, "a?b=1"}}}),
        kolroi::error);
    CHECK(registry.size() == 2);
    registry.add({"dan", "Dan", platform::other, "", {}}); // a KOL without keys is allowed
    CHECK(registry.size() == 3);
}
