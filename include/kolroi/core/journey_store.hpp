// kolroi/core/journey_store.hpp: a compact, columnar store of customer journeys.
//
// A journey is the ordered list of touches (channel ids) that led to an outcome. One row of the
// store may stand for one customer's journey to one order, or for an aggregated path: "this
// sequence of channels was seen N times, converted C times for a total value V".
//
// Layout (structure of arrays, so that the attribution loop streams memory):
//   offsets[j] .. offsets[j + 1]   the touches of journey j in `channels` (and `touch_times`)
//   conversions[j], non_conversions[j], value[j]   what the journey stands for
//   conversion_time[j]             when it converted (timed stores only)
// A store is either timed (every touch has a timestamp) or untimed; mixing is an error.
#pragma once

#include "kolroi/core/channel_registry.hpp"
#include "kolroi/core/error.hpp"
#include "kolroi/core/timestamp.hpp"

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace kolroi {

/// One journey as the attribution policies see it. Spans point into the store.
struct journey_view {
    std::span<const channel_id> channels;
    std::span<const timestamp> touch_times; ///< empty in an untimed store
    timestamp conversion_time = 0;          ///< meaningful in a timed store only
    double conversions = 0;
    double non_conversions = 0;
    double value = 0;

    [[nodiscard]] std::size_t size() const noexcept { return channels.size(); }
    [[nodiscard]] bool empty() const noexcept { return channels.empty(); }
};

class journey_store {
public:
    journey_store() { m_offsets.push_back(0); }

    /// Adds an untimed journey (an aggregated path, say) and returns its index.
    std::size_t add(std::span<const channel_id> channels, double conversions,
                    double non_conversions, double value) {
        check_untimed("journey_store::add");
        check_outcome(conversions, non_conversions, value);
        check_ids(channels);
        m_channels.insert(m_channels.end(), channels.begin(), channels.end());
        return finish(conversions, non_conversions, value);
    }

    /// Adds an untimed journey given by channel names, interning each name as it is. Names are
    /// never split: a name that contains a separator stays one channel.
    std::size_t add_named(std::span<const std::string_view> names, double conversions,
                          double non_conversions, double value) {
        check_untimed("journey_store::add_named");
        check_outcome(conversions, non_conversions, value);
        for (const auto name : names) {
            m_channels.push_back(m_registry.intern(name));
        }
        return finish(conversions, non_conversions, value);
    }

    /// Adds a timed journey: one timestamp per touch, in the order of the touches, none later
    /// than the conversion. A touch after its conversion is an error, not a weight above one.
    std::size_t add_timed(std::span<const channel_id> channels,
                          std::span<const timestamp> touch_times, timestamp conversion_time,
                          double conversions, double non_conversions, double value) {
        if (channels.size() != touch_times.size()) {
            throw error(error_kind::invalid_argument,
                        "journey_store::add_timed: " + std::to_string(channels.size()) +
                            " channels but " + std::to_string(touch_times.size()) + " timestamps");
        }
        if (!m_conversion_time.empty() || journey_count() == 0) {
            m_timed = true;
        } else {
            throw error(error_kind::invalid_argument,
                        "journey_store::add_timed: the store already holds untimed journeys");
        }
        check_outcome(conversions, non_conversions, value);
        check_ids(channels);
        for (std::size_t i = 0; i < touch_times.size(); ++i) {
            if (touch_times[i] > conversion_time) {
                throw error(error_kind::data_error,
                            "journey_store::add_timed: touch " + std::to_string(i) + " at " +
                                std::to_string(touch_times[i]) + " is after the conversion at " +
                                std::to_string(conversion_time));
            }
        }
        m_channels.insert(m_channels.end(), channels.begin(), channels.end());
        m_touch_times.insert(m_touch_times.end(), touch_times.begin(), touch_times.end());
        m_conversion_time.push_back(conversion_time);
        return finish(conversions, non_conversions, value);
    }

    /// Reserves room for `journeys` journeys and `touches` touches.
    void reserve(std::size_t journeys, std::size_t touches) {
        m_offsets.reserve(journeys + 1);
        m_conversions.reserve(journeys);
        m_non_conversions.reserve(journeys);
        m_value.reserve(journeys);
        m_channels.reserve(touches);
        if (m_timed) {
            m_conversion_time.reserve(journeys);
            m_touch_times.reserve(touches);
        }
    }

    [[nodiscard]] journey_view journey(std::size_t index) const noexcept {
        const auto begin = static_cast<std::size_t>(m_offsets[index]);
        const auto length = static_cast<std::size_t>(m_offsets[index + 1]) - begin;
        journey_view view;
        view.channels = std::span<const channel_id>(m_channels.data() + begin, length);
        if (m_timed) {
            view.touch_times = std::span<const timestamp>(m_touch_times.data() + begin, length);
            view.conversion_time = m_conversion_time[index];
        }
        view.conversions = m_conversions[index];
        view.non_conversions = m_non_conversions[index];
        view.value = m_value[index];
        return view;
    }

    [[nodiscard]] std::size_t journey_count() const noexcept { return m_conversions.size(); }
    [[nodiscard]] std::size_t touch_count() const noexcept { return m_channels.size(); }
    [[nodiscard]] bool timed() const noexcept { return m_timed; }

    [[nodiscard]] channel_registry& channels() noexcept { return m_registry; }
    [[nodiscard]] const channel_registry& channels() const noexcept { return m_registry; }

    /// The columns, for code that streams over the whole store.
    [[nodiscard]] std::span<const std::uint64_t> offsets() const noexcept { return m_offsets; }
    [[nodiscard]] std::span<const channel_id> touch_channels() const noexcept { return m_channels; }
    [[nodiscard]] std::span<const timestamp> touch_times() const noexcept { return m_touch_times; }
    [[nodiscard]] std::span<const double> conversions() const noexcept { return m_conversions; }
    [[nodiscard]] std::span<const double> non_conversions() const noexcept {
        return m_non_conversions;
    }
    [[nodiscard]] std::span<const double> values() const noexcept { return m_value; }

    /// Sums over every journey.
    [[nodiscard]] double total_conversions() const noexcept { return sum(m_conversions); }
    [[nodiscard]] double total_non_conversions() const noexcept { return sum(m_non_conversions); }
    [[nodiscard]] double total_value() const noexcept { return sum(m_value); }

    /// Bytes held by the columns (capacity, not size), for memory reports.
    [[nodiscard]] std::size_t bytes_used() const noexcept {
        return m_offsets.capacity() * sizeof(std::uint64_t) +
               m_channels.capacity() * sizeof(channel_id) +
               m_touch_times.capacity() * sizeof(timestamp) +
               m_conversion_time.capacity() * sizeof(timestamp) +
               (m_conversions.capacity() + m_non_conversions.capacity() + m_value.capacity()) *
                   sizeof(double);
    }

private:
    static double sum(const std::vector<double>& column) noexcept {
        double total = 0;
        for (const double x : column) {
            total += x;
        }
        return total;
    }

    void check_untimed(const char* caller) const {
        if (m_timed) {
            throw error(error_kind::invalid_argument,
                        std::string(caller) + ": the store holds timed journeys");
        }
    }

    void check_ids(std::span<const channel_id> channels) const {
        for (const channel_id id : channels) {
            if (id >= m_registry.size()) {
                throw error(error_kind::invalid_argument,
                            "journey_store: channel id " + std::to_string(id) +
                                " is not registered (" + std::to_string(m_registry.size()) +
                                " channels)");
            }
        }
    }

    static void check_outcome(double conversions, double non_conversions, double value) {
        if (!(std::isfinite(conversions) && conversions >= 0)) {
            throw error(error_kind::data_error, "journey_store: conversions must be finite and "
                                                "non-negative, saw " +
                                                    std::to_string(conversions));
        }
        if (!(std::isfinite(non_conversions) && non_conversions >= 0)) {
            throw error(error_kind::data_error,
                        "journey_store: non-conversions must be finite and non-negative, saw " +
                            std::to_string(non_conversions));
        }
        if (!std::isfinite(value)) {
            throw error(error_kind::data_error, "journey_store: value must be finite");
        }
    }

    std::size_t finish(double conversions, double non_conversions, double value) {
        m_offsets.push_back(m_channels.size());
        m_conversions.push_back(conversions);
        m_non_conversions.push_back(non_conversions);
        m_value.push_back(value);
        return m_conversions.size() - 1;
    }

    channel_registry m_registry;
    bool m_timed = false;
    std::vector<std::uint64_t> m_offsets;
    std::vector<channel_id> m_channels;
    std::vector<timestamp> m_touch_times;
    std::vector<timestamp> m_conversion_time;
    std::vector<double> m_conversions;
    std::vector<double> m_non_conversions;
    std::vector<double> m_value;
};

} // namespace kolroi
