// kolroi/tracking/journey_builder.hpp: from orders and resolved visits to one journey per order.
//
// The rules, for each customer (see docs/journeys.md for why each was chosen):
// 1. Order of orders. A customer's orders are taken by time, and orders in the same second by
//    order id (ids of digits only by their number, before all other ids, which compare byte by
//    byte). Every order is its own journey, also when two fall in the same second.
// 2. Next order only. A touch belongs to the first order, in that order, at or after it: touch
//    time t goes to order k when t_(k-1) < t <= t_k. A touch is used by at most one order, and a
//    touch after an order goes to the customer's next order. So of two orders in the same second
//    the first takes the touches and the second has only its own promo codes.
// 3. Lookback window. Order k keeps its touches with t_k - t <= lookback_window: the bound is
//    inclusive (a touch exactly 30 days before counts, one 30 days and 1 second before does
//    not). A touch outside its order's window is used by no order ("touches outside the
//    lookback window").
// 4. Sessions. Among an order's kept touches, a touch with the same channel and KOL as the kept
//    touch before it, and at most session_timeout after the previous touch of that run (the
//    bound is inclusive, and each repeat extends the session, as GA4's inactivity timeout does),
//    is merged into it: the first touch of the run stays ("touches merged into a session").
// 5. Promo codes. Each code on an order is a touch at order time, resolved through the
//    resolver's KOL registry (a KOL's code or a sitewide code). The order's path is
//    promo_precedence's multi_touch_path over its touches and codes: time order, codes last,
//    sitewide codes left out when any other touch is present (unless the precedence says
//    otherwise). The builder's lookback window replaces the precedence's.
// 6. Values. Gross = revenue and net = order::net_revenue(), both converted into the rate
//    table's reporting currency. An order whose currency has no rate is an error in strict mode
//    and otherwise skipped and counted ("currency without rate"); it is then no order at all
//    for rules 1 to 3, so its touches go to the customer's next order.
// 7. Leftovers. Touches of customers without orders, and after a customer's last order, are
//    counted as "touches without orders". Orders without touches get empty journeys, which
//    attribution puts in its no-touchpoint bucket.
// Journeys come in the order of the orders given (skipped orders left out; order_index says which
// order each journey is). The result does not depend on the order of the touches given: ties in
// time are broken by channel, KOL, campaign, platform and basis.
#pragma once

#include "kolroi/core/channel_registry.hpp"
#include "kolroi/core/diagnostics.hpp"
#include "kolroi/core/error.hpp"
#include "kolroi/core/journey_store.hpp"
#include "kolroi/core/timestamp.hpp"
#include "kolroi/io/iso8601.hpp"
#include "kolroi/roi/exchange_rates.hpp"
#include "kolroi/tracking/bad_rows.hpp"
#include "kolroi/tracking/order_journeys.hpp"
#include "kolroi/tracking/orders.hpp"
#include "kolroi/tracking/promo_precedence.hpp"
#include "kolroi/tracking/touch_resolver.hpp"
#include "kolroi/tracking/touchpoints.hpp"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <tuple>
#include <unordered_map>
#include <utility>
#include <vector>

