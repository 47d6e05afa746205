// kolroi/io/csv_reader.hpp: the one CSV reader, RFC 4180, over text held in memory.
//
// Reads records of fields separated by a one-byte delimiter (',' or ';'), with double-quoted
// fields that may hold delimiters, line breaks and doubled quotes (""). A UTF-8 byte-order mark
// at the start is skipped; lines may end in CRLF, LF or a lone CR; blank lines are skipped.
// Fields are views into the text, or into the reader's own buffer when quotes were unescaped:
// they stay valid until the next call of next().
//
// Malformed input is an error that names the source, the line and the field: a quote inside an
// unquoted field, text after a closing quote, a quoted field that never closes.
#pragma once

#include "kolroi/core/error.hpp"
#include "kolroi/io/text.hpp"

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace kolroi {

struct csv_options {
    char delimiter = ',';
};

class csv_reader {
public:
    /// `source` names the input in error messages (a file name, say).
    csv_reader(std::string_view text, std::string source, csv_options options = {})
        : csv_reader(text, std::move(source), options, 0, 1) {
        if (m_text.substr(0, 3) == "\xEF\xBB\xBF") {
            m_pos = 3;
        }
    }

    /// A reader that goes on where a reader of the same `text` would be after the record that
    /// ends just before byte `position`, which starts physical line `line`: the second reader of
    /// a text split between threads at a record boundary (a byte-order mark is not looked for).
    csv_reader(std::string_view text, std::string source, csv_options options, std::size_t position,
               std::size_t line)
        : m_text(text)
        , m_source(std::move(source))
        , m_options(options)
        , m_pos(position)
        , m_line(line) {}

    /// Reads the next record; false at the end of the input.
    bool next() {
        while (m_pos < m_text.size()) {
            m_record_line = m_line;
            if (read_record() &&
                !(m_parts.size() == 1 && m_parts[0].length == 0 && !m_parts[0].quoted)) {
                return true;
            }
        }
        m_fields.clear();
        return false;
    }

    [[nodiscard]] std::size_t size() const noexcept { return m_fields.size(); }
    [[nodiscard]] std::string_view operator[](std::size_t index) const noexcept {
        return m_fields[index];
    }
    [[nodiscard]] std::span<const std::string_view> fields() const noexcept { return m_fields; }

    /// The 1-based physical line on which the current record starts.
    [[nodiscard]] std::size_t line() const noexcept { return m_record_line; }
    [[nodiscard]] const std::string& source() const noexcept { return m_source; }

    /// Where the current record (and, when given, one of its fields) is.
    [[nodiscard]] input_location where(std::string_view field = {}) const {
        return input_location{m_source, m_record_line, std::string(field)};
    }

    /// Field `column` of the current record as a number (parse_double's rules). The location of
    /// an error, naming `field`, is built only when there is one.
    [[nodiscard]] double number(std::size_t column, std::string_view field) const {
        try {
            return parse_double(m_fields[column], input_location{});
        } catch (const error& e) {
            throw error(e.kind(), e.message(), where(field));
        }
    }

    /// Runs `read(text)` on field `column`; a kolroi::error it throws without a location gets
    /// this record's, naming `field`.
    template <class Read>
    decltype(auto) read_field(std::size_t column, std::string_view field, Read&& read) const {
        try {
            return read(m_fields[column]);
        } catch (const error& e) {
            if (!e.where().empty()) {
                throw;
            }
            throw error(e.kind(), e.message(), where(field));
        }
    }

    /// Bytes of input consumed so far.
    [[nodiscard]] std::size_t position() const noexcept { return m_pos; }

private:
    struct part {
        bool quoted = false;
        bool in_scratch = false;
        std::size_t offset = 0;
        std::size_t length = 0;
    };

    // Fails at the 1-based `column` of the current line.
    [[noreturn]] void fail(const std::string& message, std::size_t column) const {
        throw error(error_kind::parse_error, message,
                    input_location{m_source, m_line, "column " + std::to_string(column)});
    }

    // Consumes a line break at m_pos if there is one and says whether it did.
    bool consume_line_break() {
        if (m_text[m_pos] == '\r') {
            ++m_pos;
            if (m_pos < m_text.size() && m_text[m_pos] == '\n') {
                ++m_pos;
            }
            ++m_line;
            return true;
        }
        if (m_text[m_pos] == '\n') {
            ++m_pos;
            ++m_line;
            return true;
        }
        return false;
    }

    bool read_record() {
        m_parts.clear();
        m_scratch.clear();
        const std::size_t n = m_text.size();
        const char delimiter = m_options.delimiter;

        while (true) {
            part field;
            if (m_pos < n && m_text[m_pos] == '"') {
                read_quoted(field);
            } else {
                field.offset = m_pos;
                while (m_pos < n) {
                    const char c = m_text[m_pos];
                    if (c == delimiter || c == '\n' || c == '\r') {
                        break;
                    }
                    if (c == '"') {
                        fail("a quote inside an unquoted field (quote the whole field and "
                             "double the quote)",
                             m_parts.size() + 1);
                    }
                    ++m_pos;
                }
                field.length = m_pos - field.offset;
            }
            m_parts.push_back(field);

            if (m_pos >= n) {
                break;
            }
            if (m_text[m_pos] == delimiter) {
                ++m_pos;
                continue;
            }
            if (consume_line_break()) {
                break;
            }
            fail(std::string("unexpected character '") + m_text[m_pos] + "' after a closing quote",
                 m_parts.size());
        }

        // Views are made only now: the scratch buffer may have moved while the record grew.
        m_fields.clear();
        for (const part& field : m_parts) {
            const std::string_view base = field.in_scratch ? std::string_view(m_scratch) : m_text;
            m_fields.push_back(base.substr(field.offset, field.length));
        }
        return true;
    }

    void read_quoted(part& field) {
        const std::size_t n = m_text.size();
        const std::size_t open_line = m_line;
        field.quoted = true;
        ++m_pos;
        const std::size_t start = m_pos;
        bool escaped = false;
        while (true) {
            if (m_pos >= n) {
                throw error(error_kind::parse_error, "a quoted field is never closed",
                            input_location{m_source, open_line,
                                           "column " + std::to_string(m_parts.size() + 1)});
            }
            const char c = m_text[m_pos];
            if (c == '"') {
                if (m_pos + 1 < n && m_text[m_pos + 1] == '"') {
                    escaped = true;
                    m_pos += 2;
                    continue;
                }
                break;
            }
            if (c == '\n' || (c == '\r' && !(m_pos + 1 < n && m_text[m_pos + 1] == '\n'))) {
                ++m_line;
            }
            ++m_pos;
        }
        const std::string_view raw = m_text.substr(start, m_pos - start);
        ++m_pos; // the closing quote

        if (!escaped) {
            field.offset = start;
            field.length = raw.size();
            return;
        }
        field.in_scratch = true;
        field.offset = m_scratch.size();
        for (std::size_t i = 0; i < raw.size(); ++i) {
            m_scratch.push_back(raw[i]);
            if (raw[i] == '"') {
                ++i; // the second quote of a doubled pair
            }
        }
        field.length = m_scratch.size() - field.offset;
    }

    std::string_view m_text;
    std::string m_source;
    csv_options m_options;
    std::size_t m_pos = 0;
    std::size_t m_line = 1;
    std::size_t m_record_line = 0;
    std::vector<part> m_parts;
    std::string m_scratch;
    std::vector<std::string_view> m_fields;
};

/// The columns of a CSV header, found by name.
class csv_header {
public:
    csv_header() = default;

    /// Takes the names of the current record of `reader` (trimmed) as the header.
    explicit csv_header(const csv_reader& reader)
        : m_source(reader.source()) {
        m_line = reader.line();
        for (const auto name : reader.fields()) {
            m_names.emplace_back(trim(name));
        }
    }

    /// The index of column `name`, or an error naming the file and the columns it has.
    [[nodiscard]] std::size_t require(std::string_view name) const {
        if (const auto index = find(name)) {
            return *index;
        }
        std::string seen;
        for (const auto& column : m_names) {
            seen += (seen.empty() ? "'" : ", '") + column + "'";
        }
        throw error(error_kind::parse_error,
                    "missing column '" + std::string(name) + "'; the header has " + seen,
                    input_location{m_source, m_line, {}});
    }

    [[nodiscard]] std::optional<std::size_t> find(std::string_view name) const {
        for (std::size_t i = 0; i < m_names.size(); ++i) {
            if (m_names[i] == name) {
                return i;
            }
        }
        return std::nullopt;
    }

    [[nodiscard]] std::size_t size() const noexcept { return m_names.size(); }
    [[nodiscard]] const std::string& name(std::size_t index) const { return m_names[index]; }
    [[nodiscard]] const std::vector<std::string>& names() const noexcept { return m_names; }

    /// Checks that the current record of `reader` has as many fields as the header.
    void check_width(const csv_reader& reader) const {
        if (reader.size() != m_names.size()) {
            throw error(error_kind::parse_error,
                        "expected " + std::to_string(m_names.size()) + " fields, saw " +
                            std::to_string(reader.size()),
                        reader.where());
        }
    }

private:
    std::string m_source;
    std::size_t m_line = 0;
    std::vector<std::string> m_names;
};

} // namespace kolroi
