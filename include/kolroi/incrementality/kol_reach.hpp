// kolroi/incrementality/kol_reach.hpp: where each KOL's audience is, what the posts promoted and
// when they went out, read from optional columns of the KOL list.
//
// The KOL list (kolroi/tracking/kols_reader.hpp) may carry three more columns, which the
// registry ignores and incrementality needs:
//
//   kol_id     required: as in the KOL list
//   market     optional: the markets the KOL's audience lives in, several separated by '|';
//              empty: every market
//   products   optional: the products the KOL's posts promote, '|'-separated; empty: every
//              product ("product" is read when "products" is absent)
//   posts      optional: when each post went out, ISO 8601 (kolroi/io/iso8601.hpp), '|'-separated
//
// Names are compared trimmed and ASCII-lower-cased, as order_segments compares them. The list is
// short and written by hand, so every fault is an error naming the file, the line and the field:
// a post time that is not ISO 8601, a KOL listed twice.
#pragma once

#include "kolroi/core/error.hpp"
#include "kolroi/core/timestamp.hpp"
#include "kolroi/io/csv_reader.hpp"
#include "kolroi/io/iso8601.hpp"
#include "kolroi/io/text.hpp"
#include "kolroi/tracking/detail/text.hpp"

#include <algorithm>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace kolroi {

struct kol_reach {
    std::string kol_id;
    std::vector<std::string> markets;  ///< lower-cased; empty: every market
    std::vector<std::string> products; ///< lower-cased; empty: every product
    std::vector<timestamp> posts;      ///< in time order
};

struct kol_reach_list {
    std::string source;
    bool has_posts = false; ///< the list has a posts column
    std::vector<kol_reach> kols;

    [[nodiscard]] const kol_reach* find(std::string_view kol_id) const {
        for (const auto& kol : kols) {
            if (kol.kol_id == kol_id) {
                return &kol;
            }
        }
        return nullptr;
    }

    [[nodiscard]] std::size_t post_count() const noexcept {
        std::size_t count = 0;
        for (const auto& kol : kols) {
            count += kol.posts.size();
        }
        return count;
    }
};

namespace detail {

/// The '|'-separated values of a field, trimmed, empty ones left out.
inline std::vector<std::string_view> bar_separated(std::string_view field) {
    std::vector<std::string_view> values;
    while (!trim(field).empty()) {
        const auto bar = field.find('|');
        const std::string_view value = trim(field.substr(0, bar));
        if (!value.empty()) {
            values.push_back(value);
        }
        field = bar == std::string_view::npos ? std::string_view{} : field.substr(bar + 1);
    }
    return values;
}

inline std::vector<std::string> reach_names(const csv_reader& reader,
                                            std::optional<std::size_t> column) {
    std::vector<std::string> names;
    if (!column) {
        return names;
    }
    for (const auto value : bar_separated(reader[*column])) {
        std::string name = detail::normalized_key(value);
        if (std::find(names.begin(), names.end(), name) == names.end()) {
            names.push_back(std::move(name));
        }
    }
    return names;
}

} // namespace detail

/// Reads the reach columns of a KOL list held in `text` (the format at the top of this header);
/// `source` names it in errors.
[[nodiscard]] inline kol_reach_list read_kol_reach(std::string_view text, std::string source) {
    csv_reader reader(text, std::move(source));
    kol_reach_list list;
    list.source = reader.source();
    if (!reader.next()) {
        throw error(error_kind::parse_error, "read_kol_reach: the KOL list is empty",
                    input_location{reader.source(), 1, {}});
    }
    const csv_header header(reader);
    const std::size_t id_column = header.require("kol_id");
    const auto market_column = header.find("market");
    const auto products_column =
        header.find("products") ? header.find("products") : header.find("product");
    const auto posts_column = header.find("posts");
    list.has_posts = posts_column.has_value();

    while (reader.next()) {
        header.check_width(reader);
        kol_reach kol;
        kol.kol_id = std::string(trim(reader[id_column]));
        if (kol.kol_id.empty()) {
            throw error(error_kind::data_error, "read_kol_reach: a KOL id is empty",
                        reader.where("kol_id"));
        }
        if (list.find(kol.kol_id) != nullptr) {
            throw error(error_kind::data_error,
                        "read_kol_reach: KOL '" + kol.kol_id + "' is listed twice",
                        reader.where("kol_id"));
        }
        kol.markets = detail::reach_names(reader, market_column);
        kol.products = detail::reach_names(reader, products_column);
        if (posts_column) {
            for (const auto text_time : detail::bar_separated(reader[*posts_column])) {
                kol.posts.push_back(parse_iso8601(text_time, reader.where("posts")));
            }
            std::sort(kol.posts.begin(), kol.posts.end());
        }
        list.kols.push_back(std::move(kol));
    }
    return list;
}

} // namespace kolroi
