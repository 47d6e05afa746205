// Tests for kolroi/budget/plan_inputs.hpp.
#include "kolroi/budget/plan_inputs.hpp"

#include "test_support.hpp"

#include <string>

TEST_CASE("candidates with optional columns") {
    const std::string text = "name,platform,price,gmv_mean,gmv_sd,gmv_lower\n"
                             "a,tiktok,100,250,30,200\n"
                             "b,,80,90,,\n"
                             "c,Instagram,50,60,,\n";
    const auto candidates = kolroi::read_deal_candidates(text, "c.csv");
    REQUIRE(candidates.size() == 3);
    CHECK(candidates[2].platform == kolroi::platform::instagram);
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

TEST_CASE("a bad curve or bound names the file, the line and the column") {
    const std::string header = "name,shape,a,k,lower,upper\n";
    const auto error_of = [&](const std::string& row) {
        try {
            (void)kolroi::read_response_curves(header + "ok,hill,1,1,,\n" + row, "r.csv");
        } catch (const kolroi::error& fault) {
            return std::string(fault.what());
        }
        return std::string("no error");
    };
    CHECK(error_of("x,logarithmic,2,-100,,\n").rfind("r.csv:3: field 'k': ", 0) == 0);
    CHECK(error_of("x,exponential,2,0,,\n").rfind("r.csv:3: field 'k': ", 0) == 0);
    CHECK(error_of("x,hill,0,1,,\n").rfind("r.csv:3: field 'a': ", 0) == 0);
    CHECK(error_of("x,hill,1,1,-5,\n") == "r.csv:3: field 'lower': the lower bound -5 is below 0");
    CHECK(error_of("x,hill,1,1,300,200\n") ==
          "r.csv:3: field 'upper': the upper bound 200 is below the lower bound 300");
    CHECK(error_of("x,hill,1,1,,-1\n") ==
          "r.csv:3: field 'upper': the upper bound -1 is below the lower bound 0");
    CHECK(error_of("x,hill,1,1,250,250\n") == "no error"); // a pinned spend
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

TEST_CASE("a candidate select_deals would refuse is refused at its line, under the file's column") {
    const auto error_of = [](const std::string& text) {
        try {
            (void)kolroi::read_deal_candidates(text, "c.csv");
        } catch (const kolroi::error& fault) {
            return std::string(fault.what());
        }
        return std::string("no error");
    };
    const std::string plan = "name,price,gmv_mean,gmv_sd,gmv_lower,gmv_upper\nok,1,1,0,,\n";
    CHECK(error_of(plan + "a,-5,1,0,,\n") ==
          "c.csv:3: field 'price': select_deals: candidate 'a' has price -5.00, not a number in "
          "[0, 1e12]");
    CHECK(error_of(plan + "a,2e12,1,0,,\n").rfind("c.csv:3: field 'price': ", 0) == 0);
    CHECK(error_of(plan + "a,1,1,-1,,\n").rfind("c.csv:3: field 'gmv_sd': ", 0) == 0);
    CHECK(error_of(plan + "a,1,1,0,9,3\n").rfind("c.csv:3: field 'gmv_lower': ", 0) == 0);
    CHECK(error_of(plan + "a,0,-4,0,-9,-3\n") == "no error"); // refunds beyond sales: a loss

    // The quote command's columns are named by their own names.
    const std::string quotes = "kol,cost,gmv,gmv_low,gmv_high\nok,1,1,,\n";
    CHECK(error_of(quotes + "b,-1,5,,\n").rfind("c.csv:3: field 'cost': ", 0) == 0);
    CHECK(error_of(quotes + "b,1,lots,,\n") == "c.csv:3: field 'gmv': expected a number, saw "
                                               "'lots'");
    CHECK(error_of(quotes + "b,1,5,7,6\n").rfind("c.csv:3: field 'gmv_low': ", 0) == 0);
    CHECK(error_of(quotes + "b,1,5,,x\n").rfind("c.csv:3: field 'gmv_high': ", 0) == 0);
    CHECK(error_of(quotes + "ok,1,5,,\n") == "c.csv:3: field 'kol': 'ok' is given twice");
}

TEST_CASE("with an interval's level and no gmv_sd, the spread is the normal one of that interval") {
    // The quote CSV's 80% interval [673.5, 2571.3]: sd = 1897.8 / (2 z_0.9), z_0.9 = 1.2815516
    // (Python's statistics.NormalDist().inv_cdf(0.9)), so 740.4306.
    const std::string quotes = "kol,cost,gmv,gmv_low,gmv_high,level\n"
                               "new_kol,1200,1486.9,673.5,2571.3,0.8\n";
    const auto from_quotes = kolroi::read_deal_candidates(quotes, "quotes.csv");
    REQUIRE(from_quotes.size() == 1);
    CHECK(from_quotes[0].gmv.sd == doctest::Approx(740.4306042).epsilon(1e-9));

    // A 95% interval of width 200: 200 / (2 x 1.959964) = 51.0213.
    const std::string plan = "name,price,gmv_mean,gmv_sd,gmv_lower,gmv_upper,level\n"
                             "a,1,200,,100,300,0.95\n"
                             "b,1,200,7,100,300,0.95\n" // a given sd wins
                             "c,1,200,,100,,0.95\n";    // one bound: no spread
    const auto candidates = kolroi::read_deal_candidates(plan, "c.csv");
    REQUIRE(candidates.size() == 3);
    CHECK(candidates[0].gmv.sd == doctest::Approx(51.0213457).epsilon(1e-9));
    CHECK(candidates[1].gmv.sd == 7.0);
    CHECK(candidates[2].gmv.sd == 0.0);

    CHECK_THROWS_WITH((void)kolroi::read_deal_candidates(
                          "name,price,gmv_mean,gmv_lower,gmv_upper,level\na,1,2,1,3,80\n", "c.csv"),
                      "c.csv:2: field 'level': the interval's level 80 is outside (0, 1)");
}
