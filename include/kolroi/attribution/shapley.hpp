// kolroi/attribution/shapley.hpp: Shapley-value attribution over the sets of channels journeys
// touch.
//
// The players are the channels that appear on the store's journeys; a coalition is a set of
// channel ids (never of names, never matched by substring). Shapley's value (1953):
//
//   phi_i = sum over S subset of N \ {i} of |S|! (n - |S| - 1)! / n! * (v(S + i) - v(S)),
//
// sums over every coalition, the empty one included, and gives sum_i phi_i = v(N) - v({}).
// The coalition value v(S), chosen by the options:
//
//   conversions (default), the "simplified" Shapley value of Zhao, Mahboobi and Bagheri (2018):
//     v(S) = sum over T subset of S of w(T), w(T) = the conversions of the journeys whose set of
//     channels is exactly T. Then w is v's Moebius transform (its Harsanyi dividends) and
//     phi_i = sum over observed sets T that hold i of w(T) / |T|: exact for any number of
//     channels in one pass over the store. (It equals linear_by_channel's credit.) The value
//     column is a second game of the same form, so value is credited by its own phi.
//   conversion_rate: v(S) = the conversions over the journeys (conversions plus
//     non-conversions) of the journeys whose channel set is a subset of S; 0 where there is no
//     such journey. Its phi can be negative: a channel whose journeys convert less lowers v.
//   a user's function of the coalition (`value_function`), called with the members' ids in
//     ascending order.
//
// v({}) is what journeys without touches give (their conversions, or their rate). Their
// conversions and value go to the no-touchpoint bucket. The conversions game credits phi
// directly; the other games share the conversions and value of the journeys with touches in
// proportion phi_i / sum_j phi_j, which needs sum_j phi_j > 0.
//
// Evaluation: the conversions game is exact at any size through its dividends. Other games
// are exact through the formula above over all 2^n coalitions (bitmasks of players) when
// n <= max_exact_channels (20 by default: 2^20 coalitions). Beyond that, or when asked,
// phi_i is estimated by permutation sampling (Castro, Gomez and Tejada 2009): for each of m
// random orders of the players, each player's marginal contribution v(P + i) - v(P) to the
// players P before it; phi_i is the mean over the orders and its standard error the sample
// standard deviation over sqrt(m). Each order's contributions sum to v(N) - v({}), so the
// estimates keep the total exactly. The orders come from a Mersenne twister (mt19937_64) with
// a fixed seed and a Fisher-Yates shuffle written here, so a seed gives the same result on
// every platform.
#pragma once

#include "kolroi/core/channel_registry.hpp"
#include "kolroi/core/credit_table.hpp"
#include "kolroi/core/diagnostics.hpp"
#include "kolroi/core/error.hpp"
#include "kolroi/core/journey_store.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <random>
#include <span>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace kolroi {

/// The coalition value a Shapley model shares out.
enum class shapley_game {
    conversions,    ///< the conversions of journeys whose channel set lies in the coalition
    conversion_rate ///< the conversion rate of those journeys
};

/// How the Shapley values are computed.
enum class shapley_method {
    automatic, ///< exact when it can be (see the header comment), else sampled
    exact,     ///< exact, or an error when the game has more than max_exact_channels players
    sampled    ///< permutation sampling, whatever the number of players
};

/// A user's coalition value: v of the coalition whose members are `members` (ascending ids).
using coalition_value = std::function<double(std::span<const channel_id> members)>;

struct shapley_options {
    shapley_game game = shapley_game::conversions;
    coalition_value value_function =
        {}; ///< when set, the game is this function and `game` is unused
    shapley_method method = shapley_method::automatic;
    std::size_t max_exact_channels = 20; ///< at most 30 (2^30 coalitions)
    std::size_t permutations = 10000;    ///< orders drawn by the sampled method, at least 2
    std::uint64_t seed = 20240611;
};

