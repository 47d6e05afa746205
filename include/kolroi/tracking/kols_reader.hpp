// kolroi/tracking/kols_reader.hpp: the reader of a store's KOL list into a kol_registry.
//
// The file is CSV with a header naming its columns (any order):
//
//   kol_id        required: the KOL's id, as contracts and reports name it
//   display_name  optional
//   platform      required: tiktok, instagram, youtube, facebook or other, in any case
//   handle        optional: "@name" on the platform
//   utm_campaign, utm_content, link_slug, promo_code
//                 optional: the keys that identify the KOL's traffic; several values in one
//                 field are separated by '|'
//
// A KOL list is short and written by hand, so every fault is an error naming the file, the line
// and the field (a key another KOL holds is reported at its column, naming both KOLs), never a
// skip.
#pragma once

#include "kolroi/core/error.hpp"
#include "kolroi/core/platform.hpp"
#include "kolroi/io/csv_reader.hpp"
#include "kolroi/io/text.hpp"
#include "kolroi/tracking/kol_registry.hpp"

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace kolroi {

/// Reads the KOL list held in `text`; `source` names it in errors.
[[nodiscard]] inline kol_registry read_kols(std::string_view text, std::string source) {
    csv_reader reader(text, std::move(source));
    if (!reader.next()) {
        throw error(error_kind::parse_error, "the KOL list is empty; expected a header",
                    input_location{reader.source(), 1, {}});
    }
    const csv_header header(reader);
    const std::size_t id_column = header.require("kol_id");
    const std::size_t platform_column = header.require("platform");
    const auto name_column = header.find("display_name");
    const auto handle_column = header.find("handle");
    constexpr std::array<kol_key_kind, 4> key_kinds = {
        kol_key_kind::utm_campaign, kol_key_kind::utm_content, kol_key_kind::link_slug,
        kol_key_kind::promo_code};

    kol_registry registry;
    while (reader.next()) {
        header.check_width(reader);
        kol_profile profile;
        profile.id = std::string(trim(reader[id_column]));
        profile.platform = parse_kol_platform(reader[platform_column], reader.where("platform"));
        if (name_column) {
            profile.display_name = std::string(trim(reader[*name_column]));
        }
        if (handle_column) {
            profile.handle = std::string(trim(reader[*handle_column]));
        }
        for (const kol_key_kind kind : key_kinds) {
            const auto column = header.find(column_name(kind));
            if (!column) {
                continue;
            }
            std::string_view rest = reader[*column];
            while (!trim(rest).empty()) {
                const auto bar = rest.find('|');
                const std::string_view value = trim(rest.substr(0, bar));
                if (!value.empty()) {
                    profile.keys.push_back({kind, std::string(value)});
                }
                rest = bar == std::string_view::npos ? std::string_view{} : rest.substr(bar + 1);
            }
        }
        try {
            registry.add(std::move(profile));
        } catch (const error& e) {
            // A fault of one key is reported at that key's column, any other at the id.
            const std::string& field = e.where().field;
            throw error(error_kind::data_error, e.message(),
                        reader.where(field.empty() ? "kol_id" : field));
        }
    }
    return registry;
}

} // namespace kolroi
