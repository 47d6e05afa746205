// kolroi/core/detail/string_hash.hpp: string-keyed tables that are searched by view.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace kolroi::detail {

/// Lets an unordered container keyed by std::string be searched with a std::string_view (with
/// std::equal_to<>), so that a lookup builds no string.
struct string_hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view text) const noexcept {
        return std::hash<std::string_view>{}(text);
    }
};

/// A table keyed by std::string that is searched with a std::string_view.
template <class Value>
using string_map = std::unordered_map<std::string, Value, string_hash, std::equal_to<>>;

} // namespace kolroi::detail
