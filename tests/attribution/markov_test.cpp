// Tests for kolroi/attribution/markov.hpp: the removal-effect Markov model, solved exactly.
#include "kolroi/attribution/markov.hpp"
#include "kolroi/attribution/transition_matrix.hpp"
#include "kolroi/io/channel_attribution_paths.hpp"
#include "kolroi/io/file.hpp"

#include "test_support.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <fstream>
#include <map>
#include <random>
#include <set>
#include <string>
#include <string_view>
#include <vector>

using kolroi::test::make_paths;

namespace {

// Case M5: every row sums to 1 and the absorbing rows have 1 on the diagonal.
void check_stochastic(const kolroi::transition_matrix& matrix) {
    REQUIRE(matrix.probabilities.rows() == static_cast<Eigen::Index>(matrix.size()));
    REQUIRE(matrix.probabilities.cols() == static_cast<Eigen::Index>(matrix.size()));
    for (Eigen::Index row = 0; row < matrix.probabilities.rows(); ++row) {
        CHECK(matrix.probabilities.row(row).sum() == doctest::Approx(1.0).epsilon(1e-14));
        CHECK(matrix.probabilities.row(row).minCoeff() >= 0.0);
    }
    const auto conversion = static_cast<Eigen::Index>(matrix.conversion_state);
    const auto null = static_cast<Eigen::Index>(matrix.null_state);
    CHECK(matrix.probabilities(conversion, conversion) == 1.0);
    CHECK(matrix.probabilities(null, null) == 1.0);
    CHECK(matrix.states[matrix.start_state] == kolroi::markov_start_name);
    CHECK(matrix.states[matrix.conversion_state] == kolroi::markov_conversion_name);
    CHECK(matrix.states[matrix.null_state] == kolroi::markov_null_name);
}

double credit_of(const kolroi::credit_table& table, const kolroi::journey_store& store,
                 std::string_view name) {
    return table.of(store.channels(), name).conversions;
}

double removal_of(const kolroi::markov_model& model, const kolroi::journey_store& store,
                  std::string_view name) {
    return model.removal_effect(*store.channels().find(name));
}

// An independent solver: the chain keyed by state names in std::maps, absorption probabilities
// by Gauss-Seidel iteration until no value moves by 1e-15. It shares nothing with the library.
struct reference_row {
    std::vector<std::string> path;
    double conversions = 0;
    double nulls = 0;
};

struct reference_chain {
    std::map<std::string, std::map<std::string, double>> counts;
    std::map<std::string, std::set<std::string>> members; // the channels in each state
    std::set<std::string> channels;
    double conversions = 0;
};

reference_chain reference_fit(const std::vector<reference_row>& rows, std::size_t order,
                              bool collapse) {
    reference_chain chain;
    for (const auto& row : rows) {
        const double weight = row.conversions + row.nulls;
        if (row.path.empty() || weight == 0) {
            continue;
        }
        std::vector<std::string> path;
        for (const auto& name : row.path) {
            if (!(collapse && !path.empty() && path.back() == name)) {
                path.push_back(name);
            }
        }
        std::vector<std::string> padded(order, "^");
        padded.insert(padded.end(), path.begin(), path.end());
        std::string from = "START";
        for (std::size_t t = 0; t < path.size(); ++t) {
            std::string to;
            std::set<std::string> in;
            for (std::size_t k = t + 1; k <= t + order; ++k) {
                to += padded[k] + "|";
                if (padded[k] != "^") {
                    in.insert(padded[k]);
                    chain.channels.insert(padded[k]);
                }
            }
            chain.members[to] = in;
            chain.counts[from][to] += weight;
            from = to;
        }
        chain.counts[from]["CONV"] += row.conversions;
        chain.counts[from]["NULL"] += row.nulls;
        chain.conversions += row.conversions;
    }
    return chain;
}

double reference_conversion(const reference_chain& chain, const std::string& removed) {
    std::map<std::string, double> x;
    for (int sweep = 0; sweep < 200000; ++sweep) {
        double change = 0;
        for (const auto& [from, row] : chain.counts) {
            double total = 0;
            double reach = 0;
            for (const auto& [to, count] : row) {
                total += count;
                if (to == "CONV") {
                    reach += count;
                } else if (to != "NULL" && chain.members.at(to).count(removed) == 0) {
                    reach += count * x[to];
                }
            }
            const double next = reach / total;
            change = std::max(change, std::abs(next - x[from]));
            x[from] = next;
        }
        if (change < 1e-15) {
            return x["START"];
        }
    }
    FAIL("the reference iteration did not converge");
    return 0;
}

// Credits by the reference solver, keyed by channel name.
std::map<std::string, double> reference_credits(const std::vector<reference_row>& rows,
                                                std::size_t order, bool collapse) {
    const reference_chain chain = reference_fit(rows, order, collapse);
    const double base = reference_conversion(chain, "");
    std::map<std::string, double> effects;
    double total = 0;
    for (const auto& name : chain.channels) {
        effects[name] = 1.0 - reference_conversion(chain, name) / base;
        total += effects[name];
    }
    for (auto& [name, effect] : effects) {
        effect = effect / total * chain.conversions;
    }
    return effects;
}

// Data.csv parsed directly: ';' between fields, '>' between touches, blanks trimmed.
std::vector<reference_row> parse_data_csv(const std::filesystem::path& path) {
    std::ifstream in(path);
    std::string line;
    std::getline(in, line);
    std::vector<reference_row> rows;
    const auto trimmed = [](std::string text) {
        const auto first = text.find_first_not_of(' ');
        const auto last = text.find_last_not_of(' ');
        return first == std::string::npos ? std::string() : text.substr(first, last - first + 1);
    };
    while (std::getline(in, line)) {
        const auto a = line.find(';');
        const auto b = line.find(';', a + 1);
        const auto c = line.find(';', b + 1);
        reference_row row;
        std::string path = line.substr(0, a);
        std::size_t start = 0;
        while (true) {
            const auto at = path.find('>', start);
            row.path.push_back(trimmed(path.substr(start, at - start)));
            if (at == std::string::npos) {
                break;
            }
            start = at + 1;
        }
        row.conversions = std::stod(line.substr(a + 1, b - a - 1));
        row.nulls = std::stod(line.substr(c + 1));
        rows.push_back(row);
    }
    return rows;
}

// A seeded store with many repeated touches, and the same rows for the reference solver.
struct random_paths {
    kolroi::journey_store store;
    std::vector<reference_row> rows;
};

random_paths make_random_paths(std::uint64_t seed) {
    random_paths out;
    std::mt19937_64 random(seed);
    std::uniform_int_distribution<int> length(1, 7);
    std::uniform_int_distribution<int> channel(0, 4);
    std::uniform_int_distribution<int> count(0, 4);
    std::bernoulli_distribution repeat(0.4);
    const std::vector<std::string> names = {"tiktok", "instagram", "youtube", "email", "search"};
    for (int j = 0; j < 300; ++j) {
        reference_row row;
        const int n = length(random);
        for (int i = 0; i < n; ++i) {
            const bool again = i > 0 && repeat(random);
            row.path.push_back(again ? row.path.back()
                                     : names[static_cast<std::size_t>(channel(random))]);
        }
        row.conversions = count(random);
        row.nulls = count(random);
        std::vector<std::string_view> views(row.path.begin(), row.path.end());
        out.store.add_named(views, row.conversions, row.nulls, 10 * row.conversions);
        out.rows.push_back(row);
    }
    return out;
}

} // namespace

