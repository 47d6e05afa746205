// kolroi/incrementality/kol_lift.hpp: each KOL's lift in orders, gross and net revenue, summed
// over the KOL's posts, in the segments the KOL reaches.
//
// For each post of each KOL (kol_reach.hpp), on the daily series of the store's segments
// (segment_series.hpp):
//   treated   the segments the KOL reaches: market in the KOL's markets and product in its
//             products (an empty list is every one); each is a treated series of the post;
//   window    window_days days from the post's UTC day, cut at the end of the data (noted);
//   fit days  up to pre_days days before the window, leaving out every day on which any post
//             (this KOL's or another's) that reaches one of the treated segments was in its
//             window, so that the counterfactual is fitted on days no post touched;
//   control   the sum of the segments no post reached from the first fit day to the end of the
//             window (one series: a free regression on many segments over a few weeks of days
//             would fit noise); with none, the counterfactual is the fit days' mean.
// post_lift.hpp fits and gives the lift of the post. A KOL's lift is the sum over its posts of
// the lift of the treated segments together, with Var = sum of the posts' variances (windows of
// one KOL do not overlap unless its posts are closer than window_days; their fits may share
// days, and this ignores that) and degrees of freedom by Welch and Satterthwaite,
//   df = (sum v_p)^2 / sum (v_p^2 / df_p),
// the usual approximation for a sum of independent variance estimates (Satterthwaite 1946).
//
// When the orders carry no segment (neither a market nor a product column), every KOL reaches
// the one segment "(all)", the store, and there is no control. When two KOLs' posts reach a
// segment in windows that overlap, each post's lift holds the other's effect too; this is noted
// ("overlapping posts") and not split.
#pragma once

#include "kolroi/core/diagnostics.hpp"
#include "kolroi/core/error.hpp"
#include "kolroi/core/timestamp.hpp"
#include "kolroi/incrementality/incremental_estimate.hpp"
#include "kolroi/incrementality/kol_reach.hpp"
#include "kolroi/incrementality/order_segments.hpp"
#include "kolroi/incrementality/post_lift.hpp"
#include "kolroi/incrementality/segment_series.hpp"
#include "kolroi/io/iso8601.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace kolroi {

struct kol_lift_options {
    std::size_t window_days = 14; ///< days of each post's window, from the post's day
    std::size_t pre_days = 56;    ///< the fit looks back at most this many days
    double level = 0.90;          ///< of every interval
};

/// One post of a KOL, measured in orders, gross and net revenue.
struct kol_post_lift {
    timestamp time = 0;
    std::size_t window_start = 0; ///< day of the segment series
    std::size_t window_days = 0;
    std::vector<std::string> controls; ///< the segments summed into the control series
    post_lift orders;
    post_lift gross;
    post_lift net;
};

struct kol_lift {
    std::string kol_id;
    std::vector<std::string> segments; ///< the treated segments
    std::vector<kol_post_lift> posts;  ///< the posts that could be measured, in time order
    incremental_estimate orders;       ///< summed over the posts
    incremental_estimate gross;
    incremental_estimate net;
    diagnostics notes; ///< posts skipped or cut, overlaps, the fits' own notes
};

