// kolroi/incrementality/code_leakage.hpp: a KOL's promo codes used by customers who never
// touched the KOL's links, and how many of those uses the KOL's posts cannot explain.
//
// A promo code posted by a KOL spreads: coupon sites and forums copy it, and buyers who never
// saw the KOL enter it at checkout. Every rule-based model then credits the KOL with those
// orders. For each code of each KOL in the registry, over the orders that entered it:
//   uses with a touch     the customer touched the KOL's links at or before the order (at any
//                         time, or within touch_lookback when it is set);
//   uses without a touch  the others: a buyer who only saw a post and typed the code, or a leak.
// The two kinds of uses without a touch are told apart by time, when the KOL's post times are
// known (kol_reach.hpp). A post window is [post, post + post_window]; the active span runs from
// the earlier of the first post and the first use to the last order. Uses without a touch
// outside every window cannot come from a post: they are leaks, at a rate
//   rate = u_out / D_out           (uses per second of the span outside the windows)
// and the same rate is taken to hold inside the windows (D_in seconds), so that
//   expected leaks inside   E = rate * D_in
//   post-only buyers        P = u_in - E,   Var(P) = u_in + (D_in / D_out)^2 u_out
// (Poisson counts; the interval is normal), and the leaked uses are u_out + min(u_in, E), their
// revenue the revenue outside plus the same share of the revenue inside. Without post times, or
// with no time outside the windows, every use without a touch counts as leaked and P is not
// measured (noted). Revenue is in the reporting currency; orders whose currency has no rate are
// left out and noted.
#pragma once

#include "kolroi/core/diagnostics.hpp"
#include "kolroi/core/error.hpp"
#include "kolroi/core/timestamp.hpp"
#include "kolroi/incrementality/incremental_estimate.hpp"
#include "kolroi/incrementality/kol_reach.hpp"
#include "kolroi/roi/exchange_rates.hpp"
#include "kolroi/tracking/detail/text.hpp"
#include "kolroi/tracking/kol_registry.hpp"
#include "kolroi/tracking/orders.hpp"
#include "kolroi/tracking/touchpoints.hpp"

#include <algorithm>
#include <cstddef>
#include <iterator>
#include <limits>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace kolroi {

struct code_leakage_options {
    timestamp post_window = 14 * seconds_per_day; ///< after each post, uses a post can explain
    std::optional<timestamp> touch_lookback;      ///< empty: a touch at any earlier time counts
    double level = 0.90;                          ///< of the post-only buyers' interval
};

/// One promo code of one KOL.
struct code_usage {
    std::string code; ///< as the KOL list writes it
    std::string kol_id;
    std::size_t uses = 0;
    std::size_t uses_with_touch = 0;
    std::size_t uses_without_touch = 0;
    std::size_t without_touch_outside_posts = 0; ///< u_out
    double gross = 0;                            ///< of every use
    double net = 0;
    double gross_without_touch = 0;
    double net_without_touch = 0;
    bool leak_measured = false; ///< post times known and some time outside the windows
    double leaked_uses = 0;     ///< estimated, see the top of this header
    double leaked_gross = 0;
    double leaked_net = 0;
    incremental_estimate post_only_orders; ///< uses without a touch that the posts explain
    incremental_estimate post_only_gross;
    incremental_estimate post_only_net;

    /// uses_without_touch / uses; empty without uses.
    [[nodiscard]] std::optional<double> without_touch_share() const {
        return uses == 0 ? std::nullopt
                         : std::optional<double>(static_cast<double>(uses_without_touch) /
                                                 static_cast<double>(uses));
    }

    /// leaked_uses / uses; empty without uses.
    [[nodiscard]] std::optional<double> leaked_share() const {
        return uses == 0 ? std::nullopt
                         : std::optional<double>(leaked_uses / static_cast<double>(uses));
    }
};

struct code_leakage_report {
    std::vector<code_usage> codes; ///< every KOL code of the registry, in the registry's order
    diagnostics notes;
};