TEST_CASE("non-converting journeys count in the transitions (case M1)") {
    const auto store = make_paths({{"A > B", 1, 0}, {"A", 1, 0}, {"B", 0, 3}});
    const auto model = kolroi::fit_markov(store);
    CHECK(model.conversion_probability() == doctest::Approx(2.0 / 5.0));
    CHECK(removal_of(model, store, "A") == doctest::Approx(5.0 / 8.0));
    CHECK(removal_of(model, store, "B") == doctest::Approx(1.0 / 2.0));

    const auto credits = model.credits();
    CHECK(credit_of(credits, store, "A") == doctest::Approx(10.0 / 9.0));
    CHECK(credit_of(credits, store, "B") == doctest::Approx(8.0 / 9.0));
    CHECK(credits.total().conversions == doctest::Approx(2.0));

    // Counts by hand: start -> A 2, start -> B 3; A -> B 1, A -> conv 1; B -> conv 1, null 3.
    const auto matrix = model.transition_matrix();
    check_stochastic(matrix);
    REQUIRE(matrix.size() == 5);
    CHECK(matrix.states == std::vector<std::string>{"(start)", "A", "B", "(conversion)", "(null)"});
    CHECK(matrix("(start)", "A") == doctest::Approx(0.4));
    CHECK(matrix("(start)", "B") == doctest::Approx(0.6));
    CHECK(matrix("A", "B") == doctest::Approx(0.5));
    CHECK(matrix("A", "(conversion)") == doctest::Approx(0.5));
    CHECK(matrix("B", "(conversion)") == doctest::Approx(0.25));
    CHECK(matrix("B", "(null)") == doctest::Approx(0.75));
    CHECK(matrix("A", "A") == 0.0);
}

