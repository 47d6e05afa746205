// Tests for kolroi/budget/concave_allocation.hpp: the worked budget cases, bounds keyed by name,
// exact sums, and optimality checked through the KKT conditions and a search written here.
#include "kolroi/budget/concave_allocation.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <cstdint>
#include <functional>
#include <map>
#include <random>
#include <string>
#include <vector>

using kolroi::allocate_spend;
using kolroi::named_response;
using kolroi::response_curve;
using kolroi::spend_bounds;

namespace {

// The spends added in entry order, the way total_spend is defined.
double ordered_total(const kolroi::spend_allocation& result) {
    double total = 0;
    for (const auto& entry : result.entries) {
        total += entry.spend;
    }
    return total;
}

std::string error_text(const std::function<void()>& call) {
    try {
        call();
    } catch (const kolroi::error& e) {
        return e.what();
    }
    return "no error";
}

// r(x) = a sqrt(x): a curve brought by the caller, to show the concept is all that is needed.
struct square_root_curve {
    double a;
    [[nodiscard]] double value(double x) const { return a * std::sqrt(x); }
    [[nodiscard]] double marginal(double x) const { return a / (2 * std::sqrt(x)); }
    [[nodiscard]] double inverse_marginal(double lambda) const {
        return lambda <= 0 ? HUGE_VAL : (a / (2 * lambda)) * (a / (2 * lambda));
    }
};

} // namespace

TEST_CASE("B1: bounds follow names, not positions") {
    const auto curve = response_curve::logarithmic(1, 100);
    const std::vector<named_response> curves{{"tiktok_kol_b", curve, {}}, {"ig_kol_a", curve, {}}};
    const std::map<std::string, spend_bounds> bounds{{"tiktok_kol_b", {0, 100}},
                                                     {"ig_kol_a", {500, 1000}}};
    const auto result = allocate_spend(curves, 1000, bounds);

    REQUIRE(result.entries.size() == 2);
    CHECK(result.entries[0].name == "tiktok_kol_b");
    CHECK(result.entries[1].name == "ig_kol_a");
    CHECK(result.at("tiktok_kol_b").spend == 100);
    CHECK(result.at("ig_kol_a").spend == doctest::Approx(900).epsilon(1e-12));
    CHECK(result.at("tiktok_kol_b").state == kolroi::bound_state::at_upper);
    CHECK(result.at("ig_kol_a").state == kolroi::bound_state::interior);
    CHECK(result.total_spend == 1000);

    // The same curves in the other order get the same amounts per name.
    const std::vector<named_response> swapped{curves[1], curves[0]};
    const auto again = allocate_spend(swapped, 1000, bounds);
    CHECK(again.at("tiktok_kol_b").spend == 100);
    CHECK(again.at("ig_kol_a").spend == doctest::Approx(900).epsilon(1e-12));
}

TEST_CASE("B2: equal marginal returns beat an equal split, and the spends sum to the budget") {
    // r1 = 2 ln(1 + x/100) and r2 = ln(1 + x/100), given with r2's name first and out of
    // alphabetical order. Equal marginals 2/(100 + x1) = 1/(100 + x2) with x1 + x2 = 300 give
    // x1 = 700/3, x2 = 200/3, and the common marginal return 2/(100 + 700/3) = 0.006.
    const std::vector<named_response> curves{
        {"youtube_kol_r2", response_curve::logarithmic(1, 100), {}},
        {"instagram_kol_r1", response_curve::logarithmic(2, 100), {}}};
    const std::map<std::string, spend_bounds> bounds{{"instagram_kol_r1", {0, 300}},
                                                     {"youtube_kol_r2", {0, 300}}};
    const auto result = allocate_spend(curves, 300, bounds);

    const auto& x1 = result.at("instagram_kol_r1");
    const auto& x2 = result.at("youtube_kol_r2");
    CHECK(x1.spend == doctest::Approx(233.33).epsilon(0.005 / 233.33));
    CHECK(x2.spend == doctest::Approx(66.67).epsilon(0.005 / 66.67));
    CHECK(x1.spend == doctest::Approx(700.0 / 3).epsilon(1e-10));
    CHECK(x2.spend == doctest::Approx(200.0 / 3).epsilon(1e-10));
    CHECK(result.total_response == doctest::Approx(2.9188).epsilon(0.00005 / 2.9188));
    CHECK(result.total_response ==
          doctest::Approx(2 * std::log(10.0 / 3) + std::log(5.0 / 3)).epsilon(1e-12));
    CHECK(x1.marginal_return == doctest::Approx(0.006).epsilon(1e-9));
    CHECK(x2.marginal_return == doctest::Approx(0.006).epsilon(1e-9));
    CHECK(result.marginal_return == doctest::Approx(0.006).epsilon(1e-9));
    CHECK(result.total_spend == 300);
    CHECK(ordered_total(result) == 300);

    const double equal_split = curves[0].curve.value(150) + curves[1].curve.value(150);
    CHECK(equal_split == doctest::Approx(2.7489).epsilon(0.00005 / 2.7489));
    CHECK(result.total_response > equal_split);
}

