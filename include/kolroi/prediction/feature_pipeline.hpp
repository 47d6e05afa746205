// kolroi/prediction/feature_pipeline.hpp: the named transforms that turn creator profiles into
// the columns of a regression's design matrix, fitted once on the history and then applied the
// same way to every quote.
//
// Numeric transforms of a profile (each may be missing when its input is unknown):
//   log_followers       log(1 + followers)
//   log_views           log(1 + average views)
//   engagement_rate     the engagement rate, a fraction
//   log_engagement      log(max(engagement rate, 1e-4)); the floor keeps a zero rate finite
//   views_per_follower  average views / followers (missing when followers is 0)
//   log_posts           log(posts the quote buys)
//   log_price           log(1 + the quote's fixed cost): the flat fee, or the CPM price times
//                       the expected views; 0 for a pure commission
// Factors, each coded as 0/1 indicators against a baseline level:
//   platform            the platform's name
//   category, market    the profile's text, or "(unknown)" when empty
// Extra inputs: the columns of feature tables from feature sources
// (kolroi/features/feature_source.hpp), in the order given.
//
// Fitting (`feature_pipeline::fit`) remembers, from the history:
//   - for each numeric input, the mean of its known values. A missing value is imputed with
//     that mean, and when the history itself had missing values, a column "<name>:missing"
//     (1 where missing) is added beside it, so the model learns what being unknown predicts.
//     An input with no known value, or one value only, gives no column (it is noted);
//   - for each factor, its levels: the most frequent level (ties: the first name in order) is
//     the baseline and gets no column; every other level seen in at least `min_level_rows` rows
//     gets "<factor>=<level>". Rarer levels are counted with the baseline (noted).
// Applying (`design`) computes the same columns for any profiles. A level the history did not
// have (or had too rarely) maps to the baseline, and an imputed value is noted, in the notes
// given, so a caller can say which parts of a prediction were guessed.
#pragma once

#include "kolroi/core/diagnostics.hpp"
#include "kolroi/core/error.hpp"
#include "kolroi/core/platform.hpp"
#include "kolroi/features/feature_source.hpp"
#include "kolroi/io/text.hpp"
#include "kolroi/prediction/kol_profile.hpp"

#include <Eigen/Core>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace kolroi {

/// A numeric transform of a profile; see the header comment for each formula.
enum class profile_transform {
    log_followers,
    log_views,
    engagement_rate,
    log_engagement,
    views_per_follower,
    log_posts,
    log_price,
};

inline constexpr std::array<profile_transform, 7> all_profile_transforms = {
    profile_transform::log_followers,      profile_transform::log_views,
    profile_transform::engagement_rate,    profile_transform::log_engagement,
    profile_transform::views_per_follower, profile_transform::log_posts,
    profile_transform::log_price};

constexpr std::string_view to_string(profile_transform transform) noexcept {
    switch (transform) {
    case profile_transform::log_followers:
        return "log_followers";
    case profile_transform::log_views:
        return "log_views";
    case profile_transform::engagement_rate:
        return "engagement_rate";
    case profile_transform::log_engagement:
        return "log_engagement";
    case profile_transform::views_per_follower:
        return "views_per_follower";
    case profile_transform::log_posts:
        return "log_posts";
    case profile_transform::log_price:
        return "log_price";
    }
    return "log_followers";
}

/// A categorical attribute of a profile, coded by indicators.
enum class profile_factor { platform, category, market };

inline constexpr std::array<profile_factor, 3> all_profile_factors = {
    profile_factor::platform, profile_factor::category, profile_factor::market};

constexpr std::string_view to_string(profile_factor factor) noexcept {
    switch (factor) {
    case profile_factor::platform:
        return "platform";
    case profile_factor::category:
        return "category";
    case profile_factor::market:
        return "market";
    }
    return "platform";
}

/// The level a missing category or market takes.
inline constexpr std::string_view unknown_level = "(unknown)";

/// The floor under an engagement rate before its log is taken.
inline constexpr double engagement_floor = 1e-4;

/// Which transforms and factors make the design. The default leaves out the price: a model
/// that predicts GMV from the price would say that paying more sells more.
struct feature_spec {
    std::vector<profile_transform> transforms = {
        profile_transform::log_followers, profile_transform::log_views,
        profile_transform::log_engagement, profile_transform::log_posts};
    std::vector<profile_factor> factors = {profile_factor::platform, profile_factor::category,
                                           profile_factor::market};
    std::size_t min_level_rows = 3; ///< rows a level needs in the history to get a column

    [[nodiscard]] bool uses(profile_transform transform) const {
        return std::find(transforms.begin(), transforms.end(), transform) != transforms.end();
    }
};

