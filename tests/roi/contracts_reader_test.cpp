// Tests for kolroi/roi/contracts_reader.hpp.
#include "kolroi/io/file.hpp"
#include "kolroi/roi/contracts_reader.hpp"

#include "test_support.hpp"

#include <string>

namespace {

const std::string header = "kol_id,campaign,platform,currency,flat_fee,commission_rate\n";

kolroi::contract_book read(const std::string& text) {
    return kolroi::read_contracts(text, "c.csv");
}

std::string error_text(const std::string& text) {
    try {
        (void)read(text);
    } catch (const kolroi::error& e) {
        return e.what();
    }
    return "no error";
}

} // namespace

TEST_CASE("a contracts file: every term, empty fields as 0, codes and platforms normalised") {
    const auto path = kolroi::test::test_data("roi/contracts.csv");
    const auto book = kolroi::read_contracts(kolroi::read_file(path), "contracts.csv");
    REQUIRE(book.size() == 4);

    const auto* c1 = book.find({"kol_001", "spring"});
    REQUIRE(c1 != nullptr);
    CHECK(c1->platform == kolroi::platform::tiktok);
    CHECK(c1->currency == "USD");
    CHECK(c1->flat_fee == 500.0);
    CHECK(c1->commission_rate == doctest::Approx(0.10));
    CHECK(c1->gifting_cogs == 40.0);
    CHECK(c1->gifting_shipping == 15.0);
    CHECK(c1->cpm == 0.0);
    CHECK_FALSE(c1->impressions.has_value());

    const auto* spring = book.find({"kol_002", "spring"});
    REQUIRE(spring != nullptr);
    CHECK(spring->platform == kolroi::platform::instagram);
    CHECK(spring->currency == "EUR");
    CHECK(spring->cpm == 8.0);
    CHECK(spring->cpc == 0.25);
    CHECK(spring->commission_rate == 0.05);
    CHECK(spring->commission_per_order == 2.0);
    CHECK_FALSE(spring->clicks.has_value());

    const auto* summer = book.find({"kol_002", "summer"});
    REQUIRE(summer != nullptr);
    CHECK(summer->impressions == 150000.0);
    CHECK(summer->clicks == 900.0);
    // 12 per thousand of the 150,000 billed impressions, plus 30 of goods.
    CHECK(kolroi::contract_cost(*summer, {}).total() == doctest::Approx(1830.0));

    const auto* empty = book.find({"kol_003", ""});
    REQUIRE(empty != nullptr);
    CHECK(empty->platform == kolroi::platform::youtube);
    CHECK(kolroi::contract_cost(*empty, {1000, 10, 3, 500}).total() == 0.0);
}

TEST_CASE("a commission rate is a percentage with its sign or a fraction below 1") {
    const auto rate = [](const std::string& field) {
        const auto book = read(header + "k,c,tiktok,USD,0," + field + "\n");
        return book.find({"k", "c"})->commission_rate;
    };
    CHECK(rate("10%") == doctest::Approx(0.10));
    CHECK(rate("12.5 %") == doctest::Approx(0.125));
    CHECK(rate("0.10") == doctest::Approx(0.10));
    CHECK(rate("100%") == doctest::Approx(1.0));
    CHECK(rate("0") == 0.0);
    CHECK(rate("") == 0.0);
    CHECK(rate("10%") == rate("0.1"));
}

TEST_CASE("a bare commission rate of 1 or more is rejected as ambiguous") {
    CHECK(error_text(header + "kol_001,spring,tiktok,USD,500,10\n") ==
          "c.csv:2: field 'commission_rate': commission rate '10' is ambiguous; write a "
          "percentage with its sign ('10%'; '100%' is the whole GMV) or a fraction below 1 "
          "('0.1')");
    CHECK(error_text(header + "kol_001,spring,tiktok,USD,500,1\n").find("ambiguous") !=
          std::string::npos);
    CHECK(error_text(header + "kol_001,spring,tiktok,USD,500,150%\n") ==
          "c.csv:2: field 'commission_rate': read_contracts: contract kol_001/spring: "
          "commission_rate is 1.5; a commission rate is a fraction of GMV, at most 1 (100%)");
}

