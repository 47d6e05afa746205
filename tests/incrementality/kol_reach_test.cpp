// Tests for kolroi/incrementality/kol_reach.hpp: markets, products and post times of the KOLs.
#include "kolroi/incrementality/kol_reach.hpp"

#include "test_support.hpp"

#include <string>

TEST_CASE("markets, products and posts are read from the KOL list's own columns") {
    const std::string text = "kol_id,platform,market,products,posts\n"
                             "anna,tiktok,US|uk,Serum,2026-03-09T18:00:00Z|2026-03-01\n"
                             "ben,instagram,,,\n";
    const auto list = kolroi::read_kol_reach(text, "kols.csv");
    CHECK(list.has_posts);
    REQUIRE(list.kols.size() == 2);
    const auto* anna = list.find("anna");
    REQUIRE(anna != nullptr);
    CHECK(anna->markets == std::vector<std::string>{"us", "uk"});
    CHECK(anna->products == std::vector<std::string>{"serum"});
    // Sorted: 2026-03-01T00:00Z is 1772323200 s, and 2026-03-09T18:00Z is 8 days 18 hours later.
    REQUIRE(anna->posts.size() == 2);
    CHECK(anna->posts[0] == 1772323200);
    CHECK(anna->posts[1] == 1772323200 + 8 * 86400 + 18 * 3600);
    const auto* ben = list.find("ben");
    REQUIRE(ben != nullptr);
    CHECK(ben->markets.empty());
    CHECK(ben->posts.empty());
    CHECK(list.post_count() == 2);
    CHECK(list.find("nobody") == nullptr);
}

TEST_CASE("a list without the columns reaches everything and has no posts") {
    const auto list = kolroi::read_kol_reach("kol_id,platform\nanna,tiktok\n", "kols.csv");
    CHECK_FALSE(list.has_posts);
    REQUIRE(list.kols.size() == 1);
    CHECK(list.kols[0].markets.empty());
    CHECK(list.kols[0].products.empty());
}

TEST_CASE("the product column is read when products is absent") {
    const auto list = kolroi::read_kol_reach("kol_id,product\nanna,serum\n", "kols.csv");
    CHECK(list.kols[0].products == std::vector<std::string>{"serum"});
}

TEST_CASE("faults are errors naming the file, line and field") {
    try {
        (void)kolroi::read_kol_reach("kol_id,posts\nanna,yesterday\n", "kols.csv");
        FAIL("no error for a bad post time");
    } catch (const kolroi::error& e) {
        CHECK(e.where().file == "kols.csv");
        CHECK(e.where().line == 2);
        CHECK(e.where().field == "posts");
    }
    CHECK_THROWS_WITH_AS((void)kolroi::read_kol_reach("kol_id\nanna\nanna\n", "kols.csv"),
                         doctest::Contains("listed twice"), kolroi::error);
    CHECK_THROWS_WITH_AS((void)kolroi::read_kol_reach("kol_id,market\n ,us\n", "kols.csv"),
                         doctest::Contains("kols.csv:2"), kolroi::error);
    CHECK_THROWS_AS((void)kolroi::read_kol_reach("", "kols.csv"), kolroi::error);
}
