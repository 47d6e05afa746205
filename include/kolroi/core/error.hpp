// kolroi/core/error.hpp: the library's one error type, kolroi::error, and where an error was seen.
//
// Every function in kolroi that cannot do what it was asked throws kolroi::error. Its message is
// a fragment that names what was called, the rule that was broken and what was seen; when the
// error comes from input, `where()` names the file, the line and the field, and what() starts
// with them ("orders.csv:17: field 'revenue': ...").
#pragma once

#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>

namespace kolroi {

/// What kind of rule an error broke. One vocabulary for the whole library.
enum class error_kind {
    invalid_argument, ///< a caller passed a value outside the function's contract
    parse_error,      ///< input text does not follow its format
    data_error,       ///< input is well formed but its values break a rule of the domain
    io_error,         ///< a file could not be opened or read
    numeric_error,    ///< a computation cannot give a meaningful number
    unsupported,      ///< the request is valid but this model or data cannot answer it
    remote_error,     ///< a remote service (an LLM server) failed or answered badly
};

/// The name of an error kind, as used in messages and machine-readable reports.
constexpr std::string_view to_string(error_kind kind) noexcept {
    switch (kind) {
    case error_kind::invalid_argument:
        return "invalid argument";
    case error_kind::parse_error:
        return "parse error";
    case error_kind::data_error:
        return "data error";
    case error_kind::io_error:
        return "io error";
    case error_kind::numeric_error:
        return "numeric error";
    case error_kind::unsupported:
        return "unsupported";
    case error_kind::remote_error:
        return "remote error";
    }
    return "error";
}

/// Where in the input something was seen. Empty members are unknown; line numbers are 1-based
/// physical lines of the file, counting the header.
struct input_location {
    std::string file;
    std::size_t line = 0;
    std::string field;

    /// "file:line: field 'name'" with the unknown parts left out.
    [[nodiscard]] std::string describe() const {
        std::string text = file;
        if (line != 0) {
            text += (text.empty() ? "line " : ":") + std::to_string(line);
        }
        if (!field.empty()) {
            text += (text.empty() ? "field '" : ": field '") + field + "'";
        }
        return text;
    }

    [[nodiscard]] bool empty() const noexcept { return file.empty() && line == 0 && field.empty(); }
};

/// The exception every kolroi function throws.
class error : public std::runtime_error {
public:
    error(error_kind kind, const std::string& message, input_location where = {})
        : std::runtime_error(where.empty() ? message : where.describe() + ": " + message)
        , m_kind(kind)
        , m_message(message)
        , m_where(std::move(where)) {}

    [[nodiscard]] error_kind kind() const noexcept { return m_kind; }

    /// The message without the location prefix.
    [[nodiscard]] const std::string& message() const noexcept { return m_message; }

    [[nodiscard]] const input_location& where() const noexcept { return m_where; }

private:
    error_kind m_kind;
    std::string m_message;
    input_location m_where;
};

} // namespace kolroi
