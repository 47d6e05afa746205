// Tests for kolroi/budget/knapsack.hpp: small cases worked by hand, the errors for constraints
// that cannot be met, and random instances checked against every subset enumerated here.
#include "kolroi/budget/knapsack.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <cstdint>
#include <functional>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <vector>

using kolroi::deal_candidate;
using kolroi::deal_selection_options;
using kolroi::gmv_forecast;
using kolroi::gmv_measure;
using kolroi::platform;
using kolroi::select_deals;

namespace {

using names = std::vector<std::string>;

deal_candidate deal(std::string name, platform where, double price, double mean, double sd = 0,
                    std::optional<double> lower = std::nullopt) {
    return {std::move(name), where, price, gmv_forecast{mean, sd, lower, std::nullopt}, {}};
}

// A 0/1 choice where booking by GMV per unit of price goes wrong: B has the best ratio (2.258),
// but B + C (spend 600, GMV 1260) loses to A alone (spend 600, GMV 1300) within 600.
std::vector<deal_candidate> three_deals() {
    return {deal("kol_a", platform::tiktok, 600, 1300),
            deal("kol_b", platform::instagram, 310, 700),
            deal("kol_c", platform::instagram, 290, 560)};
}

std::string error_text(const std::function<void()>& call) {
    try {
        call();
    } catch (const kolroi::error& e) {
        return e.what();
    }
    return "no error";
}

kolroi::error_kind error_kind_of(const std::function<void()>& call) {
    try {
        call();
    } catch (const kolroi::error& e) {
        return e.kind();
    }
    FAIL("expected an error");
    return kolroi::error_kind::invalid_argument;
}

bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

} // namespace

TEST_CASE("the exact choice beats booking by GMV per unit of price") {
    const auto result = select_deals(three_deals(), 600);
    CHECK(result.names() == names{"kol_a"});
    CHECK(result.total_spend == 600);
    CHECK(result.expected_gmv == 1300);
    CHECK(result.objective == 1300);
    REQUIRE(result.roas.has_value());
    CHECK(*result.roas == doctest::Approx(1300.0 / 600));
    REQUIRE(result.deals.size() == 1);
    CHECK(result.deals[0].platform == platform::tiktok);
    CHECK(result.deals[0].price == 600);
    CHECK(result.deals[0].contribution == 1300);
    CHECK(*result.deals[0].roas == doctest::Approx(1300.0 / 600));
    CHECK_FALSE(result.deals[0].must_book);
}

TEST_CASE("a larger budget books two deals, in the order the candidates were given") {
    // Within 910: A + B = 2000 (910), A + C = 1860 (890), B + C = 1260 (600).
    const auto result = select_deals(three_deals(), 910);
    CHECK(result.names() == names{"kol_a", "kol_b"});
    CHECK(result.total_spend == 910);
    CHECK(result.expected_gmv == 2000);
    CHECK(result.spend_by_platform.at(platform::tiktok) == 600);
    CHECK(result.spend_by_platform.at(platform::instagram) == 310);
}

TEST_CASE("with a gross margin the objective is profit, margin * GMV - price") {
    // Margin 0.5: profit A = 650 - 600 = 50, B = 350 - 310 = 40, C = 280 - 290 = -10.
    // Within 900 the GMV choice is A + C (1860); the profit choice is A alone (50; A + C is 40).
    CHECK(select_deals(three_deals(), 900).names() == names{"kol_a", "kol_c"});
    deal_selection_options options;
    options.gross_margin = 0.5;
    const auto result = select_deals(three_deals(), 900, options);
    CHECK(result.names() == names{"kol_a"});
    CHECK(result.objective == doctest::Approx(50));
    CHECK(result.expected_gmv == 1300);
}

TEST_CASE("when every deal loses money at the margin, nothing is booked") {
    // Margin 0.4: A = 520 - 600, B = 280 - 310, C = 224 - 290, all below zero.
    deal_selection_options options;
    options.gross_margin = 0.4;
    const auto result = select_deals(three_deals(), 2000, options);
    CHECK(result.deals.empty());
    CHECK(result.total_spend == 0);
    CHECK(result.objective == 0);
    CHECK_FALSE(result.roas.has_value()); // no spend: ROAS is undefined, not 0
}

