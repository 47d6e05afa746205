// kolroi/budget/plan_inputs.hpp: the readers of a budget plan's inputs.
//
// Candidate deals (for select_deals, knapsack.hpp): CSV with the columns
//   name       required: the candidate (a KOL id, say); unique
//   platform   optional: tiktok, instagram, youtube, facebook or other (default other)
//   price      required: the quoted price in the reporting currency
//   gmv_mean   required: the predicted GMV
//   gmv_sd     optional: its standard deviation (default 0)
//   gmv_lower, gmv_upper  optional: a prediction interval's bounds
// The CSV that `kolroi quote --format csv` writes is read as candidates too: its columns kol,
// cost (the quote's expected cost), gmv, gmv_low and gmv_high stand for name, price, gmv_mean,
// gmv_lower and gmv_upper.
// Response curves (for allocate_spend, concave_allocation.hpp): CSV with the columns
//   name       required; unique
//   shape      required: logarithmic (a ln(1 + x / k)), hill (a x^s / (x^s + k^s)) or
//              exponential (a (1 - exp(-x / k)))
//   a, k       required; s optional (default 1)
//   lower, upper  optional: the spend bounds of that name (default 0 and no limit)
// Every fault is an error naming the file, the line and the field: a plan is short and written
// or exported on purpose, so nothing is skipped.
#pragma once

#include "kolroi/budget/concave_allocation.hpp"
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

inline std::string plan_name(const csv_reader& reader, std::size_t column,
                             std::set<std::string>& seen) {
    std::string name(trim(reader[column]));
    if (name.empty()) {
        throw error(error_kind::parse_error, "the name is empty", reader.where("name"));
    }
    if (!seen.insert(name).second) {
        throw error(error_kind::data_error, "'" + name + "' is given twice", reader.where("name"));
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
    const std::size_t name = header.require(quotes ? "kol" : "name");
    const std::size_t price = header.require(quotes ? "cost" : "price");
    const std::size_t mean = header.require(quotes ? "gmv" : "gmv_mean");
    const auto platform = header.find("platform");
    const auto sd = header.find("gmv_sd");
    const auto lower = header.find(quotes ? "gmv_low" : "gmv_lower");
    const auto upper = header.find(quotes ? "gmv_high" : "gmv_upper");

    std::vector<deal_candidate> candidates;
    std::set<std::string> seen;
    while (reader.next()) {
        header.check_width(reader);
        deal_candidate candidate;
        candidate.where = reader.where();
        candidate.name = detail::plan_name(reader, name, seen);
        if (platform && !trim(reader[*platform]).empty()) {
            const auto found = platform_from_name(trim(reader[*platform]));
            if (!found || *found == kolroi::platform::none) {
                throw error(error_kind::parse_error,
                            "unknown platform '" + std::string(trim(reader[*platform])) +
                                "'; expected tiktok, instagram, youtube, facebook or other",
                            reader.where("platform"));
            }
            candidate.platform = *found;
        }
        candidate.price = parse_double(reader[price], reader.where("price"));
        candidate.gmv.mean = parse_double(reader[mean], reader.where("gmv_mean"));
        candidate.gmv.sd = detail::optional_number(reader, sd, "gmv_sd").value_or(0.0);
        candidate.gmv.lower = detail::optional_number(reader, lower, "gmv_lower");
        candidate.gmv.upper = detail::optional_number(reader, upper, "gmv_upper");
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
            result.bounds[curve_name] = spend_bounds{
                low.value_or(0.0), high.value_or(std::numeric_limits<double>::infinity())};
        }
    }
    return result;
}

} // namespace kolroi
