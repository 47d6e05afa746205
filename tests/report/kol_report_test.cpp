// Tests for kolroi/report/kol_report.hpp: the KOL report from orders, visits and contracts.
#include "kolroi/incrementality/kol_reach.hpp"
#include "kolroi/incrementality/order_segments.hpp"
#include "kolroi/io/csv_reader.hpp"
#include "kolroi/io/file.hpp"
#include "kolroi/report/kol_report.hpp"
#include "kolroi/roi/contracts_reader.hpp"
#include "kolroi/tracking/journey_builder.hpp"
#include "kolroi/tracking/kols_reader.hpp"

#include "test_support.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>
#include <string>
#include <vector>

namespace {

// A store given as the text of its five files.
struct store_files {
    std::string kols = "kol_id,platform,utm_campaign,promo_code\n"
                       "kol_001,tiktok,c1,KOL1\n";
    std::string contracts = "kol_id,campaign,platform,currency,flat_fee\n"
                            "kol_001,c1,tiktok,USD,500\n";
    std::string rates = "currency,rate_to_reporting\nUSD,1\n";
    std::string orders;
    std::string touchpoints;
};

struct built_store {
    kolroi::kol_registry kols;
    kolroi::contract_book contracts;
    kolroi::exchange_rates rates{"USD"};
    kolroi::order_journeys journeys;
};

built_store build(const store_files& files) {
    built_store store;
    kolroi::touch_resolver_config config;
    config.kols = kolroi::read_kols(files.kols, "kols.csv");
    store.kols = config.kols;
    const kolroi::touch_resolver resolver(config);
    store.contracts = kolroi::read_contracts(files.contracts, "contracts.csv");
    store.rates = kolroi::read_exchange_rates(files.rates, "rates.csv", "USD");
    const auto orders = kolroi::read_orders(files.orders, "orders.csv");
    const auto touches = kolroi::read_touchpoints(files.touchpoints, "touchpoints.csv", resolver);
    store.journeys = kolroi::build_journeys(orders, touches, resolver, store.rates);
    return store;
}

const kolroi::roi_row& row_of(const kolroi::roi_report& report, const std::string& kol) {
    for (const auto& row : report.kols) {
        if (row.key.kol_id == kol) {
            return row;
        }
    }
    FAIL("no row for " << kol);
    return report.kols.front();
}

// Case R1: order A 1200 over kol > organic, order B 800 over kol; the KOL costs 500.
store_files case_r1() {
    store_files files;
    files.orders = "order_id,customer_id,time,revenue,currency\n"
                   "A,x,2026-03-10T12:00:00Z,1200,USD\n"
                   "B,y,2026-03-11T12:00:00Z,800,USD\n";
    files.touchpoints = "customer_id,time,landing_url,referrer\n"
                        "x,2026-03-08T12:00:00Z,https://shop.example/?utm_source=tiktok"
                        "&utm_medium=paid_kol&utm_campaign=c1,\n"
                        "x,2026-03-09T12:00:00Z,https://shop.example/,https://www.google.com/\n"
                        "y,2026-03-10T12:00:00Z,https://shop.example/?utm_source=tiktok"
                        "&utm_medium=paid_kol&utm_campaign=c1,\n";
    return files;
}

} // namespace

TEST_CASE("the worked ROI case through the whole pipeline (case R1)") {
    const auto store = build(case_r1());
    kolroi::kol_report_options options;
    options.model = "linear";
    const auto report =
        kolroi::make_kol_report(store.journeys, store.contracts, store.rates, options, &store.kols);
    const auto& kol = row_of(report.chosen(), "kol_001");
    CHECK(kol.figures.gross_gmv == doctest::Approx(1400.0));
    CHECK(kol.figures.orders == doctest::Approx(1.5));
    CHECK(kol.cost.total() == doctest::Approx(500.0));
    CHECK(kol.metrics.roi().value() == doctest::Approx(1.8));
    CHECK(kol.metrics.roas().value() == doctest::Approx(2.8));
    CHECK(kol.platform == kolroi::platform::tiktok);

    // Organic search earned the other 600, and the store's total is both orders.
    REQUIRE(report.chosen().channels.size() == 1);
    CHECK(report.chosen().channels[0].group == "Organic Search");
    CHECK(report.chosen().channels[0].figures.gross_gmv == doctest::Approx(600.0));
    CHECK(report.chosen().store_total.figures.gross_gmv == doctest::Approx(2000.0));
}