TEST_CASE("a chain without any null path, of order 1 and 2 (case M2)") {
    const auto store =
        make_paths({{"A > B > A > B > B > A", 1, 0}, {"A > B > B > A > A", 1, 0}, {"A > A", 1, 0}});

    const auto first = kolroi::fit_markov(store);
    CHECK(first.conversion_probability() == doctest::Approx(1.0));
    CHECK(removal_of(first, store, "A") == doctest::Approx(1.0));
    CHECK(removal_of(first, store, "B") == doctest::Approx(0.5));
    const auto credits = first.credits();
    CHECK(credit_of(credits, store, "A") == doctest::Approx(2.0));
    CHECK(credit_of(credits, store, "B") == doctest::Approx(1.0));

    const auto second = kolroi::markov_attribute(store, {.order = 2});
    CHECK(credit_of(second, store, "A") == doctest::Approx(1.8));
    CHECK(credit_of(second, store, "B") == doctest::Approx(1.2));
}

TEST_CASE("the published transition probabilities of case M2, with and without self-loops") {
    const auto store =
        make_paths({{"A > B > A > B > B > A", 1, 0}, {"A > B > B > A > A", 1, 0}, {"A > A", 1, 0}});

    // ChannelAttribution's vignette counts self-loops: A -> A 2/8, A -> B 3/8, A -> conv 3/8,
    // B -> A 3/5, B -> B 2/5.
    const auto kept = kolroi::fit_markov(store).transition_matrix();
    check_stochastic(kept);
    CHECK(kept("(start)", "A") == doctest::Approx(1.0));
    CHECK(kept("A", "A") == doctest::Approx(2.0 / 8.0));
    CHECK(kept("A", "B") == doctest::Approx(3.0 / 8.0));
    CHECK(kept("A", "(conversion)") == doctest::Approx(3.0 / 8.0));
    CHECK(kept("B", "A") == doctest::Approx(3.0 / 5.0));
    CHECK(kept("B", "B") == doctest::Approx(2.0 / 5.0));
    CHECK(kept("B", "(conversion)") == 0.0);

    // pychattr's README prints the matrix with repeats collapsed: A -> B 0.5, A -> conv 0.5,
    // B -> A 1.
    const auto collapsed =
        kolroi::fit_markov(store, {.repeats = kolroi::repeated_touches::collapse});
    const auto matrix = collapsed.transition_matrix();
    check_stochastic(matrix);
    CHECK(matrix("A", "A") == 0.0);
    CHECK(matrix("A", "B") == doctest::Approx(0.5));
    CHECK(matrix("A", "(conversion)") == doctest::Approx(0.5));
    CHECK(matrix("B", "A") == doctest::Approx(1.0));
    CHECK(removal_of(collapsed, store, "B") == doctest::Approx(0.5));

    // Order 2 names its states by their window of the path.
    const auto windows = kolroi::fit_markov(store, {.order = 2}).transition_matrix();
    check_stochastic(windows);
    CHECK(windows("(start)", "(start) > A") == doctest::Approx(1.0));
    CHECK(windows("(start) > A", "A > B") == doctest::Approx(2.0 / 3.0));
    CHECK(windows("(start) > A", "A > A") == doctest::Approx(1.0 / 3.0));
    CHECK(windows("A > A", "(conversion)") == doctest::Approx(1.0));
}

