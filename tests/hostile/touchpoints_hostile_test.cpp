// Hostile input for kolroi/tracking/touchpoints.hpp: landing URLs and referrers written by
// strangers (bad ports, malformed escapes, control characters, bytes that are not UTF-8), dates
// out of range, rows of the wrong width, a touch that two KOLs claim, and a URL of 100,000
// parameters.
#include "hostile_support.hpp"

#include "kolroi/tracking/kol_registry.hpp"
#include "kolroi/tracking/touch_resolver.hpp"
#include "kolroi/tracking/touchpoints.hpp"

#include <string>

using kolroi::test::check_one_skip;
using kolroi::test::hostile_file;

namespace {

kolroi::touch_resolver resolver_with_kols() {
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
                     {{kolroi::kol_key_kind::utm_campaign, "ben_spring"}}});
    return kolroi::touch_resolver(std::move(config));
}

} // namespace

TEST_CASE("every bad row of visits_bad_rows.csv is skipped and counted at its line and field") {
    const auto resolver = resolver_with_kols();
    const auto file =
        kolroi::read_touchpoints(hostile_file("visits_bad_rows.csv"), "visits.csv", resolver);

    // 12 data rows: 2 touchpoints and 10 skips, and one remark on a repeated utm_source.
    CHECK(file.rows == 12);
    REQUIRE(file.touches.size() == 2);
    CHECK(file.notes.total() == 10 + 1);

    check_one_skip(file.notes, "wrong field count", 3, "", "expected 5 fields, saw 3");
    check_one_skip(file.notes, "missing customer id", 4, "customer_id", "the customer id is empty");
    check_one_skip(file.notes, "bad timestamp", 5, "time",
                   "day 30 is outside 1..29 for month 2 of 2024");
    check_one_skip(file.notes, "bad referrer", 8, "referrer", "host 'bad host' has character ' '");
    check_one_skip(file.notes, "touch with two KOLs", 9, "campaign", "belongs to KOL 'ben'");
    check_one_skip(file.notes, "repeated campaign parameter", 10, "landing_url",
                   "utm_source is 'a', later 'b'");

    // Five landing URLs that cannot be read, each for its own reason.
    CHECK(file.notes.count("bad landing URL") == 5);
    const std::pair<std::size_t, std::string> landing[] = {
        {6, "port '99999' is above 65535"},
        {7, "malformed percent escape in '%G1'"},
        {11, "control character 1 inside the URL"},
        {12, "invalid UTF-8 after decoding"},
        {13, "host is not valid UTF-8"},
    };
    for (const auto& [line, fragment] : landing) {
        bool found = false;
        for (const auto& note : file.notes.examples()) {
            if (note.reason == "bad landing URL" && note.where.line == line) {
                found = true;
                INFO("line " << line << ": " << note.detail);
                CHECK(note.where.field == "landing_url");
                CHECK(note.detail.find(fragment) != std::string::npos);
            }
        }
        CHECK_MESSAGE(found, "no bad landing URL at line " << line);
    }

    CHECK(file.touches[0].channel == "kol:anna");
    CHECK(file.touches[0].line == 2);
    CHECK(file.touches[1].customer_id == "c2");
    CHECK(file.touches[1].line == 10);
}

TEST_CASE("a landing URL of 100,000 parameters is read, and each repeat of utm_source counted") {
    std::string url = "https://shop.example/?utm_source=s0";
    for (int i = 1; i < 100000; ++i) {
        url += "&utm_source=s" + std::to_string(i);
    }
    const std::string text = "customer_id,time,landing_url\nc,2024-03-01," + url + "\n";
    const auto file = kolroi::read_touchpoints(text, "big.csv", kolroi::touch_resolver{});
    REQUIRE(file.touches.size() == 1);
    CHECK(file.notes.count("repeated campaign parameter") == 99999);
}
