// kolroi/tracking/source_platforms.hpp: which platform a canonical source belongs to.
//
// After aliasing (alias_table.hpp) a source has one canonical name; this table says which
// kolroi::platform that name is. The defaults map `tiktok`, `instagram`, `youtube` and `facebook`
// to their platforms and `(direct)` to platform::none; every other source (search engines, email,
// X, a newsletter) is platform::other. Users add rows for their own source names.
#pragma once

#include "kolroi/core/detail/string_hash.hpp"
#include "kolroi/core/error.hpp"
#include "kolroi/core/platform.hpp"
#include "kolroi/tracking/detail/text.hpp"

#include <cstddef>
#include <string>
#include <string_view>

namespace kolroi {

class source_platform_table {
public:
    source_platform_table() = default;

    static source_platform_table defaults() {
        source_platform_table table;
        for (const platform known :
             {platform::tiktok, platform::instagram, platform::youtube, platform::facebook}) {
            table.set(to_string(known), known);
        }
        table.set("(direct)", platform::none);
        return table;
    }

    /// Says that `source` (compared trimmed and lower-cased) is on `where`; replaces an earlier
    /// row.
    void set(std::string_view source, platform where) {
        std::string key = detail::normalized_key(source);
        if (key.empty()) {
            throw error(error_kind::invalid_argument,
                        "source_platform_table::set: the source name is empty");
        }
        m_platforms[std::move(key)] = where;
    }

    /// The platform of `source`, or platform::other when the table does not know it.
    [[nodiscard]] platform find(std::string_view source) const {
        std::string scratch;
        const auto found = m_platforms.find(detail::normalized_view(source, scratch));
        return found == m_platforms.end() ? platform::other : found->second;
    }

    [[nodiscard]] std::size_t size() const noexcept { return m_platforms.size(); }

private:
    detail::string_map<platform> m_platforms;
};

} // namespace kolroi
