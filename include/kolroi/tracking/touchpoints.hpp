// kolroi/tracking/touchpoints.hpp: a customer's visits, resolved to channels, and the visit-log
// reader.
//
// A touchpoint is one visit of one customer at one moment, resolved by the touch_resolver
// (touch_resolver.hpp) into what attribution and the reports need: the channel name to intern
// ("kol:<id>" for a KOL's touch, otherwise GA4's channel group), the KOL if any, the platform,
// the campaign and what decided the source (campaign tags, a click id, the referrer, or nothing:
// a direct visit).
//
// The visit log is CSV with a header naming its columns (any order; more columns are ignored):
//
//   customer_id   required, non-empty: the same ids as the orders export's customer_id
//   time          required: ISO 8601 (kolroi/io/iso8601.hpp)
//   landing_url   optional: the page the visit landed on, with its query string
//   source, medium, campaign, content, term
//                 optional: campaign tags from the store's own columns; a non-empty one replaces
//                 the landing URL's utm_ parameter of the same name
//   referrer      optional: the HTTP referrer
//
// At least one of the optional columns must be in the header (a log without any is a list of
// direct visits, more likely the wrong file); any field may be empty, and a row with all of them
// empty is a direct visit.
//
// Bad rows are skipped and counted (bad_rows.hpp) under these reasons, each with the file, line
// and field: "wrong field count", "missing customer id", "bad timestamp", "bad landing URL" (it
// cannot be parsed, or a campaign parameter cannot be decoded), "bad referrer", and "touch with
// two KOLs" (its campaign, content or link slug belong to different KOLs). Repeated campaign
// parameters are noted with the row's location ("repeated campaign parameter") but do not make
// the row bad.
#pragma once

#include "kolroi/core/diagnostics.hpp"
#include "kolroi/core/error.hpp"
#include "kolroi/core/platform.hpp"
#include "kolroi/core/timestamp.hpp"
#include "kolroi/io/csv_reader.hpp"
#include "kolroi/io/iso8601.hpp"
#include "kolroi/io/text.hpp"
#include "kolroi/tracking/bad_rows.hpp"
#include "kolroi/tracking/touch_resolver.hpp"
#include "kolroi/tracking/url.hpp"
#include "kolroi/tracking/utm.hpp"

#include <algorithm>
#include <cstddef>
#include <exception>
#include <iterator>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

namespace kolroi {

struct touchpoint {
    std::string customer_id;
    timestamp time = 0;
    std::string channel;  ///< the name attribution interns: "kol:<id>" or a channel group
    std::string kol_id;   ///< empty when the touch is no KOL's
    std::string campaign; ///< as tagged, trimmed; empty when absent
    kolroi::platform platform = kolroi::platform::none;
    touch_basis basis = touch_basis::direct;
    std::size_t line = 0; ///< the row's line in its file (0 when not from a file)
};

/// The touchpoint of `customer_id` at `time` that `touch` describes (pass a resolved touch that
/// is no longer needed as an rvalue: its texts are moved, not copied).
inline touchpoint make_touchpoint(std::string customer_id, timestamp time, resolved_touch touch,
                                  std::size_t line = 0) {
    touchpoint point;
    point.customer_id = std::move(customer_id);
    point.time = time;
    point.channel = std::move(touch.channel);
    point.kol_id = std::move(touch.kol_id).value_or("");
    point.campaign = std::move(touch.campaign);
    point.platform = touch.platform;
    point.basis = touch.basis;
    point.line = line;
    return point;
}

struct touchpoint_file {
    std::string source;              ///< the file name, or what the caller called the text
    std::vector<touchpoint> touches; ///< the good rows, in file order
    std::size_t rows = 0;            ///< data rows read, good or bad
    diagnostics notes;               ///< skipped rows and other remarks, by reason
};

struct touchpoint_read_options {
    bad_row_policy on_bad_row = bad_row_policy::skip_and_report;
    iso8601_options time;
    csv_options csv;
    /// Threads to read with (2 at most are used). With 2, a log of at least parallel_min_bytes
    /// is cut at a record boundary near its middle and the halves are read at once; the touches,
    /// counts, notes and any error are those of one thread, in file order.
    unsigned threads = 1;
    std::size_t parallel_min_bytes = std::size_t{1} << 20;
};

namespace detail {

struct touchpoint_columns {
    std::size_t customer = 0;
    std::size_t time = 0;
    std::optional<std::size_t> landing;
    std::optional<std::size_t> referrer;
    std::optional<std::size_t> source;
    std::optional<std::size_t> medium;
    std::optional<std::size_t> campaign;
    std::optional<std::size_t> content;
    std::optional<std::size_t> term;
};

/// The physical lines that `text` ends, counted as csv_reader counts them (LF, CRLF, lone CR).
inline std::size_t count_line_breaks(std::string_view text) noexcept {
    std::size_t breaks = static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
    for (std::size_t at = text.find('\r'); at != std::string_view::npos;
         at = text.find('\r', at + 1)) {
        breaks += at + 1 < text.size() && text[at + 1] == '\n' ? 0 : 1;
    }
    return breaks;
}

/// A byte near the middle of `text` at which a record starts: just after a line feed with an
/// even number of quotes before it, so outside any quoted field; npos when there is none. In a
/// text that is not well-formed CSV the guess can be wrong, which read_touchpoints detects.
inline std::size_t middle_record_boundary(std::string_view text) noexcept {
    const std::size_t middle = text.size() / 2;
    bool quoted = std::count(text.begin(), text.begin() + static_cast<long>(middle), '"') % 2 != 0;
    for (std::size_t at = middle; at < text.size(); ++at) {
        if (text[at] == '"') {
            quoted = !quoted;
        } else if (text[at] == '\n' && !quoted && at + 1 < text.size()) {
            return at + 1;
        }
    }
    return std::string_view::npos;
}

class touchpoint_file_reader {
public:
    /// Reads `text` from its start, header first.
    touchpoint_file_reader(std::string_view text, std::string source,
                           const touch_resolver& resolver, const touchpoint_read_options& options)
        : m_text(text)
        , m_reader(text, std::move(source), options.csv)
        , m_resolver(resolver)
        , m_options(options) {
        m_file.source = m_reader.source();
    }

