// Tests for kolroi/llm/llm_feature_table.hpp: the four scores laid out as a feature table, each
// missing one noted with its creator, its score and why.
#include "kolroi/llm/llm_feature_table.hpp"

#include "test_support.hpp"

#include <string>
#include <vector>

TEST_CASE("the features are the prompt's four scores, in its order") {
    CHECK(kolroi::llm_feature_names() ==
          std::vector<std::string>{"brand_fit", "purchase_intent", "authenticity", "spam_risk"});
}

TEST_CASE("each profile is a row; a missing score is an empty cell and a note") {
    std::vector<kolroi::creator_profile> profiles(2);
    profiles[0].kol_id = "anna";
    profiles[1].kol_id = "ben";
    std::vector<kolroi::profile_scores> scores(2);
    scores[0].scores[0].value = 0.8;
    scores[0].scores[1].value = 0.6;
    scores[0].scores[2].value = 0.9;
    scores[0].scores[3].missing_reason = "model reply has no 'spam_risk'";
    scores[1] = kolroi::profile_scores::all_missing("profile has no text");

    const kolroi::feature_table table = kolroi::llm_scores_table(profiles, scores);
    REQUIRE(table.rows() == 2);
    REQUIRE(table.columns() == 4);
    CHECK(table.at(0, 0) == 0.8);
    CHECK(table.at(0, 1) == 0.6);
    CHECK(table.at(0, 2) == 0.9);
    CHECK_FALSE(table.at(0, 3).has_value());
    for (std::size_t j = 0; j < 4; ++j) {
        CHECK_FALSE(table.at(1, j).has_value());
    }
    // One note per missing cell: anna's spam_risk and ben's four.
    CHECK(table.notes().count("llm score missing") == 5);
    REQUIRE_FALSE(table.notes().examples().empty());
    CHECK(table.notes().examples()[0].detail ==
          "creator 'anna': spam_risk: model reply has no 'spam_risk'");
    CHECK(table.notes().examples()[1].detail == "creator 'ben': brand_fit: profile has no text");
}

TEST_CASE("answers and profiles must be as many") {
    const std::vector<kolroi::creator_profile> profiles(2);
    const std::vector<kolroi::profile_scores> scores(1);
    CHECK_THROWS_WITH_AS((void)kolroi::llm_scores_table(profiles, scores),
                         "llm_scores_table: 1 answers for 2 profiles", kolroi::error);
}
