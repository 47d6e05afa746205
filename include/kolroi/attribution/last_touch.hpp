// kolroi/attribution/last_touch.hpp: all credit to the last touch before the conversion.
#pragma once

#include "kolroi/core/journey_store.hpp"

#include <string_view>

namespace kolroi {

struct last_touch {
    static constexpr std::string_view name = "last_touch";

    template <class Sink>
    void distribute(const journey_view& journey, Sink&& sink) const {
        sink(journey.size() - 1, 1.0);
    }
};

} // namespace kolroi