namespace detail {

/// The most players the exact formula over all coalitions accepts, whatever the options say.
inline constexpr std::size_t shapley_exact_limit = 30;

/// What the journeys whose channel set is one given set stand for.
struct shapley_set_totals {
    double conversions = 0;
    double journeys = 0; ///< conversions plus non-conversions
    double value = 0;
};

struct player_set_hash {
    std::size_t operator()(const std::vector<std::uint32_t>& set) const noexcept {
        std::uint64_t hash = 1469598103934665603ull;
        for (const std::uint32_t x : set) {
            hash = (hash ^ x) * 1099511628211ull;
        }
        return static_cast<std::size_t>(hash);
    }
};

/// The store seen as a cooperative game: the players and each observed channel set.
struct shapley_data {
    std::vector<channel_id> players;              ///< ascending channel ids
    std::vector<std::vector<std::uint32_t>> sets; ///< player indices, ascending, each set once
    std::vector<shapley_set_totals> totals;       ///< per set
    shapley_set_totals empty;                     ///< journeys without touches
    credit touched;                               ///< conversions and value of the others
};

inline shapley_data make_shapley_data(const journey_store& store) {
    shapley_data data;
    std::vector<std::int64_t> player_of(store.channels().size(), -1);
    for (const channel_id id : store.touch_channels()) {
        player_of[id] = 0;
    }
    for (std::size_t id = 0; id < player_of.size(); ++id) {
        if (player_of[id] == 0) {
            player_of[id] = static_cast<std::int64_t>(data.players.size());
            data.players.push_back(static_cast<channel_id>(id));
        }
    }

    std::unordered_map<std::vector<std::uint32_t>, std::size_t, player_set_hash> index;
    std::vector<std::uint32_t> set;
    for (std::size_t j = 0; j < store.journey_count(); ++j) {
        const journey_view journey = store.journey(j);
        const shapley_set_totals row{journey.conversions,
                                     journey.conversions + journey.non_conversions, journey.value};
        if (journey.empty()) {
            data.empty.conversions += row.conversions;
            data.empty.journeys += row.journeys;
            data.empty.value += row.value;
            continue;
        }
        data.touched += credit{row.conversions, row.value};

        // The set of channels, not the sequence: repeats and order do not count.
        set.clear();
        for (const channel_id id : journey.channels) {
            set.push_back(static_cast<std::uint32_t>(player_of[id]));
        }
        std::sort(set.begin(), set.end());
        set.erase(std::unique(set.begin(), set.end()), set.end());
        const auto [found, inserted] = index.try_emplace(set, data.sets.size());
        if (inserted) {
            data.sets.push_back(set);
            data.totals.emplace_back();
        }
        auto& totals = data.totals[found->second];
        totals.conversions += row.conversions;
        totals.journeys += row.journeys;
        totals.value += row.value;
    }
    return data;
}

/// v(S) of the conversion-rate game from the sums over the journeys whose set lies in S.
inline double conversion_rate(double conversions, double journeys) noexcept {
    return journeys > 0 ? conversions / journeys : 0.0;
}

/// phi of the conversions game and of the value game through their dividends w(T) / |T|.
inline void shapley_from_dividends(const shapley_data& data, std::vector<double>& conversions,
                                   std::vector<double>& value) {
    conversions.assign(data.players.size(), 0.0);
    value.assign(data.players.size(), 0.0);
    for (std::size_t t = 0; t < data.sets.size(); ++t) {
        const double size = static_cast<double>(data.sets[t].size());
        for (const std::uint32_t player : data.sets[t]) {
            conversions[player] += data.totals[t].conversions / size;
            value[player] += data.totals[t].value / size;
        }
    }
}

/// phi from v over every coalition (v[mask], bit p for player p), by Shapley's formula.
inline std::vector<double> shapley_from_coalitions(const std::vector<double>& v, std::size_t n) {
    // weight[s] = s! (n - 1 - s)! / n!, built up from weight[0] = 1 / n.
    std::vector<double> weight(n, 0.0);
    if (n > 0) {
        weight[0] = 1.0 / static_cast<double>(n);
    }
    for (std::size_t s = 0; s + 1 < n; ++s) {
        weight[s + 1] = weight[s] * static_cast<double>(s + 1) / static_cast<double>(n - 1 - s);
    }

    std::vector<double> phi(n, 0.0);
    const std::uint64_t count = std::uint64_t{1} << n;
    for (std::uint64_t mask = 0; mask + 1 < count; ++mask) {
        const double w = weight[static_cast<std::size_t>(std::popcount(mask))];
        for (std::size_t i = 0; i < n; ++i) {
            const std::uint64_t bit = std::uint64_t{1} << i;
            if ((mask & bit) == 0) {
                phi[i] += w * (v[mask | bit] - v[mask]);
            }
        }
    }
    return phi;
}

/// v of the conversion-rate game over every coalition: the sums of each observed set are
/// carried to its supersets (a subset-sum transform), then divided.
inline std::vector<double> conversion_rate_coalitions(const shapley_data& data) {
    const std::size_t n = data.players.size();
    const std::uint64_t count = std::uint64_t{1} << n;
    std::vector<double> conversions(count, 0.0);
    std::vector<double> journeys(count, 0.0);
    conversions[0] = data.empty.conversions;
    journeys[0] = data.empty.journeys;
    for (std::size_t t = 0; t < data.sets.size(); ++t) {
        std::uint64_t mask = 0;
        for (const std::uint32_t player : data.sets[t]) {
            mask |= std::uint64_t{1} << player;
        }
        conversions[mask] += data.totals[t].conversions;
        journeys[mask] += data.totals[t].journeys;
    }
    for (std::size_t i = 0; i < n; ++i) {
        const std::uint64_t bit = std::uint64_t{1} << i;
        for (std::uint64_t mask = 0; mask < count; ++mask) {
            if ((mask & bit) != 0) {
                conversions[mask] += conversions[mask ^ bit];
                journeys[mask] += journeys[mask ^ bit];
            }
        }
    }
    std::vector<double> v(count);
    for (std::uint64_t mask = 0; mask < count; ++mask) {
        v[mask] = conversion_rate(conversions[mask], journeys[mask]);
    }
    return v;
}

/// Calls a user's coalition value and refuses what is not a finite number.
inline double call_coalition_value(const coalition_value& value,
                                   std::span<const channel_id> members) {
    const double v = value(members);
    if (!std::isfinite(v)) {
        throw error(error_kind::invalid_argument, "fit_shapley: the value function gave " +
                                                      std::to_string(v) + " for a coalition of " +
                                                      std::to_string(members.size()) +
                                                      " channels; it must be finite");
    }
    return v;
}

inline std::vector<double> custom_coalitions(const shapley_data& data,
                                             const coalition_value& value) {
    const std::size_t n = data.players.size();
    const std::uint64_t count = std::uint64_t{1} << n;
    std::vector<double> v(count);
    std::vector<channel_id> members;
    for (std::uint64_t mask = 0; mask < count; ++mask) {
        members.clear();
        for (std::size_t i = 0; i < n; ++i) {
            if ((mask >> i) & 1u) {
                members.push_back(data.players[i]);
            }
        }
        v[mask] = call_coalition_value(value, members);
    }
    return v;
}

/// Uniform random orders of n players, the same for a seed on every platform.
class permutation_source {
public:
    explicit permutation_source(std::uint64_t seed)
        : m_random(seed) {}

