// kolroi/report/kol_report.hpp: the KOL report, each KOL's cost and return under every model.
//
// From one journey per order (journey_builder.hpp), the contracts and the exchange rates, the
// report credits every order to its touches under each rule-based model, sums the credit per
// (KOL, campaign) and per channel group, and prices the contracts (roi_report.hpp). One model is
// the chosen one; the others stand beside it, because how much a KOL's ROAS moves from model to
// model is itself the answer to "can I trust this number".
//
// Which row a touch credits:
//   - a KOL's touch credits (KOL, campaign) with the touch's campaign when the KOL has a contract
//     for it (campaigns compared without regard to ASCII case); a touch without a campaign (a
//     promo code), or with a campaign the KOL has no contract for, credits the KOL's only
//     contracted campaign when there is exactly one, and (KOL, "(no campaign)") otherwise;
//   - any other touch credits the row of its channel (GA4's channel group, or "promo:<code>" for
//     a sitewide code that stood alone);
//   - an order without touches credits the row "(no touchpoint)".
// So the KOL rows and the channel rows add up to the store's gross and net revenue and orders.
//
// Optionally (add_incrementality), the report also holds each KOL's incremental orders and
// revenue (kolroi/incrementality/kol_incrementality.hpp) beside the chosen model's credit, with
// the incremental ROAS against the same cost and a verdict in plain language
// (kolroi/incrementality/kol_verdict.hpp).
#pragma once

#include "kolroi/attribution/rule_based.hpp"
#include "kolroi/core/credit_table.hpp"
#include "kolroi/core/error.hpp"
#include "kolroi/incrementality/incremental_estimate.hpp"
#include "kolroi/incrementality/kol_incrementality.hpp"
#include "kolroi/incrementality/kol_verdict.hpp"
#include "kolroi/io/text.hpp"
#include "kolroi/roi/contract_book.hpp"
#include "kolroi/roi/exchange_rates.hpp"
#include "kolroi/roi/roi_report.hpp"
#include "kolroi/roi/roi_table.hpp"
#include "kolroi/tracking/kol_registry.hpp"
#include "kolroi/tracking/order_journeys.hpp"

#include <algorithm>
#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kolroi {

inline constexpr std::string_view no_campaign_name = "(no campaign)";

struct kol_report_options {
    std::string model = "position_based"; ///< the chosen model, one of rule_based_model_names
    rule_based_options model_options;
    roi_options roi;
};

/// The report under one model.
struct kol_model_report {
    std::string model;
    roi_report report;
};

/// One KOL's incremental figures beside its credit under the chosen model, on the chosen
/// report's revenue basis and in its currency.
struct kol_incrementality_row {
    std::string kol_id;
    double cost = 0;             ///< the KOL's contracts, as the chosen report prices them
    double credited_orders = 0;  ///< under the chosen model
    double credited_revenue = 0; ///< likewise, on the revenue basis
    incremental_estimate orders; ///< the post lift
    incremental_estimate revenue;
    incremental_roas roas;
    kol_verdict verdict;
};

struct kol_report {
    std::string chosen_model;
    std::vector<kol_model_report> models; ///< the chosen model first, then the others in order
    /// One row per KOL, in the order of the KOL list, once add_incrementality has run.
    std::optional<std::vector<kol_incrementality_row>> incrementality;

    [[nodiscard]] const roi_report& chosen() const { return models.front().report; }

    /// The report under `model`, or nullptr when it was not run.
    [[nodiscard]] const roi_report* under(std::string_view model) const {
        for (const auto& entry : models) {
            if (entry.model == model) {
                return &entry.report;
            }
        }
        return nullptr;
    }
};

