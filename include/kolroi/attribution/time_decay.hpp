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
//
// Timestamps are whole seconds, so for a gap dt below 2^32 seconds (136 years) the weight is a
// product of four factors, one per byte of dt: 2^(-dt/h) = prod_k 2^(-b_k 256^k / h), where
// dt = sum_k b_k 256^k. The policy keeps the 4 x 256 factors (8 KiB, made once per half-life
// with std::exp2), so a weight costs four table reads and three multiplications instead of an
// exponential, and is within a few units in the last place of 2^(-dt/h). Longer gaps call
// std::exp2.
#pragma once

#include "kolroi/core/error.hpp"
#include "kolroi/core/journey_store.hpp"
#include "kolroi/core/timestamp.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
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
        auto factors = std::make_shared<factor_table>();
        for (std::size_t k = 0; k < 4; ++k) {
            for (std::uint64_t b = 0; b < 256; ++b) {
                const auto gap = static_cast<double>(b << (8 * k));
                (*factors)[k * 256 + b] = std::exp2(-gap / m_half_life);
            }
        }
        m_factors = std::move(factors);
    }

    [[nodiscard]] double half_life_seconds() const noexcept { return m_half_life; }

    template <class Sink>
    void distribute(const journey_view& journey, Sink&& sink) const {
        const auto times = journey.touch_times;
        const std::size_t n = times.size();

        // Touches are normally in time order, so the last one is tried as the latest; a journey
        // with a later touch before it is weighed again from its real latest touch.
        double kept[short_journey];
        bool later = false;
        timestamp latest = times[n - 1];
        double total = weigh(times, latest, kept, later);
        if (later) [[unlikely]] {
            latest = *std::max_element(times.begin(), times.end());
            total = weigh(times, latest, kept, later);
        }

        // Short journeys kept their weights on the stack; long ones compute them again.
        const double scale = 1.0 / total;
        for (std::size_t i = 0; i < n; ++i) {
            sink(i, (i < short_journey ? kept[i] : decay(latest - times[i])) * scale);
        }
    }

private:
    using factor_table = std::array<double, 4 * 256>;
    static constexpr std::size_t short_journey = 64;

    // The sum of the weights relative to `latest`, keeping the first ones in `kept`; `later` is
    // set when a touch is after `latest`.
    double weigh(std::span<const timestamp> times, timestamp latest, double* kept,
                 bool& later) const noexcept {
        double total = 0;
        for (std::size_t i = 0; i < times.size(); ++i) {
            const timestamp gap = latest - times[i];
            later |= gap < 0;
            const double weight = decay(gap);
            if (i < short_journey) {
                kept[i] = weight;
            }
            total += weight;
        }
        return total;
    }

    // 2^(-gap / h); a negative gap (a touch after `latest`) gives a weight above 1.
    [[nodiscard]] double decay(timestamp gap) const noexcept {
        const auto dt = static_cast<std::uint64_t>(gap);
        if (dt >> 32 != 0) [[unlikely]] {
            return std::exp2(-static_cast<double>(gap) / m_half_life);
        }
        const double* const f = m_factors->data();
        return (f[dt & 255] * f[256 + (dt >> 8 & 255)]) *
               (f[512 + (dt >> 16 & 255)] * f[768 + (dt >> 24)]);
    }

    double m_half_life;
    std::shared_ptr<const factor_table> m_factors;
};

} // namespace kolroi
