// Hostile input for kolroi/tracking/kols_reader.hpp: unknown platforms, a promo code two KOLs
// claim, ids with control characters or bytes that are not UTF-8, and rows of the wrong width.
// A KOL list is written by hand, so each fault is an error, never a skip.
#include "hostile_support.hpp"

#include "kolroi/tracking/kols_reader.hpp"

#include <string>

using kolroi::error_kind;
using kolroi::test::check_throws;
using kolroi::test::hostile_file;

namespace {

void read(const std::string& name) {
    (void)kolroi::read_kols(hostile_file(name), name);
}

} // namespace

TEST_CASE("a platform that is none of the known ones, or 'none', is an error at its field") {
    check_throws([] { read("kols_unknown_platform.csv"); },
                 {error_kind::parse_error, "kols_unknown_platform.csv", 3, "platform",
                  "unknown platform 'myspace'"});
    check_throws([] { read("kols_platform_none.csv"); },
                 {error_kind::parse_error, "kols_platform_none.csv", 2, "platform",
                  "unknown platform 'none'"});
}

TEST_CASE("a promo code that a second KOL claims (case and spaces aside) names both KOLs") {
    check_throws([] { read("kols_duplicate_key.csv"); },
                 {error_kind::data_error, "kols_duplicate_key.csv", 3, "promo_code",
                  "promo code 'anna10' of KOL 'k2' clashes with promo code 'anna10' of KOL 'k1'"});
}

TEST_CASE("an id with a tab or with bytes that are not UTF-8 is an error at kol_id") {
    check_throws([] { read("kols_control_character.csv"); },
                 {error_kind::data_error, "kols_control_character.csv", 2, "kol_id",
                  "holds whitespace or a control character (byte 9)"});
    check_throws([] { read("kols_invalid_utf8.csv"); },
                 {error_kind::data_error, "kols_invalid_utf8.csv", 2, "kol_id",
                  "KOL id is not valid UTF-8"});
}

TEST_CASE("a row with a field more than the header is an error") {
    check_throws(
        [] { read("kols_wrong_columns.csv"); },
        {error_kind::parse_error, "kols_wrong_columns.csv", 2, "", "expected 2 fields, saw 3"});
}
