// Tests for kolroi/tracking/touchpoints.hpp: the visit log, resolved row by row, and its bad rows.
// Expected channels follow GA4's default channel group as touch_resolver.hpp states it, worked
// out by hand for each row.
#include "kolroi/io/file.hpp"
#include "kolroi/tracking/touchpoints.hpp"

#include "test_support.hpp"

#include <string>

namespace {

using kolroi::platform;
using kolroi::touch_basis;

kolroi::touch_resolver store_resolver() {
    kolroi::touch_resolver_config config;
    config.referrers.add_own_domain("shop.example");
    config.kols.add({"anna",
                     "Anna",
                     platform::instagram,
                     "@anna",
                     {{kolroi::kol_key_kind::utm_campaign, "kol_anna"},
                      {kolroi::kol_key_kind::promo_code, "ANNA10"}}});
    config.kols.add(
        {"bob",
         "Bob",
         platform::tiktok,
         "@bob",
         {{kolroi::kol_key_kind::link_slug, "bob"}, {kolroi::kol_key_kind::promo_code, "BOB15"}}});
    return kolroi::touch_resolver(std::move(config));
}

constexpr const char* header = "customer_id,time,landing_url,source,medium,campaign,content,"
                               "referrer\n";

kolroi::touchpoint_file
read(const std::string& body,
     kolroi::bad_row_policy policy = kolroi::bad_row_policy::skip_and_report) {
    kolroi::touchpoint_read_options options;
    options.on_bad_row = policy;
    return kolroi::read_touchpoints(std::string(header) + body, "visits.csv", store_resolver(),
                                    options);
}

} // namespace

TEST_CASE("the bundled visit log: eleven touches and three located bad rows") {
    const auto path = kolroi::test::test_data("journeys/visits.csv");
    const auto file =
        kolroi::read_touchpoints(kolroi::read_file(path), "visits.csv", store_resolver());
    CHECK(file.rows == 14);
    REQUIRE(file.touches.size() == 11);
    CHECK(file.notes.total() == 3);
    REQUIRE(file.notes.examples().size() == 3);
    CHECK(file.notes.examples()[0].reason == "bad timestamp");
    CHECK(file.notes.examples()[0].where.describe() == "visits.csv:13: field 'time'");
    CHECK(file.notes.examples()[1].reason == "missing customer id");
    CHECK(file.notes.examples()[1].where.describe() == "visits.csv:14: field 'customer_id'");
    CHECK(file.notes.examples()[2].reason == "bad landing URL");
    CHECK(file.notes.examples()[2].where.describe() == "visits.csv:15: field 'landing_url'");

    // Line 2: tagged ig / social with Anna's campaign.
    const auto& anna = file.touches[0];
    CHECK(anna.customer_id == "c1");
    CHECK(anna.time == 1707480000); // GNU date: 2024-02-09T12:00:00Z
    CHECK(anna.channel == "kol:anna");
    CHECK(anna.kol_id == "anna");
    CHECK(anna.campaign == "kol_anna");
    CHECK(anna.platform == platform::instagram);
    CHECK(anna.basis == touch_basis::campaign_tags);
    CHECK(anna.line == 2);

    // Line 3: Google as referrer is Organic Search, a platform other than the four.
    CHECK(file.touches[1].channel == "Organic Search");
    CHECK(file.touches[1].kol_id.empty());
    CHECK(file.touches[1].platform == platform::other);
    CHECK(file.touches[1].basis == touch_basis::referrer);

    // Line 6: Bob's link slug without tags or referrer: Bob's channel, a direct visit.
    CHECK(file.touches[4].channel == "kol:bob");
    CHECK(file.touches[4].kol_id == "bob");
    CHECK(file.touches[4].basis == touch_basis::direct);

    // Line 7: nothing at all is a direct visit.
    CHECK(file.touches[5].channel == "Direct");
    CHECK(file.touches[5].platform == platform::none);

    // Line 9: tiktok / cpc is Paid Social on TikTok; line 11 and 12 come from the tag columns.
    CHECK(file.touches[7].channel == "Paid Social");
    CHECK(file.touches[7].platform == platform::tiktok);
    CHECK(file.touches[9].channel == "Organic Social");
    CHECK(file.touches[9].platform == platform::instagram);
    CHECK(file.touches[10].channel == "Email");
    CHECK(file.touches[10].campaign == "march");
}