TEST_CASE("self-loops cannot change first-order removal effects (case M3)") {
    const auto store = make_paths({{"a > a > b", 1, 0}, {"a", 0, 1}});
    for (const auto repeats :
         {kolroi::repeated_touches::keep, kolroi::repeated_touches::collapse}) {
        CAPTURE(static_cast<int>(repeats));
        const auto model = kolroi::fit_markov(store, {.repeats = repeats});
        CHECK(model.conversion_probability() == doctest::Approx(0.5));
        const auto credits = model.credits();
        CHECK(credit_of(credits, store, "a") == doctest::Approx(0.5));
        CHECK(credit_of(credits, store, "b") == doctest::Approx(0.5));
        check_stochastic(model.transition_matrix());
    }
}

TEST_CASE("value and conversions are attributed together (case M4)") {
    const auto store =
        make_paths({{"C1 > C2 > C3", 1, 0, 1000}, {"C1", 0, 1, 0}, {"C2 > C3", 0, 1, 0}});
    const auto model = kolroi::fit_markov(store);
    CHECK(model.conversion_probability() == doctest::Approx(1.0 / 3.0));
    CHECK(model.conversion_probability_without(*store.channels().find("C1")) ==
          doctest::Approx(1.0 / 6.0));
    CHECK(removal_of(model, store, "C1") == doctest::Approx(0.5));
    CHECK(removal_of(model, store, "C2") == doctest::Approx(1.0));
    CHECK(removal_of(model, store, "C3") == doctest::Approx(1.0));

    const auto credits = model.credits();
    const auto& names = store.channels();
    CHECK(credits.of(names, "C1").conversions == doctest::Approx(0.2));
    CHECK(credits.of(names, "C2").conversions == doctest::Approx(0.4));
    CHECK(credits.of(names, "C3").conversions == doctest::Approx(0.4));
    CHECK(credits.of(names, "C1").value == doctest::Approx(200.0));
    CHECK(credits.of(names, "C2").value == doctest::Approx(400.0));
    CHECK(credits.of(names, "C3").value == doctest::Approx(400.0));
    check_stochastic(model.transition_matrix());
}

TEST_CASE("first-order removal effects are the same with repeats kept or collapsed (seeded)") {
    const auto paths = make_random_paths(20261207);
    const auto kept = kolroi::fit_markov(paths.store);
    const auto collapsed =
        kolroi::fit_markov(paths.store, {.repeats = kolroi::repeated_touches::collapse});
    CHECK(kept.conversion_probability() ==
          doctest::Approx(collapsed.conversion_probability()).epsilon(1e-12));
    for (kolroi::channel_id id = 0; id < paths.store.channels().size(); ++id) {
        CAPTURE(paths.store.channels().name(id));
        CHECK(kept.removal_effect(id) > 0.0);
        CHECK(kept.removal_effect(id) ==
              doctest::Approx(collapsed.removal_effect(id)).epsilon(1e-12));
    }
    // The collapsed chain has no self-loops at all; the kept one has.
    const auto loops = [](const kolroi::transition_matrix& m) {
        return m.probabilities.diagonal().head(static_cast<Eigen::Index>(m.size() - 2)).sum();
    };
    CHECK(loops(collapsed.transition_matrix()) == 0.0);
    CHECK(loops(kept.transition_matrix()) > 0.0);
}

TEST_CASE("P(conv) of a chain fitted to whole paths is the share of journeys that convert") {
    // Every journey enters and leaves each state it visits, so the counted flows balance and
    // the absorption probabilities reproduce the observed outcomes, whatever the order.
    const auto paths = make_random_paths(31337);
    double conversions = 0;
    double journeys = 0;
    for (const auto& row : paths.rows) {
        conversions += row.conversions;
        journeys += row.conversions + row.nulls;
    }
    for (const std::size_t order : {1, 2, 3}) {
        for (const auto repeats :
             {kolroi::repeated_touches::keep, kolroi::repeated_touches::collapse}) {
            CAPTURE(order);
            const auto model =
                kolroi::fit_markov(paths.store, {.order = order, .repeats = repeats});
            CHECK(model.conversion_probability() ==
                  doctest::Approx(conversions / journeys).epsilon(1e-12));
        }
    }
}

