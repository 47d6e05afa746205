// Generates the sample store's collaboration history (history.csv) and the profiles of its
// twelve current KOLs (kol_profiles.csv), bundled in examples/data/sample_store, with the model
// behind every past GMV known because the generator decides it.
//
// The past: 100 creators on TikTok, Instagram, YouTube and Facebook, each with one to four paid
// collaborations (about 250 in all, every amount in USD). A creator has followers, average views
// per post, an engagement rate, a market, a content category and a bio whose words say how well
// the audience fits a skincare store ("honest reviews", "skincare routine" for a good fit;
// "follow for follow", "giveaway" for a poor one). The GMV a collaboration was credited with is
//
//   log GMV = log 0.22 + 0.85 log(delivered views) + 0.6 log(engagement / platform's typical)
//           + platform + category + market + audience fit + creator + noise
//
//   delivered views = posts * average views * exp(0.25 z)   (z standard normal, per collaboration)
//   platform:  tiktok 0, instagram +0.10, youtube +0.35, facebook -0.20
//   category:  skincare +0.35, beauty +0.25, lifestyle 0, fitness -0.15, gaming -0.50
//   market:    US 0, GB -0.05, DE -0.10, FR -0.10, BR -0.45
//   fit:       good +0.35, neutral 0, poor -0.50 (said only by the bio and captions)
//   creator:   0.20 z per creator, shared by their collaborations
//   noise:     0.30 z per collaboration
//
// so GMV is log-normal given the profile, and its log is linear in the log features. Prices
// follow the market, not the fit: a creator asks the platform's going rate per 1000 views
// (tiktok 35, instagram 42, youtube 55, facebook 25 USD) times their own exp(0.45 z), billed as a
// flat fee (60% of deals), a CPM (15%), a smaller flat fee plus 5-15% commission (15%) or a pure
// 10-25% commission (10%). A CPM deal is billed on the delivered views.
//
// The current KOLs' profiles are fixed numbers chosen to match the sample store (ids and
// platforms from generate_sample_store.cpp, their quotes from its contracts in USD at 1.08 per
// EUR; Ivan's gifting is a flat fee of its cost, Lina's flat fee leaves out her CPC part).
//
// Usage: kolroi_sample_history OUTPUT_FOLDER [SEED]. The same seed gives the same files byte for
// byte on any platform: the random numbers come from splitmix64 and are turned into
// distributions here, not by the standard library.
#include <array>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
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
    std::size_t below(std::size_t n) {
        return static_cast<std::size_t>(uniform() * static_cast<double>(n));
    }
    double normal() {
        // Box-Muller; one of the pair is enough here.
        const double u = 1.0 - uniform();
        const double v = uniform();
        return std::sqrt(-2.0 * std::log(u)) * std::cos(2.0 * M_PI * v);
    }
    double log_uniform(double low, double high) {
        return std::exp(std::log(low) + uniform() * (std::log(high) - std::log(low)));
    }
    // An index drawn with the given probabilities (which sum to 1).
    template <std::size_t N>
    std::size_t pick(const std::array<double, N>& weights) {
        double u = uniform();
        for (std::size_t i = 0; i + 1 < N; ++i) {
            if (u < weights[i]) {
                return i;
            }
            u -= weights[i];
        }
        return N - 1;
    }

private:
    std::uint64_t m_state;
};

// ---- the world --------------------------------------------------------------------------------

struct platform_spec {
    const char* name;
    int creators;
    double views_per_follower; // median
    double engagement;         // typical engagement rate
    double effect;             // on log GMV
    double rate_per_1000;      // going price per 1000 views, USD
};

const std::array<platform_spec, 4> platforms = {{
    {"tiktok", 32, 0.25, 0.060, 0.00, 35},
    {"instagram", 30, 0.10, 0.030, 0.10, 42},
    {"youtube", 20, 0.20, 0.040, 0.35, 55},
    {"facebook", 18, 0.05, 0.015, -0.20, 25},
}};

struct level {
    const char* name;
    double share;
    double effect;
};

const std::array<level, 5> categories = {{{"skincare", 0.15, 0.35},
                                          {"beauty", 0.30, 0.25},
                                          {"lifestyle", 0.25, 0.00},
                                          {"fitness", 0.15, -0.15},
                                          {"gaming", 0.15, -0.50}}};

