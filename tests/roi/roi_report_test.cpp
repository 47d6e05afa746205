// Tests for kolroi/roi/roi_report.hpp.
#include "kolroi/roi/roi_report.hpp"

#include "kolroi/roi/contracts_reader.hpp"

#include "test_support.hpp"

#include <cmath>
#include <cstdint>
#include <map>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

namespace {

using kolroi::credited_figures;
using kolroi::kol_campaign;

kolroi::kol_contract contract(std::string kol, std::string campaign, kolroi::platform platform,
                              double flat_fee, std::string currency = "USD") {
    kolroi::kol_contract c;
    c.kol_id = std::move(kol);
    c.campaign = std::move(campaign);
    c.platform = platform;
    c.currency = std::move(currency);
    c.flat_fee = flat_fee;
    return c;
}

const kolroi::roi_row& row_of(const kolroi::roi_report& report, const kol_campaign& key) {
    for (const auto& row : report.kols) {
        if (row.key == key) {
            return row;
        }
    }
    throw std::runtime_error("no row " + key.describe());
}

const kolroi::roi_rollup& rollup_of(const std::vector<kolroi::roi_rollup>& rollups,
                                    const std::string& name) {
    for (const auto& rollup : rollups) {
        if (rollup.name == name) {
            return rollup;
        }
    }
    throw std::runtime_error("no rollup " + name);
}

} // namespace

TEST_CASE("R1: the credited 1400 on a flat fee of 500 gives ROI 1.8 and ROAS 2.8") {
    kolroi::roi_table table("USD");
    // Linear credit: order A (1200, kol > organic) gives kol 600 and organic 600; order B (800,
    // kol) gives kol 800.
    table.add({"kol_001", ""}, {1.5, 1400, 1400, 2, 0, 0});
    table.add_channel("Organic Search", {0.5, 600, 600, 1, 0, 0});
    kolroi::contract_book contracts;
    contracts.add(contract("kol_001", "", kolroi::platform::tiktok, 500));

    const auto report = kolroi::make_roi_report(table, contracts, kolroi::exchange_rates("USD"));
    REQUIRE(report.kols.size() == 1);
    const auto& row = report.kols.front();
    CHECK(row.has_contract);
    CHECK(row.platform == kolroi::platform::tiktok);
    CHECK(row.cost.total() == 500.0);
    CHECK(row.metrics.roi().value() == doctest::Approx(1.8));
    CHECK(row.metrics.roas().value() == doctest::Approx(2.8));
    CHECK(row.metrics.cpa.value() == doctest::Approx(500.0 / 1.5));

    // The store: both orders, 2000, on the one cost of 500.
    CHECK(report.store_total.figures.gross_gmv == 2000.0);
    CHECK(report.store_total.figures.orders == 2.0);
    CHECK(report.store_total.cost() == 500.0);
    CHECK(report.store_total.metrics.roas().value() == doctest::Approx(4.0));
    // Organic revenue has no cost of its own.
    REQUIRE(report.channels.size() == 1);
    CHECK_FALSE(report.channels.front().metrics.roi().defined());
    CHECK(report.notes.empty());
}

TEST_CASE("C1: flat 500, 10% commission and 40 + 15 of gifting on 3000 cost 855, ROAS 3.509") {
    kolroi::roi_table table("USD");
    table.add({"kol_001", "spring"}, {4, 3000, 3000, 4, 0, 0});
    auto c1 = contract("kol_001", "spring", kolroi::platform::instagram, 500);
    c1.commission_rate = 0.10;
    c1.gifting_cogs = 40;
    c1.gifting_shipping = 15;
    kolroi::contract_book contracts;
    contracts.add(c1);

    const auto report = kolroi::make_roi_report(table, contracts, kolroi::exchange_rates("USD"));
    const auto& row = row_of(report, {"kol_001", "spring"});
    CHECK(row.cost.commission_on_gmv == doctest::Approx(300.0));
    CHECK(row.cost.total() == doctest::Approx(855.0));
    CHECK(row.metrics.roas().value() == doctest::Approx(3000.0 / 855.0));
    CHECK(std::round(row.metrics.roas().value() * 1000) / 1000 == 3.509);
}

