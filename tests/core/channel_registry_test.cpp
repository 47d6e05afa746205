// Tests for kolroi/core/channel_registry.hpp.
#include "kolroi/core/channel_registry.hpp"

#include "test_support.hpp"

#include <string>

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

TEST_CASE("ids stay right when many names share the table of recent names") {
    // 5,000 names, far more than the table of recent names holds, interned in one order and
    // looked up again in another: each keeps the id of its first sight.
    kolroi::channel_registry registry;
    const auto name_of = [](int k) { return "kol_" + std::to_string(k); };
    for (int k = 0; k < 5000; ++k) {
        REQUIRE(registry.intern(name_of(k)) == static_cast<kolroi::channel_id>(k));
    }
    for (int k = 4999; k >= 0; k -= 7) {
        CHECK(registry.intern(name_of(k)) == static_cast<kolroi::channel_id>(k));
    }
    CHECK(registry.size() == 5000);

    // Names of one length that agree in their first and last eight bytes take the same slot;
    // only the full comparison tells them apart. These two are 22 bytes long and differ only
    // in byte 9 ("Campaign" and "6_spring" are their first and last eight).
    const std::string first = "Campaign_A_2026_spring";
    const std::string second = "Campaign_B_2026_spring";
    REQUIRE(first.size() == 22);
    REQUIRE(first.substr(0, 8) == second.substr(0, 8));
    REQUIRE(first.substr(14) == second.substr(14));
    const auto a = registry.intern(first);
    const auto b = registry.intern(second);
    CHECK(a != b);
    CHECK(registry.intern(first) == a);
    CHECK(registry.intern(second) == b);
    CHECK(registry.intern(first) == a);

    // A copy answers as the original does, and a name it gains is its own.
    kolroi::channel_registry copy = registry;
    CHECK(copy.intern(second) == b);
    CHECK(copy.intern("kol_17") == 17);
    CHECK(copy.intern("new in copy") == 5002);
    CHECK_FALSE(registry.find("new in copy").has_value());
}
