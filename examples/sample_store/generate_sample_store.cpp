// Generates the sample store bundled in examples/data/sample_store: a season of orders, visits,
// KOLs, contracts and exchange rates of a small cross-border shop, with every KOL's true effect
// known because the generator decides it.
//
// The world (all numbers are the generator's own, chosen to look like a small store):
//   - The season runs 2026-03-01 to 2026-05-31; the six weeks before it (from 2026-01-18) have
//     the same baseline demand and no posts, so that every post has a history to compare with.
//   - Baseline demand: about 28 orders a day from 5,000 regular customers, each preceded by zero
//     to three ordinary visits (organic search, direct, email, paid social and search ads,
//     organic social). The daily rate is higher at weekends, grows by about a third from January
//     to May, and moves with a shock common to the whole store each day. A sitewide code
//     SPRING10 is used on some of the orders.
//   - Every customer lives in one of four markets (us, uk, de, fr; de and fr pay in EUR, the
//     others in USD) and every order is for one of four products (serum, cleanser, moisturizer,
//     sunscreen), written in the orders' market and product columns.
//   - Twelve KOLs on TikTok, Instagram, YouTube and Facebook post on fixed days. A KOL's audience
//     lives in one market and every post promotes one product (the KOL list's market and
//     products columns; its posts column gives the post times); twelve of the sixteen (market,
//     product) cells have one KOL each and four have none. Each post brings link clicks; a
//     KOL-specific share of the clickers buys the promoted product within days (these orders
//     exist only because of the KOL: the truth); some of them enter the KOL's promo code, and
//     some buyers only saw the post and typed the code.
//   - eli_tiktok's audience already loves the store: 600 regular customers in eli's market
//     follow eli and click eli's links after each post, and go on buying exactly as they would
//     have without eli. Rule-based models credit eli for their orders; eli's true effect is
//     small.
//   - fay_instagram's code FAY15 leaks to coupon sites from day 20: baseline buyers who never saw
//     fay use it. Rule-based models credit fay for them; they are not fay's effect.
//   - Refunds: about 5% of orders are refunded in full (status refunded) and 3% in part (status
//     partially_refunded, with a refund row of a negative amount at the end of the file).
//
// Usage: kolroi_sample_store OUTPUT_FOLDER [SEED]. The same seed gives the same files byte for
// byte on any platform: the random numbers come from a fixed 64-bit generator (splitmix64) and
// are turned into distributions here, not by the standard library.
#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <string>
#include <vector>

namespace {

// ---- random numbers ---------------------------------------------------------------------------

class random_source {
public:
    explicit random_source(std::uint64_t seed)
        : m_state(seed) {}

