// kolroi/incrementality/customer_baseline.hpp: customer by customer, what the customers a KOL's
// links brought bought beyond what similar customers bought without the touch.
//
// In the potential outcomes framework (Rubin 1974) each touched customer has two outcomes, the
// orders after the touch, which are seen, and the orders the customer would have placed without
// it, which are not; the second is estimated from untouched customers who were alike at the time
// (exact stratification on coarsened covariates, the coarsened exact matching of Iacus, King and
// Porro 2012).
//
// Exposures. Each touch of KOL k's links starts an exposure of its customer at the touch time e,
// unless it falls within the outcome window of the customer's previous exposure to k. The outcome
// Y of an exposure is the customer's orders (count, gross, net) placed in [e, e + W], W the
// outcome window, in the reporting currency.
// Strata, from what was known strictly before e:
//   prior orders      0, 1, 2 or more
//   recency           days since the last order: none, up to 30, 31 to 90, more than 90
//   organic visits    visits that were no KOL's in [e - V, e): 0, 1, 2 or more
// and "first contact": a customer with no order and no visit before e.
// Controls. At reference times r = start + j * step (j = 1, 2, ...; r + W within the data), every
// customer the store had seen before r (an order or a visit) who had no KOL touch in
// [r - W, r + W] is a control occasion in its stratum at r, with outcome its orders in [r, r + W].
// The baseline of stratum s is the controls' mean outcome mu_s (m_s occasions, variance v_s).
// Estimate, for KOL k with exposures i in strata s(i) and f_i the share of the window inside the
// data:
//   counterfactual  C = sum_i f_i mu_s(i)
//   incremental     I = sum_i Y_i - C
//   Var(I)          = sum_s [ F_s v_s + F_s^2 v_s / m_s ],   F_s = sum of f_i over s
// (each exposure's own outcome without the touch, as noisy as its stratum's controls, plus the
// error of the stratum mean); the interval is normal. Exposures whose stratum has no control
// occasion are left out of both sums and counted as unmatched (CEM prunes them the same way).
//
// Assumptions, and where they fail (docs/incrementality.md): within a stratum, whether a customer
// was touched is unrelated to what the customer would have bought (no unmeasured confounding);
// a first-contact customer would not have bought in the window without the touch (a baseline of
// zero: strangers who never visit leave no record to compare with); a touch that is itself
// caused by the intent to buy (a fan who clicks on the way to a planned order) breaks the first
// assumption, and only an experiment or the post lift (kol_lift.hpp) can see through it. Control
// occasions of one customer are taken as independent; with step >= W their windows do not
// overlap.
#pragma once

