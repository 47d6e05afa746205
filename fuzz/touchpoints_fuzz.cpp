// Fuzz target: the visit-log reader through a resolver that knows two KOLs. Every data row is a
// touchpoint or a counted skip; every touchpoint has a customer and a channel, and a KOL's
// touchpoint is on the KOL's channel. Read on two threads (cut at the middle whatever the size),
// the log gives the same touchpoints, rows and notes, or the same error, as on one.
#include "fuzz_support.hpp"

#include "kolroi/tracking/kol_registry.hpp"
#include "kolroi/tracking/touch_resolver.hpp"
#include "kolroi/tracking/touchpoints.hpp"

#include <cstddef>
#include <cstdint>
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

/// What reading `text` gives, as text: every touchpoint, the counts and the notes in order, or
/// the error.
std::string outcome(std::string_view text, kolroi::bad_row_policy policy, unsigned threads) {
    kolroi::touchpoint_read_options options;
    options.on_bad_row = policy;
    options.threads = threads;
    options.parallel_min_bytes = 0;
    try {
        const auto file = kolroi::read_touchpoints(text, "visits.csv", resolver(), options);
        std::string out = std::to_string(file.rows) + " rows\n";
        for (const auto& touch : file.touches) {
            out += touch.customer_id + '|' + std::to_string(touch.time) + '|' + touch.channel +
                   '|' + touch.kol_id + '|' + touch.campaign + '|' +
                   std::to_string(static_cast<int>(touch.platform)) + '|' +
                   std::to_string(static_cast<int>(touch.basis)) + '|' +
                   std::to_string(touch.line) + '\n';
        }
        for (const auto& [reason, count] : file.notes.counts()) {
            out += reason + ' ' + std::to_string(count) + '\n';
        }
        for (const auto& note : file.notes.examples()) {
            out += note.reason + ": " + note.detail + " @" + std::to_string(note.where.line) + ' ' +
                   note.where.field + '\n';
        }
        return out;
    } catch (const kolroi::error& fault) {
        return std::string("error: ") + fault.what();
    }
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
    for (const auto policy :
         {kolroi::bad_row_policy::skip_and_report, kolroi::bad_row_policy::strict}) {
        require(outcome(text, policy, 1) == outcome(text, policy, 2),
                "two threads read the log differently from one");
    }
    return 0;
}