TEST_CASE("every rule-based model is reported beside the chosen one") {
    const auto store = build(case_r1());
    const auto report = kolroi::make_kol_report(store.journeys, store.contracts, store.rates);
    CHECK(report.chosen_model == "position_based");
    CHECK(report.models.size() == kolroi::rule_based_model_names.size());
    CHECK(report.models.front().model == "position_based");
    // Last touch: order A's last touch is organic, so the KOL gets only B.
    const auto* last = report.under("last_touch");
    REQUIRE(last != nullptr);
    CHECK(row_of(*last, "kol_001").figures.gross_gmv == doctest::Approx(800.0));
    // First touch: both orders began with the KOL.
    CHECK(row_of(*report.under("first_touch"), "kol_001").figures.gross_gmv ==
          doctest::Approx(2000.0));
    CHECK(row_of(*report.under("first_touch"), "kol_001").metrics.roas().value() ==
          doctest::Approx(4.0));
}

TEST_CASE("a contract with fee, commission and gifting (case C1)") {
    // Attributed GMV 3000: cost 500 + 10% of 3000 + 40 + 15 = 855; ROAS 3000 / 855 = 3.509.
    store_files files;
    files.contracts = "kol_id,campaign,platform,currency,flat_fee,commission_rate,gifting_cogs,"
                      "gifting_shipping\n"
                      "kol_001,c1,tiktok,USD,500,10%,40,15\n";
    files.orders = "order_id,customer_id,time,revenue,currency,discount_code\n"
                   "A,x,2026-03-10T12:00:00Z,3000,USD,KOL1\n";
    files.touchpoints = "customer_id,time,landing_url\n";
    const auto store = build(files);
    const auto report = kolroi::make_kol_report(store.journeys, store.contracts, store.rates);
    const auto& kol = row_of(report.chosen(), "kol_001");
    CHECK(kol.figures.gross_gmv == doctest::Approx(3000.0));
    CHECK(kol.cost.total() == doctest::Approx(855.0));
    CHECK(kol.metrics.roas().value() == doctest::Approx(3.509).epsilon(1e-4));
}

TEST_CASE("a KOL that cost nothing has undefined ROI and ROAS, never zero (case C2)") {
    store_files files = case_r1();
    files.contracts = "kol_id,campaign,platform,currency,flat_fee\n"
                      "kol_001,c1,tiktok,USD,0\n";
    const auto store = build(files);
    const auto report = kolroi::make_kol_report(store.journeys, store.contracts, store.rates);
    const auto& kol = row_of(report.chosen(), "kol_001");
    CHECK_FALSE(kol.metrics.roi().defined());
    CHECK_FALSE(kol.metrics.roas().defined());
    CHECK(kol.metrics.roas().describe().find("zero cost") != std::string::npos);
}

TEST_CASE("a touch's campaign finds its contract whatever the letter case") {
    // The KOL list matches utm_campaign ignoring case, so the contract must too: a link tagged
    // C1 is kol_001's, and with two contracts it must credit c1 rather than "(no campaign)".
    store_files files;
    files.contracts = "kol_id,campaign,platform,currency,flat_fee\n"
                      "kol_001,c1,tiktok,USD,500\n"
                      "kol_001,c2,tiktok,USD,300\n";
    files.orders = "order_id,customer_id,time,revenue,currency\n"
                   "A,x,2026-03-10T12:00:00Z,100,USD\n";
    files.touchpoints = "customer_id,time,landing_url,referrer\n"
                        "x,2026-03-09T12:00:00Z,https://shop.example/?utm_source=tiktok"
                        "&utm_medium=paid_kol&utm_campaign=C1,\n";
    const auto store = build(files);
    const auto report = kolroi::make_kol_report(store.journeys, store.contracts, store.rates);
    std::map<std::string, double> gross;
    for (const auto& row : report.chosen().kols) {
        gross[row.key.campaign] += row.figures.gross_gmv;
    }
    CHECK(gross["c1"] == doctest::Approx(100.0));
    CHECK(gross.count(std::string(kolroi::no_campaign_name)) == 0);
}

TEST_CASE("a promo-code touch credits the KOL's only contracted campaign") {
    store_files files;
    files.orders = "order_id,customer_id,time,revenue,currency,discount_code\n"
                   "A,x,2026-03-10T12:00:00Z,100,USD,kol1\n";
    files.touchpoints = "customer_id,time,landing_url\n";
    const auto store = build(files);
    const auto report = kolroi::make_kol_report(store.journeys, store.contracts, store.rates);
    REQUIRE(report.chosen().kols.size() == 1);
    CHECK(report.chosen().kols[0].key.campaign == "c1");
    CHECK(report.chosen().kols[0].figures.gross_gmv == doctest::Approx(100.0));
}

