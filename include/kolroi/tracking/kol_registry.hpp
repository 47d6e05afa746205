// kolroi/tracking/kol_registry.hpp: the store's KOLs and the keys that identify their traffic.
//
// A KOL has an id (used in channel names, "kol:<id>"), a display name, a platform, a handle, and
// keys: utm_campaign or utm_content values used on their links, link slugs on the store's site
// ("/anna" or "/r/anna"), and promo codes. Keys are compared trimmed and ASCII-lower-cased, as
// promo codes are by shop systems and as users expect of campaign names (`KOL_Anna` and
// `kol_anna` are one key); non-ASCII letters are compared as written.
//
// Rules the registry keeps:
// - a key of one kind belongs to one KOL: adding a KOL whose key another KOL already has is an
//   error naming both; repeating a key within one KOL is harmless;
// - link slugs are whole path segments matched from the start of the path, and no KOL's slug may
//   lie under another KOL's slug ("r" and "r/anna"), so at most one slug matches a path;
// - a touch whose keys point to two different KOLs (campaign of one, content of the other) is a
//   data error naming both, not a pick.
#pragma once

#include "kolroi/core/detail/string_hash.hpp"
#include "kolroi/core/error.hpp"
#include "kolroi/core/platform.hpp"
#include "kolroi/tracking/detail/text.hpp"
#include "kolroi/tracking/url.hpp"

#include <cstddef>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace kolroi {

enum class kol_key_kind { utm_campaign, utm_content, link_slug, promo_code };

constexpr std::string_view to_string(kol_key_kind kind) noexcept {
    switch (kind) {
    case kol_key_kind::utm_campaign:
        return "utm_campaign";
    case kol_key_kind::utm_content:
        return "utm_content";
    case kol_key_kind::link_slug:
        return "link slug";
    case kol_key_kind::promo_code:
        return "promo code";
    }
    return "key";
}

/// The column of a KOL list that holds keys of this kind; an error about a key names it as its
/// field.
constexpr std::string_view column_name(kol_key_kind kind) noexcept {
    switch (kind) {
    case kol_key_kind::utm_campaign:
        return "utm_campaign";
    case kol_key_kind::utm_content:
        return "utm_content";
    case kol_key_kind::link_slug:
        return "link_slug";
    case kol_key_kind::promo_code:
        return "promo_code";
    }
    return "key";
}

struct kol_key {
    kol_key_kind kind = kol_key_kind::utm_campaign;
    std::string value;
};

struct kol_profile {
    std::string id;
    std::string display_name;
    kolroi::platform platform = kolroi::platform::other;
    std::string handle;
    std::vector<kol_key> keys;
};

class kol_registry {
public:
    /// Adds a KOL. Throws invalid_argument, and changes nothing, when the id is empty, holds
    /// whitespace or control characters, or is taken; when the platform is platform::none; when a
    /// key is empty or (for a slug) has an empty segment, '?' or '#'; and when a key belongs to
    /// another KOL.
    void add(kol_profile profile) {
        validate_id(profile.id);
        if (m_index.count(profile.id) != 0) {
            throw error(error_kind::invalid_argument,
                        "kol_registry::add: KOL id '" + profile.id + "' is registered already");
        }
        if (profile.platform == kolroi::platform::none) {
            throw error(error_kind::invalid_argument,
                        "kol_registry::add: KOL '" + profile.id +
                            "' has platform none; a KOL posts on a platform (or 'other')");
        }

        // Check every key before storing any, so a rejected KOL leaves the registry unchanged.
        std::vector<std::pair<kol_key_kind, std::string>> keys;
        for (const auto& key : profile.keys) {
            std::string normal = normalise_key(profile.id, key);
            check_free(profile.id, key.kind, normal);
            keys.emplace_back(key.kind, std::move(normal));
        }

        const std::size_t index = m_profiles.size();
        for (auto& [kind, normal] : keys) {
            insert_key(kind, std::move(normal), index);
        }
        m_index.emplace(profile.id, index);
        m_profiles.push_back(std::move(profile));
    }

    [[nodiscard]] const kol_profile* find(std::string_view id) const {
        const auto found = m_index.find(id);
        return found == m_index.end() ? nullptr : &m_profiles[found->second];
    }

