// Tests of kolroi/prediction/predictor.hpp: quotes against the closed forms of a model of
// platform means, the target choice on the bundled history, feature sources and their failure,
// and prices solved when the price is itself a feature.
#include "kolroi/prediction/predictor.hpp"

#include "kolroi/io/file.hpp"

#include "test_support.hpp"

#include <boost/math/distributions/students_t.hpp>

#include <cmath>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace {

kolroi::creator_profile profile(const std::string& id, kolroi::platform on) {
    kolroi::creator_profile p;
    p.kol_id = id;
    p.platform = on;
    p.followers = 10000;
    p.average_views = 30000;
    p.engagement_rate = 0.04;
    p.quote = {kolroi::cost_model::flat_fee, 800, 0};
    return p;
}

/// Ten collaborations of ten KOLs on three platforms, each costing 800.
std::vector<kolroi::collaboration> platform_history() {
    using kolroi::platform;
    const std::vector<std::pair<platform, double>> rows = {
        {platform::tiktok, 1000},  {platform::tiktok, 1200},   {platform::tiktok, 800},
        {platform::tiktok, 1500},  {platform::youtube, 2000},  {platform::youtube, 2600},
        {platform::youtube, 1800}, {platform::instagram, 500}, {platform::instagram, 700},
        {platform::instagram, 600}};
    std::vector<kolroi::collaboration> history;
    for (std::size_t i = 0; i < rows.size(); ++i) {
        history.push_back(
            {profile("kol" + std::to_string(i), rows[i].first), "", 800, rows[i].second});
    }
    return history;
}

/// The model of platform means on log GMV, worked out by hand: the mean of each platform's
/// logs, the residual variance on n - 3 degrees of freedom, and Duan's smearing factor.
struct platform_means {
    std::map<kolroi::platform, double> mean_log;
    std::map<kolroi::platform, double> rows;
    double s = 0;
    double smearing = 0;
    double df = 0;

    explicit platform_means(const std::vector<kolroi::collaboration>& history) {
        std::map<kolroi::platform, double> sums;
        for (const auto& row : history) {
            sums[row.profile.platform] += std::log(row.credited_gmv);
            rows[row.profile.platform] += 1;
        }
        for (const auto& [on, sum] : sums) {
            mean_log[on] = sum / rows[on];
        }
        double rss = 0;
        for (const auto& row : history) {
            const double r = std::log(row.credited_gmv) - mean_log[row.profile.platform];
            rss += r * r;
            smearing += std::exp(r) / double(history.size());
        }
        df = double(history.size()) - 3;
        s = std::sqrt(rss / df);
    }

    /// The 80% prediction interval of log GMV on a platform.
    [[nodiscard]] kolroi::interval log_interval(kolroi::platform on) const {
        const boost::math::students_t student(df);
        const double t = boost::math::quantile(student, 0.9);
        const double half = t * s * std::sqrt(1 + 1 / rows.at(on));
        return {mean_log.at(on) - half, mean_log.at(on) + half};
    }
};

kolroi::predictor_options platform_only(kolroi::target_choice target) {
    kolroi::predictor_options options;
    options.features.transforms = {};
    options.features.factors = {kolroi::profile_factor::platform};
    options.features.min_level_rows = 1;
    options.target = target;
    return options;
}

std::vector<kolroi::collaboration> bundled_history() {
    const auto path = kolroi::test::example_file("data/sample_store/history.csv");
    return kolroi::read_history(kolroi::read_file(path), "history.csv").rows;
}

