// Fuzz target: the GA4 conversion-paths reader, and the money of every rule-based model over
// what it returns (path_file_checks.hpp).
#include "fuzz_support.hpp"
#include "path_file_checks.hpp"

#include "kolroi/io/ga4_paths.hpp"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size > kolroi::fuzz::max_input) {
        return 0;
    }
    const auto text = kolroi::fuzz::as_text(data, size);
    kolroi::fuzz::run_reader("ga4.csv", [&] {
        const kolroi::path_file file = kolroi::read_ga4_paths(text, "ga4.csv");
        kolroi::fuzz::check_path_file(file, text, ',');
    });
    return 0;
}