/// The quote's cost that does not depend on GMV: the flat fee, or the CPM price on the
/// expected views; 0 for a pure commission (and for a CPM quote without views).
inline double fixed_cost(const creator_profile& profile) {
    const price_quote& quote = profile.quote;
    switch (quote.model) {
    case cost_model::flat_fee:
    case cost_model::flat_fee_and_commission:
        return quote.amount;
    case cost_model::cpm:
        return profile.average_views ? quote.amount * quote.posts * *profile.average_views / 1000.0
                                     : 0.0;
    case cost_model::commission:
        return 0.0;
    }
    return quote.amount;
}

/// One transform of one profile; empty when its input is unknown.
inline std::optional<double> apply_transform(profile_transform transform,
                                             const creator_profile& profile) {
    switch (transform) {
    case profile_transform::log_followers:
        return std::log1p(profile.followers);
    case profile_transform::log_views:
        if (!profile.average_views) {
            return std::nullopt;
        }
        return std::log1p(*profile.average_views);
    case profile_transform::engagement_rate:
        return profile.engagement_rate;
    case profile_transform::log_engagement:
        if (!profile.engagement_rate) {
            return std::nullopt;
        }
        return std::log(std::max(*profile.engagement_rate, engagement_floor));
    case profile_transform::views_per_follower:
        if (!profile.average_views || !(profile.followers > 0)) {
            return std::nullopt;
        }
        return *profile.average_views / profile.followers;
    case profile_transform::log_posts:
        return std::log(profile.quote.posts);
    case profile_transform::log_price:
        return std::log1p(fixed_cost(profile));
    }
    return std::nullopt;
}

/// The level of a factor for one profile.
inline std::string factor_level(profile_factor factor, const creator_profile& profile) {
    switch (factor) {
    case profile_factor::platform:
        return std::string(to_string(profile.platform));
    case profile_factor::category:
        return profile.category.empty() ? std::string(unknown_level) : profile.category;
    case profile_factor::market:
        return profile.market.empty() ? std::string(unknown_level) : profile.market;
    }
    return std::string(unknown_level);
}

/// The numeric transforms of `profiles` as a feature table, columns named as `to_string`.
inline feature_table profile_features(std::span<const creator_profile> profiles,
                                      std::span<const profile_transform> transforms) {
    std::vector<std::string> names;
    names.reserve(transforms.size());
    for (const profile_transform transform : transforms) {
        names.emplace_back(to_string(transform));
    }
    feature_table table(std::move(names), profiles.size());
    for (std::size_t i = 0; i < profiles.size(); ++i) {
        for (std::size_t j = 0; j < transforms.size(); ++j) {
            table.set(i, j, apply_transform(transforms[j], profiles[i]));
        }
    }
    return table;
}

/// What one column of the design holds.
struct design_column {
    enum class kind { value, missing_indicator, level_indicator };
    std::string name;
    kind what = kind::value;
    std::size_t input = 0; ///< the numeric input (value, missing) or the factor (level)
    std::string level;     ///< for a level indicator
};

/// What fitting learnt about one numeric input.
struct numeric_input {
    std::string name;
    double fill = 0;          ///< the mean of the known values in the history
    std::size_t missing = 0;  ///< rows of the history where it was missing
    bool has_value = false;   ///< the design has a column of its values
    bool has_missing = false; ///< the design has a "<name>:missing" column
};

/// What fitting learnt about one factor.
struct factor_levels {
    profile_factor factor = profile_factor::platform;
    std::string baseline;
    std::vector<std::string> levels; ///< with a column each, in the order of their names
    std::vector<std::string> rare;   ///< seen fewer than min_level_rows times: the baseline
};

class feature_pipeline {
public:
    /// Learns the columns from the history's profiles and, for each extra input table (one
    /// row per profile), its columns. What was dropped or merged is added to `notes`.
    /// Throws kolroi::error (invalid_argument) when a table's rows do not match the profiles.
    static feature_pipeline fit(const feature_spec& spec, std::span<const creator_profile> profiles,
                                std::span<const feature_table> extra, diagnostics& notes) {
        feature_pipeline pipeline;
        pipeline.m_spec = spec;
        for (const feature_table& table : extra) {
            check_rows("feature_pipeline::fit", table, profiles.size());
            pipeline.m_extra_names.push_back(table.names());
        }
        const feature_table numeric = profile_features(profiles, spec.transforms);
        pipeline.learn_inputs(input_tables(numeric, extra), notes);
        pipeline.learn_factors(profiles, notes);
        pipeline.lay_out_columns();
        return pipeline;
    }

