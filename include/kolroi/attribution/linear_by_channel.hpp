// kolroi/attribution/linear_by_channel.hpp: equal credit to every distinct channel of a journey.
//
// A journey that touches k distinct channels gives 1/k to each of them, however often each one
// appears: `A > A > B` gives A 1/2 and B 1/2 (plain linear gives 2/3 and 1/3). The credit of a
// channel is emitted on its first touch.
#pragma once

#include "kolroi/core/journey_store.hpp"

#include <algorithm>
#include <cstddef>
#include <string_view>
#include <vector>

namespace kolroi {

struct linear_by_channel {
    static constexpr std::string_view name = "linear_by_channel";

    template <class Sink>
    void distribute(const journey_view& journey, Sink&& sink) const {
        const auto channels = journey.channels;
        const std::size_t n = channels.size();

        // A touch is a first occurrence when no earlier touch has its channel. Short journeys
        // (the usual case) are checked pairwise; long ones through a sorted copy.
        std::size_t distinct = 0;
        if (n <= long_journey) {
            for (std::size_t i = 0; i < n; ++i) {
                distinct += is_first(channels, i) ? 1 : 0;
            }
        } else {
            std::vector<channel_id> sorted(channels.begin(), channels.end());
            std::sort(sorted.begin(), sorted.end());
            distinct = static_cast<std::size_t>(std::unique(sorted.begin(), sorted.end()) -
                                                sorted.begin());
        }

        const double weight = 1.0 / static_cast<double>(distinct);
        if (n <= long_journey) {
            for (std::size_t i = 0; i < n; ++i) {
                if (is_first(channels, i)) {
                    sink(i, weight);
                }
            }
            return;
        }
        std::vector<channel_id> seen;
        seen.reserve(distinct);
        for (std::size_t i = 0; i < n; ++i) {
            const auto at = std::lower_bound(seen.begin(), seen.end(), channels[i]);
            if (at == seen.end() || *at != channels[i]) {
                seen.insert(at, channels[i]);
                sink(i, weight);
            }
        }
    }

private:
    static constexpr std::size_t long_journey = 32;

    static bool is_first(std::span<const channel_id> channels, std::size_t i) noexcept {
        for (std::size_t j = 0; j < i; ++j) {
            if (channels[j] == channels[i]) {
                return false;
            }
        }
        return true;
    }
};

} // namespace kolroi
