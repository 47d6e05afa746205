// kolroi/budget/plan_inputs.hpp: the readers of a budget plan's inputs.
//
// Candidate deals (for select_deals, knapsack.hpp): CSV with the columns
//   name       required: the candidate (a KOL id, say); unique
//   platform   optional: tiktok, instagram, youtube, facebook or other (default other)
//   price      required: the quoted price in the reporting currency
//   gmv_mean   required: the predicted GMV
//   gmv_sd     optional: its standard deviation (default 0)
//   gmv_lower, gmv_upper  optional: a prediction interval's bounds
//   level      optional: the interval's level, in (0, 1); with both bounds and no gmv_sd, the
//              standard deviation is taken as (upper - lower) / (2 z), z the standard normal
//              quantile at (1 + level) / 2: the sd of a normal with that central interval
// The CSV that `kolroi quote --format csv` writes is read as candidates too: its columns kol,
// cost (the quote's expected cost), gmv, gmv_low and gmv_high stand for name, price, gmv_mean,
// gmv_lower and gmv_upper; its level column gives the interval's level.
// Response curves (for allocate_spend, concave_allocation.hpp): CSV with the columns
//   name       required; unique
//   shape      required: logarithmic (a ln(1 + x / k)), hill (a x^s / (x^s + k^s)) or
//              exponential (a (1 - exp(-x / k)))
//   a, k       required; s optional (default 1)
//   lower, upper  optional: the spend bounds of that name (default 0 and no limit); lower is
//              at least 0, upper at least lower
// Every fault is an error naming the file, the line and the field (the file's own column name):
// a plan is short and written or exported on purpose, so nothing is skipped. A candidate is
// checked as select_deals checks it: a price in [0, 1e12], a finite GMV, a standard deviation
// of at least 0, bounds finite and in order.
#pragma once

#include "kolroi/budget/concave_allocation.hpp"
#include "kolroi/budget/gmv_forecast.hpp"
#include "kolroi/budget/knapsack.hpp"
#include "kolroi/budget/response_curve.hpp"
#include "kolroi/core/error.hpp"
#include "kolroi/core/platform.hpp"
#include "kolroi/io/csv_reader.hpp"
#include "kolroi/io/text.hpp"

#include <limits>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace kolroi {

namespace detail {

/// The candidates file's column names: the plan's own, or those of `kolroi quote --format csv`.
struct candidate_columns {
    const char* name = "name";
    const char* price = "price";
    const char* mean = "gmv_mean";
    const char* lower = "gmv_lower";
    const char* upper = "gmv_upper";

    /// The file's name for a field that deal_candidate's checks name.
    [[nodiscard]] const char* file_column(std::string_view field) const {
        return field == "price"       ? price
               : field == "gmv_mean"  ? mean
               : field == "gmv_lower" ? lower
               : field == "gmv_upper" ? upper
                                      : "gmv_sd";
    }
};

inline std::string plan_name(const csv_reader& reader, std::size_t column,
                             std::set<std::string>& seen, const char* field = "name") {
    std::string name(trim(reader[column]));
    if (name.empty()) {
        throw error(error_kind::parse_error, "the name is empty", reader.where(field));
    }
    if (!seen.insert(name).second) {
        throw error(error_kind::data_error, "'" + name + "' is given twice", reader.where(field));
    }
    return name;
}

inline std::optional<double> optional_number(const csv_reader& reader,
                                             const std::optional<std::size_t>& column,
                                             const char* field) {
    if (!column || trim(reader[*column]).empty()) {
        return std::nullopt;
    }
    return parse_double(reader[*column], reader.where(field));
}

} // namespace detail

