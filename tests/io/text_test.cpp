// Tests for kolroi/io/text.hpp.
#include "kolroi/io/text.hpp"

#include "test_support.hpp"

#include <cstdint>
#include <initializer_list>
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

TEST_CASE("trimming removes ASCII white space at the edges only") {
    CHECK(kolroi::trim("  IG Story \t") == "IG Story");
    CHECK(kolroi::trim(" \r\n ") == "");
    CHECK(kolroi::trim("a  b") == "a  b");
    // The six ASCII spaces: space, tab, LF, VT, FF, CR; the bytes next to them are not spaces.
    CHECK(kolroi::trim(" \t\n\v\f\rx\r\f\v\n\t ") == "x");
    CHECK(kolroi::trim("\x08x\x0E") == "\x08x\x0E");
    CHECK(kolroi::trim("") == "");
}

TEST_CASE("ascii_lowered folds ASCII letters only and keeps every other byte") {
    CHECK(kolroi::ascii_lowered("Spring26_BEN") == "spring26_ben");
    CHECK(kolroi::ascii_lowered("\xC3\x89T\xC3\x89") == "\xC3\x89t\xC3\x89"); // ÉTÉ: only T folds
    CHECK(kolroi::ascii_lowered("@[`{") == "@[`{"); // the bytes either side of A-Z and a-z
    CHECK(kolroi::ascii_lowered("").empty());
}

TEST_CASE("UTF-8 validation") {
    CHECK(kolroi::is_valid_utf8("Influencer\xE2\x80\x99s post"));
    CHECK(kolroi::is_valid_utf8("\xE2\x86\x92"));
    CHECK_FALSE(kolroi::is_valid_utf8("\xE2\x86"));     // truncated
    CHECK_FALSE(kolroi::is_valid_utf8("\xC0\xAF"));     // overlong '/'
    CHECK_FALSE(kolroi::is_valid_utf8("\xED\xA0\x80")); // a surrogate
    CHECK_FALSE(kolroi::is_valid_utf8("caf\xE9"));      // Latin-1 e-acute
}

TEST_CASE("is_valid_utf8 accepts the encodings of code points at the edges of each length") {
    CHECK(kolroi::is_valid_utf8(""));
    CHECK(kolroi::is_valid_utf8("plain ascii"));
    CHECK(kolroi::is_valid_utf8(bytes({0xC3, 0xA9})));             // U+00E9
    CHECK(kolroi::is_valid_utf8(bytes({0xE2, 0x82, 0xAC})));       // U+20AC
    CHECK(kolroi::is_valid_utf8(bytes({0xF0, 0x9F, 0x98, 0x80}))); // U+1F600
    CHECK(kolroi::is_valid_utf8(bytes({0xF4, 0x8F, 0xBF, 0xBF}))); // U+10FFFF
    CHECK(kolroi::is_valid_utf8(bytes({0xEF, 0xBF, 0xBF})));       // U+FFFF
}

TEST_CASE("is_valid_utf8 rejects overlong forms, surrogates, out-of-range and cut sequences") {
    CHECK_FALSE(kolroi::is_valid_utf8(bytes({0xC0, 0xAF})));             // overlong '/'
    CHECK_FALSE(kolroi::is_valid_utf8(bytes({0xE0, 0x80, 0xAF})));       // overlong '/'
    CHECK_FALSE(kolroi::is_valid_utf8(bytes({0xF0, 0x80, 0x80, 0xAF}))); // overlong '/'
    CHECK_FALSE(kolroi::is_valid_utf8(bytes({0xED, 0xA0, 0x80})));       // U+D800
    CHECK_FALSE(kolroi::is_valid_utf8(bytes({0xF4, 0x90, 0x80, 0x80}))); // U+110000
    CHECK_FALSE(kolroi::is_valid_utf8(bytes({0xFF})));
    CHECK_FALSE(kolroi::is_valid_utf8(bytes({0x80})));       // lone continuation
    CHECK_FALSE(kolroi::is_valid_utf8(bytes({0xC3})));       // cut after the lead
    CHECK_FALSE(kolroi::is_valid_utf8(bytes({0xE2, 0x82}))); // cut in the middle
    CHECK_FALSE(kolroi::is_valid_utf8(bytes({0xF5, 0x80, 0x80, 0x80})));
    CHECK_FALSE(kolroi::is_valid_utf8(bytes({0x61, 0xC3, 0x28}))); // bad continuation
}

TEST_CASE("is_valid_utf8 agrees with a reference decoder on every string of up to three bytes") {
    std::size_t disagreements = 0;
    std::string text;
    for (int a = 0; a < 256; ++a) {
        text = bytes({a});
        disagreements += kolroi::is_valid_utf8(text) != reference_utf8(text);
        for (int b = 0; b < 256; ++b) {
            text = bytes({a, b});
            disagreements += kolroi::is_valid_utf8(text) != reference_utf8(text);
            for (int c = 0; c < 256; ++c) {
                text = bytes({a, b, c});
                disagreements += kolroi::is_valid_utf8(text) != reference_utf8(text);
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
                    disagreements += kolroi::is_valid_utf8(text) != reference_utf8(text);
                }
            }
        }
    }
    CHECK(disagreements == 0);
}

TEST_CASE("Latin-1 bytes become their UTF-8 code points") {
    CHECK(kolroi::latin1_to_utf8("caf\xE9") == "caf\xC3\xA9");
    CHECK(kolroi::latin1_to_utf8("\xFD") == "\xC3\xBD");
}

TEST_CASE("numbers parse with their location in errors") {
    const kolroi::input_location where{"f.csv", 3, "revenue"};
    CHECK(kolroi::parse_double(" 12.5 ", where) == 12.5);
    CHECK(kolroi::parse_double("+3", where) == 3.0);
    CHECK(kolroi::parse_double(".11019", where) == doctest::Approx(0.11019));
    CHECK(kolroi::parse_double("0.673565789473684E-03", where) ==
          doctest::Approx(0.673565789473684e-3));
    CHECK_THROWS_WITH(kolroi::parse_double("12,5", where),
                      "f.csv:3: field 'revenue': expected a number, saw '12,5'");
    CHECK_THROWS_AS(kolroi::parse_double("NaN", where), kolroi::error);
    CHECK_THROWS_AS(kolroi::parse_double("inf", where), kolroi::error);
    CHECK_THROWS_AS(kolroi::parse_double("", where), kolroi::error);
    CHECK_THROWS_AS(kolroi::parse_double("1e999", where), kolroi::error);
    CHECK(kolroi::parse_integer("42", where) == 42);
    CHECK_THROWS_AS(kolroi::parse_integer("4.2", where), kolroi::error);
}
