// kolroi/roi/roi_report.hpp: an ROI table priced against the contracts, with its rollups.
//
// Every (KOL, campaign) that has credit or a contract gets a row. A row's cost is its contract
// priced on the row's merged totals (contract.hpp), converted into the reporting currency with
// the user's rates; a row without a contract costs nothing and its ROI and ROAS are undefined
// ("zero cost"). Channel rows (revenue no KOL earned) cost their spend.
//
// Rollups per KOL, per campaign and per platform, and the totals, sum the rows' costs and
// figures and compute their metrics from those sums: the ROI of a KOL over three campaigns is
// (revenue - cost) / cost over the three, never an average of three ROIs. The store total is
// every KOL row plus every channel row, so its revenue is the store's.
//
// A row's platform is its contract's; a row without a contract takes the platform the table
// recorded, or `other`. A contract and a table that disagree on a row's platform are an error.
// Notes record, by reason: "credit without contract", "contract without credit", and
// "negative net GMV" (a row whose refunds exceed its sales, which earns no commission).
#pragma once

#include "kolroi/core/diagnostics.hpp"
#include "kolroi/core/error.hpp"
#include "kolroi/core/platform.hpp"
#include "kolroi/roi/contract.hpp"
#include "kolroi/roi/contract_book.hpp"
#include "kolroi/roi/exchange_rates.hpp"
#include "kolroi/roi/kol_campaign.hpp"
#include "kolroi/roi/roi_metrics.hpp"
#include "kolroi/roi/roi_table.hpp"

#include <cstddef>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace kolroi {

/// One (KOL, campaign) of a report. Money is in the report's currency.
struct roi_row {
    kol_campaign key;
    kolroi::platform platform = kolroi::platform::other;
    bool has_contract = false;
    std::string contract_currency; ///< empty without a contract
    credited_figures figures;
    cost_breakdown cost;
    roi_metrics metrics;
};

/// One channel group no KOL is behind; its cost is its spend.
struct channel_roi_row {
    std::string group;
    credited_figures figures;
    double spend = 0;
    roi_metrics metrics;
};

/// Rows summed: by KOL, campaign or platform, or all of them.
struct roi_rollup {
    std::string name;     ///< the KOL id, campaign or platform name; "kols", "channels", "store"
    std::size_t rows = 0; ///< the rows summed
    credited_figures figures;
    cost_breakdown kol_cost;  ///< the KOL rows' contract costs
    double channel_spend = 0; ///< the channel rows' spend
    roi_metrics metrics;      ///< with cost kol_cost.total() + channel_spend

    [[nodiscard]] double cost() const noexcept { return kol_cost.total() + channel_spend; }
};

struct roi_report {
    std::string currency;
    roi_options options;
    std::vector<roi_row> kols;             ///< in key order
    std::vector<channel_roi_row> channels; ///< in the order of their names
    std::vector<roi_rollup> by_kol;        ///< in the order of KOL ids
    std::vector<roi_rollup> by_campaign;   ///< in the order of campaign names
    std::vector<roi_rollup> by_platform;   ///< in the order of all_platforms, only those used
    roi_rollup kol_total;
    roi_rollup channel_total;
    roi_rollup store_total;
    diagnostics notes;
};

