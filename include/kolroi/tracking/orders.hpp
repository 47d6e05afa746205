// kolroi/tracking/orders.hpp: a store's orders and refunds, and the reader of its orders export.
//
// The file is CSV with a header naming its columns (any order; more columns are ignored):
//
//   order_id       required, non-empty; unique among order rows
//   customer_id    required on order rows: whose journey the order ends
//   time           required on order rows: ISO 8601 (kolroi/io/iso8601.hpp)
//   revenue        required: the order's gross revenue (>= 0), or on a refund row the amount
//                  refunded, written negative (-25.00)
//   currency       required on order rows: three letters (ISO 4217), compared upper-cased
//   discount_code  optional: the promo codes entered at checkout, several separated by ',' or ';'
//   status         optional (empty or absent: paid): paid, refunded, partially_refunded,
//                  cancelled (or canceled) for an order row; refund for a refund row
//
// A refund row carries the order_id of the order it refunds and a negative revenue; its
// customer_id, time, currency and discount_code may be empty, and when given the currency must be
// the order's. Refund rows may come before or after their order: they are joined by id once the
// whole file is read. The net revenue of an order is
//   0                               when its status is refunded or cancelled (whatever the refund
//                                   rows say: the status is the shop's final word),
//   revenue - sum of its refunds    otherwise.
// A partially_refunded order without refund rows keeps its gross revenue as net and is noted
// ("partial refund without amount"): the amount is unknown and is not guessed.
//
// Bad rows are skipped and counted (bad_rows.hpp) under these reasons, each with the file, line
// and field: "wrong field count", "missing order id", "unknown status", "missing customer id",
// "bad timestamp", "bad revenue", "negative revenue outside a refund", "refund not negative",
// "unknown currency", "duplicate order id" (the later row is skipped; the detail names the line
// of the first), and, when refunds are joined, "refund of an unknown order", "refund in another
// currency" and "refunds exceed revenue". A row is skipped at its first fault, fields checked in
// the order of the list above. In strict mode order rows are checked in file order and refund
// rows after them.
#pragma once

#include "kolroi/core/diagnostics.hpp"
#include "kolroi/core/error.hpp"
#include "kolroi/core/timestamp.hpp"
#include "kolroi/io/csv_reader.hpp"
#include "kolroi/io/iso8601.hpp"
#include "kolroi/io/text.hpp"
#include "kolroi/roi/currency.hpp"
#include "kolroi/tracking/bad_rows.hpp"
#include "kolroi/tracking/detail/text.hpp"

#include <algorithm>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace kolroi {

/// What became of an order, as the shop's export says.
enum class order_status { paid, refunded, partially_refunded, cancelled };

constexpr std::string_view to_string(order_status status) noexcept {
    switch (status) {
    case order_status::paid:
        return "paid";
    case order_status::refunded:
        return "refunded";
    case order_status::partially_refunded:
        return "partially_refunded";
    case order_status::cancelled:
        return "cancelled";
    }
    return "paid";
}

struct order {
    std::string id;
    std::string customer_id;
    timestamp time = 0;
    double revenue = 0;                      ///< gross, in `currency`
    std::string currency;                    ///< three upper-case letters
    std::vector<std::string> discount_codes; ///< as entered, trimmed; no repeats
    order_status status = order_status::paid;
    double refunded = 0;         ///< the sum of its refund rows, positive, in `currency`
    std::size_t refund_rows = 0; ///< how many refund rows joined it
    std::size_t line = 0;        ///< the order row's line in its file (0 when not from a file)

    /// What the store kept, in `currency` (see the rules at the top of this header).
    [[nodiscard]] double net_revenue() const noexcept {
        if (status == order_status::refunded || status == order_status::cancelled) {
            return 0.0;
        }
        const double net = revenue - refunded;
        return net > 0 ? net : 0.0;
    }
};

struct order_file {
    std::string source;          ///< the file name, or what the caller called the text
    std::vector<order> orders;   ///< the good order rows, in file order
    std::size_t rows = 0;        ///< data rows read, good or bad, refund rows included
    std::size_t refund_rows = 0; ///< refund rows joined to an order
    diagnostics notes;           ///< skipped rows and other remarks, by reason
};

struct order_read_options {
    bad_row_policy on_bad_row = bad_row_policy::skip_and_report;
    iso8601_options time;
    csv_options csv;
};