const std::array<level, 5> markets = {{{"US", 0.45, 0.00},
                                       {"GB", 0.15, -0.05},
                                       {"DE", 0.15, -0.10},
                                       {"FR", 0.10, -0.10},
                                       {"BR", 0.15, -0.45}}};

enum fit_class { good, neutral, poor };
constexpr std::array<double, 3> fit_effect = {0.35, 0.00, -0.50};

const std::array<std::vector<const char*>, 3> bio_phrases = {{
    {"honest reviews", "skincare routine every sunday", "ingredient nerd",
     "dermatologist-approved picks", "no sponsored fluff", "I only post what I use"},
    {"daily vlogs", "coffee and city walks", "sharing what I love", "mum of two",
     "weekend adventures", "based in the city"},
    {"follow for follow", "giveaway every friday", "DM for promo", "shoutouts for sale",
     "like4like", "win free stuff"},
}};

const std::array<std::vector<const char*>, 3> caption_phrases = {{
    {"my honest review after 4 weeks", "full skincare routine, step by step",
     "what actually worked for my dry skin", "ingredients explained"},
    {"sunday reset", "a day in my life", "trying the new cafe", "outfit of the day"},
    {"GIVEAWAY time, tag 3 friends", "follow all accounts I follow to win",
     "comment for a shoutout", "link in bio for free gifts"},
}};

struct creator {
    std::string id;
    const platform_spec* platform;
    double followers;
    double views;
    double engagement;
    const level* category;
    const level* market;
    fit_class fit;
    double effect; // the creator's own, shared by their collaborations
    double price_factor;
    std::string bio;
    std::string captions;
};

// A good fit is likelier in the store's own categories, a poor one in gaming.
fit_class draw_fit(random_source& random, const level& category) {
    const std::string name = category.name;
    if (name == "skincare" || name == "beauty") {
        return static_cast<fit_class>(random.pick(std::array<double, 3>{0.45, 0.40, 0.15}));
    }
    if (name == "gaming") {
        return static_cast<fit_class>(random.pick(std::array<double, 3>{0.10, 0.45, 0.45}));
    }
    return static_cast<fit_class>(random.pick(std::array<double, 3>{0.25, 0.50, 0.25}));
}

// Two phrases of the creator's class and, half the time, a neutral one: the words carry the
// fit, with noise.
std::string draw_text(random_source& random, fit_class fit,
                      const std::array<std::vector<const char*>, 3>& phrases,
                      const char* separator) {
    const auto& own = phrases[fit];
    const std::size_t first = random.below(own.size());
    std::size_t second = random.below(own.size() - 1);
    second += second >= first ? 1 : 0;
    std::string text = std::string(own[first]) + separator + own[second];
    if (fit != neutral && random.uniform() < 0.5) {
        const auto& plain = phrases[neutral];
        text += std::string(separator) + plain[random.below(plain.size())];
    }
    return text;
}

template <std::size_t N>
const level* draw_level(random_source& random, const std::array<level, N>& levels) {
    std::array<double, N> shares{};
    for (std::size_t i = 0; i < N; ++i) {
        shares[i] = levels[i].share;
    }
    return &levels[random.pick(shares)];
}

creator draw_creator(random_source& random, const platform_spec& platform, int number) {
    creator c;
    char id[32];
    std::snprintf(id, sizeof id, "past%03d_%s", number, platform.name);
    c.id = id;
    c.platform = &platform;
    c.followers = std::round(random.log_uniform(8000, 1500000));
    c.views =
        std::round(c.followers * platform.views_per_follower * std::exp(0.5 * random.normal()));
    // Large audiences engage less.
    c.engagement =
        platform.engagement * std::pow(c.followers / 1e5, -0.15) * std::exp(0.35 * random.normal());
    c.engagement = std::round(c.engagement * 1e4) / 1e4;
    c.category = draw_level(random, categories);
    c.market = draw_level(random, markets);
    c.fit = draw_fit(random, *c.category);
    c.effect = 0.20 * random.normal();
    c.price_factor = std::exp(0.45 * random.normal());
    c.bio = draw_text(random, c.fit, bio_phrases, ", ");
    c.captions = draw_text(random, c.fit, caption_phrases, " | ");
    return c;
}

