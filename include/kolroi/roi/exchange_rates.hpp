// kolroi/roi/exchange_rates.hpp: the user's table of exchange rates into one reporting currency.
//
// A rate r for currency C says that one unit of C is worth r units of the reporting currency:
// convert(amount, C) = amount * r. The reporting currency converts to itself at 1. A currency
// without a rate is an error, never a silent 1.0: money in two currencies must not be added as
// if it were one. Rates are positive and finite. The table holds one rate per currency for the
// whole report; it does not model rates that change over time.
//
// The CSV form has the header `currency,rate_to_reporting` and one row per currency; the
// reporting currency may appear with rate 1 and with no other rate.
#pragma once

#include "kolroi/core/error.hpp"
#include "kolroi/io/csv_reader.hpp"
#include "kolroi/io/text.hpp"
#include "kolroi/roi/currency.hpp"

#include <cmath>
#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace kolroi {

namespace detail {

// Checks a rate for `code` in a table into `reporting`; `where` is empty when the rate came from
// a caller, not a file.
inline void check_exchange_rate(const std::string& reporting, const std::string& code, double rate,
                                const input_location& where) {
    const auto kind = where.empty() ? error_kind::invalid_argument : error_kind::data_error;
    if (!std::isfinite(rate) || rate <= 0) {
        throw error(kind,
                    "exchange_rates: the rate of '" + code + "' is " + format_number(rate) +
                        "; a rate must be positive and finite",
                    where);
    }
    if (code == reporting && rate != 1.0) {
        throw error(kind,
                    "exchange_rates: the reporting currency '" + code + "' has rate " +
                        format_number(rate) + "; it converts to itself at 1",
                    where);
    }
}

} // namespace detail

class exchange_rates {
public:
    /// A table into `reporting_currency` that so far converts only that currency to itself.
    explicit exchange_rates(std::string_view reporting_currency)
        : m_reporting(currency_code(reporting_currency, "exchange_rates")) {}

    [[nodiscard]] const std::string& reporting_currency() const noexcept { return m_reporting; }

    /// Sets the rate of `currency` (units of the reporting currency per unit of `currency`).
    /// Throws invalid_argument for a rate that is not positive and finite, and for a rate other
    /// than 1 given to the reporting currency itself.
    void set_rate(std::string_view currency, double rate_to_reporting) {
        const std::string code = currency_code(currency, "exchange_rates::set_rate");
        detail::check_exchange_rate(m_reporting, code, rate_to_reporting, {});
        if (code != m_reporting) {
            m_rates[code] = rate_to_reporting;
        }
    }

    /// Whether `currency` can be converted (the reporting currency always can).
    [[nodiscard]] bool has_rate(std::string_view currency) const {
        if (!is_currency_code(currency)) {
            return false;
        }
        const std::string code = currency_code(currency, "exchange_rates::has_rate");
        return code == m_reporting || m_rates.count(code) != 0;
    }

    /// The rate of `currency` into the reporting currency; a data_error naming the currencies
    /// the table has when it has no rate for it.
    [[nodiscard]] double rate(std::string_view currency) const {
        const std::string code = currency_code(currency, "exchange_rates::rate");
        if (code == m_reporting) {
            return 1.0;
        }
        const auto found = m_rates.find(code);
        if (found == m_rates.end()) {
            throw error(error_kind::data_error, "exchange_rates: no rate from '" + code +
                                                    "' to the reporting currency '" + m_reporting +
                                                    "'; the table has " + known());
        }
        return found->second;
    }

    /// `amount` in `from_currency`, expressed in the reporting currency.
    [[nodiscard]] double convert(double amount, std::string_view from_currency) const {
        return amount * rate(from_currency);
    }

    /// The currencies with a rate, the reporting currency first, the others in code order.
    [[nodiscard]] std::vector<std::string> currencies() const {
        std::vector<std::string> codes{m_reporting};
        for (const auto& entry : m_rates) {
            codes.push_back(entry.first);
        }
        return codes;
    }

private:
    [[nodiscard]] std::string known() const {
        std::string text;
        for (const auto& code : currencies()) {
            text += (text.empty() ? "" : ", ") + code;
        }
        return text;
    }

    std::string m_reporting;
    std::map<std::string, double> m_rates;
};

/// Reads a rate table (`currency,rate_to_reporting`) held in `text`; `source` names it in errors.
/// A currency given twice is an error naming both lines.
[[nodiscard]] inline exchange_rates read_exchange_rates(std::string_view text, std::string source,
                                                        std::string_view reporting_currency) {
    exchange_rates rates(reporting_currency);
    csv_reader reader(text, std::move(source));
    if (!reader.next()) {
        throw error(error_kind::parse_error,
                    "read_exchange_rates: the file is empty; expected the header "
                    "'currency,rate_to_reporting'",
                    input_location{reader.source(), 1, {}});
    }
    const csv_header header(reader);
    const std::size_t currency_column = header.require("currency");
    const std::size_t rate_column = header.require("rate_to_reporting");

    std::map<std::string, std::size_t> first_line;
    while (reader.next()) {
        header.check_width(reader);
        const std::string code =
            currency_code(reader[currency_column], "read_exchange_rates", reader.where("currency"));
        const auto [seen, inserted] = first_line.emplace(code, reader.line());
        if (!inserted) {
            throw error(error_kind::data_error,
                        "read_exchange_rates: currency '" + code + "' is given again; line " +
                            std::to_string(seen->second) + " gave it first",
                        reader.where("currency"));
        }
        const double rate = parse_double(reader[rate_column], reader.where("rate_to_reporting"));
        detail::check_exchange_rate(rates.reporting_currency(), code, rate,
                                    reader.where("rate_to_reporting"));
        rates.set_rate(code, rate);
    }
    return rates;
}

} // namespace kolroi
