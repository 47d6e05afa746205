// kolroi/io/file.hpp: reading a whole file into memory, with an error that names it.
#pragma once

#include "kolroi/core/error.hpp"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

namespace kolroi {

/// The bytes of the file at `path`, unchanged (no newline or encoding conversion).
inline std::string read_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw error(error_kind::io_error,
                    "cannot open '" + path.string() + "': " + std::strerror(errno),
                    input_location{path.string(), 0, {}});
    }
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (in.bad()) {
        throw error(error_kind::io_error, "cannot read '" + path.string() + "'",
                    input_location{path.string(), 0, {}});
    }
    return bytes;
}

} // namespace kolroi