TEST_CASE("a risk-averse objective books narrower forecasts") {
    // Budget 1000 books two of three deals priced 500.
    //   X: mean 2000, sd 1000, lower 1200   Y: mean 1500, sd 100, lower 1400
    //   Z: mean 1700, sd 300,  lower 500
    // mean:            X + Z = 3700
    // 10% normal:      X 718.45, Y 1371.84, Z 1315.53, so Y + Z = 3200 - 1.28155 * 400 = 2687.38
    // interval lower:  X + Y = 2600
    const std::vector<deal_candidate> candidates{
        deal("x", platform::youtube, 500, 2000, 1000, 1200),
        deal("y", platform::youtube, 500, 1500, 100, 1400),
        deal("z", platform::youtube, 500, 1700, 300, 500)};
    const auto by_mean = select_deals(candidates, 1000);
    CHECK(by_mean.names() == names{"x", "z"});
    CHECK(by_mean.objective == 3700);

    deal_selection_options normal;
    normal.gmv = {gmv_measure::normal_quantile, 0.10};
    const auto by_quantile = select_deals(candidates, 1000, normal);
    CHECK(by_quantile.names() == names{"y", "z"});
    CHECK(by_quantile.objective == doctest::Approx(3200 - 1.2815515655446004 * 400));
    CHECK(by_quantile.expected_gmv == 3200);
    CHECK(by_quantile.deals[0].objective_gmv == doctest::Approx(1500 - 1.2815515655446004 * 100));

    deal_selection_options interval;
    interval.gmv = {gmv_measure::interval_lower, 0.10};
    const auto by_interval = select_deals(candidates, 1000, interval);
    CHECK(by_interval.names() == names{"x", "y"});
    CHECK(by_interval.objective == 2600);
    CHECK(by_interval.expected_gmv == 3500);
}

TEST_CASE("must-book and never-book lists fix deals by name") {
    deal_selection_options must;
    must.must_book = {"kol_b"};
    // With B booked, 290 is left: C (560) beats nothing.
    const auto with_b = select_deals(three_deals(), 600, must);
    CHECK(with_b.names() == names{"kol_b", "kol_c"});
    CHECK(with_b.deals[0].must_book);
    CHECK_FALSE(with_b.deals[1].must_book);

    deal_selection_options never;
    never.never_book = {"kol_a"};
    CHECK(select_deals(three_deals(), 600, never).names() == names{"kol_b", "kol_c"});

    // A must-book deal stays booked even when it loses money.
    deal_selection_options losing;
    losing.gross_margin = 0.4;
    losing.must_book = {"kol_c"};
    const auto forced = select_deals(three_deals(), 2000, losing);
    CHECK(forced.names() == names{"kol_c"});
    CHECK(forced.objective == doctest::Approx(224 - 290));
}

TEST_CASE("per-platform spend bounds are met") {
    deal_selection_options minimum;
    minimum.platform_bounds[platform::instagram] = {600, HUGE_VAL};
    // Instagram must take B + C (600); the 310 left cannot buy A.
    const auto with_minimum = select_deals(three_deals(), 910, minimum);
    CHECK(with_minimum.names() == names{"kol_b", "kol_c"});
    CHECK(with_minimum.spend_by_platform.at(platform::instagram) == 600);

    deal_selection_options maximum;
    maximum.platform_bounds[platform::tiktok] = {0, 500};
    const auto with_maximum = select_deals(three_deals(), 910, maximum);
    CHECK(with_maximum.names() == names{"kol_b", "kol_c"});
    CHECK(with_maximum.spend_by_platform.at(platform::tiktok) == 0);

    // A minimum can book a deal that loses money: profit A = -80 at margin 0.4.
    deal_selection_options losing;
    losing.gross_margin = 0.4;
    losing.platform_bounds[platform::tiktok] = {100, HUGE_VAL};
    CHECK(select_deals(three_deals(), 2000, losing).names() == names{"kol_a"});
}

