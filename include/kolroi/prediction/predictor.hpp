// kolroi/prediction/predictor.hpp: from a history of past collaborations to an answer for a new
// creator's quote: the GMV and ROAS to expect, how uncertain they are, the price that breaks
// even, the price that reaches a target ROAS, and what to do.
//
// Fitting (`fit_quote_model`):
//   1. Each feature source (kolroi/features/feature_source.hpp) scores the history's profiles;
//      its columns are named "<source>:<feature>". A source that throws is left out of the
//      model, and the notes say so.
//   2. The target: with `target_choice::automatic`, GMV and log GMV are each fitted and
//      predicted in grouped k-fold cross-validation over the history (whole KOLs held out,
//      kolroi/prediction/grouped_folds.hpp), and the one with the smaller mean absolute error
//      of ROAS wins; both errors are kept in `selection()`. Log GMV is the only choice when
//      there are too few KOLs to cross-validate, GMV the only one when a GMV is zero.
//   3. The model: the feature pipeline (kolroi/prediction/feature_pipeline.hpp) and the GMV
//      model (kolroi/prediction/gmv_model.hpp) on all rows; with sources, a second one on the
//      profile's own numbers only, to fall back on.
// Quoting (`quote_model::quote`), for each profile:
//   - GMV: mean (back-transformed with the stated correction), median and the `level`
//     prediction interval (80% by default). When a source throws, every profile of the call is
//     predicted by the fallback model and `fell_back` says so.
//   - cost = expected_cost(profile, mean GMV) (kolroi/prediction/kol_profile.hpp);
//     ROAS = mean GMV / cost; its interval is ROAS at the ends of the GMV interval, which is
//     exact because ROAS increases with GMV in every cost model.
//   - break-even price and target price: the price (flat fee; CPM price; commission rate; the
//     flat fee beside a fixed commission rate) at which mean GMV / cost equals 1 and
//     target_roas. Without the price among the features, mean GMV does not depend on the
//     price and they are closed forms (flat fee m / t, CPM 1000 m / (t posts views), rate
//     1 / t, flat fee beside rate r: m / t - r m). With log_price among them, the price moves
//     GMV and the equation is solved by bisection on the log of the price.
//   - the decision (kolroi/prediction/quote_decision.hpp).
// quote() calls the feature sources, so it is as thread-safe as they are.
#pragma once

#include "kolroi/core/diagnostics.hpp"
#include "kolroi/core/error.hpp"
#include "kolroi/features/feature_source.hpp"
#include "kolroi/io/text.hpp"
#include "kolroi/prediction/feature_pipeline.hpp"
#include "kolroi/prediction/gmv_model.hpp"
#include "kolroi/prediction/grouped_folds.hpp"
#include "kolroi/prediction/history.hpp"
#include "kolroi/prediction/kol_profile.hpp"
#include "kolroi/prediction/quote_decision.hpp"
#include "kolroi/regression/ols.hpp"

#include <Eigen/Core>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <limits>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace kolroi {

/// Which GMV target a model is fitted on.
enum class target_choice { automatic, gmv, log_gmv };

struct predictor_options {
    feature_spec features;
    target_choice target = target_choice::automatic;
    back_transform correction = back_transform::smearing;
    std::size_t selection_folds = 5; ///< folds of the cross-validation that picks the target
    std::uint64_t fold_seed = 1;     ///< seed of those folds
    double ridge_lambda = 0;         ///< passed to fit_ols
    std::vector<std::shared_ptr<feature_source>> sources;
};

struct quote_options {
    double level = 0.80;      ///< of the prediction intervals
    double target_roas = 1.5; ///< the ROAS the target price reaches
    decision_rule rule;

    /// Throws kolroi::error (invalid_argument) for a level outside (0, 1), a target ROAS that
    /// is not finite and positive, or a bad rule.
    void validate() const {
        if (!(level > 0 && level < 1)) {
            throw error(error_kind::invalid_argument,
                        "quote_options: level must be in (0, 1), got " +
                            kolroi::format_number(level));
        }
        if (!std::isfinite(target_roas) || target_roas <= 0) {
            throw error(error_kind::invalid_argument,
                        "quote_options: target_roas must be finite and > 0, got " +
                            kolroi::format_number(target_roas));
        }
        rule.validate();
    }
};

