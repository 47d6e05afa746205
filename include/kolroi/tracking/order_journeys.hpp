// kolroi/tracking/order_journeys.hpp: one journey per order, with the columns a KOL report needs.
//
// The journey builder (journey_builder.hpp) gives a timed journey_store in which journey j is one
// order: its touches in time order, conversions 1, non-conversions 0, and as value the order's
// gross revenue in the reporting currency. Beside the store it keeps
//   per journey: the order id, the order's position in the builder's input, its net value (what
//                the store kept after refunds and cancellations, in the reporting currency) and
//                its status;
//   per touch:   the KOL (or none), the campaign (or none), the platform and what decided the
//                touch (campaign tags, a click id, a referrer, a direct visit, a promo code),
//                indexed like journeys.touch_channels(), so that the weights of
//                kolroi::touch_weights line up with them.
// The store holds one value per journey, the gross; a report attributes the net with the same
// touch weights: touch i of journey j gets w_i * net_value[j] (kol_credit.hpp does this).
#pragma once

#include "kolroi/core/diagnostics.hpp"
#include "kolroi/core/journey_store.hpp"
#include "kolroi/core/platform.hpp"
#include "kolroi/tracking/orders.hpp"
#include "kolroi/tracking/touch_resolver.hpp"

#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kolroi {

struct order_journeys {
    /// Marks a touch without a KOL or without a campaign in touch_kols and touch_campaigns.
    static constexpr std::uint32_t none = std::numeric_limits<std::uint32_t>::max();

    journey_store journeys; ///< timed; conversions 1, value = gross in the reporting currency
    std::string reporting_currency;

    // Per journey.
    std::vector<std::string> order_ids;
    std::vector<std::size_t> order_index; ///< the order's position in the builder's input
    std::vector<double> net_value;        ///< in the reporting currency
    std::vector<order_status> status;

    // Per touch, indexed like journeys.touch_channels().
    std::vector<std::uint32_t> touch_kols;      ///< into kol_ids, or none
    std::vector<std::uint32_t> touch_campaigns; ///< into campaigns, or none
    std::vector<kolroi::platform> touch_platforms;
    std::vector<touch_basis> touch_bases;

    std::vector<std::string> kol_ids;   ///< every KOL that has a touch, in order of first touch
    std::vector<std::string> campaigns; ///< every campaign that has a touch, likewise

    diagnostics notes; ///< skipped orders and touches not used, by reason

    [[nodiscard]] std::size_t size() const noexcept { return order_ids.size(); }

    [[nodiscard]] double gross_value(std::size_t journey) const {
        return journeys.values()[journey];
    }

    /// The KOL id of touch `touch` (an index into the store's touch columns), or nothing.
    [[nodiscard]] std::optional<std::string_view> kol_of(std::size_t touch) const {
        const std::uint32_t index = touch_kols[touch];
        if (index == none) {
            return std::nullopt;
        }
        return std::string_view(kol_ids[index]);
    }

    /// The campaign of touch `touch`, empty when it has none.
    [[nodiscard]] std::string_view campaign_of(std::size_t touch) const {
        const std::uint32_t index = touch_campaigns[touch];
        return index == none ? std::string_view() : std::string_view(campaigns[index]);
    }
};

} // namespace kolroi
