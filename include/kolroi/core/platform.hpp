// kolroi/core/platform.hpp: the social platforms a KOL posts on, and their names.
#pragma once

#include "kolroi/core/error.hpp"
#include "kolroi/io/text.hpp"

#include <array>
#include <optional>
#include <string>
#include <string_view>

namespace kolroi {

/// A platform a touchpoint or a KOL belongs to. `other` covers every source that is not one of
/// the four (search engines, email, the store's own site); `none` is a direct visit.
enum class platform { tiktok, instagram, youtube, facebook, other, none };

inline constexpr std::array<platform, 6> all_platforms = {platform::tiktok,  platform::instagram,
                                                          platform::youtube, platform::facebook,
                                                          platform::other,   platform::none};

/// The lower-case name used in files and reports: "tiktok", "instagram", ...
constexpr std::string_view to_string(platform value) noexcept {
    switch (value) {
    case platform::tiktok:
        return "tiktok";
    case platform::instagram:
        return "instagram";
    case platform::youtube:
        return "youtube";
    case platform::facebook:
        return "facebook";
    case platform::other:
        return "other";
    case platform::none:
        return "none";
    }
    return "other";
}

/// The platform whose name (as `to_string` writes it) is `name` in any ASCII case ("TikTok",
/// "tiktok", "TIKTOK"), or nothing.
constexpr std::optional<platform> platform_from_name(std::string_view name) noexcept {
    for (const platform candidate : all_platforms) {
        if (iequals_ascii(name, to_string(candidate))) {
            return candidate;
        }
    }
    return std::nullopt;
}

/// The platform a KOL posts on, as every input file names it: one of the five names in any case,
/// with spaces around it ignored (`none`, a direct visit, is not a platform a KOL posts on).
/// Anything else is a parse error at `where`.
inline platform parse_kol_platform(std::string_view text, const input_location& where) {
    const std::string_view name = trim(text);
    const auto found = platform_from_name(name);
    if (!found || *found == platform::none) {
        throw error(error_kind::parse_error,
                    "unknown platform '" + std::string(name) +
                        "'; expected tiktok, instagram, youtube, facebook or other (any case)",
                    where);
    }
    return *found;
}

} // namespace kolroi
