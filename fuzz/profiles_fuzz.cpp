// Fuzz target: the creator profiles reader. Every profile it returns passes validate_profile and
// has a known platform; written back in the history format (with a cost of 1) each reads again
// as the same profile.
#include "fuzz_support.hpp"

#include "kolroi/prediction/history.hpp"
#include "kolroi/prediction/profiles_reader.hpp"

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using kolroi::fuzz::require;
    if (size > kolroi::fuzz::max_input) {
        return 0;
    }
    const auto text = kolroi::fuzz::as_text(data, size);
    kolroi::fuzz::run_reader("profiles.csv", [&] {
        const auto file = kolroi::read_profiles(text, "profiles.csv");
        std::vector<kolroi::collaboration> rows;
        for (const auto& profile : file.profiles) {
            kolroi::validate_profile(profile);
            require(profile.platform != kolroi::platform::none, "a profile on platform none");
            rows.push_back({profile, "", 1.0, 0.0});
        }
        const std::string written = kolroi::write_history(rows);
        try {
            const auto again = kolroi::read_history(written, "written.csv");
            require(again.rows.size() == rows.size(), "profiles lost when written");
            require(kolroi::write_history(again.rows) == written,
                    "a profile reads back differently:\n" + written);
        } catch (const kolroi::error& fault) {
            kolroi::fuzz::broken(std::string("a written profile is refused: ") + fault.what() +
                                 "\n" + written);
        }
    });
    return 0;
}
