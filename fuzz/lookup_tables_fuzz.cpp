// Fuzz target: the two-column tables of the tracking data, the source aliases and the source
// categories, loaded over the built-in ones. The first byte picks the table. After a load,
// resolving a source is idempotent (no alias leads to another alias) and every row of the file
// is found; an error names the file and the line.
#include "fuzz_support.hpp"

#include "kolroi/tracking/alias_table.hpp"
#include "kolroi/tracking/detail/two_column_csv.hpp"
#include "kolroi/tracking/source_categories.hpp"

#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using kolroi::fuzz::require;
    if (size < 1 || size > kolroi::fuzz::max_input) {
        return 0;
    }
    const std::string text(kolroi::fuzz::as_text(data + 1, size - 1));
    if ((data[0] & 1) == 0) {
        kolroi::fuzz::run_reader("aliases.csv", [&] {
            auto table = kolroi::alias_table::default_sources();
            std::istringstream input(text);
            table.load(input, "aliases.csv");
            std::istringstream again(text);
            for (const auto& row : kolroi::detail::read_two_column_csv(
                     again, "aliases.csv", "alias,canonical", "check")) {
                const std::string resolved = table.resolve(row.first);
                require(table.resolve(resolved) == resolved,
                        "alias '" + row.first + "' resolves to another alias");
                require(resolved == table.resolve(row.second),
                        "alias '" + row.first + "' and its canonical name resolve apart");
            }
        });
    } else {
        kolroi::fuzz::run_reader("categories.csv", [&] {
            auto table = kolroi::source_category_table::ga4_defaults();
            std::istringstream input(text);
            table.load(input, "categories.csv");
            std::istringstream again(text);
            for (const auto& row : kolroi::detail::read_two_column_csv(
                     again, "categories.csv", "source,category", "check")) {
                require(table.find(row.first) == kolroi::source_category_from_name(row.second),
                        "source '" + row.first + "' is not in the category its row gives");
            }
        });
    }
    return 0;
}
