// kolroi/regression/detail/ols_text.hpp: how the regression code names matrix cells in messages
// (numbers are written with kolroi::format_number).
#pragma once

#include "kolroi/io/text.hpp"

#include <Eigen/Core>

#include <string>

namespace kolroi::detail::ols {

/// "x(2, 3)": the name of one value of a matrix argument, for input_location::field.
inline std::string cell_name(const char* matrix, Eigen::Index row, Eigen::Index col) {
    return std::string(matrix) + "(" + std::to_string(row) + ", " + std::to_string(col) + ")";
}

} // namespace kolroi::detail::ols