/// How the target was chosen, with the cross-validated MAE of ROAS of each candidate.
struct target_selection {
    gmv_target chosen = gmv_target::log_gmv;
    std::optional<double> gmv_mae;
    std::optional<double> log_gmv_mae;
    std::size_t folds = 0; ///< 0 when the target was not chosen by cross-validation
    std::string reason;
};

/// What a price means for a cost model: the number that break_even_price and target_price
/// are in.
constexpr std::string_view price_unit(cost_model model) noexcept {
    switch (model) {
    case cost_model::flat_fee:
        return "flat fee";
    case cost_model::cpm:
        return "price per 1000 views";
    case cost_model::commission:
        return "commission rate";
    case cost_model::flat_fee_and_commission:
        return "flat fee beside the commission";
    }
    return "flat fee";
}

/// The answer for one quote. Money is in the history's currency.
struct quote_result {
    creator_profile profile; ///< the quote that was answered
    double level = 0.80;
    gmv_target target = gmv_target::log_gmv;
    gmv_prediction gmv;
    double expected_cost = 0;              ///< at the mean GMV
    std::optional<double> roas;            ///< mean GMV / expected cost; empty at zero cost
    std::optional<interval> roas_interval; ///< ROAS at the ends of the GMV interval
    std::optional<double> break_even_price;
    std::optional<double> target_price;
    double target_roas = 1.5;
    quote_decision decision;
    bool fell_back = false; ///< a feature source failed: predicted from the numbers alone
    diagnostics notes;      ///< imputed values, unseen levels, failed sources, unreachable prices
};

