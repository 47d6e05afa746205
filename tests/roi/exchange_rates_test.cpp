// Tests for kolroi/roi/exchange_rates.hpp.
#include "kolroi/io/file.hpp"
#include "kolroi/roi/exchange_rates.hpp"

#include "test_support.hpp"

#include <cmath>
#include <string>
#include <vector>

TEST_CASE("an amount converts at its currency's rate, the reporting currency at 1") {
    kolroi::exchange_rates rates("usd");
    rates.set_rate("EUR", 1.1);
    CHECK(rates.reporting_currency() == "USD");
    CHECK(rates.convert(200.0, "EUR") == doctest::Approx(220.0));
    CHECK(rates.convert(200.0, "eur") == doctest::Approx(220.0));
    CHECK(rates.convert(37.5, "USD") == 37.5);
    CHECK(rates.rate("USD") == 1.0);
    CHECK(rates.has_rate("EUR"));
    CHECK_FALSE(rates.has_rate("GBP"));
    CHECK_FALSE(rates.has_rate("not a code"));
}

TEST_CASE("a currency without a rate is an error, not a rate of 1") {
    kolroi::exchange_rates rates("USD");
    rates.set_rate("EUR", 1.1);
    rates.set_rate("GBP", 1.27);
    try {
        (void)rates.convert(100.0, "VND");
        FAIL("no error");
    } catch (const kolroi::error& e) {
        CHECK(e.kind() == kolroi::error_kind::data_error);
        CHECK(std::string(e.what()) == "exchange_rates: no rate from 'VND' to the reporting "
                                       "currency 'USD'; the table has USD, EUR, GBP");
    }
}

TEST_CASE("a rate must be positive and finite, and the reporting currency's must be 1") {
    kolroi::exchange_rates rates("USD");
    CHECK_THROWS_WITH(rates.set_rate("EUR", 0.0),
                      "exchange_rates: the rate of 'EUR' is 0; a rate must be positive and "
                      "finite");
    CHECK_THROWS_AS(rates.set_rate("EUR", -1.1), kolroi::error);
    CHECK_THROWS_AS(rates.set_rate("EUR", std::nan("")), kolroi::error);
    CHECK_THROWS_WITH(rates.set_rate("USD", 1.2), "exchange_rates: the reporting currency 'USD' "
                                                  "has rate 1.2; it converts to itself at 1");
    rates.set_rate("USD", 1.0);
    CHECK(rates.currencies() == std::vector<std::string>{"USD"});
    CHECK_THROWS_AS(rates.set_rate("E", 1.0), kolroi::error);
}

TEST_CASE("a rate file with CRLF, lower-case codes and the reporting currency at 1") {
    const auto path = kolroi::test::test_data("roi/rates.csv");
    const auto rates = kolroi::read_exchange_rates(kolroi::read_file(path), "rates.csv", "USD");
    CHECK(rates.currencies() == std::vector<std::string>{"USD", "EUR", "VND"});
    CHECK(rates.convert(1'000'000.0, "VND") == doctest::Approx(40.0));
    CHECK(rates.convert(10.0, "EUR") == doctest::Approx(11.0));
}

TEST_CASE("rate file errors name the file, the line and the field") {
    const auto read = [](const std::string& text) {
        return kolroi::read_exchange_rates(text, "r.csv", "USD");
    };
    CHECK_THROWS_WITH((void)read("currency,rate_to_reporting\nEUR,1.1\neur,1.2\n"),
                      "r.csv:3: field 'currency': read_exchange_rates: currency 'EUR' is given "
                      "again; line 2 gave it first");
    CHECK_THROWS_WITH((void)read("currency,rate_to_reporting\nEUR,-1.1\n"),
                      "r.csv:2: field 'rate_to_reporting': exchange_rates: the rate of 'EUR' is "
                      "-1.1; a rate must be positive and finite");
    CHECK_THROWS_WITH((void)read("currency,rate_to_reporting\nUSD,0.9\n"),
                      "r.csv:2: field 'rate_to_reporting': exchange_rates: the reporting "
                      "currency 'USD' has rate 0.9; it converts to itself at 1");
    CHECK_THROWS_WITH((void)read("currency,rate_to_reporting\nEURO,1.1\n"),
                      "r.csv:2: field 'currency': read_exchange_rates: currency 'EURO' is not an "
                      "ISO 4217 code of three letters");
    CHECK_THROWS_WITH((void)read("currency,rate_to_reporting\nEUR,\n"),
                      "r.csv:2: field 'rate_to_reporting': expected a number, saw an empty value");
    CHECK_THROWS_AS((void)read("currency,rate\nEUR,1.1\n"), kolroi::error);
    CHECK_THROWS_AS((void)read(""), kolroi::error);
}
