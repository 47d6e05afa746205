// kolroi/attribution/transition_matrix.hpp: the transition matrix of a fitted Markov chain.
//
// Rows and columns are the chain's states in one order: the start state first, then the
// transient channel states (one per channel, or one per k-tuple of channels for a chain of
// order k), then the two absorbing states, conversion and null. probabilities(i, j) is the
// probability that the next state is j when the chain is in state i. Every row sums to 1; the
// absorbing rows have 1 on the diagonal.
#pragma once

#include "kolroi/core/error.hpp"

#include <Eigen/Core>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kolroi {

/// The names reports give the three states that are not channels.
inline constexpr std::string_view markov_start_name = "(start)";
inline constexpr std::string_view markov_conversion_name = "(conversion)";
inline constexpr std::string_view markov_null_name = "(null)";

struct transition_matrix {
    /// One name per state, in row order. A channel state of order k is named by its window of
    /// the path, "(start) > A" or "A > B"; names are for display and need not be unique when a
    /// channel itself is called "(start)". The special states are known by their index.
    std::vector<std::string> states;
    Eigen::MatrixXd probabilities;
    std::size_t start_state = 0;
    std::size_t conversion_state = 0;
    std::size_t null_state = 0;

    [[nodiscard]] std::size_t size() const noexcept { return states.size(); }

    /// The index of the first state called `name`, or nothing.
    [[nodiscard]] std::optional<std::size_t> find(std::string_view name) const {
        for (std::size_t i = 0; i < states.size(); ++i) {
            if (states[i] == name) {
                return i;
            }
        }
        return std::nullopt;
    }

    /// The probability of going from the state called `from` to the state called `to`.
    [[nodiscard]] double operator()(std::string_view from, std::string_view to) const {
        return probabilities(static_cast<Eigen::Index>(require(from)),
                             static_cast<Eigen::Index>(require(to)));
    }

private:
    [[nodiscard]] std::size_t require(std::string_view name) const {
        if (const auto index = find(name)) {
            return *index;
        }
        throw error(error_kind::invalid_argument, "transition_matrix: no state is called '" +
                                                      std::string(name) + "' (" +
                                                      std::to_string(states.size()) + " states)");
    }
};

} // namespace kolroi
