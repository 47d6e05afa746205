// Fuzz target: the ChannelAttribution path reader, and the money of every rule-based model over
// what it returns (path_file_checks.hpp). The reader that tells the format from the header runs
// on the same bytes and must agree with the reader it picks.
#include "fuzz_support.hpp"
#include "path_file_checks.hpp"

#include "kolroi/io/channel_attribution_paths.hpp"
#include "kolroi/io/read_path_file.hpp"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size > kolroi::fuzz::max_input) {
        return 0;
    }
    const auto text = kolroi::fuzz::as_text(data, size);
    kolroi::fuzz::run_reader("paths.csv", [&] {
        const kolroi::path_file file = kolroi::read_channel_attribution_paths(text, "paths.csv");
        kolroi::fuzz::check_path_file(file, text, ';');
    });
    kolroi::fuzz::run_reader("any.csv", [&] {
        const kolroi::path_file file = kolroi::read_path_text(text, "any.csv");
        kolroi::fuzz::check_path_file(file, text, file.format == "ga4" ? ',' : ';');
    });
    return 0;
}
