// Fuzz target: the orders export reader, skipping and strict. Nothing is dropped without a
// record: every data row is an order, a joined refund or a counted skip. Order ids are unique,
// revenues finite and non-negative, refunds within revenue, net revenue within [0, revenue], and
// currencies three upper-case letters. A strict read either throws or gives the same orders
// with nothing skipped.
#include "fuzz_support.hpp"

#include "kolroi/tracking/orders.hpp"

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <set>
#include <string>

namespace {

void check_orders(const kolroi::order_file& file) {
    using kolroi::fuzz::require;
    const std::size_t remarks = file.notes.count("partial refund without amount");
    require(file.rows == file.orders.size() + file.refund_rows + file.notes.total() - remarks,
            "rows " + std::to_string(file.rows) + " are not orders " +
                std::to_string(file.orders.size()) + " + refunds " +
                std::to_string(file.refund_rows) + " + skips");
    std::set<std::string> ids;
    std::size_t refunds = 0;
    for (const auto& row : file.orders) {
        require(ids.insert(row.id).second, "order id '" + row.id + "' is there twice");
        require(!row.id.empty() && !row.customer_id.empty(), "an order without id or customer");
        require(std::isfinite(row.revenue) && row.revenue >= 0, "revenue negative or not finite");
        require(std::isfinite(row.refunded) && row.refunded >= 0, "refunds negative");
        require(row.refunded <= row.revenue * (1 + 1e-12) + 1e-9, "refunds exceed revenue");
        const double net = row.net_revenue();
        require(net >= 0 && net <= row.revenue, "net revenue outside [0, revenue]");
        require(row.currency.size() == 3 && kolroi::is_currency_code(row.currency) &&
                    kolroi::currency_code(row.currency, "check") == row.currency,
                "currency '" + row.currency + "' is not three upper-case letters");
        require(row.line >= 2, "an order before the header");
        refunds += row.refund_rows;
    }
    require(refunds == file.refund_rows, "refund rows of the orders differ from the file's");
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using kolroi::fuzz::require;
    if (size > kolroi::fuzz::max_input) {
        return 0;
    }
    const auto text = kolroi::fuzz::as_text(data, size);
    kolroi::order_file skipping;
    if (!kolroi::fuzz::run_reader("orders.csv", [&] {
            skipping = kolroi::read_orders(text, "orders.csv");
            check_orders(skipping);
        })) {
        return 0;
    }

    kolroi::order_read_options options;
    options.on_bad_row = kolroi::bad_row_policy::strict;
    const bool strict_read = kolroi::fuzz::run_reader("orders.csv", [&] {
        const auto strict = kolroi::read_orders(text, "orders.csv", options);
        check_orders(strict);
        require(strict.orders.size() == skipping.orders.size() &&
                    strict.refund_rows == skipping.refund_rows,
                "a strict read kept other orders than a skipping one");
    });
    const std::size_t remarks = skipping.notes.count("partial refund without amount");
    require(strict_read == (skipping.notes.total() == remarks),
            "a strict read and the skips disagree");
    return 0;
}
