// kolroi/roi/detail/number_text.hpp: how the ROI part writes the numbers it saw into messages.
//
// The shortest text that reads back as the same double ("-5", "0.1", "1.429999948"), so a
// message shows exactly the value that broke the rule.
#pragma once

#include <charconv>
#include <string>

namespace kolroi::detail {

inline std::string roi_number_text(double value) {
    char buffer[64];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
    return std::string(buffer, result.ptr);
}

} // namespace kolroi::detail