TEST_CASE("prices are rounded to cents before the budget is checked") {
    const std::vector<deal_candidate> candidates{deal("under", platform::tiktok, 100.004, 500),
                                                 deal("over", platform::instagram, 100.006, 900)};
    const auto result = select_deals(candidates, 100);
    CHECK(result.names() == names{"under"});
    CHECK(result.deals[0].price == 100);
}

TEST_CASE("a free deal with a positive forecast is booked and has no ROAS") {
    const std::vector<deal_candidate> candidates{deal("gifted", platform::tiktok, 0, 300),
                                                 deal("paid", platform::tiktok, 400, 900)};
    const auto result = select_deals(candidates, 100);
    CHECK(result.names() == names{"gifted"});
    CHECK_FALSE(result.deals[0].roas.has_value());
    CHECK_FALSE(result.roas.has_value());
    CHECK(result.expected_gmv == 300);
}

TEST_CASE("round quotes with GMV proportional to price are solved, not given up on") {
    // Every deal returns 2.5 times its price, so the best set spends the most that any subset of
    // the quotes can reach within the budget, which ends in 50 while the quotes are whole
    // hundreds (and, in the second round, one quote ends in .01). The linear bound alone never
    // closes that gap; the reachable spend, worked out here with a set of sums, does.
    for (const bool odd_quote : {false, true}) {
        std::mt19937_64 rng(2025);
        std::vector<deal_candidate> candidates;
        std::vector<std::int64_t> quotes;
        std::int64_t total = 0;
        for (int i = 0; i < 60; ++i) {
            std::int64_t cents = 100 * 100 * static_cast<std::int64_t>(5 + rng() % 100);
            if (odd_quote && i == 30) {
                cents += 1;
            }
            quotes.push_back(cents);
            total += cents;
            const double price = static_cast<double>(cents) / 100;
            candidates.push_back(
                deal("kol_" + std::to_string(i), platform::tiktok, price, 2.5 * price));
        }
        const std::int64_t budget = total / 2 / 10000 * 10000 + 5000;

        std::set<std::int64_t> sums{0};
        for (const std::int64_t quote : quotes) {
            std::vector<std::int64_t> grown;
            for (const std::int64_t sum : sums) {
                if (sum + quote <= budget) {
                    grown.push_back(sum + quote);
                }
            }
            sums.insert(grown.begin(), grown.end());
        }
        const double reachable = static_cast<double>(*sums.rbegin()) / 100;

        CAPTURE(odd_quote);
        const auto result = select_deals(candidates, static_cast<double>(budget) / 100);
        CHECK(result.total_spend == reachable);
        CHECK(result.objective == doctest::Approx(2.5 * reachable));
    }
}

TEST_CASE("constraints that cannot be met are errors that name the amounts") {
    deal_selection_options must;
    must.must_book = {"kol_a", "kol_b"};
    const auto over_budget = error_text([&] { select_deals(three_deals(), 800, must); });
    CHECK(contains(over_budget, "must-book deals cost 910.00 in total, above the budget 800.00"));
    CHECK(error_kind_of([&] { select_deals(three_deals(), 800, must); }) ==
          kolroi::error_kind::data_error);

    deal_selection_options youtube;
    youtube.platform_bounds[platform::youtube] = {100, 1000};
    CHECK(contains(error_text([&] { select_deals(three_deals(), 800, youtube); }),
                   "youtube minimum is 100.00 but the youtube candidates that may be booked "
                   "cost 0.00 in total"));

    deal_selection_options capped;
    capped.must_book = {"kol_b", "kol_c"};
    capped.platform_bounds[platform::instagram] = {0, 500};
    CHECK(contains(error_text([&] { select_deals(three_deals(), 2000, capped); }),
                   "must-book deals on instagram cost 600.00, above the instagram maximum 500.00"));

    deal_selection_options minimums;
    minimums.platform_bounds[platform::tiktok] = {500, HUGE_VAL};
    minimums.platform_bounds[platform::instagram] = {400, HUGE_VAL};
    CHECK(contains(error_text([&] { select_deals(three_deals(), 800, minimums); }),
                   "need at least 900.00, above the budget 800.00"));

    // Each bound is reachable alone, but no subset of {300, 400} lands in [500, 550].
    const std::vector<deal_candidate> gaps{deal("t1", platform::tiktok, 300, 900),
                                           deal("t2", platform::tiktok, 400, 900)};
    deal_selection_options window;
    window.platform_bounds[platform::tiktok] = {500, 550};
    CHECK(contains(error_text([&] { select_deals(gaps, 1000, window); }),
                   "no set of deals fits the budget 1000.00 and the platform bounds (tiktok "
                   "[500.00, 550.00])"));
}