TEST_CASE("bounds with lower equal to upper return exactly those amounts") {
    const std::vector<named_response> curves{{"c", response_curve::exponential(900, 300), {}},
                                             {"a", response_curve::logarithmic(50, 20), {}},
                                             {"b", response_curve::hill(400, 150, 0.7), {}}};
    const auto result =
        allocate_spend(curves, 1000, {{"a", {123.456, 123.456}}, {"b", {0.1, 0.1}}});
    CHECK(result.at("a").spend == 123.456);
    CHECK(result.at("b").spend == 0.1);
    CHECK(result.at("a").state == kolroi::bound_state::fixed);
    CHECK(result.at("c").spend == doctest::Approx(1000 - 123.456 - 0.1).epsilon(1e-14));
    CHECK(result.total_spend == 1000);

    // Every name fixed and the amounts adding up to the budget.
    const auto pinned = allocate_spend(
        curves, 700.25, {{"a", {100.05, 100.05}}, {"b", {0.2, 0.2}}, {"c", {600, 600}}});
    CHECK(pinned.at("a").spend == 100.05);
    CHECK(pinned.at("b").spend == 0.2);
    CHECK(pinned.at("c").spend == 600);
}

TEST_CASE("a curve type of the caller's own is allocated through the concept") {
    // a sqrt(x): equal marginals a_i / (2 sqrt(x_i)) give x_i proportional to a_i^2, so with
    // a = 1 and 2 and a budget of 100 the split is 20 and 80.
    const std::vector<kolroi::basic_named_response<square_root_curve>> curves{{"one", {1}, {}},
                                                                              {"two", {2}, {}}};
    const auto result = allocate_spend(curves, 100);
    CHECK(result.at("one").spend == doctest::Approx(20).epsilon(1e-10));
    CHECK(result.at("two").spend == doctest::Approx(80).epsilon(1e-10));
    CHECK(result.total_spend == 100);
}

TEST_CASE("with two curves the split matches a golden-section search on the budget line") {
    std::mt19937_64 rng(20240611);
    std::uniform_real_distribution<double> unit(0, 1);
    for (int round = 0; round < 40; ++round) {
        const double budget = 100 + 9900 * unit(rng);
        const std::vector<named_response> curves{
            {"p",
             response_curve::hill(1000 + 5000 * unit(rng), 200 + 3000 * unit(rng),
                                  0.3 + 0.7 * unit(rng)),
             {}},
            {"q",
             response_curve::exponential(1000 + 5000 * unit(rng), 200 + 3000 * unit(rng)),
             {}}};
        const spend_bounds p_bounds{0.2 * budget * unit(rng), budget};
        const auto result = allocate_spend(curves, budget, {{"p", p_bounds}});

        // Total response along x_p + x_q = B is concave in x_p: golden-section search.
        const auto along = [&](double xp) {
            return curves[0].curve.value(xp) + curves[1].curve.value(budget - xp);
        };
        double lo = p_bounds.lower;
        double hi = budget;
        const double ratio = (std::sqrt(5.0) - 1) / 2;
        for (int step = 0; step < 200; ++step) {
            const double left = hi - ratio * (hi - lo);
            const double right = lo + ratio * (hi - lo);
            (along(left) < along(right) ? lo : hi) = along(left) < along(right) ? left : right;
        }
        CAPTURE(round);
        CHECK(result.at("p").spend == doctest::Approx((lo + hi) / 2).epsilon(1e-6).scale(budget));
        CHECK(result.total_response >= along((lo + hi) / 2) - 1e-9 * result.total_response);
        CHECK(result.total_spend == budget);
    }
}

