// kolroi/io/channel_attribution_paths.hpp: the reader of ChannelAttribution's path format.
//
// A ';'-separated file with the header `path;total_conversions;total_conversion_value;
// total_null`: each path a string of channel names separated by '>' ("eta > iota"), its
// conversions, their total value and the number of journeys on that path that did not convert.
// The value and null columns may be absent (zero). Paths may repeat; each row is kept as read.
#pragma once

#include "kolroi/core/error.hpp"
#include "kolroi/io/csv_reader.hpp"
#include "kolroi/io/path_file.hpp"
#include "kolroi/io/path_string.hpp"
#include "kolroi/io/text.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kolroi {

struct channel_attribution_options {
    char delimiter = ';';
    std::string path_separator = ">";
};

/// Reads a ChannelAttribution path file held in `text`; `source` names it in errors.
[[nodiscard]] inline path_file
read_channel_attribution_paths(std::string_view text, std::string source,
                               const channel_attribution_options& options = {}) {
    path_file file;
    file.source = source;
    file.format = "channel_attribution";
    csv_reader reader(text, std::move(source), csv_options{options.delimiter});
    if (!reader.next()) {
        throw error(error_kind::parse_error, "the file is empty; expected a header with 'path'",
                    input_location{file.source, 1, {}});
    }
    const csv_header header(reader);
    const std::size_t path_column = header.require("path");
    const std::size_t conversions_column = header.require("total_conversions");
    const std::optional<std::size_t> value_column = header.find("total_conversion_value");
    const std::optional<std::size_t> null_column = header.find("total_null");

    std::vector<std::string_view> names;
    while (reader.next()) {
        header.check_width(reader);
        names.clear();
        reader.read_field(path_column, "path", [&](std::string_view path) {
            split_path(path, options.path_separator, names);
        });
        const double conversions = reader.number(conversions_column, "total_conversions");
        const double value =
            value_column ? reader.number(*value_column, "total_conversion_value") : 0.0;
        const double nulls = null_column ? reader.number(*null_column, "total_null") : 0.0;
        detail::add_path_row(file, names, conversions, nulls, value, reader, "path",
                             "total_conversions", "total_null", "total_conversion_value");
    }
    return file;
}

} // namespace kolroi