/// Scores a bio and captions by the phrases that mark a good or a poor audience fit: a
/// stand-in for a language model, written without the generator's tables.
class keyword_source : public kolroi::feature_source {
public:
    [[nodiscard]] std::string name() const override { return "keywords"; }
    [[nodiscard]] std::vector<std::string> feature_names() const override {
        return {"good", "poor"};
    }
    [[nodiscard]] kolroi::feature_table
    features(std::span<const kolroi::creator_profile> profiles) override {
        ++calls;
        if (fail_from_call != 0 && calls >= fail_from_call) {
            throw kolroi::error(kolroi::error_kind::remote_error, "keywords: connection refused");
        }
        kolroi::feature_table table(feature_names(), profiles.size());
        for (std::size_t i = 0; i < profiles.size(); ++i) {
            std::string text = profiles[i].bio;
            for (const auto& caption : profiles[i].recent_captions) {
                text += " " + caption;
            }
            table.set(i, 0, count(text, {"honest", "routine", "ingredient", "dermatologist"}));
            table.set(i, 1, count(text, {"giveaway", "follow", "promo", "win "}));
        }
        return table;
    }
    int calls = 0;
    int fail_from_call = 0; ///< 0: never fail

private:
    static double count(const std::string& text, std::initializer_list<const char*> words) {
        double found = 0;
        std::string lower;
        for (const char c : text) {
            lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        }
        for (const char* word : words) {
            found += lower.find(word) != std::string::npos ? 1 : 0;
        }
        return found;
    }
};

} // namespace

TEST_CASE(
    "a flat-fee quote gets the smeared mean, the interval and the prices of the closed form") {
    const auto history = platform_history();
    const platform_means truth(history);
    const auto model =
        kolroi::fit_quote_model(history, platform_only(kolroi::target_choice::log_gmv));
    CHECK(model.selection().chosen == kolroi::gmv_target::log_gmv);
    CHECK(model.selection().reason == "chosen by the caller");

    kolroi::creator_profile quote = profile("new", kolroi::platform::youtube);
    quote.quote.amount = 1000;
    const kolroi::quote_result r = model.quote(quote);

    const double median = std::exp(truth.mean_log.at(kolroi::platform::youtube));
    const double mean = median * truth.smearing;
    const kolroi::interval log_range = truth.log_interval(kolroi::platform::youtube);
    CHECK(r.gmv.median == doctest::Approx(median).epsilon(1e-10));
    CHECK(r.gmv.mean == doctest::Approx(mean).epsilon(1e-10));
    CHECK(r.gmv.range->lower == doctest::Approx(std::exp(log_range.lower)).epsilon(1e-10));
    CHECK(r.gmv.range->upper == doctest::Approx(std::exp(log_range.upper)).epsilon(1e-10));
    CHECK(r.expected_cost == 1000);
    CHECK(*r.roas == doctest::Approx(mean / 1000).epsilon(1e-10));
    CHECK(r.roas_interval->lower ==
          doctest::Approx(std::exp(log_range.lower) / 1000).epsilon(1e-10));
    CHECK(r.roas_interval->upper ==
          doctest::Approx(std::exp(log_range.upper) / 1000).epsilon(1e-10));
    CHECK(*r.break_even_price == doctest::Approx(mean).epsilon(1e-10));
    CHECK(*r.target_price == doctest::Approx(mean / 1.5).epsilon(1e-10));
    CHECK(r.level == 0.8);
    CHECK_FALSE(r.fell_back);

    // The youtube mean is about 2100, ROAS 2.1 at 1000, and the three youtube GMVs lie close
    // together, so even the interval's low end (about 1.47) breaks even.
    CHECK(mean / 1000 > 2);
    CHECK(std::exp(log_range.lower) / 1000 > 1);
    CHECK(r.decision.verdict == kolroi::quote_verdict::priority);

    // At 1500 the ROAS falls below 2: consider.
    quote.quote.amount = 1500;
    CHECK(model.quote(quote).decision.verdict == kolroi::quote_verdict::consider);
}

