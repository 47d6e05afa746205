// Fuzz target: splitting path strings. The first byte chooses the separator (">", "→", " > ",
// ";" or "|"); the rest is the path. Every name that comes back is non-empty, trimmed, valid
// UTF-8 and free of the separator, and joining the names gives a string that splits back into
// the same names (or, for a separator with white space at its edges, is refused).
#include "fuzz_support.hpp"

#include "kolroi/io/path_string.hpp"
#include "kolroi/io/text.hpp"

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using kolroi::fuzz::require;
    if (size == 0 || size > kolroi::fuzz::max_input) {
        return 0;
    }
    constexpr std::array<std::string_view, 5> separators = {">", "\xE2\x86\x92", " > ", ";", "|"};
    const std::string_view separator = separators[data[0] % separators.size()];
    const auto path = kolroi::fuzz::as_text(data + 1, size - 1);

    std::vector<std::string_view> names;
    const bool split = kolroi::fuzz::run_reader("", [&] {
        kolroi::split_path(path, separator, names, kolroi::input_location{"p", 1, "path"});
    });
    if (!split) {
        return 0;
    }
    for (const auto name : names) {
        require(!name.empty() && kolroi::trim(name) == name, "a name is empty or untrimmed");
        require(kolroi::is_valid_utf8(name), "a name is not valid UTF-8");
        require(name.find(separator) == std::string_view::npos, "a name holds the separator");
    }
    require(names.empty() == kolroi::trim(path).empty(), "a blank path has names or the reverse");

    // A separator without white space at its edges always joins the names back; one with it
    // (" > ") may match across the edge of a name, and then join_path must refuse.
    std::string joined;
    try {
        joined = kolroi::join_path(names, separator);
    } catch (const kolroi::error& fault) {
        require(fault.kind() == kolroi::error_kind::invalid_argument &&
                    kolroi::trim(separator) != separator,
                std::string("join_path refused names that split_path gave: ") + fault.what());
        return 0;
    }
    const auto again = kolroi::split_path(joined, separator);
    require(again == names, "join then split changed the names of '" + joined + "'");
    return 0;
}
