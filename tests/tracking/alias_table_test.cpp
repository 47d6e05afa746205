// Tests for kolroi/tracking/alias_table.hpp.
#include "kolroi/tracking/alias_table.hpp"

#include "test_support.hpp"

#include <doctest/doctest.h>

#include <sstream>
#include <string>

using kolroi::alias_table;

TEST_CASE("default source aliases map the usual spellings to one canonical source") {
    const auto table = alias_table::default_sources();
    CHECK(table.resolve("ig") == "instagram");
    CHECK(table.resolve("  Insta ") == "instagram");
    CHECK(table.resolve("Instagram") == "instagram");
    CHECK(table.resolve("l.instagram.com") == "instagram");
    CHECK(table.resolve("FB") == "facebook");
    CHECK(table.resolve("meta") == "facebook");
    CHECK(table.resolve("yt") == "youtube");
    CHECK(table.resolve("youtu.be") == "youtube");
    CHECK(table.resolve("tt") == "tiktok");
    CHECK(table.resolve("tik_tok") == "tiktok");
    CHECK(table.resolve("Tik Tok") == "tiktok");
    CHECK(table.resolve("t.co") == "twitter");
    CHECK(table.resolve("Newsletter") == "newsletter"); // not an alias: only normalised
    CHECK(table.resolve("igshopping") == "igshopping"); // a shopping source in GA4, kept apart
}

TEST_CASE("add follows a canonical name that is an alias, so chains never form") {
    auto table = alias_table::default_sources();
    table.add("insta_story", "Insta");
    CHECK(table.resolve("insta_story") == "instagram");
    table.add("ig", "instagram"); // repeating a mapping is harmless
    CHECK(table.resolve("ig") == "instagram");
}

TEST_CASE("add rejects an alias of two canonicals, an alias over a canonical, and empty text") {
    auto table = alias_table::default_sources();
    try {
        table.add("IG", "facebook");
        FAIL("no error");
    } catch (const kolroi::error& fault) {
        CHECK(fault.kind() == kolroi::error_kind::invalid_argument);
        CHECK(fault.message().find("'instagram'") != std::string::npos);
        CHECK(fault.message().find("'facebook'") != std::string::npos);
    }
    CHECK_THROWS_AS(table.add("instagram", "gram"), kolroi::error);
    CHECK_THROWS_AS(table.add(" ", "instagram"), kolroi::error);
    CHECK_THROWS_AS(table.add("x", ""), kolroi::error);
    CHECK(table.resolve("ig") == "instagram");
}

TEST_CASE("an empty table only normalises; mediums have no built-in aliases") {
    const alias_table mediums;
    CHECK(mediums.size() == 0);
    CHECK(mediums.resolve(" Paid_Social ") == "paid_social");
}

TEST_CASE("load reads alias,canonical rows and reports faults with their line") {
    alias_table table;
    std::istringstream good("alias,canonical\n# our own spellings\n\nmy_ig, instagram\nnews,"
                            "newsletter\n");
    table.load(good, "aliases.csv");
    CHECK(table.resolve("MY_IG") == "instagram");
    CHECK(table.resolve("news") == "newsletter");

    std::istringstream three("a,b\nc,d,e\n");
    try {
        alias_table().load(three, "bad.csv");
        FAIL("no error");
    } catch (const kolroi::error& fault) {
        CHECK(fault.kind() == kolroi::error_kind::parse_error);
        CHECK(fault.where().line == 2);
        CHECK(std::string(fault.what()).find("bad.csv:2") != std::string::npos);
    }

    std::istringstream clash("x,one\nx,two\n");
    try {
        alias_table().load(clash, "clash.csv");
        FAIL("no error");
    } catch (const kolroi::error& fault) {
        CHECK(fault.kind() == kolroi::error_kind::invalid_argument);
        CHECK(fault.where().line == 2);
    }
}

TEST_CASE("load_file reads the example alias table and names a missing file") {
    alias_table table;
    table.load_file(kolroi::test::test_data("tracking/source_aliases_extra.csv").string());
    CHECK(table.resolve("IG_Story") == "instagram");
    CHECK(table.resolve("douyin_cn") == "douyin");
    CHECK_THROWS_AS(table.load_file("/nonexistent/aliases.csv"), kolroi::error);
}
