// kolroi/core/credit_table.hpp: conversions and value credited to each channel.
//
// A credit table is indexed by channel id. Journeys without any touch cannot credit a channel;
// their conversions and value go to a separate, visible "no touchpoint" bucket so that the
// table's totals always equal the totals of the journeys it was built from.
#pragma once

#include "kolroi/core/channel_registry.hpp"
#include "kolroi/core/error.hpp"

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace kolroi {

/// What one channel (or the no-touchpoint bucket) is credited with.
struct credit {
    double conversions = 0;
    double value = 0;

    credit& operator+=(const credit& other) noexcept {
        conversions += other.conversions;
        value += other.value;
        return *this;
    }
};

/// The name under which reports show the conversions of journeys that have no touch.
inline constexpr std::string_view no_touchpoint_name = "(no touchpoint)";

class credit_table {
public:
    credit_table() = default;
    explicit credit_table(std::size_t channel_count)
        : m_credits(channel_count) {}

    /// Grows the table to at least `channel_count` channels (new channels start at zero).
    void resize(std::size_t channel_count) {
        if (channel_count > m_credits.size()) {
            m_credits.resize(channel_count);
        }
    }

    [[nodiscard]] std::size_t size() const noexcept { return m_credits.size(); }

    [[nodiscard]] const credit& operator[](channel_id id) const noexcept { return m_credits[id]; }
    [[nodiscard]] credit& operator[](channel_id id) noexcept { return m_credits[id]; }

    /// The credit of the channel called `name` in `registry`, zero when it is not registered.
    [[nodiscard]] credit of(const channel_registry& registry, std::string_view name) const {
        const auto id = registry.find(name);
        return id && *id < m_credits.size() ? m_credits[*id] : credit{};
    }

    [[nodiscard]] const credit& no_touchpoint() const noexcept { return m_no_touchpoint; }
    [[nodiscard]] credit& no_touchpoint() noexcept { return m_no_touchpoint; }

    /// Every channel and the no-touchpoint bucket together.
    [[nodiscard]] credit total() const noexcept {
        credit sum = m_no_touchpoint;
        for (const auto& entry : m_credits) {
            sum += entry;
        }
        return sum;
    }

    /// Adds another table built over the same registry (a shard of the same store, say).
    credit_table& operator+=(const credit_table& other) {
        resize(other.size());
        for (std::size_t id = 0; id < other.size(); ++id) {
            m_credits[id] += other.m_credits[id];
        }
        m_no_touchpoint += other.m_no_touchpoint;
        return *this;
    }

    [[nodiscard]] const std::vector<credit>& credits() const noexcept { return m_credits; }
    [[nodiscard]] std::vector<credit>& credits() noexcept { return m_credits; }

private:
    std::vector<credit> m_credits;
    credit m_no_touchpoint;
};

} // namespace kolroi