    /// The KOL that owns a key of this kind, or nullptr.
    [[nodiscard]] const kol_profile* owner(kol_key_kind kind, std::string_view value) const {
        if (kind == kol_key_kind::link_slug) {
            const auto found = m_slugs.find(slug_form(value));
            return found == m_slugs.end() ? nullptr : &m_profiles[found->second];
        }
        std::string scratch;
        const auto& keys = table_for(kind);
        const auto found = keys.find(detail::normalized_view(value, scratch));
        return found == keys.end() ? nullptr : &m_profiles[found->second];
    }

    [[nodiscard]] const kol_profile* match_promo_code(std::string_view code) const {
        return owner(kol_key_kind::promo_code, code);
    }

    /// The KOL a link touch belongs to, from its utm_campaign, utm_content and landing path (raw,
    /// as in url::path; its segments are decoded here), or nullptr. Throws data_error when these
    /// point to different KOLs.
    [[nodiscard]] const kol_profile* match_touch(std::string_view campaign,
                                                 std::string_view content,
                                                 std::string_view path = {}) const {
        // What found the KOL is spelt out only when a second key names another one.
        const kol_profile* found = nullptr;
        std::string_view found_kind;
        std::string_view found_key;
        const auto consider = [&](const kol_profile* candidate, std::string_view kind,
                                  std::string_view key) {
            if (candidate == nullptr) {
                return;
            }
            if (found != nullptr && found != candidate) {
                throw error(error_kind::data_error,
                            "kol_registry::match_touch: " + std::string(found_kind) + " '" +
                                std::string(found_key) + "' belongs to KOL '" + found->id +
                                "' but " + std::string(kind) + " '" + std::string(key) +
                                "' belongs to KOL '" + candidate->id + "'");
            }
            found = candidate;
            found_kind = kind;
            found_key = key;
        };
        if (!kolroi::trim(campaign).empty()) {
            consider(owner(kol_key_kind::utm_campaign, campaign), "utm_campaign", campaign);
        }
        if (!kolroi::trim(content).empty()) {
            consider(owner(kol_key_kind::utm_content, content), "utm_content", content);
        }
        if (const auto slug = slug_owner(path)) {
            consider(&m_profiles[slug->second], "link slug", slug->first);
        }
        return found;
    }

    [[nodiscard]] std::size_t size() const noexcept { return m_profiles.size(); }
    [[nodiscard]] const std::vector<kol_profile>& profiles() const noexcept { return m_profiles; }

private:
    using key_table = detail::string_map<std::size_t>;

    static void validate_id(std::string_view id) {
        if (id.empty()) {
            throw error(error_kind::invalid_argument, "kol_registry::add: a KOL id is empty");
        }
        for (const char c : id) {
            const auto byte = static_cast<unsigned char>(c);
            if (byte <= 0x20 || byte == 0x7F) {
                throw error(error_kind::invalid_argument,
                            "kol_registry::add: KOL id '" + std::string(id) +
                                "' holds whitespace or a control character (byte " +
                                std::to_string(byte) + ")");
            }
        }
        if (!kolroi::is_valid_utf8(id)) {
            throw error(error_kind::invalid_argument,
                        "kol_registry::add: KOL id is not valid UTF-8");
        }
    }

    /// "/R/Anna/" -> "r/anna"; empty when the slug has an empty segment.
    static std::string slug_form(std::string_view slug) {
        slug = kolroi::trim(slug);
        while (!slug.empty() && slug.front() == '/') {
            slug.remove_prefix(1);
        }
        while (!slug.empty() && slug.back() == '/') {
            slug.remove_suffix(1);
        }
        if (slug.find("//") != std::string_view::npos) {
            return {};
        }
        return ascii_lowered(slug);
    }

    static input_location key_field(kol_key_kind kind) {
        return input_location{{}, 0, std::string(column_name(kind))};
    }

    static std::string normalise_key(const std::string& id, const kol_key& key) {
        const bool slug = key.kind == kol_key_kind::link_slug;
        std::string normal = slug ? slug_form(key.value) : detail::normalized_key(key.value);
        const bool bad_slug = slug && normal.find_first_of("?#") != std::string::npos;
        if (normal.empty() || bad_slug) {
            throw error(error_kind::invalid_argument,
                        "kol_registry::add: KOL '" + id + "' has " +
                            std::string(to_string(key.kind)) + " '" + key.value +
                            "', which is empty or not a plain path",
                        key_field(key.kind));
        }
        return normal;
    }

