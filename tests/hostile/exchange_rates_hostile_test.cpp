// Hostile input for kolroi/roi/exchange_rates.hpp: zero, negative, infinite and decimal-comma
// rates, a currency given twice, and a reporting currency at a rate other than 1. A wrong rate
// changes every amount it converts, so each is an error.
#include "hostile_support.hpp"

#include "kolroi/roi/exchange_rates.hpp"

#include <string>

using kolroi::error_kind;
using kolroi::test::check_throws;
using kolroi::test::hostile_file;

namespace {

void read(const std::string& name) {
    (void)kolroi::read_exchange_rates(hostile_file(name), name, "USD");
}

} // namespace

TEST_CASE("a rate of zero or below is a data error naming the currency and its line") {
    check_throws([] { read("rates_zero.csv"); },
                 {error_kind::data_error, "rates_zero.csv", 3, "rate_to_reporting",
                  "the rate of 'JPY' is 0; a rate must be positive and finite"});
    check_throws([] { read("rates_negative.csv"); },
                 {error_kind::data_error, "rates_negative.csv", 2, "rate_to_reporting",
                  "a rate must be positive and finite"});
}

TEST_CASE("an infinite rate and a decimal comma are parse errors") {
    check_throws([] { read("rates_infinite.csv"); },
                 {error_kind::parse_error, "rates_infinite.csv", 2, "rate_to_reporting",
                  "expected a finite number, saw 'inf'"});
    check_throws([] { read("rates_decimal_comma.csv"); },
                 {error_kind::parse_error, "rates_decimal_comma.csv", 2, "rate_to_reporting",
                  "expected a number, saw '1,1'"});
}

TEST_CASE("a currency given twice (case aside) names the line of the first") {
    check_throws([] { read("rates_duplicate.csv"); },
                 {error_kind::data_error, "rates_duplicate.csv", 3, "currency",
                  "currency 'EUR' is given again; line 2 gave it first"});
}

TEST_CASE("the reporting currency at a rate other than 1 is refused") {
    check_throws([] { read("rates_reporting_not_one.csv"); },
                 {error_kind::data_error, "rates_reporting_not_one.csv", 2, "rate_to_reporting",
                  "it converts to itself at 1"});
}
