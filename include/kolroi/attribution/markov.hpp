// kolroi/attribution/markov.hpp: Markov-chain attribution by removal effects, solved exactly.
//
// The model of Anderl, Becker, von Wangenheim and Schumann ("Mapping the customer journey",
// 2014), with the removal effect as the ChannelAttribution package defines it:
//
//   States: start; one transient state per channel (order k: per window of the last k touches,
//   the first windows of a path padded with start); conversion and null, both absorbing.
//   Counts: a journey with c conversions and n non-conversions adds c + n to every transition
//   along its path (start -> first touch -> ... -> last touch), then c to last -> conversion and
//   n to last -> null. A transition's probability is its count over its state's total.
//   P(conv): the probability of absorption into conversion from start. With Q the block of
//   transitions among transient states and r their probabilities of going to conversion,
//   (I - Q) x = r and P(conv) = x_start.
//   Removal effect: RE_i = 1 - P_{-i}(conv) / P(conv), where the chain without channel i sends
//   every transition into a state that holds i to null instead.
//   Credit: channel i gets RE_i / sum_j RE_j of the conversions C and of the value V of the
//   journeys that have touches.
//
// The solve is exact and direct: one sparse LU factorisation of I - Q, then for each channel a
// few solves with it (or, when the channel holds many states, a factorisation of its own); see
// detail::markov_solver. No simulation, no seed and no cap on the number of steps.
//
// Repeated touches are either kept as self-loops (A > A counts A -> A) or collapsed before
// counting (A > A > B is A > B). For order 1 the choice cannot change P(conv) or any removal
// effect: a self-loop only rescales the other exits of its state. For higher orders it changes
// the windows and so the results.
//
// Journeys without touches take no part in the chain; their conversions and value go to the
// no-touchpoint bucket, so the credit table's totals equal the store's. When the journeys with
// touches have no conversions, P(conv) = 0, every removal effect is 0 and every channel's credit
// is 0; the model's notes say so. (With P(conv) > 0 some removal effect is positive: removing
// the first channel of a converting path removes that path's probability.)
#pragma once

#include "kolroi/attribution/transition_matrix.hpp"
#include "kolroi/core/channel_registry.hpp"
#include "kolroi/core/credit_table.hpp"
#include "kolroi/core/diagnostics.hpp"
#include "kolroi/core/error.hpp"
#include "kolroi/core/journey_store.hpp"

#include <Eigen/Core>
#include <Eigen/LU>
#include <Eigen/OrderingMethods>
#include <Eigen/SparseCore>
#include <Eigen/SparseLU>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <map>
#include <span>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace kolroi {

/// What a Markov model does with a touch that repeats the one before it.
enum class repeated_touches {
    keep,    ///< A > A is a self-loop A -> A
    collapse ///< runs of one channel are merged before counting: A > A > B is A > B
};

struct markov_options {
    std::size_t order = 1; ///< the number of recent touches a state remembers, at least 1
    repeated_touches repeats = repeated_touches::keep;
};

namespace detail {

/// Marks a window position before the first touch of a path.
inline constexpr channel_id markov_padding = std::numeric_limits<channel_id>::max();

/// Transition counts gathered while reading a store. Transient state 0 is start, whose window
/// is all padding; a state's successor is fixed by the channel touched next, so an edge is keyed
/// by (state, channel).
class markov_counter {
public:
    explicit markov_counter(std::size_t order) {
        m_windows.emplace_back(order, markov_padding);
        m_index.emplace(m_windows.back(), 0);
        m_to_conversion.push_back(0);
        m_to_null.push_back(0);
    }

    void add(std::span<const channel_id> touches, repeated_touches repeats, double conversions,
             double non_conversions) {
        const double weight = conversions + non_conversions;
        std::uint32_t state = 0;
        for (std::size_t i = 0; i < touches.size(); ++i) {
            if (repeats == repeated_touches::collapse && i > 0 && touches[i] == touches[i - 1]) {
                continue;
            }
            state = step(state, touches[i], weight);
        }
        m_to_conversion[state] += conversions;
        m_to_null[state] += non_conversions;
    }

