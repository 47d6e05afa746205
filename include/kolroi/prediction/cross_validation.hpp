// kolroi/prediction/cross_validation.hpp: how well the quote predictor predicts the ROAS of a
// creator it has never seen, beside the simplest rival.
//
// Grouped k-fold cross-validation by KOL id (kolroi/prediction/grouped_folds.hpp): each fold's
// KOLs are held out whole, `fit_quote_model` is fitted on the other folds (choosing its target
// by its own inner cross-validation, so the held-out KOLs play no part in any choice), and
// every held-out collaboration is quoted as it was agreed. Over all rows, each predicted once:
//   model MAE     = mean |predicted ROAS - realised ROAS|
//   baseline MAE  = mean |training mean ROAS - realised ROAS|, the training mean being that of
//                   the fold's training rows: what a store that ignores the profile expects
//   improvement   = 1 - model MAE / baseline MAE
// Rows whose quote costs nothing (no predicted ROAS) are left out of both and counted.
#pragma once

#include "kolroi/core/error.hpp"
#include "kolroi/prediction/grouped_folds.hpp"
#include "kolroi/prediction/history.hpp"
#include "kolroi/prediction/predictor.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace kolroi {

struct cross_validation_options {
    std::size_t folds = 5;
    std::uint64_t seed = 1;
    quote_options quote;
};

/// One fold's held-out rows and errors.
struct fold_result {
    std::size_t rows = 0;
    std::size_t kols = 0;
    double model_mae = 0;
    double baseline_mae = 0;
    gmv_target target = gmv_target::log_gmv; ///< what the fold's model chose
};

struct cross_validation_result {
    std::size_t rows = 0;    ///< rows predicted (with a defined ROAS)
    std::size_t skipped = 0; ///< rows whose quote costs nothing
    double model_mae = 0;
    double baseline_mae = 0;
    std::vector<fold_result> folds;
    std::vector<std::optional<double>> predicted_roas; ///< per history row, out of fold
    std::vector<std::size_t> fold_of_row;

    [[nodiscard]] double improvement() const noexcept { return 1 - model_mae / baseline_mae; }
};

namespace detail {

inline std::size_t distinct_count(std::vector<std::string> ids) {
    std::sort(ids.begin(), ids.end());
    return static_cast<std::size_t>(std::unique(ids.begin(), ids.end()) - ids.begin());
}

} // namespace detail

/// Cross-validates the predictor fitted with `predictor` on `history` as the header describes.
/// Throws kolroi::error (invalid_argument) when there are fewer KOLs than folds or folds < 2;
/// errors of the fits pass through.
inline cross_validation_result cross_validate(std::span<const collaboration> history,
                                              const predictor_options& predictor = {},
                                              const cross_validation_options& options = {}) {
    std::vector<std::string> ids;
    for (const collaboration& row : history) {
        ids.push_back(row.profile.kol_id);
    }
    cross_validation_result result;
    result.fold_of_row = grouped_folds(ids, options.folds, options.seed);
    result.predicted_roas.assign(history.size(), std::nullopt);

    double model_sum = 0;
    double baseline_sum = 0;
    for (std::size_t fold = 0; fold < options.folds; ++fold) {
        std::vector<collaboration> train;
        std::vector<std::size_t> test;
        double roas_sum = 0;
        for (std::size_t i = 0; i < history.size(); ++i) {
            if (result.fold_of_row[i] == fold) {
                test.push_back(i);
            } else {
                train.push_back(history[i]);
                roas_sum += history[i].roas();
            }
        }
        const double baseline = roas_sum / static_cast<double>(train.size());
        const quote_model model = fit_quote_model(train, predictor);

        std::vector<creator_profile> quotes;
        std::vector<std::string> test_ids;
        for (const std::size_t i : test) {
            quotes.push_back(history[i].profile);
            test_ids.push_back(ids[i]);
        }
        const std::vector<quote_result> answers = model.quote(quotes, options.quote);

        fold_result summary;
        summary.kols = detail::distinct_count(test_ids);
        summary.target = model.selection().chosen;
        for (std::size_t k = 0; k < test.size(); ++k) {
            const std::size_t i = test[k];
            result.predicted_roas[i] = answers[k].roas;
            if (!answers[k].roas) {
                ++result.skipped;
                continue;
            }
            const double realised = history[i].roas();
            summary.model_mae += std::fabs(*answers[k].roas - realised);
            summary.baseline_mae += std::fabs(baseline - realised);
            ++summary.rows;
        }
        model_sum += summary.model_mae;
        baseline_sum += summary.baseline_mae;
        result.rows += summary.rows;
        if (summary.rows > 0) {
            summary.model_mae /= static_cast<double>(summary.rows);
            summary.baseline_mae /= static_cast<double>(summary.rows);
        }
        result.folds.push_back(summary);
    }
    if (result.rows > 0) {
        result.model_mae = model_sum / static_cast<double>(result.rows);
        result.baseline_mae = baseline_sum / static_cast<double>(result.rows);
    }
    return result;
}

} // namespace kolroi