    /// Throws when `normal` (a key of `id`'s, not yet stored) is another KOL's key, or, for a
    /// slug, lies under or over another KOL's slug. Only stored keys are compared: keys repeated
    /// within the new KOL are harmless.
    void check_free(const std::string& id, kol_key_kind kind, const std::string& normal) const {
        const auto taken = [&](const kol_profile& other, const std::string& other_key) {
            throw error(error_kind::invalid_argument,
                        "kol_registry::add: " + std::string(to_string(kind)) + " '" + normal +
                            "' of KOL '" + id + "' clashes with " + std::string(to_string(kind)) +
                            " '" + other_key + "' of KOL '" + other.id + "'",
                        key_field(kind));
        };
        if (kind != kol_key_kind::link_slug) {
            const auto& keys = table_for(kind);
            const auto found = keys.find(normal);
            if (found != keys.end()) {
                taken(m_profiles[found->second], found->first);
            }
            return;
        }

        // A slug clashes with a slug that is a segment-prefix of it, or that it is a prefix of.
        for (std::size_t slash = normal.find('/');; slash = normal.find('/', slash + 1)) {
            const auto found = m_slugs.find(normal.substr(0, slash));
            if (found != m_slugs.end()) {
                taken(m_profiles[found->second], found->first);
            }
            if (slash == std::string::npos) {
                break;
            }
        }
        const std::string below = normal + "/";
        const auto next = m_slugs.lower_bound(below);
        if (next != m_slugs.end() && next->first.compare(0, below.size(), below) == 0) {
            taken(m_profiles[next->second], next->first);
        }
    }

    /// The one slug that starts the raw `path`, with its owner's index. Segments are decoded and
    /// lower-cased one at a time, and the walk stops at the first that no slug continues with.
    std::optional<std::pair<std::string_view, std::size_t>>
    slug_owner(std::string_view path) const {
        if (m_slugs.empty()) {
            return std::nullopt;
        }
        if (!path.empty() && path.front() == '/') {
            path.remove_prefix(1);
        }
        std::string prefix;
        std::string scratch;
        while (!path.empty()) {
            const std::size_t slash = path.find('/');
            std::string_view segment;
            if (detail::percent_decode_view(path.substr(0, slash), false, scratch, segment) !=
                    decode_status::ok ||
                segment.empty()) {
                break; // an undecodable or empty segment can be part of no slug
            }
            for (const char c : segment) {
                prefix += ascii_lower(c);
            }
            if (const auto found = m_slugs.find(prefix); found != m_slugs.end()) {
                return std::pair{std::string_view(found->first), found->second};
            }
            prefix += '/';
            const auto below = m_slugs.lower_bound(prefix);
            if (below == m_slugs.end() || below->first.compare(0, prefix.size(), prefix) != 0) {
                break; // no slug lies under what has been read
            }
            if (slash == std::string_view::npos) {
                break;
            }
            path.remove_prefix(slash + 1);
        }
        return std::nullopt;
    }

    [[nodiscard]] const key_table& table_for(kol_key_kind kind) const {
        return kind == kol_key_kind::utm_campaign  ? m_campaigns
               : kind == kol_key_kind::utm_content ? m_contents
                                                   : m_codes;
    }

    void insert_key(kol_key_kind kind, std::string normal, std::size_t index) {
        if (kind == kol_key_kind::link_slug) {
            m_slugs.emplace(std::move(normal), index);
            return;
        }
        auto& keys = kind == kol_key_kind::utm_campaign  ? m_campaigns
                     : kind == kol_key_kind::utm_content ? m_contents
                                                         : m_codes;
        keys.emplace(std::move(normal), index);
    }

    std::vector<kol_profile> m_profiles;
    detail::string_map<std::size_t> m_index;
    key_table m_campaigns;
    key_table m_contents;
    key_table m_codes;
    std::map<std::string, std::size_t, std::less<>> m_slugs; ///< ordered, to find slugs below one
};

} // namespace kolroi