TEST_CASE("names on the lists must be candidates, and on one list only") {
    deal_selection_options unknown;
    unknown.never_book = {"kol_zz"};
    CHECK(contains(error_text([&] { select_deals(three_deals(), 800, unknown); }),
                   "never-book list names 'kol_zz', which is not among the 3 candidates"));
    deal_selection_options unknown_must;
    unknown_must.must_book = {"KOL_A"};
    CHECK(contains(error_text([&] { select_deals(three_deals(), 800, unknown_must); }),
                   "must-book list names 'KOL_A'"));
    deal_selection_options both;
    both.must_book = {"kol_b"};
    both.never_book = {"kol_b"};
    CHECK(contains(error_text([&] { select_deals(three_deals(), 800, both); }),
                   "'kol_b' is on both the must-book and the never-book list"));
}

TEST_CASE("unusable candidates and options are refused, with the candidate's location") {
    auto broken = three_deals();
    broken[1].price = -5;
    broken[1].where = {"kols.csv", 3, ""};
    try {
        select_deals(broken, 800);
        FAIL("expected an error");
    } catch (const kolroi::error& e) {
        CHECK(e.kind() == kolroi::error_kind::invalid_argument);
        CHECK(e.where().line == 3);
        CHECK(e.where().field == "price");
        CHECK(contains(e.what(), "kols.csv:3: field 'price': select_deals: candidate 'kol_b' "
                                 "has price -5.00"));
    }

    auto repeated = three_deals();
    repeated[2].name = "kol_a";
    CHECK(contains(error_text([&] { select_deals(repeated, 800); }), "'kol_a' is given twice"));

    auto unnamed = three_deals();
    unnamed[0].name.clear();
    CHECK_THROWS_AS(select_deals(unnamed, 800), kolroi::error);

    auto spread = three_deals();
    spread[0].gmv.sd = -1;
    CHECK_THROWS_AS(select_deals(spread, 800), kolroi::error);

    deal_selection_options interval;
    interval.gmv = {gmv_measure::interval_lower, 0.1};
    CHECK(contains(error_text([&] { select_deals(three_deals(), 800, interval); }),
                   "candidate 'kol_a' has no GMV lower bound"));

    deal_selection_options margin;
    margin.gross_margin = 1.5;
    CHECK(contains(error_text([&] { select_deals(three_deals(), 800, margin); }),
                   "gross margin 1.5 is outside (0, 1]"));

    deal_selection_options crossed;
    crossed.platform_bounds[platform::tiktok] = {700, 600};
    CHECK(contains(error_text([&] { select_deals(three_deals(), 800, crossed); }),
                   "spend bounds for tiktok are [700.00, 600.00]"));

    deal_selection_options huge;
    huge.platform_bounds[platform::youtube] = {0, 1e15};
    CHECK(contains(error_text([&] { select_deals(three_deals(), 800, huge); }),
                   "max <= 1e12 or unlimited"));

    CHECK(contains(error_text([&] { select_deals(three_deals(), -1); }), "budget -1.00"));
}

