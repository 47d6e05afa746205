// kolroi/llm/replay_file.hpp: scores computed once by a language model, kept in a JSON Lines
// file so that they can be used again on a machine without the model.
//
// Each line is one JSON object (blank lines are allowed and skipped):
//   {"profile_key": "anna_tiktok", "model": "Qwen/Qwen2.5-7B-Instruct",
//    "prompt_version": "kolroi-profile-v1", "text_hash": "fnv1a64:89ab...",
//    "features": {"brand_fit": 0.8, "purchase_intent": null, ...},
//    "missing_reasons": {"purchase_intent": "model reply has no 'purchase_intent'"}}
// - profile_key: the creator's kol_id; model and prompt_version: what produced the scores.
// - text_hash (optional): `profile_text_hash` of the profile when it was scored, so that a
//   profile whose text has changed since is not given stale scores.
// - features: every feature, a finite number or null; missing_reasons: a reason for each null
//   feature and for no other.
// `read_replay_file` refuses any line that breaks these rules, or repeats a (profile_key, model,
// prompt_version) of an earlier line, with kolroi::error (parse_error for text that is not such
// an object, data_error for values that break a rule) naming the file, the line and the field.
// `write_replay_file` writes records in the same form, one per line.
#pragma once

#include "kolroi/core/error.hpp"
#include "kolroi/io/file.hpp"
#include "kolroi/io/text.hpp"
#include "kolroi/llm/profile_prompt.hpp"
#include "kolroi/llm/profile_scores.hpp"
#include "kolroi/llm/score_cache.hpp"
#include "kolroi/prediction/kol_profile.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <ostream>
#include <span>
#include <sstream>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

namespace kolroi {

/// One feature of a replay record: a number, or nothing and the reason.
struct replay_feature {
    std::string name;
    std::optional<double> value;
    std::string missing_reason; ///< empty when value holds a number
};

/// The scores of one creator, as a line of a replay file holds them.
struct replay_record {
    std::string profile_key;
    std::string model;
    std::string prompt_version;
    std::string text_hash;                ///< empty when unknown
    std::vector<replay_feature> features; ///< in the order written (names sorted when read)
    input_location where;                 ///< the file and line it was read from, if any

