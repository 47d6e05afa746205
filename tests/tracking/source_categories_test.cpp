// Tests for kolroi/tracking/source_categories.hpp.
#include "kolroi/tracking/source_categories.hpp"

#include "test_support.hpp"

#include <doctest/doctest.h>

#include <sstream>
#include <string>

using kolroi::source_category;
using kolroi::source_category_table;

TEST_CASE("the compiled-in table puts the platforms and search engines in Google's categories") {
    const auto table = source_category_table::ga4_defaults();
    CHECK(table.find("instagram") == source_category::social);
    CHECK(table.find("ig") == source_category::social);
    CHECK(table.find("tiktok") == source_category::social);
    CHECK(table.find("facebook") == source_category::social);
    CHECK(table.find("youtube") == source_category::video);
    CHECK(table.find("m.youtube.com") == source_category::video);
    CHECK(table.find("google") == source_category::search);
    CHECK(table.find("Bing") == source_category::search);
    CHECK(table.find("amazon") == source_category::shopping);
    CHECK(table.find("IGShopping") == source_category::shopping);
    CHECK_FALSE(table.find("insta").has_value()); // an alias, not a listed source
    CHECK_FALSE(table.find("newsletter").has_value());
    CHECK_FALSE(table.find("www.instagram.com").has_value()); // exact values, no suffix match
}

TEST_CASE("category names read in Google's and the short form, in any case") {
    CHECK(kolroi::source_category_from_name("SOURCE_CATEGORY_VIDEO") == source_category::video);
    CHECK(kolroi::source_category_from_name(" social ") == source_category::social);
    CHECK(kolroi::source_category_from_name("Source_Category_Search") == source_category::search);
    CHECK_FALSE(kolroi::source_category_from_name("SOURCE_CATEGORY_").has_value());
    CHECK_FALSE(kolroi::source_category_from_name("audio").has_value());
    CHECK(kolroi::to_string(source_category::shopping) == "SOURCE_CATEGORY_SHOPPING");
}

TEST_CASE("set adds and replaces rows") {
    auto table = source_category_table::ga4_defaults();
    const std::size_t before = table.size();
    table.set("Linktree", source_category::social);
    CHECK(table.find("linktree") == source_category::social);
    CHECK(table.size() == before + 1);
    table.set("youtube", source_category::social);
    CHECK(table.find("youtube") == source_category::social);
    CHECK(table.size() == before + 1);
    CHECK_THROWS_AS(table.set("", source_category::social), kolroi::error);
}

TEST_CASE("load_file adds the rows of a source,category file over the defaults") {
    auto table = source_category_table::ga4_defaults();
    table.load_file(kolroi::test::test_data("tracking/source_categories_extra.csv").string());
    CHECK(table.find("linktree") == source_category::social);
    CHECK(table.find("linktr.ee") == source_category::social);
    CHECK(table.find("kick.com") == source_category::video);
    CHECK(table.find("shop.app") == source_category::shopping);
}

TEST_CASE("load reports an unknown category, a contradiction and a bad row with their line") {
    const auto fault_of = [](const std::string& text) {
        source_category_table table;
        std::istringstream input(text);
        try {
            table.load(input, "cats.csv");
        } catch (const kolroi::error& fault) {
            return fault;
        }
        return kolroi::error(kolroi::error_kind::invalid_argument, "no error");
    };

    const auto unknown = fault_of("source,category\nspotify,SOURCE_CATEGORY_AUDIO\n");
    CHECK(unknown.kind() == kolroi::error_kind::parse_error);
    CHECK(unknown.where().line == 2);
    CHECK(unknown.where().field == "category");

    const auto twice = fault_of("a.example,social\nb.example,video\nA.example,video\n");
    CHECK(twice.kind() == kolroi::error_kind::data_error);
    CHECK(twice.where().line == 3);
    CHECK(twice.message().find("line 1") != std::string::npos);

    // The table is read with the library's CSV reader: a stray quote is a parse error that
    // names the line (a quoted field is one value, as anywhere else).
    const auto quoted = fault_of("source,category\na\"b,social\n");
    CHECK(quoted.kind() == kolroi::error_kind::parse_error);
    CHECK(quoted.where().line == 2);

    const auto one_field = fault_of("source,category\n\nlonely\n");
    CHECK(one_field.kind() == kolroi::error_kind::parse_error);
    CHECK(one_field.where().line == 3);
}
