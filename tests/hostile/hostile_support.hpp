// Helpers of the hostile-input tests: the hostile files, and the exact error an input must give.
#pragma once

#include "kolroi/core/diagnostics.hpp"
#include "kolroi/core/error.hpp"
#include "kolroi/io/file.hpp"

#include "test_support.hpp"

#include <cstddef>
#include <string>

namespace kolroi::test {

/// The bytes of tests/data/hostile/<name>.
inline std::string hostile_file(const std::string& name) {
    return read_file(test_data("hostile/" + name));
}

/// The error an input must give: its kind, where it was seen and a fragment of its message.
struct expected_error {
    error_kind kind;
    std::string file;
    std::size_t line;
    std::string field;
    std::string fragment;
};

/// Runs `read` and checks that it throws exactly `expected`.
template <class Read>
void check_throws(Read&& read, const expected_error& expected) {
    bool thrown = false;
    try {
        read();
    } catch (const error& fault) {
        thrown = true;
        INFO("what(): " << fault.what());
        CHECK(fault.kind() == expected.kind);
        CHECK(fault.where().file == expected.file);
        CHECK(fault.where().line == expected.line);
        CHECK(fault.where().field == expected.field);
        CHECK(fault.message().find(expected.fragment) != std::string::npos);
    }
    CHECK_MESSAGE(thrown, "expected an error containing '" << expected.fragment << "'");
}

/// Checks that `notes` holds exactly one skip for `reason`, recorded at `line` and `field`, with
/// `fragment` in its detail.
inline void check_one_skip(const diagnostics& notes, const std::string& reason, std::size_t line,
                           const std::string& field, const std::string& fragment) {
    INFO("reason: " << reason);
    CHECK(notes.count(reason) == 1);
    bool found = false;
    for (const auto& note : notes.examples()) {
        if (note.reason == reason) {
            found = true;
            CHECK(note.where.line == line);
            CHECK(note.where.field == field);
            INFO("detail: " << note.detail);
            CHECK(note.detail.find(fragment) != std::string::npos);
        }
    }
    CHECK(found);
}

} // namespace kolroi::test
