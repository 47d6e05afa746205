// bench/synthetic_store.hpp: seeded synthetic journey stores for the benchmark programs.
//
// A store of exactly `touches` touches, made of journeys whose lengths are uniform in
// [min_length, max_length] (the last journey is cut to fit). Channel 0 is "Direct" and takes
// `direct_share` of the touches, the way typed-in visits crowd real logs; the other touches are
// uniform over the remaining channels. Each journey converts 1 to 3 times for a value of 5 to 500
// per conversion, with 0 to 5 journeys on the same path that did not convert. A timed store
// spreads conversions over 90 days and places each touch 0 to 5 days before the next one (the
// last touch 0 to 2 days before the conversion), so a seven-day half-life gives real spread.
// The same options and seed give the same store on every machine (std::mt19937_64 and
// integer arithmetic only; no distribution whose output the standard leaves open).
#pragma once

#include "kolroi/core/journey_store.hpp"
#include "kolroi/core/timestamp.hpp"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

namespace kolroi::bench {

struct synthetic_options {
    std::size_t touches = 1'000'000;
    std::size_t channels = 32;
    std::size_t min_length = 1;
    std::size_t max_length = 20;
    double direct_share = 0.2;
    bool timed = false;
    std::uint64_t seed = 20261203;
};

namespace detail {

// A uniform integer in [low, high], the same on every standard library.
inline std::uint64_t uniform(std::mt19937_64& random, std::uint64_t low, std::uint64_t high) {
    const std::uint64_t span = high - low + 1;
    const std::uint64_t limit = UINT64_MAX - UINT64_MAX % span;
    std::uint64_t draw = random();
    while (draw >= limit) {
        draw = random();
    }
    return low + draw % span;
}

// A uniform double in [0, 1) from the top 53 bits of one draw.
inline double unit(std::mt19937_64& random) {
    return static_cast<double>(random() >> 11) * 0x1.0p-53;
}

inline std::string channel_name(std::size_t id) {
    if (id == 0) {
        return "Direct";
    }
    std::string digits = std::to_string(id);
    return "channel_" + std::string(digits.size() < 4 ? 4 - digits.size() : 0, '0') + digits;
}

} // namespace detail

/// The seeded store described at the top of this header.
inline journey_store make_synthetic_store(const synthetic_options& options) {
    std::mt19937_64 random(options.seed);
    journey_store store;
    for (std::size_t id = 0; id < options.channels; ++id) {
        store.channels().intern(detail::channel_name(id));
    }

    // Lengths first, so that the columns can be reserved exactly and bytes_used() is the data.
    std::vector<std::size_t> lengths;
    for (std::size_t total = 0; total < options.touches;) {
        std::size_t length = detail::uniform(random, options.min_length, options.max_length);
        length = std::min(length, options.touches - total);
        lengths.push_back(length);
        total += length;
    }

    std::vector<channel_id> channels;
    std::vector<timestamp> times;
    const timestamp start = 1'700'000'000;
    for (std::size_t j = 0; j < lengths.size(); ++j) {
        channels.resize(lengths[j]);
        for (auto& channel : channels) {
            const bool direct =
                options.channels == 1 || detail::unit(random) < options.direct_share;
            channel =
                direct ? 0
                       : static_cast<channel_id>(detail::uniform(random, 1, options.channels - 1));
        }
        const auto conversions = static_cast<double>(detail::uniform(random, 1, 3));
        const auto non_conversions = static_cast<double>(detail::uniform(random, 0, 5));
        const double value = conversions * (5.0 + 495.0 * detail::unit(random));
        if (!options.timed) {
            store.add(channels, conversions, non_conversions, value);
        } else {
            // Touch times walk backwards from the conversion, then are laid out in touch order.
            const auto conversion =
                start + static_cast<timestamp>(detail::uniform(random, 0, 90 * seconds_per_day));
            times.resize(lengths[j]);
            timestamp at = conversion -
                           static_cast<timestamp>(detail::uniform(random, 0, 2 * seconds_per_day));
            for (std::size_t i = times.size(); i-- > 0;) {
                times[i] = at;
                at -= static_cast<timestamp>(detail::uniform(random, 0, 5 * seconds_per_day));
            }
            store.add_timed(channels, times, conversion, conversions, non_conversions, value);
        }
        if (j == 0) {
            std::size_t total = 0;
            for (const std::size_t length : lengths) {
                total += length;
            }
            store.reserve(lengths.size(), total);
        }
    }
    return store;
}

} // namespace kolroi::bench