/// Reads candidate deals held in `text`; `source` names it in errors.
[[nodiscard]] inline std::vector<deal_candidate> read_deal_candidates(std::string_view text,
                                                                      std::string source) {
    csv_reader reader(text, std::move(source));
    if (!reader.next()) {
        throw error(error_kind::parse_error, "the candidates file is empty; expected a header",
                    input_location{reader.source(), 1, {}});
    }
    const csv_header header(reader);
    const bool quotes = !header.find("name") && header.find("kol") && header.find("gmv");
    const detail::candidate_columns columns =
        quotes ? detail::candidate_columns{"kol", "cost", "gmv", "gmv_low", "gmv_high"}
               : detail::candidate_columns{};
    const std::size_t name = header.require(columns.name);
    const std::size_t price = header.require(columns.price);
    const std::size_t mean = header.require(columns.mean);
    const auto platform = header.find("platform");
    const auto sd = header.find("gmv_sd");
    const auto lower = header.find(columns.lower);
    const auto upper = header.find(columns.upper);
    const auto level = header.find("level");

    std::vector<deal_candidate> candidates;
    std::set<std::string> seen;
    while (reader.next()) {
        header.check_width(reader);
        deal_candidate candidate;
        candidate.where = reader.where();
        candidate.name = detail::plan_name(reader, name, seen, columns.name);
        if (platform && !trim(reader[*platform]).empty()) {
            candidate.platform = parse_kol_platform(reader[*platform], reader.where("platform"));
        }
        candidate.price = parse_double(reader[price], reader.where(columns.price));
        candidate.gmv.mean = parse_double(reader[mean], reader.where(columns.mean));
        candidate.gmv.sd = detail::optional_number(reader, sd, "gmv_sd").value_or(0.0);
        candidate.gmv.lower = detail::optional_number(reader, lower, columns.lower);
        candidate.gmv.upper = detail::optional_number(reader, upper, columns.upper);
        const auto interval_level = detail::optional_number(reader, level, "level");
        if (interval_level && !(*interval_level > 0 && *interval_level < 1)) {
            throw error(error_kind::data_error,
                        "the interval's level " + format_number(*interval_level) +
                            " is outside (0, 1)",
                        reader.where("level"));
        }
        const bool sd_given = sd && !trim(reader[*sd]).empty();
        if (!sd_given && interval_level && candidate.gmv.lower && candidate.gmv.upper &&
            *candidate.gmv.upper >= *candidate.gmv.lower) {
            candidate.gmv.sd = (*candidate.gmv.upper - *candidate.gmv.lower) /
                               (2 * standard_normal_quantile(0.5 + *interval_level / 2));
        }
        try {
            detail::check_candidate(candidate);
        } catch (const error& fault) {
            // Refused here, at the line, under the file's own name for the column.
            throw error(error_kind::data_error, fault.message(),
                        reader.where(columns.file_column(fault.where().field)));
        }
        candidates.push_back(std::move(candidate));
    }
    return candidates;
}

/// Response curves and their bounds, as allocate_spend takes them.
struct response_curves {
    std::vector<named_response> curves;
    std::map<std::string, spend_bounds> bounds;
};

/// Reads response curves held in `text`; `source` names it in errors.
[[nodiscard]] inline response_curves read_response_curves(std::string_view text,
                                                          std::string source) {
    csv_reader reader(text, std::move(source));
    if (!reader.next()) {
        throw error(error_kind::parse_error, "the curves file is empty; expected a header",
                    input_location{reader.source(), 1, {}});
    }
    const csv_header header(reader);
    const std::size_t name = header.require("name");
    const std::size_t shape = header.require("shape");
    const std::size_t a = header.require("a");
    const std::size_t k = header.require("k");
    const auto s = header.find("s");
    const auto lower = header.find("lower");
    const auto upper = header.find("upper");

    response_curves result;
    std::set<std::string> seen;
    while (reader.next()) {
        header.check_width(reader);
        const std::string curve_name = detail::plan_name(reader, name, seen);
        const auto found = response_shape_from_name(trim(reader[shape]));
        if (!found) {
            throw error(error_kind::parse_error,
                        "unknown shape '" + std::string(trim(reader[shape])) +
                            "'; expected logarithmic, hill or exponential",
                        reader.where("shape"));
        }
        const double s_value = detail::optional_number(reader, s, "s").value_or(1.0);
        result.curves.push_back(
            {curve_name,
             response_curve::make(*found, parse_double(reader[a], reader.where("a")),
                                  parse_double(reader[k], reader.where("k")), s_value,
                                  reader.where()),
             reader.where()});
        const auto low = detail::optional_number(reader, lower, "lower");
        const auto high = detail::optional_number(reader, upper, "upper");
        if (low || high) {
            const spend_bounds range{low.value_or(0.0),
                                     high.value_or(std::numeric_limits<double>::infinity())};
            // The checks allocate_spend makes, here where the line is known (parse_double has
            // refused infinities and NaN).
            if (range.lower < 0) {
                throw error(error_kind::data_error,
                            "the lower bound " + format_number(range.lower) + " is below 0",
                            reader.where("lower"));
            }
            if (range.upper < range.lower) {
                throw error(error_kind::data_error,
                            "the upper bound " + format_number(range.upper) +
                                " is below the lower bound " + format_number(range.lower),
                            reader.where("upper"));
            }
            result.bounds[curve_name] = range;
        }
    }
    return result;
}

} // namespace kolroi