TEST_CASE("each cost model turns the same GMV into its own cost, ROAS and prices") {
    const auto history = platform_history();
    const platform_means truth(history);
    const auto model =
        kolroi::fit_quote_model(history, platform_only(kolroi::target_choice::log_gmv));
    const double mean = std::exp(truth.mean_log.at(kolroi::platform::tiktok)) * truth.smearing;

    kolroi::creator_profile cpm = profile("c", kolroi::platform::tiktok);
    cpm.quote = {kolroi::cost_model::cpm, 20, 0, 2};
    const auto by_cpm = model.quote(cpm);
    CHECK(by_cpm.expected_cost == doctest::Approx(20 * 2 * 30000 / 1000.0));
    CHECK(*by_cpm.roas == doctest::Approx(mean / 1200).epsilon(1e-10));
    CHECK(*by_cpm.break_even_price == doctest::Approx(1000 * mean / 60000).epsilon(1e-10));
    CHECK(*by_cpm.target_price == doctest::Approx(1000 * mean / (1.5 * 60000)).epsilon(1e-10));

    kolroi::creator_profile hybrid = profile("h", kolroi::platform::tiktok);
    hybrid.quote = {kolroi::cost_model::flat_fee_and_commission, 300, 0.1};
    const auto by_hybrid = model.quote(hybrid);
    CHECK(by_hybrid.expected_cost == doctest::Approx(300 + 0.1 * mean).epsilon(1e-10));
    CHECK(*by_hybrid.roas == doctest::Approx(mean / (300 + 0.1 * mean)).epsilon(1e-10));
    CHECK(*by_hybrid.break_even_price == doctest::Approx(0.9 * mean).epsilon(1e-10));
    CHECK(*by_hybrid.target_price == doctest::Approx(mean / 1.5 - 0.1 * mean).epsilon(1e-10));
    const double low = by_hybrid.gmv.range->lower;
    CHECK(by_hybrid.roas_interval->lower == doctest::Approx(low / (300 + 0.1 * low)));

    kolroi::creator_profile commission = profile("k", kolroi::platform::tiktok);
    commission.quote = {kolroi::cost_model::commission, 0, 0.2};
    const auto by_commission = model.quote(commission);
    CHECK(*by_commission.roas == doctest::Approx(5.0));
    CHECK(by_commission.roas_interval->lower == doctest::Approx(5.0));
    CHECK(by_commission.roas_interval->upper == doctest::Approx(5.0));
    CHECK(*by_commission.break_even_price == 1.0);
    CHECK(*by_commission.target_price == doctest::Approx(1 / 1.5));
    CHECK(by_commission.decision.verdict == kolroi::quote_verdict::priority);

    // A commission of 80% alone costs more than GMV / 1.5: no flat fee reaches the target.
    hybrid.quote.commission_rate = 0.8;
    const auto greedy = model.quote(hybrid);
    CHECK(greedy.break_even_price.has_value());
    CHECK_FALSE(greedy.target_price.has_value());
    CHECK(greedy.notes.count("no price") == 1);
}

TEST_CASE("a quote below break-even says what price to negotiate to") {
    const auto model =
        kolroi::fit_quote_model(platform_history(), platform_only(kolroi::target_choice::log_gmv));
    kolroi::creator_profile quote = profile("q", kolroi::platform::instagram);
    quote.quote.amount = 1200;
    const auto r = model.quote(quote);
    REQUIRE(r.decision.verdict == kolroi::quote_verdict::negotiate);
    const auto money = [](double value) {
        return kolroi::format_number(std::round(value * 100) / 100);
    };
    CHECK(r.decision.reason ==
          "predicted ROAS " + kolroi::format_number(std::round(*r.roas * 1000) / 1000) +
              " is below 1: offer at most " + money(r.gmv.mean) +
              " (flat fee at break-even), aim for " + money(r.gmv.mean / 1.5) + " (ROAS 1.5)");
}

TEST_CASE("on the bundled history the log target wins the cross-validation by a wide margin") {
    const auto model = kolroi::fit_quote_model(bundled_history());
    const auto& selection = model.selection();
    CHECK(selection.chosen == kolroi::gmv_target::log_gmv);
    REQUIRE(selection.gmv_mae.has_value());
    REQUIRE(selection.log_gmv_mae.has_value());
    CHECK(selection.folds == 5);
    CHECK(*selection.log_gmv_mae < 0.5 * *selection.gmv_mae);
    CHECK(model.history_rows() == 251);
    CHECK(model.history_kols() == 100);

    // The generator's slope of log GMV on log delivered views is 0.85, shared between views
    // and followers here; the posts' slope is that same 0.85.
    const auto names = model.pipeline().column_names();
    const auto slope_of = [&](const std::string& name) {
        const auto at = std::find(names.begin(), names.end(), name) - names.begin();
        return model.model().fit.coefficients[at + 1];
    };
    CHECK(slope_of("log_views") + slope_of("log_followers") == doctest::Approx(0.85).epsilon(0.2));
    CHECK(slope_of("log_posts") == doctest::Approx(0.85).epsilon(0.25));
    CHECK(slope_of("category=gaming") < -0.5);
}