TEST_CASE("beyond the size limits the search fails clearly instead of guessing") {
    std::vector<deal_candidate> many;
    for (std::size_t i = 0; i <= kolroi::max_deal_candidates; ++i) {
        many.push_back(deal("kol_" + std::to_string(i), platform::tiktok, 100, 200));
    }
    CHECK(error_kind_of([&] { select_deals(many, 1000); }) == kolroi::error_kind::unsupported);

    deal_selection_options tiny;
    tiny.max_nodes = 3;
    const auto stopped = error_text([&] { select_deals(three_deals(), 910, tiny); });
    CHECK(contains(stopped, "visited 3 nodes without proving a set best"));
}

namespace {

// Standard normal quantiles, written out so the brute force does not share the library's code.
double z_of(double q) {
    return q == 0.10 ? -1.2815515655446004 : -1.6448536269514722;
}

struct instance {
    std::vector<deal_candidate> candidates;
    std::int64_t budget_cents = 0;
    deal_selection_options options;
};

// Every subset, constraints in integer cents; the best objective, or nothing when none is
// feasible.
std::optional<double> brute_force(const instance& problem) {
    const auto& c = problem.candidates;
    const auto& o = problem.options;
    const std::size_t n = c.size();
    std::vector<double> value(n);
    std::vector<std::int64_t> cents(n);
    for (std::size_t i = 0; i < n; ++i) {
        cents[i] = std::llround(c[i].price * 100);
        double figure = c[i].gmv.mean;
        if (o.gmv.measure == gmv_measure::normal_quantile) {
            figure = c[i].gmv.mean + z_of(o.gmv.quantile) * c[i].gmv.sd;
        } else if (o.gmv.measure == gmv_measure::interval_lower) {
            figure = *c[i].gmv.lower;
        }
        value[i] = o.gross_margin ? *o.gross_margin * figure - c[i].price : figure;
    }
    const auto listed = [](const std::vector<std::string>& list, const std::string& name) {
        return std::find(list.begin(), list.end(), name) != list.end();
    };

    std::optional<double> best;
    for (std::uint32_t mask = 0; mask < (1u << n); ++mask) {
        bool ok = true;
        std::int64_t spend = 0;
        std::map<platform, std::int64_t> by_platform;
        double total = 0;
        for (std::size_t i = 0; i < n && ok; ++i) {
            const bool in = (mask >> i) & 1u;
            ok = in ? !listed(o.never_book, c[i].name) : !listed(o.must_book, c[i].name);
            if (in) {
                spend += cents[i];
                by_platform[c[i].platform] += cents[i];
                total += value[i];
            }
        }
        ok = ok && spend <= problem.budget_cents;
        for (const auto& [where, range] : o.platform_bounds) {
            const std::int64_t used = by_platform[where];
            ok = ok && used >= std::llround(range.min * 100) &&
                 (std::isinf(range.max) || used <= std::llround(range.max * 100));
        }
        if (ok && (!best || total > *best)) {
            best = total;
        }
    }
    return best;
}

instance random_instance(std::mt19937_64& rng, bool platform_bounds, bool lists, bool risk,
                         bool margin) {
    std::uniform_real_distribution<double> unit(0, 1);
    const platform platforms[] = {platform::tiktok, platform::instagram, platform::youtube};
    instance problem;
    const std::size_t n = 1 + rng() % 12;
    std::map<platform, std::int64_t> platform_total;
    std::int64_t total = 0;
    for (std::size_t i = 0; i < n; ++i) {
        const std::int64_t cents = 5000 + static_cast<std::int64_t>(rng() % 145000);
        const double price = static_cast<double>(cents) / 100;
        const double mean = price * (0.5 + 3.5 * unit(rng));
        const double sd = mean * 0.8 * unit(rng);
        const platform where = platforms[rng() % 3];
        problem.candidates.push_back(
            {"kol_" + std::to_string(n - i),
             where,
             price,
             gmv_forecast{mean, sd, mean - sd * (0.5 + 1.5 * unit(rng)), mean + sd},
             {}});
        platform_total[where] += cents;
        total += cents;
    }
    problem.budget_cents =
        static_cast<std::int64_t>(static_cast<double>(total) * (0.2 + 0.6 * unit(rng)));

    if (platform_bounds) {
        const platform low = platforms[rng() % 3];
        const platform high = platforms[rng() % 3];
        problem.options.platform_bounds[low].min =
            std::floor(static_cast<double>(platform_total[low]) * 0.5 * unit(rng)) / 100;
        problem.options.platform_bounds[high].max =
            std::floor(static_cast<double>(platform_total[high]) * (0.2 + 0.7 * unit(rng))) / 100;
        if (problem.options.platform_bounds[high].max < problem.options.platform_bounds[high].min) {
            problem.options.platform_bounds[high].max = problem.options.platform_bounds[high].min;
        }
    }
    if (lists) {
        for (std::size_t i = 0; i < n; ++i) {
            const auto roll = rng() % 6;
            if (roll == 0) {
                problem.options.must_book.push_back(problem.candidates[i].name);
            } else if (roll == 1) {
                problem.options.never_book.push_back(problem.candidates[i].name);
            }
        }
    }
    if (risk) {
        problem.options.gmv =
            rng() % 2 == 0
                ? kolroi::gmv_objective{gmv_measure::interval_lower, 0.10}
                : kolroi::gmv_objective{gmv_measure::normal_quantile, rng() % 2 == 0 ? 0.10 : 0.05};
    }
    if (margin) {
        problem.options.gross_margin = 0.2 + 0.7 * unit(rng);
    }
    return problem;
}

} // namespace