    struct edge {
        std::uint32_t to = 0;
        double weight = 0;
    };

    [[nodiscard]] std::size_t size() const noexcept { return m_windows.size(); }
    [[nodiscard]] const std::vector<std::vector<channel_id>>& windows() const noexcept {
        return m_windows;
    }
    [[nodiscard]] const std::unordered_map<std::uint64_t, edge>& edges() const noexcept {
        return m_edges;
    }
    [[nodiscard]] const std::vector<double>& to_conversion() const noexcept {
        return m_to_conversion;
    }
    [[nodiscard]] const std::vector<double>& to_null() const noexcept { return m_to_null; }

private:
    std::uint32_t step(std::uint32_t from, channel_id channel, double weight) {
        const std::uint64_t key = (std::uint64_t{from} << 32) | channel;
        const auto [slot, inserted] = m_edges.try_emplace(key);
        if (inserted) {
            slot->second.to = state_after(from, channel);
        }
        slot->second.weight += weight;
        return slot->second.to;
    }

    // The window of `from` shifted by one touch; a new state when it has not been seen.
    std::uint32_t state_after(std::uint32_t from, channel_id channel) {
        std::vector<channel_id> window(m_windows[from].begin() + 1, m_windows[from].end());
        window.push_back(channel);
        const auto next = static_cast<std::uint32_t>(m_windows.size());
        const auto [found, inserted] = m_index.try_emplace(window, next);
        if (!inserted) {
            return found->second;
        }
        if (next == std::numeric_limits<std::uint32_t>::max()) {
            throw error(error_kind::unsupported, "fit_markov: more than 2^32 - 1 states");
        }
        m_windows.push_back(std::move(window));
        m_to_conversion.push_back(0);
        m_to_null.push_back(0);
        return next;
    }

    std::vector<std::vector<channel_id>> m_windows;
    std::map<std::vector<channel_id>, std::uint32_t> m_index;
    std::unordered_map<std::uint64_t, edge> m_edges;
    std::vector<double> m_to_conversion;
    std::vector<double> m_to_null;
};

/// The fitted chain's transient part, in display order (start first). The absorbing states
/// follow: conversion at index `transient`, null at `transient + 1`.
struct markov_chain {
    std::size_t transient = 0;
    std::vector<std::vector<channel_id>> windows;
    std::vector<Eigen::Triplet<double>> moves; ///< transient -> transient probabilities
    std::vector<double> to_conversion;
    std::vector<double> to_null;
};

/// Display order: start first (its window is all padding), then windows compared touch by
/// touch, padding before any channel and channels by id.
inline std::vector<std::uint32_t> markov_display_rank(const markov_counter& counter) {
    const auto& windows = counter.windows();
    const auto key = [](channel_id id) { return id == markov_padding ? 0 : std::uint64_t{id} + 1; };
    std::vector<std::uint32_t> order(windows.size());
    for (std::uint32_t s = 0; s < order.size(); ++s) {
        order[s] = s;
    }
    std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
        return std::lexicographical_compare(
            windows[a].begin(), windows[a].end(), windows[b].begin(), windows[b].end(),
            [&](channel_id x, channel_id y) { return key(x) < key(y); });
    });
    std::vector<std::uint32_t> rank(order.size());
    for (std::uint32_t i = 0; i < order.size(); ++i) {
        rank[order[i]] = i;
    }
    return rank;
}

