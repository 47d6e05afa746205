// kolroi/tracking/detail/two_column_csv.hpp: the small `key,value` tables the tracking data ships
// as (source categories, aliases).
//
// One row a line, two comma-separated fields, each trimmed. Blank lines and lines starting with
// '#' are skipped; a first line equal to the expected header is skipped. Quoted fields are not
// part of this format (no source name or alias contains a comma) and are rejected, not guessed.
#pragma once

#include "kolroi/core/error.hpp"
#include "kolroi/tracking/detail/text.hpp"

#include <cstddef>
#include <fstream>
#include <istream>
#include <string>
#include <string_view>
#include <vector>

namespace kolroi::detail {

struct two_column_row {
    std::size_t line = 0;
    std::string first;
    std::string second;
};

/// Reads the rows of `input`; `file` names it in errors, `header` is "source,category" or the
/// like, `caller` names the public function in messages.
inline std::vector<two_column_row> read_two_column_csv(std::istream& input, const std::string& file,
                                                       std::string_view header,
                                                       std::string_view caller) {
    std::vector<two_column_row> rows;
    std::string text;
    std::size_t line = 0;
    while (std::getline(input, text)) {
        ++line;
        const std::string_view row = trim_ascii(text);
        if (row.empty() || row.front() == '#') {
            continue;
        }
        if (line == 1 && iequals_ascii(row, header)) {
            continue;
        }
        if (row.find('"') != std::string_view::npos) {
            throw error(error_kind::parse_error,
                        std::string(caller) + ": quoted fields are not supported in this table",
                        input_location{file, line, {}});
        }
        const std::size_t comma = row.find(',');
        if (comma == std::string_view::npos || row.find(',', comma + 1) != std::string_view::npos) {
            throw error(error_kind::parse_error,
                        std::string(caller) + ": a row needs exactly 2 fields ('" +
                            std::string(header) + "'), saw '" + std::string(row) + "'",
                        input_location{file, line, {}});
        }
        rows.push_back({line, std::string(trim_ascii(row.substr(0, comma))),
                        std::string(trim_ascii(row.substr(comma + 1)))});
    }
    if (input.bad()) {
        throw error(error_kind::io_error, std::string(caller) + ": reading failed",
                    input_location{file, line, {}});
    }
    return rows;
}

inline std::ifstream open_table_file(const std::string& path, std::string_view caller) {
    std::ifstream input(path);
    if (!input) {
        throw error(error_kind::io_error, std::string(caller) + ": cannot open '" + path + "'",
                    input_location{path, 0, {}});
    }
    return input;
}

} // namespace kolroi::detail