TEST_CASE("C2: credit without a contract costs nothing and its ROI and ROAS are undefined") {
    kolroi::roi_table table("USD");
    table.add({"kol_009", "spring"}, {2, 700, 650, 2, 0, 0}, kolroi::platform::youtube);
    kolroi::contract_book contracts;
    contracts.add(contract("kol_010", "spring", kolroi::platform::tiktok, 0)); // gifted nothing

    const auto report = kolroi::make_roi_report(table, contracts, kolroi::exchange_rates("USD"));
    for (const auto& key : {kol_campaign{"kol_009", "spring"}, kol_campaign{"kol_010", "spring"}}) {
        const auto& row = row_of(report, key);
        CAPTURE(key.describe());
        CHECK(row.cost.total() == 0.0);
        CHECK_FALSE(row.metrics.roi().defined());
        CHECK_FALSE(row.metrics.roas().defined());
        CHECK(row.metrics.roi().reason() == "zero cost");
        CHECK(row.metrics.roas().describe() == "undefined: zero cost");
    }
    CHECK_FALSE(row_of(report, {"kol_009", "spring"}).has_contract);
    CHECK(row_of(report, {"kol_009", "spring"}).platform == kolroi::platform::youtube);
    CHECK(row_of(report, {"kol_009", "spring"}).metrics.cpa.value() == 0.0);
    CHECK(report.notes.count("credit without contract") == 1);
    CHECK(report.notes.count("contract without credit") == 1);
    // The rollup over both rows also costs nothing.
    CHECK_FALSE(rollup_of(report.by_campaign, "spring").metrics.roi().defined());
}

TEST_CASE("a contract nothing was credited to still costs its fee") {
    kolroi::roi_table table("USD");
    kolroi::contract_book contracts;
    contracts.add(contract("kol_002", "spring", kolroi::platform::instagram, 200));
    const auto report = kolroi::make_roi_report(table, contracts, kolroi::exchange_rates("USD"));
    REQUIRE(report.kols.size() == 1);
    const auto& row = report.kols.front();
    CHECK(row.cost.total() == 200.0);
    CHECK(row.metrics.roi().value() == -1.0);
    CHECK(row.metrics.roas().value() == 0.0);
    CHECK_FALSE(row.metrics.cpa.defined());
    CHECK(row.metrics.cpa.reason() == "zero credited orders");
    CHECK(report.store_total.cost() == 200.0);
}

TEST_CASE("contract amounts convert into the reporting currency; commission applies as is") {
    kolroi::roi_table table("USD");
    table.add({"kol_002", "spring"}, {3, 1000, 1000, 3, 0, 0});
    auto c = contract("kol_002", "spring", kolroi::platform::instagram, 200, "eur");
    c.commission_rate = 0.05;
    c.commission_per_order = 2;
    kolroi::contract_book contracts;
    contracts.add(c);
    kolroi::exchange_rates rates("USD");
    rates.set_rate("EUR", 1.1);

    const auto report = kolroi::make_roi_report(table, contracts, rates);
    const auto& row = report.kols.front();
    CHECK(row.contract_currency == "EUR");
    CHECK(row.cost.flat_fee == doctest::Approx(220.0));           // 200 EUR
    CHECK(row.cost.commission_on_gmv == doctest::Approx(50.0));   // 5% of 1000 USD
    CHECK(row.cost.commission_per_order == doctest::Approx(6.6)); // 3 orders at 2 EUR
    CHECK(row.cost.total() == doctest::Approx(276.6));
    CHECK(report.currency == "USD");
}