    void shuffle(std::vector<std::uint32_t>& order) {
        for (std::size_t i = order.size(); i > 1; --i) {
            std::swap(order[i - 1], order[below(i)]);
        }
    }

private:
    // A uniform draw from [0, bound): draws below 2^64 mod bound are rejected so that every
    // residue is equally likely.
    std::size_t below(std::size_t bound) {
        const std::uint64_t b = bound;
        const std::uint64_t threshold = (0 - b) % b;
        while (true) {
            const std::uint64_t draw = m_random();
            if (draw >= threshold) {
                return static_cast<std::size_t>(draw % b);
            }
        }
    }

    std::mt19937_64 m_random;
};

/// Running mean and variance (Welford) of each player's marginal contributions.
struct marginal_moments {
    std::vector<double> mean;
    std::vector<double> squares;
    std::size_t samples = 0;

    explicit marginal_moments(std::size_t n)
        : mean(n, 0.0)
        , squares(n, 0.0) {}

    void add(const std::vector<double>& marginal) {
        ++samples;
        for (std::size_t i = 0; i < mean.size(); ++i) {
            const double delta = marginal[i] - mean[i];
            mean[i] += delta / static_cast<double>(samples);
            squares[i] += delta * (marginal[i] - mean[i]);
        }
    }

    [[nodiscard]] std::vector<double> standard_errors() const {
        std::vector<double> errors(mean.size(), 0.0);
        const auto m = static_cast<double>(samples);
        for (std::size_t i = 0; i < mean.size(); ++i) {
            errors[i] = std::sqrt(squares[i] / (m - 1) / m);
        }
        return errors;
    }
};

/// The marginal contributions along one order, for a game whose coalition value depends only on
/// which observed sets lie inside the coalition: a set enters when its last member (in the
/// order) does, so its sums are added at that position.
class observed_set_orders {
public:
    explicit observed_set_orders(const shapley_data& data)
        : m_data(data)
        , m_rank(data.players.size())
        , m_conversions(data.players.size())
        , m_journeys(data.players.size())
        , m_value(data.players.size()) {}