namespace detail {

/// A pipeline and a GMV model fitted together.
struct quote_variant {
    feature_pipeline pipeline;
    gmv_model model;
};

/// ROAS when the collaboration brings `gmv`; empty when it costs nothing.
inline std::optional<double> roas_at(const creator_profile& profile, double gmv) {
    if (profile.quote.model == cost_model::commission) {
        return profile.quote.commission_rate > 0
                   ? std::optional<double>(1.0 / profile.quote.commission_rate)
                   : std::nullopt;
    }
    const double cost = expected_cost(profile, gmv);
    return cost > 0 ? std::optional<double>(gmv / cost) : std::nullopt;
}

/// The table with its columns renamed "<source>:<name>".
inline feature_table prefixed(const feature_table& table, const std::string& source) {
    std::vector<std::string> names;
    for (const auto& name : table.names()) {
        names.push_back(source + ":" + name);
    }
    feature_table renamed(std::move(names), table.rows());
    for (std::size_t i = 0; i < table.rows(); ++i) {
        for (std::size_t j = 0; j < table.columns(); ++j) {
            renamed.set(i, j, table.at(i, j));
        }
    }
    renamed.notes().merge(table.notes());
    return renamed;
}

/// The rows `rows` of a table, in that order.
inline feature_table select_rows(const feature_table& table, std::span<const std::size_t> rows) {
    feature_table picked(table.names(), rows.size());
    for (std::size_t i = 0; i < rows.size(); ++i) {
        for (std::size_t j = 0; j < table.columns(); ++j) {
            picked.set(i, j, table.at(rows[i], j));
        }
    }
    return picked;
}

inline std::vector<feature_table> select_rows(const std::vector<feature_table>& tables,
                                              std::span<const std::size_t> rows) {
    std::vector<feature_table> picked;
    for (const auto& table : tables) {
        picked.push_back(select_rows(table, rows));
    }
    return picked;
}

/// What fitting and cross-validation work on: the history's profiles, GMV and ROAS.
struct training_data {
    std::vector<creator_profile> profiles;
    Eigen::VectorXd gmv;
    std::vector<double> roas;
    std::vector<std::string> kol_ids;
    std::vector<feature_table> extra; ///< one per source that answered, prefixed
};

inline quote_variant fit_variant(const predictor_options& options,
                                 std::span<const creator_profile> profiles,
                                 std::span<const feature_table> extra, const Eigen::VectorXd& gmv,
                                 gmv_target target, diagnostics& notes) {
    quote_variant variant;
    variant.pipeline = feature_pipeline::fit(options.features, profiles, extra, notes);
    const Eigen::MatrixXd x = variant.pipeline.design(profiles, extra, notes);
    if (x.cols() == 0) {
        throw error(error_kind::data_error,
                    "fit_quote_model: no feature varies over the history's " +
                        std::to_string(profiles.size()) + " collaboration" +
                        (profiles.size() == 1 ? "" : "s") +
                        " (a feature that is the same in every row is dropped), so there is "
                        "nothing to fit; the history needs collaborations of different creators "
                        "or prices, more of them than the model has features");
    }
    ols_options ols;
    ols.ridge_lambda = options.ridge_lambda;
    variant.model = fit_gmv_model(x, gmv, target, options.correction, ols);
    return variant;
}

inline std::vector<std::size_t> rows_where(std::span<const std::size_t> folds, std::size_t fold,
                                           bool in_fold) {
    std::vector<std::size_t> rows;
    for (std::size_t i = 0; i < folds.size(); ++i) {
        if ((folds[i] == fold) == in_fold) {
            rows.push_back(i);
        }
    }
    return rows;
}

/// Grouped k-fold MAE of ROAS of one target over the training data.
inline double cross_validated_mae(const predictor_options& options, const training_data& data,
                                  std::span<const std::size_t> folds, std::size_t fold_count,
                                  gmv_target target) {
    double error_sum = 0;
    std::size_t counted = 0;
    for (std::size_t fold = 0; fold < fold_count; ++fold) {
        const std::vector<std::size_t> train = rows_where(folds, fold, false);
        const std::vector<std::size_t> test = rows_where(folds, fold, true);
        std::vector<creator_profile> train_profiles;
        std::vector<creator_profile> test_profiles;
        Eigen::VectorXd train_gmv(static_cast<Eigen::Index>(train.size()));
        for (std::size_t i = 0; i < train.size(); ++i) {
            train_profiles.push_back(data.profiles[train[i]]);
            train_gmv[static_cast<Eigen::Index>(i)] = data.gmv[static_cast<Eigen::Index>(train[i])];
        }
        for (const std::size_t i : test) {
            test_profiles.push_back(data.profiles[i]);
        }
        diagnostics ignored;
        const quote_variant variant = fit_variant(
            options, train_profiles, select_rows(data.extra, train), train_gmv, target, ignored);
        const Eigen::MatrixXd x =
            variant.pipeline.design(test_profiles, select_rows(data.extra, test), ignored);
        for (std::size_t i = 0; i < test.size(); ++i) {
            const double mean =
                predict_gmv(variant.model, x.row(static_cast<Eigen::Index>(i)), 0.8).mean;
            const std::optional<double> predicted = roas_at(test_profiles[i], mean);
            if (predicted) {
                error_sum += std::fabs(*predicted - data.roas[test[i]]);
                ++counted;
            }
        }
    }
    return counted > 0 ? error_sum / static_cast<double>(counted) : 0.0;
}

inline target_selection choose_target(const predictor_options& options, const training_data& data) {
    target_selection selection;
    if (options.target != target_choice::automatic) {
        selection.chosen =
            options.target == target_choice::gmv ? gmv_target::gmv : gmv_target::log_gmv;
        selection.reason = "chosen by the caller";
        return selection;
    }
    if (data.gmv.minCoeff() <= 0) {
        selection.chosen = gmv_target::gmv;
        selection.reason = "a collaboration has zero GMV, which has no log";
        return selection;
    }
    std::vector<std::string> distinct = data.kol_ids;
    std::sort(distinct.begin(), distinct.end());
    distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
    if (distinct.size() < std::max<std::size_t>(options.selection_folds, 2)) {
        selection.chosen = gmv_target::log_gmv;
        selection.reason = std::to_string(distinct.size()) + " KOLs are too few for " +
                           std::to_string(options.selection_folds) +
                           "-fold cross-validation; log GMV by default";
        return selection;
    }

    const std::vector<std::size_t> folds =
        grouped_folds(data.kol_ids, options.selection_folds, options.fold_seed);
    selection.folds = options.selection_folds;
    selection.gmv_mae =
        cross_validated_mae(options, data, folds, options.selection_folds, gmv_target::gmv);
    selection.log_gmv_mae =
        cross_validated_mae(options, data, folds, options.selection_folds, gmv_target::log_gmv);
    selection.chosen =
        *selection.log_gmv_mae <= *selection.gmv_mae ? gmv_target::log_gmv : gmv_target::gmv;
    const auto rounded = [](double value) {
        return kolroi::format_number(std::round(value * 1e4) / 1e4);
    };
    selection.reason = "grouped " + std::to_string(selection.folds) +
                       "-fold cross-validated MAE of ROAS: log_gmv " +
                       rounded(*selection.log_gmv_mae) + ", gmv " + rounded(*selection.gmv_mae);
    return selection;
}

/// The profile with its price (the commission rate for a pure commission) set to `price`.
inline creator_profile priced_at(creator_profile profile, double price) {
    if (profile.quote.model == cost_model::commission) {
        profile.quote.commission_rate = price;
    } else {
        profile.quote.amount = price;
    }
    return profile;
}

/// The closed-form price at which mean GMV `mean` gives ROAS `target`; see the header.
inline std::optional<double> closed_form_price(const creator_profile& profile, double mean,
                                               double target, diagnostics& notes) {
    const price_quote& quote = profile.quote;
    switch (quote.model) {
    case cost_model::flat_fee:
        return mean / target;
    case cost_model::cpm: {
        const double views = quote.posts * profile.average_views.value_or(0);
        if (!(views > 0)) {
            notes.add("no price", "a CPM price cannot reach a ROAS without views to bill");
            return std::nullopt;
        }
        return 1000 * mean / (target * views);
    }
    case cost_model::commission:
        if (1 / target > 1) {
            notes.add("no price", "ROAS " + kolroi::format_number(target) +
                                      " is below 1, which any commission rate up to 100% beats");
            return std::nullopt;
        }
        return 1 / target;
    case cost_model::flat_fee_and_commission: {
        const double fee = mean / target - quote.commission_rate * mean;
        if (!(fee >= 0)) {
            notes.add("no price",
                      "the commission of " + kolroi::format_number(quote.commission_rate) +
                          " alone costs more than GMV / " + kolroi::format_number(target));
            return std::nullopt;
        }
        return fee;
    }
    }
    return std::nullopt;
}

} // namespace detail

