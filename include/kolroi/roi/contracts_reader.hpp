// kolroi/roi/contracts_reader.hpp: the reader of a contracts CSV file into a contract_book.
//
// Header (any order): kol_id, campaign, platform, currency, and any of flat_fee, cpm,
// impressions, cpc, clicks, commission_rate, commission_per_order, gifting_cogs,
// gifting_shipping. An amount column that is absent or a field that is empty counts as 0; an
// empty impressions or clicks field means the contract bills the tracked delivery (see
// contract.hpp). A column with any other name is an error, so that a misspelt column cannot
// silently cost nothing.
//
// commission_rate is a fraction of credited net GMV, written either with a percent sign ("10%",
// "12.5 %") or as a fraction below 1 ("0.10"). A bare number of 1 or more ("10", or "1") is
// rejected: it reads as a percentage written without its sign, and guessing would put a tenfold
// or hundredfold error into every cost; write "10%" or "0.10" (and "100%" for a full commission).
//
// platform is one of tiktok, instagram, youtube, facebook, other (case ignored); currency is an
// ISO 4217 code. Errors name the file, the line and the field: a negative amount, a bad number, a
// missing id, and a second contract for a (kol_id, campaign) that an earlier line has.
#pragma once

#include "kolroi/core/error.hpp"
#include "kolroi/core/platform.hpp"
#include "kolroi/io/csv_reader.hpp"
#include "kolroi/io/text.hpp"
#include "kolroi/roi/contract.hpp"
#include "kolroi/roi/contract_book.hpp"
#include "kolroi/roi/currency.hpp"
#include "kolroi/roi/kol_campaign.hpp"

#include <array>
#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace kolroi {

namespace detail {

inline constexpr std::array<std::string_view, 4> contract_key_columns = {"kol_id", "campaign",
                                                                         "platform", "currency"};

inline bool is_contract_column(std::string_view name) {
    for (const auto column : contract_key_columns) {
        if (column == name) {
            return true;
        }
    }
    for (const auto& amount : contract_amounts) {
        if (amount.name == name) {
            return true;
        }
    }
    return name == "impressions" || name == "clicks";
}

/// The columns of a contracts file, found once from its header.
struct contract_columns {
    std::size_t kol_id = 0;
    std::size_t campaign = 0;
    std::size_t platform = 0;
    std::size_t currency = 0;
    std::map<std::string_view, std::size_t> amounts; ///< by column name, only those present
};

inline contract_columns find_contract_columns(const csv_header& header,
                                              const input_location& where) {
    for (const auto& name : header.names()) {
        if (!is_contract_column(name)) {
            throw error(error_kind::parse_error,
                        "read_contracts: unknown column '" + name +
                            "'; see contracts_reader.hpp for the columns a contracts file has",
                        where);
        }
    }
    contract_columns columns;
    columns.kol_id = header.require("kol_id");
    columns.campaign = header.require("campaign");
    columns.platform = header.require("platform");
    columns.currency = header.require("currency");
    for (std::size_t i = 0; i < header.size(); ++i) {
        columns.amounts.emplace(header.name(i), i);
    }
    return columns;
}

/// One amount field: empty is absent, otherwise a non-negative number.
inline std::optional<double> read_contract_amount(const csv_reader& reader,
                                                  const contract_columns& columns,
                                                  std::string_view name, const std::string& who) {
    const auto column = columns.amounts.find(name);
    if (column == columns.amounts.end() || trim(reader[column->second]).empty()) {
        return std::nullopt;
    }
    const auto where = reader.where(name);
    const double value = name == "commission_rate"
                             ? parse_commission_rate(reader[column->second], where)
                             : parse_double(reader[column->second], where);
    check_contract_amount(name, value, who, "read_contracts", where);
    return value;
}

inline kol_contract read_contract_row(const csv_reader& reader, const contract_columns& columns) {
    kol_contract contract;
    contract.where = reader.where();
    contract.kol_id = std::string(trim(reader[columns.kol_id]));
    if (contract.kol_id.empty()) {
        throw error(error_kind::data_error, "read_contracts: the KOL id is empty",
                    reader.where("kol_id"));
    }
    contract.campaign = std::string(trim(reader[columns.campaign]));
    contract.platform = parse_kol_platform(reader[columns.platform], reader.where("platform"));
    contract.currency =
        currency_code(reader[columns.currency], "read_contracts", reader.where("currency"));

    const std::string who = kol_campaign{contract.kol_id, contract.campaign}.describe();
    for (const auto& amount : contract_amounts) {
        contract.*amount.member =
            read_contract_amount(reader, columns, amount.name, who).value_or(0);
    }
    contract.impressions = read_contract_amount(reader, columns, "impressions", who);
    contract.clicks = read_contract_amount(reader, columns, "clicks", who);
    return contract;
}

} // namespace detail

/// Reads a contracts file held in `text`; `source` names it in errors.
[[nodiscard]] inline contract_book read_contracts(std::string_view text, std::string source) {
    csv_reader reader(text, std::move(source));
    if (!reader.next()) {
        throw error(error_kind::parse_error,
                    "read_contracts: the file is empty; expected a header with kol_id, campaign, "
                    "platform, currency",
                    input_location{reader.source(), 1, {}});
    }
    const csv_header header(reader);
    const auto columns = detail::find_contract_columns(header, reader.where());

    contract_book book;
    // Keyed by the campaign in lower case: the book treats campaigns that differ only in ASCII
    // case as one, so the reader finds such a pair here, where it can name both lines.
    std::map<kol_campaign, std::pair<std::size_t, std::string>> first_line;
    while (reader.next()) {
        header.check_width(reader);
        kol_contract contract = detail::read_contract_row(reader, columns);
        kol_campaign key{contract.kol_id, ascii_lowered(contract.campaign)};
        const auto [seen, inserted] =
            first_line.try_emplace(std::move(key), reader.line(), contract.campaign);
        if (!inserted) {
            const kol_campaign spelled{contract.kol_id, contract.campaign};
            const std::string& first_campaign = seen->second.second;
            throw error(error_kind::data_error,
                        "read_contracts: a second contract for " + spelled.describe() + "; line " +
                            std::to_string(seen->second.first) + " has the first" +
                            (first_campaign == contract.campaign
                                 ? std::string()
                                 : " as campaign '" + first_campaign +
                                       "' (campaigns are compared without case)") +
                            " (combine the terms into one row)",
                        reader.where("kol_id"));
        }
        book.add(std::move(contract));
    }
    return book;
}

} // namespace kolroi