TEST_CASE("a contract in a currency without a rate is an error, not a rate of 1") {
    kolroi::roi_table table("USD");
    kolroi::contract_book contracts;
    contracts.add(contract("kol_002", "spring", kolroi::platform::instagram, 200, "GBP"));
    CHECK_THROWS_WITH(
        (void)kolroi::make_roi_report(table, contracts, kolroi::exchange_rates("USD")),
        "exchange_rates: no rate from 'GBP' to the reporting currency 'USD'; the "
        "table has USD");
    CHECK_THROWS_AS((void)kolroi::make_roi_report(table, contracts, kolroi::exchange_rates("EUR")),
                    kolroi::error);
}

TEST_CASE("a contract read from a file is named by its file, line and field in later errors") {
    const std::string file = "kol_id,campaign,platform,currency,flat_fee\n"
                             "kol_001,spring,tiktok,USD,100\n"
                             "kol_002,spring,instagram,GBP,200\n";
    const auto contracts = kolroi::read_contracts(file, "contracts.csv");
    kolroi::roi_table table("USD");
    table.add({"kol_001", "spring"}, {1, 10, 10, 1, 0, 0}, kolroi::platform::tiktok);
    CHECK_THROWS_WITH(
        (void)kolroi::make_roi_report(table, contracts, kolroi::exchange_rates("USD")),
        "contracts.csv:3: field 'currency': exchange_rates: no rate from 'GBP' to the reporting "
        "currency 'USD'; the table has USD");

    kolroi::exchange_rates rates("USD");
    rates.set_rate("GBP", 1.25);
    table.add({"kol_002", "spring"}, {1, 10, 10, 1, 0, 0}, kolroi::platform::youtube);
    CHECK_THROWS_WITH((void)kolroi::make_roi_report(table, contracts, rates),
                      "contracts.csv:3: field 'platform': make_roi_report: kol_002/spring has a "
                      "contract on instagram but credit from youtube");
}

TEST_CASE("rollups compute metrics from summed cost and revenue, never average the rows'") {
    kolroi::roi_table table("USD");
    table.add({"kol_001", "spring"}, {2, 1400, 1400, 2, 0, 0});
    table.add({"kol_001", "summer"}, {0, 0, 0, 0, 0, 0});
    table.add({"kol_002", "spring"}, {1, 300, 200, 1, 0, 0});
    table.add_channel("Paid Social", {3, 900, 900, 3, 0, 0});
    table.add_channel_spend("Paid Social", 300);
    kolroi::contract_book contracts;
    contracts.add(contract("kol_001", "spring", kolroi::platform::tiktok, 500));
    contracts.add(contract("kol_001", "summer", kolroi::platform::tiktok, 100));
    contracts.add(contract("kol_002", "spring", kolroi::platform::instagram, 100));

    const auto report = kolroi::make_roi_report(table, contracts, kolroi::exchange_rates("USD"));
    // kol_001: ROI 1.8 and -1 on its two campaigns; over both (1400 - 600) / 600, not 0.4.
    const auto& kol = rollup_of(report.by_kol, "kol_001");
    CHECK(kol.rows == 2);
    CHECK(kol.cost() == 600.0);
    CHECK(kol.metrics.roi().value() == doctest::Approx(800.0 / 600.0));
    // spring: kol_001 and kol_002, cost 600, net 1600, gross 1700.
    const auto& spring = rollup_of(report.by_campaign, "spring");
    CHECK(spring.rows == 2);
    CHECK(spring.metrics.roas().value() == doctest::Approx(1600.0 / 600.0));
    CHECK(spring.metrics.roas_gross.value() == doctest::Approx(1700.0 / 600.0));
    // Platforms in the order of all_platforms, only those used.
    REQUIRE(report.by_platform.size() == 2);
    CHECK(report.by_platform[0].name == "tiktok");
    CHECK(report.by_platform[0].cost() == 600.0);
    CHECK(report.by_platform[1].name == "instagram");
    CHECK(report.by_platform[1].metrics.cpa.value() == 100.0);
    // Paid ads: spend 300 against 900.
    CHECK(report.channels.front().metrics.roas().value() == doctest::Approx(3.0));
    // The store: 700 of contracts and 300 of spend against net 1400 + 200 + 900.
    CHECK(report.kol_total.cost() == 700.0);
    CHECK(report.channel_total.cost() == 300.0);
    CHECK(report.store_total.cost() == 1000.0);
    CHECK(report.store_total.rows == 4);
    CHECK(report.store_total.figures.net_gmv == 2500.0);
    CHECK(report.store_total.metrics.roi().value() == doctest::Approx(1.5));
}