/// Turns counts into probabilities. A start state without any weighted journey goes to null
/// with probability 1: a chain that has seen nothing never converts.
inline markov_chain make_markov_chain(const markov_counter& counter) {
    const std::vector<std::uint32_t> rank = markov_display_rank(counter);
    const std::size_t n = counter.size();

    markov_chain chain;
    chain.transient = n;
    chain.windows.resize(n);
    chain.to_conversion.assign(n, 0.0);
    chain.to_null.assign(n, 0.0);
    std::vector<double> totals(n, 0.0);
    for (std::size_t s = 0; s < n; ++s) {
        chain.windows[rank[s]] = counter.windows()[s];
        totals[rank[s]] = counter.to_conversion()[s] + counter.to_null()[s];
    }
    for (const auto& [key, edge] : counter.edges()) {
        totals[rank[key >> 32]] += edge.weight;
    }

    chain.moves.reserve(counter.edges().size());
    for (const auto& [key, edge] : counter.edges()) {
        const std::uint32_t from = rank[key >> 32];
        chain.moves.emplace_back(static_cast<int>(from), static_cast<int>(rank[edge.to]),
                                 edge.weight / totals[from]);
    }
    for (std::size_t s = 0; s < n; ++s) {
        const std::size_t at = rank[s];
        if (totals[at] > 0) {
            chain.to_conversion[at] = counter.to_conversion()[s] / totals[at];
            chain.to_null[at] = counter.to_null()[s] / totals[at];
        } else {
            chain.to_null[at] = 1.0;
        }
    }
    return chain;
}

/// The system (I - Q) x = r over the transient states not marked in `removed`, renumbered in
/// order. Moves into a removed state are dropped: they reach null, which adds nothing to x.
struct markov_system {
    Eigen::SparseMatrix<double> matrix;
    Eigen::VectorXd r;
};

inline markov_system make_markov_system(const markov_chain& chain,
                                        const std::vector<char>& removed) {
    std::vector<int> compact(chain.transient, -1);
    int kept = 0;
    for (std::size_t s = 0; s < chain.transient; ++s) {
        if (removed[s] == 0) {
            compact[s] = kept++;
        }
    }
    markov_system system{Eigen::SparseMatrix<double>(kept, kept), Eigen::VectorXd(kept)};
    std::vector<Eigen::Triplet<double>> entries;
    entries.reserve(chain.moves.size() + static_cast<std::size_t>(kept));
    for (std::size_t s = 0; s < chain.transient; ++s) {
        if (compact[s] >= 0) {
            entries.emplace_back(compact[s], compact[s], 1.0);
            system.r(compact[s]) = chain.to_conversion[s];
        }
    }
    for (const auto& move : chain.moves) {
        const int from = compact[static_cast<std::size_t>(move.row())];
        const int to = compact[static_cast<std::size_t>(move.col())];
        if (from >= 0 && to >= 0) {
            entries.emplace_back(from, to, -move.value());
        }
    }
    system.matrix.setFromTriplets(entries.begin(), entries.end());
    return system;
}

using markov_lu = Eigen::SparseLU<Eigen::SparseMatrix<double>, Eigen::COLAMDOrdering<int>>;

inline void factorise(markov_lu& lu, const Eigen::SparseMatrix<double>& matrix) {
    lu.compute(matrix);
    if (lu.info() != Eigen::Success) {
        throw error(error_kind::numeric_error,
                    "fit_markov: the absorbing chain's system I - Q (" +
                        std::to_string(matrix.rows()) +
                        " states) could not be factorised: " + lu.lastErrorMessage());
    }
}

inline Eigen::VectorXd solve_checked(markov_lu& lu, const Eigen::VectorXd& rhs) {
    Eigen::VectorXd x = lu.solve(rhs);
    if (lu.info() != Eigen::Success || !x.allFinite()) {
        throw error(error_kind::numeric_error, "fit_markov: the absorbing chain's system I - Q (" +
                                                   std::to_string(rhs.size()) +
                                                   " states) gave no finite solution");
    }
    return x;
}

/// The probability of absorption into conversion from start, for the whole chain and for the
/// chain with a set of states R sent to null.
///
/// The whole system A = I - Q is factorised once and solved for x. Without R, what remains is
/// A_KK x'_K = r_K over the other states K. With G = A^-1, the inverse of that principal block
/// is G_KK - G_KR G_RR^-1 G_RK, so at start
///   x'_s = y_s - G_sR G_RR^-1 y_R,   y = x - G_.R r_R,
/// which takes |R| solves with the one factorisation and a dense |R| x |R| solve. (For one
/// state j it is x_s - G_sj x_j / G_jj: P(conv) less the chance of reaching j, G_sj / G_jj,
/// times P(conv from j).) Above `low_rank_states` removed states a fresh factorisation of
/// A_KK is cheaper and is used instead.
class markov_solver {
public:
    static constexpr std::size_t low_rank_states = 32;

