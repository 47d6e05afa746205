// kolroi/tracking/bad_rows.hpp: what the order and visit readers do with a row they cannot use.
//
// Shop exports are messy: a few rows with a broken timestamp or an empty id should not stop a
// report over a hundred thousand good ones. So by default a reader skips such a row and records
// it in its kolroi::diagnostics under a stable reason ("bad timestamp", "duplicate order id"),
// with the file, the line and the field; nothing is dropped without a record. In strict mode the
// first bad row throws instead, as a kolroi::error carrying the same location and message.
//
// Faults in the structure of the file (a quoted field that never closes, a missing column in the
// header) are never skipped: the reader cannot know where the next good row starts.
#pragma once

#include "kolroi/core/diagnostics.hpp"
#include "kolroi/core/error.hpp"

#include <string>
#include <utility>

namespace kolroi {

enum class bad_row_policy {
    skip_and_report, ///< count the row in the diagnostics under its reason and go on
    strict,          ///< throw on the first bad row
};

namespace detail {

/// An input error that also knows the diagnostics reason under which a skip is counted.
class bad_row : public error {
public:
    bad_row(std::string reason, error_kind kind, const std::string& message, input_location where)
        : error(kind, message, std::move(where))
        , m_reason(std::move(reason)) {}

    [[nodiscard]] const std::string& reason() const noexcept { return m_reason; }

private:
    std::string m_reason;
};

/// Runs `read_one` on one row. A bad_row it throws is rethrown in strict mode and recorded in
/// `notes` otherwise; returns whether the row was read. Other errors pass through: they are not
/// faults of one row.
template <class ReadOne>
bool read_or_report(bad_row_policy policy, diagnostics& notes, ReadOne&& read_one) {
    try {
        read_one();
        return true;
    } catch (const bad_row& fault) {
        if (policy == bad_row_policy::strict) {
            throw;
        }
        notes.add(fault.reason(), fault.message(), fault.where());
        return false;
    }
}

} // namespace detail

} // namespace kolroi
