// kolroi/roi/currency.hpp: ISO 4217 currency codes as the ROI part reads and compares them.
//
// A code is three ASCII letters ("USD", "EUR", "VND"). Codes are compared upper-cased, so "usd"
// in a file is "USD"; whether a code is one ISO 4217 actually assigns is not checked, since a
// store may book in a currency newer than this list would be.
#pragma once

#include "kolroi/core/error.hpp"
#include "kolroi/io/text.hpp"

#include <string>
#include <string_view>

namespace kolroi {

/// Whether `code` (after trimming) is three ASCII letters.
constexpr bool is_currency_code(std::string_view code) noexcept {
    const std::string_view body = trim(code);
    if (body.size() != 3) {
        return false;
    }
    for (const char c : body) {
        const bool letter = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
        if (!letter) {
            return false;
        }
    }
    return true;
}

/// `code` trimmed and upper-cased; an error naming `where` when it is not three ASCII letters.
/// `function` names the caller in the message.
inline std::string currency_code(std::string_view code, std::string_view function,
                                 const input_location& where = {}) {
    if (!is_currency_code(code)) {
        const auto kind = where.empty() ? error_kind::invalid_argument : error_kind::data_error;
        throw error(kind,
                    std::string(function) + ": currency '" + std::string(trim(code)) +
                        "' is not an ISO 4217 code of three letters",
                    where);
    }
    std::string upper(trim(code));
    for (char& c : upper) {
        if (c >= 'a' && c <= 'z') {
            c = static_cast<char>(c - 'a' + 'A');
        }
    }
    return upper;
}

} // namespace kolroi