/// A fitted quote model; made by fit_quote_model.
class quote_model {
public:
    /// Answers quotes for `profiles`, each as the header describes. Throws kolroi::error
    /// (invalid_argument) for a profile that fails validate_profile or bad options.
    [[nodiscard]] std::vector<quote_result> quote(std::span<const creator_profile> profiles,
                                                  const quote_options& options = {}) const {
        options.validate();
        for (const creator_profile& profile : profiles) {
            validate_profile(profile);
        }

        // One call per source for the whole batch; one failure sends the batch to the fallback.
        diagnostics batch_notes;
        std::vector<feature_table> extra;
        const bool fell_back = !fetch_extra(profiles, extra, batch_notes);
        const detail::quote_variant& variant = fell_back ? *m_numeric : m_full;
        if (fell_back) {
            extra.clear();
        }

        std::vector<quote_result> results;
        results.reserve(profiles.size());
        for (std::size_t i = 0; i < profiles.size(); ++i) {
            const std::size_t row[] = {i};
            const std::vector<feature_table> own = detail::select_rows(extra, row);
            quote_result result = answer(variant, profiles[i], own, options);
            result.fell_back = fell_back;
            result.notes.merge(batch_notes);
            results.push_back(std::move(result));
        }
        return results;
    }

    [[nodiscard]] quote_result quote(const creator_profile& profile,
                                     const quote_options& options = {}) const {
        return quote(std::span<const creator_profile>(&profile, 1), options).front();
    }

    [[nodiscard]] const target_selection& selection() const noexcept { return m_selection; }
    [[nodiscard]] const feature_pipeline& pipeline() const noexcept { return m_full.pipeline; }
    [[nodiscard]] const gmv_model& model() const noexcept { return m_full.model; }
    [[nodiscard]] std::size_t history_rows() const noexcept { return m_rows; }
    [[nodiscard]] std::size_t history_kols() const noexcept { return m_kols; }

    /// The names of the sources the model uses (those that answered at fit time).
    [[nodiscard]] std::vector<std::string> sources() const {
        std::vector<std::string> names;
        for (const auto& source : m_sources) {
            names.push_back(source->name());
        }
        return names;
    }

    /// What fitting noticed: failed sources, dropped features, rare levels.
    [[nodiscard]] const diagnostics& notes() const noexcept { return m_notes; }

private:
    friend quote_model fit_quote_model(std::span<const collaboration>, const predictor_options&);

    // Only a fit makes a model: an empty one could answer nothing.
    quote_model() = default;

