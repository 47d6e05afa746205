// kolroi/core/channel_registry.hpp: interns channel names to small integer ids.
//
// Attribution works on channel ids, never on names: a journey store holds one 32-bit id per
// touch, and credit tables are arrays indexed by id. The registry is the one place where a name
// becomes an id and back. Names are compared byte for byte (UTF-8 as given); a name is never
// split or trimmed here.
#pragma once

#include "kolroi/core/error.hpp"

#include <cstddef>
#include <cstdint>
#include <functional>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace kolroi {

/// The id of a channel in a channel_registry: 0, 1, 2, ... in the order names were first seen.
using channel_id = std::uint32_t;

namespace detail {

/// Lets an unordered_map keyed by std::string be searched with a std::string_view.
struct string_hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view text) const noexcept {
        return std::hash<std::string_view>{}(text);
    }
};

} // namespace detail

class channel_registry {
public:
    /// The id of `name`, adding it when it is new. An empty name is an error: a touch always has
    /// a channel, and "no touchpoint" is kept apart (see credit_table).
    channel_id intern(std::string_view name) {
        if (const auto found = m_ids.find(name); found != m_ids.end()) {
            return found->second;
        }
        if (name.empty()) {
            throw error(error_kind::invalid_argument,
                        "channel_registry::intern: a channel name may not be empty");
        }
        if (m_names.size() >= std::numeric_limits<channel_id>::max()) {
            throw error(error_kind::invalid_argument,
                        "channel_registry::intern: more than 2^32 - 1 channels");
        }
        const auto id = static_cast<channel_id>(m_names.size());
        m_names.emplace_back(name);
        m_ids.emplace(m_names.back(), id);
        return id;
    }

    /// The id of `name` when it is registered.
    [[nodiscard]] std::optional<channel_id> find(std::string_view name) const {
        if (const auto found = m_ids.find(name); found != m_ids.end()) {
            return found->second;
        }
        return std::nullopt;
    }

    [[nodiscard]] const std::string& name(channel_id id) const {
        if (id >= m_names.size()) {
            throw error(error_kind::invalid_argument, "channel_registry::name: id " +
                                                          std::to_string(id) + " is not below " +
                                                          std::to_string(m_names.size()));
        }
        return m_names[id];
    }

    [[nodiscard]] std::size_t size() const noexcept { return m_names.size(); }

    /// Every name, indexed by id.
    [[nodiscard]] const std::vector<std::string>& names() const noexcept { return m_names; }

private:
    std::vector<std::string> m_names;
    std::unordered_map<std::string, channel_id, detail::string_hash, std::equal_to<>> m_ids;
};

} // namespace kolroi