namespace detail {

struct order_columns {
    std::size_t id = 0;
    std::size_t customer = 0;
    std::size_t time = 0;
    std::size_t revenue = 0;
    std::size_t currency = 0;
    std::optional<std::size_t> codes;
    std::optional<std::size_t> status;
};

/// A refund row, kept until every order has been read.
struct pending_refund {
    std::string order_id;
    double amount = 0; ///< positive
    std::string currency;
    std::size_t line = 0;
};

enum class order_row_kind { order, refund };

struct order_status_name {
    std::string_view name;
    order_row_kind kind;
    order_status status;
};

inline constexpr order_status_name order_status_names[] = {
    {"", order_row_kind::order, order_status::paid},
    {"paid", order_row_kind::order, order_status::paid},
    {"refunded", order_row_kind::order, order_status::refunded},
    {"partially_refunded", order_row_kind::order, order_status::partially_refunded},
    {"cancelled", order_row_kind::order, order_status::cancelled},
    {"canceled", order_row_kind::order, order_status::cancelled},
    {"refund", order_row_kind::refund, order_status::paid},
};

[[noreturn]] inline void reject_order_row(std::string reason, const std::string& message,
                                          const csv_reader& reader, std::string_view field,
                                          error_kind kind = error_kind::data_error) {
    throw bad_row(std::move(reason), kind, "read_orders: " + message, reader.where(field));
}

inline const order_status_name& read_order_status(const csv_reader& reader,
                                                  const order_columns& columns) {
    const std::string status =
        columns.status ? normalized_key(reader[*columns.status]) : std::string();
    for (const auto& known : order_status_names) {
        if (known.name == status) {
            return known;
        }
    }
    reject_order_row("unknown status",
                     "status '" + status +
                         "' is none of paid, refunded, partially_refunded, cancelled, refund",
                     reader, "status", error_kind::parse_error);
}

inline timestamp read_order_time(const csv_reader& reader, std::size_t column,
                                 const iso8601_options& options) {
    try {
        return parse_iso8601(reader[column], reader.where("time"), options);
    } catch (const error& fault) {
        throw bad_row("bad timestamp", fault.kind(), "read_orders: " + fault.message(),
                      fault.where());
    }
}

inline double read_order_amount(const csv_reader& reader, std::size_t column) {
    try {
        return parse_double(reader[column], reader.where("revenue"));
    } catch (const error& fault) {
        throw bad_row("bad revenue", fault.kind(), "read_orders: " + fault.message(),
                      fault.where());
    }
}

/// The upper-cased code, or empty when the field is empty and `optional`.
inline std::string read_order_currency(const csv_reader& reader, std::size_t column,
                                       bool optional) {
    const std::string_view text = trim(reader[column]);
    if (optional && text.empty()) {
        return {};
    }
    if (!is_currency_code(text)) {
        reject_order_row("unknown currency",
                         "currency '" + std::string(text) +
                             "' is not an ISO 4217 code of three letters",
                         reader, "currency");
    }
    return currency_code(text, "read_orders");
}

/// The codes of a discount field, trimmed, first spelling kept, repeats (ignoring ASCII case)
/// left out.
inline std::vector<std::string> split_discount_codes(std::string_view field) {
    std::vector<std::string> codes;
    std::vector<std::string> seen;
    std::size_t start = 0;
    while (start <= field.size()) {
        const std::size_t stop = field.find_first_of(",;", start);
        const std::size_t end = stop == std::string_view::npos ? field.size() : stop;
        const std::string_view code = trim(field.substr(start, end - start));
        std::string key = normalized_key(code);
        if (!code.empty() && std::find(seen.begin(), seen.end(), key) == seen.end()) {
            codes.emplace_back(code);
            seen.push_back(std::move(key));
        }
        start = end + 1;
    }
    return codes;
}

class order_file_reader {
public:
    order_file_reader(std::string_view text, std::string source, const order_read_options& options)
        : m_reader(text, std::move(source), options.csv)
        , m_options(options) {
        m_file.source = m_reader.source();
    }

    order_file read() {
        read_header();
        while (m_reader.next()) {
            ++m_file.rows;
            read_or_report(m_options.on_bad_row, m_file.notes, [this] { read_row(); });
        }
        for (const pending_refund& refund : m_refunds) {
            read_or_report(m_options.on_bad_row, m_file.notes, [&] { join(refund); });
        }
        note_partial_refunds();
        return std::move(m_file);
    }

private:
    void read_header() {
        if (!m_reader.next()) {
            throw error(error_kind::parse_error,
                        "read_orders: the file is empty; expected a header with order_id, "
                        "customer_id, time, revenue and currency",
                        input_location{m_reader.source(), 1, {}});
        }
        m_header = csv_header(m_reader);
        m_columns.id = m_header.require("order_id");
        m_columns.customer = m_header.require("customer_id");
        m_columns.time = m_header.require("time");
        m_columns.revenue = m_header.require("revenue");
        m_columns.currency = m_header.require("currency");
        m_columns.codes = m_header.find("discount_code");
        m_columns.status = m_header.find("status");
    }

    void read_row() {
        if (m_reader.size() != m_header.size()) {
            reject_order_row("wrong field count",
                             "expected " + std::to_string(m_header.size()) + " fields, saw " +
                                 std::to_string(m_reader.size()),
                             m_reader, {}, error_kind::parse_error);
        }
        const std::string_view id = trim(m_reader[m_columns.id]);
        if (id.empty()) {
            reject_order_row("missing order id", "the order id is empty", m_reader, "order_id");
        }
        const order_status_name& status = read_order_status(m_reader, m_columns);
        if (status.kind == order_row_kind::refund) {
            read_refund(id);
        } else {
            read_order(id, status.status);
        }
    }

