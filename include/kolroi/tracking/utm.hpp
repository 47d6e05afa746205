// kolroi/tracking/utm.hpp: the campaign parameters and click ids carried by a landing URL.
//
// Reads utm_source, utm_medium, utm_campaign, utm_content, utm_term and utm_id, and the click ids
// gclid (Google Ads), fbclid (Meta), ttclid (TikTok) and igshid (Instagram share links, also
// written `igsh`). Keys are matched ignoring ASCII case, since `UTM_Source=...` is meant as a
// campaign tag even though the URL standard compares keys byte for byte. Values are percent-
// decoded (url.hpp) and trimmed, and keep their case here: lower-casing and aliasing of source and
// medium is the resolver's step (touch_resolver.hpp), and ids and utm_content keep their case
// everywhere.
//
// Rules: a parameter with an empty value is as if absent. When a key is repeated, the first
// non-empty value is used (what URLSearchParams.get gives) and a later, different value is
// counted in the diagnostics as "repeated campaign parameter". A campaign or click-id parameter
// whose text cannot be decoded throws parse_error: it is neither guessed nor silently dropped.
#pragma once

#include "kolroi/core/diagnostics.hpp"
#include "kolroi/core/error.hpp"
#include "kolroi/tracking/detail/text.hpp"
#include "kolroi/tracking/url.hpp"

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace kolroi {

/// Click ids an ad platform or app appends to outbound links. They are kept for joining with ad
/// platform data; only gclid says anything about the source (see touch_resolver.hpp).
struct click_ids {
    std::optional<std::string> gclid;
    std::optional<std::string> fbclid;
    std::optional<std::string> ttclid;
    std::optional<std::string> igshid;

    [[nodiscard]] bool empty() const noexcept { return !gclid && !fbclid && !ttclid && !igshid; }
};

/// The campaign parameters of one landing URL, decoded and trimmed, case as written.
struct campaign_tags {
    std::optional<std::string> source;
    std::optional<std::string> medium;
    std::optional<std::string> campaign;
    std::optional<std::string> content;
    std::optional<std::string> term;
    std::optional<std::string> id;
    click_ids clicks;

    /// True when the URL carries a manual campaign tag that decides the source: utm_source,
    /// utm_medium, utm_campaign or utm_id. utm_content or utm_term alone do not.
    [[nodiscard]] bool tagged() const noexcept { return source || medium || campaign || id; }
};

namespace detail {

struct campaign_key {
    std::string_view name;
    std::optional<std::string> campaign_tags::*utm = nullptr;
    std::optional<std::string> click_ids::*click = nullptr;
};

inline constexpr std::array<campaign_key, 11> campaign_keys = {{
    {"utm_source", &campaign_tags::source, nullptr},
    {"utm_medium", &campaign_tags::medium, nullptr},
    {"utm_campaign", &campaign_tags::campaign, nullptr},
    {"utm_content", &campaign_tags::content, nullptr},
    {"utm_term", &campaign_tags::term, nullptr},
    {"utm_id", &campaign_tags::id, nullptr},
    {"gclid", nullptr, &click_ids::gclid},
    {"fbclid", nullptr, &click_ids::fbclid},
    {"ttclid", nullptr, &click_ids::ttclid},
    {"igshid", nullptr, &click_ids::igshid},
    {"igsh", nullptr, &click_ids::igshid},
}};

inline const campaign_key* find_campaign_key(std::string_view key) noexcept {
    for (const auto& known : campaign_keys) {
        if (kolroi::iequals_ascii(key, known.name)) {
            return &known;
        }
    }
    return nullptr;
}

/// Takes one decoded campaign or click-id parameter into `tags`, by the rules above. `status` is
/// how its value decoded; `raw_value` and `offset` name it in a fault.
inline void take_campaign_parameter(campaign_tags& tags, const campaign_key& known,
                                    std::string_view key, decode_status status,
                                    std::string_view value, std::string_view raw_value,
                                    std::size_t offset, diagnostics* notes) {
    if (status != decode_status::ok) {
        throw error(error_kind::parse_error, "read_campaign_tags: parameter '" + std::string(key) +
                                                 "' at byte " + std::to_string(offset) + " has a " +
                                                 std::string(to_string(status)) + " in '" +
                                                 std::string(raw_value) + "'");
    }
    value = kolroi::trim(value);
    if (value.empty()) {
        return;
    }
    std::optional<std::string>& slot =
        known.utm != nullptr ? tags.*(known.utm) : tags.clicks.*(known.click);
    if (!slot) {
        slot = std::string(value);
    } else if (*slot != value && notes != nullptr) {
        notes->add("repeated campaign parameter",
                   std::string(known.name) + " is '" + *slot + "', later '" + std::string(value) +
                       "' at byte " + std::to_string(offset) + " was not used");
    }
}

/// The campaign tags and click ids of a raw query string at byte `offset` of its URL, as
/// read_campaign_tags gives them for the parsed URL; only the parameters it keeps are decoded.
inline campaign_tags read_campaign_tags(std::string_view query, std::size_t offset,
                                        diagnostics* notes) {
    campaign_tags tags;
    std::string key_scratch;
    std::string value_scratch;
    for_each_query_piece(
        query, offset,
        [&](std::size_t at, std::string_view raw_key, std::string_view raw_value, bool) {
            std::string_view key;
            if (percent_decode_view(raw_key, true, key_scratch, key) != decode_status::ok) {
                return; // an undecodable key cannot be one of ours
            }
            const campaign_key* known = find_campaign_key(key);
            if (known == nullptr) {
                return;
            }
            std::string_view value;
            const decode_status status = percent_decode_view(raw_value, true, value_scratch, value);
            take_campaign_parameter(tags, *known, key, status, value, raw_value, at, notes);
        });
    return tags;
}

} // namespace detail

/// The campaign tags and click ids of `landing`. Throws parse_error naming the key, its byte
/// offset and its raw text when a campaign or click-id parameter cannot be decoded.
inline campaign_tags read_campaign_tags(const url& landing, diagnostics* notes = nullptr) {
    campaign_tags tags;
    for (const auto& parameter : landing.parameters) {
        if (parameter.key_status != decode_status::ok) {
            continue; // an undecodable key cannot be one of ours: they are plain ASCII
        }
        if (const detail::campaign_key* known = detail::find_campaign_key(parameter.key)) {
            detail::take_campaign_parameter(tags, *known, parameter.key, parameter.value_status,
                                            parameter.value, parameter.raw_value, parameter.offset,
                                            notes);
        }
    }
    return tags;
}

} // namespace kolroi
