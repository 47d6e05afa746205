// kolroi/incrementality/incremental_estimate.hpp: an amount that happened, the amount that would
// have happened without a KOL, their difference and its interval.
//
// Every incrementality estimate in kolroi has this shape, whatever the method: a post lift sums
// orders over post windows against a fitted counterfactual (kol_lift.hpp), the customer baseline
// sums the orders of touched customers against the rate of similar untouched ones
// (customer_baseline.hpp). The interval is for the difference, the amount the KOL caused.
#pragma once

#include "kolroi/regression/ols_result.hpp"

#include <boost/math/distributions/normal.hpp>
#include <boost/math/distributions/students_t.hpp>

#include <cmath>
#include <limits>
#include <optional>
#include <string>

namespace kolroi {

struct incremental_estimate {
    double actual = 0;         ///< what happened
    double counterfactual = 0; ///< what would have happened without the KOL
    double incremental = 0;    ///< actual - counterfactual
    std::optional<double> standard_error;
    std::optional<interval> range; ///< of `incremental`, at the level it was asked for
    /// Of the interval's Student's t; infinite for a normal approximation, 0 without interval.
    double degrees_of_freedom = 0;
    std::string no_interval_reason; ///< empty when the interval exists

    /// Sets standard_error, degrees_of_freedom and range from a variance, with Student's t when
    /// df is finite and the normal distribution when it is infinite.
    void set_interval(double variance, double df, double level) {
        standard_error = std::sqrt(variance);
        degrees_of_freedom = df;
        no_interval_reason.clear();
        double quantile = 0;
        if (std::isinf(df)) {
            quantile = boost::math::quantile(
                boost::math::complement(boost::math::normal(), (1.0 - level) / 2.0));
        } else {
            quantile = boost::math::quantile(
                boost::math::complement(boost::math::students_t(df), (1.0 - level) / 2.0));
        }
        range = interval{incremental - quantile * *standard_error,
                         incremental + quantile * *standard_error};
    }
};

} // namespace kolroi
