// kolroi/incrementality/segment_series.hpp: a store's daily orders, gross and net revenue, one
// series per segment (market, product or both), the input of a post's lift.
//
// Day d is the UTC day [first_day + d * 86400, first_day + (d + 1) * 86400). Every order placed
// on a day counts on that day, whatever became of it: the order count is of orders placed, gross
// is order::revenue and net is order::net_revenue() (refunds and cancellations taken off), both
// in the rate table's reporting currency. The segments are those of order_segments
// (order_segments.hpp): by market and product every pair of a market and a product seen is a
// segment, also a pair without orders (its series are zeros), so that a KOL who reaches a
// quiet corner of the store still has a series to measure.
//
// Orders are left out, and counted by reason in `notes`, when their currency has no rate
// ("currency without rate") or they fall outside the days asked for ("outside the series' days").
#pragma once

#include "kolroi/core/diagnostics.hpp"
#include "kolroi/core/error.hpp"
#include "kolroi/core/timestamp.hpp"
#include "kolroi/incrementality/order_segments.hpp"
#include "kolroi/incrementality/post_lift.hpp"
#include "kolroi/roi/exchange_rates.hpp"
#include "kolroi/tracking/orders.hpp"

#include <algorithm>
#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace kolroi {

struct segment_series_options {
    segment_by by = segment_by::market_and_product;
    std::optional<timestamp> first_day; ///< any moment of day 0; the first order's day if empty
    std::optional<timestamp> last_day;  ///< any moment of the last day; the last order's if empty
};

struct segment_series {
    timestamp first_day = 0; ///< UTC midnight of day 0
    std::size_t days = 0;
    std::string currency;              ///< of gross and net
    std::vector<std::string> segments; ///< sorted
    std::vector<order_segment> keys;   ///< per segment; a dimension not used is empty
    std::vector<daily_series> orders;  ///< one per segment, named like it
    std::vector<daily_series> gross;
    std::vector<daily_series> net;
    diagnostics notes;

    [[nodiscard]] std::optional<std::size_t> index_of(std::string_view segment) const {
        const auto at = std::lower_bound(segments.begin(), segments.end(), segment);
        if (at == segments.end() || *at != segment) {
            return std::nullopt;
        }
        return static_cast<std::size_t>(at - segments.begin());
    }

    /// The day a moment falls on, or nothing when it is outside the series.
    [[nodiscard]] std::optional<std::size_t> day_of(timestamp moment) const {
        if (moment < first_day) {
            return std::nullopt;
        }
        const auto day = static_cast<std::size_t>((moment - first_day) / seconds_per_day);
        if (day >= days) {
            return std::nullopt;
        }
        return day;
    }
};

namespace detail {

/// UTC midnight at or before `moment`.
constexpr timestamp utc_midnight_of(timestamp moment) noexcept {
    const timestamp days =
        moment >= 0 ? moment / seconds_per_day : (moment - seconds_per_day + 1) / seconds_per_day;
    return days * seconds_per_day;
}

/// Every segment and its (market, product), sorted by name.
inline void name_segments(const order_segments& segments, segment_by by, segment_series& result) {
    const bool use_market = segments.has_market && by != segment_by::product;
    const bool use_product = segments.has_product && by != segment_by::market;
    const std::vector<std::string> none{std::string()};
    std::vector<std::pair<std::string, order_segment>> named;
    for (const auto& market : use_market ? segments.markets : none) {
        for (const auto& product : use_product ? segments.products : none) {
            named.push_back({segments.segment_name(market, product, by), {market, product}});
        }
    }
    // Orders missing from the segments file fall in "(all)", which must then exist too.
    if (use_market || use_product) {
        named.push_back({std::string(whole_store_segment), {}});
    }
    std::sort(named.begin(), named.end(),
              [](const auto& a, const auto& b) { return a.first < b.first; });
    for (auto& [name, key] : named) {
        result.segments.push_back(std::move(name));
        result.keys.push_back(std::move(key));
    }
}

} // namespace detail

/// The daily series of every segment of `orders` (the rules at the top of this header).
/// Throws invalid_argument when the last day asked for comes before the first.
[[nodiscard]] inline segment_series
daily_segment_series(std::span<const order> orders, const order_segments& segments,
                     const exchange_rates& rates, const segment_series_options& options = {}) {
    segment_series result;
    result.currency = rates.reporting_currency();
    if (orders.empty() && !(options.first_day && options.last_day)) {
        return result;
    }

    // The days: those asked for, or the span of the orders.
    timestamp first = options.first_day.value_or(0);
    timestamp last = options.last_day.value_or(0);
    if (!options.first_day || !options.last_day) {
        const auto [earliest, latest] =
            std::minmax_element(orders.begin(), orders.end(),
                                [](const order& a, const order& b) { return a.time < b.time; });
        first = options.first_day.value_or(earliest->time);
        last = options.last_day.value_or(latest->time);
    }
    result.first_day = detail::utc_midnight_of(first);
    const timestamp last_midnight = detail::utc_midnight_of(last);
    if (last_midnight < result.first_day) {
        throw error(error_kind::invalid_argument,
                    "daily_segment_series: the last day (" + std::to_string(last) +
                        ") comes before the first (" + std::to_string(first) + ")");
    }
    result.days =
        static_cast<std::size_t>((last_midnight - result.first_day) / seconds_per_day) + 1;

    detail::name_segments(segments, options.by, result);
    for (const auto& name : result.segments) {
        result.orders.push_back({name, std::vector<double>(result.days, 0.0)});
        result.gross.push_back({name, std::vector<double>(result.days, 0.0)});
        result.net.push_back({name, std::vector<double>(result.days, 0.0)});
    }

    for (const order& row : orders) {
        if (!rates.has_rate(row.currency)) {
            result.notes.add("currency without rate",
                             "daily_segment_series: order '" + row.id + "' is in '" + row.currency +
                                 "', which has no rate to '" + rates.reporting_currency() + "'");
            continue;
        }
        const auto day = result.day_of(row.time);
        if (!day) {
            result.notes.add("outside the series' days",
                             "daily_segment_series: order '" + row.id + "' is outside the days");
            continue;
        }
        const std::size_t s = *result.index_of(segments.segment_of(row.id, options.by));
        result.orders[s].values[*day] += 1.0;
        result.gross[s].values[*day] += rates.convert(row.revenue, row.currency);
        result.net[s].values[*day] += rates.convert(row.net_revenue(), row.currency);
    }
    return result;
}

} // namespace kolroi