namespace detail::leakage {

/// A use without a touch, kept until the windows are known.
struct untouched_use {
    timestamp time = 0;
    double gross = 0;
    double net = 0;
};

struct code_tally {
    code_usage usage;
    std::vector<untouched_use> untouched;
    timestamp first_use = std::numeric_limits<timestamp>::max();
};

/// Seconds of [from, to] that fall inside at least one window [p, p + w].
inline double covered(std::vector<timestamp> posts, timestamp w, timestamp from, timestamp to) {
    std::sort(posts.begin(), posts.end());
    double seconds = 0;
    timestamp reached = from;
    for (const timestamp p : posts) {
        const timestamp start = std::max(p, reached);
        const timestamp end = std::min(p + w, to);
        if (end > start) {
            seconds += static_cast<double>(end - start);
            reached = end;
        }
    }
    return seconds;
}

inline bool in_window(const std::vector<timestamp>& posts, timestamp w, timestamp t) {
    return std::any_of(posts.begin(), posts.end(),
                       [&](timestamp p) { return p <= t && t <= p + w; });
}

/// The leak estimate of one code from its uses without a touch and the KOL's posts.
inline void estimate_leak(code_tally& tally, const kol_reach* reach, timestamp last_order,
                          const code_leakage_options& options, diagnostics& notes) {
    code_usage& u = tally.usage;
    const std::vector<timestamp> posts = reach ? reach->posts : std::vector<timestamp>{};
    double in_uses = 0;
    double in_gross = 0;
    double in_net = 0;
    for (const auto& use : tally.untouched) {
        if (in_window(posts, options.post_window, use.time)) {
            in_uses += 1;
            in_gross += use.gross;
            in_net += use.net;
        } else {
            ++u.without_touch_outside_posts;
        }
    }
    const double out_uses = static_cast<double>(u.without_touch_outside_posts);

    const timestamp from =
        posts.empty() ? tally.first_use : std::min(tally.first_use, posts.front());
    const double span = static_cast<double>(std::max<timestamp>(0, last_order - from));
    const double inside = covered(posts, options.post_window, from, last_order);
    const double outside = span - inside;
    if (posts.empty() || outside <= 0) {
        notes.add(
            "leak not measured",
            "measure_code_leakage: code " + u.code + " of " + u.kol_id +
                (posts.empty() ? " has no post times" : " has no time outside its post windows") +
                "; every use without a touch counts as leaked");
        u.leaked_uses = static_cast<double>(u.uses_without_touch);
        u.leaked_gross = u.gross_without_touch;
        u.leaked_net = u.net_without_touch;
        return;
    }

    u.leak_measured = true;
    const double expected = out_uses / outside * inside;
    const double leaked_inside = std::min(in_uses, expected);
    const double share_inside = in_uses > 0 ? leaked_inside / in_uses : 0.0;
    u.leaked_uses = out_uses + leaked_inside;
    u.leaked_gross = (u.gross_without_touch - in_gross) + share_inside * in_gross;
    u.leaked_net = (u.net_without_touch - in_net) + share_inside * in_net;

    // Post-only buyers: the uses inside the windows beyond the leak rate, revenue in proportion.
    const double ratio = inside / outside;
    const double variance = in_uses + ratio * ratio * out_uses;
    const double mean_gross = in_uses > 0 ? in_gross / in_uses : 0.0;
    const double mean_net = in_uses > 0 ? in_net / in_uses : 0.0;
    const std::pair<incremental_estimate*, double> measures[] = {
        {&u.post_only_orders, 1.0}, {&u.post_only_gross, mean_gross}, {&u.post_only_net, mean_net}};
    for (const auto& [estimate, scale] : measures) {
        estimate->actual = scale * in_uses;
        estimate->counterfactual = scale * expected;
        estimate->incremental = estimate->actual - estimate->counterfactual;
        estimate->set_interval(scale * scale * variance, std::numeric_limits<double>::infinity(),
                               options.level);
    }
}

/// Per KOL, the times it touched each customer, sorted.
inline std::map<std::string, std::map<std::string, std::vector<timestamp>>, std::less<>>
touches_by_kol(std::span<const touchpoint> touches) {
    std::map<std::string, std::map<std::string, std::vector<timestamp>>, std::less<>> by_kol;
    for (const auto& touch : touches) {
        if (!touch.kol_id.empty()) {
            by_kol[touch.kol_id][touch.customer_id].push_back(touch.time);
        }
    }
    for (auto& [kol, customers] : by_kol) {
        for (auto& [customer, times] : customers) {
            std::sort(times.begin(), times.end());
        }
    }
    return by_kol;
}

} // namespace detail::leakage

