// Tests for kolroi/roi/roi_table.hpp.
#include "kolroi/roi/roi_table.hpp"

#include "test_support.hpp"

#include <cmath>
#include <cstdint>
#include <map>
#include <random>
#include <string>
#include <vector>

namespace {

using kolroi::credited_figures;
using kolroi::kol_campaign;

/// One credit record: what one order gave one row (a KOL key, or a channel group when kol_id is
/// empty).
struct credit_record {
    kol_campaign key;
    std::string group;
    credited_figures figures;
};

/// Seeded random orders, each spread over one to four touches with random shares that sum to 1.
std::vector<credit_record> random_records(std::uint64_t seed, int orders, double& store_gross,
                                          double& store_net) {
    std::mt19937_64 random(seed);
    const std::vector<kol_campaign> kols = {{"kol_001", "spring"},
                                            {"kol_001", "summer"},
                                            {"kol_002", "spring"},
                                            {"kol_003", ""},
                                            {"kol_004", "spring"}};
    const std::vector<std::string> groups = {"Direct", "Organic Search", "Paid Social"};
    std::uniform_real_distribution<double> value(5.0, 900.0);
    std::uniform_int_distribution<int> touches(1, 4);
    std::uniform_int_distribution<int> pick(0, 7);
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    std::uniform_int_distribution<std::uint64_t> views(0, 50'000);

    std::vector<credit_record> records;
    store_gross = 0;
    store_net = 0;
    for (int order = 0; order < orders; ++order) {
        const double gross = std::round(value(random) * 100) / 100;
        const double net = unit(random) < 0.15 ? 0.0 : gross; // a refunded order
        store_gross += gross;
        store_net += net;
        const int n = touches(random);
        std::vector<double> weights(n);
        double weight_sum = 0;
        for (auto& w : weights) {
            w = 0.1 + unit(random);
            weight_sum += w;
        }
        for (int t = 0; t < n; ++t) {
            const double share = weights[t] / weight_sum;
            credit_record record;
            const int target = pick(random);
            if (target < 5) {
                record.key = kols[target];
            } else {
                record.group = groups[target - 5];
            }
            record.figures = {share, share * gross, share * net,
                              1,     views(random), views(random) / 100};
            records.push_back(record);
        }
    }
    return records;
}

void add(kolroi::roi_table& table, const credit_record& record) {
    if (record.key.kol_id.empty()) {
        table.add_channel(record.group, record.figures);
    } else {
        table.add(record.key, record.figures);
    }
}

void check_same(const credited_figures& a, const credited_figures& b) {
    CHECK(a.touched_orders == b.touched_orders);
    CHECK(a.impressions == b.impressions);
    CHECK(a.clicks == b.clicks);
    CHECK(a.orders == doctest::Approx(b.orders).epsilon(1e-9));
    CHECK(a.gross_gmv == doctest::Approx(b.gross_gmv).epsilon(1e-9));
    CHECK(a.net_gmv == doctest::Approx(b.net_gmv).epsilon(1e-9));
}

void check_same(const kolroi::roi_table& a, const kolroi::roi_table& b) {
    const auto a_kols = a.kols();
    const auto b_kols = b.kols();
    REQUIRE(a_kols.size() == b_kols.size());
    for (std::size_t i = 0; i < a_kols.size(); ++i) {
        CHECK(a_kols[i].key == b_kols[i].key);
        check_same(a_kols[i].figures, b_kols[i].figures);
    }
    const auto a_channels = a.channels();
    const auto b_channels = b.channels();
    REQUIRE(a_channels.size() == b_channels.size());
    for (std::size_t i = 0; i < a_channels.size(); ++i) {
        CHECK(a_channels[i].group == b_channels[i].group);
        check_same(a_channels[i].figures, b_channels[i].figures);
    }
}

} // namespace

TEST_CASE("figures added to one key are summed, and totals cover KOLs and channels") {
    kolroi::roi_table table("usd");
    CHECK(table.currency() == "USD");
    // R1: order A (1200, kol > organic) credits kol 600, order B (800, kol) credits kol 800.
    table.add({"kol_001", "spring"}, {0.5, 600, 600, 1, 0, 0}, kolroi::platform::tiktok);
    table.add({"kol_001", "spring"}, {1.0, 800, 800, 1, 0, 0});
    table.add_channel("Organic Search", {0.5, 600, 600, 1, 0, 0});
    table.add_channel_spend("Organic Search", 0);

    const auto kol = table.find({"kol_001", "spring"});
    REQUIRE(kol.has_value());
    CHECK(kol->orders == 1.5);
    CHECK(kol->gross_gmv == 1400.0);
    CHECK(kol->touched_orders == 2);
    CHECK(table.kols().front().platform == kolroi::platform::tiktok);
    CHECK_FALSE(table.find({"kol_001", "summer"}).has_value());
    CHECK(table.find_channel("Organic Search")->gross_gmv == 600.0);
    CHECK_FALSE(table.find_channel("Direct").has_value());

    // The two orders: 2 orders, 2000 of GMV, three credit records touching them.
    CHECK(table.store_total().orders == 2.0);
    CHECK(table.store_total().gross_gmv == 2000.0);
    CHECK(table.kol_total().gross_gmv == 1400.0);
    CHECK(table.channel_total().gross_gmv == 600.0);
    CHECK(table.kol_count() == 1);
    CHECK(table.channel_count() == 1);
}

TEST_CASE("shards merge into exactly the table of the whole, for k = 1 to 7") {
    for (const std::uint64_t seed : {11u, 2024u, 90210u}) {
        double store_gross = 0;
        double store_net = 0;
        const auto records = random_records(seed, 400, store_gross, store_net);

        kolroi::roi_table whole("USD");
        std::map<std::string, credited_figures> by_hand; // a plain loop, key "kol/campaign"
        for (const auto& record : records) {
            add(whole, record);
            const auto name =
                record.key.kol_id.empty() ? "#" + record.group : record.key.describe();
            by_hand[name] += record.figures;
        }
        CHECK(whole.store_total().gross_gmv == doctest::Approx(store_gross).epsilon(1e-12));
        CHECK(whole.store_total().net_gmv == doctest::Approx(store_net).epsilon(1e-12));
        CHECK(whole.store_total().orders == doctest::Approx(400.0).epsilon(1e-12));
        for (const auto& row : whole.kols()) {
            check_same(row.figures, by_hand.at(row.key.describe()));
        }
        for (const auto& row : whole.channels()) {
            check_same(row.figures, by_hand.at("#" + row.group));
        }

        for (int k = 1; k <= 7; ++k) {
            CAPTURE(seed);
            CAPTURE(k);
            std::mt19937_64 deal(seed + static_cast<std::uint64_t>(k));
            std::uniform_int_distribution<int> part(0, k - 1);
            std::vector<kolroi::roi_table> parts(k, kolroi::roi_table("USD"));
            for (const auto& record : records) {
                add(parts[part(deal)], record);
            }

            // Left to right, right to left, and pairwise: all give the whole.
            kolroi::roi_table forward("USD");
            for (const auto& p : parts) {
                forward.merge(p);
            }
            kolroi::roi_table backward("USD");
            for (auto it = parts.rbegin(); it != parts.rend(); ++it) {
                backward += *it;
            }
            auto tree = parts;
            while (tree.size() > 1) {
                std::vector<kolroi::roi_table> next;
                for (std::size_t i = 0; i + 1 < tree.size(); i += 2) {
                    next.push_back(tree[i]);
                    next.back().merge(tree[i + 1]);
                }
                if (tree.size() % 2 == 1) {
                    next.push_back(tree.back());
                }
                tree = std::move(next);
            }
            check_same(forward, whole);
            check_same(backward, whole);
            check_same(tree.front(), whole);
        }
    }
}

TEST_CASE("merging two tables is commutative to the last bit") {
    double gross = 0;
    double net = 0;
    const auto records = random_records(7, 300, gross, net);
    kolroi::roi_table a("USD");
    kolroi::roi_table b("USD");
    for (std::size_t i = 0; i < records.size(); ++i) {
        add(i % 3 == 0 ? a : b, records[i]);
    }
    auto ab = a;
    ab.merge(b);
    auto ba = b;
    ba.merge(a);
    const auto x = ab.kols();
    const auto y = ba.kols();
    REQUIRE(x.size() == y.size());
    for (std::size_t i = 0; i < x.size(); ++i) {
        CHECK(x[i].figures.orders == y[i].figures.orders);
        CHECK(x[i].figures.gross_gmv == y[i].figures.gross_gmv);
        CHECK(x[i].figures.net_gmv == y[i].figures.net_gmv);
    }
}

TEST_CASE("money sums keep small amounts that plain addition would lose") {
    kolroi::roi_table table("USD");
    // Net GMV of a shard can be negative (refunds of another shard's sales).
    table.add({"k", "c"}, {0, 0, 1e16, 0, 0, 0});
    table.add({"k", "c"}, {0, 0, 1.0, 0, 0, 0});
    table.add({"k", "c"}, {0, 0, -1e16, 0, 0, 0});
    CHECK(table.find({"k", "c"})->net_gmv == 1.0);
}

TEST_CASE("a row keeps one platform; a second one is an error that changes nothing") {
    kolroi::roi_table table("USD");
    table.add({"k", "c"}, {1, 10, 10, 1, 0, 0}, kolroi::platform::instagram);
    CHECK_THROWS_WITH(table.add({"k", "c"}, {1, 10, 10, 1, 0, 0}, kolroi::platform::tiktok),
                      "roi_table::add: k/c is on instagram and also on tiktok; a row has one "
                      "platform");
    CHECK(table.find({"k", "c"})->orders == 1.0);
    CHECK_THROWS_AS(table.add({"j", "c"}, {}, kolroi::platform::none), kolroi::error);
    CHECK(table.kol_count() == 1);

    kolroi::roi_table other("USD");
    other.add({"k", "c"}, {2, 5, 5, 1, 0, 0}, kolroi::platform::youtube);
    other.add({"z", "c"}, {2, 5, 5, 1, 0, 0});
    CHECK_THROWS_AS(table.merge(other), kolroi::error);
    CHECK(table.kol_count() == 1);
    CHECK(table.find({"k", "c"})->orders == 1.0);
}

TEST_CASE("a platform given in one shard survives a merge with a shard that gave none") {
    kolroi::roi_table a("USD");
    a.add({"k", "c"}, {1, 10, 10, 1, 0, 0});
    kolroi::roi_table b("USD");
    b.add({"k", "c"}, {1, 10, 10, 1, 0, 0}, kolroi::platform::youtube);
    a.merge(b);
    CHECK(a.kols().front().platform == kolroi::platform::youtube);
}

TEST_CASE("tables in different currencies do not merge") {
    kolroi::roi_table usd("USD");
    const kolroi::roi_table eur("EUR");
    CHECK_THROWS_WITH(usd.merge(eur), "roi_table::merge: this table is in USD, the other in EUR; "
                                      "convert before merging");
    CHECK_THROWS_AS(kolroi::roi_table("dollars"), kolroi::error);
}

TEST_CASE("figures outside their range are errors naming the row") {
    kolroi::roi_table table("USD");
    CHECK_THROWS_WITH(table.add({"k", "c"}, {-1, 0, 0, 0, 0, 0}),
                      "roi_table::add: k/c: credited orders is -1; it must be non-negative and "
                      "finite");
    CHECK_THROWS_AS(table.add({"k", "c"}, {0, -3, 0, 0, 0, 0}), kolroi::error);
    CHECK_THROWS_AS(table.add({"k", "c"}, {0, 0, std::nan(""), 0, 0, 0}), kolroi::error);
    CHECK_THROWS_AS(table.add({"", "c"}, {}), kolroi::error);
    CHECK_THROWS_AS(table.add_channel("", {}), kolroi::error);
    CHECK_THROWS_WITH(table.add_channel_spend("Paid Social", -10),
                      "roi_table::add_channel_spend: Paid Social: spend is -10; it must be "
                      "non-negative and finite");
    CHECK(table.kol_count() == 0);
    CHECK(table.channel_count() == 0);
}
