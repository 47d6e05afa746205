// kolroi/tracking/kol_credit.hpp: the credit of each KOL, gross and net, from per-touch weights.
//
// For journey j (one order) with conversions c_j, gross value g_j and net value n_j, and a touch
// i of it that an attribution policy weights w_i (kolroi::touch_weights; a journey's weights sum
// to 1), the touch's KOL k receives
//
//     conversions_k += w_i * c_j,   gross_k += w_i * g_j,   net_k += w_i * n_j.
//
// Net revenue (after refunds and cancellations) is therefore split with exactly the weights of
// the order, never re-attributed on its own. Touches of no KOL add to `other_touches`, and
// journeys without touches add their whole outcome to `no_touchpoint`, so that the three parts
// always sum to the totals of the journeys, to rounding.
#pragma once

#include "kolroi/attribution/engine.hpp"
#include "kolroi/attribution/policy.hpp"
#include "kolroi/core/error.hpp"
#include "kolroi/tracking/order_journeys.hpp"

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace kolroi {

struct kol_credit {
    double conversions = 0;
    double gross_value = 0;
    double net_value = 0;

    kol_credit& operator+=(const kol_credit& other) noexcept {
        conversions += other.conversions;
        gross_value += other.gross_value;
        net_value += other.net_value;
        return *this;
    }
};

struct kol_credit_table {
    std::vector<std::string> kol_ids; ///< as order_journeys::kol_ids
    std::vector<kol_credit> kols;     ///< indexed like kol_ids
    kol_credit other_touches;         ///< touches that are no KOL's
    kol_credit no_touchpoint;         ///< orders without any touch

    /// The credit of `kol_id`; zero for a KOL without touches.
    [[nodiscard]] kol_credit of(std::string_view kol_id) const {
        for (std::size_t k = 0; k < kol_ids.size(); ++k) {
            if (kol_ids[k] == kol_id) {
                return kols[k];
            }
        }
        return {};
    }

    [[nodiscard]] kol_credit total() const noexcept {
        kol_credit sum = other_touches;
        sum += no_touchpoint;
        for (const auto& credit : kols) {
            sum += credit;
        }
        return sum;
    }
};

/// Sums `weights` (one per touch, as kolroi::touch_weights gives them) into credit per KOL.
[[nodiscard]] inline kol_credit_table credit_by_kol(const order_journeys& orders,
                                                    std::span<const double> weights) {
    const journey_store& store = orders.journeys;
    if (weights.size() != store.touch_count()) {
        throw error(error_kind::invalid_argument,
                    "credit_by_kol: " + std::to_string(weights.size()) + " weights for " +
                        std::to_string(store.touch_count()) + " touches");
    }
    kol_credit_table table;
    table.kol_ids = orders.kol_ids;
    table.kols.assign(orders.kol_ids.size(), kol_credit{});

    const auto offsets = store.offsets();
    const auto conversions = store.conversions();
    const auto gross = store.values();
    for (std::size_t j = 0; j < store.journey_count(); ++j) {
        const kol_credit outcome{conversions[j], gross[j], orders.net_value[j]};
        if (offsets[j] == offsets[j + 1]) {
            table.no_touchpoint += outcome;
            continue;
        }
        for (auto i = static_cast<std::size_t>(offsets[j]); i < offsets[j + 1]; ++i) {
            const double w = weights[i];
            const std::uint32_t kol = orders.touch_kols[i];
            kol_credit& slot = kol == order_journeys::none ? table.other_touches : table.kols[kol];
            slot +=
                kol_credit{w * outcome.conversions, w * outcome.gross_value, w * outcome.net_value};
        }
    }
    return table;
}

/// The credit per KOL of the journeys under `policy`.
template <attribution_policy Policy>
[[nodiscard]] kol_credit_table credit_by_kol(const order_journeys& orders, const Policy& policy) {
    const std::vector<double> weights = touch_weights(orders.journeys, policy);
    return credit_by_kol(orders, weights);
}

} // namespace kolroi
