// kolroi/io/read_path_file.hpp: reads an aggregated path file of any supported format.
//
// The format is told from the header: a first line that starts with "path;" is
// ChannelAttribution's format; one with a "Conversions" column is a GA4 conversion-paths export.
#pragma once

#include "kolroi/core/error.hpp"
#include "kolroi/io/channel_attribution_paths.hpp"
#include "kolroi/io/file.hpp"
#include "kolroi/io/ga4_paths.hpp"
#include "kolroi/io/path_file.hpp"

#include <filesystem>
#include <string>
#include <string_view>

namespace kolroi {

/// Reads the path file in `text` after telling its format from the header.
[[nodiscard]] inline path_file read_path_text(std::string_view text, std::string source) {
    std::string_view body = text;
    if (body.substr(0, 3) == "\xEF\xBB\xBF") {
        body.remove_prefix(3);
    }
    const std::string_view first_line = body.substr(0, body.find_first_of("\r\n"));
    if (first_line.substr(0, 5) == "path;") {
        return read_channel_attribution_paths(text, std::move(source));
    }
    if (first_line.find("Conversions") != std::string_view::npos) {
        return read_ga4_paths(text, std::move(source));
    }
    throw error(error_kind::parse_error,
                "unknown path file format: expected a header starting with 'path;' "
                "(ChannelAttribution) or one with a 'Conversions' column (GA4), saw '" +
                    std::string(first_line.substr(0, 80)) + "'",
                input_location{source, 1, {}});
}

/// Reads the path file at `path`.
[[nodiscard]] inline path_file read_path_file(const std::filesystem::path& path) {
    return read_path_text(read_file(path), path.string());
}

} // namespace kolroi