    /// Fills `conversions` (or the rate, when `rate`) and `value` marginals of each player.
    void marginals(const std::vector<std::uint32_t>& order, bool rate,
                   std::vector<double>& conversions, std::vector<double>& value) {
        for (std::size_t position = 0; position < order.size(); ++position) {
            m_rank[order[position]] = static_cast<std::uint32_t>(position);
        }
        std::fill(m_conversions.begin(), m_conversions.end(), 0.0);
        std::fill(m_journeys.begin(), m_journeys.end(), 0.0);
        std::fill(m_value.begin(), m_value.end(), 0.0);
        for (std::size_t t = 0; t < m_data.sets.size(); ++t) {
            std::uint32_t last = 0;
            for (const std::uint32_t player : m_data.sets[t]) {
                last = std::max(last, m_rank[player]);
            }
            m_conversions[last] += m_data.totals[t].conversions;
            m_journeys[last] += m_data.totals[t].journeys;
            m_value[last] += m_data.totals[t].value;
        }

        double sum_conversions = m_data.empty.conversions;
        double sum_journeys = m_data.empty.journeys;
        double before = rate ? conversion_rate(sum_conversions, sum_journeys) : sum_conversions;
        for (std::size_t position = 0; position < order.size(); ++position) {
            sum_conversions += m_conversions[position];
            sum_journeys += m_journeys[position];
            const double after =
                rate ? conversion_rate(sum_conversions, sum_journeys) : sum_conversions;
            conversions[order[position]] = after - before;
            value[order[position]] = m_value[position];
            before = after;
        }
    }

private:
    const shapley_data& m_data;
    std::vector<std::uint32_t> m_rank;
    std::vector<double> m_conversions;
    std::vector<double> m_journeys;
    std::vector<double> m_value;
};

/// The marginal contributions along one order for a user's coalition value.
inline void custom_marginals(const shapley_data& data, const coalition_value& value,
                             const std::vector<std::uint32_t>& order, std::vector<double>& out) {
    std::vector<channel_id> members;
    members.reserve(order.size());
    double before = call_coalition_value(value, members);
    for (const std::uint32_t player : order) {
        const channel_id id = data.players[player];
        members.insert(std::upper_bound(members.begin(), members.end(), id), id);
        const double after = call_coalition_value(value, members);
        out[player] = after - before;
        before = after;
    }
}

} // namespace detail

/// The Shapley values of one store's game. Channel-indexed results cover every channel of the
/// store's registry; a channel that no journey touches is not a player and has 0.
class shapley_model {
public:
    explicit shapley_model(const journey_store& store, const shapley_options& options = {})
        : m_options(options)
        , m_data(detail::make_shapley_data(store)) {
        check_options();
        const std::size_t n = m_data.players.size();
        m_exact = choose_exact(n);
        std::vector<double> phi;
        std::vector<double> phi_value;
        std::vector<double> errors(n, 0.0);
        std::vector<double> value_errors(n, 0.0);
        if (m_exact) {
            solve_exact(phi, phi_value);
        } else {
            solve_sampled(phi, phi_value, errors, value_errors);
        }
        scatter(store.channels().size(), phi, phi_value, errors, value_errors);
        if (m_data.touched.conversions == 0) {
            m_notes.add("no conversions", "the journeys with touches have no conversions; no "
                                          "channel is credited with any");
        }
    }