    void read_order(std::string_view id, order_status status) {
        order row;
        row.id = std::string(id);
        row.status = status;
        row.line = m_reader.line();
        row.customer_id = std::string(trim(m_reader[m_columns.customer]));
        if (row.customer_id.empty()) {
            reject_order_row("missing customer id",
                             "order '" + row.id + "' has an empty customer id", m_reader,
                             "customer_id");
        }
        row.time = read_order_time(m_reader, m_columns.time, m_options.time);
        row.revenue = read_order_amount(m_reader, m_columns.revenue);
        if (row.revenue < 0) {
            reject_order_row("negative revenue outside a refund",
                             "order '" + row.id + "' has revenue " +
                                 std::string(trim(m_reader[m_columns.revenue])) +
                                 "; only a row with status refund may be negative",
                             m_reader, "revenue");
        }
        row.currency = read_order_currency(m_reader, m_columns.currency, false);
        if (m_columns.codes) {
            row.discount_codes = split_discount_codes(m_reader[*m_columns.codes]);
        }

        // Only now is the row good, so only now does its id count as taken.
        const auto [first, inserted] = m_index.emplace(row.id, m_file.orders.size());
        if (!inserted) {
            reject_order_row("duplicate order id",
                             "order '" + row.id + "' appears again; line " +
                                 std::to_string(m_file.orders[first->second].line) +
                                 " gave it first",
                             m_reader, "order_id");
        }
        m_file.orders.push_back(std::move(row));
    }

    void read_refund(std::string_view id) {
        pending_refund refund;
        refund.order_id = std::string(id);
        refund.line = m_reader.line();
        const double amount = read_order_amount(m_reader, m_columns.revenue);
        if (!(amount < 0)) {
            reject_order_row("refund not negative",
                             "refund of order '" + refund.order_id + "' has revenue " +
                                 std::string(trim(m_reader[m_columns.revenue])) +
                                 "; a refund row gives the amount returned as a negative number",
                             m_reader, "revenue");
        }
        refund.amount = -amount;
        refund.currency = read_order_currency(m_reader, m_columns.currency, true);
        if (!trim(m_reader[m_columns.time]).empty()) {
            (void)read_order_time(m_reader, m_columns.time, m_options.time);
        }
        m_refunds.push_back(std::move(refund));
    }

    void join(const pending_refund& refund) {
        const input_location at{m_file.source, refund.line, {}};
        const auto fail = [&](std::string reason, std::string field, const std::string& message) {
            throw bad_row(std::move(reason), error_kind::data_error, "read_orders: " + message,
                          input_location{at.file, at.line, std::move(field)});
        };
        const auto found = m_index.find(refund.order_id);
        if (found == m_index.end()) {
            fail("refund of an unknown order", "order_id",
                 "refund of order '" + refund.order_id + "', which no order row has");
        }
        order& target = m_file.orders[found->second];
        if (!refund.currency.empty() && refund.currency != target.currency) {
            fail("refund in another currency", "currency",
                 "refund of order '" + target.id + "' is in " + refund.currency +
                     " but the order is in " + target.currency);
        }

        // A relative slack absorbs the rounding of decimal amounts such as 0.1 + 0.2.
        const double total = target.refunded + refund.amount;
        if (total > target.revenue * (1 + 1e-12) + 1e-9) {
            fail("refunds exceed revenue", "revenue",
                 "refunds of order '" + target.id + "' reach " + format_number(total) +
                     " but its revenue is " + format_number(target.revenue));
        }
        target.refunded = total;
        ++target.refund_rows;
        ++m_file.refund_rows;
    }

    void note_partial_refunds() {
        for (const order& row : m_file.orders) {
            if (row.status == order_status::partially_refunded && row.refund_rows == 0) {
                m_file.notes.add("partial refund without amount",
                                 "read_orders: order '" + row.id +
                                     "' is partially_refunded but no refund row gives the "
                                     "amount; its net revenue is left at its gross revenue",
                                 input_location{m_file.source, row.line, "status"});
            }
        }
    }

    csv_reader m_reader;
    order_read_options m_options;
    csv_header m_header;
    order_columns m_columns;
    order_file m_file;
    std::unordered_map<std::string, std::size_t> m_index;
    std::vector<pending_refund> m_refunds;
};

} // namespace detail

/// Reads an orders export held in `text` (the format at the top of this header); `source` names
/// it in errors and diagnostics.
[[nodiscard]] inline order_file read_orders(std::string_view text, std::string source,
                                            const order_read_options& options = {}) {
    return detail::order_file_reader(text, std::move(source), options).read();
}

} // namespace kolroi