TEST_CASE("higher-order chains match an independent solver, and repeats matter there (seeded)") {
    const auto paths = make_random_paths(77);
    const auto check = [&](kolroi::repeated_touches repeats, std::size_t order) {
        const bool collapse = repeats == kolroi::repeated_touches::collapse;
        const auto expected = reference_credits(paths.rows, order, collapse);
        const auto credits =
            kolroi::markov_attribute(paths.store, {.order = order, .repeats = repeats});
        for (const auto& [name, conversions] : expected) {
            CAPTURE(name);
            CHECK(credit_of(credits, paths.store, name) ==
                  doctest::Approx(conversions).epsilon(1e-9));
        }
        return credits;
    };
    const auto kept = check(kolroi::repeated_touches::keep, 2);
    const auto collapsed = check(kolroi::repeated_touches::collapse, 2);
    double moved = 0;
    for (kolroi::channel_id id = 0; id < paths.store.channels().size(); ++id) {
        moved += std::abs(kept[id].conversions - collapsed[id].conversions);
    }
    CHECK(moved > 1e-3);

    // At order 3 each channel is in more states than the solver removes through the whole
    // chain's factorisation, so it factorises the reduced chain afresh: the same answers.
    const auto third = kolroi::fit_markov(paths.store, {.order = 3});
    CHECK(third.state_count() > 100);
    (void)check(kolroi::repeated_touches::keep, 3);
}

TEST_CASE("an empty path's conversion goes to the no-touchpoint bucket, not into the chain") {
    const auto store = make_paths({{"a > b", 1, 0, 10}, {"", 1, 0, 5}, {"b", 0, 1, 0}});
    const auto model = kolroi::fit_markov(store);

    // By hand, without the empty path: x_b = 1/2, x_a = 1/2, P = 1/2; without a, P = 1/4;
    // without b, P = 0. Removal effects 1/2 and 1, shares 1/3 and 2/3 of 1 conversion and 10.
    CHECK(model.conversion_probability() == doctest::Approx(0.5));
    CHECK(removal_of(model, store, "a") == doctest::Approx(0.5));
    CHECK(removal_of(model, store, "b") == doctest::Approx(1.0));
    const auto credits = model.credits();
    CHECK(credits.of(store.channels(), "a").conversions == doctest::Approx(1.0 / 3.0));
    CHECK(credits.of(store.channels(), "b").value == doctest::Approx(20.0 / 3.0));
    CHECK(credits.no_touchpoint().conversions == 1.0);
    CHECK(credits.no_touchpoint().value == 5.0);
    CHECK(credits.total().conversions == doctest::Approx(2.0));
    CHECK(credits.total().value == doctest::Approx(15.0));
    CHECK(model.notes().count("journey without touches") == 1);
}

TEST_CASE("a store without conversions credits nothing and says so") {
    SUBCASE("only non-converting journeys") {
        const auto store = make_paths({{"a > b", 0, 3}, {"b", 0, 1}});
        const auto model = kolroi::fit_markov(store);
        CHECK(model.conversion_probability() == 0.0);
        CHECK(model.removal_effect(0) == 0.0);
        CHECK(model.removal_effect(1) == 0.0);
        const auto credits = model.credits();
        CHECK(credits.total().conversions == 0.0);
        CHECK(model.notes().count("no conversions") == 1);
        check_stochastic(model.transition_matrix());
    }
    SUBCASE("conversions only on a path without touches") {
        const auto store = make_paths({{"", 2, 0, 30}, {"a", 0, 1}});
        const auto model = kolroi::fit_markov(store);
        CHECK(model.conversion_probability() == 0.0);
        const auto credits = model.credits();
        CHECK(credits.of(store.channels(), "a").conversions == 0.0);
        CHECK(credits.no_touchpoint().conversions == 2.0);
        CHECK(credits.total().value == 30.0);
        CHECK(model.notes().count("no conversions") == 1);
    }
    SUBCASE("an empty store: start goes to null") {
        const kolroi::journey_store store;
        const auto model = kolroi::fit_markov(store);
        const auto matrix = model.transition_matrix();
        check_stochastic(matrix);
        REQUIRE(matrix.size() == 3);
        CHECK(matrix("(start)", "(null)") == 1.0);
        CHECK(model.credits().size() == 0);
    }
}

