// kolroi/io/text.hpp: small text helpers every reader shares: trimming, UTF-8 checks, numbers.
#pragma once

#include "kolroi/core/error.hpp"

#include <charconv>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <system_error>

namespace kolroi {

namespace detail {

/// Space, tab, LF, VT, FF or CR: the ASCII white space that trim removes.
constexpr bool is_ascii_space(char c) noexcept {
    return c == ' ' || (c >= '\t' && c <= '\r');
}

} // namespace detail

/// `text` without leading and trailing ASCII white space (space, tab, CR, LF, FF, VT). Bytes of
/// multi-byte UTF-8 characters are never white space, so trimming is UTF-8 safe.
constexpr std::string_view trim(std::string_view text) noexcept {
    // A test per byte, not find_first_not_of: that searches the set of spaces once per byte.
    std::size_t first = 0;
    std::size_t last = text.size();
    while (first < last && detail::is_ascii_space(text[first])) {
        ++first;
    }
    while (last > first && detail::is_ascii_space(text[last - 1])) {
        --last;
    }
    return text.substr(first, last - first);
}

/// `c` with an ASCII upper-case letter made lower-case.
constexpr char ascii_lower(char c) noexcept {
    return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

/// `text` with its ASCII upper-case letters made lower-case; other bytes are left alone.
inline std::string ascii_lowered(std::string_view text) {
    std::string out(text);
    for (char& c : out) {
        c = ascii_lower(c);
    }
    return out;
}

/// Whether `a` and `b` are equal when ASCII letters are compared without their case (how
/// campaign tags, sources and mediums are matched); other bytes must be equal.
constexpr bool iequals_ascii(std::string_view a, std::string_view b) noexcept {
    if (a.size() != b.size()) {
        return false;
    }
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (ascii_lower(a[i]) != ascii_lower(b[i])) {
            return false;
        }
    }
    return true;
}

/// Whether `text` is well-formed UTF-8 (no overlong forms, no surrogates, nothing past U+10FFFF).
constexpr bool is_valid_utf8(std::string_view text) noexcept {
    std::size_t i = 0;
    const std::size_t n = text.size();
    while (i < n) {
        const auto lead = static_cast<unsigned char>(text[i]);
        if (lead < 0x80) {
            ++i;
            continue;
        }
        std::size_t length = 0;
        std::uint32_t code = 0;
        if (lead >= 0xC2 && lead <= 0xDF) {
            length = 2;
            code = lead & 0x1Fu;
        } else if (lead >= 0xE0 && lead <= 0xEF) {
            length = 3;
            code = lead & 0x0Fu;
        } else if (lead >= 0xF0 && lead <= 0xF4) {
            length = 4;
            code = lead & 0x07u;
        } else {
            return false;
        }
        if (n - i < length) {
            return false;
        }
        for (std::size_t k = 1; k < length; ++k) {
            const auto next = static_cast<unsigned char>(text[i + k]);
            if ((next & 0xC0u) != 0x80u) {
                return false;
            }
            code = (code << 6) | (next & 0x3Fu);
        }
        const bool overlong = (length == 3 && code < 0x800) || (length == 4 && code < 0x10000);
        const bool surrogate = code >= 0xD800 && code <= 0xDFFF;
        if (overlong || surrogate || code > 0x10FFFF) {
            return false;
        }
        i += length;
    }
    return true;
}

/// Latin-1 (ISO 8859-1) bytes re-encoded as UTF-8: every byte is the code point of its value.
inline std::string latin1_to_utf8(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte < 0x80) {
            out.push_back(c);
        } else {
            out.push_back(static_cast<char>(0xC0u | (byte >> 6)));
            out.push_back(static_cast<char>(0x80u | (byte & 0x3Fu)));
        }
    }
    return out;
}

/// The shortest decimal text that reads back as `value` ("600", "0.1", "1e+300").
inline std::string format_number(double value) {
    char buffer[32];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
    return std::string(buffer, result.ptr);
}

/// Parses a decimal number (optional sign, digits, optional fraction and exponent; surrounding
/// white space allowed). Infinity and NaN are errors that name `where`: money and counts are
/// always finite.
inline double parse_double(std::string_view text, const input_location& where) {
    std::string_view body = trim(text);
    if (body.empty()) {
        throw error(error_kind::parse_error, "expected a number, saw an empty value", where);
    }
    if (body.front() == '+') {
        body.remove_prefix(1);
    }
    double result = 0;
    const char* const end = body.data() + body.size();
    const auto [stop, failure] = std::from_chars(body.data(), end, result);
    if (failure == std::errc::result_out_of_range) {
        throw error(error_kind::parse_error,
                    "number '" + std::string(trim(text)) + "' is out of range", where);
    }
    if (failure != std::errc{} || stop != end) {
        throw error(error_kind::parse_error,
                    "expected a number, saw '" + std::string(trim(text)) + "'", where);
    }
    if (!std::isfinite(result)) {
        throw error(error_kind::parse_error,
                    "expected a finite number, saw '" + std::string(trim(text)) + "'", where);
    }
    return result;
}

/// Parses a whole non-negative or negative integer, with the same rules as parse_double.
inline std::int64_t parse_integer(std::string_view text, const input_location& where) {
    std::string_view body = trim(text);
    if (!body.empty() && body.front() == '+') {
        body.remove_prefix(1);
    }
    std::int64_t result = 0;
    const char* const end = body.data() + body.size();
    const auto [stop, failure] = std::from_chars(body.data(), end, result);
    if (body.empty() || failure != std::errc{} || stop != end) {
        throw error(error_kind::parse_error,
                    "expected a whole number, saw '" + std::string(trim(text)) + "'", where);
    }
    return result;
}

} // namespace kolroi
