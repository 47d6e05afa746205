// kolroi/prediction/detail/profile_columns.hpp: reading the profile and quote columns that the
// profiles file and the history file share (see kolroi/prediction/profiles_reader.hpp).
#pragma once

#include "kolroi/core/error.hpp"
#include "kolroi/core/platform.hpp"
#include "kolroi/io/csv_reader.hpp"
#include "kolroi/io/text.hpp"
#include "kolroi/prediction/count_text.hpp"
#include "kolroi/prediction/kol_profile.hpp"
#include "kolroi/roi/contract.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kolroi::detail {

/// Where each profile column is; the optional ones may be absent from the header.
struct profile_columns {
    std::size_t kol_id = 0;
    std::size_t platform = 0;
    std::size_t followers = 0;
    std::size_t cost_model = 0;
    std::size_t price = 0;
    std::optional<std::size_t> average_views;
    std::optional<std::size_t> engagement_rate;
    std::optional<std::size_t> market;
    std::optional<std::size_t> category;
    std::optional<std::size_t> commission_rate;
    std::optional<std::size_t> posts;
    std::optional<std::size_t> bio;
    std::optional<std::size_t> captions;

    explicit profile_columns(const csv_header& header)
        : kol_id(header.require("kol_id"))
        , platform(header.require("platform"))
        , followers(header.require("followers"))
        , cost_model(header.require("cost_model"))
        , price(header.require("price"))
        , average_views(header.find("average_views"))
        , engagement_rate(header.find("engagement_rate"))
        , market(header.find("market"))
        , category(header.find("category"))
        , commission_rate(header.find("commission_rate"))
        , posts(header.find("posts"))
        , bio(header.find("bio"))
        , captions(header.find("captions")) {}
};

/// The trimmed text of an optional column; empty when the column is absent.
inline std::string_view optional_field(const csv_reader& reader,
                                       const std::optional<std::size_t>& column) {
    return column ? trim(reader[*column]) : std::string_view{};
}

/// An engagement rate as a fraction ("0.034") or a percentage ("3.4%").
inline double parse_engagement(std::string_view text, const input_location& where) {
    return !text.empty() && text.back() == '%' ? parse_percentage(text, where)
                                               : parse_count(text, where);
}

/// Captions separated by '|', each trimmed; empty pieces are dropped.
inline std::vector<std::string> split_captions(std::string_view text) {
    std::vector<std::string> captions;
    while (!text.empty()) {
        const auto bar = text.find('|');
        const std::string_view piece = trim(text.substr(0, bar));
        if (!piece.empty()) {
            captions.emplace_back(piece);
        }
        text = bar == std::string_view::npos ? std::string_view{} : text.substr(bar + 1);
    }
    return captions;
}

inline cost_model parse_cost_model(std::string_view text, const input_location& where) {
    const auto found = cost_model_from_name(text);
    if (!found) {
        throw error(error_kind::parse_error,
                    "unknown cost model '" + std::string(text) +
                        "'; expected flat_fee, cpm, commission or flat_fee_and_commission",
                    where);
    }
    return *found;
}

/// Checks a parsed value against a rule of the domain, with the file, line and field.
inline void require_value(bool ok, const std::string& message, const input_location& where) {
    if (!ok) {
        throw error(error_kind::data_error, message, where);
    }
}

inline price_quote read_quote(const csv_reader& reader, const profile_columns& columns) {
    price_quote quote;
    quote.model = parse_cost_model(trim(reader[columns.cost_model]), reader.where("cost_model"));
    quote.amount = parse_count(reader[columns.price], reader.where("price"));

    const std::string_view rate = optional_field(reader, columns.commission_rate);
    if (!rate.empty()) {
        quote.commission_rate = parse_commission_rate(rate, reader.where("commission_rate"));
        require_value(quote.commission_rate >= 0 && quote.commission_rate <= 1,
                      "a commission rate is a fraction of GMV in [0, 1], saw " + std::string(rate),
                      reader.where("commission_rate"));
    }
    const bool has_commission =
        quote.model == cost_model::commission || quote.model == cost_model::flat_fee_and_commission;
    require_value(!has_commission || quote.commission_rate > 0,
                  "cost model " + std::string(to_string(quote.model)) +
                      " needs a commission_rate above 0",
                  reader.where("commission_rate"));

    const std::string_view posts = optional_field(reader, columns.posts);
    if (!posts.empty()) {
        quote.posts = parse_count(posts, reader.where("posts"));
        require_value(quote.posts >= 1, "a quote buys at least one post, saw " + std::string(posts),
                      reader.where("posts"));
    }
    return quote;
}

/// One profile from the current record. Empty optional fields are unknown.
inline creator_profile read_profile(const csv_reader& reader, const profile_columns& columns) {
    creator_profile profile;
    profile.kol_id = std::string(trim(reader[columns.kol_id]));
    require_value(!profile.kol_id.empty(), "the KOL id is empty", reader.where("kol_id"));
    profile.platform = parse_kol_platform(reader[columns.platform], reader.where("platform"));
    profile.followers = parse_count(reader[columns.followers], reader.where("followers"));

    const std::string_view views = optional_field(reader, columns.average_views);
    if (!views.empty()) {
        profile.average_views = parse_count(views, reader.where("average_views"));
    }
    const std::string_view engagement = optional_field(reader, columns.engagement_rate);
    if (!engagement.empty()) {
        profile.engagement_rate = parse_engagement(engagement, reader.where("engagement_rate"));
    }
    profile.market = std::string(optional_field(reader, columns.market));
    profile.category = std::string(optional_field(reader, columns.category));
    profile.quote = read_quote(reader, columns);
    require_value(profile.quote.model != cost_model::cpm || profile.average_views.has_value(),
                  "a CPM quote is billed on average views, but average_views is empty",
                  reader.where("average_views"));
    profile.bio = std::string(optional_field(reader, columns.bio));
    profile.recent_captions = split_captions(optional_field(reader, columns.captions));
    return profile;
}

} // namespace kolroi::detail
