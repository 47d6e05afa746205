// kolroi/prediction/grouped_folds.hpp: k-fold splits that keep every row of a group (all the
// collaborations of one KOL) in the same fold.
//
// A model that has seen a KOL's other collaborations predicts the held-out one too well: the
// KOL's own effect leaks from training to test. Holding out whole KOLs measures what a quote
// from a new creator needs: how well the model predicts someone it has never seen.
//
// The split: the distinct groups, in order of first appearance, are shuffled by a seeded
// Fisher-Yates shuffle (splitmix64, so the same seed gives the same folds on every platform),
// then each group in turn joins the fold with the fewest rows so far (ties: the lowest fold).
// Fold sizes in rows then differ by at most the size of the largest group.
#pragma once

#include "kolroi/core/error.hpp"

#include <cstddef>
#include <cstdint>
#include <map>
#include <span>
#include <string>
#include <utility>
#include <vector>

namespace kolroi {

namespace detail {

/// splitmix64 (Steele, Lea and Flood, "Fast splittable pseudorandom number generators", 2014).
class fold_random {
public:
    explicit fold_random(std::uint64_t seed)
        : m_state(seed) {}

    std::uint64_t next() {
        std::uint64_t z = (m_state += 0x9E3779B97F4A7C15ull);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return z ^ (z >> 31);
    }

    /// Uniform in [0, n) by rejection, so that no remainder is favoured.
    std::size_t below(std::size_t n) {
        const std::uint64_t bound = static_cast<std::uint64_t>(n);
        const std::uint64_t limit = UINT64_MAX - UINT64_MAX % bound;
        std::uint64_t value = next();
        while (value >= limit) {
            value = next();
        }
        return static_cast<std::size_t>(value % bound);
    }

private:
    std::uint64_t m_state;
};

} // namespace detail

/// The fold (0 .. folds-1) of each row, rows of one group always in one fold. Throws
/// kolroi::error (invalid_argument) when folds < 2 or there are fewer groups than folds.
inline std::vector<std::size_t> grouped_folds(std::span<const std::string> groups,
                                              std::size_t folds, std::uint64_t seed) {
    if (folds < 2) {
        throw error(error_kind::invalid_argument,
                    "grouped_folds: need at least 2 folds, got " + std::to_string(folds));
    }
    std::map<std::string, std::size_t> index_of;
    std::vector<std::size_t> group_rows;
    std::vector<std::size_t> row_group(groups.size());
    for (std::size_t i = 0; i < groups.size(); ++i) {
        const auto [entry, added] = index_of.emplace(groups[i], group_rows.size());
        if (added) {
            group_rows.push_back(0);
        }
        row_group[i] = entry->second;
        ++group_rows[entry->second];
    }
    if (group_rows.size() < folds) {
        throw error(error_kind::invalid_argument,
                    "grouped_folds: " + std::to_string(folds) + " folds need at least as many " +
                        "groups, but there are " + std::to_string(group_rows.size()));
    }

    std::vector<std::size_t> order(group_rows.size());
    for (std::size_t g = 0; g < order.size(); ++g) {
        order[g] = g;
    }
    detail::fold_random random(seed);
    for (std::size_t g = order.size() - 1; g > 0; --g) {
        std::swap(order[g], order[random.below(g + 1)]);
    }

    std::vector<std::size_t> fold_of_group(group_rows.size());
    std::vector<std::size_t> fold_rows(folds, 0);
    for (const std::size_t g : order) {
        std::size_t smallest = 0;
        for (std::size_t f = 1; f < folds; ++f) {
            smallest = fold_rows[f] < fold_rows[smallest] ? f : smallest;
        }
        fold_of_group[g] = smallest;
        fold_rows[smallest] += group_rows[g];
    }

    std::vector<std::size_t> fold_of_row(groups.size());
    for (std::size_t i = 0; i < groups.size(); ++i) {
        fold_of_row[i] = fold_of_group[row_group[i]];
    }
    return fold_of_row;
}

} // namespace kolroi
