// kolroi/core/channel_registry.hpp: interns channel names to small integer ids.
//
// Attribution works on channel ids, never on names: a journey store holds one 32-bit id per
// touch, and credit tables are arrays indexed by id. The registry is the one place where a name
// becomes an id and back. Names are compared byte for byte (UTF-8 as given); a name is never
// split or trimmed here.
//
// Readers intern one name per touch, and a file uses few distinct names over and over, so the
// registry keeps the ids of recently seen names in a table of 256 slots, indexed by a cheap mix
// of the name's length and its first and last eight bytes. A name found there (compared in full)
// is not hashed; any other goes through the hash map and then takes its slot in the table.
#pragma once

#include "kolroi/core/detail/string_hash.hpp"
#include "kolroi/core/error.hpp"

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
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

class channel_registry {
public:
    /// The id of `name`, adding it when it is new. An empty name is an error: a touch always has
    /// a channel, and "no touchpoint" is kept apart (see credit_table).
    channel_id intern(std::string_view name) {
        channel_id& recent = m_recent[recent_slot(name)];
        if (recent < m_names.size() && same_name(m_names[recent], name)) {
            return recent;
        }
        if (const auto found = m_ids.find(name); found != m_ids.end()) {
            recent = found->second;
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
        recent = id;
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
    static constexpr unsigned recent_bits = 8;
    static constexpr std::size_t recent_slots = std::size_t{1} << recent_bits;
    static constexpr channel_id no_recent = std::numeric_limits<channel_id>::max();

    // Byte for byte, without a call to memcmp for the short names channels have.
    [[nodiscard]] static bool same_name(std::string_view held, std::string_view name) noexcept {
        if (held.size() != name.size()) {
            return false;
        }
        for (std::size_t i = 0; i < name.size(); ++i) {
            if (held[i] != name[i]) {
                return false;
            }
        }
        return true;
    }

    // The first and last eight bytes of the name (all of it when shorter) and its length,
    // multiplied together into a slot.
    [[nodiscard]] static std::size_t recent_slot(std::string_view name) noexcept {
        std::uint64_t head = 0;
        std::uint64_t tail = 0;
        if (name.size() >= 8) {
            std::memcpy(&head, name.data(), 8);
            std::memcpy(&tail, name.data() + name.size() - 8, 8);
        } else {
            std::memcpy(&head, name.data(), name.size());
        }
        std::uint64_t mixed = (head * 0x9E3779B97F4A7C15u) ^ (tail * 0xC2B2AE3D27D4EB4Fu) ^
                              static_cast<std::uint64_t>(name.size());
        mixed ^= mixed >> 29;
        return static_cast<std::size_t>((mixed * 0xBF58476D1CE4E5B9u) >> (64 - recent_bits));
    }

    std::vector<std::string> m_names;
    std::unordered_map<std::string, channel_id, detail::string_hash, std::equal_to<>> m_ids;
    std::array<channel_id, recent_slots> m_recent = make_recent();

    static constexpr std::array<channel_id, recent_slots> make_recent() noexcept {
        std::array<channel_id, recent_slots> recent{};
        recent.fill(no_recent);
        return recent;
    }
};

} // namespace kolroi
