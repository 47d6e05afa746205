// Fuzz target: the landing-URL parser and the campaign tags read from it. A parsed URL has a
// lower-case scheme and host, an http(s) URL a host and a path starting with '/', and every
// decoded key, value and path segment is valid UTF-8 (or flagged, and then empty). The touch
// resolver's way, which reads the URL's parts as views and decodes only campaign parameters,
// gives the same parts, the same tags and notes, and the same fault; a referrer is classified
// the same from its text as from its parsed URL.
#include "fuzz_support.hpp"

#include "kolroi/core/diagnostics.hpp"
#include "kolroi/io/text.hpp"
#include "kolroi/tracking/referrer.hpp"
#include "kolroi/tracking/url.hpp"
#include "kolroi/tracking/utm.hpp"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace {

bool lower_case(const std::string& text) {
    for (const char c : text) {
        if (c >= 'A' && c <= 'Z') {
            return false;
        }
    }
    return true;
}

void check_decoded(const std::string& text, kolroi::decode_status status) {
    using kolroi::fuzz::require;
    if (status == kolroi::decode_status::ok) {
        require(kolroi::is_valid_utf8(text), "decoded text is not UTF-8");
    } else {
        require(text.empty(), "a flagged piece kept decoded text");
    }
}

/// The tags, and what read them threw, or "" when it did not throw.
std::string read_tags(kolroi::campaign_tags& tags, kolroi::diagnostics& notes,
                      const kolroi::url* parsed, std::string_view query, std::size_t offset) {
    try {
        tags = parsed != nullptr ? kolroi::read_campaign_tags(*parsed, &notes)
                                 : kolroi::detail::read_campaign_tags(query, offset, &notes);
    } catch (const kolroi::error& fault) {
        return fault.message();
    }
    return "";
}

bool same_tags(const kolroi::campaign_tags& a, const kolroi::campaign_tags& b) {
    return a.source == b.source && a.medium == b.medium && a.campaign == b.campaign &&
           a.content == b.content && a.term == b.term && a.id == b.id &&
           a.clicks.gclid == b.clicks.gclid && a.clicks.fbclid == b.clicks.fbclid &&
           a.clicks.ttclid == b.clicks.ttclid && a.clicks.igshid == b.clicks.igshid;
}

void check_tag(const std::optional<std::string>& tag) {
    using kolroi::fuzz::require;
    if (tag) {
        require(!tag->empty() && kolroi::trim(*tag) == *tag, "a tag is empty or untrimmed");
        require(kolroi::is_valid_utf8(*tag), "a tag is not UTF-8");
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using kolroi::fuzz::require;
    if (size > kolroi::fuzz::max_input) {
        return 0;
    }
    const auto text = kolroi::fuzz::as_text(data, size);
    kolroi::url parsed;
    if (!kolroi::fuzz::run_reader("", [&] { parsed = kolroi::parse_url(text); })) {
        return 0;
    }
    require(lower_case(parsed.scheme) && lower_case(parsed.host), "scheme or host not lowered");
    const auto parts = kolroi::detail::split_url(text); // parse_url did not throw, so neither may
    require(kolroi::ascii_lowered(parts.scheme) == parsed.scheme &&
                kolroi::ascii_lowered(parts.host) == parsed.host && parts.port == parsed.port &&
                parts.path == parsed.path && parts.query == parsed.query &&
                parts.fragment == parsed.fragment && parts.has_query == parsed.has_query,
            "split_url and parse_url disagree on a part");
    static const kolroi::referrer_classifier referrers = [] {
        auto table = kolroi::referrer_classifier::defaults();
        table.add_own_domain("shop.example");
        return table;
    }();
    const auto by_text = referrers.classify(text);
    const auto by_url = referrers.classify(parsed);
    require(by_text.kind == by_url.kind && by_text.source == by_url.source &&
                by_text.medium == by_url.medium && by_text.host == by_url.host,
            "a referrer classifies differently from its text and from its parsed URL");
    if (parsed.scheme == "http" || parsed.scheme == "https") {
        require(!parsed.host.empty() && !parsed.path.empty() && parsed.path.front() == '/',
                "an http(s) URL without a host or a rooted path");
    }
    require(parsed.has_query || parsed.parameters.empty(), "parameters without a query");
    for (const auto& parameter : parsed.parameters) {
        check_decoded(parameter.key, parameter.key_status);
        check_decoded(parameter.value, parameter.value_status);
        require(parameter.offset < text.size(), "a parameter's offset is past the text");
    }
    for (const auto& segment : parsed.path_segments()) {
        check_decoded(segment.text, segment.status);
    }

    kolroi::diagnostics notes;
    kolroi::diagnostics raw_notes;
    kolroi::campaign_tags tags;
    kolroi::campaign_tags raw_tags;
    const std::string fault = read_tags(tags, notes, &parsed, {}, 0);
    const std::string raw_fault =
        read_tags(raw_tags, raw_notes, nullptr, parts.query, parts.query_offset);
    require(fault == raw_fault, "the two tag readers throw differently");
    require(same_tags(tags, raw_tags) && notes.total() == raw_notes.total(),
            "the two tag readers read different tags");
    if (fault.empty()) {
        for (const auto* tag :
             {&tags.source, &tags.medium, &tags.campaign, &tags.content, &tags.term, &tags.id,
              &tags.clicks.gclid, &tags.clicks.fbclid, &tags.clicks.ttclid, &tags.clicks.igshid}) {
            check_tag(*tag);
        }
    }
    return 0;
}
