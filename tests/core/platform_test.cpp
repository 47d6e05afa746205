// Tests for kolroi/core/platform.hpp.
#include "kolroi/core/platform.hpp"

#include "test_support.hpp"

#include <string>

using kolroi::platform;

TEST_CASE("a platform's name round-trips, in any case") {
    for (const platform p : kolroi::all_platforms) {
        CHECK(kolroi::platform_from_name(kolroi::to_string(p)) == p);
    }
    CHECK(kolroi::platform_from_name("TikTok") == platform::tiktok);
    CHECK(kolroi::platform_from_name("YOUTUBE") == platform::youtube);
    CHECK(kolroi::platform_from_name("instaGram") == platform::instagram);
    CHECK_FALSE(kolroi::platform_from_name("tik tok").has_value());
    CHECK_FALSE(kolroi::platform_from_name("tiktok ").has_value());
    CHECK_FALSE(kolroi::platform_from_name("").has_value());
    CHECK_FALSE(kolroi::platform_from_name("facebook!").has_value());
    static_assert(kolroi::platform_from_name("Facebook") == platform::facebook);
}

TEST_CASE("a KOL's platform in a file: spaces and case aside, one of five, never 'none'") {
    const kolroi::input_location where{"kols.csv", 4, "platform"};
    CHECK(kolroi::parse_kol_platform(" TikTok ", where) == platform::tiktok);
    CHECK(kolroi::parse_kol_platform("Other", where) == platform::other);
    CHECK_THROWS_WITH((void)kolroi::parse_kol_platform("None", where),
                      "kols.csv:4: field 'platform': unknown platform 'None'; expected tiktok, "
                      "instagram, youtube, facebook or other (any case)");
    CHECK_THROWS_WITH((void)kolroi::parse_kol_platform("  ", where),
                      "kols.csv:4: field 'platform': unknown platform ''; expected tiktok, "
                      "instagram, youtube, facebook or other (any case)");
    try {
        (void)kolroi::parse_kol_platform("myspace", where);
        FAIL("no error");
    } catch (const kolroi::error& e) {
        CHECK(e.kind() == kolroi::error_kind::parse_error);
        CHECK(e.where().line == 4);
    }
}