TEST_CASE("a gross margin gives profit ROI on every row and rollup") {
    kolroi::roi_table table("USD");
    table.add({"kol_001", "spring"}, {2, 1400, 1200, 2, 0, 0});
    kolroi::contract_book contracts;
    contracts.add(contract("kol_001", "spring", kolroi::platform::tiktok, 500));
    kolroi::roi_options options;
    options.gross_margin = 0.5;
    const auto report =
        kolroi::make_roi_report(table, contracts, kolroi::exchange_rates("USD"), options);
    CHECK(report.kols.front().metrics.profit_roi.value() == doctest::Approx(0.2)); // 600 - 500
    CHECK(report.store_total.metrics.profit_roi.value() == doctest::Approx(0.2));
}

TEST_CASE("a contract and credit on different platforms are an error") {
    kolroi::roi_table table("USD");
    table.add({"kol_001", "spring"}, {1, 10, 10, 1, 0, 0}, kolroi::platform::youtube);
    kolroi::contract_book contracts;
    contracts.add(contract("kol_001", "spring", kolroi::platform::tiktok, 5));
    CHECK_THROWS_WITH(
        (void)kolroi::make_roi_report(table, contracts, kolroi::exchange_rates("USD")),
        "make_roi_report: kol_001/spring has a contract on tiktok but credit from "
        "youtube");
}

TEST_CASE("refunds above sales earn no commission and are noted") {
    kolroi::roi_table table("USD");
    table.add({"kol_001", "spring"}, {0, 0, -80, 0, 0, 0});
    auto c = contract("kol_001", "spring", kolroi::platform::tiktok, 100);
    c.commission_rate = 0.2;
    kolroi::contract_book contracts;
    contracts.add(c);
    const auto report = kolroi::make_roi_report(table, contracts, kolroi::exchange_rates("USD"));
    CHECK(report.kols.front().cost.total() == 100.0);
    CHECK(report.notes.count("negative net GMV") == 1);
    CHECK(report.kols.front().metrics.roi().value() == doctest::Approx(-1.8));
}

