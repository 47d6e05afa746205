// Tests for kolroi/budget/plan_inputs.hpp.
#include "kolroi/budget/plan_inputs.hpp"

#include "test_support.hpp"

#include <string>

TEST_CASE("candidates with optional columns") {
    const std::string text = "name,platform,price,gmv_mean,gmv_sd,gmv_lower\n"
                             "a,tiktok,100,250,30,200\n"
                             "b,,80,90,,\n";
    const auto candidates = kolroi::read_deal_candidates(text, "c.csv");
    REQUIRE(candidates.size() == 2);
    CHECK(candidates[0].platform == kolroi::platform::tiktok);
    CHECK(candidates[0].gmv.sd == 30.0);
    CHECK(candidates[0].gmv.lower == 200.0);
    CHECK_FALSE(candidates[0].gmv.upper.has_value());
    CHECK(candidates[1].platform == kolroi::platform::other);
    CHECK(candidates[1].gmv.sd == 0.0);
    CHECK(candidates[1].where.line == 3);
}

TEST_CASE("a bad candidate names the file, the line and the field") {
    CHECK_THROWS_WITH(
        (void)kolroi::read_deal_candidates("name,price,gmv_mean\na,100,lots\n", "c.csv"),
        "c.csv:2: field 'gmv_mean': expected a number, saw 'lots'");
    CHECK_THROWS_WITH(
        (void)kolroi::read_deal_candidates("name,price,gmv_mean\na,1,1\na,2,2\n", "c.csv"),
        "c.csv:3: field 'name': 'a' is given twice");
}

TEST_CASE("curves and their bounds") {
    const std::string text = "name,shape,a,k,s,lower,upper\n"
                             "x,logarithmic,2,100,,0,300\n"
                             "y,hill,5,50,0.5,,\n";
    const auto curves = kolroi::read_response_curves(text, "r.csv");
    REQUIRE(curves.curves.size() == 2);
    CHECK(curves.curves[0].curve.value(100) == doctest::Approx(2 * std::log(2.0)));
    // Hill: 5 * 50^0.5 / (50^0.5 + 50^0.5) = 2.5 at x = k.
    CHECK(curves.curves[1].curve.value(50) == doctest::Approx(2.5));
    CHECK(curves.bounds.at("x").upper == 300.0);
    CHECK(curves.bounds.count("y") == 0);
    CHECK_THROWS_AS((void)kolroi::read_response_curves("name,shape,a,k\nz,cubic,1,1\n", "r.csv"),
                    kolroi::error);
}

TEST_CASE("the quote command's CSV is read as candidates") {
    const std::string text =
        "kol,platform,cost_model,price,posts,cost,gmv,gmv_low,gmv_high,roas,decision\n"
        "new_kol,instagram,flat_fee,1200,1,1200,1486.9,673.5,2571.3,1.239,consider\n";
    const auto candidates = kolroi::read_deal_candidates(text, "quotes.csv");
    REQUIRE(candidates.size() == 1);
    CHECK(candidates[0].name == "new_kol");
    CHECK(candidates[0].platform == kolroi::platform::instagram);
    CHECK(candidates[0].price == 1200.0);
    CHECK(candidates[0].gmv.mean == 1486.9);
    CHECK(candidates[0].gmv.lower == 673.5);
    CHECK(candidates[0].gmv.upper == 2571.3);
}
