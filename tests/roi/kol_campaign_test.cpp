// Tests for kolroi/roi/kol_campaign.hpp.
#include "kolroi/roi/kol_campaign.hpp"

#include "test_support.hpp"

#include <set>

TEST_CASE("keys order by KOL id, then campaign, and compare as written") {
    const kolroi::kol_campaign a{"kol_001", "spring"};
    const kolroi::kol_campaign b{"kol_001", "summer"};
    const kolroi::kol_campaign c{"kol_002", ""};
    CHECK(a < b);
    CHECK(b < c);
    CHECK(a == kolroi::kol_campaign{"kol_001", "spring"});
    CHECK_FALSE(a == kolroi::kol_campaign{"KOL_001", "spring"});
    const std::set<kolroi::kol_campaign> keys{c, b, a, a};
    CHECK(keys.size() == 3);
    CHECK(keys.begin()->campaign == "spring");
}

TEST_CASE("a key describes itself, leaving out an empty campaign") {
    CHECK(kolroi::kol_campaign{"kol_001", "spring"}.describe() == "kol_001/spring");
    CHECK(kolroi::kol_campaign{"kol_003", ""}.describe() == "kol_003");
}
