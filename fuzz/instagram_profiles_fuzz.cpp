// Fuzz target: the reader of the top-Instagram-influencers export. Every profile it returns is on
// Instagram, passes validate_profile, has a username given once and an engagement rate that is
// a finite fraction of at least 0 when known.
#include "fuzz_support.hpp"

#include "kolroi/prediction/instagram_profiles.hpp"

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <set>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using kolroi::fuzz::require;
    if (size > kolroi::fuzz::max_input) {
        return 0;
    }
    const auto text = kolroi::fuzz::as_text(data, size);
    kolroi::fuzz::run_reader("instagram.csv", [&] {
        const auto file = kolroi::read_instagram_top_influencers(text, "instagram.csv");
        std::set<std::string> names;
        for (const auto& profile : file.profiles) {
            kolroi::validate_profile(profile);
            require(profile.platform == kolroi::platform::instagram, "a profile off Instagram");
            require(names.insert(profile.kol_id).second, "'" + profile.kol_id + "' twice");
            if (profile.engagement_rate) {
                require(std::isfinite(*profile.engagement_rate) && *profile.engagement_rate >= 0,
                        "an engagement rate below 0 or not finite");
            }
        }
    });
    return 0;
}