    /// The feature called `name`, or nothing.
    [[nodiscard]] const replay_feature* find(std::string_view name) const noexcept {
        for (const auto& feature : features) {
            if (feature.name == name) {
                return &feature;
            }
        }
        return nullptr;
    }
};

/// "fnv1a64:" and 16 hex digits of a hash of the profile's whole text (bio and every caption,
/// each length-prefixed), independent of any option.
inline std::string profile_text_hash(const creator_profile& profile) {
    std::uint64_t hash = fnv1a_64("bio:" + std::to_string(profile.bio.size()) + ":");
    hash = fnv1a_64(profile.bio, hash);
    for (const auto& caption : profile.recent_captions) {
        hash = fnv1a_64("caption:" + std::to_string(caption.size()) + ":", hash);
        hash = fnv1a_64(caption, hash);
    }
    constexpr std::string_view digits = "0123456789abcdef";
    std::string text = "fnv1a64:";
    for (int shift = 60; shift >= 0; shift -= 4) {
        text += digits[(hash >> shift) & 0xF];
    }
    return text;
}

/// The records of `profiles` scored as `scores` (kolroi/llm/llm_feature_source.hpp) by `model`
/// under `prompt_version`.
inline std::vector<replay_record>
make_replay_records(std::span<const creator_profile> profiles,
                    const std::vector<profile_scores>& scores, std::string_view model,
                    std::string_view prompt_version = profile_prompt_version) {
    if (scores.size() != profiles.size()) {
        throw error(error_kind::invalid_argument,
                    "make_replay_records: " + std::to_string(scores.size()) + " answers for " +
                        std::to_string(profiles.size()) + " profiles");
    }
    std::vector<replay_record> records;
    records.reserve(profiles.size());
    for (std::size_t i = 0; i < profiles.size(); ++i) {
        replay_record record{profiles[i].kol_id,
                             std::string(model),
                             std::string(prompt_version),
                             profile_text_hash(profiles[i]),
                             {},
                             {}};
        for (std::size_t j = 0; j < profile_scores_asked.size(); ++j) {
            const auto& score = scores[i].scores[j];
            record.features.push_back(
                {std::string(profile_scores_asked[j].name), score.value, score.missing_reason});
        }
        records.push_back(std::move(record));
    }
    return records;
}

/// One line of JSON (without the newline) for `record`. Throws kolroi::error
/// (invalid_argument) for a record that `read_replay_file` would refuse.
inline std::string replay_line(const replay_record& record) {
    const auto fail = [&](const std::string& rule) {
        return error(error_kind::invalid_argument,
                     "replay_line: record '" + record.profile_key + "': " + rule);
    };
    if (record.profile_key.empty() || record.model.empty() || record.prompt_version.empty()) {
        throw fail("profile_key, model and prompt_version must not be empty");
    }
    nlohmann::json features = nlohmann::json::object();
    nlohmann::json reasons = nlohmann::json::object();
    for (const auto& feature : record.features) {
        if (feature.name.empty() || features.contains(feature.name)) {
            throw fail("feature names must be non-empty and distinct, got '" + feature.name + "'");
        }
        if (feature.value) {
            if (!std::isfinite(*feature.value)) {
                throw fail("feature '" + feature.name + "' is not finite; write it missing");
            }
            features[feature.name] = *feature.value;
        } else {
            if (feature.missing_reason.empty()) {
                throw fail("missing feature '" + feature.name + "' has no reason");
            }
            features[feature.name] = nullptr;
            reasons[feature.name] = feature.missing_reason;
        }
    }
    nlohmann::json line = {{"profile_key", record.profile_key},
                           {"model", record.model},
                           {"prompt_version", record.prompt_version},
                           {"features", std::move(features)},
                           {"missing_reasons", std::move(reasons)}};
    if (!record.text_hash.empty()) {
        line["text_hash"] = record.text_hash;
    }
    return line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

/// Writes `records` to `out`, one line each.
inline void write_replay(std::ostream& out, std::span<const replay_record> records) {
    for (const auto& record : records) {
        out << replay_line(record) << '\n';
    }
}

/// Writes `records` to the file at `path`, replacing it. Throws kolroi::error (io_error) when
/// the file cannot be written.
inline void write_replay_file(const std::filesystem::path& path,
                              std::span<const replay_record> records) {
    std::ostringstream out;
    write_replay(out, records);
    write_file(path, out.str());
}

namespace detail::llm {

/// Reads the fields of one parsed line into a record; `fail` makes the error for a field.
template <typename Fail>
replay_record replay_record_of(const nlohmann::json& line, const Fail& fail) {
    constexpr std::array<std::string_view, 6> known = {
        "profile_key", "model", "prompt_version", "text_hash", "features", "missing_reasons"};
    for (const auto& item : line.items()) {
        if (std::find(known.begin(), known.end(), item.key()) == known.end()) {
            throw fail(error_kind::data_error, item.key(), "is not a field of a replay record");
        }
    }

    const auto text = [&](std::string_view field, bool required) -> std::string {
        const auto found = line.find(std::string(field));
        if (found == line.end()) {
            if (required) {
                throw fail(error_kind::data_error, field, "is required");
            }
            return {};
        }
        if (!found->is_string() || found->get<std::string>().empty()) {
            throw fail(error_kind::data_error, field, "must be a non-empty string");
        }
        return found->get<std::string>();
    };
    replay_record record;
    record.profile_key = text("profile_key", true);
    record.model = text("model", true);
    record.prompt_version = text("prompt_version", true);
    record.text_hash = text("text_hash", false);

    const auto object = [&](std::string_view field) -> const nlohmann::json& {
        const auto found = line.find(std::string(field));
        if (found == line.end() || !found->is_object()) {
            throw fail(error_kind::data_error, field, "must be an object");
        }
        return *found;
    };
    const nlohmann::json& features = object("features");
    const nlohmann::json& reasons = object("missing_reasons");

    for (const auto& item : features.items()) {
        if (item.key().empty()) {
            throw fail(error_kind::data_error, "features", "has a feature with an empty name");
        }
        const std::string field = "features." + item.key();
        replay_feature feature{item.key(), std::nullopt, {}};
        if (item.value().is_number()) {
            feature.value = item.value().get<double>();
            if (!std::isfinite(*feature.value)) {
                throw fail(error_kind::data_error, field, "is not a finite number");
            }
            if (reasons.contains(item.key())) {
                throw fail(error_kind::data_error, "missing_reasons." + item.key(),
                           "gives a reason for a feature that has a value");
            }
        } else if (item.value().is_null()) {
            const auto reason = reasons.find(item.key());
            if (reason == reasons.end() || !reason->is_string() ||
                reason->get<std::string>().empty()) {
                throw fail(error_kind::data_error, "missing_reasons." + item.key(),
                           "must say why the feature is null");
            }
            feature.missing_reason = reason->get<std::string>();
        } else {
            throw fail(error_kind::data_error, field,
                       "is a " + json_type_name(item.value()) + "; a feature is a number or null");
        }
        record.features.push_back(std::move(feature));
    }
    for (const auto& item : reasons.items()) {
        if (!features.contains(item.key())) {
            throw fail(error_kind::data_error, "missing_reasons." + item.key(),
                       "names a feature that is not in 'features'");
        }
    }
    return record;
}

/// One line parsed as a JSON object; anything else is a parse_error at `where`.
inline nlohmann::json parse_replay_line(std::string_view raw, const input_location& where) {
    nlohmann::json line;
    try {
        line = nlohmann::json::parse(raw);
    } catch (const nlohmann::json::exception& e) {
        // nlohmann's text says where in the line and what it expected; its id prefix is noise.
        std::string said = e.what();
        if (const auto end = said.find("] "); said.starts_with("[json.") && end != said.npos) {
            said.erase(0, end + 2);
        }
        // The parser saw one line, so its "line 1" would contradict the file's line number.
        constexpr std::string_view one_line = "parse error at line 1, column ";
        if (said.starts_with(one_line)) {
            said.replace(0, one_line.size(), "parse error at column ");
        }
        throw error(error_kind::parse_error, "read_replay_file: a line is one JSON object; " + said,
                    where);
    }
    if (!line.is_object()) {
        throw error(error_kind::parse_error,
                    "read_replay_file: a line is one JSON object, got a JSON " +
                        json_type_name(line),
                    where);
    }
    return line;
}

} // namespace detail::llm

/// The records of a replay file held in `text`; `file` names it in errors. See the header
/// comment for the rules.
inline std::vector<replay_record> parse_replay(std::string_view text, const std::string& file) {
    std::vector<replay_record> records;
    std::map<std::tuple<std::string, std::string, std::string>, std::size_t> first_line;

    std::size_t line_number = 0;
    for (std::size_t start = 0; start < text.size();) {
        const auto end = std::min(text.find('\n', start), text.size());
        const std::string_view raw = text.substr(start, end - start);
        start = end + 1;
        ++line_number;
        if (kolroi::trim(raw).empty()) {
            continue;
        }

        const auto fail = [&](error_kind kind, std::string_view field, const std::string& rule) {
            return error(kind, "read_replay_file: " + std::string(field) + " " + rule,
                         input_location{file, line_number, std::string(field)});
        };
        const nlohmann::json line = detail::llm::parse_replay_line(raw, {file, line_number, {}});
        replay_record record = detail::llm::replay_record_of(line, fail);
        record.where = input_location{file, line_number, {}};

        const auto key = std::make_tuple(record.profile_key, record.model, record.prompt_version);
        const auto [earlier, added] = first_line.try_emplace(key, line_number);
        if (!added) {
            throw fail(error_kind::data_error, "profile_key",
                       "'" + record.profile_key + "' repeats line " +
                           std::to_string(earlier->second) +
                           " for the same model and prompt_version");
        }
        records.push_back(std::move(record));
    }
    return records;
}

/// The records of the replay file at `path`. Throws kolroi::error (io_error) when it cannot be
/// read, and as `parse_replay` for its lines.
inline std::vector<replay_record> read_replay_file(const std::filesystem::path& path) {
    return parse_replay(read_file(path), path.string());
}

} // namespace kolroi
