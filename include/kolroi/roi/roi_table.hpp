// kolroi/roi/roi_table.hpp: credited orders and GMV accumulated per (KOL, campaign) and per
// channel group, ready for contracts to be priced against them.
//
// The tracking and attribution parts feed the table what each KOL was credited with (orders,
// GMV before and after refunds, and optionally the impressions and clicks it delivered), keyed
// by kol_campaign, and what no KOL earned (organic, paid ads, direct), keyed by channel group,
// so that the KOL rows and the channel rows together add up to the store's totals. A channel
// row may also carry spend (a paid-ads budget), which the report treats as that row's cost.
//
// Tables built from parts of the data (files, days, shards) merge into the table of the whole:
// every figure is a sum, so merging is commutative and associative (exactly for the whole-number
// counts; for money to about one rounding of the total, since sums are compensated). Costs are
// never stored here: the report prices each contract on the merged totals, because a flat fee
// is paid once however many shards there are, and ROI of a sum is not a sum of ROIs.
//
// All money in a table is in its one reporting currency; convert before adding (see
// exchange_rates.hpp).
#pragma once

#include "kolroi/core/error.hpp"
#include "kolroi/core/platform.hpp"
#include "kolroi/io/text.hpp"
#include "kolroi/roi/currency.hpp"
#include "kolroi/roi/detail/compensated_sum.hpp"
#include "kolroi/roi/kol_campaign.hpp"

#include <cmath>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kolroi {

/// What one row was credited with.
struct credited_figures {
    double orders = 0;    ///< credited orders: the attribution's (fractional) share of orders
    double gross_gmv = 0; ///< credited GMV before refunds
    double net_gmv = 0;   ///< credited GMV after refunds
    std::uint64_t touched_orders = 0; ///< orders that gave the row any credit at all
    std::uint64_t impressions = 0;    ///< delivered impressions, 0 when not tracked
    std::uint64_t clicks = 0;         ///< delivered clicks, 0 when not tracked

    credited_figures& operator+=(const credited_figures& other) noexcept {
        orders += other.orders;
        gross_gmv += other.gross_gmv;
        net_gmv += other.net_gmv;
        touched_orders += other.touched_orders;
        impressions += other.impressions;
        clicks += other.clicks;
        return *this;
    }
};

namespace detail {

/// The running sums of one row.
class figure_sums {
public:
    void add(const credited_figures& figures) noexcept {
        m_orders.add(figures.orders);
        m_gross.add(figures.gross_gmv);
        m_net.add(figures.net_gmv);
        m_touched += figures.touched_orders;
        m_impressions += figures.impressions;
        m_clicks += figures.clicks;
    }

    void merge(const figure_sums& other) noexcept {
        m_orders.merge(other.m_orders);
        m_gross.merge(other.m_gross);
        m_net.merge(other.m_net);
        m_touched += other.m_touched;
        m_impressions += other.m_impressions;
        m_clicks += other.m_clicks;
    }

    [[nodiscard]] credited_figures value() const noexcept {
        return {m_orders.value(), m_gross.value(), m_net.value(),
                m_touched,        m_impressions,   m_clicks};
    }

private:
    compensated_sum m_orders;
    compensated_sum m_gross;
    compensated_sum m_net;
    std::uint64_t m_touched = 0;
    std::uint64_t m_impressions = 0;
    std::uint64_t m_clicks = 0;
};

inline void check_figures(const credited_figures& figures, std::string_view function,
                          const std::string& who) {
    const auto fail = [&](std::string_view name, double value, std::string_view rule) {
        throw error(error_kind::invalid_argument,
                    std::string(function) + ": " + who + ": " + std::string(name) + " is " +
                        format_number(value) + "; " + std::string(rule));
    };
    if (!std::isfinite(figures.orders) || figures.orders < 0) {
        fail("credited orders", figures.orders, "it must be non-negative and finite");
    }
    if (!std::isfinite(figures.gross_gmv) || figures.gross_gmv < 0) {
        fail("gross GMV", figures.gross_gmv, "it must be non-negative and finite");
    }
    if (!std::isfinite(figures.net_gmv)) {
        fail("net GMV", figures.net_gmv, "it must be finite");
    }
}

} // namespace detail

/// One KOL row of a table: its key, the platform the feed named (if any) and its figures.
struct kol_figures {
    kol_campaign key;
    std::optional<kolroi::platform> platform;
    credited_figures figures;
};

/// One channel row of a table: a channel group no KOL is behind, its figures and its spend.
struct channel_figures {
    std::string group;
    credited_figures figures;
    double spend = 0;
};

class roi_table {
public:
    /// An empty table whose money is in `reporting_currency` (an ISO 4217 code).
    explicit roi_table(std::string_view reporting_currency)
        : m_currency(currency_code(reporting_currency, "roi_table")) {}

    [[nodiscard]] const std::string& currency() const noexcept { return m_currency; }

    /// Adds what `key` was credited with. `platform`, when given, is the platform the KOL's
    /// traffic came from; a row keeps one platform, and a different one is a data_error.
    /// Throws invalid_argument for an empty KOL id, platform none, negative or non-finite orders
    /// or gross GMV, and non-finite net GMV (net GMV may be negative: refunds of sales made in
    /// another part). On a throw the table is unchanged.
    void add(const kol_campaign& key, const credited_figures& figures,
             std::optional<kolroi::platform> platform = std::nullopt) {
        if (key.kol_id.empty()) {
            throw error(error_kind::invalid_argument, "roi_table::add: the KOL id is empty");
        }
        detail::check_figures(figures, "roi_table::add", key.describe());
        if (platform == kolroi::platform::none) {
            throw error(error_kind::invalid_argument,
                        "roi_table::add: " + key.describe() +
                            " has platform none; a KOL posts on a platform (or 'other')");
        }
        if (const auto found = m_kols.find(key); found != m_kols.end()) {
            check_platforms(found->second.platform, platform, key, "roi_table::add");
        }

        auto& row = m_kols[key];
        if (platform) {
            row.platform = platform;
        }
        row.sums.add(figures);
    }

