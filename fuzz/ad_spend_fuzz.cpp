// Fuzz target: the per-ad spend reader (the KAG layout). Each count of the total is the sum of
// the file's column, added up again here in 128 bits so that a count that wrapped around is
// seen, and the sum of the campaigns; spend is finite, non-negative and adds up to 1e-9 of its
// magnitude; ads without spend are each noted.
#include "fuzz_support.hpp"

#include "kolroi/io/csv_reader.hpp"
#include "kolroi/io/text.hpp"
#include "kolroi/roi/ad_spend_reader.hpp"

#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace {

using wide = unsigned __int128;

/// The sums of the count columns of a file that read_kag_ad_spend accepted, in the order
/// Impressions, Clicks, Total_Conversion, Approved_Conversion.
std::array<wide, 4> column_sums(std::string_view text) {
    constexpr std::array<std::string_view, 4> names = {"Impressions", "Clicks", "Total_Conversion",
                                                       "Approved_Conversion"};
    kolroi::csv_reader reader(text, "kag.csv");
    reader.next();
    const kolroi::csv_header header(reader);
    std::array<wide, 4> sums{};
    while (reader.next()) {
        for (std::size_t k = 0; k < names.size(); ++k) {
            sums[k] += static_cast<wide>(
                kolroi::parse_integer(reader[header.require(names[k])], reader.where()));
        }
    }
    return sums;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using kolroi::fuzz::require;
    if (size > kolroi::fuzz::max_input) {
        return 0;
    }
    const auto text = kolroi::fuzz::as_text(data, size);
    kolroi::fuzz::run_reader("kag.csv", [&] {
        const auto file = kolroi::read_kag_ad_spend(text, "kag.csv");
        wide ads = 0;
        wide impressions = 0;
        wide clicks = 0;
        wide total_conversions = 0;
        wide approved = 0;
        std::size_t without_spend = 0;
        double spend = 0;
        for (const auto& campaign : file.campaigns) {
            require(std::isfinite(campaign.spend) && campaign.spend >= 0, "spend is negative");
            ads += campaign.ads;
            impressions += campaign.impressions;
            clicks += campaign.clicks;
            total_conversions += campaign.total_conversions;
            approved += campaign.approved_conversions;
            without_spend += campaign.ads_without_spend;
            spend += campaign.spend;
        }
        const auto& total = file.total;
        require(ads == total.ads && impressions == total.impressions && clicks == total.clicks &&
                    total_conversions == total.total_conversions &&
                    approved == total.approved_conversions,
                "a count of the total is not the sum of the campaigns' (overflow?)");
        const auto sums = column_sums(text);
        require(sums[0] == total.impressions && sums[1] == total.clicks &&
                    sums[2] == total.total_conversions && sums[3] == total.approved_conversions,
                "a count of the total is not the sum of its column (overflow?)");
        require(kolroi::fuzz::close(spend, total.spend, spend), "total spend differs");
        require(without_spend == file.notes.count("ad without spend"),
                "ads without spend are not each noted");
        (void)kolroi::ad_spend_roi(file, 10.0);
    });
    return 0;
}
