// kolroi/attribution/linear.hpp: equal credit to every touch.
//
// A journey of n touches gives 1/n to each touch; a channel that appears k times gets k/n.
// (linear_by_channel gives equal credit per distinct channel instead.)
#pragma once

#include "kolroi/core/journey_store.hpp"

#include <cstddef>
#include <string_view>

namespace kolroi {

struct linear {
    static constexpr std::string_view name = "linear";

    template <class Sink>
    void distribute(const journey_view& journey, Sink&& sink) const {
        const std::size_t n = journey.size();
        const double weight = 1.0 / static_cast<double>(n);
        for (std::size_t i = 0; i < n; ++i) {
            sink(i, weight);
        }
    }
};

} // namespace kolroi