namespace detail {

/// The report row every touch credits, worked out once for all models.
struct credit_rows {
    struct row {
        bool is_kol = false;
        kol_campaign key;  ///< for a KOL row
        std::string group; ///< for a channel row
        std::optional<kolroi::platform> platform;
    };
    std::vector<row> rows;
    std::vector<std::size_t> touch_row; ///< indexed like the store's touches
    std::size_t no_touchpoint_row = 0;
};

inline credit_rows assign_rows(const order_journeys& orders, const contract_book& contracts,
                               const kol_registry* kols) {
    credit_rows result;
    std::map<std::pair<bool, std::string>, std::size_t> index;
    const auto row_of = [&](credit_rows::row row) {
        const std::string name = row.is_kol ? row.key.kol_id + '\n' + row.key.campaign : row.group;
        const auto [at, added] =
            index.emplace(std::make_pair(row.is_kol, name), result.rows.size());
        if (added) {
            result.rows.push_back(std::move(row));
        }
        return at->second;
    };

    // The campaigns each KOL has contracts for.
    std::map<std::string, std::vector<std::string>> contracted;
    for (const auto& [key, contract] : contracts.contracts()) {
        contracted[key.kol_id].push_back(key.campaign);
    }

    const journey_store& store = orders.journeys;
    result.touch_row.resize(store.touch_count());
    for (std::size_t i = 0; i < store.touch_count(); ++i) {
        const std::uint32_t kol = orders.touch_kols[i];
        if (kol == order_journeys::none) {
            result.touch_row[i] =
                row_of({false, {}, store.channels().name(store.touch_channels()[i]), {}});
            continue;
        }
        const std::string& kol_id = orders.kol_ids[kol];
        const std::uint32_t campaign = orders.touch_campaigns[i];
        const auto& campaigns = contracted[kol_id];
        std::string chosen(no_campaign_name);
        // Campaign tags match as the KOL list matches them, without regard to ASCII case; the
        // row takes the contract's spelling.
        const auto contract_campaign =
            campaign == order_journeys::none
                ? campaigns.end()
                : std::find_if(campaigns.begin(), campaigns.end(), [&](const std::string& name) {
                      return iequals_ascii(name, orders.campaigns[campaign]);
                  });
        if (contract_campaign != campaigns.end()) {
            chosen = *contract_campaign;
        } else if (campaigns.size() == 1) {
            chosen = campaigns.front();
        }
        std::optional<kolroi::platform> platform;
        if (kols != nullptr) {
            if (const kol_profile* profile = kols->find(kol_id)) {
                platform = profile->platform;
            }
        }
        result.touch_row[i] = row_of({true, {kol_id, chosen}, {}, platform});
    }
    result.no_touchpoint_row = row_of({false, {}, std::string(no_touchpoint_name), {}});
    return result;
}

/// The ROI table of the orders under one set of touch weights.
inline roi_table credit_table_of(const order_journeys& orders, const credit_rows& rows,
                                 const std::vector<double>& weights) {
    const journey_store& store = orders.journeys;
    const auto offsets = store.offsets();
    const auto conversions = store.conversions();
    const auto gross = store.values();
    std::vector<credited_figures> sums(rows.rows.size());
    std::vector<std::size_t> touched;

    for (std::size_t j = 0; j < store.journey_count(); ++j) {
        const credited_figures outcome{conversions[j], gross[j], orders.net_value[j], 0, 0, 0};
        if (offsets[j] == offsets[j + 1]) {
            auto& slot = sums[rows.no_touchpoint_row];
            slot += outcome;
            ++slot.touched_orders;
            continue;
        }
        touched.clear();
        for (auto i = static_cast<std::size_t>(offsets[j]); i < offsets[j + 1]; ++i) {
            const double w = weights[i];
            const std::size_t r = rows.touch_row[i];
            auto& slot = sums[r];
            slot.orders += w * outcome.orders;
            slot.gross_gmv += w * outcome.gross_gmv;
            slot.net_gmv += w * outcome.net_gmv;
            if (w > 0 && std::find(touched.begin(), touched.end(), r) == touched.end()) {
                touched.push_back(r);
                ++slot.touched_orders;
            }
        }
    }

    roi_table table(orders.reporting_currency);
    for (std::size_t r = 0; r < rows.rows.size(); ++r) {
        const auto& row = rows.rows[r];
        if (row.is_kol) {
            table.add(row.key, sums[r], row.platform);
        } else if (sums[r].touched_orders > 0) {
            table.add_channel(row.group, sums[r]);
        }
    }
    return table;
}

} // namespace detail

