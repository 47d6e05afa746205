// kolroi/io/file.hpp: reading a whole file into memory, and writing one, with errors that name
// the file.
#pragma once

#include "kolroi/core/error.hpp"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <string_view>

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

/// Writes `bytes` to the file at `path`, replacing what it held (no newline or encoding
/// conversion). Throws kolroi::error (io_error) naming the file when it cannot be written.
inline void write_file(const std::filesystem::path& path, std::string_view bytes) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    if (!out) {
        throw error(error_kind::io_error,
                    "cannot open '" + path.string() + "' for writing: " + std::strerror(errno),
                    input_location{path.string(), 0, {}});
    }
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    out.flush();
    if (!out) {
        throw error(error_kind::io_error, "cannot write '" + path.string() + "'",
                    input_location{path.string(), 0, {}});
    }
}

} // namespace kolroi