namespace detail::kol_lifts {

inline bool in_list(const std::vector<std::string>& list, const std::string& value) {
    return list.empty() || value.empty() ||
           std::find(list.begin(), list.end(), value) != list.end();
}

/// The segments a KOL reaches; "(all)" only when it is the one segment there is.
inline std::vector<std::size_t> reached_segments(const segment_series& series,
                                                 const kol_reach& kol) {
    std::vector<std::size_t> reached;
    const bool store_only = series.segments.size() == 1;
    for (std::size_t s = 0; s < series.segments.size(); ++s) {
        if (series.segments[s] == whole_store_segment && !store_only) {
            continue;
        }
        if (in_list(kol.markets, series.keys[s].market) &&
            in_list(kol.products, series.keys[s].product)) {
            reached.push_back(s);
        }
    }
    return reached;
}

/// A post's days on the series and the segments it reaches.
struct placed_post {
    std::size_t kol = 0;   ///< into the reach list
    std::size_t start = 0; ///< first day of the window
    std::size_t end = 0;   ///< one past its last day
    timestamp time = 0;
    std::vector<std::size_t> segments;
};

inline bool shares_segment(const placed_post& post, const std::vector<std::size_t>& segments) {
    return std::any_of(post.segments.begin(), post.segments.end(), [&](std::size_t s) {
        return std::find(segments.begin(), segments.end(), s) != segments.end();
    });
}

/// Every post on the series' days, windows cut at the series' end; the others are noted.
inline std::vector<placed_post> place_posts(const segment_series& series,
                                            const kol_reach_list& reach,
                                            const kol_lift_options& options,
                                            std::vector<diagnostics>& notes) {
    std::vector<placed_post> placed;
    for (std::size_t k = 0; k < reach.kols.size(); ++k) {
        const auto segments = reached_segments(series, reach.kols[k]);
        std::vector<timestamp> times = reach.kols[k].posts;
        std::sort(times.begin(), times.end());
        for (const timestamp time : times) {
            const auto day = series.day_of(time);
            if (!day) {
                notes[k].add("post outside the data", "estimate_kol_lifts: the post at " +
                                                          format_iso8601(time) +
                                                          " is outside the days of the orders");
                continue;
            }
            const std::size_t end = std::min(series.days, *day + options.window_days);
            if (end - *day < options.window_days) {
                notes[k].add("window cut at the end of the data",
                             "estimate_kol_lifts: the post at " + format_iso8601(time) + " has " +
                                 std::to_string(end - *day) + " of " +
                                 std::to_string(options.window_days) + " window days");
            }
            placed.push_back({k, *day, end, time, segments});
        }
    }
    return placed;
}

/// Days that any other post reaching one of `segments` had in its window.
inline std::vector<std::size_t> busy_days(const std::vector<placed_post>& posts,
                                          const placed_post& self) {
    std::set<std::size_t> days;
    for (const auto& other : posts) {
        if (&other == &self || !shares_segment(other, self.segments)) {
            continue;
        }
        for (std::size_t d = other.start; d < other.end; ++d) {
            days.insert(d);
        }
    }
    return {days.begin(), days.end()};
}

/// Segments that no post reached from `first` to `end`, other than the treated ones.
inline std::vector<std::size_t> quiet_segments(const segment_series& series,
                                               const std::vector<placed_post>& posts,
                                               const placed_post& self, std::size_t first) {
    std::vector<std::size_t> quiet;
    for (std::size_t s = 0; s < series.segments.size(); ++s) {
        if (series.segments[s] == whole_store_segment ||
            std::find(self.segments.begin(), self.segments.end(), s) != self.segments.end()) {
            continue;
        }
        const bool touched = std::any_of(posts.begin(), posts.end(), [&](const placed_post& p) {
            return p.start < self.end && first < p.end &&
                   std::find(p.segments.begin(), p.segments.end(), s) != p.segments.end();
        });
        if (!touched) {
            quiet.push_back(s);
        }
    }
    return quiet;
}

/// The post's lift on one measure (orders, gross or net) of the series.
inline post_lift measure(const std::vector<daily_series>& measure_series, const placed_post& post,
                         const std::vector<std::size_t>& controls,
                         const std::vector<std::size_t>& excluded, const kol_lift_options& options,
                         const std::string& label) {
    std::vector<daily_series> local;
    lift_design design;
    design.label = label;
    for (const std::size_t s : post.segments) {
        design.treated.push_back(local.size());
        local.push_back(measure_series[s]);
    }
    if (!controls.empty()) {
        daily_series control{"(controls)",
                             std::vector<double>(measure_series.front().values.size())};
        for (const std::size_t s : controls) {
            for (std::size_t d = 0; d < control.values.size(); ++d) {
                control.values[d] += measure_series[s].values[d];
            }
        }
        design.controls.push_back(local.size());
        local.push_back(std::move(control));
    }
    design.window_start = post.start;
    design.window_days = post.end - post.start;
    design.pre_days = options.pre_days;
    design.excluded_days = excluded;
    return estimate_post_lift(local, design, lift_options{options.level});
}

/// Adds one post's total lift into a KOL's sum; `variances` collects (v_p, df_p).
inline void add_post(incremental_estimate& sum, const lift_estimate& post,
                     std::vector<std::pair<double, double>>& variances) {
    sum.actual += post.actual;
    sum.counterfactual += post.counterfactual;
    sum.incremental += post.lift;
    if (!post.standard_error) {
        sum.no_interval_reason = post.no_interval_reason;
        return;
    }
    variances.emplace_back(*post.standard_error * *post.standard_error, post.degrees_of_freedom);
}

inline void close_sum(incremental_estimate& sum,
                      const std::vector<std::pair<double, double>>& variances, std::size_t posts,
                      double level) {
    if (posts == 0) {
        sum.no_interval_reason = "no post could be measured";
        return;
    }
    if (!sum.no_interval_reason.empty() || variances.size() != posts) {
        return;
    }
    double total = 0;
    double spread = 0;
    for (const auto& [v, df] : variances) {
        total += v;
        spread += v * v / df;
    }
    // Every post fitted exactly leaves no spread to weigh: any post's df will do.
    const double df = spread > 0 ? total * total / spread : variances.front().second;
    sum.set_interval(total, df, level);
}

inline void note_overlaps(const std::vector<placed_post>& posts, const kol_reach_list& reach,
                          std::vector<diagnostics>& notes) {
    for (const auto& a : posts) {
        for (const auto& b : posts) {
            if (a.kol != b.kol && a.start < b.end && b.start < a.end &&
                shares_segment(a, b.segments)) {
                notes[a.kol].add("overlapping posts",
                                 "estimate_kol_lifts: the post at " + format_iso8601(a.time) +
                                     " shares segments and days with " + reach.kols[b.kol].kol_id +
                                     "'s post at " + format_iso8601(b.time) +
                                     "; each lift holds both effects");
            }
        }
    }
}

} // namespace detail::kol_lifts

