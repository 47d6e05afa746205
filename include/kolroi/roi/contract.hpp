// kolroi/roi/contract.hpp: what a store pays one KOL for one campaign, and what that costs.
//
// A contract combines any of: a flat fee; a CPM price per thousand delivered impressions; a CPC
// price per click; a commission, either a rate on the credited net GMV or a fixed amount per
// credited order; and gifting, the cost of the goods sent plus their shipping. Amounts are in the
// contract's currency (an ISO 4217 code) and none may be negative.
//
//   cost = flat_fee + cpm * impressions / 1000 + cpc * clicks
//        + commission_rate * credited_net_gmv + commission_per_order * credited_orders
//        + gifting_cogs + gifting_shipping
//
// Impressions and clicks are the ones the contract bills when it states them (the counts on the
// KOL's invoice); when it does not, the delivery tracked for the KOL is used. Credited orders and
// GMV are the attribution's (fractional) credit, so a per-order fee on 1.5 credited orders is paid
// 1.5 times. A negative credited net GMV (refunds that exceed sales in the period) earns no
// commission rather than a negative one: the commission term is rate * max(0, net GMV).
#pragma once

#include "kolroi/core/error.hpp"
#include "kolroi/core/platform.hpp"
#include "kolroi/io/text.hpp"
#include "kolroi/roi/currency.hpp"
#include "kolroi/roi/kol_campaign.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <optional>
#include <string>
#include <string_view>

namespace kolroi {

struct kol_contract {
    std::string kol_id;
    std::string campaign; ///< may be empty: the KOL's contract outside any named campaign
    kolroi::platform platform = kolroi::platform::other;
    std::string currency; ///< ISO 4217 code of every amount below

    double flat_fee = 0;
    double cpm = 0;                    ///< price per 1000 impressions
    std::optional<double> impressions; ///< billed impressions; absent: the tracked delivery
    double cpc = 0;                    ///< price per click
    std::optional<double> clicks;      ///< billed clicks; absent: the tracked delivery
    double commission_rate = 0;        ///< a fraction of credited net GMV, in [0, 1]
    double commission_per_order = 0;   ///< per credited order
    double gifting_cogs = 0;           ///< cost of the goods sent
    double gifting_shipping = 0;

    /// The file and line the contract was read from; empty when a caller made it. Errors found
    /// later (a currency without a rate, a platform the credit disagrees with) name it.
    input_location where;
};

/// What a contract's cost depends on besides the contract: the tracked delivery (used when the
/// contract bills none of its own) and the credit from attribution.
struct contract_usage {
    double impressions = 0;
    double clicks = 0;
    double credited_orders = 0;
    double credited_net_gmv = 0; ///< in the currency the cost is computed in
};

/// A contract's cost, term by term, in one currency.
struct cost_breakdown {
    double flat_fee = 0;
    double cpm = 0;
    double cpc = 0;
    double commission_on_gmv = 0;
    double commission_per_order = 0;
    double gifting_cogs = 0;
    double gifting_shipping = 0;

    [[nodiscard]] double total() const noexcept {
        return flat_fee + cpm + cpc + commission_on_gmv + commission_per_order + gifting_cogs +
               gifting_shipping;
    }

