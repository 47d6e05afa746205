// kolroi/roi/ad_spend_reader.hpp: the reader of per-ad Facebook spend and conversions in the
// layout of the Kaggle "Sales Conversion Optimization" file (KAG_conversion_data.csv), and the
// ROI of its campaigns.
//
// One row per ad: ad_id, xyz_campaign_id, Impressions, Clicks, Spent, Total_Conversion and
// Approved_Conversion (other columns, the audience, are not used). Each xyz_campaign_id is one
// campaign; its cost is the sum of its ads' Spent, its orders are its ads' Approved_Conversion
// (people who bought) or, as an option, Total_Conversion (people who enquired). The file has no
// revenue, so revenue is orders times a value per conversion the caller gives; gross and net
// revenue are the same, as the file records no refunds. The currency of Spent is not stated.
//
// Ads that spent nothing stay in: their conversions count and their campaign's cost is still the
// sum over all its ads; they are counted per campaign and noted ("ad without spend"). A second
// row with an ad_id seen before is an error, since it would count that ad twice.
#pragma once

#include "kolroi/core/diagnostics.hpp"
#include "kolroi/core/error.hpp"
#include "kolroi/io/csv_reader.hpp"
#include "kolroi/io/text.hpp"
#include "kolroi/roi/detail/compensated_sum.hpp"
#include "kolroi/roi/roi_metrics.hpp"

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace kolroi {

/// Which conversions count as orders.
enum class conversion_measure {
    approved, ///< Approved_Conversion: people who bought
    total,    ///< Total_Conversion: people who enquired
};

/// One campaign's ads, summed.
struct ad_campaign_spend {
    std::string campaign; ///< xyz_campaign_id as written
    std::size_t ads = 0;
    std::size_t ads_without_spend = 0;
    std::size_t ads_without_spend_with_conversions = 0;
    std::uint64_t impressions = 0;
    std::uint64_t clicks = 0;
    double spend = 0;
    std::uint64_t total_conversions = 0;
    std::uint64_t approved_conversions = 0;

    [[nodiscard]] std::uint64_t conversions(conversion_measure measure) const noexcept {
        return measure == conversion_measure::approved ? approved_conversions : total_conversions;
    }
};

struct ad_spend_file {
    std::string source;
    std::vector<ad_campaign_spend> campaigns; ///< in the order each campaign first appears
    ad_campaign_spend total;                  ///< every ad; its campaign is "(all)"
    diagnostics notes;
};

namespace detail {

/// The per-ad columns the reader uses, by their names in the file.
struct ad_spend_columns {
    std::size_t ad_id;
    std::size_t campaign;
    std::size_t impressions;
    std::size_t clicks;
    std::size_t spent;
    std::size_t total_conversions;
    std::size_t approved_conversions;
};

/// A count field: a whole number, not negative.
inline std::uint64_t ad_count(const csv_reader& reader, std::size_t column, std::string_view name) {
    const auto where = reader.where(name);
    const std::int64_t value = parse_integer(reader[column], where);
    if (value < 0) {
        throw error(error_kind::data_error,
                    "read_kag_ad_spend: " + std::string(name) + " is " + std::to_string(value) +
                        "; a count cannot be negative",
                    where);
    }
    return static_cast<std::uint64_t>(value);
}

/// One ad, read and checked, as a campaign of one ad.
inline ad_campaign_spend read_ad(const csv_reader& reader, const ad_spend_columns& columns) {
    ad_campaign_spend ad;
    ad.campaign = std::string(trim(reader[columns.campaign]));
    if (ad.campaign.empty()) {
        throw error(error_kind::data_error, "read_kag_ad_spend: the campaign id is empty",
                    reader.where("xyz_campaign_id"));
    }
    ad.ads = 1;
    ad.impressions = ad_count(reader, columns.impressions, "Impressions");
    ad.clicks = ad_count(reader, columns.clicks, "Clicks");
    ad.total_conversions = ad_count(reader, columns.total_conversions, "Total_Conversion");
    ad.approved_conversions = ad_count(reader, columns.approved_conversions, "Approved_Conversion");
    ad.spend = parse_double(reader[columns.spent], reader.where("Spent"));
    if (ad.spend < 0) {
        throw error(error_kind::data_error,
                    "read_kag_ad_spend: Spent is " + format_number(ad.spend) +
                        "; spend cannot be negative",
                    reader.where("Spent"));
    }
    if (ad.spend == 0) {
        ad.ads_without_spend = 1;
        ad.ads_without_spend_with_conversions = ad.total_conversions > 0 ? 1 : 0;
    }
    return ad;
}

/// A campaign's running sums; spend is compensated, as it sums hundreds of noisy floats.
struct ad_campaign_sums {
    ad_campaign_spend counts;
    compensated_sum spend;

    void add(const ad_campaign_spend& ad) {
        counts.ads += ad.ads;
        counts.ads_without_spend += ad.ads_without_spend;
        counts.ads_without_spend_with_conversions += ad.ads_without_spend_with_conversions;
        counts.impressions += ad.impressions;
        counts.clicks += ad.clicks;
        counts.total_conversions += ad.total_conversions;
        counts.approved_conversions += ad.approved_conversions;
        spend.add(ad.spend);
    }

    [[nodiscard]] ad_campaign_spend value() const {
        ad_campaign_spend result = counts;
        result.spend = spend.value();
        return result;
    }
};

/// Checks that adding `ad` to the running total keeps every count within 64 bits; the total is
/// the largest sum, so no campaign's count can wrap around either.
inline void check_count_room(const ad_campaign_spend& total, const ad_campaign_spend& ad,
                             const csv_reader& reader) {
    const auto check = [&](std::uint64_t sum, std::uint64_t count, std::string_view name) {
        if (count > std::numeric_limits<std::uint64_t>::max() - sum) {
            throw error(error_kind::data_error,
                        "read_kag_ad_spend: the sum of " + std::string(name) +
                            " passes 2^64 - 1; a count would wrap around",
                        reader.where(name));
        }
    };
    check(total.impressions, ad.impressions, "Impressions");
    check(total.clicks, ad.clicks, "Clicks");
    check(total.total_conversions, ad.total_conversions, "Total_Conversion");
    check(total.approved_conversions, ad.approved_conversions, "Approved_Conversion");
}

/// The campaigns in the order they first appear, and all of them together.
struct ad_campaign_table {
    std::map<std::string, std::size_t> index;
    std::vector<ad_campaign_sums> campaigns;
    ad_campaign_sums total;

    void add(const ad_campaign_spend& ad) {
        const auto [slot, is_new] = index.emplace(ad.campaign, campaigns.size());
        if (is_new) {
            campaigns.emplace_back();
            campaigns.back().counts.campaign = ad.campaign;
        }
        campaigns[slot->second].add(ad);
        total.add(ad);
    }
};

/// The ad id of the current row; an error naming the first line when it was seen before, since
/// the ad would be counted twice.
inline std::string new_ad_id(const csv_reader& reader, const ad_spend_columns& columns,
                             std::map<std::string, std::size_t>& lines) {
    std::string ad_id(trim(reader[columns.ad_id]));
    if (ad_id.empty()) {
        throw error(error_kind::data_error, "read_kag_ad_spend: the ad id is empty",
                    reader.where("ad_id"));
    }
    const auto [seen, inserted] = lines.emplace(ad_id, reader.line());
    if (!inserted) {
        throw error(error_kind::data_error,
                    "read_kag_ad_spend: ad " + ad_id + " is listed again; line " +
                        std::to_string(seen->second) + " has it first",
                    reader.where("ad_id"));
    }
    return ad_id;
}

} // namespace detail

/// Reads a KAG conversion file held in `text`; `source` names it in errors.
[[nodiscard]] inline ad_spend_file read_kag_ad_spend(std::string_view text, std::string source) {
    ad_spend_file file;
    file.source = source;
    csv_reader reader(text, std::move(source));
    if (!reader.next()) {
        throw error(error_kind::parse_error,
                    "read_kag_ad_spend: the file is empty; expected a header with ad_id, "
                    "xyz_campaign_id, Impressions, Clicks, Spent, Total_Conversion, "
                    "Approved_Conversion",
                    input_location{file.source, 1, {}});
    }
    const csv_header header(reader);
    const detail::ad_spend_columns columns{header.require("ad_id"),
                                           header.require("xyz_campaign_id"),
                                           header.require("Impressions"),
                                           header.require("Clicks"),
                                           header.require("Spent"),
                                           header.require("Total_Conversion"),
                                           header.require("Approved_Conversion")};

    std::map<std::string, std::size_t> ad_lines;
    detail::ad_campaign_table campaigns;
    while (reader.next()) {
        header.check_width(reader);
        const std::string ad_id = detail::new_ad_id(reader, columns, ad_lines);
        const auto ad = detail::read_ad(reader, columns);
        detail::check_count_room(campaigns.total.counts, ad, reader);
        if (ad.ads_without_spend != 0) {
            file.notes.add("ad without spend",
                           "ad " + ad_id + " spent 0 and has " +
                               std::to_string(ad.total_conversions) + " conversions",
                           reader.where("Spent"));
        }
        campaigns.add(ad);
    }

    for (const auto& campaign : campaigns.campaigns) {
        file.campaigns.push_back(campaign.value());
    }
    file.total = campaigns.total.value();
    file.total.campaign = "(all)";
    return file;
}

/// A campaign and its metrics.
struct ad_campaign_roi {
    ad_campaign_spend spend;
    roi_metrics metrics;
};

struct ad_spend_report {
    std::vector<ad_campaign_roi> campaigns;
    ad_campaign_roi total;
};

/// The metrics of a campaign: cost its spend, orders its conversions of `measure`, revenue
/// (gross and net) those conversions times `value_per_conversion`.
[[nodiscard]] inline ad_campaign_roi
ad_campaign_metrics(const ad_campaign_spend& campaign, double value_per_conversion,
                    conversion_measure measure = conversion_measure::approved,
                    const roi_options& options = {}) {
    if (!std::isfinite(value_per_conversion) || value_per_conversion < 0) {
        throw error(error_kind::invalid_argument, "ad_campaign_metrics: value per conversion is " +
                                                      format_number(value_per_conversion) +
                                                      "; it must be non-negative and finite");
    }
    const auto orders = static_cast<double>(campaign.conversions(measure));
    const double revenue = orders * value_per_conversion;
    return {campaign, compute_roi_metrics({campaign.spend, orders, revenue, revenue}, options)};
}

/// The metrics of every campaign of `file` and of all of them together.
[[nodiscard]] inline ad_spend_report
ad_spend_roi(const ad_spend_file& file, double value_per_conversion,
             conversion_measure measure = conversion_measure::approved,
             const roi_options& options = {}) {
    ad_spend_report report;
    for (const auto& campaign : file.campaigns) {
        report.campaigns.push_back(
            ad_campaign_metrics(campaign, value_per_conversion, measure, options));
    }
    report.total = ad_campaign_metrics(file.total, value_per_conversion, measure, options);
    return report;
}

} // namespace kolroi