namespace {

struct sample_store {
    std::string kols, contracts, rates, orders, touchpoints;
    std::map<std::string, double> true_revenue;
};

sample_store load_sample_store() {
    const auto file = [](const char* name) {
        return kolroi::read_file(
            kolroi::test::example_file(std::string("data/sample_store/") + name));
    };
    sample_store s{file("kols.csv"),   file("contracts.csv"),   file("rates.csv"),
                   file("orders.csv"), file("touchpoints.csv"), {}};
    const std::string truth_text = file("truth.csv");
    kolroi::csv_reader truth(truth_text, "truth.csv");
    REQUIRE(truth.next());
    const kolroi::csv_header header(truth);
    while (truth.next()) {
        s.true_revenue[std::string(truth[header.require("kol_id")])] = kolroi::parse_double(
            truth[header.require("incremental_revenue")], truth.where("incremental_revenue"));
    }
    return s;
}

// Spearman's rank correlation, ties not expected.
double rank_correlation(const std::vector<double>& a, const std::vector<double>& b) {
    const auto ranks = [](const std::vector<double>& x) {
        std::vector<std::size_t> order(x.size());
        std::iota(order.begin(), order.end(), std::size_t{0});
        std::sort(order.begin(), order.end(), [&](auto i, auto j) { return x[i] < x[j]; });
        std::vector<double> rank(x.size());
        for (std::size_t r = 0; r < order.size(); ++r) {
            rank[order[r]] = static_cast<double>(r);
        }
        return rank;
    };
    const auto ra = ranks(a);
    const auto rb = ranks(b);
    double d2 = 0;
    for (std::size_t i = 0; i < ra.size(); ++i) {
        d2 += (ra[i] - rb[i]) * (ra[i] - rb[i]);
    }
    const auto n = static_cast<double>(a.size());
    return 1 - 6 * d2 / (n * (n * n - 1));
}

} // namespace

TEST_CASE("the sample store: KOL and channel rows add up to the store's totals") {
    const auto s = load_sample_store();
    const auto store = build({s.kols, s.contracts, s.rates, s.orders, s.touchpoints});
    const auto report = kolroi::make_kol_report(store.journeys, store.contracts, store.rates);

    double gross = 0;
    double net = 0;
    for (std::size_t j = 0; j < store.journeys.size(); ++j) {
        gross += store.journeys.journeys.values()[j];
        net += store.journeys.net_value[j];
    }
    for (const auto& model : report.models) {
        CAPTURE(model.model);
        const auto& total = model.report.store_total.figures;
        CHECK(total.orders == doctest::Approx(static_cast<double>(store.journeys.size())));
        CHECK(total.gross_gmv == doctest::Approx(gross).epsilon(1e-12));
        CHECK(total.net_gmv == doctest::Approx(net).epsilon(1e-12));
        CHECK(model.report.kols.size() == 12);
    }
}

TEST_CASE("the sample store: credit ranks the KOLs whose buyers are incremental by true effect") {
    // The generator makes eli_tiktok's fans buy anyway and leaks fay_instagram's code, so no
    // rule-based model can rank those two; for the other ten, credited GMV under the default
    // model follows the true incremental revenue.
    const auto s = load_sample_store();
    const auto store = build({s.kols, s.contracts, s.rates, s.orders, s.touchpoints});
    const auto report = kolroi::make_kol_report(store.journeys, store.contracts, store.rates);
    std::vector<double> credited;
    std::vector<double> truth;
    for (const auto& row : report.chosen().kols) {
        if (row.key.kol_id == "eli_tiktok" || row.key.kol_id == "fay_instagram") {
            continue;
        }
        credited.push_back(row.figures.gross_gmv);
        truth.push_back(s.true_revenue.at(row.key.kol_id));
    }
    REQUIRE(credited.size() == 10);
    CHECK(rank_correlation(credited, truth) >= 0.95);

    // And the two confounded KOLs are credited far above their true effect by every model.
    for (const auto& model : report.models) {
        CAPTURE(model.model);
        CHECK(row_of(model.report, "eli_tiktok").figures.gross_gmv >
              3 * s.true_revenue.at("eli_tiktok"));
        CHECK(row_of(model.report, "fay_instagram").figures.gross_gmv >
              2 * s.true_revenue.at("fay_instagram"));
    }
}

