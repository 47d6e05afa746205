// Fuzz target: the landing-URL parser and the campaign tags read from it. A parsed URL has a
// lower-case scheme and host, an http(s) URL a host and a path starting with '/', and every
// decoded key, value and path segment is valid UTF-8 (or flagged, and then empty).
#include "fuzz_support.hpp"

#include "kolroi/core/diagnostics.hpp"
#include "kolroi/io/text.hpp"
#include "kolroi/tracking/url.hpp"
#include "kolroi/tracking/utm.hpp"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

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
    kolroi::campaign_tags tags;
    if (kolroi::fuzz::run_reader("", [&] { tags = kolroi::read_campaign_tags(parsed, &notes); })) {
        for (const auto* tag :
             {&tags.source, &tags.medium, &tags.campaign, &tags.content, &tags.term, &tags.id,
              &tags.clicks.gclid, &tags.clicks.fbclid, &tags.clicks.ttclid, &tags.clicks.igshid}) {
            check_tag(*tag);
        }
    }
    return 0;
}
