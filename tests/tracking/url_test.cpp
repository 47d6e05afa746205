// Tests for kolroi/tracking/url.hpp. Expected parts follow the WHATWG URL standard's splitting
// (fragment at the first '#', query at the first '?' before it, '&'-separated
// application/x-www-form-urlencoded pairs) and the choices stated in the header.
#include "kolroi/tracking/url.hpp"

#include <doctest/doctest.h>

#include <cctype>
#include <optional>
#include <random>
#include <string>
#include <vector>

using kolroi::decode_status;
using kolroi::key_match;
using kolroi::parse_url;

TEST_CASE("parse_url splits an absolute URL and lower-cases only scheme and host") {
    const auto u = parse_url("HTTPS://Shop.Example.COM:8443/Products/Tee?utm_source=IG#Top");
    CHECK(u.scheme == "https");
    CHECK(u.host == "shop.example.com");
    REQUIRE(u.port.has_value());
    CHECK(*u.port == 8443);
    CHECK(u.path == "/Products/Tee");
    CHECK(u.query == "utm_source=IG");
    CHECK(u.fragment == "Top");
    REQUIRE(u.parameters.size() == 1);
    CHECK(u.parameters[0].key == "utm_source");
    CHECK(u.parameters[0].value == "IG");
}

TEST_CASE("parse_url reads a host without a scheme, and a scheme-relative URL") {
    const auto bare = parse_url("instagram.com/p/x?utm_source=ig");
    CHECK(bare.scheme.empty());
    CHECK(bare.host == "instagram.com");
    CHECK(bare.path == "/p/x");
    CHECK(bare.find("utm_source")->value == "ig");

    const auto relative = parse_url("//cdn.example.com/a/b");
    CHECK(relative.scheme.empty());
    CHECK(relative.host == "cdn.example.com");
    CHECK(relative.path == "/a/b");
}

TEST_CASE("parse_url reads store-relative paths and query-only text without inventing a host") {
    const auto path = parse_url("/products/tee?utm_source=tt");
    CHECK_FALSE(path.has_authority);
    CHECK(path.host.empty());
    CHECK(path.path == "/products/tee");
    CHECK(path.find("utm_source")->value == "tt");

    const auto query = parse_url("?utm_source=Instagram&utm_medium=Social");
    CHECK(query.host.empty());
    CHECK(query.path.empty());
    CHECK(query.parameters.size() == 2);
}

TEST_CASE("a '?' inside the fragment belongs to the fragment, not the query") {
    const auto u = parse_url("https://shop.example/#/p?utm_source=ig");
    CHECK_FALSE(u.has_query);
    CHECK(u.parameters.empty());
    CHECK(u.has_fragment);
    CHECK(u.fragment == "/p?utm_source=ig");
    CHECK(u.path == "/");
}

TEST_CASE("a trailing '?' gives an empty query with no parameters") {
    const auto u = parse_url("https://shop.example/p?");
    CHECK(u.has_query);
    CHECK(u.query.empty());
    CHECK(u.parameters.empty());
}

TEST_CASE("an http(s) URL without a path has the path '/'; other schemes keep it empty") {
    CHECK(parse_url("https://shop.example").path == "/");
    CHECK(parse_url("https://shop.example?utm_source=ig").path == "/");
    const auto app = parse_url("android-app://com.instagram.android");
    CHECK(app.scheme == "android-app");
    CHECK(app.host == "com.instagram.android");
    CHECK(app.path.empty());
}

TEST_CASE("IDN hosts are kept as written: punycode stays punycode, Unicode stays Unicode") {
    CHECK(parse_url("https://xn--bcher-kva.example/").host == "xn--bcher-kva.example");
    CHECK(parse_url("https://B\xC3\xBC"
                    "cher.Example/")
              .host == "b\xC3\xBC"
                       "cher.example");
}

TEST_CASE("parse_url reads ports, user info, IP literals and name:port without a scheme") {
    const auto local = parse_url("localhost:3000/x?a=1");
    CHECK(local.scheme.empty());
    CHECK(local.host == "localhost");
    CHECK(*local.port == 3000);
    CHECK(local.path == "/x");

    const auto bare_port = parse_url("shop.example:8080");
    CHECK(bare_port.host == "shop.example");
    CHECK(*bare_port.port == 8080);

    CHECK(parse_url("https://user:pw@shop.example/").host == "shop.example");
    const auto v6 = parse_url("https://[2001:DB8::1]:8080/x");
    CHECK(v6.host == "[2001:db8::1]");
    CHECK(*v6.port == 8080);
    CHECK_FALSE(parse_url("http://shop.example:/").port.has_value());
}

TEST_CASE("a scheme without an authority keeps the rest as its path") {
    const auto mail = parse_url("mailto:someone@example.com");
    CHECK(mail.scheme == "mailto");
    CHECK_FALSE(mail.has_authority);
    CHECK(mail.path == "someone@example.com");
    CHECK(parse_url("about:blank").host.empty());
}

