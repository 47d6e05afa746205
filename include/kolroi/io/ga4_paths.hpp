// kolroi/io/ga4_paths.hpp: the reader of GA4's "Conversion paths" report export.
//
// The export is a CSV file whose first column holds each path, either as a JSON array of channel
// names inside a quoted field ("[""Paid Search"",""Direct""]") or as a path string
// ("Paid Search > Direct"), followed by columns that include "Conversions" and the value of
// those conversions ("Purchase revenue", or "Revenue" or "Conversion value"). GA4 exports
// converting paths only, so non-conversions are zero, and it carries no per-touch timestamps.
// GA4's download starts with comment lines ("# Conversion paths", "# Start date: 20240101"):
// lines that start with '#', and empty lines, are skipped before the header.
#pragma once

#include "kolroi/core/error.hpp"
#include "kolroi/io/csv_reader.hpp"
#include "kolroi/io/path_file.hpp"
#include "kolroi/io/path_string.hpp"
#include "kolroi/io/text.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kolroi {

namespace detail {

/// The channel names of a GA4 path field: a JSON array of strings, or a path string. Errors
/// carry no location; the reader adds it.
inline void ga4_path_names(std::string_view field, std::vector<std::string>& owned,
                           std::vector<std::string_view>& names) {
    owned.clear();
    names.clear();
    const std::string_view body = trim(field);
    if (body.empty() || body.front() != '[') {
        split_path(body, ">", names);
        return;
    }
    const auto parsed = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
    if (parsed.is_discarded() || !parsed.is_array()) {
        throw error(error_kind::parse_error, "expected a JSON array of channel names");
    }
    owned.reserve(parsed.size());
    for (const auto& item : parsed) {
        if (!item.is_string()) {
            throw error(error_kind::parse_error,
                        "expected channel names as JSON strings, saw " + item.dump());
        }
        const std::string_view name = trim(item.get_ref<const std::string&>());
        if (name.empty()) {
            throw error(error_kind::parse_error, "a channel name in the path is empty");
        }
        owned.emplace_back(name);
    }
    for (const auto& name : owned) {
        names.push_back(name);
    }
}

/// Where the header of a GA4 export starts: past a UTF-8 byte-order mark, and past the empty
/// lines and the comment lines (starting with '#') that GA4 writes above it. A line of spaces is
/// not empty: the CSV reader would read it as a record, so it is taken as the header.
struct ga4_header_start {
    std::size_t position = 0;
    std::size_t line = 1;
};

inline ga4_header_start find_ga4_header(std::string_view text) {
    ga4_header_start start;
    if (text.substr(0, 3) == "\xEF\xBB\xBF") {
        start.position = 3;
    }
    while (start.position < text.size()) {
        const std::size_t end = text.find_first_of("\r\n", start.position);
        const std::string_view line =
            text.substr(start.position, end == std::string_view::npos ? end : end - start.position);
        if (!line.empty() && line.front() != '#') {
            break;
        }
        if (end == std::string_view::npos) {
            start.position = text.size();
            break;
        }
        // CRLF, LF or a lone CR ends one line.
        start.position = end + (text.substr(end, 2) == "\r\n" ? 2 : 1);
        ++start.line;
    }
    return start;
}

} // namespace detail

/// Reads a GA4 conversion-paths export held in `text`; `source` names it in errors.
[[nodiscard]] inline path_file read_ga4_paths(std::string_view text, std::string source) {
    path_file file;
    file.source = source;
    file.format = "ga4";
    const detail::ga4_header_start start = detail::find_ga4_header(text);
    csv_reader reader(text, std::move(source), {}, start.position, start.line);
    if (!reader.next()) {
        throw error(error_kind::parse_error, "the file is empty; expected a GA4 header",
                    input_location{file.source, start.line, {}});
    }
    const csv_header header(reader);
    const std::size_t path_column = 0;
    const std::string& path_name = header.name(path_column);
    const std::size_t conversions_column = header.require("Conversions");
    std::optional<std::size_t> value_column;
    for (const char* candidate : {"Purchase revenue", "Revenue", "Conversion value"}) {
        if ((value_column = header.find(candidate))) {
            break;
        }
    }
    if (!value_column) {
        value_column = header.require("Purchase revenue");
    }
    const std::string& value_name = header.name(*value_column);

    std::vector<std::string> owned;
    std::vector<std::string_view> names;
    while (reader.next()) {
        header.check_width(reader);
        reader.read_field(path_column, path_name, [&](std::string_view path) {
            detail::ga4_path_names(path, owned, names);
        });
        const double conversions = reader.number(conversions_column, "Conversions");
        const double value = reader.number(*value_column, value_name);
        detail::add_path_row(file, names, conversions, 0.0, value, reader, path_name, "Conversions",
                             "", value_name);
    }
    return file;
}

} // namespace kolroi
