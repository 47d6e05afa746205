// Tests for kolroi/roi/contract.hpp.
#include "kolroi/roi/contract.hpp"

#include "test_support.hpp"

#include <cmath>
#include <string>

namespace {

kolroi::kol_contract c1_contract() {
    kolroi::kol_contract contract;
    contract.kol_id = "kol_001";
    contract.campaign = "spring";
    contract.platform = kolroi::platform::tiktok;
    contract.currency = "USD";
    contract.flat_fee = 500;
    contract.commission_rate = 0.10;
    contract.gifting_cogs = 40;
    contract.gifting_shipping = 15;
    return contract;
}

} // namespace

TEST_CASE("C1: flat fee, 10% commission and gifting on 3000 of GMV cost 855") {
    kolroi::contract_usage usage;
    usage.credited_net_gmv = 3000;
    usage.credited_orders = 4;
    const auto cost = kolroi::contract_cost(c1_contract(), usage);
    // 500 + 0.10 * 3000 + 40 + 15.
    CHECK(cost.flat_fee == 500.0);
    CHECK(cost.commission_on_gmv == doctest::Approx(300.0));
    CHECK(cost.gifting_cogs == 40.0);
    CHECK(cost.gifting_shipping == 15.0);
    CHECK(cost.cpm == 0.0);
    CHECK(cost.cpc == 0.0);
    CHECK(cost.commission_per_order == 0.0);
    CHECK(cost.total() == doctest::Approx(855.0));
}

TEST_CASE("CPM, CPC and per-order commission use tracked delivery and fractional credit") {
    kolroi::kol_contract contract;
    contract.kol_id = "kol_002";
    contract.currency = "USD";
    contract.cpm = 12;
    contract.cpc = 0.5;
    contract.commission_per_order = 5;
    const kolroi::contract_usage usage{250'000, 400, 1.5, 900};
    const auto cost = kolroi::contract_cost(contract, usage);
    CHECK(cost.cpm == doctest::Approx(3000.0)); // 12 * 250000 / 1000
    CHECK(cost.cpc == doctest::Approx(200.0));  // 0.5 * 400
    CHECK(cost.commission_per_order == doctest::Approx(7.5));
    CHECK(cost.total() == doctest::Approx(3207.5));
}

TEST_CASE("impressions and clicks the contract bills take the place of the tracked ones") {
    kolroi::kol_contract contract;
    contract.kol_id = "kol_002";
    contract.currency = "USD";
    contract.cpm = 12;
    contract.cpc = 0.5;
    contract.impressions = 100'000;
    contract.clicks = 0;
    const kolroi::contract_usage usage{250'000, 400, 0, 0};
    const auto cost = kolroi::contract_cost(contract, usage);
    CHECK(cost.cpm == doctest::Approx(1200.0));
    CHECK(cost.cpc == 0.0);
}

TEST_CASE("contract amounts convert at the rate; the commission base is already converted") {
    auto contract = c1_contract();
    contract.currency = "EUR";
    kolroi::contract_usage usage;
    usage.credited_net_gmv = 3000; // in the reporting currency
    const auto cost = kolroi::contract_cost(contract, usage, 1.1);
    CHECK(cost.flat_fee == doctest::Approx(550.0));
    CHECK(cost.commission_on_gmv == doctest::Approx(300.0));
    CHECK(cost.gifting_cogs == doctest::Approx(44.0));
    CHECK(cost.gifting_shipping == doctest::Approx(16.5));
    CHECK(cost.total() == doctest::Approx(910.5));
}

TEST_CASE("refunds above sales earn no commission rather than a negative one") {
    kolroi::contract_usage usage;
    usage.credited_net_gmv = -120;
    const auto cost = kolroi::contract_cost(c1_contract(), usage);
    CHECK(cost.commission_on_gmv == 0.0);
    CHECK(cost.total() == doctest::Approx(555.0));
}

TEST_CASE("breakdowns add term by term") {
    kolroi::contract_usage usage;
    usage.credited_net_gmv = 1000;
    auto sum = kolroi::contract_cost(c1_contract(), usage);
    sum += kolroi::contract_cost(c1_contract(), usage);
    CHECK(sum.flat_fee == 1000.0);
    CHECK(sum.commission_on_gmv == doctest::Approx(200.0));
    CHECK(sum.total() == doctest::Approx(2 * (500 + 100 + 40 + 15)));
}

TEST_CASE("a negative or non-finite contract amount is an error naming the field") {
    auto contract = c1_contract();
    contract.gifting_shipping = -15;
    CHECK_THROWS_WITH(kolroi::validate_contract(contract),
                      "validate_contract: contract kol_001/spring: gifting_shipping is -15; "
                      "contract amounts must be non-negative and finite");
    CHECK_THROWS_AS((void)kolroi::contract_cost(contract, {}), kolroi::error);

    contract = c1_contract();
    contract.cpm = std::nan("");
    CHECK_THROWS_AS(kolroi::validate_contract(contract), kolroi::error);
    contract = c1_contract();
    contract.impressions = -1;
    CHECK_THROWS_WITH(kolroi::validate_contract(contract),
                      "validate_contract: contract kol_001/spring: impressions is -1; contract "
                      "amounts must be non-negative and finite");
    contract = c1_contract();
    contract.commission_rate = 10;
    CHECK_THROWS_WITH(kolroi::validate_contract(contract),
                      "validate_contract: contract kol_001/spring: commission_rate is 10; a "
                      "commission rate is a fraction of GMV, at most 1 (100%)");
}

TEST_CASE("a contract needs an id, a platform a KOL posts on and a currency code") {
    auto contract = c1_contract();
    contract.kol_id.clear();
    CHECK_THROWS_AS(kolroi::validate_contract(contract), kolroi::error);
    contract = c1_contract();
    contract.platform = kolroi::platform::none;
    CHECK_THROWS_AS(kolroi::validate_contract(contract), kolroi::error);
    contract = c1_contract();
    contract.currency = "dollar";
    CHECK_THROWS_WITH(kolroi::validate_contract(contract),
                      "validate_contract: contract kol_001/spring: currency 'dollar' is not an "
                      "ISO 4217 code of three letters");
}

TEST_CASE("usage outside its range is an error") {
    const auto contract = c1_contract();
    CHECK_THROWS_WITH((void)kolroi::contract_cost(contract, {-1, 0, 0, 0}),
                      "contract_cost: impressions is -1; delivery and credited orders must be "
                      "non-negative and finite");
    CHECK_THROWS_AS((void)kolroi::contract_cost(contract, {0, 0, -0.5, 0}), kolroi::error);
    CHECK_THROWS_AS((void)kolroi::contract_cost(contract, {0, 0, 0, INFINITY}), kolroi::error);
    CHECK_THROWS_AS((void)kolroi::contract_cost(contract, {}, 0.0), kolroi::error);
}
