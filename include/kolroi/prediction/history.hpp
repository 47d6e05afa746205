// kolroi/prediction/history.hpp: past collaborations, each a creator's profile and quote with
// what the collaboration really cost and returned; the data a quote predictor learns from.
//
// The history file (examples/data/sample_store/history.csv) is the profiles file of
// kolroi/prediction/profiles_reader.hpp, the quote being the terms that were agreed, with
// these columns added:
//
//   campaign      the collaboration's campaign name                                 optional
//   cost          what it cost, in the reporting currency, >= 0                      required
//   credited_gmv  the GMV attribution credited to it, >= 0                           required
//   roas          credited_gmv / cost as written; checked when present               optional
//
// A row of zero cost has no ROAS and cannot teach one: it is skipped and counted in the
// notes ("zero cost"). A written roas that differs from credited_gmv / cost by more than 1e-4
// plus 1e-6 of its size (the rounding of four decimals) is a data_error, as is a negative
// cost or GMV; every error names the file, the line and the field.
//
// `history_from_report` makes the rows from a KOL report (kolroi/roi/roi_report.hpp) and the
// creators' profiles: each (KOL, campaign) row with a cost becomes a collaboration whose GMV
// is the report's credited revenue on its basis (net or gross). `write_history` writes rows in
// the file format, so that a season's report can be appended to the history.
#pragma once

#include "kolroi/core/diagnostics.hpp"
#include "kolroi/core/error.hpp"
#include "kolroi/io/csv_reader.hpp"
#include "kolroi/io/text.hpp"
#include "kolroi/prediction/detail/profile_columns.hpp"
#include "kolroi/prediction/kol_profile.hpp"
#include "kolroi/roi/roi_report.hpp"

#include <cmath>
#include <cstddef>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace kolroi {

/// One past collaboration. Money is in the reporting currency.
struct collaboration {
    creator_profile profile; ///< as the creator was when the quote was agreed, with that quote
    std::string campaign;
    double cost = 0;         ///< what it cost, > 0
    double credited_gmv = 0; ///< the GMV credited to it, >= 0

    [[nodiscard]] double roas() const noexcept { return credited_gmv / cost; }
};

struct collaboration_history {
    std::string source;
    std::vector<collaboration> rows;
    diagnostics notes; ///< rows skipped, by reason
};

namespace detail {

inline std::optional<double> history_roas(const csv_reader& reader,
                                          const std::optional<std::size_t>& column) {
    const std::string_view text = optional_field(reader, column);
    if (text.empty()) {
        return std::nullopt;
    }
    return parse_double(text, reader.where("roas"));
}

inline void check_written_roas(double written, double cost, double gmv,
                               const input_location& where) {
    const double computed = gmv / cost;
    if (std::fabs(written - computed) > 1e-4 + 1e-6 * std::fabs(written)) {
        throw error(error_kind::data_error,
                    "roas " + kolroi::format_number(written) +
                        " disagrees with credited_gmv / cost = " + kolroi::format_number(gmv) +
                        " / " + kolroi::format_number(cost) + " = " +
                        kolroi::format_number(computed),
                    where);
    }
}

/// A field of the history file with commas, quotes or line breaks quoted as RFC 4180 says.
inline std::string history_field(std::string_view text) {
    if (text.find_first_of(",\"\r\n") == std::string_view::npos) {
        return std::string(text);
    }
    std::string quoted = "\"";
    for (const char c : text) {
        quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
    }
    return quoted + "\"";
}

inline std::string optional_number(const std::optional<double>& value) {
    return value ? kolroi::format_number(*value) : std::string();
}

} // namespace detail

/// Reads a history in the format above; `source` names the input in errors.
inline collaboration_history read_history(std::string_view text, std::string source) {
    csv_reader reader(text, source);
    if (!reader.next()) {
        throw error(error_kind::parse_error, "read_history: the file is empty; expected a header",
                    input_location{source, 1, {}});
    }
    const csv_header header(reader);
    const detail::profile_columns columns(header);
    const std::size_t cost_column = header.require("cost");
    const std::size_t gmv_column = header.require("credited_gmv");
    const std::optional<std::size_t> campaign_column = header.find("campaign");
    const std::optional<std::size_t> roas_column = header.find("roas");

    collaboration_history history;
    history.source = std::move(source);
    while (reader.next()) {
        header.check_width(reader);
        collaboration row;
        row.profile = detail::read_profile(reader, columns);
        row.campaign = std::string(detail::optional_field(reader, campaign_column));
        row.cost = parse_double(reader[cost_column], reader.where("cost"));
        row.credited_gmv = parse_double(reader[gmv_column], reader.where("credited_gmv"));
        detail::require_value(row.cost >= 0,
                              "a cost is never negative, saw " +
                                  std::string(trim(reader[cost_column])),
                              reader.where("cost"));
        detail::require_value(row.credited_gmv >= 0,
                              "credited GMV is never negative here, saw " +
                                  std::string(trim(reader[gmv_column])),
                              reader.where("credited_gmv"));
        if (row.cost == 0) {
            history.notes.add("zero cost",
                              "collaboration of '" + row.profile.kol_id +
                                  "' cost nothing, so it has no ROAS",
                              reader.where("cost"));
            continue;
        }
        if (const auto written = detail::history_roas(reader, roas_column)) {
            detail::check_written_roas(*written, row.cost, row.credited_gmv, reader.where("roas"));
        }
        history.rows.push_back(std::move(row));
    }
    return history;
}

