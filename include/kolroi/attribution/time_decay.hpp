// kolroi/attribution/time_decay.hpp: credit that halves with every half-life before conversion.
//
// A touch dt seconds before its conversion has weight 2^(-dt / half_life); the weights of a
// journey are normalised to sum to 1 (GA's time-decay model, 7-day half-life by default).
// Touches 2, 1 and 0 half-lives before the conversion get 1/7, 2/7 and 4/7.
//
// The model needs real touch timestamps: on an untimed store (aggregated paths) the engine
// refuses it. The store guarantees that no touch is later than its conversion. Weights are
// computed relative to the latest touch, which leaves the normalised result unchanged and keeps
// very old journeys from underflowing to 0 / 0.
#pragma once

#include "kolroi/core/error.hpp"
#include "kolroi/core/journey_store.hpp"
#include "kolroi/core/timestamp.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <string>
#include <string_view>

namespace kolroi {

class time_decay {
public:
    static constexpr std::string_view name = "time_decay";
    static constexpr bool needs_timestamps = true;

    /// `half_life_seconds` must be positive; the default is seven days.
    explicit time_decay(double half_life_seconds = 7.0 * seconds_per_day)
        : m_half_life(half_life_seconds) {
        if (!(std::isfinite(half_life_seconds) && half_life_seconds > 0)) {
            throw error(error_kind::invalid_argument,
                        "time_decay: the half-life must be positive and finite, saw " +
                            std::to_string(half_life_seconds) + " seconds");
        }
    }

    [[nodiscard]] double half_life_seconds() const noexcept { return m_half_life; }

    template <class Sink>
    void distribute(const journey_view& journey, Sink&& sink) const {
        const auto times = journey.touch_times;
        const std::size_t n = times.size();
        const timestamp latest = *std::max_element(times.begin(), times.end());

        // Two passes: the normaliser first, then the weights. 2^(-dt/h) = exp(-dt * ln2 / h).
        const double rate = std::log(2.0) / m_half_life;
        double total = 0;
        for (std::size_t i = 0; i < n; ++i) {
            total += std::exp(-static_cast<double>(latest - times[i]) * rate);
        }
        const double scale = 1.0 / total;
        for (std::size_t i = 0; i < n; ++i) {
            sink(i, std::exp(-static_cast<double>(latest - times[i]) * rate) * scale);
        }
    }

private:
    double m_half_life;
};

} // namespace kolroi
