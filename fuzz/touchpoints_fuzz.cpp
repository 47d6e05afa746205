// Fuzz target: the visit-log reader through a resolver that knows two KOLs. Every data row is a
// touchpoint or a counted skip; every touchpoint has a customer and a channel, and a KOL's
// touchpoint is on the KOL's channel.
#include "fuzz_support.hpp"

#include "kolroi/tracking/kol_registry.hpp"
#include "kolroi/tracking/touch_resolver.hpp"
#include "kolroi/tracking/touchpoints.hpp"

#include <cstddef>
#include <cstdint>
#include <string>

namespace {

const kolroi::touch_resolver& resolver() {
    static const kolroi::touch_resolver instance = [] {
        kolroi::touch_resolver_config config;
        config.kols.add({"anna",
                         "Anna",
                         kolroi::platform::tiktok,
                         "@anna",
                         {{kolroi::kol_key_kind::utm_campaign, "anna_spring"},
                          {kolroi::kol_key_kind::link_slug, "r/anna"}}});
        config.kols.add({"ben",
                         "Ben",
                         kolroi::platform::youtube,
                         "@ben",
                         {{kolroi::kol_key_kind::utm_content, "ben_review"}}});
        return kolroi::touch_resolver(std::move(config));
    }();
    return instance;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using kolroi::fuzz::require;
    if (size > kolroi::fuzz::max_input) {
        return 0;
    }
    const auto text = kolroi::fuzz::as_text(data, size);
    kolroi::fuzz::run_reader("visits.csv", [&] {
        const auto file = kolroi::read_touchpoints(text, "visits.csv", resolver());
        const std::size_t remarks = file.notes.count("repeated campaign parameter");
        require(file.rows == file.touches.size() + file.notes.total() - remarks,
                "rows " + std::to_string(file.rows) + " are not touchpoints " +
                    std::to_string(file.touches.size()) + " + skips");
        for (const auto& touch : file.touches) {
            require(!touch.customer_id.empty() && !touch.channel.empty(),
                    "a touchpoint without customer or channel");
            require(touch.kol_id.empty() || touch.channel == kolroi::kol_channel_name(touch.kol_id),
                    "a KOL's touchpoint is not on the KOL's channel");
            require(touch.line >= 2, "a touchpoint before the header");
        }
    });
    return 0;
}