    /// The design matrix of `profiles`: one row each, the columns of `columns()`. `extra` must
    /// hold tables with the names the pipeline was fitted with. Imputed values and levels
    /// mapped to the baseline are added to `notes`.
    [[nodiscard]] Eigen::MatrixXd design(std::span<const creator_profile> profiles,
                                         std::span<const feature_table> extra,
                                         diagnostics& notes) const {
        check_extra(profiles.size(), extra);
        const feature_table numeric = profile_features(profiles, m_spec.transforms);
        const std::vector<const feature_table*> inputs = input_tables(numeric, extra);

        Eigen::MatrixXd x(static_cast<Eigen::Index>(profiles.size()),
                          static_cast<Eigen::Index>(m_columns.size()));
        for (std::size_t i = 0; i < profiles.size(); ++i) {
            fill_row(profiles[i], i, inputs, x.row(static_cast<Eigen::Index>(i)), notes);
        }
        return x;
    }

    [[nodiscard]] const std::vector<design_column>& columns() const noexcept { return m_columns; }
    [[nodiscard]] const std::vector<numeric_input>& inputs() const noexcept { return m_inputs; }
    [[nodiscard]] const std::vector<factor_levels>& factors() const noexcept { return m_factors; }
    [[nodiscard]] const feature_spec& spec() const noexcept { return m_spec; }

    /// The column names, in order.
    [[nodiscard]] std::vector<std::string> column_names() const {
        std::vector<std::string> names;
        for (const auto& column : m_columns) {
            names.push_back(column.name);
        }
        return names;
    }

private:
    static void check_rows(const char* caller, const feature_table& table, std::size_t rows) {
        if (table.rows() != rows) {
            throw error(error_kind::invalid_argument,
                        std::string(caller) + ": a feature table has " +
                            std::to_string(table.rows()) + " rows for " + std::to_string(rows) +
                            " profiles");
        }
    }

    void check_extra(std::size_t rows, std::span<const feature_table> extra) const {
        if (extra.size() != m_extra_names.size()) {
            throw error(error_kind::invalid_argument,
                        "feature_pipeline::design: the pipeline was fitted with " +
                            std::to_string(m_extra_names.size()) + " extra feature tables but " +
                            std::to_string(extra.size()) + " were given");
        }
        for (std::size_t t = 0; t < extra.size(); ++t) {
            check_rows("feature_pipeline::design", extra[t], rows);
            if (extra[t].names() != m_extra_names[t]) {
                throw error(error_kind::invalid_argument,
                            "feature_pipeline::design: extra table " + std::to_string(t) +
                                " has other columns than the one the pipeline was fitted with");
            }
        }
    }

    /// The numeric table first, then the extra ones: the inputs in the order of m_inputs.
    static std::vector<const feature_table*> input_tables(const feature_table& numeric,
                                                          std::span<const feature_table> extra) {
        std::vector<const feature_table*> tables = {&numeric};
        for (const feature_table& table : extra) {
            tables.push_back(&table);
        }
        return tables;
    }

    void learn_inputs(const std::vector<const feature_table*>& tables, diagnostics& notes) {
        for (const feature_table* table : tables) {
            for (std::size_t j = 0; j < table->columns(); ++j) {
                m_inputs.push_back(learn_input(*table, j, notes));
            }
        }
    }

    static numeric_input learn_input(const feature_table& table, std::size_t j,
                                     diagnostics& notes) {
        numeric_input input;
        input.name = table.names()[j];
        double sum = 0;
        std::optional<double> first;
        bool varies = false;
        for (std::size_t i = 0; i < table.rows(); ++i) {
            const std::optional<double> value = table.at(i, j);
            if (!value) {
                ++input.missing;
                continue;
            }
            sum += *value;
            varies = varies || (first && *value != *first);
            first = first.value_or(*value);
        }
        const std::size_t known = table.rows() - input.missing;
        input.fill = known > 0 ? sum / static_cast<double>(known) : 0.0;
        input.has_value = varies;
        input.has_missing = input.missing > 0 && known > 0;
        if (known == 0) {
            notes.add("dropped feature",
                      "'" + input.name + "' is missing in every row of the history");
        } else if (!varies) {
            notes.add("dropped feature", "'" + input.name + "' has the one value " +
                                             kolroi::format_number(*first) + " in the history");
        }
        if (input.has_missing) {
            notes.add("missing values",
                      "'" + input.name + "' is missing in " + std::to_string(input.missing) +
                          " of " + std::to_string(table.rows()) + " rows: imputed with the mean " +
                          kolroi::format_number(input.fill) + " beside a missing indicator");
        }
        return input;
    }

    void learn_factors(std::span<const creator_profile> profiles, diagnostics& notes) {
        for (const profile_factor factor : m_spec.factors) {
            std::map<std::string, std::size_t> counts;
            for (const creator_profile& profile : profiles) {
                ++counts[factor_level(factor, profile)];
            }
            m_factors.push_back(learn_levels(factor, counts, notes));
        }
    }

