// kolroi/io/path_file.hpp: what a reader of aggregated path files returns.
//
// An aggregated path file has one row per path: the channels in order, how often the path
// converted, the value of those conversions (the row's total, not a per-conversion value) and,
// in some formats, how often it did not convert. Readers of each format fill a path_file.
#pragma once

#include "kolroi/core/diagnostics.hpp"
#include "kolroi/core/error.hpp"
#include "kolroi/core/journey_store.hpp"
#include "kolroi/io/csv_reader.hpp"
#include "kolroi/io/text.hpp"

#include <cmath>
#include <span>
#include <string>
#include <string_view>

namespace kolroi {

struct path_file {
    std::string source; ///< the file name, or what the caller called the text
    std::string format; ///< "ga4" or "channel_attribution"
    journey_store journeys;
    diagnostics notes; ///< rows or values that were reported and not used

    double file_conversions = 0;   ///< the sum of the file's conversions column
    double file_value = 0;         ///< the sum of the file's value column, as written
    double unattributed_value = 0; ///< value on rows without conversions: reported, not credited

    /// The rows of the file, as read.
    [[nodiscard]] std::size_t rows() const noexcept { return journeys.journey_count(); }
};

namespace detail {

/// The largest conversions, non-conversions or value (in magnitude) a row may hold. No export
/// comes near it in any currency, and below it no sum over rows, and so no channel's credit, can
/// overflow to infinity.
inline constexpr double max_path_row_amount = 1e18;

/// Checks one row's numbers and adds it to `file`. Value on a row without conversions is a data
/// error in the export: it is reported and left out of the journey, never spread over others.
inline void add_path_row(path_file& file, std::span<const std::string_view> names,
                         double conversions, double non_conversions, double value,
                         const csv_reader& reader, std::string_view path_field,
                         std::string_view conversions_field, std::string_view non_conversions_field,
                         std::string_view value_field) {
    const auto check_size = [&](double amount, std::string_view field) {
        if (std::fabs(amount) > max_path_row_amount) {
            throw error(error_kind::data_error,
                        std::string(field) + " " + format_number(amount) +
                            " is beyond 1e18 in magnitude, where sums over rows could overflow",
                        reader.where(field));
        }
    };
    check_size(conversions, conversions_field);
    check_size(non_conversions, non_conversions_field);
    check_size(value, value_field);
    if (conversions < 0) {
        throw error(error_kind::data_error,
                    "conversions must not be negative, saw " + format_number(conversions),
                    reader.where(conversions_field));
    }
    if (non_conversions < 0) {
        throw error(error_kind::data_error,
                    "non-conversions must not be negative, saw " + format_number(non_conversions),
                    reader.where(non_conversions_field));
    }
    file.file_conversions += conversions;
    file.file_value += value;
    if (conversions == 0 && value != 0) {
        file.notes.add("value without conversions",
                       "a value of " + format_number(value) +
                           " on a row with no conversions is not attributed",
                       reader.where(path_field));
        file.unattributed_value += value;
        value = 0;
    }
    file.journeys.add_named(names, conversions, non_conversions, value);
}

} // namespace detail

} // namespace kolroi
