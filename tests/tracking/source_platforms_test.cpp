// Tests for kolroi/tracking/source_platforms.hpp.
#include "kolroi/tracking/source_platforms.hpp"

#include <doctest/doctest.h>

using kolroi::platform;
using kolroi::source_platform_table;

TEST_CASE("the default table knows the four platforms and direct; the rest is other") {
    const auto table = source_platform_table::defaults();
    CHECK(table.find("instagram") == platform::instagram);
    CHECK(table.find("tiktok") == platform::tiktok);
    CHECK(table.find("youtube") == platform::youtube);
    CHECK(table.find(" Facebook ") == platform::facebook);
    CHECK(table.find("(direct)") == platform::none);
    CHECK(table.find("google") == platform::other);
    CHECK(table.find("ig") == platform::other); // aliases are resolved before this table
}

TEST_CASE("set adds or replaces a row and rejects an empty name") {
    auto table = source_platform_table::defaults();
    table.set("Threads", platform::instagram);
    CHECK(table.find("threads") == platform::instagram);
    table.set("threads", platform::other);
    CHECK(table.find("threads") == platform::other);
    CHECK_THROWS_AS(table.set("  ", platform::other), kolroi::error);
}