#include "kolroi/core/diagnostics.hpp"
#include "kolroi/core/error.hpp"
#include "kolroi/core/timestamp.hpp"
#include "kolroi/incrementality/incremental_estimate.hpp"
#include "kolroi/roi/exchange_rates.hpp"
#include "kolroi/tracking/orders.hpp"
#include "kolroi/tracking/touchpoints.hpp"

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <limits>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace kolroi {

struct customer_baseline_options {
    timestamp outcome_window = 14 * seconds_per_day; ///< W: orders counted after an exposure
    timestamp visit_window = 14 * seconds_per_day;   ///< V: organic visits counted before it
    timestamp control_step = 14 * seconds_per_day;   ///< between reference times of controls
    double level = 0.90;                             ///< of every interval
};

/// One stratum: how many exposures and control occasions fell in it, and its baseline.
struct customer_stratum {
    std::string name; ///< "first contact", or "orders 1, last 31-90 days, visits 0"
    std::size_t exposures = 0;
    std::size_t controls = 0;
    double baseline_orders = 0; ///< mean orders of a control occasion (0 for first contact)
};

struct customer_incrementality {
    std::string kol_id;
    std::size_t customers = 0;     ///< distinct customers exposed
    std::size_t exposures = 0;     ///< matched exposures, first contacts included
    std::size_t first_contact = 0; ///< exposures of customers the store had not seen before
    std::size_t unmatched = 0;     ///< exposures left out: no control in their stratum
    incremental_estimate orders;
    incremental_estimate gross;
    incremental_estimate net;

    /// counterfactual / actual orders: the share of the exposed customers' orders that similar
    /// untouched customers placed anyway; empty without orders.
    [[nodiscard]] std::optional<double> baseline_share() const {
        if (!(orders.actual > 0)) {
            return std::nullopt;
        }
        return orders.counterfactual / orders.actual;
    }
};

struct customer_baseline_result {
    std::vector<customer_incrementality> kols; ///< every KOL with a touch, by id
    std::vector<customer_stratum> strata;      ///< every stratum with an exposure or a control
    std::size_t control_occasions = 0;
    diagnostics notes;

    [[nodiscard]] const customer_incrementality* find(std::string_view kol_id) const {
        for (const auto& kol : kols) {
            if (kol.kol_id == kol_id) {
                return &kol;
            }
        }
        return nullptr;
    }
};

namespace detail::baseline {

/// An order of one customer, in the reporting currency.
struct purchase {
    timestamp time = 0;
    double gross = 0;
    double net = 0;
};

/// What the store knows of one customer, each list in time order.
struct customer_record {
    std::vector<purchase> purchases;
    std::vector<timestamp> organic; ///< visits that were no KOL's
    std::vector<timestamp> kol;     ///< touches of any KOL
    timestamp first_seen = std::numeric_limits<timestamp>::max();
};

inline constexpr std::size_t first_contact_stratum = 0;
inline constexpr std::size_t stratum_count = 1 + 3 * 4 * 3;

inline std::string stratum_name(std::size_t s) {
    if (s == first_contact_stratum) {
        return "first contact";
    }
    static constexpr std::array<const char*, 3> orders = {"0", "1", "2+"};
    static constexpr std::array<const char*, 4> recency = {"none", "0-30 days", "31-90 days",
                                                           "91+ days"};
    static constexpr std::array<const char*, 3> visits = {"0", "1", "2+"};
    const std::size_t k = s - 1;
    return std::string("orders ") + orders[k / 12] + ", last " + recency[k / 3 % 4] + ", visits " +
           visits[k % 3];
}

/// Counts of `times` in [from, to), the list being sorted.
inline std::size_t count_in(const std::vector<timestamp>& times, timestamp from, timestamp to) {
    return static_cast<std::size_t>(std::lower_bound(times.begin(), times.end(), to) -
                                    std::lower_bound(times.begin(), times.end(), from));
}

inline std::size_t stratum_at(const customer_record& c, timestamp t,
                              const customer_baseline_options& options) {
    if (!(c.first_seen < t)) {
        return first_contact_stratum;
    }
    const auto before = std::lower_bound(c.purchases.begin(), c.purchases.end(), t,
                                         [](const purchase& p, timestamp x) { return p.time < x; });
    const auto prior = static_cast<std::size_t>(before - c.purchases.begin());
    std::size_t recency = 0;
    if (prior > 0) {
        const timestamp days = (t - std::prev(before)->time) / seconds_per_day;
        recency = days <= 30 ? 1 : days <= 90 ? 2 : 3;
    }
    const std::size_t visits = count_in(c.organic, t - options.visit_window, t);
    return 1 + std::min<std::size_t>(prior, 2) * 12 + recency * 3 +
           std::min<std::size_t>(visits, 2);
}

/// Orders, gross and net of a customer in [from, to].
inline std::array<double, 3> outcome(const customer_record& c, timestamp from, timestamp to) {
    std::array<double, 3> sums{0, 0, 0};
    auto at = std::lower_bound(c.purchases.begin(), c.purchases.end(), from,
                               [](const purchase& p, timestamp x) { return p.time < x; });
    for (; at != c.purchases.end() && at->time <= to; ++at) {
        sums[0] += 1;
        sums[1] += at->gross;
        sums[2] += at->net;
    }
    return sums;
}

/// Sums of outcomes and their squares per stratum and measure.
struct stratum_sums {
    double count = 0;  ///< occasions (controls) or exposures
    double weight = 0; ///< sum of f_i (exposures); equal to count for controls
    std::array<double, 3> sum{0, 0, 0};
    std::array<double, 3> squares{0, 0, 0};

    void add(const std::array<double, 3>& y, double f = 1.0) {
        count += 1;
        weight += f;
        for (std::size_t m = 0; m < 3; ++m) {
            sum[m] += y[m];
            squares[m] += y[m] * y[m];
        }
    }
    [[nodiscard]] double mean(std::size_t m) const { return sum[m] / count; }
    [[nodiscard]] double variance(std::size_t m) const {
        if (count < 2) {
            return 0.0;
        }
        const double centred = squares[m] - sum[m] * sum[m] / count;
        return std::max(0.0, centred / (count - 1));
    }
};

struct store_records {
    std::vector<customer_record> customers;
    std::map<std::string, std::map<std::uint32_t, std::vector<timestamp>>> kol_touches;
    timestamp start = 0; ///< the first order
    timestamp end = 0;   ///< the last order
};

inline store_records gather(std::span<const order> orders, std::span<const touchpoint> touches,
                            const exchange_rates& rates, diagnostics& notes) {
    store_records store;
    std::unordered_map<std::string_view, std::uint32_t> index;
    const auto customer = [&](std::string_view id) {
        const auto [at, added] = index.emplace(id, static_cast<std::uint32_t>(index.size()));
        if (added) {
            store.customers.emplace_back();
        }
        return at->second;
    };

    bool any = false;
    for (const order& row : orders) {
        if (!rates.has_rate(row.currency)) {
            notes.add("currency without rate", "estimate_customer_baselines: order '" + row.id +
                                                   "' is in '" + row.currency +
                                                   "', which has no rate");
            continue;
        }
        auto& c = store.customers[customer(row.customer_id)];
        c.purchases.push_back({row.time, rates.convert(row.revenue, row.currency),
                               rates.convert(row.net_revenue(), row.currency)});
        c.first_seen = std::min(c.first_seen, row.time);
        store.start = any ? std::min(store.start, row.time) : row.time;
        store.end = any ? std::max(store.end, row.time) : row.time;
        any = true;
    }
    for (const touchpoint& touch : touches) {
        const std::uint32_t id = customer(touch.customer_id);
        auto& c = store.customers[id];
        (touch.kol_id.empty() ? c.organic : c.kol).push_back(touch.time);
        c.first_seen = std::min(c.first_seen, touch.time);
        if (!touch.kol_id.empty()) {
            store.kol_touches[touch.kol_id][id].push_back(touch.time);
        }
    }
    for (auto& c : store.customers) {
        std::sort(c.purchases.begin(), c.purchases.end(),
                  [](const purchase& a, const purchase& b) { return a.time < b.time; });
        std::sort(c.organic.begin(), c.organic.end());
        std::sort(c.kol.begin(), c.kol.end());
    }
    for (auto& [kol, by_customer] : store.kol_touches) {
        for (auto& [id, times] : by_customer) {
            std::sort(times.begin(), times.end());
        }
    }
    return store;
}

/// Control occasions per stratum, at reference times `step` apart.
inline std::vector<stratum_sums> control_sums(const store_records& store,
                                              const customer_baseline_options& options,
                                              std::size_t& occasions) {
    std::vector<stratum_sums> sums(stratum_count);
    const timestamp w = options.outcome_window;
    for (timestamp r = store.start + options.control_step; r + w <= store.end;
         r += options.control_step) {
        for (const auto& c : store.customers) {
            if (!(c.first_seen < r) || count_in(c.kol, r - w, r + w + 1) > 0) {
                continue;
            }
            sums[stratum_at(c, r, options)].add(outcome(c, r, r + w));
            ++occasions;
        }
    }
    return sums;
}

inline void check_options(const customer_baseline_options& options) {
    if (options.outcome_window <= 0 || options.visit_window < 0 || options.control_step <= 0 ||
        !(options.level > 0.0 && options.level < 1.0)) {
        throw error(
            error_kind::invalid_argument,
            "estimate_customer_baselines: the outcome window (" +
                std::to_string(options.outcome_window) + " s) and control step (" +
                std::to_string(options.control_step) + " s) must be positive, the visit window (" +
                std::to_string(options.visit_window) +
                " s) not negative and level in (0, 1), got level " + std::to_string(options.level));
    }
}

/// One KOL's exposures summed per stratum, and its estimate against the controls.
inline customer_incrementality
estimate_kol(const std::string& kol_id,
             const std::map<std::uint32_t, std::vector<timestamp>>& touched,
             const store_records& store, const std::vector<stratum_sums>& controls,
             const customer_baseline_options& options, std::vector<customer_stratum>& strata,
             diagnostics& notes) {
    customer_incrementality result;
    result.kol_id = kol_id;
    result.customers = touched.size();
    std::vector<stratum_sums> exposed(stratum_count);
    const timestamp w = options.outcome_window;
    for (const auto& [id, times] : touched) {
        const customer_record& c = store.customers[id];
        timestamp window_end = std::numeric_limits<timestamp>::min();
        for (const timestamp e : times) {
            if (e <= window_end) {
                continue; // within the previous exposure's window
            }
            window_end = e + w;
            if (e > store.end) {
                notes.add("exposure after the data", "estimate_customer_baselines: a touch of " +
                                                         kol_id + " comes after the last order");
                continue;
            }
            const double f =
                std::min(1.0, static_cast<double>(store.end - e) / static_cast<double>(w));
            exposed[stratum_at(c, e, options)].add(outcome(c, e, e + w), f);
        }
    }

    std::array<double, 3> variance{0, 0, 0};
    std::array<incremental_estimate*, 3> measures = {&result.orders, &result.gross, &result.net};
    for (std::size_t s = 0; s < stratum_count; ++s) {
        const stratum_sums& x = exposed[s];
        if (x.count == 0) {
            continue;
        }
        strata[s].exposures += static_cast<std::size_t>(x.count);
        const stratum_sums& y = controls[s];
        if (s != first_contact_stratum && y.count == 0) {
            result.unmatched += static_cast<std::size_t>(x.count);
            continue;
        }
        result.exposures += static_cast<std::size_t>(x.count);
        result.first_contact += s == first_contact_stratum ? static_cast<std::size_t>(x.count) : 0;
        for (std::size_t m = 0; m < 3; ++m) {
            measures[m]->actual += x.sum[m];
            if (s == first_contact_stratum) {
                continue; // a baseline of zero, by assumption
            }
            measures[m]->counterfactual += x.weight * y.mean(m);
            variance[m] += x.weight * y.variance(m) + x.weight * x.weight * y.variance(m) / y.count;
        }
    }
    if (result.unmatched > 0) {
        notes.add("unmatched exposures",
                  "estimate_customer_baselines: " + std::to_string(result.unmatched) +
                      " exposures of " + kol_id + " have no similar untouched customer");
    }
    for (std::size_t m = 0; m < 3; ++m) {
        measures[m]->incremental = measures[m]->actual - measures[m]->counterfactual;
        measures[m]->set_interval(variance[m], std::numeric_limits<double>::infinity(),
                                  options.level);
    }
    return result;
}

} // namespace detail::baseline

/// The customer-level incrementality of every KOL that has a touch in `touches` (the method at
/// the top of this header), by KOL id. Orders whose currency has no rate are left out and noted.
/// Throws invalid_argument when a window or the step is not positive or level is outside (0, 1).
[[nodiscard]] inline customer_baseline_result
estimate_customer_baselines(std::span<const order> orders, std::span<const touchpoint> touches,
                            const exchange_rates& rates,
                            const customer_baseline_options& options = {}) {
    namespace steps = detail::baseline;
    steps::check_options(options);
    customer_baseline_result result;
    const steps::store_records store = steps::gather(orders, touches, rates, result.notes);
    const std::vector<steps::stratum_sums> controls =
        steps::control_sums(store, options, result.control_occasions);

    std::vector<customer_stratum> strata(steps::stratum_count);
    for (std::size_t s = 0; s < strata.size(); ++s) {
        strata[s].name = steps::stratum_name(s);
        strata[s].controls = static_cast<std::size_t>(controls[s].count);
        strata[s].baseline_orders = controls[s].count > 0 ? controls[s].mean(0) : 0.0;
    }
    for (const auto& [kol_id, touched] : store.kol_touches) {
        result.kols.push_back(
            steps::estimate_kol(kol_id, touched, store, controls, options, strata, result.notes));
    }
    for (auto& stratum : strata) {
        if (stratum.exposures > 0 || stratum.controls > 0) {
            result.strata.push_back(std::move(stratum));
        }
    }
    return result;
}

} // namespace kolroi
