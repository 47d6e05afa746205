// kolroi/io/read_path_file.hpp: reads an aggregated path file of any supported format.
//
// The format is told from the header: a first line that starts with "path;" is
// ChannelAttribution's format; a header with a column named "Conversions", below any comment
// lines GA4 writes above it, is a GA4 conversion-paths export.
#pragma once

#include "kolroi/core/error.hpp"
#include "kolroi/io/channel_attribution_paths.hpp"
#include "kolroi/io/csv_reader.hpp"
#include "kolroi/io/file.hpp"
#include "kolroi/io/ga4_paths.hpp"
#include "kolroi/io/path_file.hpp"

#include <filesystem>
#include <string>
#include <string_view>

namespace kolroi {

namespace detail {

/// Whether the header at `start` has a column named "Conversions"; a header that is not
/// well-formed CSV has none.
inline bool has_ga4_header(std::string_view text, const ga4_header_start& start,
                           const std::string& source) {
    try {
        csv_reader reader(text, source, {}, start.position, start.line);
        return reader.next() && csv_header(reader).find("Conversions").has_value();
    } catch (const error&) {
        return false;
    }
}

} // namespace detail

/// Reads the path file in `text` after telling its format from the header.
[[nodiscard]] inline path_file read_path_text(std::string_view text, std::string source) {
    std::string_view body = text;
    if (body.substr(0, 3) == "\xEF\xBB\xBF") {
        body.remove_prefix(3);
    }
    if (body.substr(0, 5) == "path;") {
        return read_channel_attribution_paths(text, std::move(source));
    }
    const detail::ga4_header_start start = detail::find_ga4_header(text);
    if (detail::has_ga4_header(text, start, source)) {
        return read_ga4_paths(text, std::move(source));
    }
    const std::string_view rest = text.substr(start.position);
    const std::string_view first_line = rest.substr(0, rest.find_first_of("\r\n"));
    throw error(error_kind::parse_error,
                "unknown path file format: expected a header starting with 'path;' "
                "(ChannelAttribution) or one with a 'Conversions' column (GA4), saw '" +
                    std::string(first_line.substr(0, 80)) + "'",
                input_location{source, start.line, {}});
}

/// Reads the path file at `path`.
[[nodiscard]] inline path_file read_path_file(const std::filesystem::path& path) {
    return read_path_text(read_file(path), path.string());
}

} // namespace kolroi