TEST_CASE("random instances: the search finds the brute-force optimum") {
    std::mt19937_64 rng(31337);
    std::size_t solved = 0;
    std::size_t infeasible = 0;
    for (int variant = 0; variant < 16; ++variant) {
        const bool platform_bounds = variant & 1;
        const bool lists = variant & 2;
        const bool risk = variant & 4;
        const bool margin = variant & 8;
        for (int round = 0; round < 60; ++round) {
            const instance problem = random_instance(rng, platform_bounds, lists, risk, margin);
            const double budget = static_cast<double>(problem.budget_cents) / 100;
            const auto expected = brute_force(problem);
            CAPTURE(variant);
            CAPTURE(round);
            if (!expected) {
                CHECK(error_kind_of([&] {
                          select_deals(problem.candidates, budget, problem.options);
                      }) == kolroi::error_kind::data_error);
                deal_selection_options at_once = problem.options;
                at_once.quick_pass_nodes = 0;
                CHECK(error_kind_of([&] { select_deals(problem.candidates, budget, at_once); }) ==
                      kolroi::error_kind::data_error);
                ++infeasible;
                continue;
            }
            // Once with the limits lowered to the reachable spend at once, once as by default.
            instance tightened = problem;
            tightened.options.quick_pass_nodes = 0;
            const auto result = select_deals(problem.candidates, budget, problem.options);
            const auto at_once = select_deals(problem.candidates, budget, tightened.options);
            double scale = 1;
            for (const auto& candidate : problem.candidates) {
                scale += std::fabs(candidate.gmv.mean) + candidate.price;
            }
            CHECK(result.objective == doctest::Approx(*expected).epsilon(1e-12).scale(scale));
            CHECK(at_once.objective == doctest::Approx(*expected).epsilon(1e-12).scale(scale));

            // The returned set itself meets every constraint.
            instance only_result = problem;
            for (const auto& candidate : problem.candidates) {
                const auto names_booked = result.names();
                const bool booked = std::find(names_booked.begin(), names_booked.end(),
                                              candidate.name) != names_booked.end();
                (booked ? only_result.options.must_book : only_result.options.never_book)
                    .push_back(candidate.name);
            }
            const auto check = brute_force(only_result);
            REQUIRE(check.has_value());
            CHECK(*check == doctest::Approx(result.objective).epsilon(1e-12).scale(scale));
            CHECK(result.total_spend <= budget);
            ++solved;
        }
    }
    MESSAGE("solved " << solved << ", infeasible " << infeasible);
    CHECK(solved > 600);
    CHECK(infeasible > 10);
}
