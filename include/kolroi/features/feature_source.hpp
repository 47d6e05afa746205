// kolroi/features/feature_source.hpp: the interface through which anything that can score a
// creator (the numbers of a profile, a language model reading its bio) adds named numeric
// features to the design matrix of a prediction.
//
// A `feature_source` takes creator profiles (kolroi/prediction/kol_profile.hpp) and returns a
// `feature_table`: one row per profile, in the order given, and one column per name that
// `feature_names()` promised, each value either a finite number or missing. A source says why a
// value is missing in the table's notes. The predictor (kolroi/prediction/predictor.hpp) calls
// every source in the same way at fit time and at prediction time; it imputes a missing value
// with the column's training mean and adds a 0/1 "missing" indicator column beside it, and when a
// source throws, it predicts from the profile's own numbers alone and says so in its result.
//
// This is the one virtual boundary of the prediction part: a source may be slow (a remote call)
// or keep state (a cache, a connection), so `features` is not const. The numeric core (the
// transforms, the fit, the prediction) never calls through it per value.
//
// `fetch_features` is how callers use a source: it checks the answer against the promise (the
// names, the number of rows, finite values) and throws kolroi::error (data_error) naming the
// source when they disagree, so that a broken source can never shift columns silently.
#pragma once

#include "kolroi/core/diagnostics.hpp"
#include "kolroi/core/error.hpp"
#include "kolroi/io/text.hpp"
#include "kolroi/prediction/kol_profile.hpp"

#include <cmath>
#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace kolroi {

/// Named numeric features of a list of profiles: `rows()` by `columns()` values, each finite or
/// missing. New tables start with every value missing.
class feature_table {
public:
    feature_table() = default;

    feature_table(std::vector<std::string> names, std::size_t rows)
        : m_names(std::move(names))
        , m_rows(rows)
        , m_values(rows * m_names.size()) {}

    [[nodiscard]] std::size_t rows() const noexcept { return m_rows; }
    [[nodiscard]] std::size_t columns() const noexcept { return m_names.size(); }
    [[nodiscard]] const std::vector<std::string>& names() const noexcept { return m_names; }

    /// The column called `name`, or nothing.
    [[nodiscard]] std::optional<std::size_t> column_of(std::string_view name) const noexcept {
        for (std::size_t j = 0; j < m_names.size(); ++j) {
            if (m_names[j] == name) {
                return j;
            }
        }
        return std::nullopt;
    }

    /// The value of profile `row` in column `column`; empty when missing.
    [[nodiscard]] std::optional<double> at(std::size_t row, std::size_t column) const {
        check_cell("feature_table::at", row, column);
        return m_values[row * m_names.size() + column];
    }

    /// Sets a value; an empty optional marks it missing. Throws kolroi::error (invalid_argument)
    /// for a cell outside the table or a value that is NaN or infinite (say missing instead).
    void set(std::size_t row, std::size_t column, std::optional<double> value) {
        check_cell("feature_table::set", row, column);
        if (value && !std::isfinite(*value)) {
            throw error(error_kind::invalid_argument,
                        "feature_table::set: feature '" + m_names[column] + "' of row " +
                            std::to_string(row) + " is " + kolroi::format_number(*value) +
                            "; a value is finite or missing");
        }
        m_values[row * m_names.size() + column] = value;
    }

    /// Why values are missing, or anything else the source wants its caller to know.
    [[nodiscard]] diagnostics& notes() noexcept { return m_notes; }
    [[nodiscard]] const diagnostics& notes() const noexcept { return m_notes; }

private:
    void check_cell(const char* caller, std::size_t row, std::size_t column) const {
        if (row >= m_rows || column >= m_names.size()) {
            throw error(error_kind::invalid_argument,
                        std::string(caller) + ": cell (" + std::to_string(row) + ", " +
                            std::to_string(column) + ") is outside a table of " +
                            std::to_string(m_rows) + " rows and " + std::to_string(m_names.size()) +
                            " columns");
        }
    }

    std::vector<std::string> m_names;
    std::size_t m_rows = 0;
    std::vector<std::optional<double>> m_values;
    diagnostics m_notes;
};

/// Something that scores creator profiles with named numeric features.
class feature_source {
public:
    feature_source() = default;
    feature_source(const feature_source&) = default;
    feature_source& operator=(const feature_source&) = default;
    feature_source(feature_source&&) = default;
    feature_source& operator=(feature_source&&) = default;
    virtual ~feature_source() = default;

    /// A short, stable name for messages and results, such as "llm" or "audience".
    [[nodiscard]] virtual std::string name() const = 0;

    /// The names of the features, in column order, the same on every call: the design matrix
    /// is laid out from them before any profile is scored. Names must be distinct and non-empty.
    [[nodiscard]] virtual std::vector<std::string> feature_names() const = 0;

    /// One row per profile, in the order given, with the columns of `feature_names()`. A value
    /// the source cannot give for one profile is missing, with a note saying why. When it cannot
    /// answer at all it throws kolroi::error (remote_error for a failed remote call).
    [[nodiscard]] virtual feature_table features(std::span<const creator_profile> profiles) = 0;
};

namespace detail {

inline void check_feature_names(const std::string& source, const std::vector<std::string>& names) {
    for (std::size_t j = 0; j < names.size(); ++j) {
        if (names[j].empty()) {
            throw error(error_kind::data_error, "fetch_features: source '" + source +
                                                    "' names feature " + std::to_string(j) +
                                                    " with an empty name");
        }
        for (std::size_t k = 0; k < j; ++k) {
            if (names[k] == names[j]) {
                throw error(error_kind::data_error, "fetch_features: source '" + source +
                                                        "' names two features '" + names[j] +
                                                        "' (columns " + std::to_string(k) +
                                                        " and " + std::to_string(j) + ")");
            }
        }
    }
}

} // namespace detail

/// Asks `source` for the features of `profiles` and checks its answer: distinct non-empty names,
/// the names it promised in the promised order, and one row per profile. Throws kolroi::error
/// (data_error) naming the source when the answer breaks the promise; whatever the source
/// itself throws passes through unchanged.
inline feature_table fetch_features(feature_source& source,
                                    std::span<const creator_profile> profiles) {
    const std::string name = source.name();
    const std::vector<std::string> promised = source.feature_names();
    detail::check_feature_names(name, promised);

    feature_table table = source.features(profiles);
    if (table.rows() != profiles.size()) {
        throw error(error_kind::data_error, "fetch_features: source '" + name + "' answered " +
                                                std::to_string(table.rows()) + " rows for " +
                                                std::to_string(profiles.size()) + " profiles");
    }
    if (table.names() != promised) {
        std::string seen;
        for (const auto& column : table.names()) {
            seen += (seen.empty() ? "" : ", ") + column;
        }
        throw error(error_kind::data_error, "fetch_features: source '" + name + "' promised " +
                                                std::to_string(promised.size()) +
                                                " features but answered the columns [" + seen +
                                                "]");
    }
    return table;
}

} // namespace kolroi