/// The rows in the history format, header first, every number in its shortest exact form.
inline std::string write_history(std::span<const collaboration> rows) {
    std::string out = "kol_id,campaign,platform,followers,average_views,engagement_rate,market,"
                      "category,cost_model,price,commission_rate,posts,cost,credited_gmv,roas,"
                      "bio,captions\n";
    for (const collaboration& row : rows) {
        const creator_profile& p = row.profile;
        std::string captions;
        for (const auto& caption : p.recent_captions) {
            captions += (captions.empty() ? "" : " | ") + caption;
        }
        using detail::history_field;
        out += history_field(p.kol_id) + ',' + history_field(row.campaign) + ',' +
               std::string(to_string(p.platform)) + ',' + kolroi::format_number(p.followers) + ',' +
               detail::optional_number(p.average_views) + ',' +
               detail::optional_number(p.engagement_rate) + ',' + history_field(p.market) + ',' +
               history_field(p.category) + ',' + std::string(to_string(p.quote.model)) + ',' +
               kolroi::format_number(p.quote.amount) + ',' +
               kolroi::format_commission_rate(p.quote.commission_rate) + ',' +
               kolroi::format_number(p.quote.posts) + ',' + kolroi::format_number(row.cost) + ',' +
               kolroi::format_number(row.credited_gmv) + ',' + kolroi::format_number(row.roas()) +
               ',' + history_field(p.bio) + ',' + history_field(captions) + '\n';
    }
    return out;
}

/// What merge_history did.
struct history_merge {
    std::size_t added = 0;    ///< rows appended
    std::size_t replaced = 0; ///< rows that took the place of an earlier row of the same key
};

/// Adds `rows` to `history`. A row whose KOL and campaign (campaigns compared without ASCII
/// case, as contracts are) are in the history already takes the place of the first such row, so
/// that writing one season's report into a history twice leaves one row per collaboration; the
/// other rows are appended in their order.
inline history_merge merge_history(std::vector<collaboration>& history,
                                   std::span<const collaboration> rows) {
    std::map<std::pair<std::string, std::string>, std::size_t> index;
    for (std::size_t i = 0; i < history.size(); ++i) {
        index.try_emplace({history[i].profile.kol_id, ascii_lowered(history[i].campaign)}, i);
    }
    history_merge result;
    for (const collaboration& row : rows) {
        const auto [at, added] =
            index.try_emplace({row.profile.kol_id, ascii_lowered(row.campaign)}, history.size());
        if (added) {
            history.push_back(row);
            ++result.added;
        } else {
            history[at->second] = row;
            ++result.replaced;
        }
    }
    return result;
}

/// Collaborations from a KOL report: every (KOL, campaign) row with a cost above zero whose KOL
/// has a profile. The profile (with its quote) is taken as given; cost and credited GMV are the
/// report's, GMV on the report's revenue basis. Rows are skipped and noted by reason: "no
/// profile", "zero cost", "negative GMV" (refunds beyond sales), "platform differs" (the
/// profile is on another platform than the report's row). A profile id given twice is an
/// invalid_argument.
inline collaboration_history history_from_report(const roi_report& report,
                                                 std::span<const creator_profile> profiles) {
    std::map<std::string, const creator_profile*> by_id;
    for (const creator_profile& profile : profiles) {
        if (!by_id.emplace(profile.kol_id, &profile).second) {
            throw error(error_kind::invalid_argument,
                        "history_from_report: two profiles for KOL '" + profile.kol_id + "'");
        }
    }

    collaboration_history history;
    history.source = "KOL report in " + report.currency;
    for (const roi_row& row : report.kols) {
        const std::string who = row.key.describe();
        const auto found = by_id.find(row.key.kol_id);
        if (found == by_id.end()) {
            history.notes.add("no profile", who + " has no profile");
            continue;
        }
        const creator_profile& profile = *found->second;
        const double cost = row.cost.total();
        const double gmv = row.metrics.revenue();
        if (profile.platform != row.platform) {
            history.notes.add("platform differs", who + " is on " +
                                                      std::string(to_string(row.platform)) +
                                                      " but its profile on " +
                                                      std::string(to_string(profile.platform)));
        } else if (!(cost > 0)) {
            history.notes.add("zero cost", who + " cost nothing, so it has no ROAS");
        } else if (gmv < 0) {
            history.notes.add("negative GMV",
                              who + " has credited GMV " + kolroi::format_number(gmv));
        } else {
            history.rows.push_back({profile, row.key.campaign, cost, gmv});
        }
    }
    return history;
}

} // namespace kolroi