TEST_CASE("costs of merged shards equal the costs of the whole, for k = 1 to 7") {
    // Contracts with every term that depends on the figures.
    const std::vector<kol_campaign> keys = {
        {"kol_001", "spring"}, {"kol_002", "spring"}, {"kol_003", ""}};
    kolroi::contract_book contracts;
    for (std::size_t i = 0; i < keys.size(); ++i) {
        auto c = contract(keys[i].kol_id, keys[i].campaign, kolroi::platform::tiktok,
                          100.0 * static_cast<double>(i + 1));
        c.commission_rate = 0.05 + 0.05 * static_cast<double>(i);
        c.commission_per_order = 1.5;
        c.cpm = 4;
        contracts.add(c);
    }

    std::mt19937_64 random(4242);
    std::uniform_int_distribution<std::size_t> pick(0, keys.size() - 1);
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    std::uniform_int_distribution<std::uint64_t> views(0, 20'000);
    struct record {
        std::size_t key;
        credited_figures figures;
    };
    std::vector<record> records;
    for (int i = 0; i < 600; ++i) {
        const double share = 0.05 + 0.95 * unit(random);
        const double gross = std::round(5000 * unit(random)) / 100;
        const double net = unit(random) < 0.1 ? 0.0 : gross;
        records.push_back({pick(random), {share, share * gross, share * net, 1, views(random), 0}});
    }

    // The expected cost by hand: each term on the plain sums of the whole.
    std::vector<long double> orders(keys.size()), net(keys.size()), impressions(keys.size());
    kolroi::roi_table whole("USD");
    for (const auto& r : records) {
        whole.add(keys[r.key], r.figures);
        orders[r.key] += r.figures.orders;
        net[r.key] += r.figures.net_gmv;
        impressions[r.key] += static_cast<long double>(r.figures.impressions);
    }
    const kolroi::exchange_rates rates("USD");
    const auto whole_report = kolroi::make_roi_report(whole, contracts, rates);
    for (std::size_t i = 0; i < keys.size(); ++i) {
        const auto& c = *contracts.find(keys[i]);
        const auto expected =
            static_cast<double>(c.flat_fee + c.cpm * impressions[i] / 1000 +
                                c.commission_rate * net[i] + c.commission_per_order * orders[i]);
        CHECK(row_of(whole_report, keys[i]).cost.total() ==
              doctest::Approx(expected).epsilon(1e-12));
    }

    for (int k = 1; k <= 7; ++k) {
        CAPTURE(k);
        std::vector<kolroi::roi_table> parts(k, kolroi::roi_table("USD"));
        std::mt19937_64 deal(static_cast<std::uint64_t>(k));
        std::uniform_int_distribution<int> part(0, k - 1);
        for (const auto& r : records) {
            parts[part(deal)].add(keys[r.key], r.figures);
        }
        kolroi::roi_table merged("USD");
        double per_shard_cost = 0;
        for (const auto& p : parts) {
            merged.merge(p);
            per_shard_cost += kolroi::make_roi_report(p, contracts, rates).kol_total.cost();
        }
        const auto report = kolroi::make_roi_report(merged, contracts, rates);
        for (std::size_t i = 0; i < keys.size(); ++i) {
            const auto& a = row_of(report, keys[i]);
            const auto& b = row_of(whole_report, keys[i]);
            CHECK(a.figures.impressions == b.figures.impressions);
            CHECK(a.figures.touched_orders == b.figures.touched_orders);
            CHECK(a.cost.commission_on_gmv ==
                  doctest::Approx(b.cost.commission_on_gmv).epsilon(1e-9));
            CHECK(a.cost.commission_per_order ==
                  doctest::Approx(b.cost.commission_per_order).epsilon(1e-9));
            CHECK(a.cost.cpm == doctest::Approx(b.cost.cpm).epsilon(1e-9));
            CHECK(a.cost.total() == doctest::Approx(b.cost.total()).epsilon(1e-9));
            CHECK(a.metrics.roi().value() ==
                  doctest::Approx(b.metrics.roi().value()).epsilon(1e-9));
        }
        // Adding the shards' own reports instead would pay each flat fee (100 + 200 + 300) once
        // per shard.
        CHECK(per_shard_cost ==
              doctest::Approx(whole_report.kol_total.cost() + (k - 1) * 600.0).epsilon(1e-9));
    }
}

TEST_CASE("a CPM or CPC price with nothing to bill it on is noted, not silently free") {
    kolroi::roi_table table("USD");
    kolroi::contract_book contracts;
    auto priced = contract("kol_003", "spring", kolroi::platform::youtube, 100);
    priced.cpm = 12;
    priced.cpc = 0.5;
    contracts.add(priced);
    auto billed = contract("kol_004", "spring", kolroi::platform::youtube, 0);
    billed.cpm = 10;
    billed.impressions = 20000; // the contract bills 20,000 impressions: 10 * 20 = 200
    contracts.add(billed);
    const auto report = kolroi::make_roi_report(table, contracts, kolroi::exchange_rates("USD"));
    CHECK(row_of(report, {"kol_003", "spring"}).cost.total() == 100.0);
    CHECK(row_of(report, {"kol_004", "spring"}).cost.total() == 200.0);
    CHECK(report.notes.count("CPM without impressions") == 1);
    CHECK(report.notes.count("CPC without clicks") == 1);
}
