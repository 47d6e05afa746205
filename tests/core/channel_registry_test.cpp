// Tests for kolroi/core/channel_registry.hpp.
#include "kolroi/core/channel_registry.hpp"

#include "test_support.hpp"

TEST_CASE("names are interned to dense ids in order of first sight") {
    kolroi::channel_registry registry;
    CHECK(registry.intern("Email") == 0);
    CHECK(registry.intern("Paid Search") == 1);
    CHECK(registry.intern("Email") == 0);
    CHECK(registry.size() == 2);
    CHECK(registry.name(1) == "Paid Search");
    CHECK(registry.find("Paid Search") == 1);
    CHECK_FALSE(registry.find("paid search").has_value());
}

TEST_CASE("UTF-8 names are kept byte for byte") {
    kolroi::channel_registry registry;
    const auto id = registry.intern("Influencer\xE2\x80\x99s post");
    CHECK(registry.name(id) == "Influencer\xE2\x80\x99s post");
}

TEST_CASE("an empty name and an unknown id are errors") {
    kolroi::channel_registry registry;
    CHECK_THROWS_AS(registry.intern(""), kolroi::error);
    CHECK_THROWS_AS((void)registry.name(3), kolroi::error);
}
