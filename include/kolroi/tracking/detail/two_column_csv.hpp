// kolroi/tracking/detail/two_column_csv.hpp: the small `key,value` tables the tracking data ships
// as (source categories, aliases), read with the library's one CSV reader.
//
// Two fields a row, each trimmed. Blank lines and rows whose first field starts with '#' are
// skipped; a first row equal to the expected header (in any case) is skipped.
#pragma once

#include "kolroi/core/error.hpp"
#include "kolroi/io/csv_reader.hpp"
#include "kolroi/io/text.hpp"
#include "kolroi/tracking/detail/text.hpp"

#include <cstddef>
#include <fstream>
#include <istream>
#include <iterator>
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
    const std::string text((std::istreambuf_iterator<char>(input)),
                           std::istreambuf_iterator<char>());
    if (input.bad()) {
        throw error(error_kind::io_error, std::string(caller) + ": reading failed",
                    input_location{file, 0, {}});
    }
    std::vector<two_column_row> rows;
    csv_reader reader(text, file);
    bool first = true;
    while (reader.next()) {
        const bool header_row =
            first && reader.size() == 2 &&
            kolroi::iequals_ascii(std::string(trim(reader[0])) + "," + std::string(trim(reader[1])),
                                  header);
        first = false;
        if (header_row || trim(reader[0]).substr(0, 1) == "#") {
            continue;
        }
        if (reader.size() != 2) {
            throw error(error_kind::parse_error,
                        std::string(caller) + ": a row needs exactly 2 fields ('" +
                            std::string(header) + "'), saw " + std::to_string(reader.size()),
                        reader.where());
        }
        rows.push_back({reader.line(), std::string(trim(reader[0])), std::string(trim(reader[1]))});
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
