// Hostile input for kolroi/roi/contracts_reader.hpp: negative fees, a commission written without
// its percent sign, one above 100%, NaN, a misspelt column, a second contract for one KOL and
// campaign, and a currency that is not a code. Each would change a cost; each is an error.
#include "hostile_support.hpp"

#include "kolroi/roi/contracts_reader.hpp"

#include <string>

using kolroi::error_kind;
using kolroi::test::check_throws;
using kolroi::test::hostile_file;

namespace {

void read(const std::string& name) {
    (void)kolroi::read_contracts(hostile_file(name), name);
}

} // namespace

TEST_CASE("a negative flat fee is a data error naming the contract and the field") {
    check_throws([] { read("contracts_negative_fee.csv"); },
                 {error_kind::data_error, "contracts_negative_fee.csv", 2, "flat_fee",
                  "flat_fee is -500; contract amounts must be non-negative and finite"});
}

TEST_CASE("commission rate 10 without a sign is refused, and 150% is above the whole GMV") {
    check_throws([] { read("contracts_ambiguous_rate.csv"); },
                 {error_kind::data_error, "contracts_ambiguous_rate.csv", 2, "commission_rate",
                  "commission rate '10' is ambiguous"});
    check_throws([] { read("contracts_rate_above_all.csv"); },
                 {error_kind::data_error, "contracts_rate_above_all.csv", 2, "commission_rate",
                  "at most 1 (100%)"});
}

TEST_CASE("a NaN amount is a parse error at its field") {
    check_throws([] { read("contracts_nan.csv"); },
                 {error_kind::parse_error, "contracts_nan.csv", 2, "cpm",
                  "expected a finite number, saw 'nan'"});
}

TEST_CASE("a misspelt amount column is refused rather than costing nothing") {
    check_throws([] { read("contracts_unknown_column.csv"); },
                 {error_kind::parse_error, "contracts_unknown_column.csv", 1, "",
                  "unknown column 'flat_fees'"});
}

TEST_CASE("a second contract for a KOL and campaign (spaces and case aside) names the first") {
    check_throws(
        [] { read("contracts_duplicate.csv"); },
        {error_kind::data_error, "contracts_duplicate.csv", 4, "kol_id", "line 2 has the first"});
}

TEST_CASE("a currency that is not three letters is a data error at currency") {
    check_throws([] { read("contracts_bad_currency.csv"); },
                 {error_kind::data_error, "contracts_bad_currency.csv", 2, "currency",
                  "currency 'US$' is not an ISO 4217 code"});
}