struct collaboration {
    std::string campaign;
    const char* cost_model;
    double price;
    double commission_rate;
    int posts;
    double cost;
    double gmv;
};

collaboration draw_collaboration(random_source& random, const creator& c, int index) {
    collaboration deal;
    char campaign[48];
    std::snprintf(campaign, sizeof campaign, "%s_%d", c.id.c_str(), index + 1);
    deal.campaign = campaign;
    deal.posts = 1 + static_cast<int>(random.pick(std::array<double, 3>{0.55, 0.30, 0.15}));

    const double delivered = deal.posts * c.views * std::exp(0.25 * random.normal());
    const double log_gmv = std::log(0.22) + 0.85 * std::log(delivered) +
                           0.6 * std::log(c.engagement / c.platform->engagement) +
                           c.platform->effect + c.category->effect + c.market->effect +
                           fit_effect[c.fit] + c.effect + 0.30 * random.normal();
    deal.gmv = std::round(std::exp(log_gmv) * 100) / 100;

    // The creator's asking price for the posts at their usual views; billed four ways.
    const double rate = c.platform->rate_per_1000 * c.price_factor;
    const double fee = deal.posts * c.views * rate / 1000;
    const std::size_t model = random.pick(std::array<double, 4>{0.60, 0.15, 0.15, 0.10});
    deal.commission_rate = 0;
    if (model == 0) {
        deal.cost_model = "flat_fee";
        deal.price = std::round(fee);
        deal.cost = deal.price;
    } else if (model == 1) {
        deal.cost_model = "cpm";
        deal.price = std::round(rate * 100) / 100;
        deal.cost = std::round(deal.price * delivered / 1000 * 100) / 100;
    } else if (model == 2) {
        deal.cost_model = "flat_fee_and_commission";
        deal.price = std::round(0.6 * fee);
        deal.commission_rate = std::round((0.05 + 0.10 * random.uniform()) * 100) / 100;
        deal.cost = std::round((deal.price + deal.commission_rate * deal.gmv) * 100) / 100;
    } else {
        deal.cost_model = "commission";
        deal.price = 0;
        deal.commission_rate = std::round((0.10 + 0.15 * random.uniform()) * 100) / 100;
        deal.cost = std::round(deal.commission_rate * deal.gmv * 100) / 100;
    }
    return deal;
}

// ---- the current KOLs -------------------------------------------------------------------------

struct current_kol {
    const char* id;
    const char* platform;
    double followers, views, engagement;
    const char* market;
    const char* category;
    const char* cost_model;
    double price, commission_rate;
    int posts;
    const char* bio;
    const char* captions;
};

// clang-format off
const std::vector<current_kol> current_kols = {
    {"anna_tiktok", "tiktok", 210000, 21000, 0.071, "US", "skincare", "flat_fee_and_commission", 1500, 0.05, 3, "honest reviews, skincare routine every sunday", "my honest review after 4 weeks | full skincare routine, step by step"},
    {"ben_instagram", "instagram", 150000, 13000, 0.034, "DE", "beauty", "flat_fee", 1188, 0, 2, "ingredient nerd, based in the city", "ingredients explained | outfit of the day"},
    {"chloe_youtube", "youtube", 320000, 15000, 0.046, "US", "skincare", "flat_fee", 2500, 0, 2, "dermatologist-approved picks, no sponsored fluff", "what actually worked for my dry skin | ingredients explained"},
    {"dara_facebook", "facebook", 400000, 40000, 0.012, "US", "lifestyle", "cpm", 12, 0, 2, "mum of two, sharing what I love", "sunday reset | a day in my life"},
    {"eli_tiktok", "tiktok", 95000, 4000, 0.052, "US", "lifestyle", "flat_fee", 1800, 0, 3, "daily vlogs, weekend adventures", "a day in my life | trying the new cafe"},
    {"fay_instagram", "instagram", 88000, 10000, 0.029, "FR", "beauty", "flat_fee_and_commission", 864, 0.10, 2, "sharing what I love, win free stuff", "outfit of the day | link in bio for free gifts"},
    {"gus_youtube", "youtube", 140000, 11000, 0.038, "DE", "lifestyle", "flat_fee", 1600, 0, 2, "weekend adventures, honest reviews", "a day in my life | my honest review after 4 weeks"},
    {"hana_tiktok", "tiktok", 260000, 9000, 0.044, "US", "gaming", "flat_fee", 700, 0, 2, "follow for follow, giveaway every friday", "GIVEAWAY time, tag 3 friends | comment for a shoutout"},
    {"ivan_instagram", "instagram", 30000, 5000, 0.041, "GB", "fitness", "flat_fee", 145, 0, 1, "coffee and city walks, shoutouts for sale", "sunday reset | comment for a shoutout"},
    {"jade_facebook", "facebook", 520000, 60000, 0.010, "US", "beauty", "cpm", 9, 0, 2, "I only post what I use, mum of two", "what actually worked for my dry skin | sunday reset"},
    {"kai_youtube", "youtube", 90000, 7000, 0.055, "GB", "skincare", "commission", 0, 0.15, 2, "skincare routine every sunday, ingredient nerd", "full skincare routine, step by step | ingredients explained"},
    {"lina_tiktok", "tiktok", 130000, 13000, 0.058, "BR", "beauty", "flat_fee", 1000, 0, 3, "daily vlogs, sharing what I love", "outfit of the day | trying the new cafe"},
};
// clang-format on

