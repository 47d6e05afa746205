// Tests of kolroi/prediction/cross_validation.hpp: grouped cross-validation of the quote
// predictor on the bundled history, beside the mean-ROAS baseline recomputed here.
#include "kolroi/prediction/cross_validation.hpp"

#include "kolroi/io/file.hpp"

#include "test_support.hpp"

#include <cmath>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace {

std::vector<kolroi::collaboration> bundled_history() {
    const auto path = kolroi::test::example_file("data/sample_store/history.csv");
    return kolroi::read_history(kolroi::read_file(path), "history.csv").rows;
}

/// Counts the phrases of a good and a poor audience fit in the bio and captions.
class keyword_source : public kolroi::feature_source {
public:
    [[nodiscard]] std::string name() const override { return "keywords"; }
    [[nodiscard]] std::vector<std::string> feature_names() const override {
        return {"good", "poor"};
    }
    [[nodiscard]] kolroi::feature_table
    features(std::span<const kolroi::creator_profile> profiles) override {
        kolroi::feature_table table(feature_names(), profiles.size());
        for (std::size_t i = 0; i < profiles.size(); ++i) {
            std::string text = profiles[i].bio;
            for (const auto& caption : profiles[i].recent_captions) {
                text += " " + caption;
            }
            double good = 0;
            double poor = 0;
            for (const char* word : {"honest", "routine", "ingredient", "dermatologist"}) {
                good += text.find(word) != std::string::npos ? 1 : 0;
            }
            for (const char* word : {"giveaway", "GIVEAWAY", "follow", "promo", "win "}) {
                poor += text.find(word) != std::string::npos ? 1 : 0;
            }
            table.set(i, 0, good);
            table.set(i, 1, poor);
        }
        return table;
    }
};

} // namespace

TEST_CASE("on the bundled history the predictor's ROAS error is under half the baseline's") {
    const auto history = bundled_history();
    const auto result = kolroi::cross_validate(history);
    CHECK(result.rows == 251);
    CHECK(result.skipped == 0);
    CHECK(result.folds.size() == 5);
    MESSAGE("grouped 5-fold MAE of ROAS: model " << result.model_mae << ", baseline "
                                                 << result.baseline_mae << ", improvement "
                                                 << result.improvement());
    CHECK(result.model_mae < 0.5 * result.baseline_mae);
    CHECK(result.improvement() > 0.5);
    for (const auto& fold : result.folds) {
        CHECK(fold.target == kolroi::gmv_target::log_gmv);
        CHECK(fold.model_mae < fold.baseline_mae);
    }

    // Recomputed from the folds: each KOL in one fold, the baseline the training rows' mean
    // ROAS, and the model's MAE from its out-of-fold predictions.
    std::map<std::string, std::set<std::size_t>> folds_of;
    double baseline_error = 0;
    double model_error = 0;
    for (std::size_t fold = 0; fold < 5; ++fold) {
        double sum = 0;
        double count = 0;
        for (std::size_t i = 0; i < history.size(); ++i) {
            if (result.fold_of_row[i] != fold) {
                sum += history[i].credited_gmv / history[i].cost;
                count += 1;
            }
        }
        for (std::size_t i = 0; i < history.size(); ++i) {
            if (result.fold_of_row[i] == fold) {
                const double realised = history[i].credited_gmv / history[i].cost;
                baseline_error += std::fabs(sum / count - realised);
                model_error += std::fabs(*result.predicted_roas[i] - realised);
                folds_of[history[i].profile.kol_id].insert(fold);
            }
        }
    }
    for (const auto& [kol, folds] : folds_of) {
        CHECK(folds.size() == 1);
    }
    CHECK(result.baseline_mae == doctest::Approx(baseline_error / 251).epsilon(1e-12));
    CHECK(result.model_mae == doctest::Approx(model_error / 251).epsilon(1e-12));
}

TEST_CASE("the predictor beats the baseline on the quotes with a fixed price too") {
    // Pure commissions have ROAS 1 / rate whatever the GMV, which the model knows and the
    // baseline does not; without them the margin must remain.
    std::vector<kolroi::collaboration> fixed;
    for (const auto& row : bundled_history()) {
        if (row.profile.quote.model != kolroi::cost_model::commission) {
            fixed.push_back(row);
        }
    }
    const auto result = kolroi::cross_validate(fixed);
    MESSAGE("without pure commissions (" << result.rows << " rows): model " << result.model_mae
                                         << ", baseline " << result.baseline_mae);
    CHECK(result.model_mae < 0.75 * result.baseline_mae);
}

TEST_CASE("the bio's words lower the cross-validated error further") {
    const auto history = bundled_history();
    kolroi::predictor_options with_text;
    with_text.sources = {std::make_shared<keyword_source>()};
    const auto numeric = kolroi::cross_validate(history);
    const auto text = kolroi::cross_validate(history, with_text);
    MESSAGE("with keyword features: model " << text.model_mae << " (numeric " << numeric.model_mae
                                            << ")");
    CHECK(text.model_mae < numeric.model_mae);
    CHECK(text.baseline_mae == numeric.baseline_mae);
}

TEST_CASE("more folds than KOLs is refused") {
    auto history = bundled_history();
    history.resize(6); // past001 .. past003 or so: fewer than 10 KOLs
    kolroi::cross_validation_options options;
    options.folds = 10;
    CHECK_THROWS_WITH_AS(kolroi::cross_validate(history, {}, options),
                         doctest::Contains("10 folds need at least as many groups"), kolroi::error);
}
