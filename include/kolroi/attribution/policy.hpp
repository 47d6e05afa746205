// kolroi/attribution/policy.hpp: the concept every per-journey attribution policy models.
//
// A policy decides how one journey's credit is split over its touches. The engine calls
//
//     policy.distribute(journey, sink)
//
// for every journey that has at least one touch, where `sink(touch_index, weight)` records that
// the touch at `touch_index` gets `weight` of the journey. The weights a policy emits for one
// journey are non-negative and sum to 1; a touch may be emitted more than once (the weights
// add). The engine multiplies the weights by the journey's conversions and value, so every
// journey's credits sum to its conversions and its value.
//
// A policy that reads touch timestamps declares `static constexpr bool needs_timestamps = true`;
// the engine then refuses untimed stores instead of inventing times.
//
// A user-written policy needs nothing more than this:
//
//     struct first_two_halves {
//         static constexpr std::string_view name = "first_two_halves";
//         template <class Sink>
//         void distribute(const kolroi::journey_view& journey, Sink&& sink) const {
//             if (journey.size() == 1) { sink(0, 1.0); return; }
//             sink(0, 0.5);
//             sink(1, 0.5);
//         }
//     };
#pragma once

#include "kolroi/core/journey_store.hpp"

#include <concepts>
#include <cstddef>
#include <string_view>
#include <type_traits>

namespace kolroi {

namespace detail {

/// Stands in for the engine's sink when the concept is checked.
struct sink_archetype {
    void operator()(std::size_t /*touch_index*/, double /*weight*/) const noexcept {}
};

} // namespace detail

/// A per-journey attribution policy: it has a name and splits a journey over its touches.
template <class Policy>
concept attribution_policy = requires(const Policy& policy, const journey_view& journey,
                                      detail::sink_archetype& sink) {
    { Policy::name } -> std::convertible_to<std::string_view>;
    policy.distribute(journey, sink);
};

/// Whether a policy reads touch timestamps.
template <class Policy>
constexpr bool needs_timestamps() noexcept {
    if constexpr (requires { Policy::needs_timestamps; }) {
        return Policy::needs_timestamps;
    } else {
        return false;
    }
}

} // namespace kolroi