    /// Fetches every source's features; false (with a note) when one failed.
    bool fetch_extra(std::span<const creator_profile> profiles, std::vector<feature_table>& extra,
                     diagnostics& notes) const {
        for (const auto& source : m_sources) {
            try {
                // The table's notes are of the whole batch and are not passed on: every quote
                // gets `notes`, and one creator's missing scores are not another's.
                extra.push_back(
                    detail::prefixed(fetch_features(*source, profiles), source->name()));
            } catch (const std::exception& e) {
                notes.add("source failed", "feature source '" + source->name() + "' failed (" +
                                               e.what() +
                                               "): predicted from the numeric features only");
                return false;
            }
        }
        return true;
    }

    quote_result answer(const detail::quote_variant& variant, const creator_profile& profile,
                        std::span<const feature_table> extra, const quote_options& options) const {
        quote_result result;
        result.profile = profile;
        result.level = options.level;
        result.target = variant.model.target;
        result.target_roas = options.target_roas;
        result.gmv = predict_one(variant, profile, extra, options.level, result.notes);
        if (result.gmv.cut_at_zero) {
            result.notes.add("cut at zero", "the GMV model reached below zero; cut at 0");
        }

        result.expected_cost = expected_cost(profile, result.gmv.mean);
        result.roas = detail::roas_at(profile, result.gmv.mean);
        if (result.roas && result.gmv.range) {
            const auto low = detail::roas_at(profile, result.gmv.range->lower);
            const auto high = detail::roas_at(profile, result.gmv.range->upper);
            if (low && high) {
                result.roas_interval = interval{*low, *high};
            }
        }
        result.break_even_price =
            price_for(variant, profile, extra, result.gmv.mean, 1.0, result.notes);
        result.target_price =
            price_for(variant, profile, extra, result.gmv.mean, options.target_roas, result.notes);
        result.decision = decide_quote(result.roas, result.roas_interval, options.rule);
        if (result.decision.verdict == quote_verdict::negotiate) {
            add_negotiation(result);
        }
        return result;
    }

    static gmv_prediction predict_one(const detail::quote_variant& variant,
                                      const creator_profile& profile,
                                      std::span<const feature_table> extra, double level,
                                      diagnostics& notes) {
        const Eigen::MatrixXd x =
            variant.pipeline.design(std::span<const creator_profile>(&profile, 1), extra, notes);
        return predict_gmv(variant.model, x.row(0), level);
    }

    std::optional<double> price_for(const detail::quote_variant& variant,
                                    const creator_profile& profile,
                                    std::span<const feature_table> extra, double mean,
                                    double target, diagnostics& notes) const {
        const bool moves_gmv = variant.pipeline.spec().uses(profile_transform::log_price) &&
                               profile.quote.model != cost_model::commission;
        if (!moves_gmv) {
            return detail::closed_form_price(profile, mean, target, notes);
        }
        return solved_price(variant, profile, extra, target, notes);
    }

    /// The price p with ROAS(p) = target when the price is a feature: ROAS falls as the price
    /// rises (while the model's price elasticity of GMV is below 1), so bracket p by doubling
    /// and halving, then bisect on log p.
    static std::optional<double> solved_price(const detail::quote_variant& variant,
                                              const creator_profile& profile,
                                              std::span<const feature_table> extra, double target,
                                              diagnostics& notes) {
        diagnostics ignored;
        const auto roas_at_price = [&](double price) {
            const creator_profile priced = detail::priced_at(profile, price);
            const double mean = predict_one(variant, priced, extra, 0.8, ignored).mean;
            return detail::roas_at(priced, mean).value_or(std::numeric_limits<double>::infinity());
        };
        const std::string what = "ROAS " + kolroi::format_number(target);
        double high = std::max(profile.quote.amount, 1.0);
        for (int doublings = 0; roas_at_price(high) > target; ++doublings) {
            if (doublings == 100) {
                notes.add("no price",
                          "no price reaches " + what + ": ROAS does not fall as the price rises");
                return std::nullopt;
            }
            high *= 2;
        }
        double low = high;
        for (int halvings = 0; roas_at_price(low) <= target; ++halvings) {
            if (halvings == 100) {
                notes.add("no price", "no price above zero reaches " + what);
                return std::nullopt;
            }
            low /= 2;
        }
        for (int i = 0; i < 200 && high / low - 1 > 1e-12; ++i) {
            const double middle = std::sqrt(low * high);
            (roas_at_price(middle) > target ? low : high) = middle;
        }
        return std::sqrt(low * high);
    }

