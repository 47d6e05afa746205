// Helpers shared by the test programs: where the bundled and the shared data live.
#pragma once

#include <doctest/doctest.h>

#include <filesystem>
#include <optional>
#include <string>

namespace kolroi::test {

/// A file under tests/data, which is always present.
inline std::filesystem::path test_data(const std::string& relative) {
    return std::filesystem::path(KOLROI_TEST_DATA_DIR) / relative;
}

/// A file under examples/, which is always present.
inline std::filesystem::path example_file(const std::string& relative) {
    return std::filesystem::path(KOLROI_EXAMPLES_DIR) / relative;
}

/// A file of the public data sets beside the checkout (../shared/data), or nothing when a clone
/// has no such folder. Tests that use it say that they skipped.
inline std::optional<std::filesystem::path> shared_data(const std::string& relative) {
    auto path = std::filesystem::path(KOLROI_SHARED_DATA_DIR) / relative;
    if (!std::filesystem::exists(path)) {
        return std::nullopt;
    }
    return path;
}

} // namespace kolroi::test

/// Ends the current test case with a visible message when a shared data file is absent.
#define KOLROI_REQUIRE_SHARED_DATA(variable, relative)                                             \
    const auto variable##_found = ::kolroi::test::shared_data(relative);                           \
    if (!variable##_found) {                                                                       \
        MESSAGE("skipped: ../shared/data/" << relative << " is not beside this checkout");         \
        return;                                                                                    \
    }                                                                                              \
    const std::filesystem::path& variable = *variable##_found

#include "kolroi/core/journey_store.hpp"
#include "kolroi/io/path_string.hpp"

#include <initializer_list>
#include <string_view>
#include <vector>

namespace kolroi::test {

/// One aggregated path in the notation of the worked cases: "A > B", conversions,
/// non-conversions, value.
struct path_row {
    std::string_view path;
    double conversions = 0;
    double non_conversions = 0;
    double value = 0;
};

/// An untimed store holding `rows`, channel names split at ">".
inline journey_store make_paths(std::initializer_list<path_row> rows) {
    journey_store store;
    for (const auto& row : rows) {
        const auto names = split_path(row.path, ">");
        store.add_named(names, row.conversions, row.non_conversions, row.value);
    }
    return store;
}

} // namespace kolroi::test

#include <array>
#include <cstdio>
#include <memory>
#include <sys/wait.h>

namespace kolroi::test {

/// What a run of a program printed on standard output, and how it exited.
struct program_run {
    std::string output;
    int exit_code = -1;
};

/// Runs `command` through the shell and captures its standard output (standard error is left
/// to the terminal unless the command redirects it).
inline program_run run_program(const std::string& command) {
    program_run run;
    FILE* pipe = ::popen(command.c_str(), "r");
    REQUIRE_MESSAGE(pipe != nullptr, "cannot start: " << command);
    std::array<char, 4096> buffer{};
    std::size_t read = 0;
    while ((read = std::fread(buffer.data(), 1, buffer.size(), pipe)) > 0) {
        run.output.append(buffer.data(), read);
    }
    const int status = ::pclose(pipe);
    run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return run;
}

} // namespace kolroi::test