    /// Adds revenue no KOL earned to the row of channel `group` ("Organic Search", "Direct").
    void add_channel(std::string_view group, const credited_figures& figures) {
        check_group(group, "roi_table::add_channel");
        detail::check_figures(figures, "roi_table::add_channel", std::string(group));
        m_channels[std::string(group)].sums.add(figures);
    }

    /// Adds spend (in the table's currency) to the row of channel `group`.
    void add_channel_spend(std::string_view group, double spend) {
        check_group(group, "roi_table::add_channel_spend");
        if (!std::isfinite(spend) || spend < 0) {
            throw error(error_kind::invalid_argument,
                        "roi_table::add_channel_spend: " + std::string(group) + ": spend is " +
                            format_number(spend) + "; it must be non-negative and finite");
        }
        m_channels[std::string(group)].spend.add(spend);
    }

    /// Adds every row of `other`. Throws invalid_argument when the currencies differ and
    /// data_error when the two tables give one KOL row different platforms; on a throw this
    /// table is unchanged.
    roi_table& merge(const roi_table& other) {
        if (other.m_currency != m_currency) {
            throw error(error_kind::invalid_argument,
                        "roi_table::merge: this table is in " + m_currency + ", the other in " +
                            other.m_currency + "; convert before merging");
        }
        for (const auto& [key, row] : other.m_kols) {
            const auto found = m_kols.find(key);
            if (found != m_kols.end()) {
                check_platforms(found->second.platform, row.platform, key, "roi_table::merge");
            }
        }
        for (const auto& [key, row] : other.m_kols) {
            auto& mine = m_kols[key];
            if (!mine.platform) {
                mine.platform = row.platform;
            }
            mine.sums.merge(row.sums);
        }
        for (const auto& [group, row] : other.m_channels) {
            auto& mine = m_channels[group];
            mine.sums.merge(row.sums);
            mine.spend.merge(row.spend);
        }
        return *this;
    }

    roi_table& operator+=(const roi_table& other) { return merge(other); }

    /// The KOL rows in key order (kol_id, then campaign).
    [[nodiscard]] std::vector<kol_figures> kols() const {
        std::vector<kol_figures> rows;
        rows.reserve(m_kols.size());
        for (const auto& [key, row] : m_kols) {
            rows.push_back({key, row.platform, row.sums.value()});
        }
        return rows;
    }

    /// The channel rows in the order of their names.
    [[nodiscard]] std::vector<channel_figures> channels() const {
        std::vector<channel_figures> rows;
        rows.reserve(m_channels.size());
        for (const auto& [group, row] : m_channels) {
            rows.push_back({group, row.sums.value(), row.spend.value()});
        }
        return rows;
    }

    /// The figures of `key`, or nothing when nothing was added for it.
    [[nodiscard]] std::optional<credited_figures> find(const kol_campaign& key) const {
        const auto found = m_kols.find(key);
        if (found == m_kols.end()) {
            return std::nullopt;
        }
        return found->second.sums.value();
    }

    /// The figures of channel `group`, or nothing.
    [[nodiscard]] std::optional<credited_figures> find_channel(std::string_view group) const {
        const auto found = m_channels.find(std::string(group));
        if (found == m_channels.end()) {
            return std::nullopt;
        }
        return found->second.sums.value();
    }

    [[nodiscard]] std::size_t kol_count() const noexcept { return m_kols.size(); }
    [[nodiscard]] std::size_t channel_count() const noexcept { return m_channels.size(); }

    /// Every KOL row together.
    [[nodiscard]] credited_figures kol_total() const {
        detail::figure_sums total;
        for (const auto& entry : m_kols) {
            total.merge(entry.second.sums);
        }
        return total.value();
    }

    /// Every channel row together.
    [[nodiscard]] credited_figures channel_total() const {
        detail::figure_sums total;
        for (const auto& entry : m_channels) {
            total.merge(entry.second.sums);
        }
        return total.value();
    }

    /// The store: every KOL row and every channel row.
    [[nodiscard]] credited_figures store_total() const {
        detail::figure_sums total;
        for (const auto& entry : m_kols) {
            total.merge(entry.second.sums);
        }
        for (const auto& entry : m_channels) {
            total.merge(entry.second.sums);
        }
        return total.value();
    }

private:
    struct kol_row {
        std::optional<kolroi::platform> platform;
        detail::figure_sums sums;
    };

    struct channel_row {
        detail::figure_sums sums;
        detail::compensated_sum spend;
    };

    static void check_group(std::string_view group, std::string_view function) {
        if (group.empty()) {
            throw error(error_kind::invalid_argument,
                        std::string(function) + ": the channel group is empty");
        }
    }

    static void check_platforms(const std::optional<kolroi::platform>& mine,
                                const std::optional<kolroi::platform>& theirs,
                                const kol_campaign& key, std::string_view function) {
        if (mine && theirs && *mine != *theirs) {
            throw error(error_kind::data_error,
                        std::string(function) + ": " + key.describe() + " is on " +
                            std::string(to_string(*mine)) + " and also on " +
                            std::string(to_string(*theirs)) + "; a row has one platform");
        }
    }

    std::string m_currency;
    std::map<kol_campaign, kol_row> m_kols;
    std::map<std::string, channel_row> m_channels;
};

} // namespace kolroi