/// The use of every KOL promo code in `kols` over `orders` (the rules at the top of this header).
/// `reach`, when given, supplies the KOLs' post times. Throws invalid_argument when post_window
/// or touch_lookback is negative or level is outside (0, 1).
[[nodiscard]] inline code_leakage_report
measure_code_leakage(std::span<const order> orders, std::span<const touchpoint> touches,
                     const kol_registry& kols, const exchange_rates& rates,
                     const kol_reach_list* reach = nullptr,
                     const code_leakage_options& options = {}) {
    namespace steps = detail::leakage;
    if (options.post_window < 0 || (options.touch_lookback && *options.touch_lookback < 0) ||
        !(options.level > 0.0 && options.level < 1.0)) {
        throw error(error_kind::invalid_argument,
                    "measure_code_leakage: the post window (" +
                        std::to_string(options.post_window) +
                        " s) and touch lookback may not be negative and level must be in (0, 1)");
    }
    code_leakage_report report;

    // One tally per code of every KOL, found by the code's normal form.
    std::vector<steps::code_tally> tallies;
    std::map<std::string, std::size_t> by_code;
    for (const auto& profile : kols.profiles()) {
        for (const auto& key : profile.keys) {
            if (key.kind == kol_key_kind::promo_code &&
                by_code.emplace(detail::normalized_key(key.value), tallies.size()).second) {
                tallies.push_back({});
                tallies.back().usage.code = key.value;
                tallies.back().usage.kol_id = profile.id;
            }
        }
    }

    const auto touched = steps::touches_by_kol(touches);
    timestamp last_order = std::numeric_limits<timestamp>::min();
    for (const order& row : orders) {
        last_order = std::max(last_order, row.time);
        for (const auto& code : row.discount_codes) {
            const auto found = by_code.find(detail::normalized_key(code));
            if (found == by_code.end()) {
                continue;
            }
            if (!rates.has_rate(row.currency)) {
                report.notes.add("currency without rate", "measure_code_leakage: order '" + row.id +
                                                              "' is in '" + row.currency +
                                                              "', which has no rate");
                continue;
            }
            steps::code_tally& tally = tallies[found->second];
            code_usage& u = tally.usage;
            const double gross = rates.convert(row.revenue, row.currency);
            const double net = rates.convert(row.net_revenue(), row.currency);
            ++u.uses;
            u.gross += gross;
            u.net += net;
            tally.first_use = std::min(tally.first_use, row.time);

            // A touch of the KOL's links at or before the order, within the lookback if any.
            bool with_touch = false;
            if (const auto kol = touched.find(u.kol_id); kol != touched.end()) {
                if (const auto times = kol->second.find(row.customer_id);
                    times != kol->second.end()) {
                    const auto after =
                        std::upper_bound(times->second.begin(), times->second.end(), row.time);
                    with_touch = after != times->second.begin() &&
                                 (!options.touch_lookback ||
                                  row.time - *std::prev(after) <= *options.touch_lookback);
                }
            }
            if (with_touch) {
                ++u.uses_with_touch;
                continue;
            }
            ++u.uses_without_touch;
            u.gross_without_touch += gross;
            u.net_without_touch += net;
            tally.untouched.push_back({row.time, gross, net});
        }
    }

    for (auto& tally : tallies) {
        if (tally.usage.uses > 0) {
            const kol_reach* posts = reach ? reach->find(tally.usage.kol_id) : nullptr;
            steps::estimate_leak(tally, posts, last_order, options, report.notes);
        }
        for (auto* estimate : {&tally.usage.post_only_orders, &tally.usage.post_only_gross,
                               &tally.usage.post_only_net}) {
            if (!estimate->range) {
                estimate->no_interval_reason = tally.usage.uses == 0
                                                   ? "the code was not used"
                                                   : "the leak rate could not be measured";
            }
        }
        report.codes.push_back(std::move(tally.usage));
    }
    return report;
}

} // namespace kolroi
