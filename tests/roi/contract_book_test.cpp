// Tests for kolroi/roi/contract_book.hpp.
#include "kolroi/roi/contract_book.hpp"

#include "test_support.hpp"

#include <string>
#include <utility>

namespace {

kolroi::kol_contract flat(std::string kol, std::string campaign, double fee) {
    kolroi::kol_contract contract;
    contract.kol_id = std::move(kol);
    contract.campaign = std::move(campaign);
    contract.currency = "USD";
    contract.flat_fee = fee;
    return contract;
}

} // namespace

TEST_CASE("contracts are found by KOL and campaign") {
    kolroi::contract_book book;
    book.add(flat("kol_002", "spring", 200));
    book.add(flat("kol_001", "spring", 500));
    book.add(flat("kol_001", "", 50));
    CHECK(book.size() == 3);
    REQUIRE(book.find({"kol_001", "spring"}) != nullptr);
    CHECK(book.find({"kol_001", "spring"})->flat_fee == 500.0);
    CHECK(book.find({"kol_001", ""})->flat_fee == 50.0);
    CHECK(book.find({"kol_001", "summer"}) == nullptr);
    CHECK(book.contracts().begin()->first == kolroi::kol_campaign{"kol_001", ""});
}

TEST_CASE("a second contract for one key is an error, not a sum") {
    kolroi::contract_book book;
    book.add(flat("kol_001", "spring", 500));
    CHECK_THROWS_WITH(book.add(flat("kol_001", "spring", 100)),
                      "contract_book::add: a contract for kol_001/spring is in the book already; "
                      "combine its terms into one contract");
    CHECK(book.find({"kol_001", "spring"})->flat_fee == 500.0);
}

TEST_CASE("an invalid contract is not added") {
    kolroi::contract_book book;
    CHECK_THROWS_AS(book.add(flat("kol_001", "spring", -500)), kolroi::error);
    CHECK(book.empty());
}

TEST_CASE("campaigns that differ only in letter case are one campaign") {
    kolroi::contract_book book;
    book.add(flat("kol_001", "spring", 500));
    CHECK_THROWS_WITH(book.add(flat("kol_001", "Spring", 100)),
                      "contract_book::add: a contract for kol_001/spring is in the book already "
                      "(campaigns are compared without case); combine its terms into one "
                      "contract");
    book.add(flat("kol_002", "Spring", 100));
    CHECK(book.size() == 2);
}
