// kolroi/tracking/url.hpp: a parser for landing-page URLs and referrers, and their query strings.
//
// It splits `scheme://host:port/path?query#fragment` the way the WHATWG URL standard and RFC 3986
// do, for the URLs a store sees: absolute http(s) URLs, scheme-relative `//host/path`, bare
// `host/path` without a scheme, store-relative `/path?query` and `?query` alone, and app
// referrers such as `android-app://com.instagram.android`. The query is split on '&' only (';' is
// part of a value), keys and values are percent-decoded once with '+' read as a space, and every
// occurrence of a repeated key is kept in order. A parameter whose escapes are malformed or decode
// to invalid UTF-8 is kept, flagged, with no decoded text, so nothing downstream sees a guess.
//
// Structural faults (a port that is not a number below 65536, a character that cannot be in a
// host, a control character inside the URL) throw kolroi::error of kind parse_error. The parser
// reads only the bytes of the string_view it is given.
#pragma once

#include "kolroi/core/error.hpp"
#include "kolroi/tracking/detail/text.hpp"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kolroi {

/// How a lookup compares parameter keys. The URL standard compares them byte for byte; the
/// campaign and click-id keys are looked up ignoring ASCII case (`UTM_Source` works).
enum class key_match { exact, ascii_case_insensitive };

/// One `key=value` piece of a query string.
struct query_parameter {
    std::string key;       ///< decoded; empty when `key_status` is not ok
    std::string value;     ///< decoded; empty when `value_status` is not ok or there is no '='
    std::string raw_key;   ///< as written in the URL
    std::string raw_value; ///< as written in the URL
    bool has_equals = false;
    decode_status key_status = decode_status::ok;
    decode_status value_status = decode_status::ok;
    std::size_t offset = 0; ///< byte offset of the piece in the parsed text

    [[nodiscard]] bool ok() const noexcept {
        return key_status == decode_status::ok && value_status == decode_status::ok;
    }

    /// The first fault of the key, else of the value.
    [[nodiscard]] decode_status status() const noexcept {
        return key_status != decode_status::ok ? key_status : value_status;
    }

    /// Compares `wanted` with the decoded key. A key that could not be decoded matches nothing;
    /// a key that decoded but whose value did not still matches, so `utm_source=%G1` is found.
    [[nodiscard]] bool has_key(std::string_view wanted, key_match match) const noexcept {
        if (key_status != decode_status::ok) {
            return false;
        }
        return match == key_match::exact ? key == wanted : kolroi::iequals_ascii(key, wanted);
    }
};

/// One '/'-separated piece of a path, percent-decoded ('+' stays a plus sign in a path).
struct path_segment {
    std::string text; ///< decoded; empty when `status` is not ok
    std::string raw;
    decode_status status = decode_status::ok;
};

/// A parsed URL. Text members hold the URL's own bytes except `scheme` and `host`, which are
/// ASCII-lower-cased; the host is not converted between punycode and Unicode. Only decoded text
/// (parameter keys and values, path segments) is guaranteed to be UTF-8; the raw members are the
/// input as given.
struct url {
    std::string scheme; ///< "https", "android-app", or empty when the text has none
    std::string host;   ///< empty when the text has no authority
    std::optional<std::uint16_t> port;
    std::string path; ///< raw; "/" for an http(s) URL with a host and no path
    std::string query;
    std::string fragment;
    bool has_authority = false;
    bool has_query = false; ///< a '?' was present, even with nothing after it
    bool has_fragment = false;
    std::vector<query_parameter> parameters; ///< in the order written, repeats kept

    /// The first parameter with key `key`, flagged or not, or nullptr.
    [[nodiscard]] const query_parameter* find(std::string_view key,
                                              key_match match = key_match::exact) const noexcept {
        for (const auto& parameter : parameters) {
            if (parameter.has_key(key, match)) {
                return &parameter;
            }
        }
        return nullptr;
    }

