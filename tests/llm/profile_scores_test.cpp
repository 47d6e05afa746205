// Tests of kolroi/llm/profile_scores.hpp: what is read from a reply's body, and the reason for
// every value that is not.
#include "kolroi/llm/profile_scores.hpp"

#include "loopback_server.hpp"
#include "test_support.hpp"

#include <string>

namespace {

using kolroi::test::chat_completion;
using kolroi::test::scores_json;

/// Every score missing, all for `reason`.
void check_all_missing(const kolroi::profile_scores& scores, const std::string& reason) {
    for (const auto& score : scores.scores) {
        CHECK_FALSE(score.has_value());
        CHECK(score.missing_reason == reason);
    }
}

} // namespace

TEST_CASE("a reply with the four scores in range gives the four numbers") {
    const auto scores = kolroi::read_profile_scores(chat_completion(scores_json(0.8, 0.25, 1, 0)));
    REQUIRE(scores.complete());
    CHECK(*scores.scores[0].value == 0.8);
    CHECK(*scores.scores[1].value == 0.25);
    CHECK(*scores.scores[2].value == 1.0);
    CHECK(*scores.scores[3].value == 0.0);

    SUBCASE("white space around the object is not text around it") {
        const auto spaced = kolroi::read_profile_scores(
            chat_completion("\n  " + scores_json(0.5, 0.5, 0.5, 0.5) + "\n"));
        CHECK(spaced.complete());
    }
}

TEST_CASE("a body that is not JSON leaves every score missing") {
    check_all_missing(kolroi::read_profile_scores("{\"choices\": [{\"message\""),
                      "reply is not JSON: '{\"choices\": [{\"message\"'");
    check_all_missing(kolroi::read_profile_scores("[1, 2]"),
                      "reply is a JSON array, not an object");
}

TEST_CASE("an error object leaves every score missing with the server's words") {
    const auto scores = kolroi::read_profile_scores(
        R"({"error": {"message": "model overloaded", "type": "server_error"}})");
    check_all_missing(scores, "server sent an error object: model overloaded");
}

TEST_CASE("a reply without a usable choice leaves every score missing") {
    check_all_missing(kolroi::read_profile_scores(R"({"choices": []})"),
                      "reply has an empty 'choices' array");
    check_all_missing(kolroi::read_profile_scores(R"({"id": "x"})"),
                      "reply has no 'choices' array");
    check_all_missing(kolroi::read_profile_scores(R"({"choices": [{"index": 0}]})"),
                      "first choice has no 'message' object");
    check_all_missing(
        kolroi::read_profile_scores(R"({"choices": [{"message": {"content": null}}]})"),
        "first choice's message has no string 'content'");
    check_all_missing(kolroi::read_profile_scores(
                          R"({"choices": [{"message": {"content": null, "refusal": "no"}}]})"),
                      "model refused: no");
    check_all_missing(kolroi::read_profile_scores(chat_completion("{\"brand_fit\": 0.", "length")),
                      "model reply was cut at max_tokens");
}

TEST_CASE("prose around the JSON object leaves every score missing") {
    check_all_missing(kolroi::read_profile_scores(chat_completion("Sure! Here are the scores: " +
                                                                  scores_json(0.8, 0.6, 0.9, 0.1))),
                      "model reply has text around the JSON object: 'Sure! Here are the scores: "
                      "{\"authenticity\":0.9,\"brand_fit\":0.8,\"purchase_intent\"...'");

    const auto fenced = kolroi::read_profile_scores(
        chat_completion("```json\n" + scores_json(0.8, 0.6, 0.9, 0.1) + "\n```"));
    CHECK_FALSE(fenced.scores[0].has_value());
    CHECK(fenced.scores[0].missing_reason.starts_with("model reply has text around"));

    const auto two = kolroi::read_profile_scores(
        chat_completion(scores_json(0.8, 0.6, 0.9, 0.1) + " " + scores_json(1, 1, 1, 1)));
    CHECK(two.scores[0].missing_reason.starts_with("model reply is not one JSON object"));

    check_all_missing(kolroi::read_profile_scores(chat_completion("  ")), "model reply is empty");
}

TEST_CASE("a score out of range is missing; the others are kept") {
    const auto scores = kolroi::read_profile_scores(chat_completion(
        R"({"brand_fit": 1.5, "purchase_intent": -0.25, "authenticity": 0.75, "spam_risk": 1})"));
    CHECK_FALSE(scores.scores[0].has_value());
    CHECK(scores.scores[0].missing_reason == "'brand_fit' = 1.5 is outside [0, 1]");
    CHECK_FALSE(scores.scores[1].has_value());
    CHECK(scores.scores[1].missing_reason == "'purchase_intent' = -0.25 is outside [0, 1]");
    CHECK(*scores.scores[2].value == 0.75);
    CHECK(*scores.scores[3].value == 1.0);
    CHECK_FALSE(scores.complete());
}

TEST_CASE("a missing key or a value of the wrong type marks that score alone") {
    const auto scores = kolroi::read_profile_scores(
        chat_completion(R"({"brand_fit": "0.9", "purchase_intent": true, "authenticity": null})"));
    CHECK(scores.scores[0].missing_reason == "'brand_fit' is a string, not a number");
    CHECK(scores.scores[1].missing_reason == "'purchase_intent' is a boolean, not a number");
    CHECK(scores.scores[2].missing_reason == "'authenticity' is a null, not a number");
    CHECK(scores.scores[3].missing_reason == "model reply has no 'spam_risk'");
    for (const auto& score : scores.scores) {
        CHECK_FALSE(score.has_value());
    }
}

TEST_CASE("a key the schema does not allow makes the whole reply untrusted") {
    const auto scores = kolroi::read_profile_scores(
        chat_completion(R"({"brand_fit": 1, "purchase_intent": 1, "authenticity": 1, )"
                        R"("spam_risk": 0, "note": "x"})"));
    check_all_missing(scores, "model reply has key 'note' that the schema does not allow");

    check_all_missing(kolroi::read_profile_scores(chat_completion("[0.5]")),
                      "model reply has text around the JSON object: '[0.5]'");
}