TEST_CASE("a channel no weighted journey touches is not a state and gets nothing") {
    const auto store = make_paths({{"a > b", 0, 0, 0}, {"a", 1, 0, 4}});
    const auto model = kolroi::fit_markov(store);
    CHECK(model.state_names() ==
          std::vector<std::string>{"(start)", "a", "(conversion)", "(null)"});
    CHECK(removal_of(model, store, "b") == 0.0);
    CHECK(removal_of(model, store, "a") == doctest::Approx(1.0));
    const auto credits = model.credits();
    CHECK(credits.of(store.channels(), "a").value == doctest::Approx(4.0));
    CHECK(credits.of(store.channels(), "b").conversions == 0.0);
}

TEST_CASE("invalid requests are refused with the numbers seen") {
    const auto store = make_paths({{"a", 1, 0}});
    CHECK_THROWS_WITH((void)kolroi::fit_markov(store, {.order = 0}),
                      "fit_markov: the order must be at least 1, saw 0");
    const auto model = kolroi::fit_markov(store);
    CHECK_THROWS_WITH((void)model.removal_effect(3),
                      "markov_model::removal_effect: channel id 3 is not below 1");
    CHECK_THROWS_AS((void)model.transition_matrix()("a", "z"), kolroi::error);
}

TEST_CASE(
    "ChannelAttribution's Data.csv: exact first-order credits against an independent solver") {
    KOLROI_REQUIRE_SHARED_DATA(path, "channelattribution_pathdata/Data.csv");
    const auto file = kolroi::read_channel_attribution_paths(kolroi::read_file(path), "Data.csv");
    const auto& store = file.journeys;
    const auto rows = parse_data_csv(path);
    REQUIRE(rows.size() == 10000);

    const auto model = kolroi::fit_markov(store);
    const auto credits = model.credits();
    CHECK(credits.total().conversions == doctest::Approx(19785.0).epsilon(1e-12));
    CHECK(credits.total().value == doctest::Approx(74802.971587).epsilon(1e-9));
    for (const auto& entry : credits.credits()) {
        CHECK(entry.conversions >= 0.0);
        CHECK(entry.value >= 0.0);
    }
    check_stochastic(model.transition_matrix());
    CHECK(model.state_count() == 15);

    const auto expected = reference_credits(rows, 1, false);
    REQUIRE(expected.size() == 12);
    for (const auto& [name, conversions] : expected) {
        CAPTURE(name);
        CHECK(credit_of(credits, store, name) == doctest::Approx(conversions).epsilon(1e-9));
    }

    // Collapsing repeats leaves the first-order removal effects where they were.
    const auto collapsed =
        kolroi::fit_markov(store, {.repeats = kolroi::repeated_touches::collapse});
    for (kolroi::channel_id id = 0; id < store.channels().size(); ++id) {
        CHECK(collapsed.removal_effect(id) ==
              doctest::Approx(model.removal_effect(id)).epsilon(1e-10));
    }
}

TEST_CASE("ChannelAttribution's Data.csv: second-order credits against an independent solver") {
    KOLROI_REQUIRE_SHARED_DATA(path, "channelattribution_pathdata/Data.csv");
    const auto file = kolroi::read_channel_attribution_paths(kolroi::read_file(path), "Data.csv");
    const auto rows = parse_data_csv(path);
    for (const bool collapse : {false, true}) {
        CAPTURE(collapse);
        const auto repeats =
            collapse ? kolroi::repeated_touches::collapse : kolroi::repeated_touches::keep;
        const auto model = kolroi::fit_markov(file.journeys, {.order = 2, .repeats = repeats});
        check_stochastic(model.transition_matrix());
        const auto credits = model.credits();
        CHECK(credits.total().conversions == doctest::Approx(19785.0).epsilon(1e-12));
        for (const auto& [name, conversions] : reference_credits(rows, 2, collapse)) {
            CAPTURE(name);
            CHECK(credit_of(credits, file.journeys, name) ==
                  doctest::Approx(conversions).epsilon(1e-9));
        }
    }
}
