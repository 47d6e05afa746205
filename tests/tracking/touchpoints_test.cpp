// Tests for kolroi/tracking/touchpoints.hpp: the visit log, resolved row by row, and its bad rows.
// Expected channels follow GA4's default channel group as touch_resolver.hpp states it, worked
// out by hand for each row.
#include "kolroi/io/file.hpp"
#include "kolroi/tracking/touchpoints.hpp"

#include "test_support.hpp"

#include <string>
#include <vector>

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

namespace {

kolroi::touchpoint_file
read_on(const std::string& text, unsigned threads,
        kolroi::bad_row_policy policy = kolroi::bad_row_policy::skip_and_report) {
    kolroi::touchpoint_read_options options;
    options.on_bad_row = policy;
    options.threads = threads;
    options.parallel_min_bytes = 0; // cut even a small log in two
    return kolroi::read_touchpoints(text, "visits.csv", store_resolver(), options);
}

/// Whether `text` is read by two threads, not handed back to one.
bool read_in_halves(const std::string& text) {
    kolroi::touchpoint_read_options options;
    const auto boundary = kolroi::detail::middle_record_boundary(text);
    return boundary != std::string::npos &&
           kolroi::detail::read_touchpoints_in_halves(text, "visits.csv", store_resolver(), options,
                                                      boundary)
               .has_value();
}

/// Every touch, count and note of `file` in order, as text to compare.
std::string listing(const kolroi::touchpoint_file& file) {
    std::string out = std::to_string(file.rows) + " rows\n";
    for (const auto& touch : file.touches) {
        out += touch.customer_id + '|' + std::to_string(touch.time) + '|' + touch.channel + '|' +
               touch.kol_id + '|' + touch.campaign + '|' + std::to_string(touch.line) + '\n';
    }
    for (const auto& note : file.notes.examples()) {
        out += note.reason + " at " + note.where.describe() + '\n';
    }
    return out;
}

/// A log of `rows` visits, one in seven with a bad time and one in five with a quoted campaign
/// that holds a line break and doubled quotes; odd rows end in CRLF. `bad_lines` gets the line
/// of each bad row, `lines` the line each row starts on.
std::string mixed_log(int rows, std::vector<std::size_t>& lines,
                      std::vector<std::size_t>& bad_lines) {
    std::string text = header;
    std::size_t line = 2;
    for (int i = 0; i < rows; ++i) {
        lines.push_back(line);
        const bool bad = i % 7 == 3;
        if (bad) {
            bad_lines.push_back(line);
        }
        text +=
            "c" + std::to_string(i) + (bad ? ",2024-03-01T25:00:00Z," : ",2024-03-01T10:00:00Z,");
        if (i % 5 == 0) {
            text += "https://shop.example/p,ig,social,\"week " + std::to_string(i) +
                    "\nthe \"\"big\"\" one\",,";
            ++line;
        } else if (i % 5 == 1) {
            text += "https://shop.example/?utm_source=ig&utm_campaign=kol_anna,,,,,";
        } else if (i % 5 == 2) {
            text += "https://shop.example/bob,,,,,https://www.google.com/";
        } else {
            text += ",,,,,";
        }
        text += i % 2 == 1 ? "\r\n" : "\n";
        ++line;
    }
    return text;
}

} // namespace

TEST_CASE("two threads read a log as one does: every touch, count and note, in file order") {
    std::vector<std::size_t> lines;
    std::vector<std::size_t> bad_lines;
    const std::string text = mixed_log(200, lines, bad_lines);
    REQUIRE(read_in_halves(text));
    const auto one = read_on(text, 1);
    const auto two = read_on(text, 2);
    CHECK(one.rows == 200);
    CHECK(two.rows == 200);
    REQUIRE(two.touches.size() == 200 - bad_lines.size());
    CHECK(two.notes.count("bad timestamp") == bad_lines.size());
    // The first 20 bad rows are kept, at the lines the log was written with.
    REQUIRE(two.notes.examples().size() == 20);
    for (std::size_t i = 0; i < 20; ++i) {
        CHECK(two.notes.examples()[i].where.line == bad_lines[i]);
    }
    // Row 199 has a bad time (199 % 7 == 3), so the last touch is row 198's.
    CHECK(two.touches.back().customer_id == "c198");
    CHECK(two.touches.back().line == lines[198]);
    CHECK(listing(two) == listing(one));
}

TEST_CASE("a log cut inside a quoted field that spans its middle is cut after that record") {
    // Row 3's campaign holds 400 line breaks, so the middle of the text is inside it.
    std::string text = std::string(header) + "c1,2024-03-01T10:00:00Z,,,,,,\n" +
                       "c2,2024-03-01T10:00:00Z,,,,,,\n" + "c3,2024-03-01T10:00:00Z,,ig,social,\"";
    for (int i = 0; i < 400; ++i) {
        text += "a\n";
    }
    text += "\",,\nc4,2024-03-01T10:00:00Z,,,,,,\n";
    REQUIRE(read_in_halves(text));
    const auto two = read_on(text, 2);
    REQUIRE(two.touches.size() == 4);
    CHECK(two.touches[2].line == 4);
    CHECK(two.touches[3].line == 405); // 1 header line, 3 rows, 400 breaks inside row 3
    CHECK(listing(two) == listing(read_on(text, 1)));
}

TEST_CASE("on two threads strict mode throws at the first bad row of the file") {
    const auto error_of = [](const std::string& text, unsigned threads) -> std::string {
        try {
            (void)read_on(text, threads, kolroi::bad_row_policy::strict);
        } catch (const kolroi::error& fault) {
            return fault.what();
        }
        return "no error";
    };
    std::vector<std::size_t> lines;
    std::vector<std::size_t> bad_lines;
    const std::string both_halves = mixed_log(200, lines, bad_lines);
    CHECK(error_of(both_halves, 2)
              .find("visits.csv:" + std::to_string(bad_lines[0]) + ": field 'time'") !=
          std::string::npos);
    CHECK(error_of(both_halves, 2) == error_of(both_halves, 1));

    // Only the back half is bad: its first bad row, on the line one thread would name.
    std::string back = header;
    for (int i = 0; i < 100; ++i) {
        back += "c" + std::to_string(i) + ",2024-03-01T10:00:00Z,,,,,,\n";
    }
    back += "c100,2024-03-01T10:61:00Z,,,,,,\nc101,2024-03-01T10:62:00Z,,,,,,\n";
    CHECK(error_of(back, 2).find("visits.csv:102: field 'time'") != std::string::npos);
    CHECK(error_of(back, 2) == error_of(back, 1));

    // Not CSV: a quote inside an unquoted field of the back half misleads the cut; the error is
    // still the one a single thread gives.
    std::string stray = back.substr(0, back.size() / 2) + "x\"y,\n" + back.substr(back.size() / 2);
    CHECK(error_of(stray, 2) == error_of(stray, 1));
    CHECK(error_of(stray, 1) != "no error");
}
