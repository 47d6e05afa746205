// kolroi/regression/detail/ols_text.hpp: how the regression code writes numbers into messages.
#pragma once

#include <Eigen/Core>

#include <charconv>
#include <string>
#include <system_error>

namespace kolroi::detail::ols {

/// The shortest text that reads back as `value` ("0.1", "1e-20", "nan"), for error messages.
inline std::string number_text(double value) {
    char buffer[32];
    const auto written = std::to_chars(buffer, buffer + sizeof buffer, value);
    if (written.ec != std::errc{}) {
        return "?";
    }
    return std::string(buffer, written.ptr);
}

/// "x(2, 3)": the name of one value of a matrix argument, for input_location::field.
inline std::string cell_name(const char* matrix, Eigen::Index row, Eigen::Index col) {
    return std::string(matrix) + "(" + std::to_string(row) + ", " + std::to_string(col) + ")";
}

} // namespace kolroi::detail::ols