TEST_CASE("a GMV of zero in the history leaves only the gmv target") {
    auto history = platform_history();
    history[2].credited_gmv = 0;
    const auto model =
        kolroi::fit_quote_model(history, platform_only(kolroi::target_choice::automatic));
    CHECK(model.selection().chosen == kolroi::gmv_target::gmv);
    CHECK(model.selection().reason == "a collaboration has zero GMV, which has no log");
}

TEST_CASE("too few KOLs to cross-validate means log GMV by default") {
    auto history = platform_history();
    for (auto& row : history) {
        row.profile.kol_id = row.profile.platform == kolroi::platform::tiktok ? "t" : "other";
    }
    const auto model =
        kolroi::fit_quote_model(history, platform_only(kolroi::target_choice::automatic));
    CHECK(model.selection().chosen == kolroi::gmv_target::log_gmv);
    CHECK(model.selection().folds == 0);
    CHECK(model.selection().reason ==
          "2 KOLs are too few for 5-fold cross-validation; log GMV by default");
}

TEST_CASE("a feature source's columns join the model and explain what the numbers cannot") {
    const auto history = bundled_history();
    auto source = std::make_shared<keyword_source>();
    kolroi::predictor_options with_text;
    with_text.sources = {source};
    const auto numeric = kolroi::fit_quote_model(history);
    const auto text = kolroi::fit_quote_model(history, with_text);

    CHECK(text.sources() == std::vector<std::string>{"keywords"});
    const auto names = text.pipeline().column_names();
    CHECK(std::find(names.begin(), names.end(), "keywords:good") != names.end());
    CHECK(std::find(names.begin(), names.end(), "keywords:poor") != names.end());
    CHECK(*text.model().fit.residual_standard_error <
          0.95 * *numeric.model().fit.residual_standard_error);

    // A poor fit's words lower the prediction for the same numbers.
    kolroi::creator_profile plain = history.front().profile;
    plain.bio = "daily vlogs";
    plain.recent_captions.clear();
    kolroi::creator_profile spammy = plain;
    spammy.bio = "follow for follow, giveaway every friday";
    const int calls = source->calls;
    CHECK(text.quote(spammy).gmv.mean < text.quote(plain).gmv.mean);
    CHECK(source->calls == calls + 2);
}

TEST_CASE("a source that fails on the history is left out and the model says so") {
    auto source = std::make_shared<keyword_source>();
    source->fail_from_call = 1;
    auto options = platform_only(kolroi::target_choice::log_gmv);
    options.sources = {source};
    const auto model = kolroi::fit_quote_model(platform_history(), options);
    CHECK(model.sources().empty());
    REQUIRE(model.notes().count("source failed") == 1);
    CHECK(model.notes().examples().front().detail ==
          "feature source 'keywords' failed on the history (keywords: connection refused): the "
          "model uses the numeric features only");
    const auto r = model.quote(profile("q", kolroi::platform::tiktok));
    CHECK_FALSE(r.fell_back);
}

TEST_CASE("a source that fails at quote time sends the quote to the numeric model") {
    const auto history = bundled_history();
    auto source = std::make_shared<keyword_source>();
    kolroi::predictor_options options;
    options.sources = {source};
    const auto model = kolroi::fit_quote_model(history, options);
    const auto numeric = kolroi::fit_quote_model(history);
    source->fail_from_call = source->calls + 1;

    const kolroi::creator_profile quote = history[10].profile;
    const auto r = model.quote(quote);
    CHECK(r.fell_back);
    REQUIRE(r.notes.count("source failed") == 1);
    CHECK(r.notes.examples().back().detail ==
          "feature source 'keywords' failed (keywords: connection refused): predicted from the "
          "numeric features only");
    const auto plain = numeric.quote(quote);
    CHECK(r.gmv.mean == plain.gmv.mean);
    CHECK(r.gmv.range->lower == plain.gmv.range->lower);
    CHECK(*r.roas == *plain.roas);
}

