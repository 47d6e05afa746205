// kolroi/tracking/detail/text.hpp: byte-level text helpers shared by the tracking headers.
//
// ASCII case folding (tracking values are matched the way GA4 matches them: ASCII-lower-cased,
// surrounding white space removed with kolroi::trim; non-ASCII bytes are left alone), host label
// matching, and percent-decoding that reports a malformed escape, or a result that is not UTF-8
// (kolroi::is_valid_utf8), instead of guessing what was meant. Every function here reads only
// the bytes of the string_view it is given.
#pragma once

#include "kolroi/io/text.hpp"

#include <cstddef>
#include <string>
#include <string_view>

namespace kolroi {

/// What became of a piece of text when its percent escapes were decoded.
enum class decode_status {
    ok,               ///< decoded, and the result is valid UTF-8
    malformed_escape, ///< a '%' not followed by two hex digits (`%G1`, a trailing `%4`)
    invalid_utf8,     ///< the escapes decode to bytes that are not UTF-8 (`%FF`, `%C0%AF`)
};

constexpr std::string_view to_string(decode_status status) noexcept {
    switch (status) {
    case decode_status::ok:
        return "ok";
    case decode_status::malformed_escape:
        return "malformed percent escape";
    case decode_status::invalid_utf8:
        return "invalid UTF-8 after decoding";
    }
    return "undecodable";
}

} // namespace kolroi

namespace kolroi::detail {

constexpr bool is_ascii_alpha(char c) noexcept {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

constexpr bool is_ascii_digit(char c) noexcept {
    return c >= '0' && c <= '9';
}

/// The form in which sources, mediums and registry keys are compared: trimmed, ASCII-lower-cased.
inline std::string normalized_key(std::string_view text) {
    return ascii_lowered(kolroi::trim(text));
}

/// `text` as normalized_key gives it, as a view: of `text` itself when trimming is all it needs,
/// else of `scratch`, which then holds the lower-cased text. A lookup with it builds no string.
inline std::string_view normalized_view(std::string_view text, std::string& scratch) {
    text = kolroi::trim(text);
    for (const char c : text) {
        if (c >= 'A' && c <= 'Z') {
            scratch = ascii_lowered(text);
            return scratch;
        }
    }
    return text;
}

/// True when `host` is `domain` or a subdomain of it: the match ends on a label boundary, so
/// "l.instagram.com" is under "instagram.com" and "notinstagram.com" is not.
constexpr bool is_same_or_subdomain(std::string_view host, std::string_view domain) noexcept {
    if (domain.empty() || host.size() < domain.size()) {
        return false;
    }
    if (host.substr(host.size() - domain.size()) != domain) {
        return false;
    }
    return host.size() == domain.size() || host[host.size() - domain.size() - 1] == '.';
}

constexpr int hex_value(char c) noexcept {
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
        return c - 'A' + 10;
    }
    return -1;
}

/// Decodes `%XX` escapes of `text` into `out` (and `+` into a space when `plus_as_space`, as
/// application/x-www-form-urlencoded does for query strings). Each escape is decoded once, so
/// `%2526` becomes `%26`. On any status but ok, `out` holds nothing usable and is cleared.
inline decode_status percent_decode(std::string_view text, bool plus_as_space, std::string& out) {
    out.clear();
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '%') {
            const int high = i + 1 < text.size() ? hex_value(text[i + 1]) : -1;
            const int low = i + 2 < text.size() ? hex_value(text[i + 2]) : -1;
            if (high < 0 || low < 0) {
                out.clear();
                return decode_status::malformed_escape;
            }
            out.push_back(static_cast<char>(high * 16 + low));
            i += 2;
        } else if (c == '+' && plus_as_space) {
            out.push_back(' ');
        } else {
            out.push_back(c);
        }
    }
    if (!kolroi::is_valid_utf8(out)) {
        out.clear();
        return decode_status::invalid_utf8;
    }
    return decode_status::ok;
}

/// Decodes `text` as percent_decode does, into a view: of `text` itself when it holds nothing to
/// decode (no '%', and no '+' read as a space), else of `scratch`, which then holds the result.
/// On any status but ok, `out` is empty.
inline decode_status percent_decode_view(std::string_view text, bool plus_as_space,
                                         std::string& scratch, std::string_view& out) {
    bool plain = true;
    for (const char c : text) {
        if (c == '%' || (c == '+' && plus_as_space)) {
            plain = false;
            break;
        }
    }
    if (plain) {
        const bool valid = kolroi::is_valid_utf8(text);
        out = valid ? text : std::string_view();
        return valid ? decode_status::ok : decode_status::invalid_utf8;
    }
    const decode_status status = percent_decode(text, plus_as_space, scratch);
    out = scratch;
    return status;
}

} // namespace kolroi::detail
