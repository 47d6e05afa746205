// kolroi/prediction/instagram_profiles.hpp: creator profiles from the "top Instagram
// influencers" export (../shared/data/instagram_top200_influencers, 200 accounts, about 2022).
//
// The export has a header `rank, channel_info, influence_score, posts, followers, avg_likes,
// 60_day_eng_rate, new_post_avg_like, total_likes, country`, counts written with k, m and b
// suffixes ("475.8m") and the engagement rate as a percentage ("1.39%"). It is UTF-8 with a
// byte-order mark and CRLF line ends, which the CSV reader takes as they come.
//
// Each row becomes a profile on Instagram:
//   kol_id           channel_info (the username)
//   followers        followers (kolroi/prediction/count_text.hpp)
//   engagement_rate  60_day_eng_rate as a fraction; the literal "NaN%" is unknown
//   market           country as written; empty is unknown
// The export has no views, categories or prices: those stay unknown (the quote a flat fee of
// 0), for the caller to set. Unknown engagement rates and countries are counted in the notes
// ("no engagement rate", "no country"). A malformed count or percentage is a parse_error
// naming the file, the line and the field; a username given twice is a data_error.
#pragma once

#include "kolroi/core/diagnostics.hpp"
#include "kolroi/core/error.hpp"
#include "kolroi/core/platform.hpp"
#include "kolroi/io/csv_reader.hpp"
#include "kolroi/io/text.hpp"
#include "kolroi/prediction/count_text.hpp"
#include "kolroi/prediction/kol_profile.hpp"
#include "kolroi/prediction/profiles_reader.hpp"

#include <cstddef>
#include <set>
#include <string>
#include <string_view>
#include <utility>

namespace kolroi {

/// Reads the top-Instagram-influencers export; `source` names the input in errors.
inline profile_file read_instagram_top_influencers(std::string_view text, std::string source) {
    csv_reader reader(text, source);
    if (!reader.next()) {
        throw error(error_kind::parse_error,
                    "read_instagram_top_influencers: the file is empty; expected a header",
                    input_location{source, 1, {}});
    }
    const csv_header header(reader);
    const std::size_t name_column = header.require("channel_info");
    const std::size_t followers_column = header.require("followers");
    const std::size_t engagement_column = header.require("60_day_eng_rate");
    const std::size_t country_column = header.require("country");

    profile_file file;
    file.source = std::move(source);
    std::set<std::string> seen;
    while (reader.next()) {
        header.check_width(reader);
        creator_profile profile;
        profile.kol_id = std::string(trim(reader[name_column]));
        if (profile.kol_id.empty() || !seen.insert(profile.kol_id).second) {
            throw error(error_kind::data_error,
                        profile.kol_id.empty() ? std::string("the username is empty")
                                               : "username '" + profile.kol_id + "' is given twice",
                        reader.where("channel_info"));
        }
        profile.platform = platform::instagram;
        profile.followers = parse_count(reader[followers_column], reader.where("followers"));

        const std::string_view engagement = trim(reader[engagement_column]);
        if (engagement == "NaN%") {
            file.notes.add("no engagement rate", "'" + profile.kol_id + "' has NaN%",
                           reader.where("60_day_eng_rate"));
        } else {
            profile.engagement_rate = parse_percentage(engagement, reader.where("60_day_eng_rate"));
        }

        profile.market = std::string(trim(reader[country_column]));
        if (profile.market.empty()) {
            file.notes.add("no country", "'" + profile.kol_id + "' has no country",
                           reader.where("country"));
        }
        file.profiles.push_back(std::move(profile));
    }
    return file;
}

} // namespace kolroi
