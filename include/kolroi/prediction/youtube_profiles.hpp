// kolroi/prediction/youtube_profiles.hpp: creator profiles from the "Global YouTube Statistics
// 2023" export (../shared/data/youtube_global_statistics_2023, 995 channels).
//
// The export is Latin-1, not UTF-8: decode it with kolroi::latin1_to_utf8 (kolroi/io/text.hpp)
// before reading; text that is not UTF-8 is a parse_error that names the first line where it
// is not and says so. Missing values are the literal token "nan"; four view counts are written
// as spreadsheet exponents ("2.28E+11", three significant digits: precision lost upstream).
//
// Each row becomes a profile on YouTube:
//   kol_id         Youtuber (the channel's name; some are garbled upstream and kept as written)
//   followers      subscribers
//   average_views  video_views / uploads; unknown when either is 0 ("no average views")
//   category       category; "nan" is unknown ("no category")
//   market         Abbreviation, the two-letter country code; "nan" is unknown ("no country")
// The export has no engagement rates or prices: those stay unknown (the quote a flat fee of 0).
// A malformed or "nan" count in subscribers, video_views or uploads is a parse_error naming the
// file, the line and the field; a channel name given twice is a data_error.
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

namespace detail {

/// Throws a parse_error at the first line of `text` that is not valid UTF-8.
inline void require_utf8(std::string_view text, const std::string& source) {
    if (is_valid_utf8(text)) {
        return;
    }
    std::size_t line = 1;
    std::size_t start = 0;
    while (start < text.size()) {
        const std::size_t end = text.find('\n', start);
        const std::string_view piece = text.substr(
            start, end == std::string_view::npos ? std::string_view::npos : end - start);
        if (!is_valid_utf8(piece)) {
            break;
        }
        ++line;
        start = end == std::string_view::npos ? text.size() : end + 1;
    }
    throw error(error_kind::parse_error,
                "the text is not UTF-8; the Global YouTube Statistics export is Latin-1, so "
                "decode it with latin1_to_utf8 first",
                input_location{source, line, {}});
}

/// The field's text, or empty for the export's "nan".
inline std::string_view unless_nan(std::string_view text) {
    const std::string_view body = trim(text);
    return body == "nan" ? std::string_view{} : body;
}

} // namespace detail

/// Reads the Global YouTube Statistics export, already decoded to UTF-8; `source` names the
/// input in errors.
inline profile_file read_youtube_global_statistics(std::string_view utf8_text, std::string source) {
    detail::require_utf8(utf8_text, source);
    csv_reader reader(utf8_text, source);
    if (!reader.next()) {
        throw error(error_kind::parse_error,
                    "read_youtube_global_statistics: the file is empty; expected a header",
                    input_location{source, 1, {}});
    }
    const csv_header header(reader);
    const std::size_t name_column = header.require("Youtuber");
    const std::size_t subscribers_column = header.require("subscribers");
    const std::size_t views_column = header.require("video_views");
    const std::size_t uploads_column = header.require("uploads");
    const std::size_t category_column = header.require("category");
    const std::size_t country_column = header.require("Abbreviation");

    profile_file file;
    file.source = std::move(source);
    std::set<std::string> seen;
    while (reader.next()) {
        header.check_width(reader);
        creator_profile profile;
        profile.kol_id = std::string(trim(reader[name_column]));
        if (profile.kol_id.empty() || !seen.insert(profile.kol_id).second) {
            throw error(error_kind::data_error,
                        profile.kol_id.empty() ? std::string("the channel name is empty")
                                               : "channel '" + profile.kol_id + "' is given twice",
                        reader.where("Youtuber"));
        }
        profile.platform = platform::youtube;
        profile.followers = parse_count(reader[subscribers_column], reader.where("subscribers"));

        const double views = parse_count(reader[views_column], reader.where("video_views"));
        const double uploads = parse_count(reader[uploads_column], reader.where("uploads"));
        if (views > 0 && uploads > 0) {
            profile.average_views = views / uploads;
        } else {
            file.notes.add("no average views",
                           "'" + profile.kol_id + "' has " + format_number(views) + " views over " +
                               format_number(uploads) + " uploads",
                           reader.where(views > 0 ? "uploads" : "video_views"));
        }

        profile.category = std::string(detail::unless_nan(reader[category_column]));
        if (profile.category.empty()) {
            file.notes.add("no category", "'" + profile.kol_id + "' has no category",
                           reader.where("category"));
        }
        profile.market = std::string(detail::unless_nan(reader[country_column]));
        if (profile.market.empty()) {
            file.notes.add("no country", "'" + profile.kol_id + "' has no country",
                           reader.where("Abbreviation"));
        }
        file.profiles.push_back(std::move(profile));
    }
    return file;
}

} // namespace kolroi