    std::uint64_t bits() {
        std::uint64_t z = (m_state += 0x9E3779B97F4A7C15ull);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return z ^ (z >> 31);
    }
    double uniform() { return static_cast<double>(bits() >> 11) * 0x1.0p-53; }
    bool chance(double p) { return uniform() < p; }
    std::int64_t below(std::int64_t n) { return static_cast<std::int64_t>(uniform() * n); }
    double exponential(double mean) { return -mean * std::log(1.0 - uniform()); }
    double normal() {
        // Box-Muller; one of the pair is enough here.
        const double u = 1.0 - uniform();
        const double v = uniform();
        return std::sqrt(-2.0 * std::log(u)) * std::cos(2.0 * M_PI * v);
    }
    int poisson(double mean) {
        // Knuth's method for small means; a rounded normal for large ones.
        if (mean > 60) {
            return std::max(0, static_cast<int>(std::lround(mean + std::sqrt(mean) * normal())));
        }
        const double limit = std::exp(-mean);
        int k = 0;
        double p = uniform();
        while (p > limit) {
            ++k;
            p *= uniform();
        }
        return k;
    }

private:
    std::uint64_t m_state;
};

// ---- time -------------------------------------------------------------------------------------

constexpr std::int64_t day = 86400;

// Seconds since the epoch of a civil date at midnight UTC (Howard Hinnant's days_from_civil).
std::int64_t utc_midnight(int y, int m, int d) {
    y -= m <= 2;
    const int era = (y >= 0 ? y : y - 399) / 400;
    const int yoe = y - era * 400;
    const int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return (static_cast<std::int64_t>(era) * 146097 + doe - 719468) * day;
}

// ISO 8601 text of a UTC moment, written in the given offset from UTC (minutes).
std::string iso8601(std::int64_t utc, int offset_minutes) {
    std::int64_t local = utc + offset_minutes * 60;
    std::int64_t days = local >= 0 ? local / day : (local - day + 1) / day;
    std::int64_t secs = local - days * day;
    // civil_from_days
    days += 719468;
    const std::int64_t era = (days >= 0 ? days : days - 146096) / 146097;
    const std::int64_t doe = days - era * 146097;
    const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const std::int64_t mp = (5 * doy + 2) / 153;
    const std::int64_t d = doy - (153 * mp + 2) / 5 + 1;
    const std::int64_t m = mp < 10 ? mp + 3 : mp - 9;
    const std::int64_t y = yoe + era * 400 + (m <= 2);
    char text[96];
    if (offset_minutes == 0) {
        std::snprintf(text, sizeof text, "%04lld-%02lld-%02lldT%02lld:%02lld:%02lldZ",
                      static_cast<long long>(y), static_cast<long long>(m),
                      static_cast<long long>(d), static_cast<long long>(secs / 3600),
                      static_cast<long long>(secs / 60 % 60), static_cast<long long>(secs % 60));
    } else {
        const int off = std::abs(offset_minutes);
        std::snprintf(text, sizeof text, "%04lld-%02lld-%02lldT%02lld:%02lld:%02lld%c%02d:%02d",
                      static_cast<long long>(y), static_cast<long long>(m),
                      static_cast<long long>(d), static_cast<long long>(secs / 3600),
                      static_cast<long long>(secs / 60 % 60), static_cast<long long>(secs % 60),
                      offset_minutes < 0 ? '-' : '+', off / 60, off % 60);
    }
    return text;
}

// ---- the store --------------------------------------------------------------------------------

constexpr std::array<const char*, 4> markets = {"us", "uk", "de", "fr"};
constexpr std::array<const char*, 4> products = {"serum", "cleanser", "moisturizer", "sunscreen"};
constexpr std::array<double, 4> product_shares = {0.30, 0.25, 0.25, 0.20};

struct kol_spec {
    const char* id;
    const char* name;
    const char* platform;         // kolroi's platform name
    const char* utm_source;       // how this KOL's links are tagged (aliases on purpose)
    const char* referrer;         // where the click comes from
    int market;                   // into markets: where the audience lives
    int product;                  // into products: what every post promotes
    std::array<int, 3> post_days; // days into the season; 0 = no post
    double clicks_per_post;
    double buy_share;          // share of clickers who buy because of the post
    double order_value;        // mean order value in USD
    double code_only_per_post; // buyers who only saw the post and typed the code
    const char* promo_code;
    // Contract, in `currency`.
    const char* currency;
    double flat_fee, cpm, impressions, cpc, commission_rate, per_order, cogs, shipping;
};

// clang-format off
const std::vector<kol_spec> kols = {
    {"anna_tiktok", "Anna Lee", "tiktok", "tiktok", "https://vm.tiktok.com/",
     0, 0, {8, 35, 63}, 420, 0.060, 48, 8, "ANNA10",
     "USD", 1500, 0, 0, 0, 0.05, 0, 0, 0},
    {"ben_instagram", "Ben Ortiz", "instagram", "ig", "android-app://com.instagram.android",
     2, 0, {12, 44, 0}, 260, 0.050, 60, 5, "BEN10",
     "EUR", 1100, 0, 0, 0, 0, 0, 0, 0},
    {"chloe_youtube", "Chloe Martin", "youtube", "yt", "https://m.youtube.com/",
     0, 2, {20, 58, 0}, 300, 0.070, 85, 6, "CHLOE",
     "USD", 2500, 0, 0, 0, 0, 0, 0, 0},
    {"dara_facebook", "Dara Kim", "facebook", "fb", "https://lm.facebook.com/",
     1, 1, {15, 70, 0}, 150, 0.020, 50, 1, "DARA5",
     "USD", 0, 12, 80000, 0, 0, 0, 0, 0},
    {"eli_tiktok", "Eli Novak", "tiktok", "tik_tok", "https://www.tiktok.com/",
     0, 3, {10, 40, 72}, 80, 0.010, 55, 1, "ELI10",
     "USD", 1800, 0, 0, 0, 0, 0, 0, 0},
    {"fay_instagram", "Fay Adeyemi", "instagram", "instagram", "https://l.instagram.com/",
     3, 0, {18, 50, 0}, 200, 0.040, 58, 3, "FAY15",
     "EUR", 800, 0, 0, 0, 0.10, 0, 0, 0},
    {"gus_youtube", "Gus Weber", "youtube", "youtube", "https://youtu.be/",
     1, 2, {25, 66, 0}, 220, 0.045, 75, 3, "GUS10",
     "USD", 1600, 0, 0, 0, 0, 0, 0, 0},
    {"hana_tiktok", "Hana Sato", "tiktok", "tt", "https://vm.tiktok.com/",
     3, 3, {30, 77, 0}, 180, 0.005, 45, 0, "HANA10",
     "USD", 700, 0, 0, 0, 0, 0, 0, 0},
    {"ivan_instagram", "Ivan Petrov", "instagram", "insta", "https://l.instagram.com/",
     2, 1, {38, 0, 0}, 100, 0.030, 52, 1, "IVAN",
     "USD", 0, 0, 0, 0, 0, 0, 120, 25},
    {"jade_facebook", "Jade Wu", "facebook", "meta", "https://m.facebook.com/",
     1, 3, {22, 60, 0}, 160, 0.025, 65, 1, "JADE10",
     "USD", 0, 9, 120000, 0, 0, 0, 0, 0},
    {"kai_youtube", "Kai Mensah", "youtube", "youtube", "https://www.youtube.com/",
     2, 2, {28, 75, 0}, 140, 0.050, 90, 2, "KAI15",
     "USD", 0, 0, 0, 0, 0.15, 0, 0, 0},
    {"lina_tiktok", "Lina Rossi", "tiktok", "tiktok", "https://www.tiktok.com/",
     0, 1, {5, 33, 61}, 260, 0.035, 50, 3, "LINA10",
     "USD", 1000, 0, 0, 0.30, 0, 0, 0, 0},
};
// clang-format on

constexpr int season_days = 92;
constexpr int history_days = 42; // baseline only, before the season
constexpr int regulars = 5000;
constexpr int eli_fans = 600; // regulars 1..600, all in eli's market
constexpr double eur_per_usd = 1.0 / 1.08;
constexpr int leak_day = 20;

// Baseline orders a day: 28 on average, by weekday (2026-03-01 is a Sunday), growing through
// the spring; the day's common shock multiplies it.
constexpr std::array<double, 7> weekday_factor = {1.12, 0.92, 0.94, 0.96, 1.0, 1.04, 1.02};

double baseline_rate(int d, double shock) {
    const double growth = 0.85 + 0.30 * (d + history_days) / (season_days + history_days - 1);
    return 28.0 * weekday_factor[static_cast<std::size_t>(((d % 7) + 7) % 7)] * growth * shock;
}

struct touch_row {
    std::int64_t time;
    std::string customer;
    std::string landing_url;
    std::string referrer;
};

struct order_row {
    std::int64_t time;
    std::string customer;
    double usd; // list value in USD before the code's discount
    std::string code;
    std::string kol; // the KOL whose effect caused this order, or empty
    int market;
    int product;
};

struct truth_row {
    int orders = 0;
    double revenue = 0;
    double net_revenue = 0;
    int clicks = 0;
};

std::string customer_name(int n) {
    char text[16];
    std::snprintf(text, sizeof text, "c%05d", n);
    return text;
}

// The market a regular customer lives in: eli's fans in eli's, the others spread over all four
// (40% us overall) by a hash of their number, so that it never depends on the draws before.
int regular_market(int n) {
    if (n <= eli_fans) {
        return 0;
    }
    random_source hash(static_cast<std::uint64_t>(n) * 0x2545F4914F6CDD1Dull);
    const double u = hash.uniform();
    return u < 1400.0 / 4400 ? 0 : u < 2400.0 / 4400 ? 1 : u < 3400.0 / 4400 ? 2 : 3;
}

int draw_product(random_source& random) {
    double u = random.uniform();
    for (std::size_t p = 0; p + 1 < product_shares.size(); ++p) {
        if (u < product_shares[p]) {
            return static_cast<int>(p);
        }
        u -= product_shares[p];
    }
    return static_cast<int>(product_shares.size() - 1);
}

double order_value(random_source& random, double mean) {
    // A log-normal with the given mean and a 35% spread.
    const double sigma = 0.35;
    return mean * std::exp(sigma * random.normal() - sigma * sigma / 2);
}

// An ordinary visit before a baseline order.
touch_row ordinary_visit(random_source& random, const std::string& customer, std::int64_t time) {
    touch_row t{time, customer, "https://shop.example.com/", ""};
    const double pick = random.uniform();
    if (pick < 0.32) {
        t.referrer = "https://www.google.com/";
    } else if (pick < 0.50) {
        // direct: no referrer, no tags
    } else if (pick < 0.62) {
        t.landing_url += "?utm_source=newsletter&utm_medium=email&utm_campaign=spring_news";
    } else if (pick < 0.76) {
        t.landing_url += "?utm_source=facebook&utm_medium=cpc&utm_campaign=spring_ads&fbclid=IwAR" +
                         std::to_string(random.below(1000000));
    } else if (pick < 0.88) {
        t.landing_url += "products/serum?gclid=Cj0K" + std::to_string(random.below(1000000));
    } else if (pick < 0.95) {
        t.referrer = "https://l.instagram.com/";
    } else {
        t.referrer = "https://www.bing.com/";
    }
    return t;
}

std::string kol_link(const kol_spec& kol, int post) {
    return std::string("https://shop.example.com/products/") +
           products[static_cast<std::size_t>(kol.product)] + "?utm_source=" + kol.utm_source +
           "&utm_medium=paid_kol&utm_campaign=spring26_" + kol.id + "&utm_content=post" +
           std::to_string(post + 1);
}

// A click some time after a post: most within a day or two, none later than six days.
std::int64_t click_after(random_source& random, std::int64_t post_time) {
    return post_time + static_cast<std::int64_t>(random.exponential(1.5 * day)) % (6 * day);
}

std::string money(double amount) {
    char text[32];
    std::snprintf(text, sizeof text, "%.2f", amount);
    return text;
}

} // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::cerr << "usage: kolroi_sample_store OUTPUT_FOLDER [SEED]\n";
        return 2;
    }
    const std::filesystem::path out = argv[1];
    const std::uint64_t seed = argc > 2 ? std::stoull(argv[2]) : 20260301;
    std::filesystem::create_directories(out);
    random_source random(seed);

    const std::int64_t start = utc_midnight(2026, 3, 1);
    std::vector<touch_row> touches;
    std::vector<order_row> orders;
    std::map<std::string, truth_row> truth;
    int next_new_customer = regulars + 1;
    std::array<std::vector<int>, 4> regulars_in; // the regulars of each market, fans left out
    for (int n = eli_fans + 1; n <= regulars; ++n) {
        regulars_in[static_cast<std::size_t>(regular_market(n))].push_back(n);
    }

    // Baseline demand, with fay's leaked code riding on it.
    for (int d = -history_days; d < season_days; ++d) {
        const double shock = std::exp(0.12 * random.normal() - 0.0072);
        const int count = random.poisson(baseline_rate(d, shock));
        for (int i = 0; i < count; ++i) {
            const int who = 1 + static_cast<int>(random.below(regulars));
            const std::string customer = customer_name(who);
            const std::int64_t time = start + d * day + 6 * 3600 + random.below(17 * 3600);
            const int visits = random.chance(0.25) ? 0 : 1 + static_cast<int>(random.below(3));
            for (int v = 0; v < visits; ++v) {
                touches.push_back(
                    ordinary_visit(random, customer, time - 60 - random.below(9 * day)));
            }
            std::string code;
            if (d >= leak_day && random.chance(0.10)) {
                code = "FAY15"; // from a coupon site
            } else if (random.chance(0.05)) {
                code = "SPRING10";
            }
            orders.push_back({time, customer, order_value(random, 55), code, "",
                              regular_market(who), draw_product(random)});
        }
    }

    // eli's fans click after every post, and buy no more for it.
    const auto& eli = kols[4];
    for (int p = 0; p < 3; ++p) {
        const std::int64_t post_time = start + eli.post_days[p] * day + 18 * 3600;
        for (int fan = 1; fan <= eli_fans; ++fan) {
            if (random.chance(0.75)) {
                touches.push_back({click_after(random, post_time), customer_name(fan),
                                   kol_link(eli, p), eli.referrer});
                ++truth[eli.id].clicks;
            }
        }
    }

    // The KOLs' own effect: buyers who would not have bought without the post.
    for (const auto& kol : kols) {
        auto& row = truth[kol.id];
        const auto& locals = regulars_in[static_cast<std::size_t>(kol.market)];
        for (int p = 0; p < 3; ++p) {
            if (kol.post_days[p] == 0) {
                continue;
            }
            const std::int64_t post_time = start + kol.post_days[p] * day + 18 * 3600;
            const int clicks = random.poisson(kol.clicks_per_post);
            row.clicks += clicks;
            for (int c = 0; c < clicks; ++c) {
                const bool existing = random.chance(0.15);
                const std::string customer =
                    existing ? customer_name(locals[static_cast<std::size_t>(
                                   random.below(static_cast<std::int64_t>(locals.size())))])
                             : customer_name(next_new_customer++);
                const std::int64_t click = click_after(random, post_time);
                touches.push_back({click, customer, kol_link(kol, p), kol.referrer});
                if (!random.chance(kol.buy_share)) {
                    continue;
                }
                const std::int64_t buy =
                    click + 120 +
                    static_cast<std::int64_t>(random.exponential(1.0 * day)) % (9 * day);
                if (random.chance(0.3)) {
                    touches.push_back(ordinary_visit(random, customer, click + (buy - click) / 2));
                }
                const std::string code = random.chance(0.4) ? kol.promo_code : "";
                orders.push_back({buy, customer, order_value(random, kol.order_value), code, kol.id,
                                  kol.market, kol.product});
            }
            const int code_only = random.poisson(kol.code_only_per_post);
            for (int c = 0; c < code_only; ++c) {
                const std::int64_t buy =
                    post_time +
                    static_cast<std::int64_t>(random.exponential(2.0 * day)) % (10 * day);
                orders.push_back({buy, customer_name(next_new_customer++),
                                  order_value(random, kol.order_value), kol.promo_code, kol.id,
                                  kol.market, kol.product});
            }
        }
    }

    // Orders in time order get their ids; refunds and offsets are drawn per order.
    std::stable_sort(orders.begin(), orders.end(),
                     [](const order_row& a, const order_row& b) { return a.time < b.time; });
    std::ofstream order_file(out / "orders.csv", std::ios::binary);
    order_file
        << "order_id,customer_id,time,revenue,currency,discount_code,status,market,product\n";
    std::string refund_rows; // partial refunds, as rows of their own after the orders
    const std::array<int, 4> offsets = {0, 480, -300, 60};
    for (std::size_t i = 0; i < orders.size(); ++i) {
        const auto& o = orders[i];
        double discount = 0;
        if (o.code == "SPRING10" || o.code.find("10") != std::string::npos) {
            discount = 0.10;
        } else if (o.code == "FAY15" || o.code == "KAI15") {
            discount = 0.15;
        } else if (!o.code.empty()) {
            discount = 0.05;
        }
        const double paid_usd = o.usd * (1 - discount);
        const bool eur = o.market >= 2;
        const double paid = eur ? paid_usd * eur_per_usd : paid_usd;
        std::string status = "paid";
        double refund = 0;
        const double r = random.uniform();
        if (r < 0.05) {
            status = "refunded";
            refund = paid;
        } else if (r < 0.08) {
            status = "partially_refunded";
            refund = paid * (0.3 + 0.3 * random.uniform());
        }
        const double paid_rounded = std::round(paid * 100) / 100;
        const double refund_rounded = std::min(paid_rounded, std::round(refund * 100) / 100);
        char id[24];
        std::snprintf(id, sizeof id, "SO%05zu", i + 1);
        order_file << id << ',' << o.customer << ','
                   << iso8601(o.time, offsets[static_cast<std::size_t>(random.below(4))]) << ','
                   << money(paid_rounded) << ',' << (eur ? "EUR" : "USD") << ',' << o.code << ','
                   << status << ',' << markets[static_cast<std::size_t>(o.market)] << ','
                   << products[static_cast<std::size_t>(o.product)] << '\n';
        if (status == "partially_refunded") {
            refund_rows += std::string(id) + ",,,-" + money(refund_rounded) + ",,,refund,,\n";
        }
        if (!o.kol.empty()) {
            auto& row = truth[o.kol];
            const double usd = eur ? paid_rounded * 1.08 : paid_rounded;
            const double usd_refund = eur ? refund_rounded * 1.08 : refund_rounded;
            ++row.orders;
            row.revenue += usd;
            row.net_revenue += usd - usd_refund;
        }
    }

    order_file << refund_rows;

    std::stable_sort(touches.begin(), touches.end(),
                     [](const touch_row& a, const touch_row& b) { return a.time < b.time; });
    std::ofstream touch_file(out / "touchpoints.csv", std::ios::binary);
    touch_file << "customer_id,time,landing_url,referrer\n";
    for (const auto& t : touches) {
        touch_file << t.customer << ',' << iso8601(t.time, 0) << ',' << t.landing_url << ','
                   << t.referrer << '\n';
    }

    std::ofstream kol_file(out / "kols.csv", std::ios::binary);
    kol_file
        << "kol_id,display_name,platform,handle,utm_campaign,promo_code,market,products,posts\n";
    std::ofstream contract_file(out / "contracts.csv", std::ios::binary);
    contract_file << "kol_id,campaign,platform,currency,flat_fee,cpm,impressions,cpc,clicks,"
                     "commission_rate,commission_per_order,gifting_cogs,gifting_shipping\n";
    std::ofstream truth_file(out / "truth.csv", std::ios::binary);
    truth_file << "kol_id,clicks,incremental_orders,incremental_revenue,incremental_net_revenue\n";
    for (const auto& kol : kols) {
        const std::string campaign = std::string("spring26_") + kol.id;
        std::string posts;
        for (const int post_day : kol.post_days) {
            if (post_day != 0) {
                posts +=
                    (posts.empty() ? "" : "|") + iso8601(start + post_day * day + 18 * 3600, 0);
            }
        }
        kol_file << kol.id << ',' << kol.name << ',' << kol.platform << ",@" << kol.id << ','
                 << campaign << ',' << kol.promo_code << ','
                 << markets[static_cast<std::size_t>(kol.market)] << ','
                 << products[static_cast<std::size_t>(kol.product)] << ',' << posts << '\n';
        const auto& row = truth[kol.id];
        contract_file << kol.id << ',' << campaign << ',' << kol.platform << ',' << kol.currency
                      << ',' << money(kol.flat_fee) << ',' << money(kol.cpm) << ','
                      << static_cast<long long>(kol.impressions) << ',' << money(kol.cpc) << ','
                      << (kol.cpc > 0 ? row.clicks : 0) << ',' << kol.commission_rate << ','
                      << money(kol.per_order) << ',' << money(kol.cogs) << ','
                      << money(kol.shipping) << '\n';
        truth_file << kol.id << ',' << row.clicks << ',' << row.orders << ',' << money(row.revenue)
                   << ',' << money(row.net_revenue) << '\n';
    }

    std::ofstream rate_file(out / "rates.csv", std::ios::binary);
    rate_file << "currency,rate_to_reporting\nUSD,1\nEUR,1.08\n";

    std::cout << "wrote " << orders.size() << " orders and " << touches.size() << " touchpoints to "
              << out.string() << '\n';
    return 0;
}