    factor_levels learn_levels(profile_factor factor,
                               const std::map<std::string, std::size_t>& counts,
                               diagnostics& notes) const {
        factor_levels levels;
        levels.factor = factor;
        std::size_t most = 0;
        for (const auto& [name, count] : counts) {
            if (count > most) { // names come in order, so ties keep the first
                most = count;
                levels.baseline = name;
            }
        }
        for (const auto& [name, count] : counts) {
            if (name == levels.baseline) {
                continue;
            }
            if (count >= m_spec.min_level_rows) {
                levels.levels.push_back(name);
                continue;
            }
            levels.rare.push_back(name);
            notes.add("rare level", std::string(to_string(factor)) + " '" + name + "' is in " +
                                        std::to_string(count) + " rows, fewer than " +
                                        std::to_string(m_spec.min_level_rows) +
                                        ": counted with the baseline '" + levels.baseline + "'");
        }
        return levels;
    }

    void lay_out_columns() {
        using kind = design_column::kind;
        for (std::size_t k = 0; k < m_inputs.size(); ++k) {
            if (m_inputs[k].has_value) {
                m_columns.push_back({m_inputs[k].name, kind::value, k, {}});
            }
            if (m_inputs[k].has_missing) {
                m_columns.push_back(
                    {m_inputs[k].name + ":missing", kind::missing_indicator, k, {}});
            }
        }
        for (std::size_t f = 0; f < m_factors.size(); ++f) {
            for (const auto& name : m_factors[f].levels) {
                m_columns.push_back({std::string(to_string(m_factors[f].factor)) + "=" + name,
                                     kind::level_indicator, f, name});
            }
        }
    }

    /// Input k of profile i, imputed and noted when missing.
    double input_value(std::size_t k, std::size_t i, const creator_profile& profile,
                       const std::vector<const feature_table*>& tables, bool& missing,
                       diagnostics& notes) const {
        std::size_t table = 0;
        std::size_t column = k;
        while (column >= tables[table]->columns()) {
            column -= tables[table]->columns();
            ++table;
        }
        const std::optional<double> value = tables[table]->at(i, column);
        missing = !value;
        if (missing) {
            notes.add("imputed value", "'" + m_inputs[k].name + "' of '" + profile.kol_id +
                                           "' is missing: imputed with the history's mean " +
                                           kolroi::format_number(m_inputs[k].fill));
        }
        return value.value_or(m_inputs[k].fill);
    }

    template <typename Row>
    void fill_row(const creator_profile& profile, std::size_t i,
                  const std::vector<const feature_table*>& tables, Row&& row,
                  diagnostics& notes) const {
        // Each input is read once, even when it gives two columns.
        std::vector<double> values(m_inputs.size());
        std::vector<char> missing(m_inputs.size());
        for (std::size_t k = 0; k < m_inputs.size(); ++k) {
            if (m_inputs[k].has_value || m_inputs[k].has_missing) {
                bool is_missing = false;
                values[k] = input_value(k, i, profile, tables, is_missing, notes);
                missing[k] = is_missing ? 1 : 0;
            }
        }
        std::vector<std::string> levels(m_factors.size());
        for (std::size_t f = 0; f < m_factors.size(); ++f) {
            levels[f] = mapped_level(m_factors[f], profile, notes);
        }

        for (std::size_t c = 0; c < m_columns.size(); ++c) {
            const design_column& column = m_columns[c];
            const auto at = static_cast<Eigen::Index>(c);
            switch (column.what) {
            case design_column::kind::value:
                row[at] = values[column.input];
                break;
            case design_column::kind::missing_indicator:
                row[at] = missing[column.input] ? 1.0 : 0.0;
                break;
            case design_column::kind::level_indicator:
                row[at] = levels[column.input] == column.level ? 1.0 : 0.0;
                break;
            }
        }
    }

    /// The profile's level, or the baseline when the history did not have it often enough.
    static std::string mapped_level(const factor_levels& levels, const creator_profile& profile,
                                    diagnostics& notes) {
        std::string level = factor_level(levels.factor, profile);
        if (level == levels.baseline ||
            std::find(levels.levels.begin(), levels.levels.end(), level) != levels.levels.end()) {
            return level;
        }
        const bool rare =
            std::find(levels.rare.begin(), levels.rare.end(), level) != levels.rare.end();
        notes.add(rare ? "rare level" : "unseen level",
                  std::string(to_string(levels.factor)) + " '" + level + "' of '" + profile.kol_id +
                      "' was " + (rare ? "too rare in the history" : "not in the history") +
                      ": predicted as the baseline '" + levels.baseline + "'");
        return levels.baseline;
    }

    feature_spec m_spec;
    std::vector<std::vector<std::string>> m_extra_names;
    std::vector<numeric_input> m_inputs;
    std::vector<factor_levels> m_factors;
    std::vector<design_column> m_columns;
};

} // namespace kolroi
