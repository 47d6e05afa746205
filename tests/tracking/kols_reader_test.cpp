// Tests for kolroi/tracking/kols_reader.hpp.
#include "kolroi/tracking/kols_reader.hpp"

#include "test_support.hpp"

#include <string>

TEST_CASE("KOLs with their keys, several values separated by bars") {
    const std::string text = "kol_id,display_name,platform,handle,utm_campaign,promo_code\n"
                             "anna,Anna Lee,tiktok,@anna,spring_anna|summer_anna,ANNA10\n"
                             "ben,,instagram,,,\n";
    const auto registry = kolroi::read_kols(text, "kols.csv");
    REQUIRE(registry.size() == 2);
    const auto* anna = registry.find("anna");
    REQUIRE(anna != nullptr);
    CHECK(anna->display_name == "Anna Lee");
    CHECK(anna->platform == kolroi::platform::tiktok);
    CHECK(anna->keys.size() == 3);
    CHECK(registry.owner(kolroi::kol_key_kind::utm_campaign, "summer_anna") == anna);
    CHECK(registry.match_promo_code("anna10") == anna);
    CHECK(registry.find("ben")->keys.empty());
}

TEST_CASE("an unknown platform names the file, the line and the field") {
    const std::string text = "kol_id,platform\nanna,tiktok\nben,myspace\n";
    CHECK_THROWS_WITH((void)kolroi::read_kols(text, "kols.csv"),
                      "kols.csv:3: field 'platform': unknown platform 'myspace'; expected "
                      "tiktok, instagram, youtube, facebook or other (any case)");
}

TEST_CASE("a platform is read in any case, as every input file reads it") {
    const std::string text = "kol_id,platform\nanna,TikTok\nben, YouTube \n";
    const auto registry = kolroi::read_kols(text, "kols.csv");
    CHECK(registry.find("anna")->platform == kolroi::platform::tiktok);
    CHECK(registry.find("ben")->platform == kolroi::platform::youtube);
}

TEST_CASE("a key that belongs to two KOLs is an error on the second one's line") {
    const std::string text = "kol_id,platform,promo_code\nanna,tiktok,SAVE\nben,youtube,save\n";
    try {
        (void)kolroi::read_kols(text, "kols.csv");
        FAIL("expected an error");
    } catch (const kolroi::error& e) {
        CHECK(e.where().line == 3);
        CHECK(e.where().field == "promo_code");
        CHECK(std::string(e.what()).find("anna") != std::string::npos);
    }
}

TEST_CASE("a fault of a key is reported at the key's column, a fault of the KOL at kol_id") {
    const std::string head = "kol_id,platform,utm_campaign,link_slug,promo_code\n";
    const std::string anna = "anna,tiktok,spring_anna,r/anna,ANNA10\n";
    CHECK_THROWS_WITH((void)kolroi::read_kols(head + anna + "ben,youtube,Spring_Anna,,\n", "k.csv"),
                      "k.csv:3: field 'utm_campaign': kol_registry::add: utm_campaign "
                      "'spring_anna' of KOL 'ben' clashes with utm_campaign 'spring_anna' of KOL "
                      "'anna'");
    CHECK_THROWS_WITH(
        (void)kolroi::read_kols(head + anna + "ben,youtube,,r/anna/reels,\n", "k.csv"),
        "k.csv:3: field 'link_slug': kol_registry::add: link slug 'r/anna/reels' of "
        "KOL 'ben' clashes with link slug 'r/anna' of KOL 'anna'");
    CHECK_THROWS_WITH((void)kolroi::read_kols(head + "ben,youtube,,shop?x=1,\n", "k.csv"),
                      "k.csv:2: field 'link_slug': kol_registry::add: KOL 'ben' has link slug "
                      "'shop?x=1', which is empty or not a plain path");
    CHECK_THROWS_WITH((void)kolroi::read_kols(head + anna + "anna,youtube,,,\n", "k.csv"),
                      "k.csv:3: field 'kol_id': kol_registry::add: KOL id 'anna' is registered "
                      "already");
}

TEST_CASE("a missing required column is named") {
    CHECK_THROWS_AS((void)kolroi::read_kols("kol_id,handle\nanna,@a\n", "kols.csv"), kolroi::error);
}
