// kolroi/prediction/detail/prediction_text.hpp: how the prediction part writes numbers into
// messages and notes.
#pragma once

#include <charconv>
#include <string>
#include <system_error>

namespace kolroi::detail {

/// The shortest text that reads back as `value` ("0.1", "2.5e+06", "nan"), so a message shows
/// exactly the value that broke a rule.
inline std::string prediction_number_text(double value) {
    char buffer[32];
    const auto written = std::to_chars(buffer, buffer + sizeof buffer, value);
    if (written.ec != std::errc{}) {
        return "?";
    }
    return std::string(buffer, written.ptr);
}

} // namespace kolroi::detail
