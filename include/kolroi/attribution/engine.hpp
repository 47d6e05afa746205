// kolroi/attribution/engine.hpp: runs any attribution policy over a journey store.
//
// `attribute` gives each channel its credited conversions and value: for journey j with
// conversions c_j and value v_j, a touch that the policy weights w receives w * c_j conversions
// and w * v_j value, added to its channel. Journeys without touches go to the table's
// no-touchpoint bucket. Every journey's credits therefore sum to its conversions and value, and
// the table's total equals the store's, to rounding.
//
// `touch_weights` gives the weight of every touch instead (the same layout as the store's touch
// columns), so that order-level code can sum credit per KOL, per campaign or per refund.
#pragma once

#include "kolroi/attribution/policy.hpp"
#include "kolroi/core/credit_table.hpp"
#include "kolroi/core/error.hpp"
#include "kolroi/core/journey_store.hpp"

#include <cstddef>
#include <span>
#include <string>
#include <vector>

namespace kolroi {

namespace detail {

template <class Policy>
void require_timestamps_if_needed(const journey_store& store, const Policy& /*policy*/) {
    if constexpr (needs_timestamps<Policy>()) {
        if (!store.timed() && store.touch_count() > 0) {
            throw error(error_kind::unsupported,
                        std::string(Policy::name) +
                            ": needs per-touch timestamps, and this journey store has none "
                            "(aggregated paths carry no touch times)");
        }
    }
}

} // namespace detail

/// Adds the credit of journeys [first, last) of `store` under `policy` to `table`, which must
/// already have a slot for every channel of the store.
template <attribution_policy Policy>
void attribute_range(const journey_store& store, const Policy& policy, std::size_t first,
                     std::size_t last, credit_table& table) {
    detail::require_timestamps_if_needed(store, policy);
    if (table.size() < store.channels().size()) {
        table.resize(store.channels().size());
    }

    const auto offsets = store.offsets();
    const auto channels = store.touch_channels();
    const auto conversions = store.conversions();
    const auto values = store.values();
    credit* const credits = table.credits().data();

    for (std::size_t j = first; j < last; ++j) {
        const journey_view journey = store.journey(j);
        if (journey.empty()) {
            table.no_touchpoint() += credit{conversions[j], values[j]};
            continue;
        }
        const channel_id* const touches = channels.data() + offsets[j];
        const double c = conversions[j];
        const double v = values[j];
        policy.distribute(journey, [&](std::size_t touch, double weight) {
            credit& slot = credits[touches[touch]];
            slot.conversions += weight * c;
            slot.value += weight * v;
        });
    }
}

/// The credit table of the whole store under `policy`.
template <attribution_policy Policy>
[[nodiscard]] credit_table attribute(const journey_store& store, const Policy& policy) {
    credit_table table(store.channels().size());
    attribute_range(store, policy, 0, store.journey_count(), table);
    return table;
}

/// The weight of every touch under `policy`: for each journey with touches, its weights sum to
/// 1. Indexed like store.touch_channels().
template <attribution_policy Policy>
[[nodiscard]] std::vector<double> touch_weights(const journey_store& store, const Policy& policy) {
    detail::require_timestamps_if_needed(store, policy);
    std::vector<double> weights(store.touch_count(), 0.0);
    const auto offsets = store.offsets();
    for (std::size_t j = 0; j < store.journey_count(); ++j) {
        const journey_view journey = store.journey(j);
        if (journey.empty()) {
            continue;
        }
        double* const base = weights.data() + offsets[j];
        policy.distribute(journey,
                          [base](std::size_t touch, double weight) { base[touch] += weight; });
    }
    return weights;
}

} // namespace kolroi
