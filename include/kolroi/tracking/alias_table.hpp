// kolroi/tracking/alias_table.hpp: the spellings under which one source (or medium) is tagged.
//
// People tag the same source many ways: `utm_source=ig`, `insta`, `Instagram`, `instagram.com`.
// Values are compared trimmed and ASCII-lower-cased (as GA4 compares channel rules), then looked
// up here, so all of those become the one canonical source `instagram` and count as one channel.
// The built-in source aliases cover the four platforms kolroi knows and X/Twitter; users add their
// own with `add` or from a `alias,canonical` file. An alias maps to exactly one canonical name:
// mapping it to a second one is an error, not a silent overwrite.
#pragma once

#include "kolroi/core/detail/string_hash.hpp"
#include "kolroi/core/error.hpp"
#include "kolroi/tracking/detail/text.hpp"
#include "kolroi/tracking/detail/two_column_csv.hpp"

#include <cstddef>
#include <initializer_list>
#include <istream>
#include <string>
#include <string_view>
#include <unordered_map>

namespace kolroi {

class alias_table {
public:
    alias_table() = default;

    /// The built-in source aliases: ig, insta -> instagram; fb, meta -> facebook; yt -> youtube;
    /// tt, tik_tok -> tiktok; the platforms' own domains and short-link hosts likewise.
    static alias_table default_sources() {
        alias_table table;
        const auto add_all = [&table](std::string_view canonical,
                                      std::initializer_list<std::string_view> aliases) {
            for (const std::string_view alias : aliases) {
                table.add(alias, canonical);
            }
        };
        add_all("instagram", {"ig", "insta", "instagram.com", "www.instagram.com",
                              "l.instagram.com", "instagr.am"});
        add_all("facebook", {"fb", "meta", "facebook.com", "www.facebook.com", "m.facebook.com",
                             "l.facebook.com", "lm.facebook.com", "fb.com", "fb.me"});
        add_all("youtube",
                {"yt", "youtube.com", "www.youtube.com", "m.youtube.com", "youtu.be", "you_tube"});
        add_all("tiktok", {"tt", "tik_tok", "tik-tok", "tik tok", "tiktok.com", "www.tiktok.com",
                           "m.tiktok.com", "vm.tiktok.com", "vt.tiktok.com"});
        add_all("twitter", {"t.co", "twitter.com", "x.com"});
        return table;
    }

    /// Makes `alias` a spelling of `canonical`. A canonical name that is itself an alias is
    /// followed, so chains never form. Throws invalid_argument when either is empty, when `alias`
    /// already names another canonical source, or when `alias` is the canonical name of others.
    void add(std::string_view alias, std::string_view canonical) {
        const std::string key = detail::normalized_key(alias);
        std::string target = resolve(canonical);
        if (key.empty() || target.empty()) {
            throw error(error_kind::invalid_argument,
                        "alias_table::add: alias '" + std::string(alias) + "' and canonical '" +
                            std::string(canonical) + "' must both be non-empty");
        }
        if (key == target) {
            return;
        }
        const auto existing = m_aliases.find(key);
        if (existing != m_aliases.end() && existing->second != target) {
            throw error(error_kind::invalid_argument,
                        "alias_table::add: '" + key + "' is already an alias of '" +
                            existing->second + "', cannot also be an alias of '" + target + "'");
        }
        const auto targets = m_target_counts.find(key);
        if (targets != m_target_counts.end()) {
            throw error(error_kind::invalid_argument,
                        "alias_table::add: '" + key + "' is the canonical name of " +
                            std::to_string(targets->second) +
                            " aliases and cannot become an alias of '" + target + "'");
        }
        if (existing == m_aliases.end()) {
            m_aliases.emplace(key, target);
            ++m_target_counts[target];
        }
    }

    /// Adds the rows of an `alias,canonical` table (see detail/two_column_csv.hpp for the form).
    void load(std::istream& input, const std::string& file = {}) {
        for (const auto& row :
             detail::read_two_column_csv(input, file, "alias,canonical", "alias_table::load")) {
            try {
                add(row.first, row.second);
            } catch (const error& fault) {
                throw error(fault.kind(), fault.message(), input_location{file, row.line, {}});
            }
        }
    }

    void load_file(const std::string& path) {
        auto input = detail::open_table_file(path, "alias_table::load_file");
        load(input, path);
    }

    /// The canonical form of `value`: trimmed, lower-cased, and mapped if it is an alias.
    [[nodiscard]] std::string resolve(std::string_view value) const {
        std::string scratch;
        const std::string_view key = detail::normalized_view(value, scratch);
        const auto found = m_aliases.find(key);
        return found == m_aliases.end() ? std::string(key) : found->second;
    }

    [[nodiscard]] bool is_alias(std::string_view value) const {
        std::string scratch;
        return m_aliases.count(detail::normalized_view(value, scratch)) != 0;
    }

    [[nodiscard]] std::size_t size() const noexcept { return m_aliases.size(); }

private:
    detail::string_map<std::string> m_aliases;
    std::unordered_map<std::string, std::size_t> m_target_counts;
};

} // namespace kolroi