    [[nodiscard]] const shapley_options& options() const noexcept { return m_options; }

    /// The channels that take part in the game, ascending ids.
    [[nodiscard]] std::span<const channel_id> players() const noexcept { return m_data.players; }

    /// Whether the values are exact (true) or estimated by permutation sampling.
    [[nodiscard]] bool exact() const noexcept { return m_exact; }

    /// phi of the game, indexed by channel id, in the game's units (conversions, a rate, or
    /// the user function's).
    [[nodiscard]] std::span<const double> shapley_values() const noexcept { return m_phi; }

    /// The standard error of each estimate (0 when exact).
    [[nodiscard]] std::span<const double> standard_errors() const noexcept { return m_errors; }

    /// phi of the value game (the conversions game only; empty for the others).
    [[nodiscard]] std::span<const double> value_shapley_values() const noexcept {
        return m_phi_value;
    }

    /// Credit per channel, and the no-touchpoint bucket for journeys without touches. The
    /// conversions game credits phi; other games share the conversions and value of the
    /// journeys with touches in proportion to phi, and throw when phi sums to 0 or less.
    [[nodiscard]] credit_table credits() const {
        credit_table table(m_phi.size());
        table.no_touchpoint() = credit{m_data.empty.conversions, m_data.empty.value};
        if (shares_directly()) {
            for (std::size_t id = 0; id < m_phi.size(); ++id) {
                table.credits()[id] = credit{m_phi[id], m_phi_value[id]};
            }
            return table;
        }
        const double scale = share_scale();
        for (std::size_t id = 0; id < m_phi.size(); ++id) {
            table.credits()[id] = credit{m_phi[id] * scale * m_data.touched.conversions,
                                         m_phi[id] * scale * m_data.touched.value};
        }
        return table;
    }

    /// The standard error of each channel's credit (0 when exact), in the credit's units.
    [[nodiscard]] std::vector<credit> credit_standard_errors() const {
        std::vector<credit> errors(m_phi.size());
        const double scale = shares_directly() ? 1.0 : share_scale();
        for (std::size_t id = 0; id < m_phi.size(); ++id) {
            errors[id] = shares_directly()
                             ? credit{m_errors[id], m_value_errors[id]}
                             : credit{m_errors[id] * scale * m_data.touched.conversions,
                                      m_errors[id] * scale * m_data.touched.value};
        }
        return errors;
    }

    /// What the fit reported: a store without conversions.
    [[nodiscard]] const diagnostics& notes() const noexcept { return m_notes; }

private:
    [[nodiscard]] bool custom() const noexcept {
        return static_cast<bool>(m_options.value_function);
    }

    [[nodiscard]] bool shares_directly() const noexcept {
        return !custom() && m_options.game == shapley_game::conversions;
    }

    // 1 / sum phi, or 0 when there is nothing to share.
    [[nodiscard]] double share_scale() const {
        double total = 0;
        for (const double x : m_phi) {
            total += x;
        }
        if (total > 0) {
            return 1.0 / total;
        }
        if (m_data.touched.conversions == 0 && m_data.touched.value == 0) {
            return 0.0;
        }
        throw error(error_kind::numeric_error,
                    "shapley_model::credits: the Shapley values sum to " + std::to_string(total) +
                        " (v(N) - v({})), so they cannot share " +
                        std::to_string(m_data.touched.conversions) + " conversions");
    }

    void check_options() const {
        if (m_options.max_exact_channels > detail::shapley_exact_limit) {
            throw error(error_kind::invalid_argument,
                        "fit_shapley: max_exact_channels is " +
                            std::to_string(m_options.max_exact_channels) + ", above the " +
                            std::to_string(detail::shapley_exact_limit) +
                            " players whose 2^n coalitions the exact method evaluates");
        }
        if (m_options.method != shapley_method::exact && m_options.permutations < 2) {
            throw error(error_kind::invalid_argument,
                        "fit_shapley: sampling needs at least 2 permutations for a standard "
                        "error, saw " +
                            std::to_string(m_options.permutations));
        }
    }

