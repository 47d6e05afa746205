// Tests for kolroi/roi/currency.hpp.
#include "kolroi/roi/currency.hpp"

#include "test_support.hpp"

TEST_CASE("three ASCII letters are a currency code, compared upper-cased") {
    CHECK(kolroi::is_currency_code("USD"));
    CHECK(kolroi::is_currency_code(" eur "));
    CHECK(kolroi::currency_code(" vnd", "test") == "VND");
    CHECK(kolroi::currency_code("Eur", "test") == "EUR");
}

TEST_CASE("anything else is not a currency code") {
    for (const char* text : {"", "US", "USDT", "US$", "12A", "€", "U D"}) {
        CAPTURE(text);
        CHECK_FALSE(kolroi::is_currency_code(text));
        CHECK_THROWS_AS((void)kolroi::currency_code(text, "test"), kolroi::error);
    }
}

TEST_CASE("a bad code from a caller is an invalid argument, from a file a data error") {
    try {
        (void)kolroi::currency_code("US$", "set_price");
        FAIL("no error");
    } catch (const kolroi::error& e) {
        CHECK(e.kind() == kolroi::error_kind::invalid_argument);
        CHECK(std::string(e.what()) ==
              "set_price: currency 'US$' is not an ISO 4217 code of three letters");
    }
    try {
        (void)kolroi::currency_code("dollars", "read", kolroi::input_location{"f.csv", 4, "cur"});
        FAIL("no error");
    } catch (const kolroi::error& e) {
        CHECK(e.kind() == kolroi::error_kind::data_error);
        CHECK(e.where().line == 4);
        CHECK(std::string(e.what()) ==
              "f.csv:4: field 'cur': read: currency 'dollars' is not an ISO 4217 code of three "
              "letters");
    }
}