    /// Reads the rows of `text` from byte `position`, a record boundary on line `line`, with the
    /// header that `first` has read.
    touchpoint_file_reader(std::string_view text, const touchpoint_file_reader& first,
                           std::size_t position, std::size_t line)
        : m_text(text.substr(position))
        , m_reader(text, first.m_file.source, first.m_options.csv, position, line)
        , m_resolver(first.m_resolver)
        , m_options(first.m_options)
        , m_header(first.m_header)
        , m_columns(first.m_columns) {
        m_file.source = m_reader.source();
    }

    touchpoint_file read() {
        read_header();
        read_rows(line_capacity(m_text));
        return take();
    }

    void read_header() {
        if (!m_reader.next()) {
            throw error(error_kind::parse_error,
                        "read_touchpoints: the file is empty; expected a header with customer_id, "
                        "time and landing_url or referrer or campaign tags",
                        input_location{m_reader.source(), 1, {}});
        }
        m_header = csv_header(m_reader);
        m_columns.customer = m_header.require("customer_id");
        m_columns.time = m_header.require("time");
        m_columns.landing = m_header.find("landing_url");
        m_columns.referrer = m_header.find("referrer");
        m_columns.source = m_header.find("source");
        m_columns.medium = m_header.find("medium");
        m_columns.campaign = m_header.find("campaign");
        m_columns.content = m_header.find("content");
        m_columns.term = m_header.find("term");
        const auto& c = m_columns;
        if (!(c.landing || c.referrer || c.source || c.medium || c.campaign || c.content ||
              c.term)) {
            throw error(error_kind::parse_error,
                        "read_touchpoints: the header has none of landing_url, referrer, source, "
                        "medium, campaign, content, term; every visit would be direct",
                        input_location{m_reader.source(), m_reader.line(), {}});
        }
    }

    /// Reads the remaining rows into touches reserved for `capacity` of them, so that they never
    /// move while at most that many are read.
    void read_rows(std::size_t capacity) {
        m_file.touches.reserve(capacity);
        while (m_reader.next()) {
            ++m_file.rows;
            read_or_report(m_options.on_bad_row, m_file.notes, [this] { read_row(); });
        }
    }

    touchpoint_file take() { return std::move(m_file); }

    /// Touches enough for `text`: one per line at most (a quoted field may span lines).
    static std::size_t line_capacity(std::string_view text) noexcept {
        return static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')) + 1;
    }

private:
    [[noreturn]] void reject(std::string reason, error_kind kind, const std::string& message,
                             std::string_view field) const {
        throw bad_row(std::move(reason), kind, "read_touchpoints: " + message,
                      m_reader.where(field));
    }

    [[nodiscard]] std::string_view field(const std::optional<std::size_t>& column) const {
        return column ? m_reader[*column] : std::string_view();
    }

    [[nodiscard]] std::optional<std::string_view>
    tag(const std::optional<std::size_t>& column) const {
        if (!column) {
            return std::nullopt;
        }
        return m_reader[*column];
    }

    void read_row() {
        if (m_reader.size() != m_header.size()) {
            reject("wrong field count", error_kind::parse_error,
                   "expected " + std::to_string(m_header.size()) + " fields, saw " +
                       std::to_string(m_reader.size()),
                   {});
        }
        std::string customer(trim(m_reader[m_columns.customer]));
        if (customer.empty()) {
            reject("missing customer id", error_kind::data_error, "the customer id is empty",
                   "customer_id");
        }
        timestamp time = 0;
        try {
            // The location is added by reject, so that a good row builds none.
            time = parse_iso8601(m_reader[m_columns.time], {}, m_options.time);
        } catch (const error& fault) {
            reject("bad timestamp", fault.kind(), fault.message(), "time");
        }

        touch_input input;
        input.landing_url = trim(field(m_columns.landing));
        input.referrer = trim(field(m_columns.referrer));
        input.source = tag(m_columns.source);
        input.medium = tag(m_columns.medium);
        input.campaign = tag(m_columns.campaign);
        input.content = tag(m_columns.content);
        input.term = tag(m_columns.term);
        m_file.touches.push_back(
            make_touchpoint(std::move(customer), time, resolve(input), m_reader.line()));
    }