    /// Every parameter with key `key`, in order.
    [[nodiscard]] std::vector<const query_parameter*>
    find_all(std::string_view key, key_match match = key_match::exact) const {
        std::vector<const query_parameter*> found;
        for (const auto& parameter : parameters) {
            if (parameter.has_key(key, match)) {
                found.push_back(&parameter);
            }
        }
        return found;
    }

    /// The path's segments, decoded. "/r/anna/" gives "r", "anna", "".
    [[nodiscard]] std::vector<path_segment> path_segments() const {
        std::vector<path_segment> segments;
        std::string_view rest = path;
        if (!rest.empty() && rest.front() == '/') {
            rest.remove_prefix(1);
        }
        if (rest.empty()) {
            return segments;
        }
        while (true) {
            const std::size_t slash = rest.find('/');
            path_segment segment;
            segment.raw = std::string(rest.substr(0, slash));
            segment.status = detail::percent_decode(segment.raw, false, segment.text);
            segments.push_back(std::move(segment));
            if (slash == std::string_view::npos) {
                break;
            }
            rest.remove_prefix(slash + 1);
        }
        return segments;
    }
};

namespace detail {

inline bool is_scheme_char(char c) noexcept {
    return is_ascii_alpha(c) || is_ascii_digit(c) || c == '+' || c == '-' || c == '.';
}

/// Host bytes that a registered name may hold as written: letters, digits, '-', '.', '_', '~'
/// and (for IDNs written in Unicode) any non-ASCII byte, checked as UTF-8 afterwards.
inline bool is_host_char(char c) noexcept {
    return is_ascii_alpha(c) || is_ascii_digit(c) || c == '-' || c == '.' || c == '_' || c == '~' ||
           static_cast<unsigned char>(c) >= 0x80;
}

/// http and https, in any case: the schemes whose URLs need a host.
/// Whether `text` starts with "//", tested byte by byte rather than by a call to compare.
constexpr bool starts_with_two_slashes(std::string_view text) noexcept {
    return text.size() >= 2 && text[0] == '/' && text[1] == '/';
}

inline bool is_special_scheme(std::string_view scheme) noexcept {
    return iequals_ascii(scheme, "http") || iequals_ascii(scheme, "https");
}

[[noreturn]] inline void url_fault(std::string_view text, std::size_t offset,
                                   const std::string& rule) {
    throw error(error_kind::parse_error, "parse_url: " + rule + " at byte " +
                                             std::to_string(offset) + " of '" + std::string(text) +
                                             "'");
}

/// Where `text` (the part before '?' and '#') has a scheme, the length of the scheme; else 0.
/// `name:` is a scheme only when "//" follows or what follows is not a port number, so
/// `localhost:3000/x` and `shop.example:8080` read as a host and a port.
inline std::size_t scheme_length(std::string_view head) noexcept {
    if (head.empty() || !is_ascii_alpha(head.front())) {
        return 0;
    }
    std::size_t colon = 1;
    while (colon < head.size() && is_scheme_char(head[colon])) {
        ++colon;
    }
    if (colon >= head.size() || head[colon] != ':') {
        return 0;
    }
    const std::string_view after = head.substr(colon + 1);
    if (starts_with_two_slashes(after)) {
        return colon;
    }
    std::size_t digits = 0;
    while (digits < after.size() && is_ascii_digit(after[digits])) {
        ++digits;
    }
    const bool port_like = digits > 0 && (digits == after.size() || after[digits] == '/');
    return port_like ? 0 : colon;
}

/// A URL cut into its parts, each a view of the text it was parsed from: nothing is decoded or
/// lower-cased. parse_url makes a url of it; the touch resolver reads it directly, so that a
/// visit's landing URL and referrer cost no copies.
struct url_parts {
    std::string_view scheme; ///< as written
    std::string_view host;   ///< as written (an IP literal with its brackets)
    std::optional<std::uint16_t> port;
    std::string_view path; ///< "/" for an http(s) URL with a host and no path
    std::string_view query;
    std::size_t query_offset = 0; ///< byte offset of the query in the parsed text
    std::string_view fragment;
    bool has_authority = false;
    bool has_query = false;
    bool has_fragment = false;
};

inline void parse_port(std::string_view text, std::string_view digits, std::size_t offset,
                       url_parts& out) {
    if (digits.empty()) {
        return; // "host:" has no port, as in the URL standard
    }
    std::uint32_t value = 0;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (!is_ascii_digit(digits[i])) {
            url_fault(text, offset + i, "port '" + std::string(digits) + "' is not a number");
        }
        value = value * 10 + static_cast<std::uint32_t>(digits[i] - '0');
        if (value > 65535) {
            url_fault(text, offset, "port '" + std::string(digits) + "' is above 65535");
        }
    }
    out.port = static_cast<std::uint16_t>(value);
}