namespace detail {

inline roi_inputs roi_inputs_of(const credited_figures& figures, double cost) {
    return {cost, figures.orders, figures.gross_gmv, figures.net_gmv};
}

/// Where `contract` was read, at `field`; empty when a caller made the contract.
inline input_location contract_field(const kol_contract& contract, std::string_view field) {
    input_location where = contract.where;
    if (!where.empty()) {
        where.field = field;
    }
    return where;
}

/// The platform of a row: the contract's, else the table's, else other.
inline kolroi::platform row_platform(const kol_contract* contract,
                                     const std::optional<kolroi::platform>& recorded,
                                     const kol_campaign& key) {
    if (contract && recorded && contract->platform != *recorded) {
        throw error(error_kind::data_error,
                    "make_roi_report: " + key.describe() + " has a contract on " +
                        std::string(to_string(contract->platform)) + " but credit from " +
                        std::string(to_string(*recorded)),
                    contract_field(*contract, "platform"));
    }
    if (contract) {
        return contract->platform;
    }
    return recorded.value_or(kolroi::platform::other);
}

inline roi_row price_row(const kol_campaign& key, const credited_figures& figures,
                         const std::optional<kolroi::platform>& recorded,
                         const kol_contract* contract, const exchange_rates& rates,
                         diagnostics& notes) {
    roi_row row;
    row.key = key;
    row.platform = row_platform(contract, recorded, key);
    row.figures = figures;
    if (contract) {
        row.has_contract = true;
        row.contract_currency = currency_code(contract->currency, "make_roi_report");
        const contract_usage usage{static_cast<double>(figures.impressions),
                                   static_cast<double>(figures.clicks), figures.orders,
                                   figures.net_gmv};
        double rate = 0;
        try {
            rate = rates.rate(contract->currency);
        } catch (const error& e) {
            throw error(e.kind(), e.message(), contract_field(*contract, "currency"));
        }
        row.cost = contract_cost(*contract, usage, rate);
        // A CPM or CPC price with nothing to bill it on costs nothing; that is said, not hidden.
        if (contract->cpm > 0 && !contract->impressions && figures.impressions == 0) {
            notes.add("CPM without impressions",
                      key.describe() + " is priced " + format_number(contract->cpm) +
                          " per 1000 impressions, and neither the contract nor the data give "
                          "impressions, so its CPM cost is 0");
        }
        if (contract->cpc > 0 && !contract->clicks && figures.clicks == 0) {
            notes.add("CPC without clicks",
                      key.describe() + " is priced " + format_number(contract->cpc) +
                          " per click, and neither the contract nor the data give clicks, so "
                          "its CPC cost is 0");
        }
    }
    if (figures.net_gmv < 0) {
        notes.add("negative net GMV",
                  key.describe() + " has net GMV " + format_number(figures.net_gmv));
    }
    return row;
}

/// Adds KOL rows into rollups named by `name_of`, in the order of their names.
inline std::vector<roi_rollup> roll_up(const std::vector<roi_row>& rows,
                                       const std::function<std::string(const roi_row&)>& name_of) {
    std::map<std::string, roi_rollup> groups;
    for (const auto& row : rows) {
        auto& group = groups[name_of(row)];
        ++group.rows;
        group.figures += row.figures;
        group.kol_cost += row.cost;
    }
    std::vector<roi_rollup> result;
    for (auto& [name, group] : groups) {
        group.name = name;
        result.push_back(std::move(group));
    }
    return result;
}

inline void price_rollup(roi_rollup& rollup, const roi_options& options) {
    rollup.metrics = compute_roi_metrics(roi_inputs_of(rollup.figures, rollup.cost()), options);
}

/// Every row with credit, and a row for every contract nothing was credited to, in key order.
inline std::vector<roi_row> price_kol_rows(const roi_table& table, const contract_book& contracts,
                                           const exchange_rates& rates, const roi_options& options,
                                           diagnostics& notes) {
    std::map<kol_campaign, roi_row> rows;
    for (const auto& credited : table.kols()) {
        const kol_contract* contract = contracts.find(credited.key);
        if (!contract) {
            notes.add("credit without contract", credited.key.describe() +
                                                     " has credited net GMV " +
                                                     format_number(credited.figures.net_gmv));
        }
        rows.emplace(credited.key, price_row(credited.key, credited.figures, credited.platform,
                                             contract, rates, notes));
    }
    for (const auto& [key, contract] : contracts.contracts()) {
        if (rows.count(key) == 0) {
            notes.add("contract without credit", key.describe() + " has no credit");
            rows.emplace(key, price_row(key, {}, std::nullopt, &contract, rates, notes));
        }
    }

    std::vector<roi_row> result;
    result.reserve(rows.size());
    for (auto& entry : rows) {
        auto& row = entry.second;
        row.metrics = compute_roi_metrics(roi_inputs_of(row.figures, row.cost.total()), options);
        result.push_back(std::move(row));
    }
    return result;
}

inline std::vector<channel_roi_row> price_channel_rows(const roi_table& table,
                                                       const roi_options& options) {
    std::vector<channel_roi_row> result;
    for (const auto& channel : table.channels()) {
        result.push_back(
            {channel.group, channel.figures, channel.spend,
             compute_roi_metrics(roi_inputs_of(channel.figures, channel.spend), options)});
    }
    return result;
}

/// The rollups by KOL, campaign and platform, and the three totals, not yet priced.
inline void sum_rollups(roi_report& report) {
    report.by_kol = roll_up(report.kols, [](const roi_row& row) { return row.key.kol_id; });
    report.by_campaign = roll_up(report.kols, [](const roi_row& row) { return row.key.campaign; });
    auto platforms = roll_up(
        report.kols, [](const roi_row& row) { return std::string(to_string(row.platform)); });
    for (const platform candidate : all_platforms) {
        for (auto& rollup : platforms) {
            if (rollup.name == to_string(candidate)) {
                report.by_platform.push_back(std::move(rollup));
            }
        }
    }

    report.kol_total.name = "kols";
    for (const auto& row : report.kols) {
        ++report.kol_total.rows;
        report.kol_total.figures += row.figures;
        report.kol_total.kol_cost += row.cost;
    }
    report.channel_total.name = "channels";
    for (const auto& channel : report.channels) {
        ++report.channel_total.rows;
        report.channel_total.figures += channel.figures;
        report.channel_total.channel_spend += channel.spend;
    }
    // The store is both: its revenue is every order's, its cost every contract and every spend.
    report.store_total = report.kol_total;
    report.store_total.name = "store";
    report.store_total.rows += report.channel_total.rows;
    report.store_total.figures += report.channel_total.figures;
    report.store_total.channel_spend = report.channel_total.channel_spend;
}

} // namespace detail

/// Prices every row of `table` against `contracts`, converting contract amounts with `rates`.
/// Throws invalid_argument when the table is not in the rates' reporting currency, data_error
/// when a contract's currency has no rate or a row's platforms disagree.
[[nodiscard]] inline roi_report make_roi_report(const roi_table& table,
                                                const contract_book& contracts,
                                                const exchange_rates& rates,
                                                const roi_options& options = {}) {
    if (table.currency() != rates.reporting_currency()) {
        throw error(error_kind::invalid_argument,
                    "make_roi_report: the table is in " + table.currency() +
                        " but the rates convert into " + rates.reporting_currency());
    }
    roi_report report;
    report.currency = table.currency();
    report.options = options;
    report.kols = detail::price_kol_rows(table, contracts, rates, options, report.notes);
    report.channels = detail::price_channel_rows(table, options);

    // Rollups are priced from their sums, never from their rows' metrics.
    detail::sum_rollups(report);
    for (auto* list : {&report.by_kol, &report.by_campaign, &report.by_platform}) {
        for (auto& rollup : *list) {
            detail::price_rollup(rollup, options);
        }
    }
    for (auto* rollup : {&report.kol_total, &report.channel_total, &report.store_total}) {
        detail::price_rollup(*rollup, options);
    }
    return report;
}

} // namespace kolroi
