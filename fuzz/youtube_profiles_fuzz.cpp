// Fuzz target: the reader of the Global YouTube Statistics export. The first byte picks whether
// the rest is read as UTF-8 or first decoded from Latin-1, as the real export must be. Every
// profile it returns is on YouTube, passes validate_profile and has a channel name given once;
// text that is not UTF-8 is an error naming its line.
#include "fuzz_support.hpp"

#include "kolroi/io/text.hpp"
#include "kolroi/prediction/youtube_profiles.hpp"

#include <cstddef>
#include <cstdint>
#include <set>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using kolroi::fuzz::require;
    if (size < 1 || size > kolroi::fuzz::max_input) {
        return 0;
    }
    const auto raw = kolroi::fuzz::as_text(data + 1, size - 1);
    const std::string text = (data[0] & 1) != 0 ? kolroi::latin1_to_utf8(raw) : std::string(raw);
    kolroi::fuzz::run_reader("youtube.csv", [&] {
        const auto file = kolroi::read_youtube_global_statistics(text, "youtube.csv");
        require(kolroi::is_valid_utf8(text), "text that is not UTF-8 was read");
        std::set<std::string> names;
        for (const auto& profile : file.profiles) {
            kolroi::validate_profile(profile);
            require(profile.platform == kolroi::platform::youtube, "a profile off YouTube");
            require(names.insert(profile.kol_id).second, "'" + profile.kol_id + "' twice");
            require(kolroi::is_valid_utf8(profile.kol_id) &&
                        kolroi::is_valid_utf8(profile.category),
                    "a name that is not UTF-8");
        }
    });
    return 0;
}
