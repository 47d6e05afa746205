// kolroi/incrementality/kol_incrementality.hpp: each KOL's incremental orders and revenue by
// three methods side by side, from the same files a KOL report reads.
//
// - Post lift (kol_lift.hpp), the headline: the orders and revenue of the segments the KOL
//   reaches, against a counterfactual fitted on the days no post touched and on segments no post
//   reached. It does not ask who clicked, so buyers who would have bought anyway and leaked codes
//   stay in the counterfactual: neither adds to the lift.
// - Customer baseline (customer_baseline.hpp), the check: the orders of the customers the KOL's
//   links brought, less what similar untouched customers bought, plus the post-only code buyers
//   (code_leakage.hpp: uses without a touch inside the post windows beyond the leak rate). Leaked
//   uses are excluded from it. It is precise where its assumptions hold and wrong where a touch
//   follows the intent to buy; the two methods disagreeing is itself a finding.
// - Code leakage (code_leakage.hpp): per code, the uses, the uses without any KOL touch and
//   their revenue, and the estimated leaked uses.
// KOLs are those of the registry (the KOL list), in its order.
#pragma once

#include "kolroi/core/diagnostics.hpp"
#include "kolroi/incrementality/code_leakage.hpp"
#include "kolroi/incrementality/customer_baseline.hpp"
#include "kolroi/incrementality/incremental_estimate.hpp"
#include "kolroi/incrementality/kol_lift.hpp"
#include "kolroi/incrementality/kol_reach.hpp"
#include "kolroi/incrementality/order_segments.hpp"
#include "kolroi/incrementality/segment_series.hpp"
#include "kolroi/roi/exchange_rates.hpp"
#include "kolroi/roi/roi_metrics.hpp"
#include "kolroi/tracking/kol_registry.hpp"
#include "kolroi/tracking/orders.hpp"
#include "kolroi/tracking/touchpoints.hpp"

#include <cstddef>
#include <limits>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace kolroi {

struct incrementality_options {
    kol_lift_options lift;
    customer_baseline_options customers;
    code_leakage_options codes;
    segment_by segments = segment_by::market_and_product;
};

struct kol_incrementality {
    std::string kol_id;
    kol_lift lift;                        ///< the headline figures
    customer_incrementality customers;    ///< touched customers against similar ones
    std::vector<code_usage> codes;        ///< the KOL's promo codes
    incremental_estimate customer_orders; ///< customers plus the codes' post-only buyers
    incremental_estimate customer_gross;
    incremental_estimate customer_net;

    [[nodiscard]] const incremental_estimate& orders() const noexcept { return lift.orders; }
    [[nodiscard]] const incremental_estimate& revenue(revenue_basis basis) const noexcept {
        return basis == revenue_basis::net ? lift.net : lift.gross;
    }

    [[nodiscard]] std::size_t code_uses() const noexcept {
        std::size_t uses = 0;
        for (const auto& code : codes) {
            uses += code.uses;
        }
        return uses;
    }

    [[nodiscard]] double leaked_uses() const noexcept {
        double uses = 0;
        for (const auto& code : codes) {
            uses += code.leaked_uses;
        }
        return uses;
    }

    /// leaked_uses / code_uses; empty without code uses.
    [[nodiscard]] std::optional<double> leaked_share() const noexcept {
        const std::size_t uses = code_uses();
        return uses == 0 ? std::nullopt
                         : std::optional<double>(leaked_uses() / static_cast<double>(uses));
    }
};

struct store_incrementality {
    std::vector<kol_incrementality> kols; ///< in the order of the KOL list
    segment_series series;                ///< what the lifts were measured on
    std::vector<customer_stratum> strata;
    std::size_t control_occasions = 0;
    diagnostics notes; ///< of the series, the customer baseline and the codes

    [[nodiscard]] const kol_incrementality* find(std::string_view kol_id) const {
        for (const auto& kol : kols) {
            if (kol.kol_id == kol_id) {
                return &kol;
            }
        }
        return nullptr;
    }
};