TEST_CASE("with the price among the features, the solved prices give the ROAS they promise") {
    kolroi::predictor_options options;
    options.features.transforms.push_back(kolroi::profile_transform::log_price);
    const auto model = kolroi::fit_quote_model(bundled_history(), options);

    for (const auto cost : {kolroi::cost_model::flat_fee, kolroi::cost_model::cpm,
                            kolroi::cost_model::flat_fee_and_commission}) {
        CAPTURE(kolroi::to_string(cost));
        kolroi::creator_profile quote = bundled_history()[20].profile;
        quote.quote = {cost, cost == kolroi::cost_model::cpm ? 30.0 : 900.0,
                       cost == kolroi::cost_model::flat_fee_and_commission ? 0.05 : 0.0};
        const auto r = model.quote(quote);
        REQUIRE(r.break_even_price.has_value());
        REQUIRE(r.target_price.has_value());

        kolroi::creator_profile at_break_even = quote;
        at_break_even.quote.amount = *r.break_even_price;
        CHECK(*model.quote(at_break_even).roas == doctest::Approx(1.0).epsilon(1e-9));
        kolroi::creator_profile at_target = quote;
        at_target.quote.amount = *r.target_price;
        CHECK(*model.quote(at_target).roas == doctest::Approx(1.5).epsilon(1e-9));
    }
}

TEST_CASE("a category the history never had is predicted as the baseline and noted") {
    const auto model = kolroi::fit_quote_model(bundled_history());
    kolroi::creator_profile quote = bundled_history().front().profile;
    quote.category = "pets";
    const auto r = model.quote(quote);
    REQUIRE(r.notes.count("unseen level") == 1);
    CHECK(r.notes.examples().front().detail.find("category 'pets'") != std::string::npos);
}

TEST_CASE("bad histories, profiles and options are refused with the numbers seen") {
    CHECK_THROWS_WITH_AS(kolroi::fit_quote_model(std::vector<kolroi::collaboration>{}),
                         "fit_quote_model: the history is empty", kolroi::error);
    auto history = platform_history();
    history[1].cost = 0;
    CHECK_THROWS_WITH_AS(kolroi::fit_quote_model(history),
                         "fit_quote_model: collaboration 1 of 'kol1' has cost 0 and GMV 1200; a "
                         "cost must be above 0 and GMV at least 0",
                         kolroi::error);
    kolroi::predictor_options options;
    options.selection_folds = 1;
    CHECK_THROWS_WITH_AS(kolroi::fit_quote_model(platform_history(), options),
                         "fit_quote_model: selection_folds must be at least 2, got 1",
                         kolroi::error);

    const auto model =
        kolroi::fit_quote_model(platform_history(), platform_only(kolroi::target_choice::log_gmv));
    kolroi::creator_profile bad = profile("q", kolroi::platform::tiktok);
    bad.followers = -1;
    CHECK_THROWS_WITH_AS((void)model.quote(bad), doctest::Contains("followers is -1"),
                         kolroi::error);
    kolroi::quote_options quote_options;
    quote_options.level = 1.0;
    CHECK_THROWS_WITH_AS((void)model.quote(profile("q", kolroi::platform::tiktok), quote_options),
                         "quote_options: level must be in (0, 1), got 1", kolroi::error);
    quote_options = {};
    quote_options.target_roas = 0;
    CHECK_THROWS_WITH_AS((void)model.quote(profile("q", kolroi::platform::tiktok), quote_options),
                         "quote_options: target_roas must be finite and > 0, got 0", kolroi::error);
}

TEST_CASE("a history too short to vary says so, not that a matrix has no columns") {
    // One collaboration: every feature is the same in every row, so each is dropped.
    const auto history = platform_history();
    const std::vector<kolroi::collaboration> one(history.begin(), history.begin() + 1);
    CHECK_THROWS_WITH_AS(
        kolroi::fit_quote_model(one),
        doctest::Contains("no feature varies over the history's 1 collaboration (a feature"),
        kolroi::error);
    // Two copies of it vary no more.
    const std::vector<kolroi::collaboration> twice = {history[0], history[0]};
    CHECK_THROWS_WITH_AS(kolroi::fit_quote_model(twice),
                         doctest::Contains("history's 2 collaborations"), kolroi::error);
}