/// The ROI table of `orders` under one model: what each (KOL, campaign) and each channel group
/// was credited with. Tables of parts of the orders (days, files, shards of customers) merge
/// into the table of the whole (roi_table::merge), and make_roi_report prices the merged table.
[[nodiscard]] inline roi_table credit_roi_table(const order_journeys& orders,
                                                const contract_book& contracts,
                                                const rule_based_policy& policy,
                                                const kol_registry* kols = nullptr) {
    const detail::credit_rows rows = detail::assign_rows(orders, contracts, kols);
    return detail::credit_table_of(orders, rows, touch_weights(orders.journeys, policy));
}

/// The KOL report of `orders` under the chosen model and every other rule-based model.
/// `kols`, when given, supplies each KOL's platform for rows without a contract.
[[nodiscard]] inline kol_report make_kol_report(const order_journeys& orders,
                                                const contract_book& contracts,
                                                const exchange_rates& rates,
                                                const kol_report_options& options = {},
                                                const kol_registry* kols = nullptr) {
    const journey_store& store = orders.journeys;
    const rule_based_policy chosen =
        make_rule_based_policy(options.model, store.channels(), options.model_options);
    if (!supports(store, chosen)) {
        throw error(error_kind::unsupported,
                    "make_kol_report: model " + options.model + " cannot run on these journeys");
    }

    const detail::credit_rows rows = detail::assign_rows(orders, contracts, kols);
    kol_report report;
    report.chosen_model = options.model;
    std::vector<std::string> order{options.model};
    for (const auto name : rule_based_model_names) {
        if (name != options.model) {
            order.emplace_back(name);
        }
    }
    for (const auto& name : order) {
        const auto policy = make_rule_based_policy(name, store.channels(), options.model_options);
        const roi_table table = detail::credit_table_of(orders, rows, touch_weights(store, policy));
        report.models.push_back({name, make_roi_report(table, contracts, rates, options.roi)});
    }
    return report;
}

/// Sets `report.incrementality`: for each KOL of `estimates`, its cost and credit from the
/// chosen report's rollup (zero for a KOL without contract or credit), its incremental orders
/// and revenue on the report's basis, the incremental ROAS and the verdict.
inline void add_incrementality(kol_report& report, const store_incrementality& estimates,
                               const verdict_options& options = {}) {
    const roi_report& chosen = report.chosen();
    std::vector<kol_incrementality_row> rows;
    for (const kol_incrementality& kol : estimates.kols) {
        kol_incrementality_row row;
        row.kol_id = kol.kol_id;
        for (const roi_rollup& rollup : chosen.by_kol) {
            if (rollup.name == kol.kol_id) {
                row.cost = rollup.cost();
                row.credited_orders = rollup.figures.orders;
                row.credited_revenue = chosen.options.basis == revenue_basis::net
                                           ? rollup.figures.net_gmv
                                           : rollup.figures.gross_gmv;
            }
        }
        row.orders = kol.orders();
        row.revenue = kol.revenue(chosen.options.basis);
        row.roas = roas_of(row.revenue, row.cost);

        kol_value value;
        value.cost = row.cost;
        value.credited_revenue = row.credited_revenue;
        // A margin is a share of net revenue, whatever the basis of the report's ROAS.
        value.revenue = chosen.options.gross_margin ? kol.lift.net : row.revenue;
        value.leaked_uses = kol.leaked_uses();
        value.code_uses = kol.code_uses();
        value.gross_margin = chosen.options.gross_margin;
        value.posts_measured = kol.lift.posts.size();
        row.verdict = judge_kol(value, options);
        rows.push_back(std::move(row));
    }
    report.incrementality = std::move(rows);
}

} // namespace kolroi
