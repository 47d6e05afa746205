// kolroi/attribution/first_touch.hpp: all credit to the first touch of the journey.
#pragma once

#include "kolroi/core/journey_store.hpp"

#include <string_view>

namespace kolroi {

struct first_touch {
    static constexpr std::string_view name = "first_touch";

    template <class Sink>
    void distribute(const journey_view& /*journey*/, Sink&& sink) const {
        sink(0, 1.0);
    }
};

} // namespace kolroi