TEST_CASE("random allocations meet the KKT conditions and sum to the budget exactly") {
    std::mt19937_64 rng(77);
    std::uniform_real_distribution<double> unit(0, 1);
    for (int round = 0; round < 200; ++round) {
        const std::size_t count = 1 + rng() % 12;
        std::vector<named_response> curves;
        std::map<std::string, spend_bounds> bounds;
        double lower_sum = 0;
        double upper_sum = 0;
        for (std::size_t i = 0; i < count; ++i) {
            const std::string name = "kol_" + std::to_string(count - i);
            const double a = 100 + 10000 * unit(rng);
            const double k = 50 + 5000 * unit(rng);
            switch (rng() % 4) {
            case 0:
                curves.push_back({name, response_curve::logarithmic(a, k), {}});
                break;
            case 1:
                curves.push_back({name, response_curve::hill(a, k), {}});
                break;
            case 2:
                curves.push_back({name, response_curve::hill(a, k, 0.2 + 0.8 * unit(rng)), {}});
                break;
            default:
                curves.push_back({name, response_curve::exponential(a, k), {}});
            }
            const double lower = rng() % 3 == 0 ? 500 * unit(rng) : 0;
            const double upper = rng() % 3 == 0 ? lower + 3000 * unit(rng) : 1e9;
            if (lower > 0 || upper < 1e9) {
                bounds[name] = {lower, upper};
            }
            lower_sum += lower;
            upper_sum += upper;
        }
        const double budget = lower_sum + (std::min(upper_sum, 20000.0) - lower_sum) * unit(rng);
        CAPTURE(round);
        const auto result = allocate_spend(curves, budget, bounds);

        CHECK(ordered_total(result) == budget);
        // Interior names share one marginal return; names held at a bound lean the right way.
        double interior_max = 0;
        double interior_min = HUGE_VAL;
        for (const auto& entry : result.entries) {
            CHECK(entry.spend >= entry.bounds.lower);
            CHECK(entry.spend <= entry.bounds.upper);
            if (entry.spend > entry.bounds.lower && entry.spend < entry.bounds.upper) {
                interior_max = std::max(interior_max, entry.marginal_return);
                interior_min = std::min(interior_min, entry.marginal_return);
            }
        }
        const double lambda = result.marginal_return;
        if (interior_max > 0) {
            CHECK(interior_max == doctest::Approx(lambda).epsilon(1e-9));
            CHECK(interior_min == doctest::Approx(lambda).epsilon(1e-9));
        }
        for (const auto& entry : result.entries) {
            if (entry.spend == entry.bounds.lower && entry.spend < entry.bounds.upper) {
                CHECK(entry.marginal_return <= lambda * (1 + 1e-6));
            }
            if (entry.spend == entry.bounds.upper && entry.spend > entry.bounds.lower) {
                CHECK(entry.marginal_return >= lambda * (1 - 1e-6));
            }
        }
    }
}

TEST_CASE("Hill curves with s < 1 all get some spend, their marginal being infinite at zero") {
    const std::vector<named_response> curves{{"small", response_curve::hill(10, 5000, 0.5), {}},
                                             {"large", response_curve::hill(100000, 50, 0.5), {}}};
    const auto result = allocate_spend(curves, 1000);
    CHECK(result.at("small").spend > 0);
    CHECK(result.at("large").spend > 0);
    CHECK(result.at("small").marginal_return ==
          doctest::Approx(result.at("large").marginal_return).epsilon(1e-9));
}

TEST_CASE("a budget of zero gives zero to every name") {
    const std::vector<named_response> curves{{"a", response_curve::logarithmic(1, 1), {}},
                                             {"b", response_curve::exponential(1, 1), {}}};
    const auto result = allocate_spend(curves, 0);
    CHECK(result.at("a").spend == 0);
    CHECK(result.at("b").spend == 0);
    CHECK(result.total_response == 0);
}

TEST_CASE("infeasible bounds are errors that name the amounts") {
    const auto curve = response_curve::logarithmic(1, 100);
    const std::vector<named_response> curves{{"x", curve, {}}, {"y", curve, {}}};

    const auto lowers = error_text([&] {
        allocate_spend(curves, 1000, {{"x", {700, 900}}, {"y", {600, 800}}});
    });
    CHECK(lowers.find("lower bounds add up to 1300.00, above the budget 1000.00") !=
          std::string::npos);

    const auto uppers = error_text([&] {
        allocate_spend(curves, 1000, {{"x", {0, 300}}, {"y", {0, 450.5}}});
    });
    CHECK(uppers.find("upper bounds add up to 750.50, below the budget 1000.00") !=
          std::string::npos);

    const auto crossed = error_text([&] { allocate_spend(curves, 1000, {{"y", {500, 100}}}); });
    CHECK(crossed.find("'y' have lower 500.00 above upper 100.00") != std::string::npos);

    const auto unknown = error_text([&] { allocate_spend(curves, 1000, {{"z", {0, 10}}}); });
    CHECK(unknown.find("'z', which is not among the 2 curves") != std::string::npos);

    try {
        allocate_spend(curves, 1000, {{"x", {700, 900}}, {"y", {600, 800}}});
    } catch (const kolroi::error& e) {
        CHECK(e.kind() == kolroi::error_kind::data_error);
    }
}

TEST_CASE("names must be present and distinct, and the budget finite and >= 0") {
    const auto curve = response_curve::logarithmic(1, 100);
    const auto repeated = error_text([&] {
        allocate_spend(std::vector<named_response>{{"x", curve, {}}, {"x", curve, {}}}, 10);
    });
    CHECK(repeated.find("'x' is given twice (curves 1 and 2)") != std::string::npos);
    CHECK(error_text([&] {
              allocate_spend(std::vector<named_response>{{"", curve, {}}}, 10);
          }).find("empty name") != std::string::npos);
    const std::vector<named_response> one{{"x", curve, {}}};
    CHECK(error_text([&] { allocate_spend(one, -5); }).find("budget -5.00") != std::string::npos);
    CHECK_THROWS_AS(allocate_spend(one, HUGE_VAL), kolroi::error);
    CHECK_THROWS_AS(allocate_spend(one, 10, {{"x", {-1, 5}}}), kolroi::error);
    CHECK_THROWS_AS((void)allocate_spend(one, 10).at("nobody"), kolroi::error);
}