inline void parse_host(std::string_view text, std::string_view host, std::size_t offset,
                       url_parts& out) {
    if (!host.empty() && host.front() == '[') {
        // An IP literal is kept as written, brackets included.
        if (host.back() != ']') {
            url_fault(text, offset, "IP literal host '" + std::string(host) + "' has no ']'");
        }
        for (std::size_t i = 1; i + 1 < host.size(); ++i) {
            const char c = host[i];
            if (!(is_ascii_digit(c) || hex_value(c) >= 0 || c == ':' || c == '.')) {
                url_fault(text, offset + i,
                          "IP literal host has character '" + std::string(1, c) + "'");
            }
        }
        out.host = host;
        return;
    }
    for (std::size_t i = 0; i < host.size(); ++i) {
        if (!is_host_char(host[i])) {
            url_fault(text, offset + i,
                      "host '" + std::string(host) + "' has character '" + std::string(1, host[i]) +
                          "'");
        }
    }
    if (!is_valid_utf8(host)) {
        url_fault(text, offset, "host is not valid UTF-8");
    }
    out.host = host;
}

/// `authority` is `[userinfo@]host[:port]`; userinfo is dropped, as it never names a source.
inline void parse_authority(std::string_view text, std::string_view authority, std::size_t offset,
                            url_parts& out) {
    out.has_authority = true;
    const std::size_t at = authority.rfind('@');
    if (at != std::string_view::npos) {
        authority.remove_prefix(at + 1);
        offset += at + 1;
    }
    std::size_t host_end = authority.size();
    if (!authority.empty() && authority.front() == '[') {
        const std::size_t close = authority.find(']');
        host_end = close == std::string_view::npos ? authority.size() : close + 1;
        if (host_end < authority.size() && authority[host_end] != ':') {
            url_fault(text, offset + host_end, "IP literal host is followed by text");
        }
    } else {
        host_end = std::min(authority.find(':'), authority.size());
    }
    parse_host(text, authority.substr(0, host_end), offset, out);
    if (host_end < authority.size()) {
        parse_port(text, authority.substr(host_end + 1), offset + host_end + 1, out);
    }
}

/// Calls `visit(offset, raw_key, raw_value, has_equals)` for each '&'-separated piece of `query`,
/// in order; `offset` is the byte offset of `query` in the parsed text, added to each piece's.
template <class Visit>
void for_each_query_piece(std::string_view query, std::size_t offset, Visit&& visit) {
    std::size_t start = 0;
    while (start <= query.size()) {
        const std::size_t end = std::min(query.find('&', start), query.size());
        const std::string_view piece = query.substr(start, end - start);

        // Empty pieces ("a=1&&b=2", a trailing '&') carry nothing, as in the URL standard.
        if (!piece.empty()) {
            const std::size_t equals = piece.find('=');
            const bool has_equals = equals != std::string_view::npos;
            visit(offset + start, piece.substr(0, equals),
                  has_equals ? piece.substr(equals + 1) : std::string_view(), has_equals);
        }
        if (end == query.size()) {
            break;
        }
        start = end + 1;
    }
}