    resolved_touch resolve(const touch_input& input) {
        // Every note of the row is kept in full, so that all of them reach the file's notes.
        diagnostics row_notes(std::numeric_limits<std::size_t>::max());
        try {
            resolved_touch touch = m_resolver.resolve(input, &row_notes);
            // The resolver does not know the row; its notes get the row's place here.
            for (const auto& note : row_notes.examples()) {
                m_file.notes.add(note.reason, "read_touchpoints: " + note.detail,
                                 m_reader.where("landing_url"));
            }
            return touch;
        } catch (const error& fault) {
            reject_unresolved(input, fault);
        }
    }

    /// Names the field the resolver could not read. The URL is parsed again only on this path,
    /// since the resolver's error does not say which of its inputs it came from.
    [[noreturn]] void reject_unresolved(const touch_input& input, const error& fault) const {
        if (fault.kind() == error_kind::data_error) {
            const bool tagged_campaign = !trim(input.campaign.value_or("")).empty();
            const bool tagged_content = !trim(input.content.value_or("")).empty();
            const std::string_view where = tagged_campaign  ? "campaign"
                                           : tagged_content ? "content"
                                                            : "landing_url";
            reject("touch with two KOLs", fault.kind(), fault.message(), where);
        }
        bool landing_ok = true;
        try {
            (void)read_campaign_tags(parse_url(input.landing_url));
        } catch (const error&) {
            landing_ok = false;
        }
        if (!landing_ok) {
            reject("bad landing URL", fault.kind(), fault.message(), "landing_url");
        }
        reject("bad referrer", fault.kind(), fault.message(), "referrer");
    }

    std::string_view m_text;
    csv_reader m_reader;
    const touch_resolver& m_resolver;
    touchpoint_read_options m_options;
    csv_header m_header;
    touchpoint_columns m_columns;
    touchpoint_file m_file;
};

/// read_touchpoints on two threads: the first reads the header and the rows before `boundary`,
/// the second the rows from it. When the first half fails (at its end it may be inside a quoted
/// field that the boundary's guess missed), this returns nothing and one thread reads the whole
/// text, so that an error is the one a single thread meets. When the first half reads cleanly,
/// it ends on the record boundary at `boundary`, and the second half reads what one thread would.
inline std::optional<touchpoint_file>
read_touchpoints_in_halves(std::string_view text, const std::string& source,
                           const touch_resolver& resolver, const touchpoint_read_options& options,
                           std::size_t boundary) {
    const std::string_view front = text.substr(0, boundary);
    touchpoint_file_reader first(front, source, resolver, options);
    try {
        first.read_header();
    } catch (const error&) {
        return std::nullopt;
    }
    touchpoint_file_reader second(text, first, boundary, count_line_breaks(front) + 1);
    const std::size_t back_capacity = touchpoint_file_reader::line_capacity(text.substr(boundary));
    std::exception_ptr second_fault;
    std::thread worker([&second, &second_fault, back_capacity] {
        try {
            second.read_rows(back_capacity);
        } catch (...) {
            second_fault = std::current_exception();
        }
    });
    bool first_failed = false;
    std::exception_ptr first_fault; // not a kolroi::error: passed on once the worker is joined
    try {
        // Room for the whole file's touches, so that the back half's join them without a move.
        first.read_rows(touchpoint_file_reader::line_capacity(text));
    } catch (const error&) {
        first_failed = true;
    } catch (...) {
        first_fault = std::current_exception();
    }
    worker.join();
    if (first_fault) {
        std::rethrow_exception(first_fault);
    }
    if (first_failed) {
        return std::nullopt;
    }
    if (second_fault) {
        std::rethrow_exception(second_fault);
    }
    touchpoint_file file = first.take();
    touchpoint_file back = second.take();
    std::move(back.touches.begin(), back.touches.end(), std::back_inserter(file.touches));
    file.rows += back.rows;
    file.notes.merge(back.notes);
    return file;
}

} // namespace detail

/// Reads a visit log held in `text` (the format at the top of this header), resolving each row
/// with `resolver`; `source` names the text in errors and diagnostics.
[[nodiscard]] inline touchpoint_file read_touchpoints(std::string_view text, std::string source,
                                                      const touch_resolver& resolver,
                                                      const touchpoint_read_options& options = {}) {
    if (options.threads > 1 && text.size() >= options.parallel_min_bytes) {
        const std::size_t boundary = detail::middle_record_boundary(text);
        if (boundary != std::string_view::npos) {
            if (auto file =
                    detail::read_touchpoints_in_halves(text, source, resolver, options, boundary)) {
                return std::move(*file);
            }
        }
    }
    return detail::touchpoint_file_reader(text, std::move(source), resolver, options).read();
}

} // namespace kolroi
