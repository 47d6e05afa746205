// kolroi/incrementality/order_segments.hpp: the market and the product of each order, read from
// two optional columns of the orders export.
//
// The orders reader (kolroi/tracking/orders.hpp) ignores columns it does not know; this reader
// takes two of them from the same file, so that a store's daily orders can be split into the
// segments a KOL reaches and the segments it does not:
//
//   order_id   required: the id the orders reader keys the order by
//   market     optional: where the order ships to (a country, a region: any name)
//   product    optional: what the order is for (a product, a product line: any name)
//   status     optional: rows with status refund are refunds and carry no segment
//
// Names are compared trimmed and ASCII-lower-cased ("US" and "us" are one market). An order with
// the column but an empty value is in the market (or product) "(none)" and is counted under
// "order without market" ("... product"). The first row of an id wins, as in the orders reader;
// given the orders that reader kept from the same text, exactly their rows are read, so that a
// row it skipped as bad gives no segment to a later row of the same id.
// A file with neither column is not an error: every order is then in one segment, "(all)".
// A row of the wrong width is skipped and counted ("wrong field count"), as the orders reader
// skips it; a file without a header, or a header without order_id, is an error naming the file.
#pragma once

#include "kolroi/core/diagnostics.hpp"
#include "kolroi/core/error.hpp"
#include "kolroi/io/csv_reader.hpp"
#include "kolroi/io/text.hpp"
#include "kolroi/tracking/detail/text.hpp"
#include "kolroi/tracking/orders.hpp"

#include <algorithm>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace kolroi {

inline constexpr std::string_view no_segment_value = "(none)";
inline constexpr std::string_view whole_store_segment = "(all)";

/// Which columns name an order's segment.
enum class segment_by { market, product, market_and_product };

struct order_segment {
    std::string market;  ///< lower-cased; "(none)" when the field was empty
    std::string product; ///< likewise
};

struct order_segments {
    std::string source;
    bool has_market = false;
    bool has_product = false;
    std::unordered_map<std::string, order_segment> by_order; ///< by order id
    std::vector<std::string> markets;                        ///< every market seen, sorted
    std::vector<std::string> products;                       ///< every product seen, sorted
    diagnostics notes;

    /// The segment name of an order: "us/serum" by market and product, "us" by market alone,
    /// "serum" by product alone; "(all)" when the file has neither column or the order is not in
    /// it. A dimension the file lacks is left out of the name.
    [[nodiscard]] std::string segment_of(std::string_view order_id,
                                         segment_by by = segment_by::market_and_product) const {
        const auto found = by_order.find(std::string(order_id));
        if (found == by_order.end()) {
            return std::string(whole_store_segment);
        }
        return segment_name(found->second.market, found->second.product, by);
    }

    /// The segment name of a (market, product) pair, by the same rule as segment_of.
    [[nodiscard]] std::string segment_name(std::string_view market, std::string_view product,
                                           segment_by by = segment_by::market_and_product) const {
        const bool use_market = has_market && by != segment_by::product;
        const bool use_product = has_product && by != segment_by::market;
        if (use_market && use_product) {
            return std::string(market) + "/" + std::string(product);
        }
        if (use_market) {
            return std::string(market);
        }
        if (use_product) {
            return std::string(product);
        }
        return std::string(whole_store_segment);
    }
};

namespace detail {

inline void add_sorted_unique(std::vector<std::string>& names, const std::string& name) {
    const auto at = std::lower_bound(names.begin(), names.end(), name);
    if (at == names.end() || *at != name) {
        names.insert(at, name);
    }
}

inline std::string segment_value(const csv_reader& reader, std::optional<std::size_t> column,
                                 const char* what, diagnostics& notes) {
    if (!column) {
        return {};
    }
    std::string value = normalized_key(reader[*column]);
    if (value.empty()) {
        notes.add(std::string("order without ") + what,
                  "read_order_segments: the " + std::string(what) + " is empty",
                  reader.where(what));
        value = std::string(no_segment_value);
    }
    return value;
}

} // namespace detail

/// Reads the market and product columns of an orders export held in `text` (the format at the
/// top of this header); `source` names it in errors. With `orders`, what read_orders kept from
/// the same text, only the rows of those orders are read.
[[nodiscard]] inline order_segments read_order_segments(std::string_view text, std::string source,
                                                        const order_file* orders = nullptr) {
    csv_reader reader(text, std::move(source));
    order_segments result;
    result.source = reader.source();
    if (!reader.next()) {
        throw error(error_kind::parse_error,
                    "read_order_segments: the file is empty; expected a header with order_id",
                    input_location{reader.source(), 1, {}});
    }
    const csv_header header(reader);
    const std::size_t id_column = header.require("order_id");
    const auto market_column = header.find("market");
    const auto product_column = header.find("product");
    const auto status_column = header.find("status");
    result.has_market = market_column.has_value();
    result.has_product = product_column.has_value();

    // The kept orders are in file order, so one index walks them beside the reader.
    std::size_t next_kept = 0;
    const auto kept = [&](std::size_t line) {
        while (next_kept < orders->orders.size() && orders->orders[next_kept].line < line) {
            ++next_kept;
        }
        return next_kept < orders->orders.size() && orders->orders[next_kept].line == line;
    };
    while (reader.next()) {
        if (orders && !kept(reader.line())) {
            continue;
        }
        if (reader.size() != header.size()) {
            result.notes.add("wrong field count",
                             "read_order_segments: expected " + std::to_string(header.size()) +
                                 " fields, saw " + std::to_string(reader.size()),
                             reader.where());
            continue;
        }
        const std::string_view id = trim(reader[id_column]);
        const bool refund =
            status_column && detail::normalized_key(reader[*status_column]) == "refund";
        if (id.empty() || refund || result.by_order.count(std::string(id)) != 0) {
            continue;
        }
        order_segment segment;
        segment.market = detail::segment_value(reader, market_column, "market", result.notes);
        segment.product = detail::segment_value(reader, product_column, "product", result.notes);
        if (result.has_market) {
            detail::add_sorted_unique(result.markets, segment.market);
        }
        if (result.has_product) {
            detail::add_sorted_unique(result.products, segment.product);
        }
        result.by_order.emplace(std::string(id), std::move(segment));
    }
    return result;
}

} // namespace kolroi