inline void parse_query(std::string_view query, std::size_t offset, url& out) {
    for_each_query_piece(
        query, offset,
        [&out](std::size_t at, std::string_view key, std::string_view value, bool has_equals) {
            query_parameter parameter;
            parameter.offset = at;
            parameter.has_equals = has_equals;
            parameter.raw_key = std::string(key);
            parameter.raw_value = std::string(value);
            parameter.key_status = percent_decode(key, true, parameter.key);
            parameter.value_status = percent_decode(value, true, parameter.value);
            out.parameters.push_back(std::move(parameter));
        });
}

inline void reject_control_characters(std::string_view text, std::size_t begin, std::size_t end) {
    for (std::size_t i = begin; i < end; ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c < 0x20 || c == 0x7F) {
            url_fault(text, i, "control character " + std::to_string(c) + " inside the URL");
        }
    }
}

/// Cuts `text` into a URL's parts, with the checks and faults of parse_url.
inline url_parts split_url(std::string_view text) {
    url_parts out;

    // Leading and trailing whitespace is not part of a URL (copied links often carry it).
    std::size_t begin = 0;
    std::size_t end = text.size();
    while (begin < end && is_ascii_space(text[begin])) {
        ++begin;
    }
    while (end > begin && is_ascii_space(text[end - 1])) {
        --end;
    }
    reject_control_characters(text, begin, end);
    const std::string_view body = text.substr(begin, end - begin);

    // The fragment starts at the first '#', so a '?' inside it belongs to the fragment.
    const std::size_t hash = body.find('#');
    if (hash != std::string_view::npos) {
        out.has_fragment = true;
        out.fragment = body.substr(hash + 1);
    }
    const std::string_view before_hash = body.substr(0, hash);
    const std::size_t question = before_hash.find('?');
    if (question != std::string_view::npos) {
        out.has_query = true;
        out.query = before_hash.substr(question + 1);
        out.query_offset = begin + question + 1;
    }
    std::string_view head = before_hash.substr(0, question);
    std::size_t offset = begin;

    // Scheme, then an authority after "//" (or, without a scheme, a leading host name).
    const std::size_t scheme_size = scheme_length(head);
    if (scheme_size > 0) {
        out.scheme = head.substr(0, scheme_size);
        head.remove_prefix(scheme_size + 1);
        offset += scheme_size + 1;
    }
    const bool slashes = starts_with_two_slashes(head);
    const bool bare_host = scheme_size == 0 && !head.empty() && head.front() != '/';
    if (slashes || bare_host) {
        if (slashes) {
            head.remove_prefix(2);
            offset += 2;
        }
        const std::size_t path_start = std::min(head.find('/'), head.size());
        parse_authority(text, head.substr(0, path_start), offset, out);
        head.remove_prefix(path_start);
    }
    out.path = head;

    // An http(s) URL needs a host, and its empty path is "/", as the URL standard serialises it.
    if (is_special_scheme(out.scheme)) {
        if (out.host.empty()) {
            url_fault(text, begin, "an " + ascii_lowered(out.scheme) + " URL has no host");
        }
        if (out.path.empty()) {
            out.path = "/";
        }
    }
    return out;
}

} // namespace detail

/// Parses a landing URL or a referrer. Surrounding whitespace is ignored; an empty text gives an
/// empty url. Throws kolroi::error (parse_error) for the structural faults listed above.
inline url parse_url(std::string_view text) {
    const detail::url_parts parts = detail::split_url(text);
    url out;
    out.scheme = ascii_lowered(parts.scheme);
    out.host = ascii_lowered(parts.host);
    out.port = parts.port;
    out.path = std::string(parts.path);
    out.query = std::string(parts.query);
    out.fragment = std::string(parts.fragment);
    out.has_authority = parts.has_authority;
    out.has_query = parts.has_query;
    out.has_fragment = parts.has_fragment;
    detail::parse_query(parts.query, parts.query_offset, out);
    return out;
}

} // namespace kolroi
