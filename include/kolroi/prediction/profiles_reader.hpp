// kolroi/prediction/profiles_reader.hpp: creator profiles with their quotes from a CSV file, the
// format of kol_profiles.csv and of the quotes `kolroi quote --quotes` answers.
//
// One row per quote, with a header naming the columns in any order:
//
//   kol_id           the store's id for the creator                                  required
//   platform         tiktok, instagram, youtube, facebook or other                   required
//   followers        a count: 150000, 150k, 1.2m                                     required
//   cost_model       flat_fee, cpm, commission or flat_fee_and_commission            required
//   price            the flat fee, or the CPM price per 1000 views (0 for commission) required
//   average_views    views of a typical post, a count                                optional
//   engagement_rate  a fraction (0.034) or a percentage (3.4%)                       optional
//   market           country or market code (US, DE)                                 optional
//   category         content category (beauty, gaming)                               optional
//   commission_rate  a fraction of GMV, above 0 for the commission models            optional
//   posts            posts the price buys, at least 1 (default 1)                    optional
//   bio              the profile's self-description                                  optional
//   captions         recent captions, separated by '|'                               optional
//
// Money is in the store's reporting currency. An empty optional field is unknown. Every error
// names the file, the line and the field: a malformed number, an unknown platform or cost
// model is a parse_error; a commission rate above 1, fewer than one post, a commission model
// without a rate or a CPM quote without views is a data_error.
#pragma once

#include "kolroi/core/diagnostics.hpp"
#include "kolroi/core/error.hpp"
#include "kolroi/io/csv_reader.hpp"
#include "kolroi/prediction/detail/profile_columns.hpp"
#include "kolroi/prediction/kol_profile.hpp"

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace kolroi {

/// Profiles read from one file, in file order.
struct profile_file {
    std::string source;
    std::vector<creator_profile> profiles;
    diagnostics notes; ///< what the reader noticed but did not stop for
};

/// Reads profiles in the format above; `source` names the input in errors.
inline profile_file read_profiles(std::string_view text, std::string source) {
    csv_reader reader(text, source);
    if (!reader.next()) {
        throw error(error_kind::parse_error, "read_profiles: the file is empty; expected a header",
                    input_location{source, 1, {}});
    }
    const csv_header header(reader);
    const detail::profile_columns columns(header);

    profile_file file;
    file.source = std::move(source);
    while (reader.next()) {
        header.check_width(reader);
        file.profiles.push_back(detail::read_profile(reader, columns));
    }
    return file;
}

} // namespace kolroi
