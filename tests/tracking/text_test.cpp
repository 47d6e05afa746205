// Tests for kolroi/tracking/detail/text.hpp: percent-decoding, label matching, key folding.
#include "kolroi/tracking/detail/text.hpp"

#include <doctest/doctest.h>

#include <string>

TEST_CASE("percent_decode decodes each escape once and reports malformed ones") {
    using kolroi::decode_status;
    using kolroi::detail::percent_decode;
    std::string out;
    CHECK(percent_decode("%2526", true, out) == decode_status::ok);
    CHECK(out == "%26");
    CHECK(percent_decode("a+b", true, out) == decode_status::ok);
    CHECK(out == "a b");
    CHECK(percent_decode("a+b", false, out) == decode_status::ok);
    CHECK(out == "a+b");
    CHECK(percent_decode("a%2Bb", true, out) == decode_status::ok);
    CHECK(out == "a+b");
    CHECK(percent_decode("%e2%82%ac", true, out) == decode_status::ok);
    CHECK(out == "\xE2\x82\xAC");
    CHECK(percent_decode("a%26b", true, out) == decode_status::ok);
    CHECK(out == "a&b");

    CHECK(percent_decode("%G1", true, out) == decode_status::malformed_escape);
    CHECK(out.empty());
    CHECK(percent_decode("ab%4", true, out) == decode_status::malformed_escape);
    CHECK(percent_decode("%", true, out) == decode_status::malformed_escape);
    CHECK(percent_decode("%1G", true, out) == decode_status::malformed_escape);
    CHECK(percent_decode("%FF", true, out) == decode_status::invalid_utf8);
    CHECK(out.empty());
    CHECK(percent_decode("%C0%AF", true, out) == decode_status::invalid_utf8);
}

TEST_CASE("percent_decode reads nothing past the end of its view") {
    // "%41" would decode to "A"; cut after "%4" it must be reported, never completed from the
    // byte that follows in memory.
    const std::string buffer = "x=%41";
    const std::string_view cut = std::string_view(buffer).substr(2, 2);
    std::string out;
    CHECK(kolroi::detail::percent_decode(cut, true, out) ==
          kolroi::decode_status::malformed_escape);
}

TEST_CASE("is_same_or_subdomain matches on label boundaries only") {
    using kolroi::detail::is_same_or_subdomain;
    CHECK(is_same_or_subdomain("instagram.com", "instagram.com"));
    CHECK(is_same_or_subdomain("l.instagram.com", "instagram.com"));
    CHECK(is_same_or_subdomain("a.b.instagram.com", "instagram.com"));
    CHECK_FALSE(is_same_or_subdomain("notinstagram.com", "instagram.com"));
    CHECK_FALSE(is_same_or_subdomain("instagram.com.evil.example", "instagram.com"));
    CHECK_FALSE(is_same_or_subdomain("com", "instagram.com"));
    CHECK_FALSE(is_same_or_subdomain("instagram.com", ""));
}

TEST_CASE("normalized_key trims ASCII whitespace and lower-cases ASCII letters only") {
    CHECK(kolroi::detail::normalized_key("  Instagram\t") == "instagram");
    CHECK(kolroi::detail::normalized_key("ÉTÉ Sale") == "ÉtÉ sale");
    CHECK(kolroi::detail::normalized_key("   ").empty());
}
