// kolroi/core/diagnostics.hpp: counted, reported skips and warnings that come back in results.
//
// The library prints nothing. Where skipping a bad row is what users want (a messy export with a
// few broken lines), the reader records the skip here, with its location and reason, and the
// program that called it decides what to show. Nothing is dropped without a record.
#pragma once

#include "kolroi/core/error.hpp"

#include <algorithm>
#include <cstddef>
#include <map>
#include <string>
#include <vector>

namespace kolroi {

/// One reported event: a skipped row, or a value that was not used, and why.
struct diagnostic {
    std::string reason; ///< a short stable key, such as "value without conversions"
    std::string detail; ///< a fragment with the numbers seen
    input_location where;
};

/// Diagnostics gathered while reading or computing, counted by reason. Every event is counted;
/// the first `max_examples` of each reason are kept in full.
class diagnostics {
public:
    explicit diagnostics(std::size_t max_examples = 20)
        : m_max_examples(max_examples) {}

    void add(std::string reason, std::string detail, input_location where = {}) {
        auto& count = m_counts[reason];
        ++count;
        if (count <= m_max_examples) {
            m_examples.push_back({std::move(reason), std::move(detail), std::move(where)});
        }
    }

    /// Adds every event of `other`, as if it had been recorded here after this object's own:
    /// its examples are kept in the order `other` recorded them, up to this object's limit per
    /// reason.
    void merge(const diagnostics& other) {
        std::map<std::string, std::size_t> kept; // examples of each reason held here so far
        for (const auto& [reason, count] : other.m_counts) {
            const auto mine = m_counts.find(reason);
            kept[reason] = mine == m_counts.end() ? 0 : std::min(mine->second, m_max_examples);
        }
        for (const auto& example : other.m_examples) {
            auto& held = kept[example.reason];
            if (held < m_max_examples) {
                m_examples.push_back(example);
                ++held;
            }
        }
        for (const auto& [reason, count] : other.m_counts) {
            m_counts[reason] += count;
        }
    }

    [[nodiscard]] bool empty() const noexcept { return m_counts.empty(); }

    [[nodiscard]] std::size_t count(const std::string& reason) const {
        const auto found = m_counts.find(reason);
        return found == m_counts.end() ? 0 : found->second;
    }

    [[nodiscard]] std::size_t total() const noexcept {
        std::size_t sum = 0;
        for (const auto& entry : m_counts) {
            sum += entry.second;
        }
        return sum;
    }

    /// Counts by reason, in the order of the reason's name.
    [[nodiscard]] const std::map<std::string, std::size_t>& counts() const noexcept {
        return m_counts;
    }

    /// The first events of each reason, in the order they were recorded.
    [[nodiscard]] const std::vector<diagnostic>& examples() const noexcept { return m_examples; }

private:
    std::size_t m_max_examples;
    std::map<std::string, std::size_t> m_counts;
    std::vector<diagnostic> m_examples;
};

} // namespace kolroi