    [[nodiscard]] bool choose_exact(std::size_t n) const {
        const bool by_dividends = shares_directly();
        switch (m_options.method) {
        case shapley_method::sampled:
            return false;
        case shapley_method::automatic:
            return by_dividends || n <= m_options.max_exact_channels;
        case shapley_method::exact:
            if (!by_dividends && n > m_options.max_exact_channels) {
                throw error(error_kind::unsupported,
                            "fit_shapley: the exact method evaluates all 2^n coalitions and "
                            "this game has " +
                                std::to_string(n) + " players, above max_exact_channels = " +
                                std::to_string(m_options.max_exact_channels) +
                                "; use shapley_method::sampled");
            }
            return true;
        }
        return true;
    }

    void solve_exact(std::vector<double>& phi, std::vector<double>& phi_value) const {
        const std::size_t n = m_data.players.size();
        if (shares_directly()) {
            detail::shapley_from_dividends(m_data, phi, phi_value);
            return;
        }
        const std::vector<double> v =
            custom() ? detail::custom_coalitions(m_data, m_options.value_function)
                     : detail::conversion_rate_coalitions(m_data);
        phi = detail::shapley_from_coalitions(v, n);
    }

    void solve_sampled(std::vector<double>& phi, std::vector<double>& phi_value,
                       std::vector<double>& errors, std::vector<double>& value_errors) const {
        const std::size_t n = m_data.players.size();
        if (n == 0) {
            return;
        }
        const bool rate = !custom() && m_options.game == shapley_game::conversion_rate;
        detail::permutation_source source(m_options.seed);
        detail::observed_set_orders orders(m_data);
        detail::marginal_moments moments(n);
        detail::marginal_moments value_moments(n);
        std::vector<std::uint32_t> order(n);
        std::vector<double> marginal(n);
        std::vector<double> value_marginal(n);
        for (std::size_t p = 0; p < m_options.permutations; ++p) {
            // Each draw shuffles the identity afresh, so an order does not depend on the last.
            for (std::uint32_t i = 0; i < n; ++i) {
                order[i] = i;
            }
            source.shuffle(order);
            if (custom()) {
                detail::custom_marginals(m_data, m_options.value_function, order, marginal);
            } else {
                orders.marginals(order, rate, marginal, value_marginal);
                value_moments.add(value_marginal);
            }
            moments.add(marginal);
        }
        phi = moments.mean;
        errors = moments.standard_errors();
        if (shares_directly()) {
            phi_value = value_moments.mean;
            value_errors = value_moments.standard_errors();
        }
    }

    void scatter(std::size_t channels, const std::vector<double>& phi,
                 const std::vector<double>& phi_value, const std::vector<double>& errors,
                 const std::vector<double>& value_errors) {
        m_phi.assign(channels, 0.0);
        m_errors.assign(channels, 0.0);
        m_value_errors.assign(channels, 0.0);
        if (shares_directly()) {
            m_phi_value.assign(channels, 0.0);
        }
        for (std::size_t p = 0; p < m_data.players.size(); ++p) {
            const channel_id id = m_data.players[p];
            m_phi[id] = phi[p];
            m_errors[id] = errors[p];
            if (shares_directly()) {
                m_phi_value[id] = phi_value[p];
                m_value_errors[id] = value_errors[p];
            }
        }
    }

    shapley_options m_options;
    detail::shapley_data m_data;
    bool m_exact = true;
    std::vector<double> m_phi;
    std::vector<double> m_errors;
    std::vector<double> m_phi_value;
    std::vector<double> m_value_errors;
    diagnostics m_notes;
};

/// The Shapley values of `store`'s game under `options`.
[[nodiscard]] inline shapley_model fit_shapley(const journey_store& store,
                                               const shapley_options& options = {}) {
    return shapley_model(store, options);
}

/// The credit table of the Shapley model (fit_shapley(store, options).credits()).
[[nodiscard]] inline credit_table shapley_attribute(const journey_store& store,
                                                    const shapley_options& options = {}) {
    return fit_shapley(store, options).credits();
}

} // namespace kolroi
