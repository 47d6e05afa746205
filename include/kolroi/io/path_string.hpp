// kolroi/io/path_string.hpp: splitting and joining path strings such as "Email > Paid Search".
//
// A path string lists channel names separated by a separator string (">" by default). The whole
// separator is matched, so a multi-byte UTF-8 separator ("→") works, and names may contain
// spaces: "Organic Search > IG Story" is two channels. Only the edges of each name are trimmed.
// An empty or all-blank string is a path with no touch. An empty name between two separators is
// an error: it usually means a channel name contained the separator, which cannot be told apart
// from two names. Code that has the touches as a list should never build a path string at all.
#pragma once

#include "kolroi/core/error.hpp"
#include "kolroi/io/text.hpp"

#include <algorithm>
#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace kolroi {

namespace detail {

/// Where `separator` (not empty) next starts in `path` at or after `start`, or npos. Path
/// strings are short, so a plain loop over the bytes beats calling memchr once per name.
constexpr std::size_t find_separator(std::string_view path, std::string_view separator,
                                     std::size_t start) noexcept {
    const char lead = separator.front();
    const std::size_t rest = separator.size() - 1;
    for (std::size_t at = start; at + rest < path.size(); ++at) {
        if (path[at] == lead && path.substr(at + 1, rest) == separator.substr(1)) {
            return at;
        }
    }
    return std::string_view::npos;
}

} // namespace detail

/// Splits `path` into channel names (views into `path`), appending them to `names`.
inline void split_path(std::string_view path, std::string_view separator,
                       std::vector<std::string_view>& names, const input_location& where = {}) {
    if (separator.empty()) {
        throw error(error_kind::invalid_argument, "split_path: the separator is empty", where);
    }
    if (trim(path).empty()) {
        return;
    }
    std::size_t start = 0;
    std::size_t touch = 1;
    while (true) {
        const std::size_t at = detail::find_separator(path, separator, start);
        const std::string_view name = trim(
            path.substr(start, at == std::string_view::npos ? std::string_view::npos : at - start));
        if (name.empty()) {
            throw error(error_kind::parse_error,
                        "split_path: touch " + std::to_string(touch) + " of '" + std::string(path) +
                            "' has an empty channel name; a name that "
                            "contains the separator '" +
                            std::string(separator) + "' cannot be split without ambiguity",
                        where);
        }
        if (!is_valid_utf8(name)) {
            throw error(error_kind::parse_error,
                        "split_path: touch " + std::to_string(touch) + " is not valid UTF-8",
                        where);
        }
        names.push_back(name);
        if (at == std::string_view::npos) {
            return;
        }
        start = at + separator.size();
        ++touch;
    }
}

/// The channel names of `path`.
[[nodiscard]] inline std::vector<std::string_view> split_path(std::string_view path,
                                                              std::string_view separator = ">") {
    std::vector<std::string_view> names;
    split_path(path, separator, names);
    return names;
}

/// Joins names into a path string with " <separator> " between them. A name that contains the
/// separator, or is empty, is rejected, as is any list that the string would not split back into.
[[nodiscard]] inline std::string join_path(std::span<const std::string_view> names,
                                           std::string_view separator = ">") {
    std::string path;
    for (std::size_t i = 0; i < names.size(); ++i) {
        const std::string_view name = names[i];
        if (trim(name).empty() || trim(name).size() != name.size() ||
            name.find(separator) != std::string_view::npos) {
            throw error(error_kind::invalid_argument,
                        "join_path: channel name '" + std::string(name) +
                            "' is empty, has white space at its edges or contains the separator '" +
                            std::string(separator) + "'");
        }
        if (i > 0) {
            path.append(" ").append(separator).append(" ");
        }
        path.append(name);
    }

    // A separator with white space at its edges (" > ") can still match across the edge of a
    // name ("> b"), and split_path refuses names that are not UTF-8: only splitting back tells.
    std::vector<std::string_view> again;
    try {
        split_path(path, separator, again);
    } catch (const error&) {
        again.clear();
    }
    if (!std::equal(names.begin(), names.end(), again.begin(), again.end())) {
        throw error(error_kind::invalid_argument,
                    "join_path: the names joined with '" + std::string(separator) + "' give '" +
                        path + "', which does not split back into the same " +
                        std::to_string(names.size()) + " names");
    }
    return path;
}

} // namespace kolroi
