// kolroi/tracking/promo_precedence.hpp: how promo codes and links share an order's credit.
//
// A promo code entered at checkout is a touch at order time. A journey builder lists an order's
// candidate touches (links, KOL links, KOL codes, sitewide codes) and asks two pure functions:
// which touch a single-touch model credits, and which touches a multi-touch path holds.
//
// Eligibility: a link touch counts when order_time - lookback_window <= time <= order_time. A code
// touch is at order time by definition (its `time` is not read) and always counts.
//
// Single-touch credit, with the defaults of `promo_precedence`:
//   1. A KOL's own code on the order wins over every link (kol_code_beats_links). With several KOL
//      codes, the rule (last or first) picks among them in the order they are listed.
//   2. Otherwise the rule picks among the eligible links (KOL or not): `last` takes the latest
//      (ties: the one listed later), `first` the earliest (ties: the one listed earlier). So among
//      KOL links the last one inside the window wins a last-touch model.
//   3. A sitewide code (no KOL's) does not take credit from any link (sitewide_code_takes_credit
//      is false); it is credited only when the order has no eligible link and no KOL code.
// Options: kol_code_beats_links = false makes KOL codes ordinary touches at order time;
// sitewide_code_takes_credit = true does the same for sitewide codes; kol_links_beat_other_links
// = true restricts step 2 to KOL links whenever there is one (the affiliate-network convention).
//
// Multi-touch path: every eligible touch in time order (codes last, at order time), except that
// sitewide codes are left out while any other touch is present, unless sitewide_code_takes_credit,
// so that a sitewide code never dilutes a KOL link's share. A KOL's own code stays in the path.
#pragma once

#include "kolroi/core/error.hpp"
#include "kolroi/core/timestamp.hpp"

#include <algorithm>
#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace kolroi {

enum class touch_role {
    link,          ///< a visit that is not a KOL's (search, an ad, direct, a referral)
    kol_link,      ///< a visit resolved to a KOL (touch_resolver.hpp)
    kol_code,      ///< a promo code that belongs to a KOL
    sitewide_code, ///< a promo code that belongs to no KOL
};

struct candidate_touch {
    touch_role role = touch_role::link;
    timestamp time = 0; ///< seconds since the epoch (core/timestamp.hpp); not read for codes
};

enum class single_touch_rule { last, first };

struct promo_precedence {
    bool kol_code_beats_links = true;
    bool sitewide_code_takes_credit = false;
    bool kol_links_beat_other_links = false;
    timestamp lookback_window = 30 * seconds_per_day; ///< in seconds
};

namespace detail {

inline void check_window(const promo_precedence& precedence, const char* caller) {
    if (precedence.lookback_window < 0) {
        throw error(error_kind::invalid_argument, std::string(caller) + ": lookback_window is " +
                                                      std::to_string(precedence.lookback_window) +
                                                      " seconds; it must be >= 0");
    }
}

constexpr bool is_code(touch_role role) noexcept {
    return role == touch_role::kol_code || role == touch_role::sitewide_code;
}

inline timestamp effective_time(const candidate_touch& touch, timestamp order_time) noexcept {
    return is_code(touch.role) ? order_time : touch.time;
}

inline bool is_eligible(const candidate_touch& touch, timestamp order_time,
                        timestamp window) noexcept {
    return is_code(touch.role) || (touch.time <= order_time && touch.time >= order_time - window);
}

/// The pick of `rule` among `pool` (indices into `touches`); ties go by input order.
inline std::optional<std::size_t> pick(std::span<const candidate_touch> touches,
                                       std::vector<std::size_t> pool, timestamp order_time,
                                       single_touch_rule rule) {
    std::sort(pool.begin(), pool.end());
    std::optional<std::size_t> best;
    for (const std::size_t index : pool) {
        if (!best) {
            best = index;
            continue;
        }
        const auto mine = effective_time(touches[index], order_time);
        const auto theirs = effective_time(touches[*best], order_time);
        const bool better = rule == single_touch_rule::last ? mine >= theirs : mine < theirs;
        if (better) {
            best = index;
        }
    }
    return best;
}

} // namespace detail

/// The index of the touch a single-touch model credits, or nothing when no touch is eligible.
inline std::optional<std::size_t> single_touch_credit(std::span<const candidate_touch> touches,
                                                      timestamp order_time, single_touch_rule rule,
                                                      const promo_precedence& precedence = {}) {
    detail::check_window(precedence, "single_touch_credit");
    std::vector<std::size_t> kol_codes;
    std::vector<std::size_t> sitewide_codes;
    std::vector<std::size_t> links;
    std::vector<std::size_t> kol_links;
    for (std::size_t i = 0; i < touches.size(); ++i) {
        if (!detail::is_eligible(touches[i], order_time, precedence.lookback_window)) {
            continue;
        }
        switch (touches[i].role) {
        case touch_role::kol_code:
            kol_codes.push_back(i);
            break;
        case touch_role::sitewide_code:
            sitewide_codes.push_back(i);
            break;
        case touch_role::kol_link:
            kol_links.push_back(i);
            links.push_back(i);
            break;
        case touch_role::link:
            links.push_back(i);
            break;
        }
    }

    // Step 1: a KOL's own code outranks links.
    if (precedence.kol_code_beats_links && !kol_codes.empty()) {
        return detail::pick(touches, kol_codes, order_time, rule);
    }

    // Step 2: the model's rule over the links, with codes joining them where the options say so.
    std::vector<std::size_t> pool =
        precedence.kol_links_beat_other_links && !kol_links.empty() ? kol_links : links;
    if (!precedence.kol_code_beats_links) {
        pool.insert(pool.end(), kol_codes.begin(), kol_codes.end());
    }
    if (precedence.sitewide_code_takes_credit) {
        pool.insert(pool.end(), sitewide_codes.begin(), sitewide_codes.end());
    }
    if (!pool.empty()) {
        return detail::pick(touches, pool, order_time, rule);
    }

    // Step 3: a sitewide code alone still is the order's touch.
    return detail::pick(touches, sitewide_codes, order_time, rule);
}

/// The indices of the touches a multi-touch model sees, in time order (ties keep input order).
inline std::vector<std::size_t> multi_touch_path(std::span<const candidate_touch> touches,
                                                 timestamp order_time,
                                                 const promo_precedence& precedence = {}) {
    detail::check_window(precedence, "multi_touch_path");
    std::vector<std::size_t> path;
    bool has_other = false;
    for (std::size_t i = 0; i < touches.size(); ++i) {
        if (detail::is_eligible(touches[i], order_time, precedence.lookback_window)) {
            path.push_back(i);
            has_other = has_other || touches[i].role != touch_role::sitewide_code;
        }
    }

    // Sitewide codes would take a share from the touches that brought the customer.
    if (has_other && !precedence.sitewide_code_takes_credit) {
        std::erase_if(path,
                      [&](std::size_t i) { return touches[i].role == touch_role::sitewide_code; });
    }

    // Stable insertion by time: journeys are short and mostly sorted already.
    for (std::size_t i = 1; i < path.size(); ++i) {
        const std::size_t moving = path[i];
        const auto when = detail::effective_time(touches[moving], order_time);
        std::size_t j = i;
        while (j > 0 && detail::effective_time(touches[path[j - 1]], order_time) > when) {
            path[j] = path[j - 1];
            --j;
        }
        path[j] = moving;
    }
    return path;
}

} // namespace kolroi
