// kolroi/attribution/position_based.hpp: the U-shaped (position-based) model.
//
// The first touch gets `first_weight`, the last touch `last_weight`, and the touches between
// share the rest equally (GA's position-based model: 40% / 20% / 40% by default).
//   1 touch:   the touch gets 1.
//   2 touches: the end weights renormalised: first / (first + last) and last / (first + last).
//   n >= 3:    first, then (1 - first - last) / (n - 2) each, then last.
// When both end weights are zero a two-touch journey is split equally.
#pragma once

#include "kolroi/core/error.hpp"
#include "kolroi/core/journey_store.hpp"

#include <cmath>
#include <cstddef>
#include <string>
#include <string_view>

namespace kolroi {

class position_based {
public:
    static constexpr std::string_view name = "position_based";

    explicit position_based(double first_weight = 0.4, double last_weight = 0.4)
        : m_first(first_weight)
        , m_last(last_weight) {
        if (!(std::isfinite(first_weight) && std::isfinite(last_weight) && first_weight >= 0 &&
              last_weight >= 0 && first_weight + last_weight <= 1.0 + 1e-12)) {
            throw error(error_kind::invalid_argument,
                        "position_based: end weights must be non-negative and sum to at most 1, "
                        "saw first " +
                            std::to_string(first_weight) + " and last " +
                            std::to_string(last_weight));
        }
        const double ends = m_first + m_last;
        m_two_first = ends > 0 ? m_first / ends : 0.5;
        m_two_last = 1.0 - m_two_first;
    }

    [[nodiscard]] double first_weight() const noexcept { return m_first; }
    [[nodiscard]] double last_weight() const noexcept { return m_last; }

    template <class Sink>
    void distribute(const journey_view& journey, Sink&& sink) const {
        const std::size_t n = journey.size();
        if (n == 1) {
            sink(0, 1.0);
            return;
        }
        if (n == 2) {
            sink(0, m_two_first);
            sink(1, m_two_last);
            return;
        }
        const double middle = (1.0 - m_first - m_last) / static_cast<double>(n - 2);
        sink(0, m_first);
        for (std::size_t i = 1; i + 1 < n; ++i) {
            sink(i, middle);
        }
        sink(n - 1, m_last);
    }

private:
    double m_first;
    double m_last;
    double m_two_first = 0.5;
    double m_two_last = 0.5;
};

} // namespace kolroi
