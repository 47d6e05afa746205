// kolroi/budget/detail/number_text.hpp: how the budget area writes numbers into error messages.
//
// Money is written with two decimals, as the prices and bounds are checked in cents; other
// numbers (curve parameters, multipliers) with six significant digits.
#pragma once

#include <cmath>
#include <cstdio>
#include <string>

namespace kolroi::detail {

/// An amount of money with two decimals ("1250.00"); an absent upper bound is "unlimited".
inline std::string money_text(double amount) {
    if (std::isinf(amount)) {
        return amount > 0 ? "unlimited" : "-unlimited";
    }
    if (std::isnan(amount) || std::fabs(amount) >= 1e15) {
        char wide[32];
        std::snprintf(wide, sizeof wide, "%.6g", amount);
        return wide;
    }
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.2f", amount);
    return buffer;
}

/// A number that is not money, with six significant digits ("0.00125", "2.5e+09").
inline std::string number_text(double value) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.6g", value);
    return buffer;
}

} // namespace kolroi::detail
