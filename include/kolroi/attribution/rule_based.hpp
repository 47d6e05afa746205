// kolroi/attribution/rule_based.hpp: the rule-based models, chosen by name at run time.
//
// Programs and reports pick models by name ("linear", "time_decay", ...). This header holds the
// one list of rule-based models, builds a policy from a name and its options, and runs it. The
// choice of model is made once per store (std::visit); the attribution loop itself stays a
// template over the concrete policy.
#pragma once

#include "kolroi/attribution/engine.hpp"
#include "kolroi/attribution/first_touch.hpp"
#include "kolroi/attribution/last_non_direct.hpp"
#include "kolroi/attribution/last_touch.hpp"
#include "kolroi/attribution/linear.hpp"
#include "kolroi/attribution/linear_by_channel.hpp"
#include "kolroi/attribution/position_based.hpp"
#include "kolroi/attribution/time_decay.hpp"
#include "kolroi/core/error.hpp"

#include <array>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace kolroi {

using rule_based_policy = std::variant<first_touch, last_touch, last_non_direct, linear,
                                       linear_by_channel, position_based, time_decay>;

/// The names of the rule-based models, in the order reports show them.
inline constexpr std::array<std::string_view, 7> rule_based_model_names = {
    first_touch::name,       last_touch::name,     last_non_direct::name, linear::name,
    linear_by_channel::name, position_based::name, time_decay::name};

/// The options of the rule-based models that have any.
struct rule_based_options {
    std::vector<std::string> direct_channels = {"Direct", "(direct)"};
    double first_weight = 0.4;
    double last_weight = 0.4;
    double half_life_seconds = 7.0 * seconds_per_day;
};

/// The policy called `name`, set up for the channels of `registry`.
[[nodiscard]] inline rule_based_policy
make_rule_based_policy(std::string_view name, const channel_registry& registry,
                       const rule_based_options& options = {}) {
    if (name == first_touch::name) {
        return first_touch{};
    }
    if (name == last_touch::name) {
        return last_touch{};
    }
    if (name == last_non_direct::name) {
        return last_non_direct(registry, options.direct_channels);
    }
    if (name == linear::name) {
        return linear{};
    }
    if (name == linear_by_channel::name) {
        return linear_by_channel{};
    }
    if (name == position_based::name) {
        return position_based(options.first_weight, options.last_weight);
    }
    if (name == time_decay::name) {
        return time_decay(options.half_life_seconds);
    }
    std::string known;
    for (const auto model : rule_based_model_names) {
        known += (known.empty() ? "" : ", ") + std::string(model);
    }
    throw error(error_kind::invalid_argument, "make_rule_based_policy: unknown model '" +
                                                  std::string(name) + "'; the models are " + known);
}

/// The model's name.
[[nodiscard]] inline std::string_view name_of(const rule_based_policy& policy) {
    return std::visit(
        [](const auto& p) { return std::string_view(std::decay_t<decltype(p)>::name); }, policy);
}

/// Whether the model can run on `store` (time decay needs touch timestamps).
[[nodiscard]] inline bool supports(const journey_store& store, const rule_based_policy& policy) {
    return std::visit(
        [&](const auto& p) {
            return !needs_timestamps<std::decay_t<decltype(p)>>() || store.timed() ||
                   store.touch_count() == 0;
        },
        policy);
}

[[nodiscard]] inline credit_table attribute(const journey_store& store,
                                            const rule_based_policy& policy) {
    return std::visit([&](const auto& p) { return attribute(store, p); }, policy);
}

[[nodiscard]] inline std::vector<double> touch_weights(const journey_store& store,
                                                       const rule_based_policy& policy) {
    return std::visit([&](const auto& p) { return touch_weights(store, p); }, policy);
}

} // namespace kolroi