namespace kolroi {

struct journey_options {
    timestamp lookback_window = 30 * seconds_per_day;    ///< in seconds; an inclusive bound
    timestamp session_timeout = 30 * seconds_per_minute; ///< in seconds; an inclusive bound
    bool collapse_sessions = true;
    promo_precedence precedence; ///< its lookback_window is replaced by the one above
    bad_row_policy on_missing_rate = bad_row_policy::skip_and_report;
};

/// The names of the inputs, for the locations in errors and diagnostics.
struct journey_sources {
    std::string orders;
    std::string touches;
};

namespace detail {

inline bool all_digits(std::string_view text) noexcept {
    return !text.empty() &&
           std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

/// The order of same-second orders: ids of digits by their number ("999" before "1001"), then
/// every other id byte by byte.
inline bool order_id_less(std::string_view a, std::string_view b) noexcept {
    const bool a_number = all_digits(a);
    const bool b_number = all_digits(b);
    if (a_number != b_number) {
        return a_number;
    }
    if (a_number) {
        const std::string_view a_value = a.substr(std::min(a.find_first_not_of('0'), a.size()));
        const std::string_view b_value = b.substr(std::min(b.find_first_not_of('0'), b.size()));
        if (a_value.size() != b_value.size()) {
            return a_value.size() < b_value.size();
        }
        if (a_value != b_value) {
            return a_value < b_value;
        }
    }
    return a < b;
}

/// A total order on the touches of one customer that reads only their content, so that the
/// journeys do not depend on the order of the log.
inline bool touch_less(const touchpoint& a, const touchpoint& b) noexcept {
    return std::tie(a.time, a.channel, a.kol_id, a.campaign, a.platform, a.basis) <
           std::tie(b.time, b.channel, b.kol_id, b.campaign, b.platform, b.basis);
}

/// What the sort of the touches reads first, kept together so that most comparisons never
/// touch the touchpoints themselves.
struct touch_key {
    std::uint32_t customer = 0;
    timestamp time = 0;
    std::size_t index = 0; ///< into the touches given
};

/// How many examples of each reason the builder's diagnostics keep (diagnostics' default); past
/// that, a skip is only counted and its message is not written.
inline constexpr std::size_t journey_note_examples = 20;

/// An order the builder uses: its values in the reporting currency and its customer.
struct usable_order {
    std::size_t index = 0; ///< into the orders given
    std::uint32_t customer = 0;
    double gross = 0;
    double net = 0;
    std::size_t first_touch = 0; ///< its touches in the builder's flat list
    std::size_t touch_count = 0;
};

/// Interns names to dense ids; an empty name is `order_journeys::none`.
class name_index {
public:
    std::uint32_t id(std::string_view name) {
        if (name.empty()) {
            return order_journeys::none;
        }
        return m_names.intern(name);
    }
    [[nodiscard]] std::vector<std::string> names() const { return m_names.names(); }

private:
    channel_registry m_names;
};

class journey_builder {
public:
    journey_builder(std::span<const order> orders, std::span<const touchpoint> touches,
                    const touch_resolver& resolver, const exchange_rates& rates,
                    const journey_options& options, const journey_sources& sources)
        : m_orders(orders)
        , m_touches(touches)
        , m_resolver(resolver)
        , m_rates(rates)
        , m_options(options)
        , m_sources(sources) {
        check_options();
        m_precedence = options.precedence;
        m_precedence.lookback_window = options.lookback_window;
        m_result.reporting_currency = rates.reporting_currency();
        m_result.notes = diagnostics(journey_note_examples);
    }

    order_journeys build() {
        convert_values();
        index_customers();
        const std::vector<std::size_t> by_customer = sorted_orders();
        const std::vector<touch_key> touches = sorted_touches();
        assign_touches(by_customer, touches);
        emit_journeys();
        m_result.kol_ids = m_kols.names();
        m_result.campaigns = m_campaigns.names();
        return std::move(m_result);
    }

private:
    void check_options() const {
        if (m_options.lookback_window < 0 || m_options.session_timeout < 0) {
            throw error(error_kind::invalid_argument,
                        "build_journeys: the lookback window (" +
                            std::to_string(m_options.lookback_window) +
                            " s) and the session timeout (" +
                            std::to_string(m_options.session_timeout) + " s) may not be negative");
        }
    }

    // Rule 6: values in one currency, or the order is not used.
    void convert_values() {
        m_usable.reserve(m_orders.size());
        for (std::size_t i = 0; i < m_orders.size(); ++i) {
            const order& row = m_orders[i];
            if (!m_rates.has_rate(row.currency)) {
                const input_location where{m_sources.orders, row.line, "currency"};
                const std::string message = "build_journeys: order '" + row.id + "' is in '" +
                                            row.currency +
                                            "', which has no rate to the reporting currency '" +
                                            m_rates.reporting_currency() + "'";
                if (m_options.on_missing_rate == bad_row_policy::strict) {
                    throw error(error_kind::data_error, message, where);
                }
                m_result.notes.add("currency without rate", message, where);
                continue;
            }
            usable_order use;
            use.index = i;
            use.gross = m_rates.convert(row.revenue, row.currency);
            use.net = m_rates.convert(row.net_revenue(), row.currency);
            m_usable.push_back(use);
        }
    }

    void index_customers() {
        m_customers.reserve(m_usable.size());
        for (auto& use : m_usable) {
            const std::string_view customer = m_orders[use.index].customer_id;
            const auto next = static_cast<std::uint32_t>(m_customers.size());
            use.customer = m_customers.emplace(customer, next).first->second;
        }
    }

    // Rule 1: positions into m_usable, by customer, time and order id.
    [[nodiscard]] std::vector<std::size_t> sorted_orders() const {
        std::vector<std::size_t> positions(m_usable.size());
        for (std::size_t p = 0; p < positions.size(); ++p) {
            positions[p] = p;
        }
        std::sort(positions.begin(), positions.end(), [this](std::size_t a, std::size_t b) {
            const usable_order& x = m_usable[a];
            const usable_order& y = m_usable[b];
            if (x.customer != y.customer) {
                return x.customer < y.customer;
            }
            const order& p = m_orders[x.index];
            const order& q = m_orders[y.index];
            if (p.time != q.time) {
                return p.time < q.time;
            }
            return order_id_less(p.id, q.id);
        });
        return positions;
    }

    // Touches of customers with orders, by customer and then by content; the others are counted.
    std::vector<touch_key> sorted_touches() {
        std::vector<touch_key> kept;
        kept.reserve(m_touches.size());
        for (std::size_t i = 0; i < m_touches.size(); ++i) {
            const touchpoint& touch = m_touches[i];
            const auto found = m_customers.find(std::string_view(touch.customer_id));
            if (found == m_customers.end()) {
                note_touch(without_orders, i, "customer_id",
                           [&] { return "customer '" + touch.customer_id + "' has no order"; });
                continue;
            }
            kept.push_back({found->second, touch.time, i});
        }
        std::sort(kept.begin(), kept.end(), [this](const touch_key& a, const touch_key& b) {
            if (a.customer != b.customer || a.time != b.time) {
                return std::tie(a.customer, a.time) < std::tie(b.customer, b.time);
            }
            return touch_less(m_touches[a.index], m_touches[b.index]);
        });
        return kept;
    }

    // Rules 2 to 4, customer by customer: both lists are sorted by customer first.
    void assign_touches(const std::vector<std::size_t>& orders,
                        const std::vector<touch_key>& touches) {
        m_assigned.reserve(touches.size());
        std::size_t t = 0;
        for (std::size_t k = 0; k < orders.size(); ++k) {
            usable_order& use = m_usable[orders[k]];
            const order& row = m_orders[use.index];
            use.first_touch = m_assigned.size();
            t = take_touches(touches, t, use.customer, row);
            use.touch_count = m_assigned.size() - use.first_touch;

            const bool last_of_customer =
                k + 1 == orders.size() || m_usable[orders[k + 1]].customer != use.customer;
            for (; last_of_customer && t < touches.size() && touches[t].customer == use.customer;
                 ++t) {
                note_touch(without_orders, touches[t].index, "time", [&] {
                    return "customer '" + row.customer_id + "' has no order after " +
                           format_iso8601(row.time);
                });
            }
        }
    }

    /// Takes the touches of `customer` up to the time of `row` from position `t`; returns the
    /// position after them.
    std::size_t take_touches(const std::vector<touch_key>& touches, std::size_t t,
                             std::uint32_t customer, const order& row) {
        const timestamp lookback = m_options.lookback_window;
        const timestamp session = m_options.session_timeout;
        const touchpoint* run = nullptr; // the kept touch a repeat would merge into
        timestamp run_end = 0;           // the time of the run's latest touch
        for (; t < touches.size() && touches[t].customer == customer; ++t) {
            if (touches[t].time > row.time) {
                break;
            }
            const touchpoint& touch = m_touches[touches[t].index];
            if (row.time - touch.time > lookback) {
                note_touch(outside_window, touches[t].index, "time", [&] {
                    return "touch at " + format_iso8601(touch.time) + " is more than " +
                           std::to_string(lookback) + " s before order '" + row.id + "' at " +
                           format_iso8601(row.time);
                });
                continue;
            }
            const bool repeat = run != nullptr && m_options.collapse_sessions &&
                                touch.channel == run->channel && touch.kol_id == run->kol_id &&
                                touch.time - run_end <= session;
            if (repeat) {
                note_touch(merged, touches[t].index, "time", [&] {
                    return "touch at " + format_iso8601(touch.time) + " repeats channel '" +
                           touch.channel + "' of the touch at " + format_iso8601(run->time);
                });
                run_end = touch.time;
                continue;
            }
            m_assigned.push_back(touches[t].index);
            run = &touch;
            run_end = touch.time;
        }
        return t;
    }

    // Rule 5 and the output, in the order of the orders given.
    void emit_journeys() {
        m_result.journeys.reserve(m_usable.size(), m_assigned.size());
        m_result.touch_kols.reserve(m_assigned.size());
        m_result.touch_campaigns.reserve(m_assigned.size());
        m_result.touch_platforms.reserve(m_assigned.size());
        m_result.touch_bases.reserve(m_assigned.size());
        std::vector<candidate_touch> candidates;
        std::vector<resolved_touch> codes;
        std::vector<channel_id> channels;
        std::vector<timestamp> times;
        for (const usable_order& use : m_usable) {
            const order& row = m_orders[use.index];
            candidates.clear();
            for (std::size_t a = 0; a < use.touch_count; ++a) {
                const touchpoint& touch = m_touches[m_assigned[use.first_touch + a]];
                candidates.push_back(
                    {touch.kol_id.empty() ? touch_role::link : touch_role::kol_link, touch.time});
            }
            codes.clear();
            for (const auto& code : row.discount_codes) {
                codes.push_back(m_resolver.resolve_promo_code(code));
                candidates.push_back(
                    {codes.back().kol_id ? touch_role::kol_code : touch_role::sitewide_code,
                     row.time});
            }

            channels.clear();
            times.clear();
            for (const std::size_t c : multi_touch_path(candidates, row.time, m_precedence)) {
                if (c < use.touch_count) {
                    add_touch(m_touches[m_assigned[use.first_touch + c]], channels, times);
                } else {
                    add_code(codes[c - use.touch_count], row.time, channels, times);
                }
            }
            m_result.journeys.add_timed(channels, times, row.time, 1.0, 0.0, use.gross);
            m_result.order_ids.push_back(row.id);
            m_result.order_index.push_back(use.index);
            m_result.net_value.push_back(use.net);
            m_result.status.push_back(row.status);
        }
    }

    void add_touch(const touchpoint& touch, std::vector<channel_id>& channels,
                   std::vector<timestamp>& times) {
        channels.push_back(m_result.journeys.channels().intern(touch.channel));
        times.push_back(touch.time);
        m_result.touch_kols.push_back(m_kols.id(touch.kol_id));
        m_result.touch_campaigns.push_back(m_campaigns.id(touch.campaign));
        m_result.touch_platforms.push_back(touch.platform);
        m_result.touch_bases.push_back(touch.basis);
    }

    void add_code(const resolved_touch& code, timestamp when, std::vector<channel_id>& channels,
                  std::vector<timestamp>& times) {
        channels.push_back(m_result.journeys.channels().intern(code.channel));
        times.push_back(when);
        m_result.touch_kols.push_back(m_kols.id(code.kol_id.value_or("")));
        m_result.touch_campaigns.push_back(order_journeys::none);
        m_result.touch_platforms.push_back(code.platform);
        m_result.touch_bases.push_back(code.basis);
    }

    enum touch_note { without_orders, outside_window, merged };

    /// Counts a touch that no journey uses; `detail` writes the message, only while examples of
    /// the reason are still kept, since most logs have many such touches.
    template <class Detail>
    void note_touch(touch_note note, std::size_t touch, const char* field, Detail&& detail) {
        static constexpr const char* reasons[] = {"touches without orders",
                                                  "touches outside the lookback window",
                                                  "touches merged into a session"};
        if (m_noted[note]++ >= journey_note_examples) {
            m_result.notes.add(reasons[note], {}, {});
            return;
        }
        m_result.notes.add(reasons[note], "build_journeys: " + detail(),
                           input_location{m_sources.touches, m_touches[touch].line, field});
    }

    std::span<const order> m_orders;
    std::span<const touchpoint> m_touches;
    const touch_resolver& m_resolver;
    const exchange_rates& m_rates;
    const journey_options& m_options;
    const journey_sources& m_sources;
    promo_precedence m_precedence;

    std::vector<usable_order> m_usable;
    std::unordered_map<std::string_view, std::uint32_t> m_customers;
    std::size_t m_noted[3] = {0, 0, 0};  ///< touches noted, by touch_note
    std::vector<std::size_t> m_assigned; ///< touch indices, each order's contiguous
    name_index m_kols;
    name_index m_campaigns;
    order_journeys m_result;
};

} // namespace detail

/// One journey per order (the rules at the top of this header). `resolver` turns promo codes into
/// touches; `rates` converts every order into its reporting currency.
[[nodiscard]] inline order_journeys
build_journeys(std::span<const order> orders, std::span<const touchpoint> touches,
               const touch_resolver& resolver, const exchange_rates& rates,
               const journey_options& options = {}, const journey_sources& sources = {}) {
    return detail::journey_builder(orders, touches, resolver, rates, options, sources).build();
}

/// The journeys of an orders file and a visit log, read by read_orders and read_touchpoints.
/// Their own diagnostics stay in the files; the result's are the builder's.
[[nodiscard]] inline order_journeys build_journeys(const order_file& orders,
                                                   const touchpoint_file& touches,
                                                   const touch_resolver& resolver,
                                                   const exchange_rates& rates,
                                                   const journey_options& options = {}) {
    const journey_sources sources{orders.source, touches.source};
    return build_journeys(orders.orders, touches.touches, resolver, rates, options, sources);
}

} // namespace kolroi