    explicit markov_solver(const markov_chain& chain)
        : m_chain(chain)
        , m_removed(chain.transient, 0) {
        const markov_system system = make_markov_system(chain, m_removed);
        factorise(m_lu, system.matrix);
        m_r = system.r;
        m_x = solve_checked(m_lu, m_r);
    }

    [[nodiscard]] double conversion() const { return std::clamp(m_x(0), 0.0, 1.0); }

    /// P(conv) with the states `removed` (never start) sent to null.
    [[nodiscard]] double conversion_without(std::span<const std::uint32_t> removed) {
        const double x = removed.size() <= low_rank_states ? low_rank(removed) : refactor(removed);
        return std::clamp(x, 0.0, 1.0);
    }

private:
    double low_rank(std::span<const std::uint32_t> removed) {
        const auto k = static_cast<Eigen::Index>(removed.size());
        Eigen::RowVectorXd g_start(k);
        Eigen::MatrixXd g_removed(k, k);
        Eigen::VectorXd r_removed(k);
        Eigen::VectorXd unit = Eigen::VectorXd::Zero(m_x.size());
        for (Eigen::Index b = 0; b < k; ++b) {
            const auto state = static_cast<Eigen::Index>(removed[static_cast<std::size_t>(b)]);
            unit(state) = 1.0;
            const Eigen::VectorXd column = solve_checked(m_lu, unit);
            unit(state) = 0.0;
            g_start(b) = column(0);
            for (Eigen::Index a = 0; a < k; ++a) {
                g_removed(a, b) = column(removed[static_cast<std::size_t>(a)]);
            }
            r_removed(b) = m_r(state);
        }

        // y = x - G_.R r_R, needed at start and on R only.
        const double y_start = m_x(0) - g_start.dot(r_removed);
        Eigen::VectorXd y_removed(k);
        for (Eigen::Index a = 0; a < k; ++a) {
            y_removed(a) =
                m_x(removed[static_cast<std::size_t>(a)]) - g_removed.row(a).dot(r_removed);
        }
        return y_start - g_start.dot(g_removed.partialPivLu().solve(y_removed));
    }

    double refactor(std::span<const std::uint32_t> removed) {
        for (const std::uint32_t s : removed) {
            m_removed[s] = 1;
        }
        const markov_system system = make_markov_system(m_chain, m_removed);
        for (const std::uint32_t s : removed) {
            m_removed[s] = 0;
        }
        markov_lu lu;
        factorise(lu, system.matrix);
        return solve_checked(lu, system.r)(0);
    }

    const markov_chain& m_chain;
    std::vector<char> m_removed;
    markov_lu m_lu;
    Eigen::VectorXd m_r;
    Eigen::VectorXd m_x;
};

/// For each channel id, the transient states whose window holds that channel.
inline std::vector<std::vector<std::uint32_t>> markov_states_by_channel(const markov_chain& chain,
                                                                        std::size_t channels) {
    std::vector<std::vector<std::uint32_t>> states(channels);
    for (std::uint32_t s = 0; s < chain.transient; ++s) {
        for (const channel_id id : chain.windows[s]) {
            if (id != markov_padding && (states[id].empty() || states[id].back() != s)) {
                states[id].push_back(s);
            }
        }
    }
    return states;
}

} // namespace detail

/// A Markov chain fitted to a journey store, with the conversion probability of the chain and
/// of the chain without each channel. Channel-indexed results cover every channel of the
/// store's registry; a channel no weighted journey touches has removal effect 0.
class markov_model {
public:
    /// Dense transition matrices are refused above this many states (128 MiB of doubles).
    static constexpr std::size_t max_dense_states = 4096;