// ---- writing ----------------------------------------------------------------------------------

std::string fixed(double value, int decimals) {
    char text[48];
    std::snprintf(text, sizeof text, "%.*f", decimals, value);
    return text;
}

// RFC 4180: a field with a comma or a quote is quoted, its quotes doubled.
std::string field(const std::string& text) {
    if (text.find_first_of(",\"") == std::string::npos) {
        return text;
    }
    std::string quoted = "\"";
    for (const char c : text) {
        quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
    }
    return quoted + "\"";
}

} // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::cerr << "usage: kolroi_sample_history OUTPUT_FOLDER [SEED]\n";
        return 2;
    }
    const std::filesystem::path out = argv[1];
    const std::uint64_t seed = argc > 2 ? std::stoull(argv[2]) : 20250905;
    std::filesystem::create_directories(out);
    random_source random(seed);

    std::ofstream history(out / "history.csv", std::ios::binary);
    history << "kol_id,campaign,platform,followers,average_views,engagement_rate,market,category,"
               "cost_model,price,commission_rate,posts,cost,credited_gmv,roas,bio,captions\n";
    int number = 0;
    int rows = 0;
    for (const auto& platform : platforms) {
        for (int k = 0; k < platform.creators; ++k) {
            const creator c = draw_creator(random, platform, ++number);
            const int deals = 1 + static_cast<int>(random.below(4));
            for (int d = 0; d < deals; ++d) {
                const collaboration deal = draw_collaboration(random, c, d);
                history << c.id << ',' << deal.campaign << ',' << platform.name << ','
                        << fixed(c.followers, 0) << ',' << fixed(c.views, 0) << ','
                        << fixed(c.engagement, 4) << ',' << c.market->name << ','
                        << c.category->name << ',' << deal.cost_model << ',' << fixed(deal.price, 2)
                        << ',' << fixed(deal.commission_rate, 2) << ',' << deal.posts << ','
                        << fixed(deal.cost, 2) << ',' << fixed(deal.gmv, 2) << ','
                        << fixed(deal.gmv / deal.cost, 4) << ',' << field(c.bio) << ','
                        << field(c.captions) << '\n';
                ++rows;
            }
        }
    }

    std::ofstream profiles(out / "kol_profiles.csv", std::ios::binary);
    profiles << "kol_id,platform,followers,average_views,engagement_rate,market,category,"
                "cost_model,price,commission_rate,posts,bio,captions\n";
    for (const auto& kol : current_kols) {
        profiles << kol.id << ',' << kol.platform << ',' << fixed(kol.followers, 0) << ','
                 << fixed(kol.views, 0) << ',' << fixed(kol.engagement, 4) << ',' << kol.market
                 << ',' << kol.category << ',' << kol.cost_model << ',' << fixed(kol.price, 2)
                 << ',' << fixed(kol.commission_rate, 2) << ',' << kol.posts << ','
                 << field(kol.bio) << ',' << field(kol.captions) << '\n';
    }

    std::cout << "wrote " << rows << " past collaborations of " << number << " creators and "
              << current_kols.size() << " current KOL profiles to " << out.string() << '\n';
    return 0;
}
