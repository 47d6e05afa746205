// kolroi/llm/replay_feature_source.hpp: a feature source that gives the language-model scores
// recorded earlier in a replay file (kolroi/llm/replay_file.hpp) instead of asking a model.
//
// Run the model once where it is served, write its scores with `write_replay_file`, and fit and
// predict anywhere from the file: the features have the names and meaning of
// kolroi/llm/llm_feature_source.hpp. All records must come from one model and the prompt
// version this build asks with (`profile_prompt_version`), and each must hold exactly the
// features of that prompt, each value in its range; the constructor refuses anything else with
// kolroi::error (data_error) naming the file, line and field, since mixing prompts or models in one
// design matrix would mix two meanings under one column.
//
// A profile gets its record's values and reasons, found by its kol_id. A profile with no record,
// or whose text no longer has the record's text_hash, gets every feature missing with that
// reason: scores of other text are never passed off as its own. The source makes no remote call.
#pragma once

#include "kolroi/core/error.hpp"
#include "kolroi/features/feature_source.hpp"
#include "kolroi/io/text.hpp"
#include "kolroi/llm/llm_feature_table.hpp"
#include "kolroi/llm/profile_prompt.hpp"
#include "kolroi/llm/replay_file.hpp"
#include "kolroi/prediction/kol_profile.hpp"

#include <algorithm>
#include <cstddef>
#include <filesystem>
#include <span>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace kolroi {

/// Scores recorded by a language model, replayed; see the header comment.
class replay_feature_source : public feature_source {
public:
    /// Checks `records` (see the header comment). `model` empty accepts the one model the
    /// records name; otherwise every record must name it.
    explicit replay_feature_source(std::vector<replay_record> records, std::string model = {})
        : m_records(std::move(records))
        , m_model(std::move(model)) {
        for (std::size_t i = 0; i < m_records.size(); ++i) {
            check(m_records[i]);
            m_by_key.emplace(m_records[i].profile_key, i);
        }
    }

    /// The records of the replay file at `path`.
    [[nodiscard]] static replay_feature_source from_file(const std::filesystem::path& path,
                                                         std::string model = {}) {
        return replay_feature_source(read_replay_file(path), std::move(model));
    }

    [[nodiscard]] std::string name() const override { return "llm_replay"; }

    [[nodiscard]] std::vector<std::string> feature_names() const override {
        return llm_feature_names();
    }

    [[nodiscard]] feature_table features(std::span<const creator_profile> profiles) override {
        return llm_scores_table(profiles, scores(profiles));
    }

    /// The recorded scores of each profile, in the order given.
    [[nodiscard]] std::vector<profile_scores>
    scores(std::span<const creator_profile> profiles) const {
        std::vector<profile_scores> result;
        result.reserve(profiles.size());
        for (const auto& profile : profiles) {
            result.push_back(scores_of(profile));
        }
        return result;
    }

    /// The model the records came from; empty when there are none.
    [[nodiscard]] const std::string& model() const noexcept { return m_model; }

    [[nodiscard]] std::size_t size() const noexcept { return m_records.size(); }

private:
    void check(const replay_record& record) {
        const auto fail = [&](const std::string& field, const std::string& rule) {
            input_location where = record.where;
            where.field = field;
            return error(error_kind::data_error, "replay_feature_source: " + rule, where);
        };
        if (m_model.empty()) {
            m_model = record.model;
        }
        if (record.model != m_model) {
            throw fail("model", "record of '" + record.profile_key + "' comes from model '" +
                                    record.model + "', not '" + m_model +
                                    "'; replay one model at a time");
        }
        if (record.prompt_version != profile_prompt_version) {
            throw fail("prompt_version", "record of '" + record.profile_key +
                                             "' was scored with prompt '" + record.prompt_version +
                                             "', but this build asks with '" +
                                             std::string(profile_prompt_version) + "'");
        }
        // A feature the prompt does not ask for is named first: it is often a misspelt one
        // that the check below would report as missing under its right name.
        for (const auto& feature : record.features) {
            const bool asked =
                std::any_of(profile_scores_asked.begin(), profile_scores_asked.end(),
                            [&](const auto& spec) { return spec.name == feature.name; });
            if (!asked) {
                throw fail("features." + feature.name,
                           "record of '" + record.profile_key + "' has a feature that prompt '" +
                               std::string(profile_prompt_version) + "' does not ask for");
            }
        }
        for (const auto& spec : profile_scores_asked) {
            const replay_feature* feature = record.find(spec.name);
            const std::string field = "features." + std::string(spec.name);
            if (feature == nullptr) {
                throw fail(field, "record of '" + record.profile_key + "' lacks this feature");
            }
            if (feature->value &&
                !(*feature->value >= spec.minimum && *feature->value <= spec.maximum)) {
                throw fail(field, "record of '" + record.profile_key + "' has " +
                                      kolroi::format_number(*feature->value) +
                                      ", outside the prompt's range [" +
                                      kolroi::format_number(spec.minimum) + ", " +
                                      kolroi::format_number(spec.maximum) + "]");
            }
        }
        if (record.features.size() != profile_scores_asked.size()) {
            throw fail("features", "record of '" + record.profile_key + "' has " +
                                       std::to_string(record.features.size()) +
                                       " features; the prompt has " +
                                       std::to_string(profile_scores_asked.size()));
        }
        if (m_by_key.contains(record.profile_key)) {
            throw fail("profile_key", "'" + record.profile_key + "' has two records");
        }
    }

    [[nodiscard]] profile_scores scores_of(const creator_profile& profile) const {
        const auto found = m_by_key.find(profile.kol_id);
        if (found == m_by_key.end()) {
            return profile_scores::all_missing("no replay record for this creator");
        }
        const replay_record& record = m_records[found->second];
        if (!record.text_hash.empty()) {
            const std::string now = profile_text_hash(profile);
            if (now != record.text_hash) {
                return profile_scores::all_missing("profile text changed since it was scored (" +
                                                   record.text_hash + " then, " + now + " now)");
            }
        }

        profile_scores result;
        for (std::size_t j = 0; j < profile_scores_asked.size(); ++j) {
            const replay_feature* feature = record.find(profile_scores_asked[j].name);
            result.scores[j] = {feature->value, feature->missing_reason};
        }
        return result;
    }

    std::vector<replay_record> m_records;
    std::string m_model;
    std::unordered_map<std::string, std::size_t> m_by_key;
};

} // namespace kolroi
