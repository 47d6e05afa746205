// Tests for kolroi/tracking/detail/text.hpp: UTF-8 validation, percent-decoding, label matching.
#include "kolroi/tracking/detail/text.hpp"

#include <doctest/doctest.h>

#include <cstdint>
#include <string>

namespace {

// An independent UTF-8 check written from the Unicode definition: the lead byte's high bits give
// the length, the code point is assembled from the payload bits and must be the shortest form, not
// a surrogate, and not above U+10FFFF.
bool reference_utf8(const std::string& text) {
    std::size_t i = 0;
    while (i < text.size()) {
        const auto lead = static_cast<std::uint32_t>(static_cast<unsigned char>(text[i]));
        std::size_t length = 0;
        std::uint32_t point = 0;
        if ((lead >> 7) == 0) {
            length = 1;
            point = lead;
        } else if ((lead >> 5) == 0b110) {
            length = 2;
            point = lead & 0x1F;
        } else if ((lead >> 4) == 0b1110) {
            length = 3;
            point = lead & 0x0F;
        } else if ((lead >> 3) == 0b11110) {
            length = 4;
            point = lead & 0x07;
        } else {
            return false;
        }
        if (i + length > text.size()) {
            return false;
        }
        for (std::size_t k = 1; k < length; ++k) {
            const auto next = static_cast<std::uint32_t>(static_cast<unsigned char>(text[i + k]));
            if ((next >> 6) != 0b10) {
                return false;
            }
            point = (point << 6) | (next & 0x3F);
        }
        const std::uint32_t shortest[] = {0, 0, 0x80, 0x800, 0x10000};
        if (point < shortest[length] || (point >= 0xD800 && point <= 0xDFFF) || point > 0x10FFFF) {
            return false;
        }
        i += length;
    }
    return true;
}

std::string bytes(std::initializer_list<int> values) {
    std::string out;
    for (const int value : values) {
        out.push_back(static_cast<char>(value));
    }
    return out;
}

} // namespace

TEST_CASE("is_valid_utf8 accepts the encodings of code points at the edges of each length") {
    CHECK(kolroi::detail::is_valid_utf8(""));
    CHECK(kolroi::detail::is_valid_utf8("plain ascii"));
    CHECK(kolroi::detail::is_valid_utf8(bytes({0xC3, 0xA9})));             // U+00E9
    CHECK(kolroi::detail::is_valid_utf8(bytes({0xE2, 0x82, 0xAC})));       // U+20AC
    CHECK(kolroi::detail::is_valid_utf8(bytes({0xF0, 0x9F, 0x98, 0x80}))); // U+1F600
    CHECK(kolroi::detail::is_valid_utf8(bytes({0xF4, 0x8F, 0xBF, 0xBF}))); // U+10FFFF
    CHECK(kolroi::detail::is_valid_utf8(bytes({0xEF, 0xBF, 0xBF})));       // U+FFFF
}

TEST_CASE("is_valid_utf8 rejects overlong forms, surrogates, out-of-range and cut sequences") {
    CHECK_FALSE(kolroi::detail::is_valid_utf8(bytes({0xC0, 0xAF})));             // overlong '/'
    CHECK_FALSE(kolroi::detail::is_valid_utf8(bytes({0xE0, 0x80, 0xAF})));       // overlong '/'
    CHECK_FALSE(kolroi::detail::is_valid_utf8(bytes({0xF0, 0x80, 0x80, 0xAF}))); // overlong '/'
    CHECK_FALSE(kolroi::detail::is_valid_utf8(bytes({0xED, 0xA0, 0x80})));       // U+D800
    CHECK_FALSE(kolroi::detail::is_valid_utf8(bytes({0xF4, 0x90, 0x80, 0x80}))); // U+110000
    CHECK_FALSE(kolroi::detail::is_valid_utf8(bytes({0xFF})));
    CHECK_FALSE(kolroi::detail::is_valid_utf8(bytes({0x80})));       // lone continuation
    CHECK_FALSE(kolroi::detail::is_valid_utf8(bytes({0xC3})));       // cut after the lead
    CHECK_FALSE(kolroi::detail::is_valid_utf8(bytes({0xE2, 0x82}))); // cut in the middle
    CHECK_FALSE(kolroi::detail::is_valid_utf8(bytes({0xF5, 0x80, 0x80, 0x80})));
    CHECK_FALSE(kolroi::detail::is_valid_utf8(bytes({0x61, 0xC3, 0x28}))); // bad continuation
}

TEST_CASE("is_valid_utf8 agrees with a reference decoder on every string of up to three bytes") {
    std::size_t disagreements = 0;
    std::string text;
    for (int a = 0; a < 256; ++a) {
        text = bytes({a});
        disagreements += kolroi::detail::is_valid_utf8(text) != reference_utf8(text);
        for (int b = 0; b < 256; ++b) {
            text = bytes({a, b});
            disagreements += kolroi::detail::is_valid_utf8(text) != reference_utf8(text);
            for (int c = 0; c < 256; ++c) {
                text = bytes({a, b, c});
                disagreements += kolroi::detail::is_valid_utf8(text) != reference_utf8(text);
            }
        }
    }
    CHECK(disagreements == 0);
}

TEST_CASE("is_valid_utf8 agrees with the reference on four-byte strings around the F0..F4 leads") {
    std::size_t disagreements = 0;
    for (int a = 0xEF; a <= 0xF5; ++a) {
        for (int b = 0x70; b <= 0xC0; ++b) {
            for (int c = 0x70; c <= 0xC0; c += 0x0F) {
                for (int d = 0x70; d <= 0xC0; d += 0x0F) {
                    const std::string text = bytes({a, b, c, d});
                    disagreements += kolroi::detail::is_valid_utf8(text) != reference_utf8(text);
                }
            }
        }
    }
    CHECK(disagreements == 0);
}

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
