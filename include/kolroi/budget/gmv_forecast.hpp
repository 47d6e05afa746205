// kolroi/budget/gmv_forecast.hpp: a deal's predicted GMV, and the one figure a budget objective
// reads from it.
//
// A forecast holds the predicted mean and standard deviation of the GMV a deal will be credited
// with and, when the predictor gives one, the lower and upper bounds of a prediction interval.
// The objective reads one figure, chosen by gmv_measure:
//   mean             v = E[GMV]
//   normal_quantile  v = mean + z_q * sd, the q-quantile of N(mean, sd^2) (q = 0.10 gives
//                    mean - 1.2816 sd), for forecasts whose error is taken as normal
//   interval_lower   v = the supplied lower bound of the prediction interval
// The last two are risk-averse: of two deals with the same mean, the one whose forecast is
// narrower is worth more.
#pragma once

#include "kolroi/budget/detail/number_text.hpp"
#include "kolroi/core/error.hpp"

#include <boost/math/distributions/normal.hpp>

#include <cmath>
#include <optional>
#include <string>
#include <string_view>

namespace kolroi {

/// Which figure of a forecast an objective uses; see the header comment for the formulas.
enum class gmv_measure { mean, normal_quantile, interval_lower };

/// The name used in files and reports: "mean", "normal_quantile", "interval_lower".
constexpr std::string_view to_string(gmv_measure measure) noexcept {
    switch (measure) {
    case gmv_measure::mean:
        return "mean";
    case gmv_measure::normal_quantile:
        return "normal_quantile";
    case gmv_measure::interval_lower:
        return "interval_lower";
    }
    return "mean";
}

/// The measure whose name (as `to_string` writes it) is `name`, or nothing.
constexpr std::optional<gmv_measure> gmv_measure_from_name(std::string_view name) noexcept {
    for (const gmv_measure measure :
         {gmv_measure::mean, gmv_measure::normal_quantile, gmv_measure::interval_lower}) {
        if (to_string(measure) == name) {
            return measure;
        }
    }
    return std::nullopt;
}

/// The predicted GMV of one deal, in the reporting currency.
struct gmv_forecast {
    double mean = 0;
    double sd = 0;               ///< standard deviation of the prediction, >= 0
    std::optional<double> lower; ///< lower bound of a prediction interval, if one was given
    std::optional<double> upper; ///< upper bound of a prediction interval, if one was given
};

/// How an objective values a forecast: the measure, and for normal_quantile the level q.
struct gmv_objective {
    gmv_measure measure = gmv_measure::mean;
    double quantile = 0.10; ///< q in (0, 0.5]; used by normal_quantile only
};

namespace detail {

/// Throws unless `forecast` is usable: finite numbers, sd >= 0, lower <= upper.
/// `context` names the caller and the deal ("select_deals: candidate 'kol_a'").
inline void check_forecast(const gmv_forecast& forecast, const std::string& context,
                           const input_location& where = {}) {
    const auto fail = [&](const std::string& field, const std::string& rule) {
        input_location at = where;
        if (!where.empty()) {
            at.field = field;
        }
        throw error(error_kind::invalid_argument, context + ": " + rule, at);
    };
    if (!std::isfinite(forecast.mean)) {
        fail("gmv_mean", "GMV mean " + number_text(forecast.mean) + " is not finite");
    }
    if (!std::isfinite(forecast.sd) || forecast.sd < 0) {
        fail("gmv_sd",
             "GMV standard deviation " + number_text(forecast.sd) + " is not a finite number >= 0");
    }
    if (forecast.lower && !std::isfinite(*forecast.lower)) {
        fail("gmv_lower", "GMV lower bound " + number_text(*forecast.lower) + " is not finite");
    }
    if (forecast.upper && !std::isfinite(*forecast.upper)) {
        fail("gmv_upper", "GMV upper bound " + number_text(*forecast.upper) + " is not finite");
    }
    if (forecast.lower && forecast.upper && *forecast.lower > *forecast.upper) {
        fail("gmv_lower", "GMV lower bound " + money_text(*forecast.lower) +
                              " is above the upper bound " + money_text(*forecast.upper));
    }
}

/// Throws unless `objective` names a usable quantile level.
inline void check_objective(const gmv_objective& objective, const std::string& caller) {
    if (objective.measure == gmv_measure::normal_quantile &&
        !(objective.quantile > 0 && objective.quantile <= 0.5)) {
        throw error(error_kind::invalid_argument, caller + ": the normal quantile level " +
                                                      number_text(objective.quantile) +
                                                      " is outside (0, 0.5]");
    }
}

} // namespace detail

/// z_q, the q-quantile of the standard normal distribution, for q in (0, 1).
inline double standard_normal_quantile(double q) {
    if (!(q > 0 && q < 1)) {
        throw error(error_kind::invalid_argument, "standard_normal_quantile: level " +
                                                      detail::number_text(q) +
                                                      " is outside (0, 1)");
    }
    return boost::math::quantile(boost::math::normal_distribution<double>(), q);
}

/// The figure of `forecast` that `objective` asks for. Throws when the measure is
/// interval_lower and the forecast has no lower bound, or when the quantile level is unusable.
inline double objective_gmv(const gmv_forecast& forecast, const gmv_objective& objective) {
    switch (objective.measure) {
    case gmv_measure::mean:
        return forecast.mean;
    case gmv_measure::normal_quantile:
        detail::check_objective(objective, "objective_gmv");
        return forecast.mean + standard_normal_quantile(objective.quantile) * forecast.sd;
    case gmv_measure::interval_lower:
        if (!forecast.lower) {
            throw error(error_kind::invalid_argument,
                        "objective_gmv: the measure is interval_lower but the forecast (mean " +
                            detail::money_text(forecast.mean) + ") has no lower bound");
        }
        return *forecast.lower;
    }
    return forecast.mean;
}

} // namespace kolroi