TEST_CASE("a negative amount names the file, the line and the field") {
    const auto path = kolroi::test::test_data("roi/contracts_negative.csv");
    try {
        (void)kolroi::read_contracts(kolroi::read_file(path), "contracts_negative.csv");
        FAIL("no error");
    } catch (const kolroi::error& e) {
        CHECK(e.kind() == kolroi::error_kind::data_error);
        CHECK(e.where().file == "contracts_negative.csv");
        CHECK(e.where().line == 3);
        CHECK(e.where().field == "gifting_shipping");
        CHECK(std::string(e.what()) ==
              "contracts_negative.csv:3: field 'gifting_shipping': read_contracts: contract "
              "kol_002/spring: gifting_shipping is -15; contract amounts must be non-negative "
              "and finite");
    }
    CHECK(error_text(header + "k,c,tiktok,USD,-0.01,\n") ==
          "c.csv:2: field 'flat_fee': read_contracts: contract k/c: flat_fee is -0.01; contract "
          "amounts must be non-negative and finite");
    CHECK(error_text(header + "k,c,tiktok,USD,0,-5%\n").find("commission_rate is -0.05") !=
          std::string::npos);
}

TEST_CASE("bad values name their field") {
    CHECK(error_text(header + "k,c,tiktok,USD,five hundred,\n") ==
          "c.csv:2: field 'flat_fee': expected a number, saw 'five hundred'");
    CHECK(error_text(header + ",c,tiktok,USD,1,\n") ==
          "c.csv:2: field 'kol_id': read_contracts: the KOL id is empty");
    CHECK(error_text(header + "k,c,myspace,USD,1,\n") ==
          "c.csv:2: field 'platform': unknown platform 'myspace'; expected tiktok, instagram, "
          "youtube, facebook or other (any case)");
    CHECK(error_text(header + "k,c,none,USD,1,\n").find("platform 'none'") != std::string::npos);
    CHECK(error_text(header + "k,c,,USD,1,\n").find("field 'platform'") != std::string::npos);
    CHECK(error_text(header + "k,c,tiktok,$,1,\n") ==
          "c.csv:2: field 'currency': read_contracts: currency '$' is not an ISO 4217 code of "
          "three letters");
    CHECK(error_text(header + "k,c,tiktok,USD,1\n") == "c.csv:2: expected 6 fields, saw 5");
}

TEST_CASE("a second row for one KOL and campaign names the first") {
    CHECK(error_text(header + "k,c,tiktok,USD,1,\nj,c,tiktok,USD,1,\nk,c,tiktok,USD,2,\n") ==
          "c.csv:4: field 'kol_id': read_contracts: a second contract for k/c; line 2 has the "
          "first (combine the terms into one row)");
}

TEST_CASE("two campaigns of one KOL that differ only in case are a second contract") {
    // Touches find their contract ignoring case, so C1 and c1 would be one campaign; the reader
    // names the line and spelling of the first.
    CHECK(error_text(header + "k,C1,tiktok,USD,1,\nk,c1,tiktok,USD,2,\n") ==
          "c.csv:3: field 'kol_id': read_contracts: a second contract for k/c1; line 2 has the "
          "first as campaign 'C1' (campaigns are compared without case) (combine the terms into "
          "one row)");
    // Other KOLs, and campaigns that differ in more than case, are separate contracts.
    const auto book = kolroi::read_contracts(
        header + "k,C1,tiktok,USD,1,\nj,c1,tiktok,USD,1,\nk,c2,tiktok,USD,1,\n", "c.csv");
    CHECK(book.size() == 3);
}

TEST_CASE("the header must have the key columns and no unknown column") {
    CHECK(error_text("kol_id,campaign,platform,currency,comission_rate\n") ==
          "c.csv:1: read_contracts: unknown column 'comission_rate'; see contracts_reader.hpp "
          "for the columns a contracts file has");
    CHECK(error_text("kol_id,campaign,currency,flat_fee\n").find("missing column 'platform'") !=
          std::string::npos);
    CHECK(error_text("") != "no error");
}

TEST_CASE("a file with only a header is an empty book") {
    CHECK(read(header).empty());
}
