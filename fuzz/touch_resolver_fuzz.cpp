// Fuzz target: the touch resolver. The input is split at NUL bytes into a landing URL, a
// referrer and the explicit source, medium, campaign and content; a promo code is the landing
// text. The resolver knows two KOLs. A resolved touch always has a source, a medium, a channel
// group and a channel; a KOL's touch is channel "kol:<id>" of a KOL the registry has.
#include "fuzz_support.hpp"

#include "kolroi/core/diagnostics.hpp"
#include "kolroi/tracking/kol_registry.hpp"
#include "kolroi/tracking/touch_resolver.hpp"

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace {

const kolroi::touch_resolver& resolver() {
    static const kolroi::touch_resolver instance = [] {
        kolroi::touch_resolver_config config;
        config.kols.add({"anna",
                         "Anna",
                         kolroi::platform::tiktok,
                         "@anna",
                         {{kolroi::kol_key_kind::utm_campaign, "anna_spring"},
                          {kolroi::kol_key_kind::link_slug, "r/anna"},
                          {kolroi::kol_key_kind::promo_code, "ANNA10"}}});
        config.kols.add({"ben",
                         "Ben",
                         kolroi::platform::youtube,
                         "@ben",
                         {{kolroi::kol_key_kind::utm_content, "ben_review"},
                          {kolroi::kol_key_kind::promo_code, "BEN"}}});
        return kolroi::touch_resolver(std::move(config));
    }();
    return instance;
}

void check_touch(const kolroi::resolved_touch& touch) {
    using kolroi::fuzz::require;
    require(!touch.source.empty() && !touch.medium.empty(), "a touch without source or medium");
    require(!touch.channel_group.empty() && !touch.channel.empty(), "a touch without a channel");
    if (touch.kol_id) {
        require(touch.channel == kolroi::kol_channel_name(*touch.kol_id),
                "a KOL's touch is not on the KOL's channel");
        require(resolver().config().kols.find(*touch.kol_id) != nullptr, "an unknown KOL");
    } else {
        require(touch.channel.rfind(kolroi::kol_channel_prefix, 0) != 0,
                "a touch of no KOL on a KOL's channel");
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size > kolroi::fuzz::max_input) {
        return 0;
    }
    std::string_view rest = kolroi::fuzz::as_text(data, size);
    std::array<std::optional<std::string_view>, 6> parts;
    for (auto& part : parts) {
        if (rest.empty()) {
            break;
        }
        const std::size_t nul = rest.find('\0');
        part = rest.substr(0, nul);
        rest = nul == std::string_view::npos ? std::string_view{} : rest.substr(nul + 1);
    }

    kolroi::touch_input input(parts[0].value_or(""), parts[1].value_or(""));
    input.source = parts[2];
    input.medium = parts[3];
    input.campaign = parts[4];
    input.content = parts[5];
    kolroi::diagnostics notes;
    kolroi::fuzz::run_reader("", [&] { check_touch(resolver().resolve(input, &notes)); });
    kolroi::fuzz::run_reader("", [&] {
        const auto touch = resolver().resolve_promo_code(input.landing_url);
        check_touch(touch);
        kolroi::fuzz::require(touch.promo_code.has_value(), "a promo touch without its code");
    });
    return 0;
}