TEST_CASE("surrounding whitespace is ignored and an empty text is an empty URL") {
    CHECK(parse_url("  https://shop.example/a \n").path == "/a");
    const auto empty = parse_url("   ");
    CHECK(empty.host.empty());
    CHECK(empty.path.empty());
    CHECK(empty.parameters.empty());
}

TEST_CASE("query pieces: repeats kept in order, empty values, keys without '=', empty pieces") {
    const auto u = parse_url("?a=1&a=2&b&c=&=v&&d=x=y&");
    REQUIRE(u.parameters.size() == 6);
    CHECK(u.parameters[0].key == "a");
    CHECK(u.parameters[0].value == "1");
    CHECK(u.parameters[1].value == "2");
    CHECK(u.parameters[2].key == "b");
    CHECK_FALSE(u.parameters[2].has_equals);
    CHECK(u.parameters[2].value.empty());
    CHECK(u.parameters[3].key == "c");
    CHECK(u.parameters[3].has_equals);
    CHECK(u.parameters[3].value.empty());
    CHECK(u.parameters[4].key.empty());
    CHECK(u.parameters[4].value == "v");
    CHECK(u.parameters[5].key == "d");
    CHECK(u.parameters[5].value == "x=y");

    const auto all = u.find_all("a");
    REQUIRE(all.size() == 2);
    CHECK(all[0]->value == "1");
    CHECK(all[1]->value == "2");
    CHECK(u.find("a")->value == "1");
    CHECK(u.find("missing") == nullptr);
}

TEST_CASE("values are decoded once: %26 is a literal '&', '+' a space, %2B a plus, %2526 %26") {
    const auto u = parse_url("?q1=Salt%26Pepper&q2=t+shirt&q3=c%2B%2B&q4=a%2526b&q5=a;b=c");
    CHECK(u.parameters.size() == 5);
    CHECK(u.find("q1")->value == "Salt&Pepper");
    CHECK(u.find("q2")->value == "t shirt");
    CHECK(u.find("q3")->value == "c++");
    CHECK(u.find("q4")->value == "a%26b");
    CHECK(u.find("q5")->value == "a;b=c"); // ';' is not a separator
}

TEST_CASE("keys are decoded too, and '+' in a key is a space") {
    const auto u = parse_url("?utm%5Fsource=ig&my+key=1");
    CHECK(u.find("utm_source")->value == "ig");
    CHECK(u.find("my key")->value == "1");
}

TEST_CASE("malformed escapes and invalid UTF-8 flag the parameter and decode nothing") {
    const auto u = parse_url("?a=%G1&b=2&c=%4&d=%FF&%ZZ=1&e=%C3%A9");
    REQUIRE(u.parameters.size() == 6);

    const auto* a = u.find("a");
    REQUIRE(a != nullptr);
    CHECK_FALSE(a->ok());
    CHECK(a->value_status == decode_status::malformed_escape);
    CHECK(a->value.empty());
    CHECK(a->raw_value == "%G1");
    CHECK(a->offset == 1);

    CHECK(u.find("b")->ok());
    CHECK(u.find("c")->value_status == decode_status::malformed_escape);
    CHECK(u.find("d")->value_status == decode_status::invalid_utf8);
    CHECK(u.parameters[4].key_status == decode_status::malformed_escape);
    CHECK(u.parameters[4].key.empty());
    CHECK(u.parameters[4].raw_key == "%ZZ");
    CHECK(u.find("e")->value == "\xC3\xA9");
}

TEST_CASE("key lookups can ignore ASCII case") {
    const auto u = parse_url("?UTM_Source=ig");
    CHECK(u.find("utm_source") == nullptr);
    REQUIRE(u.find("utm_source", key_match::ascii_case_insensitive) != nullptr);
    CHECK(u.find("utm_source", key_match::ascii_case_insensitive)->value == "ig");
}

TEST_CASE("path_segments decodes each segment, keeps '+' and flags a bad escape") {
    const auto u = parse_url("https://shop.example/r/Anna%20B/a+b/");
    const auto segments = u.path_segments();
    REQUIRE(segments.size() == 4);
    CHECK(segments[0].text == "r");
    CHECK(segments[1].text == "Anna B");
    CHECK(segments[2].text == "a+b");
    CHECK(segments[3].text.empty());

    const auto bad = parse_url("/%G1/anna").path_segments();
    REQUIRE(bad.size() == 2);
    CHECK(bad[0].status == decode_status::malformed_escape);
    CHECK(bad[1].text == "anna");
    CHECK(parse_url("https://shop.example").path_segments().empty());
}

TEST_CASE("structural faults throw parse_error naming the rule and the byte") {
    const auto fails = [](const std::string& text, const std::string& fragment) {
        try {
            (void)parse_url(text);
        } catch (const kolroi::error& fault) {
            CHECK(fault.kind() == kolroi::error_kind::parse_error);
            CHECK(fault.message().find("parse_url") != std::string::npos);
            CHECK(fault.message().find(fragment) != std::string::npos);
            return true;
        }
        return false;
    };
    CHECK(fails("https://shop.example:99999/", "above 65535"));
    CHECK(fails("https://shop.example:12a/", "not a number"));
    CHECK(fails("https://sh op.example/", "has character ' '"));
    CHECK(fails("https:///path", "has no host"));
    CHECK(fails("https://sho\np.example/", "control character 10"));
    CHECK(fails("https://[::1/", "no ']'"));
    CHECK(fails("https://shop%2Eexample/", "has character '%'"));
    CHECK(fails("https://b\xFF.example/", "not valid UTF-8"));
}

