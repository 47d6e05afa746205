// kolroi/prediction/quote_decision.hpp: what to do with a quote, given its predicted ROAS and
// the prediction interval of that ROAS.
//
// With r the predicted ROAS (expected GMV over expected cost) and [lo, hi] its interval:
//   negotiate  r < negotiate_below (1.0: the quote is predicted to lose money): offer at most
//              the break-even price and aim for the price of the target ROAS
//   priority   r > priority_above (2.0) and lo >= priority_floor (1.0): the quote is predicted
//              to return twice its cost, and even the interval's pessimistic end breaks even
//   consider   everything else, including an r above priority_above whose interval reaches
//              below the floor (a promising but uncertain creator) and a quote whose ROAS is
//              undefined (it costs nothing)
// So only "priority" reads the interval: a wide interval never makes a quote look better.
#pragma once

#include "kolroi/core/error.hpp"
#include "kolroi/io/text.hpp"
#include "kolroi/regression/ols_result.hpp"

#include <cmath>
#include <optional>
#include <string>
#include <string_view>

namespace kolroi {

enum class quote_verdict { negotiate, consider, priority };

constexpr std::string_view to_string(quote_verdict verdict) noexcept {
    switch (verdict) {
    case quote_verdict::negotiate:
        return "negotiate";
    case quote_verdict::consider:
        return "consider";
    case quote_verdict::priority:
        return "priority";
    }
    return "consider";
}

/// The thresholds of the rule in the header comment.
struct decision_rule {
    double negotiate_below = 1.0;
    double priority_above = 2.0;
    double priority_floor = 1.0; ///< the interval's lower ROAS bound a priority must reach

    /// Throws kolroi::error (invalid_argument) unless the thresholds are finite, positive and
    /// negotiate_below <= priority_above.
    void validate() const {
        const auto check = [](std::string_view name, double value) {
            if (!std::isfinite(value) || value <= 0) {
                throw error(error_kind::invalid_argument, "decision_rule: " + std::string(name) +
                                                              " must be finite and > 0, got " +
                                                              kolroi::format_number(value));
            }
        };
        check("negotiate_below", negotiate_below);
        check("priority_above", priority_above);
        check("priority_floor", priority_floor);
        if (negotiate_below > priority_above) {
            throw error(error_kind::invalid_argument,
                        "decision_rule: negotiate_below " + kolroi::format_number(negotiate_below) +
                            " is above priority_above " + kolroi::format_number(priority_above));
        }
    }
};

struct quote_decision {
    quote_verdict verdict = quote_verdict::consider;
    std::string reason; ///< the rule that decided, with the numbers
};

/// Applies the rule to a predicted ROAS (empty: undefined) and its interval (empty: none).
inline quote_decision decide_quote(const std::optional<double>& roas,
                                   const std::optional<interval>& roas_interval,
                                   const decision_rule& rule) {
    const auto text = [](double value) {
        return kolroi::format_number(std::round(value * 1000) / 1000);
    };
    if (!roas) {
        return {quote_verdict::consider, "the quote costs nothing, so its ROAS is undefined"};
    }
    if (*roas < rule.negotiate_below) {
        return {quote_verdict::negotiate,
                "predicted ROAS " + text(*roas) + " is below " + text(rule.negotiate_below)};
    }
    if (*roas <= rule.priority_above) {
        return {quote_verdict::consider, "predicted ROAS " + text(*roas) + " is between " +
                                             text(rule.negotiate_below) + " and " +
                                             text(rule.priority_above)};
    }
    if (!roas_interval) {
        return {quote_verdict::consider, "predicted ROAS " + text(*roas) + " is above " +
                                             text(rule.priority_above) +
                                             " but there is no interval to confirm it"};
    }
    if (roas_interval->lower < rule.priority_floor) {
        return {quote_verdict::consider,
                "predicted ROAS " + text(*roas) + " is above " + text(rule.priority_above) +
                    " but the interval's lower end " + text(roas_interval->lower) + " is below " +
                    text(rule.priority_floor)};
    }
    return {quote_verdict::priority,
            "predicted ROAS " + text(*roas) + " is above " + text(rule.priority_above) +
                " and the interval's lower end " + text(roas_interval->lower) + " clears " +
                text(rule.priority_floor)};
}

} // namespace kolroi