    explicit markov_model(const journey_store& store, const markov_options& options = {})
        : m_options(options) {
        if (options.order < 1) {
            throw error(error_kind::invalid_argument,
                        "fit_markov: the order must be at least 1, saw " +
                            std::to_string(options.order));
        }
        const detail::markov_chain chain = count(store);
        name_states(chain, store.channels());
        build_transitions(chain);
        solve(chain, store.channels().size());
    }

    [[nodiscard]] const markov_options& options() const noexcept { return m_options; }

    /// P(conv): the probability that a journey starting at start ends in conversion.
    [[nodiscard]] double conversion_probability() const noexcept { return m_conversion; }

    /// P(conv) of the chain in which channel `id` is removed.
    [[nodiscard]] double conversion_probability_without(channel_id id) const {
        return m_without[check(id, "conversion_probability_without")];
    }

    /// RE_i = 1 - P_{-i}(conv) / P(conv), indexed by channel id (0 when P(conv) is 0).
    [[nodiscard]] std::span<const double> removal_effects() const noexcept {
        return m_removal_effects;
    }

    [[nodiscard]] double removal_effect(channel_id id) const {
        return m_removal_effects[check(id, "removal_effect")];
    }

    /// Every state, start, the transient states, conversion and null, in matrix order.
    [[nodiscard]] const std::vector<std::string>& state_names() const noexcept {
        return m_state_names;
    }
    [[nodiscard]] std::size_t state_count() const noexcept { return m_state_names.size(); }

    /// The transition probabilities as a sparse matrix (rows in state_names() order).
    [[nodiscard]] const Eigen::SparseMatrix<double, Eigen::RowMajor>&
    transition_probabilities() const noexcept {
        return m_transitions;
    }

    /// The transition matrix with its state names, dense. Refused above max_dense_states
    /// states, where transition_probabilities() holds the same numbers sparsely.
    [[nodiscard]] kolroi::transition_matrix transition_matrix() const {
        const std::size_t n = state_count();
        if (n > max_dense_states) {
            throw error(error_kind::unsupported,
                        "markov_model::transition_matrix: " + std::to_string(n) +
                            " states are more than the " + std::to_string(max_dense_states) +
                            " a dense matrix is built for; use transition_probabilities()");
        }
        kolroi::transition_matrix matrix;
        matrix.states = m_state_names;
        matrix.probabilities = Eigen::MatrixXd(m_transitions);
        matrix.start_state = 0;
        matrix.conversion_state = n - 2;
        matrix.null_state = n - 1;
        return matrix;
    }

    /// Conversions and value of the journeys with touches, shared by normalised removal
    /// effects; journeys without touches in the no-touchpoint bucket.
    [[nodiscard]] credit_table credits() const {
        credit_table table(m_removal_effects.size());
        table.no_touchpoint() = m_untouched;
        double total = 0;
        for (const double effect : m_removal_effects) {
            total += effect;
        }
        if (total <= 0) {
            return table;
        }
        for (std::size_t id = 0; id < m_removal_effects.size(); ++id) {
            const double share = m_removal_effects[id] / total;
            table.credits()[id] = credit{share * m_touched.conversions, share * m_touched.value};
        }
        return table;
    }

    /// What the fit reported: journeys without touches, a store without conversions.
    [[nodiscard]] const diagnostics& notes() const noexcept { return m_notes; }

private:
    [[nodiscard]] std::size_t check(channel_id id, const char* caller) const {
        if (id >= m_removal_effects.size()) {
            throw error(error_kind::invalid_argument, std::string("markov_model::") + caller +
                                                          ": channel id " + std::to_string(id) +
                                                          " is not below " +
                                                          std::to_string(m_removal_effects.size()));
        }
        return id;
    }

    detail::markov_chain count(const journey_store& store) {
        detail::markov_counter counter(m_options.order);
        for (std::size_t j = 0; j < store.journey_count(); ++j) {
            const journey_view journey = store.journey(j);
            if (journey.empty()) {
                m_untouched += credit{journey.conversions, journey.value};
                m_notes.add("journey without touches",
                            "journey " + std::to_string(j) + " has no touch; its " +
                                std::to_string(journey.conversions) +
                                " conversions go to the no-touchpoint bucket");
                continue;
            }
            m_touched += credit{journey.conversions, journey.value};
            // A row that stands for no journey adds nothing, not even a state.
            if (journey.conversions + journey.non_conversions > 0) {
                counter.add(journey.channels, m_options.repeats, journey.conversions,
                            journey.non_conversions);
            }
        }
        return detail::make_markov_chain(counter);
    }