TEST_CASE("parse_url reads nothing past the end of its view") {
    // Cut just after "%4": the byte after the view ('1') must not complete the escape.
    const std::string buffer = "https://shop.example/?q=%41";
    const auto u = parse_url(std::string_view(buffer).substr(0, buffer.size() - 1));
    REQUIRE(u.parameters.size() == 1);
    CHECK(u.parameters[0].value_status == decode_status::malformed_escape);

    // Cut inside the port: "8443" seen as "84".
    const std::string ported = "shop.example:8443/x";
    CHECK(*parse_url(std::string_view(ported).substr(0, 15)).port == 84);
}

namespace {

// An independent decoder for the property test: hex pairs via std::stoi, '+' as space.
std::optional<std::string> reference_decode(const std::string& raw) {
    std::string out;
    for (std::size_t i = 0; i < raw.size(); ++i) {
        if (raw[i] == '%') {
            const std::string pair = raw.substr(i + 1, 2);
            if (pair.size() != 2 || !std::isxdigit(static_cast<unsigned char>(pair[0])) ||
                !std::isxdigit(static_cast<unsigned char>(pair[1]))) {
                return std::nullopt;
            }
            out.push_back(static_cast<char>(std::stoi(pair, nullptr, 16)));
            i += 2;
        } else {
            out.push_back(raw[i] == '+' ? ' ' : raw[i]);
        }
    }
    return out;
}

bool same_parse(const kolroi::url& a, const kolroi::url& b) {
    if (a.scheme != b.scheme || a.host != b.host || a.port != b.port || a.path != b.path ||
        a.query != b.query || a.fragment != b.fragment ||
        a.parameters.size() != b.parameters.size()) {
        return false;
    }
    for (std::size_t i = 0; i < a.parameters.size(); ++i) {
        const auto& x = a.parameters[i];
        const auto& y = b.parameters[i];
        if (x.key != y.key || x.value != y.value || x.raw_key != y.raw_key ||
            x.raw_value != y.raw_value || x.key_status != y.key_status ||
            x.value_status != y.value_status || x.offset != y.offset) {
            return false;
        }
    }
    return true;
}

} // namespace

TEST_CASE("random URL-like bytes parse or throw parse_error, and parsed parts are consistent") {
    // Fixed seed: the same 20000 strings on every run.
    std::mt19937 random(20240501);
    const std::string alphabet = "%%%++&&==??##//::@[]abcAF09GZ.;-_~ \t";
    std::size_t parsed = 0;
    for (int round = 0; round < 20000; ++round) {
        std::string text;
        const std::size_t length = random() % 40;
        for (std::size_t i = 0; i < length; ++i) {
            const auto pick = random() % (alphabet.size() + 6);
            text.push_back(pick < alphabet.size() ? alphabet[pick]
                                                  : static_cast<char>(0x80 + random() % 0x80));
        }
        if (round % 3 == 0) {
            text = "https://shop.example/?" + text;
        }

        // The text sits in a larger buffer so that a read past its end would change the result.
        const std::string buffer = text + "41%41&utm_source=x#";
        const std::string_view view = std::string_view(buffer).substr(0, text.size());
        CAPTURE(text);
        kolroi::url from_view;
        try {
            from_view = parse_url(view);
        } catch (const kolroi::error& fault) {
            CHECK(fault.kind() == kolroi::error_kind::parse_error);
            CHECK_THROWS_AS(parse_url(text), kolroi::error);
            continue;
        }
        ++parsed;
        CHECK(same_parse(from_view, parse_url(text)));

        for (const auto& parameter : from_view.parameters) {
            REQUIRE(parameter.offset + parameter.raw_key.size() <= text.size());
            CHECK(text.compare(parameter.offset, parameter.raw_key.size(), parameter.raw_key) == 0);
            const auto key = reference_decode(parameter.raw_key);
            const auto value = reference_decode(parameter.raw_value);
            const bool key_ok = key && kolroi::is_valid_utf8(*key);
            const bool value_ok = value && kolroi::is_valid_utf8(*value);
            CHECK((parameter.key_status == decode_status::ok) == key_ok);
            CHECK((parameter.value_status == decode_status::ok) == value_ok);
            if (key_ok) {
                CHECK(parameter.key == *key);
            }
            if (value_ok) {
                CHECK(parameter.value == *value);
            }
        }
        for (const char c : from_view.host) {
            CHECK_FALSE((c >= 'A' && c <= 'Z'));
        }
    }
    CHECK(parsed > 5000); // the generator must reach the success paths, not only the errors
}
