// kolroi/prediction/kol_profile.hpp: what the store knows about a creator before a collaboration
// (reach, engagement, market, category, the words of the profile) and the price they quoted.
//
// A `creator_profile` is the input of a prediction: one creator on one platform with the quote
// for one collaboration. (kolroi::kol_profile in kolroi/tracking/kol_registry.hpp is a different
// thing: how the tracker recognises a KOL's links and codes.) A `price_quote` states the price
// in one of four cost models, and `expected_cost` turns it into money for a given GMV:
//
//   flat_fee                 cost = amount
//   cpm                      cost = amount * posts * average_views / 1000
//   commission               cost = commission_rate * GMV
//   flat_fee_and_commission  cost = amount + commission_rate * GMV
//
// so ROAS = GMV / cost is GMV / amount for a flat fee, 1 / rate for a pure commission, and
// increases with GMV in every model (which lets an interval of GMV map to one of ROAS).
// A flat fee pays for all the quote's posts; a CPM quote bills the creator's average views on
// each post, the store's expectation of the impressions it will be billed for.
#pragma once

#include "kolroi/core/error.hpp"
#include "kolroi/core/platform.hpp"
#include "kolroi/io/text.hpp"

#include <array>
#include <cmath>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kolroi {

/// How a quoted price is billed.
enum class cost_model { flat_fee, cpm, commission, flat_fee_and_commission };

inline constexpr std::array<cost_model, 4> all_cost_models = {cost_model::flat_fee, cost_model::cpm,
                                                              cost_model::commission,
                                                              cost_model::flat_fee_and_commission};

/// The name used in files and on the command line: "flat_fee", "cpm", ...
constexpr std::string_view to_string(cost_model model) noexcept {
    switch (model) {
    case cost_model::flat_fee:
        return "flat_fee";
    case cost_model::cpm:
        return "cpm";
    case cost_model::commission:
        return "commission";
    case cost_model::flat_fee_and_commission:
        return "flat_fee_and_commission";
    }
    return "flat_fee";
}

/// The cost model whose name (as `to_string` writes it) is `name`, or nothing.
constexpr std::optional<cost_model> cost_model_from_name(std::string_view name) noexcept {
    for (const cost_model candidate : all_cost_models) {
        if (to_string(candidate) == name) {
            return candidate;
        }
    }
    return std::nullopt;
}

/// A creator's price for one collaboration, in the store's reporting currency.
struct price_quote {
    cost_model model = cost_model::flat_fee;
    double amount = 0;          ///< the flat fee, or the price per 1000 views for `cpm`
    double commission_rate = 0; ///< a fraction of GMV in [0, 1], for the commission models
    double posts = 1;           ///< the posts (videos, stories) the price buys, >= 1
};

/// One creator on one platform, as the store sees them when a quote arrives. Counts are per
/// post; an empty optional or string is unknown, never zero.
struct creator_profile {
    std::string kol_id; ///< the store's id for the creator (the one its KOL list uses)
    kolroi::platform platform = kolroi::platform::other;
    double followers = 0;
    std::optional<double> average_views;   ///< views (or plays) of a typical post
    std::optional<double> engagement_rate; ///< interactions per follower, a fraction (0.034)
    std::string market;                    ///< country or market, such as "US"; empty: unknown
    std::string category;                  ///< content category, such as "beauty"
    price_quote quote;
    std::string bio;                          ///< the profile's self-description, for text features
    std::vector<std::string> recent_captions; ///< captions of recent posts, newest first
};

namespace detail {

inline void check_profile_number(const std::string& who, std::string_view field, double value,
                                 std::string_view rule, bool ok) {
    if (!std::isfinite(value) || !ok) {
        throw error(error_kind::invalid_argument,
                    "validate_profile: creator '" + who + "': " + std::string(field) + " is " +
                        kolroi::format_number(value) + "; " + std::string(rule));
    }
}

} // namespace detail

/// Checks a profile made in code: an id, a platform other than `none`, non-negative finite
/// counts and price, at least one post, a commission rate in [0, 1] and, for a CPM quote, known
/// average views.
/// Throws kolroi::error (invalid_argument) naming the creator, the field and the value.
inline void validate_profile(const creator_profile& profile) {
    if (profile.kol_id.empty()) {
        throw error(error_kind::invalid_argument, "validate_profile: the creator's id is empty");
    }
    const std::string& who = profile.kol_id;
    if (profile.platform == kolroi::platform::none) {
        throw error(error_kind::invalid_argument,
                    "validate_profile: creator '" + who +
                        "' has platform none; a creator posts on a platform (or 'other')");
    }
    const auto non_negative = [&](std::string_view field, double value) {
        detail::check_profile_number(who, field, value, "it must be finite and >= 0", value >= 0);
    };
    non_negative("followers", profile.followers);
    if (profile.average_views) {
        non_negative("average_views", *profile.average_views);
    }
    if (profile.engagement_rate) {
        non_negative("engagement_rate", *profile.engagement_rate);
    }
    non_negative("price", profile.quote.amount);
    detail::check_profile_number(who, "posts", profile.quote.posts,
                                 "a quote buys at least one post", profile.quote.posts >= 1);
    const double rate = profile.quote.commission_rate;
    detail::check_profile_number(who, "commission_rate", rate,
                                 "a commission rate is a fraction of GMV in [0, 1]",
                                 rate >= 0 && rate <= 1);
    if (profile.quote.model == cost_model::cpm && !profile.average_views) {
        throw error(error_kind::invalid_argument,
                    "validate_profile: creator '" + who +
                        "' quotes a CPM price but has no average views to bill it on");
    }
}

/// What the quote costs when the collaboration brings `gmv`; see the header comment. Throws
/// kolroi::error (invalid_argument) for a CPM quote without average views.
inline double expected_cost(const creator_profile& profile, double gmv) {
    const price_quote& quote = profile.quote;
    switch (quote.model) {
    case cost_model::flat_fee:
        return quote.amount;
    case cost_model::cpm:
        if (!profile.average_views) {
            throw error(error_kind::invalid_argument,
                        "expected_cost: creator '" + profile.kol_id +
                            "' quotes a CPM price but has no average views to bill it on");
        }
        return quote.amount * quote.posts * *profile.average_views / 1000.0;
    case cost_model::commission:
        return quote.commission_rate * gmv;
    case cost_model::flat_fee_and_commission:
        return quote.amount + quote.commission_rate * gmv;
    }
    return quote.amount;
}

} // namespace kolroi