TEST_CASE("the report built from shards of customers equals the report of the whole") {
    const auto s = load_sample_store();
    const auto whole = build({s.kols, s.contracts, s.rates, s.orders, s.touchpoints});
    const auto policy =
        kolroi::make_rule_based_policy("linear", whole.journeys.journeys.channels());
    const auto whole_table =
        kolroi::credit_roi_table(whole.journeys, whole.contracts, policy, &whole.kols);
    const auto whole_report = kolroi::make_roi_report(whole_table, whole.contracts, whole.rates);

    // Split both files by customer (a customer's journeys never cross shards).
    const auto split = [](const std::string& text, std::size_t customer_column, std::size_t k,
                          std::size_t shard) {
        std::string out = text.substr(0, text.find('\n') + 1);
        std::size_t start = out.size();
        while (start < text.size()) {
            const std::size_t end = text.find('\n', start);
            const std::string line = text.substr(start, end - start + 1);
            std::size_t field_start = 0;
            for (std::size_t c = 0; c < customer_column; ++c) {
                field_start = line.find(',', field_start) + 1;
            }
            const std::string customer =
                line.substr(field_start, line.find(',', field_start) - field_start);
            const std::size_t owner = std::hash<std::string>{}(customer) % k;
            // Refund rows have no customer; they travel with their order id to every shard,
            // and the shards that do not hold the order count them as unknown.
            if (customer.empty() || owner == shard) {
                out += line;
            }
            start = end + 1;
        }
        return out;
    };

    for (std::size_t k : {2u, 3u, 5u}) {
        CAPTURE(k);
        kolroi::roi_table merged("USD");
        for (std::size_t shard = 0; shard < k; ++shard) {
            const auto part = build({s.kols, s.contracts, s.rates, split(s.orders, 1, k, shard),
                                     split(s.touchpoints, 0, k, shard)});
            const auto shard_policy =
                kolroi::make_rule_based_policy("linear", part.journeys.journeys.channels());
            merged.merge(
                kolroi::credit_roi_table(part.journeys, part.contracts, shard_policy, &part.kols));
        }
        const auto report = kolroi::make_roi_report(merged, whole.contracts, whole.rates);
        REQUIRE(report.kols.size() == whole_report.kols.size());
        for (std::size_t r = 0; r < report.kols.size(); ++r) {
            CAPTURE(report.kols[r].key.kol_id);
            CHECK(report.kols[r].figures.orders ==
                  doctest::Approx(whole_report.kols[r].figures.orders).epsilon(1e-9));
            CHECK(report.kols[r].figures.net_gmv ==
                  doctest::Approx(whole_report.kols[r].figures.net_gmv).epsilon(1e-9));
            CHECK(report.kols[r].cost.total() ==
                  doctest::Approx(whole_report.kols[r].cost.total()).epsilon(1e-9));
        }
        CHECK(report.store_total.figures.gross_gmv ==
              doctest::Approx(whole_report.store_total.figures.gross_gmv).epsilon(1e-9));
    }
}

TEST_CASE("the sample store: the incrementality part beside the chosen model's credit") {
    const auto s = load_sample_store();
    const auto store = build({s.kols, s.contracts, s.rates, s.orders, s.touchpoints});
    auto report =
        kolroi::make_kol_report(store.journeys, store.contracts, store.rates, {}, &store.kols);
    CHECK_FALSE(report.incrementality.has_value());

    kolroi::touch_resolver_config config;
    config.kols = store.kols;
    const kolroi::touch_resolver resolver(config);
    const auto orders = kolroi::read_orders(s.orders, "orders.csv");
    const auto touches = kolroi::read_touchpoints(s.touchpoints, "touchpoints.csv", resolver);
    const auto estimates = kolroi::estimate_incrementality(
        orders.orders, touches.touches, kolroi::read_order_segments(s.orders, "orders.csv"),
        kolroi::read_kol_reach(s.kols, "kols.csv"), store.kols, store.rates);
    kolroi::add_incrementality(report, estimates);
    REQUIRE(report.incrementality.has_value());
    REQUIRE(report.incrementality->size() == 12);

    std::map<std::string, kolroi::kol_incrementality_row> rows;
    for (const auto& row : *report.incrementality) {
        rows[row.kol_id] = row;
        // Cost and credit are the chosen report's, revenue on its (net) basis.
        for (const auto& rollup : report.chosen().by_kol) {
            if (rollup.name == row.kol_id) {
                CHECK(row.cost == doctest::Approx(rollup.cost()));
                CHECK(row.credited_revenue == doctest::Approx(rollup.figures.net_gmv));
            }
        }
        CHECK(row.revenue.incremental ==
              doctest::Approx(estimates.find(row.kol_id)->lift.net.incremental));
        CHECK(row.roas.value.value() == doctest::Approx(row.revenue.incremental / row.cost));
    }
    CHECK(rows.at("eli_tiktok").verdict.kind == kolroi::verdict_kind::bought_anyway);
    CHECK(rows.at("eli_tiktok")
              .verdict.text.rfind("credited well but mostly buyers who would have bought anyway",
                                  0) == 0);
    CHECK(rows.at("fay_instagram").verdict.kind == kolroi::verdict_kind::leaked_code);
    CHECK(rows.at("anna_tiktok").verdict.kind == kolroi::verdict_kind::pays_back);
    // Credit under the default model says eli and fay pay back three times over; the lift says
    // neither does.
    for (const char* kol : {"eli_tiktok", "fay_instagram"}) {
        CAPTURE(kol);
        CHECK(rows.at(kol).credited_revenue > 2.5 * rows.at(kol).cost);
        CHECK(rows.at(kol).roas.range->lower < 1.0);
    }
}