    static void add_negotiation(quote_result& result) {
        const auto money = [](double value) {
            return kolroi::format_number(std::round(value * 100) / 100);
        };
        const std::string unit(price_unit(result.profile.quote.model));
        if (result.break_even_price) {
            result.decision.reason += ": offer at most " + money(*result.break_even_price) + " (" +
                                      unit + " at break-even)";
        }
        if (result.target_price) {
            result.decision.reason += (result.break_even_price ? ", aim for " : ": aim for ") +
                                      money(*result.target_price) + " (ROAS " +
                                      kolroi::format_number(result.target_roas) + ")";
        }
    }

    detail::quote_variant m_full;
    std::optional<detail::quote_variant> m_numeric; ///< without sources, to fall back on
    std::vector<std::shared_ptr<feature_source>> m_sources;
    target_selection m_selection;
    std::size_t m_rows = 0;
    std::size_t m_kols = 0;
    diagnostics m_notes;
};

namespace detail {

inline void check_predictor_options(const predictor_options& options) {
    if (options.selection_folds < 2) {
        throw error(error_kind::invalid_argument,
                    "fit_quote_model: selection_folds must be at least 2, got " +
                        std::to_string(options.selection_folds));
    }
    for (const auto& source : options.sources) {
        if (!source) {
            throw error(error_kind::invalid_argument,
                        "fit_quote_model: a feature source is a null pointer");
        }
    }
}

inline training_data training_data_of(std::span<const collaboration> history) {
    training_data data;
    data.gmv.resize(static_cast<Eigen::Index>(history.size()));
    for (std::size_t i = 0; i < history.size(); ++i) {
        const collaboration& row = history[i];
        validate_profile(row.profile);
        if (!(row.cost > 0) || !std::isfinite(row.cost) || !(row.credited_gmv >= 0) ||
            !std::isfinite(row.credited_gmv)) {
            throw error(error_kind::invalid_argument,
                        "fit_quote_model: collaboration " + std::to_string(i) + " of '" +
                            row.profile.kol_id + "' has cost " + kolroi::format_number(row.cost) +
                            " and GMV " + kolroi::format_number(row.credited_gmv) +
                            "; a cost must be above 0 and GMV at least 0");
        }
        data.profiles.push_back(row.profile);
        data.gmv[static_cast<Eigen::Index>(i)] = row.credited_gmv;
        data.roas.push_back(row.roas());
        data.kol_ids.push_back(row.profile.kol_id);
    }
    return data;
}

} // namespace detail

/// Fits the quote model on `history` as the header describes. Throws kolroi::error
/// (invalid_argument) for an empty history, a collaboration without a positive cost, a profile
/// that fails validate_profile or bad options; errors of the fit itself pass through.
inline quote_model fit_quote_model(std::span<const collaboration> history,
                                   const predictor_options& options = {}) {
    detail::check_predictor_options(options);
    if (history.empty()) {
        throw error(error_kind::invalid_argument, "fit_quote_model: the history is empty");
    }
    detail::training_data data = detail::training_data_of(history);

    quote_model model;
    model.m_rows = history.size();
    std::vector<std::string> distinct = data.kol_ids;
    std::sort(distinct.begin(), distinct.end());
    model.m_kols =
        static_cast<std::size_t>(std::unique(distinct.begin(), distinct.end()) - distinct.begin());

    // A source that cannot score the history cannot be part of the model.
    for (const auto& source : options.sources) {
        try {
            data.extra.push_back(
                detail::prefixed(fetch_features(*source, data.profiles), source->name()));
            model.m_notes.merge(data.extra.back().notes()); // its missing values and why
            model.m_sources.push_back(source);
        } catch (const std::exception& e) {
            model.m_notes.add("source failed", "feature source '" + source->name() +
                                                   "' failed on the history (" + e.what() +
                                                   "): the model uses the numeric features only");
        }
    }

    model.m_selection = detail::choose_target(options, data);
    model.m_full = detail::fit_variant(options, data.profiles, data.extra, data.gmv,
                                       model.m_selection.chosen, model.m_notes);
    if (!model.m_sources.empty()) {
        diagnostics ignored;
        model.m_numeric = detail::fit_variant(options, data.profiles, {}, data.gmv,
                                              model.m_selection.chosen, ignored);
    }
    return model;
}

} // namespace kolroi