    void name_states(const detail::markov_chain& chain, const channel_registry& registry) {
        m_state_names.reserve(chain.transient + 2);
        m_state_names.emplace_back(markov_start_name);
        for (std::size_t s = 1; s < chain.transient; ++s) {
            std::string name;
            for (const channel_id id : chain.windows[s]) {
                name += name.empty() ? "" : " > ";
                name += id == detail::markov_padding ? std::string(markov_start_name)
                                                     : registry.name(id);
            }
            m_state_names.push_back(std::move(name));
        }
        m_state_names.emplace_back(markov_conversion_name);
        m_state_names.emplace_back(markov_null_name);
    }

    void build_transitions(const detail::markov_chain& chain) {
        const auto conversion = static_cast<int>(chain.transient);
        const int null = conversion + 1;
        std::vector<Eigen::Triplet<double>> entries(chain.moves);
        for (std::size_t s = 0; s < chain.transient; ++s) {
            const auto row = static_cast<int>(s);
            if (chain.to_conversion[s] > 0) {
                entries.emplace_back(row, conversion, chain.to_conversion[s]);
            }
            if (chain.to_null[s] > 0) {
                entries.emplace_back(row, null, chain.to_null[s]);
            }
        }
        entries.emplace_back(conversion, conversion, 1.0);
        entries.emplace_back(null, null, 1.0);
        m_transitions.resize(null + 1, null + 1);
        m_transitions.setFromTriplets(entries.begin(), entries.end());
    }

    void solve(const detail::markov_chain& chain, std::size_t channel_count) {
        detail::markov_solver solver(chain);
        m_conversion = solver.conversion();
        m_without.assign(channel_count, m_conversion);
        m_removal_effects.assign(channel_count, 0.0);
        if (m_conversion <= 0) {
            std::string detail = "the journeys with touches have no conversions, so P(conv) = 0, "
                                 "every removal effect is 0 and no channel is credited";
            if (m_touched.value != 0) {
                detail +=
                    "; their value of " + std::to_string(m_touched.value) + " is not attributed";
            }
            m_notes.add("no conversions", std::move(detail));
            return;
        }

        const auto states = detail::markov_states_by_channel(chain, channel_count);
        double total = 0;
        for (std::size_t id = 0; id < channel_count; ++id) {
            if (states[id].empty()) {
                continue;
            }
            m_without[id] = solver.conversion_without(states[id]);
            // Removing states can only lower P(conv); a negative effect is rounding.
            m_removal_effects[id] = std::max(0.0, 1.0 - m_without[id] / m_conversion);
            total += m_removal_effects[id];
        }
        if (!(total > 0)) {
            throw error(error_kind::numeric_error,
                        "fit_markov: P(conv) = " + std::to_string(m_conversion) +
                            " but no channel's removal changes it, which an absorbing chain "
                            "fitted to paths cannot give");
        }
    }

    markov_options m_options;
    double m_conversion = 0;
    std::vector<double> m_without;
    std::vector<double> m_removal_effects;
    std::vector<std::string> m_state_names;
    Eigen::SparseMatrix<double, Eigen::RowMajor> m_transitions;
    credit m_touched;
    credit m_untouched;
    diagnostics m_notes;
};

/// Fits the chain of `options.order` to every journey of `store`.
[[nodiscard]] inline markov_model fit_markov(const journey_store& store,
                                             const markov_options& options = {}) {
    return markov_model(store, options);
}

/// The credit table of the Markov model (fit_markov(store, options).credits()).
[[nodiscard]] inline credit_table markov_attribute(const journey_store& store,
                                                   const markov_options& options = {}) {
    return fit_markov(store, options).credits();
}

} // namespace kolroi
