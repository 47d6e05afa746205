// Tests of kolroi/prediction/history.hpp: the history file, writing it back, and history rows
// made from a KOL report.
#include "kolroi/prediction/history.hpp"

#include "kolroi/io/file.hpp"

#include "test_support.hpp"

#include <set>
#include <string>

namespace {

const std::string header = "kol_id,campaign,platform,followers,cost_model,price,cost,"
                           "credited_gmv,roas\n";

std::string error_of(const std::string& text) {
    try {
        (void)kolroi::read_history(text, "history.csv");
    } catch (const kolroi::error& e) {
        return e.what();
    }
    return "no error";
}

kolroi::creator_profile profile(const std::string& id, kolroi::platform on) {
    kolroi::creator_profile p;
    p.kol_id = id;
    p.platform = on;
    p.followers = 50000;
    p.average_views = 8000;
    p.quote = {kolroi::cost_model::flat_fee, 500, 0};
    return p;
}

kolroi::roi_row report_row(const std::string& id, const std::string& campaign, kolroi::platform on,
                           double flat_fee, double net_gmv) {
    kolroi::roi_row row;
    row.key = {id, campaign};
    row.platform = on;
    row.has_contract = flat_fee > 0;
    row.cost.flat_fee = flat_fee;
    row.figures.net_gmv = net_gmv;
    row.figures.gross_gmv = std::max(net_gmv, 0.0) + 10;
    row.metrics.basis = kolroi::revenue_basis::net;
    row.metrics.inputs = {flat_fee, 1, row.figures.gross_gmv, net_gmv};
    return row;
}

} // namespace

TEST_CASE("the bundled history has the generator's 251 collaborations of 100 creators") {
    const auto path = kolroi::test::example_file("data/sample_store/history.csv");
    const auto history = kolroi::read_history(kolroi::read_file(path), "history.csv");
    CHECK(history.rows.size() == 251);
    CHECK(history.notes.empty());
    std::set<std::string> kols;
    for (const auto& row : history.rows) {
        kols.insert(row.profile.kol_id);
    }
    CHECK(kols.size() == 100);

    // Line 2 of the file, read by eye: past001_tiktok,past001_tiktok_1,tiktok,160694,45021,
    // 0.0735,FR,gaming,cpm,15.39,0.00,1,656.04,2329.60,3.5510,"no sponsored fluff, ..."
    const kolroi::collaboration& first = history.rows.front();
    CHECK(first.profile.kol_id == "past001_tiktok");
    CHECK(first.campaign == "past001_tiktok_1");
    CHECK(first.profile.platform == kolroi::platform::tiktok);
    CHECK(first.profile.followers == 160694.0);
    CHECK(first.profile.average_views == std::optional<double>(45021.0));
    CHECK(first.profile.engagement_rate == std::optional<double>(0.0735));
    CHECK(first.profile.market == "FR");
    CHECK(first.profile.category == "gaming");
    CHECK(first.profile.quote.model == kolroi::cost_model::cpm);
    CHECK(first.profile.quote.amount == 15.39);
    CHECK(first.cost == 656.04);
    CHECK(first.credited_gmv == 2329.60);
    CHECK(first.roas() == doctest::Approx(3.5510).epsilon(2e-5));
    CHECK(first.profile.bio.rfind("no sponsored fluff, dermatologist-approved picks", 0) == 0);
    CHECK(first.profile.recent_captions.size() == 3);
}

TEST_CASE("a written ROAS must agree with GMV over cost to four decimals") {
    CHECK_NOTHROW(kolroi::read_history(header + "a,c1,tiktok,1k,flat_fee,300,300,400,1.3333\n",
                                       "history.csv"));
    CHECK(error_of(header + "a,c1,tiktok,1k,flat_fee,300,300,400,1.3\n") ==
          "history.csv:2: field 'roas': roas 1.3 disagrees with credited_gmv / cost = 400 / 300 "
          "= 1.3333333333333333");
}

TEST_CASE("a collaboration that cost nothing is skipped and counted; negative money is an error") {
    const auto history = kolroi::read_history(header + "a,c1,tiktok,1k,flat_fee,0,0,400,\n"
                                                       "b,c2,youtube,2k,flat_fee,100,100,50,\n",
                                              "history.csv");
    REQUIRE(history.rows.size() == 1);
    CHECK(history.rows[0].profile.kol_id == "b");
    CHECK(history.notes.count("zero cost") == 1);
    CHECK(history.notes.examples().front().where.line == 2);

    CHECK(error_of(header + "a,c1,tiktok,1k,flat_fee,10,-10,400,\n") ==
          "history.csv:2: field 'cost': a cost is never negative, saw -10");
    CHECK(error_of(header + "a,c1,tiktok,1k,flat_fee,10,10,-4,\n") ==
          "history.csv:2: field 'credited_gmv': credited GMV is never negative here, saw -4");
    CHECK(error_of(header + "a,c1,tiktok,1k,flat_fee,10,ten,4,\n") ==
          "history.csv:2: field 'cost': expected a number, saw 'ten'");
    CHECK(error_of("kol_id,platform,followers,cost_model,price,cost\n") ==
          "history.csv:1: missing column 'credited_gmv'; the header has 'kol_id', 'platform', "
          "'followers', 'cost_model', 'price', 'cost'");
}