TEST_CASE("a tag column replaces the landing URL's parameter of the same name") {
    const auto file =
        read("c1,2024-03-01T00:00:00Z,https://shop.example/?utm_source=google&utm_medium=cpc,"
             "instagram,social,,,\n");
    REQUIRE(file.touches.size() == 1);
    CHECK(file.touches[0].channel == "Organic Social");
    CHECK(file.touches[0].platform == platform::instagram);
}

TEST_CASE("a touch whose keys name two KOLs is a located bad row") {
    const auto file = read("c1,2024-03-01T00:00:00Z,https://shop.example/bob,,,kol_anna,,\n"
                           "c1,2024-03-01T00:00:00Z,https://shop.example/bob?utm_campaign=kol_anna,"
                           ",,,,\n");
    CHECK(file.touches.empty());
    CHECK(file.notes.count("touch with two KOLs") == 2);
    CHECK(file.notes.examples()[0].where.describe() == "visits.csv:2: field 'campaign'");
    CHECK(file.notes.examples()[1].where.describe() == "visits.csv:3: field 'landing_url'");
    CHECK(file.notes.examples()[0].detail.find("'anna'") != std::string::npos);
    CHECK(file.notes.examples()[0].detail.find("'bob'") != std::string::npos);
}

TEST_CASE("an unreadable referrer or campaign parameter names its field") {
    const auto file = read("c1,2024-03-01T00:00:00Z,,,,,,https://www.google.com:70000/\n"
                           "c1,2024-03-01T00:00:00Z,https://shop.example/?utm_source=%G1,,,,,\n");
    CHECK(file.touches.empty());
    CHECK(file.notes.count("bad referrer") == 1);
    CHECK(file.notes.count("bad landing URL") == 1);
    CHECK(file.notes.examples()[0].where.describe() == "visits.csv:2: field 'referrer'");
    CHECK(file.notes.examples()[1].where.describe() == "visits.csv:3: field 'landing_url'");
}

TEST_CASE("a repeated campaign parameter is noted at its row and the touch is kept") {
    const auto file =
        read("c1,2024-03-01T00:00:00Z,https://shop.example/?utm_source=ig&utm_source=fb,,,,,\n");
    REQUIRE(file.touches.size() == 1);
    CHECK(file.touches[0].platform == platform::instagram);
    CHECK(file.notes.count("repeated campaign parameter") == 1);
    CHECK(file.notes.examples()[0].where.describe() == "visits.csv:2: field 'landing_url'");
}

TEST_CASE("strict mode throws at the first bad row") {
    CHECK_THROWS_WITH(read("c1,2024-03-01T00:00:00Z,,,,,,\n"
                           "c1,2024-03-01T00:61:00Z,,,,,,\n"
                           ",2024-03-01T00:00:00Z,,,,,,\n",
                           kolroi::bad_row_policy::strict),
                      doctest::Contains("visits.csv:3: field 'time': read_touchpoints: "
                                        "parse_iso8601: minute 61 is outside 0..59"));
}

TEST_CASE("a row of the wrong width is skipped; a header without visit columns is an error") {
    const auto file = read("c1,2024-03-01T00:00:00Z,,,\n");
    CHECK(file.touches.empty());
    CHECK(file.notes.count("wrong field count") == 1);
    CHECK_THROWS_WITH((void)kolroi::read_touchpoints("customer_id,time\nc1,2024-03-01\n",
                                                     "visits.csv", store_resolver()),
                      doctest::Contains("the header has none of landing_url"));
    CHECK_THROWS_WITH(
        (void)kolroi::read_touchpoints("time,referrer\n", "visits.csv", store_resolver()),
        doctest::Contains("missing column 'customer_id'"));
}
