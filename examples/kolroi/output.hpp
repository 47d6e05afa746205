// Printing tables for the kolroi tool: aligned text for people, CSV and JSON for pipelines.
#pragma once

#include "kolroi/core/diagnostics.hpp"
#include "kolroi/io/text.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstddef>
#include <iomanip>
#include <optional>
#include <ostream>
#include <sstream>
#include <string>
#include <variant>
#include <vector>

namespace kolroi::cli {

enum class output_format { table, csv, json };

/// A cell: text, a number shown with `decimals` places, or nothing (an undefined value, which
/// prints as its reason and is null in JSON).
struct cell {
    std::variant<std::string, double, std::monostate> content;
    int decimals = 2;
    std::string undefined_text = "undefined";

    static cell text(std::string value) { return {std::move(value), 2, {}}; }
    static cell number(double value, int decimals = 2) { return {value, decimals, {}}; }
    static cell undefined(std::string why) { return {std::monostate{}, 0, std::move(why)}; }
    static cell number_or(const std::optional<double>& value, std::string why, int decimals = 2) {
        return value ? number(*value, decimals) : undefined(std::move(why));
    }
};

struct table {
    std::vector<std::string> columns;
    std::vector<std::vector<cell>> rows;
};

namespace detail {

// `value` with `decimals` places; a value that rounds to zero prints without a minus sign.
inline std::string fixed(double value, int decimals) {
    std::ostringstream out;
    out << std::fixed << std::setprecision(decimals) << value;
    std::string text = out.str();
    if (!text.empty() && text.front() == '-' &&
        text.find_first_not_of("0.", 1) == std::string::npos) {
        text.erase(0, 1);
    }
    return text;
}

// The columns a text takes in a terminal: one per UTF-8 code point (continuation bytes take
// none). Wide East Asian characters are counted as one.
inline std::size_t display_width(const std::string& text) {
    std::size_t width = 0;
    for (const char c : text) {
        width += (static_cast<unsigned char>(c) & 0xC0u) != 0x80u;
    }
    return width;
}

inline std::string csv_quote(const std::string& text) {
    if (text.find_first_of(",\"\r\n") == std::string::npos) {
        return text;
    }
    std::string quoted = "\"";
    for (const char c : text) {
        quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
    }
    return quoted + "\"";
}

inline std::string display(const cell& c) {
    if (const auto* text = std::get_if<std::string>(&c.content)) {
        return *text;
    }
    if (const auto* number = std::get_if<double>(&c.content)) {
        return fixed(*number, c.decimals);
    }
    return c.undefined_text;
}

inline bool numeric(const cell& c) {
    return !std::holds_alternative<std::string>(c.content);
}

} // namespace detail

/// Aligned columns, numbers to the right; lines end at their last character. A table without
/// rows prints "(no rows)" instead of a header over nothing.
inline void print_table(std::ostream& out, const table& t) {
    if (t.rows.empty()) {
        out << "  (no rows)\n";
        return;
    }
    std::vector<std::size_t> width(t.columns.size());
    for (std::size_t i = 0; i < t.columns.size(); ++i) {
        width[i] = detail::display_width(t.columns[i]);
    }
    for (const auto& row : t.rows) {
        for (std::size_t i = 0; i < row.size(); ++i) {
            width[i] = std::max(width[i], detail::display_width(detail::display(row[i])));
        }
    }
    const auto line = [&](const std::vector<std::string>& cells, const std::vector<bool>& right) {
        std::string text;
        for (std::size_t i = 0; i < cells.size(); ++i) {
            const std::string pad(width[i] - detail::display_width(cells[i]), ' ');
            text += (i ? "  " : "") + (right[i] ? pad + cells[i] : cells[i] + pad);
        }
        text.erase(text.find_last_not_of(' ') + 1);
        out << text << '\n';
    };
    std::vector<bool> right(t.columns.size(), false);
    for (std::size_t i = 0; i < t.columns.size(); ++i) {
        right[i] = detail::numeric(t.rows.front()[i]);
    }
    line(t.columns, right);
    for (const auto& row : t.rows) {
        std::vector<std::string> cells;
        for (const auto& c : row) {
            cells.push_back(detail::display(c));
        }
        line(cells, right);
    }
}

/// The counts of `notes`, one line per reason: "  <what>: <reason> (<count>)".
inline void print_notes(std::ostream& out, const std::string& what, const diagnostics& notes) {
    for (const auto& [reason, count] : notes.counts()) {
        out << "  " << what << ": " << reason << " (" << count << ")\n";
    }
}

/// Up to `limit` of the examples `notes` kept, each with where it was seen.
inline void print_note_examples(std::ostream& out, const diagnostics& notes, std::size_t limit) {
    std::size_t shown = 0;
    for (const auto& example : notes.examples()) {
        if (shown++ == limit) {
            break;
        }
        out << "    " << example.where.describe() << (example.where.empty() ? "" : ": ")
            << example.detail << '\n';
    }
}

/// RFC 4180 CSV with full-precision numbers; an undefined value is an empty field.
inline void print_csv(std::ostream& out, const table& t) {
    for (std::size_t i = 0; i < t.columns.size(); ++i) {
        out << (i ? "," : "") << detail::csv_quote(t.columns[i]);
    }
    out << '\n';
    for (const auto& row : t.rows) {
        for (std::size_t i = 0; i < row.size(); ++i) {
            out << (i ? "," : "");
            if (const auto* text = std::get_if<std::string>(&row[i].content)) {
                out << detail::csv_quote(*text);
            } else if (const auto* number = std::get_if<double>(&row[i].content)) {
                out << kolroi::format_number(*number);
            }
        }
        out << '\n';
    }
}

/// The rows as JSON objects keyed by column; an undefined value is null.
inline nlohmann::json to_json(const table& t) {
    auto rows = nlohmann::json::array();
    for (const auto& row : t.rows) {
        nlohmann::json object = nlohmann::json::object();
        for (std::size_t i = 0; i < row.size(); ++i) {
            if (const auto* text = std::get_if<std::string>(&row[i].content)) {
                object[t.columns[i]] = *text;
            } else if (const auto* number = std::get_if<double>(&row[i].content)) {
                object[t.columns[i]] = *number;
            } else {
                object[t.columns[i]] = nullptr;
            }
        }
        rows.push_back(std::move(object));
    }
    return rows;
}

} // namespace kolroi::cli
