// Fuzz target: the KOL list reader. Every KOL it returns can be found by its id, its platform is
// a real one, and each of its keys leads back to it.
#include "fuzz_support.hpp"

#include "kolroi/tracking/kols_reader.hpp"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using kolroi::fuzz::require;
    if (size > kolroi::fuzz::max_input) {
        return 0;
    }
    const auto text = kolroi::fuzz::as_text(data, size);
    kolroi::fuzz::run_reader("kols.csv", [&] {
        const kolroi::kol_registry registry = kolroi::read_kols(text, "kols.csv");
        for (const auto& profile : registry.profiles()) {
            require(registry.find(profile.id) == &profile, "a KOL cannot be found by its id");
            require(profile.platform != kolroi::platform::none, "a KOL on platform none");
            for (const auto& key : profile.keys) {
                if (key.kind != kolroi::kol_key_kind::link_slug) {
                    require(registry.owner(key.kind, key.value) == &profile,
                            "key '" + key.value + "' does not lead back to KOL " + profile.id);
                }
            }
        }
    });
    return 0;
}
