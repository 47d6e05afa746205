// Tests for kolroi/io/file.hpp: whole files read and written byte for byte, errors naming them.
#include "kolroi/io/file.hpp"

#include "test_support.hpp"

#include <filesystem>
#include <string>

namespace {

std::filesystem::path scratch(const char* name) {
    return std::filesystem::temp_directory_path() / name;
}

} // namespace

TEST_CASE("a file written is read back byte for byte, and writing again replaces it") {
    const auto path = scratch("kolroi_file_test.bin");
    const std::string bytes("a,b\r\nNUL\0here\n\xC3\xA9", 17);
    kolroi::write_file(path, bytes);
    CHECK(kolroi::read_file(path) == bytes);
    CHECK(std::filesystem::file_size(path) == 17);
    kolroi::write_file(path, "short");
    CHECK(kolroi::read_file(path) == "short");
    kolroi::write_file(path, "");
    CHECK(kolroi::read_file(path).empty());
    std::filesystem::remove(path);
}

TEST_CASE("a file that cannot be read or written is an io_error naming it") {
    const std::string missing = "/nonexistent/kolroi/dir/file.csv";
    try {
        (void)kolroi::read_file(missing);
        FAIL("expected an error");
    } catch (const kolroi::error& fault) {
        CHECK(fault.kind() == kolroi::error_kind::io_error);
        CHECK(fault.where().file == missing);
        CHECK(fault.message().find("cannot open '" + missing + "'") != std::string::npos);
    }
    try {
        kolroi::write_file(missing, "x");
        FAIL("expected an error");
    } catch (const kolroi::error& fault) {
        CHECK(fault.kind() == kolroi::error_kind::io_error);
        CHECK(fault.where().file == missing);
        CHECK(fault.message().find("for writing") != std::string::npos);
    }
}
