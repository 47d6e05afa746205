// Tests of kolroi/prediction/grouped_folds.hpp: whole groups per fold, balanced, repeatable.
#include "kolroi/prediction/grouped_folds.hpp"

#include "test_support.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace {

/// Group g has 1 + g % 4 rows, rows of a group spread over the list.
std::vector<std::string> groups(std::size_t count) {
    std::vector<std::string> ids;
    for (std::size_t round = 0; round < 4; ++round) {
        for (std::size_t g = 0; g < count; ++g) {
            if (round <= g % 4) {
                ids.push_back("kol" + std::to_string(g));
            }
        }
    }
    return ids;
}

} // namespace

TEST_CASE("every row of a group is in one fold, and every fold has rows") {
    for (const std::uint64_t seed : {1ull, 2ull, 99ull}) {
        for (const std::size_t k : {2u, 3u, 5u, 10u}) {
            const auto ids = groups(37);
            const auto folds = kolroi::grouped_folds(ids, k, seed);
            REQUIRE(folds.size() == ids.size());
            std::map<std::string, std::set<std::size_t>> folds_of;
            std::vector<std::size_t> rows(k, 0);
            for (std::size_t i = 0; i < ids.size(); ++i) {
                REQUIRE(folds[i] < k);
                folds_of[ids[i]].insert(folds[i]);
                ++rows[folds[i]];
            }
            for (const auto& [id, set] : folds_of) {
                CHECK(set.size() == 1);
            }
            // The largest group has 4 rows, so greedy filling keeps folds within 4 rows.
            const auto [low, high] = std::minmax_element(rows.begin(), rows.end());
            CHECK(*low > 0);
            CHECK(*high - *low <= 4);
        }
    }
}

TEST_CASE("the same seed gives the same folds and another seed other folds") {
    const auto ids = groups(40);
    CHECK(kolroi::grouped_folds(ids, 5, 7) == kolroi::grouped_folds(ids, 5, 7));
    CHECK(kolroi::grouped_folds(ids, 5, 7) != kolroi::grouped_folds(ids, 5, 8));
}

TEST_CASE("one row per group gives folds whose sizes differ by at most one") {
    std::vector<std::string> ids;
    for (int g = 0; g < 23; ++g) {
        ids.push_back("k" + std::to_string(g));
    }
    const auto folds = kolroi::grouped_folds(ids, 5, 3);
    std::vector<std::size_t> rows(5, 0);
    for (const auto f : folds) {
        ++rows[f];
    }
    std::sort(rows.begin(), rows.end());
    CHECK(rows == std::vector<std::size_t>{4, 4, 5, 5, 5});
}

TEST_CASE("fewer groups than folds, or fewer than two folds, is an error") {
    const std::vector<std::string> ids = {"a", "b", "a", "c"};
    CHECK_THROWS_WITH_AS(kolroi::grouped_folds(ids, 4, 1),
                         "grouped_folds: 4 folds need at least as many groups, but there are 3",
                         kolroi::error);
    CHECK_THROWS_WITH_AS(kolroi::grouped_folds(ids, 1, 1),
                         "grouped_folds: need at least 2 folds, got 1", kolroi::error);
    CHECK(kolroi::grouped_folds(ids, 3, 1).size() == 4);
}
