// kolroi/attribution/linear_by_channel.hpp: equal credit to every distinct channel of a journey.
//
// A journey that touches k distinct channels gives 1/k to each of them, however often each one
// appears: `A > A > B` gives A 1/2 and B 1/2 (plain linear gives 2/3 and 1/3). The credit of a
// channel is emitted on its first touch.
//
// First touches are found in one pass with no branch that depends on the channels. When every
// channel id of the journey is below 64 (stores with a few dozen channels), the channels seen so
// far are bits of one 64-bit word held in a register. Otherwise a per-thread table holds, for
// each channel id, the serial number of the last journey the channel was seen in: a touch is a
// first touch when its channel's entry is not the current journey's. The table costs a memory
// access per touch; it grows to the largest channel id seen by the thread and lives as long as
// the thread. Each thread remembers whether its last journey needed the table and then tries it
// first, so a store of thousands of channels does not try the word on every journey. Journeys
// longer than 32 touches take a slower path through sorted copies.
#pragma once

#include "kolroi/core/journey_store.hpp"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

namespace kolroi {

namespace detail {

/// For each channel id, the serial number of the last journey this thread saw it in.
struct channel_marks {
    std::vector<std::uint32_t> last_seen;
    std::uint32_t serial = 0;
    bool wide = false; ///< the last journey had a channel id of 64 or more

    /// The serial number of a new journey. After 2^32 - 1 journeys the table starts afresh.
    std::uint32_t next_journey() {
        if (++serial == 0) {
            std::fill(last_seen.begin(), last_seen.end(), 0u);
            serial = 1;
        }
        return serial;
    }

    void make_room(channel_id id) {
        last_seen.resize(
            std::max<std::size_t>(static_cast<std::size_t>(id) + 1, last_seen.size() * 2), 0u);
    }
};

inline channel_marks& thread_channel_marks() {
    thread_local channel_marks marks;
    return marks;
}

} // namespace detail

struct linear_by_channel {
    static constexpr std::string_view name = "linear_by_channel";

    template <class Sink>
    void distribute(const journey_view& journey, Sink&& sink) const {
        const auto channels = journey.channels;
        const std::size_t n = channels.size();
        if (n > long_journey) {
            distribute_long(channels, sink);
            return;
        }

        // The first touches of the journey's channels, in touch order: each touch is written to
        // the list, and the list grows only when the touch's channel is new to the journey.
        detail::channel_marks& marks = detail::thread_channel_marks();
        std::uint8_t first[long_journey];
        std::size_t distinct = 0;
        if (!marks.wide) {
            std::uint64_t seen = 0;
            channel_id all = 0; // every id OR-ed: below 64 exactly when each one is
            for (std::size_t i = 0; i < n; ++i) {
                const channel_id id = channels[i];
                all |= id;
                const std::uint64_t bit = std::uint64_t{1} << (id & 63u);
                first[distinct] = static_cast<std::uint8_t>(i);
                distinct += (seen & bit) == 0;
                seen |= bit;
            }
            marks.wide = all >= 64;
        }
        if (marks.wide) {
            const std::uint32_t serial = marks.next_journey();
            std::uint32_t* seen = marks.last_seen.data();
            std::size_t room = marks.last_seen.size();
            channel_id all = 0;
            distinct = 0;
            for (std::size_t i = 0; i < n; ++i) {
                const channel_id id = channels[i];
                all |= id;
                if (id >= room) [[unlikely]] {
                    marks.make_room(id);
                    seen = marks.last_seen.data();
                    room = marks.last_seen.size();
                }
                first[distinct] = static_cast<std::uint8_t>(i);
                distinct += seen[id] != serial;
                seen[id] = serial;
            }
            marks.wide = all >= 64;
        }

        const double weight = 1.0 / static_cast<double>(distinct);
        for (std::size_t k = 0; k < distinct; ++k) {
            sink(first[k], weight);
        }
    }

private:
    // Journeys up to this long (the usual case) go through the list of first touches; longer
    // ones count and emit their distinct channels through sorted copies.
    static constexpr std::size_t long_journey = 32;

    template <class Sink>
    static void distribute_long(std::span<const channel_id> channels, Sink& sink) {
        std::vector<channel_id> sorted(channels.begin(), channels.end());
        std::sort(sorted.begin(), sorted.end());
        const auto distinct =
            static_cast<std::size_t>(std::unique(sorted.begin(), sorted.end()) - sorted.begin());
        const double weight = 1.0 / static_cast<double>(distinct);

        std::vector<channel_id> seen;
        seen.reserve(distinct);
        for (std::size_t i = 0; i < channels.size(); ++i) {
            const auto at = std::lower_bound(seen.begin(), seen.end(), channels[i]);
            if (at == seen.end() || *at != channels[i]) {
                seen.insert(at, channels[i]);
                sink(i, weight);
            }
        }
    }
};

} // namespace kolroi