    cost_breakdown& operator+=(const cost_breakdown& other) noexcept {
        flat_fee += other.flat_fee;
        cpm += other.cpm;
        cpc += other.cpc;
        commission_on_gmv += other.commission_on_gmv;
        commission_per_order += other.commission_per_order;
        gifting_cogs += other.gifting_cogs;
        gifting_shipping += other.gifting_shipping;
        return *this;
    }
};

/// A commission rate as every input file writes it: a percentage with its sign ("10%", "2.5%") or
/// a fraction below 1 ("0.10"). A bare number of 1 or more is refused as ambiguous: "1" may mean
/// 1% or 100%, "10" 10% or 1000%. The range (at most 1) is checked by the caller.
inline double parse_commission_rate(std::string_view text, const input_location& where) {
    std::string_view body = trim(text);
    if (!body.empty() && body.back() == '%') {
        body.remove_suffix(1);
        return parse_double(body, where) / 100.0;
    }
    const double rate = parse_double(body, where);
    if (rate >= 1) {
        throw error(error_kind::data_error,
                    "commission rate '" + std::string(body) +
                        "' is ambiguous; write a percentage with its sign ('" +
                        format_number(rate) +
                        "%'; '100%' is the whole GMV) or a fraction below 1 ('" +
                        format_number(rate / 100.0) + "')",
                    where);
    }
    return rate;
}

/// A commission rate as parse_commission_rate reads it back: a fraction below 1 in its shortest
/// exact form, and 1 or more as a percentage ("100%").
inline std::string format_commission_rate(double rate) {
    return rate >= 1 ? format_number(rate * 100.0) + "%" : format_number(rate);
}

namespace detail {

/// The amounts of a contract that must be non-negative, by the names the contracts file uses.
struct contract_amount {
    std::string_view name;
    double kol_contract::*member;
};

inline constexpr std::array<contract_amount, 7> contract_amounts = {{
    {"flat_fee", &kol_contract::flat_fee},
    {"cpm", &kol_contract::cpm},
    {"cpc", &kol_contract::cpc},
    {"commission_rate", &kol_contract::commission_rate},
    {"commission_per_order", &kol_contract::commission_per_order},
    {"gifting_cogs", &kol_contract::gifting_cogs},
    {"gifting_shipping", &kol_contract::gifting_shipping},
}};

/// Checks one amount of a contract; `where` is empty when the contract came from a caller.
inline void check_contract_amount(std::string_view field, double value, const std::string& who,
                                  std::string_view function, const input_location& where) {
    const auto kind = where.empty() ? error_kind::invalid_argument : error_kind::data_error;
    const std::string prefix = std::string(function) + ": contract " + who + ": " +
                               std::string(field) + " is " + format_number(value);
    if (!std::isfinite(value) || value < 0) {
        throw error(kind, prefix + "; contract amounts must be non-negative and finite", where);
    }
    if (field == "commission_rate" && value > 1) {
        throw error(kind, prefix + "; a commission rate is a fraction of GMV, at most 1 (100%)",
                    where);
    }
}

inline void check_usage(double value, std::string_view name) {
    if (!std::isfinite(value) || value < 0) {
        throw error(error_kind::invalid_argument,
                    "contract_cost: " + std::string(name) + " is " + format_number(value) +
                        "; delivery and credited orders must be non-negative and finite");
    }
}

} // namespace detail

/// Checks a contract made in code: an id, a platform other than `none`, a currency code, and
/// amounts that are non-negative and finite (a commission rate at most 1). Throws invalid_argument.
inline void validate_contract(const kol_contract& contract) {
    if (contract.kol_id.empty()) {
        throw error(error_kind::invalid_argument, "validate_contract: the KOL id is empty");
    }
    const std::string who = kol_campaign{contract.kol_id, contract.campaign}.describe();
    if (contract.platform == kolroi::platform::none) {
        throw error(error_kind::invalid_argument,
                    "validate_contract: contract " + who +
                        " has platform none; a KOL posts on a platform (or 'other')");
    }
    (void)currency_code(contract.currency, "validate_contract: contract " + who);
    for (const auto& amount : detail::contract_amounts) {
        detail::check_contract_amount(amount.name, contract.*amount.member, who,
                                      "validate_contract", {});
    }
    if (contract.impressions) {
        detail::check_contract_amount("impressions", *contract.impressions, who,
                                      "validate_contract", {});
    }
    if (contract.clicks) {
        detail::check_contract_amount("clicks", *contract.clicks, who, "validate_contract", {});
    }
}

/// The cost of `contract` for `usage`, term by term. Every amount of the contract is multiplied
/// by `to_reporting` (the rate of the contract's currency into the currency of the report; 1
/// keeps the contract's currency), while `usage.credited_net_gmv` is taken to be in the currency
/// of the result already, so the commission rate applies to it unconverted.
[[nodiscard]] inline cost_breakdown contract_cost(const kol_contract& contract,
                                                  const contract_usage& usage,
                                                  double to_reporting = 1.0) {
    validate_contract(contract);
    detail::check_usage(usage.impressions, "impressions");
    detail::check_usage(usage.clicks, "clicks");
    detail::check_usage(usage.credited_orders, "credited orders");
    if (!std::isfinite(usage.credited_net_gmv) || !std::isfinite(to_reporting) ||
        to_reporting <= 0) {
        throw error(error_kind::invalid_argument, "contract_cost: credited net GMV " +
                                                      format_number(usage.credited_net_gmv) +
                                                      " and rate " + format_number(to_reporting) +
                                                      " must be finite, and the rate positive");
    }

    const double impressions = contract.impressions.value_or(usage.impressions);
    const double clicks = contract.clicks.value_or(usage.clicks);
    const double r = to_reporting;
    cost_breakdown cost;
    cost.flat_fee = contract.flat_fee * r;
    cost.cpm = contract.cpm * r * impressions / 1000.0;
    cost.cpc = contract.cpc * r * clicks;
    cost.commission_on_gmv = contract.commission_rate * std::max(0.0, usage.credited_net_gmv);
    cost.commission_per_order = contract.commission_per_order * r * usage.credited_orders;
    cost.gifting_cogs = contract.gifting_cogs * r;
    cost.gifting_shipping = contract.gifting_shipping * r;
    return cost;
}

} // namespace kolroi