namespace detail {

/// The sum of a customer-level estimate and post-only code buyers, whose errors are taken to be
/// independent; normal, like both parts.
inline incremental_estimate add_estimates(const incremental_estimate& a,
                                          const incremental_estimate& b, double level) {
    incremental_estimate sum;
    sum.actual = a.actual + b.actual;
    sum.counterfactual = a.counterfactual + b.counterfactual;
    sum.incremental = a.incremental + b.incremental;
    if (a.standard_error && b.standard_error) {
        sum.set_interval(*a.standard_error * *a.standard_error +
                             *b.standard_error * *b.standard_error,
                         std::numeric_limits<double>::infinity(), level);
    } else {
        sum.no_interval_reason = a.standard_error ? b.no_interval_reason : a.no_interval_reason;
    }
    return sum;
}

inline void add_customer_level(kol_incrementality& kol, double level) {
    kol.customer_orders = kol.customers.orders;
    kol.customer_gross = kol.customers.gross;
    kol.customer_net = kol.customers.net;
    for (const auto& code : kol.codes) {
        if (!code.leak_measured) {
            continue; // its uses without a touch all count as leaked: nothing to add
        }
        kol.customer_orders = add_estimates(kol.customer_orders, code.post_only_orders, level);
        kol.customer_gross = add_estimates(kol.customer_gross, code.post_only_gross, level);
        kol.customer_net = add_estimates(kol.customer_net, code.post_only_net, level);
    }
}

} // namespace detail

/// Every KOL of `kols` measured by the three methods (see the top of this header). `segments`
/// gives each order's market and product (read_order_segments on the orders export); `reach`
/// each KOL's markets, products and post times (read_kol_reach on the KOL list). Throws what
/// the three methods throw.
[[nodiscard]] inline store_incrementality
estimate_incrementality(std::span<const order> orders, std::span<const touchpoint> touches,
                        const order_segments& segments, const kol_reach_list& reach,
                        const kol_registry& kols, const exchange_rates& rates,
                        const incrementality_options& options = {}) {
    store_incrementality result;
    segment_series_options series_options;
    series_options.by = options.segments;
    result.series = daily_segment_series(orders, segments, rates, series_options);
    result.notes.merge(result.series.notes);

    // The lift of every KOL of the list, with or without a row in the reach columns.
    kol_reach_list listed;
    listed.source = reach.source;
    listed.has_posts = reach.has_posts;
    for (const auto& profile : kols.profiles()) {
        const kol_reach* found = reach.find(profile.id);
        listed.kols.push_back(found ? *found : kol_reach{profile.id, {}, {}, {}});
    }
    std::vector<kol_lift> lifts = estimate_kol_lifts(result.series, listed, options.lift);

    const customer_baseline_result customers =
        estimate_customer_baselines(orders, touches, rates, options.customers);
    result.strata = customers.strata;
    result.control_occasions = customers.control_occasions;
    result.notes.merge(customers.notes);
    code_leakage_report codes =
        measure_code_leakage(orders, touches, kols, rates, &listed, options.codes);
    result.notes.merge(codes.notes);

    for (std::size_t k = 0; k < lifts.size(); ++k) {
        kol_incrementality kol;
        kol.kol_id = lifts[k].kol_id;
        kol.lift = std::move(lifts[k]);
        if (const customer_incrementality* found = customers.find(kol.kol_id)) {
            kol.customers = *found;
        } else {
            kol.customers.kol_id = kol.kol_id;
            for (auto* estimate :
                 {&kol.customers.orders, &kol.customers.gross, &kol.customers.net}) {
                estimate->set_interval(0.0, std::numeric_limits<double>::infinity(),
                                       options.customers.level);
            }
        }
        for (const auto& code : codes.codes) {
            if (code.kol_id == kol.kol_id) {
                kol.codes.push_back(code);
            }
        }
        detail::add_customer_level(kol, options.customers.level);
        result.kols.push_back(std::move(kol));
    }
    return result;
}

} // namespace kolroi