TEST_CASE("written history reads back as the same collaborations") {
    kolroi::collaboration a{profile("a, the first", kolroi::platform::youtube), "spring", 512.25,
                            1800.5};
    a.profile.engagement_rate = 0.0123;
    a.profile.market = "GB";
    a.profile.category = "beauty";
    a.profile.quote = {kolroi::cost_model::flat_fee_and_commission, 400, 0.08, 2};
    a.profile.bio = "says \"honest reviews\"";
    a.profile.recent_captions = {"one", "two"};
    kolroi::collaboration b{profile("b", kolroi::platform::tiktok), "", 90, 0};
    b.profile.average_views.reset();
    // A whole-GMV commission is written "100%": a bare 1 would be refused as ambiguous.
    kolroi::collaboration c{profile("c", kolroi::platform::instagram), "all", 300, 300};
    c.profile.quote = {kolroi::cost_model::commission, 0, 1.0, 1};
    const std::vector<kolroi::collaboration> rows = {a, b, c};

    const std::string written = kolroi::write_history(rows);
    CHECK(written.find(",commission,0,100%,1,") != std::string::npos);
    const auto back = kolroi::read_history(written, "written.csv");
    REQUIRE(back.rows.size() == rows.size());
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const auto& want = rows[i];
        const auto& got = back.rows[i];
        CAPTURE(i);
        CHECK(got.profile.kol_id == want.profile.kol_id);
        CHECK(got.campaign == want.campaign);
        CHECK(got.profile.platform == want.profile.platform);
        CHECK(got.profile.followers == want.profile.followers);
        CHECK(got.profile.average_views == want.profile.average_views);
        CHECK(got.profile.engagement_rate == want.profile.engagement_rate);
        CHECK(got.profile.market == want.profile.market);
        CHECK(got.profile.category == want.profile.category);
        CHECK(got.profile.quote.model == want.profile.quote.model);
        CHECK(got.profile.quote.amount == want.profile.quote.amount);
        CHECK(got.profile.quote.commission_rate == want.profile.quote.commission_rate);
        CHECK(got.profile.quote.posts == want.profile.quote.posts);
        CHECK(got.profile.bio == want.profile.bio);
        CHECK(got.profile.recent_captions == want.profile.recent_captions);
        CHECK(got.cost == want.cost);
        CHECK(got.credited_gmv == want.credited_gmv);
    }
}

TEST_CASE("a report's priced rows with a profile become collaborations; the rest are noted") {
    kolroi::roi_report report;
    report.currency = "USD";
    report.kols = {report_row("anna", "spring", kolroi::platform::tiktok, 1500, 3600.5),
                   report_row("anna", "summer", kolroi::platform::tiktok, 0, 200),
                   report_row("ben", "spring", kolroi::platform::instagram, 900, -20),
                   report_row("cara", "spring", kolroi::platform::youtube, 700, 800),
                   report_row("dora", "spring", kolroi::platform::facebook, 300, 150)};
    const std::vector<kolroi::creator_profile> profiles = {
        profile("anna", kolroi::platform::tiktok), profile("ben", kolroi::platform::instagram),
        profile("dora", kolroi::platform::instagram)};

    const auto history = kolroi::history_from_report(report, profiles);
    REQUIRE(history.rows.size() == 1);
    CHECK(history.rows[0].profile.kol_id == "anna");
    CHECK(history.rows[0].campaign == "spring");
    CHECK(history.rows[0].cost == 1500);
    CHECK(history.rows[0].credited_gmv == 3600.5);
    CHECK(history.notes.count("zero cost") == 1);
    CHECK(history.notes.count("negative GMV") == 1);
    CHECK(history.notes.count("no profile") == 1);
    CHECK(history.notes.count("platform differs") == 1);

    // On the gross basis the same rows credit gross GMV.
    for (auto& row : report.kols) {
        row.metrics.basis = kolroi::revenue_basis::gross;
    }
    const auto gross = kolroi::history_from_report(report, profiles);
    REQUIRE(gross.rows.size() == 2);
    CHECK(gross.rows[0].credited_gmv == 3610.5);
    CHECK(gross.rows[1].profile.kol_id == "ben");
    CHECK(gross.rows[1].credited_gmv == 10);

    const std::vector<kolroi::creator_profile> twice = {profile("anna", kolroi::platform::tiktok),
                                                        profile("anna", kolroi::platform::tiktok)};
    CHECK_THROWS_WITH_AS(kolroi::history_from_report(report, twice),
                         "history_from_report: two profiles for KOL 'anna'", kolroi::error);
}

TEST_CASE("merging a season into a history replaces its collaborations and appends new ones") {
    using kolroi::collaboration;
    std::vector<collaboration> history = {
        {profile("a", kolroi::platform::tiktok), "spring", 100, 300},
        {profile("b", kolroi::platform::youtube), "spring", 200, 100},
        {profile("a", kolroi::platform::tiktok), "summer", 150, 150},
    };
    const std::vector<collaboration> season = {
        {profile("a", kolroi::platform::tiktok), "Summer", 160, 480}, // the same campaign
        {profile("c", kolroi::platform::instagram), "summer", 90, 45},
        {profile("b", kolroi::platform::youtube), "summer", 210, 420}, // b's second campaign
    };
    const auto merged = kolroi::merge_history(history, season);
    CHECK(merged.added == 2);
    CHECK(merged.replaced == 1);
    REQUIRE(history.size() == 5);
    CHECK(history[2].campaign == "Summer"); // in the place of a/summer, with the new figures
    CHECK(history[2].cost == 160);
    CHECK(history[2].credited_gmv == 480);
    CHECK(history[3].profile.kol_id == "c");
    CHECK(history[4].profile.kol_id == "b");
    CHECK(history[4].campaign == "summer");

    // Merging the same season again changes nothing.
    const std::vector<collaboration> before = history;
    const auto again = kolroi::merge_history(history, season);
    CHECK(again.added == 0);
    CHECK(again.replaced == 3);
    CHECK(kolroi::write_history(history) == kolroi::write_history(before));
}