/// The lift of every KOL of `reach` over its posts (the rules at the top of this header), in the
/// order of the list. A KOL without posts, or whose posts all fall outside the series, has sums
/// of zero without intervals, and a note. Throws what estimate_post_lift throws, and
/// invalid_argument when window_days is 0 or level is outside (0, 1).
[[nodiscard]] inline std::vector<kol_lift>
estimate_kol_lifts(const segment_series& series, const kol_reach_list& reach,
                   const kol_lift_options& options = {}) {
    namespace steps = detail::kol_lifts;
    if (options.window_days == 0 || !(options.level > 0.0 && options.level < 1.0)) {
        throw error(error_kind::invalid_argument,
                    "estimate_kol_lifts: window_days must be positive and level in (0, 1), got " +
                        std::to_string(options.window_days) + " and " +
                        std::to_string(options.level));
    }
    std::vector<diagnostics> notes(reach.kols.size());
    const std::vector<steps::placed_post> posts =
        series.days == 0 ? std::vector<steps::placed_post>{}
                         : steps::place_posts(series, reach, options, notes);
    steps::note_overlaps(posts, reach, notes);

    std::vector<kol_lift> lifts(reach.kols.size());
    std::vector<std::vector<std::pair<double, double>>> variances(reach.kols.size() * 3);
    for (std::size_t k = 0; k < reach.kols.size(); ++k) {
        lifts[k].kol_id = reach.kols[k].kol_id;
        for (const std::size_t s : steps::reached_segments(series, reach.kols[k])) {
            lifts[k].segments.push_back(series.segments[s]);
        }
        if (reach.kols[k].posts.empty()) {
            notes[k].add("no posts", "estimate_kol_lifts: KOL '" + reach.kols[k].kol_id +
                                         "' has no post times in the KOL list");
        }
    }

    for (const auto& post : posts) {
        kol_lift& kol = lifts[post.kol];
        const std::size_t first = post.start > options.pre_days ? post.start - options.pre_days : 0;
        const std::vector<std::size_t> controls = steps::quiet_segments(series, posts, post, first);
        const std::vector<std::size_t> excluded = steps::busy_days(posts, post);
        const std::string label = kol.kol_id + " " + format_iso8601(post.time);

        kol_post_lift measured;
        measured.time = post.time;
        measured.window_start = post.start;
        measured.window_days = post.end - post.start;
        for (const std::size_t s : controls) {
            measured.controls.push_back(series.segments[s]);
        }
        measured.orders = steps::measure(series.orders, post, controls, excluded, options, label);
        measured.gross = steps::measure(series.gross, post, controls, excluded, options, label);
        measured.net = steps::measure(series.net, post, controls, excluded, options, label);
        notes[post.kol].merge(measured.orders.notes);

        steps::add_post(kol.orders, measured.orders.total, variances[post.kol * 3]);
        steps::add_post(kol.gross, measured.gross.total, variances[post.kol * 3 + 1]);
        steps::add_post(kol.net, measured.net.total, variances[post.kol * 3 + 2]);
        kol.posts.push_back(std::move(measured));
    }

    for (std::size_t k = 0; k < lifts.size(); ++k) {
        const std::size_t measured = lifts[k].posts.size();
        steps::close_sum(lifts[k].orders, variances[k * 3], measured, options.level);
        steps::close_sum(lifts[k].gross, variances[k * 3 + 1], measured, options.level);
        steps::close_sum(lifts[k].net, variances[k * 3 + 2], measured, options.level);
        lifts[k].notes = std::move(notes[k]);
    }
    return lifts;
}

} // namespace kolroi
