// kolroi/prediction/count_text.hpp: the ways creator statistics are written in exports: counts
// with a k, m or b suffix ("475.8m", "0.89k", "29.0b"), spreadsheet exponents ("2.28E+11")
// and percentages ("1.39%").
//
//   parse_count("475.8m") = 475,800,000    k = 10^3, m = 10^6, b = 10^9 (either case)
//   parse_count("2.28E+11") = 228,000,000,000
//   parse_percentage("1.39%") = 0.0139     a fraction; the percent sign is required
//
// The digits and the suffix are read as one decimal number ("475.8e6"), so the result is the
// double nearest the written value, never a product that rounds twice. Counts are finite and
// non-negative; anything else is a parse_error naming `where`.
#pragma once

#include "kolroi/core/error.hpp"
#include "kolroi/io/text.hpp"

#include <cctype>
#include <charconv>
#include <string>
#include <string_view>
#include <system_error>

namespace kolroi {

namespace detail {

/// The decimal number `digits` times 10^exponent, correctly rounded; empty text or trailing
/// characters throw a parse_error with `what` describing the expected form.
inline double decimal_with_exponent(std::string_view digits, int exponent, std::string_view seen,
                                    std::string_view what, const input_location& where) {
    std::string text(digits);
    if (exponent != 0) {
        text += "e" + std::to_string(exponent);
    }
    double value = 0;
    const char* end = text.data() + text.size();
    const auto [stop, failure] = std::from_chars(text.data(), end, value);
    const bool plain = !digits.empty() && digits.front() != '-' && digits.front() != '+';
    if (!plain || failure != std::errc{} || stop != end || !(value >= 0) || value > 1.0e300) {
        throw error(error_kind::parse_error,
                    "expected " + std::string(what) + ", saw '" + std::string(seen) + "'", where);
    }
    return value;
}

} // namespace detail

/// A non-negative count, plain ("1500", "2.28E+11") or with a k, m or b suffix ("475.8m").
inline double parse_count(std::string_view text, const input_location& where) {
    const std::string_view body = trim(text);
    constexpr std::string_view what = "a count such as 1500, 0.89k, 475.8m or 29.0b";
    if (body.empty()) {
        throw error(error_kind::parse_error, "expected a count, saw an empty value", where);
    }
    int exponent = 0;
    switch (std::tolower(static_cast<unsigned char>(body.back()))) {
    case 'k':
        exponent = 3;
        break;
    case 'm':
        exponent = 6;
        break;
    case 'b':
        exponent = 9;
        break;
    default:
        break;
    }
    const std::string_view digits = exponent == 0 ? body : body.substr(0, body.size() - 1);
    if (exponent != 0 && digits.find_first_of("eE") != std::string_view::npos) {
        throw error(error_kind::parse_error,
                    "expected " + std::string(what) + ", saw '" + std::string(body) + "'", where);
    }
    return detail::decimal_with_exponent(digits, exponent, body, what, where);
}

/// A percentage with its sign ("1.39%", "0%") as a fraction (0.0139).
inline double parse_percentage(std::string_view text, const input_location& where) {
    const std::string_view body = trim(text);
    constexpr std::string_view what = "a percentage such as 1.39%";
    if (body.empty() || body.back() != '%') {
        throw error(error_kind::parse_error,
                    "expected " + std::string(what) + ", saw '" + std::string(body) + "'", where);
    }
    const std::string_view digits = trim(body.substr(0, body.size() - 1));
    if (digits.find_first_of("eE") != std::string_view::npos) {
        throw error(error_kind::parse_error,
                    "expected " + std::string(what) + ", saw '" + std::string(body) + "'", where);
    }
    return detail::decimal_with_exponent(digits, -2, body, what, where);
}

} // namespace kolroi
