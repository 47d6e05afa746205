// kolroi/llm/llm_feature_table.hpp: the language-model features as a feature table, shared by
// the source that asks a model (llm_feature_source.hpp) and the one that replays recorded scores
// (replay_feature_source.hpp). It needs no HTTP client, so a program that only replays scores
// builds without cpp-httplib.
#pragma once

#include "kolroi/core/error.hpp"
#include "kolroi/features/feature_source.hpp"
#include "kolroi/llm/profile_scores.hpp"
#include "kolroi/prediction/kol_profile.hpp"

#include <cstddef>
#include <span>
#include <string>
#include <vector>

namespace kolroi {

/// The names of the features the language-model sources give, in column order.
inline std::vector<std::string> llm_feature_names() {
    std::vector<std::string> names;
    for (const auto& score : profile_scores_asked) {
        names.emplace_back(score.name);
    }
    return names;
}

/// Writes `scores` of each profile into a table of `llm_feature_names()`, with a note for every
/// missing value: reason "llm score missing", detail "creator 'id': score: why".
inline feature_table llm_scores_table(std::span<const creator_profile> profiles,
                                      const std::vector<profile_scores>& scores) {
    if (scores.size() != profiles.size()) {
        throw error(error_kind::invalid_argument,
                    "llm_scores_table: " + std::to_string(scores.size()) + " answers for " +
                        std::to_string(profiles.size()) + " profiles");
    }
    feature_table table(llm_feature_names(), profiles.size());
    for (std::size_t row = 0; row < profiles.size(); ++row) {
        for (std::size_t j = 0; j < profile_scores_asked.size(); ++j) {
            const auto& score = scores[row].scores[j];
            table.set(row, j, score.value);
            if (!score.has_value()) {
                table.notes().add("llm score missing",
                                  "creator '" + profiles[row].kol_id +
                                      "': " + std::string(profile_scores_asked[j].name) + ": " +
                                      score.missing_reason);
            }
        }
    }
    return table;
}

} // namespace kolroi
