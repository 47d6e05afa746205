// Tests of kolroi/llm/replay_feature_source.hpp: recorded scores given back by kol_id, stale or
// absent records left missing, records of another model or prompt refused, and a run of the
// model replayed to the same features without a call.
#include "kolroi/llm/replay_feature_source.hpp"

#include "kolroi/llm/llm_feature_source.hpp"

#include "loopback_server.hpp"
#include "test_support.hpp"

#include <filesystem>
#include <string>
#include <vector>

namespace {

kolroi::creator_profile creator(const std::string& id, std::string bio) {
    kolroi::creator_profile profile;
    profile.kol_id = id;
    profile.platform = kolroi::platform::tiktok;
    profile.followers = 5000;
    profile.bio = std::move(bio);
    return profile;
}

kolroi::replay_record record(const std::string& key, double brand_fit) {
    return {key,
            "Qwen/Qwen2.5-7B-Instruct",
            "kolroi-profile-v1",
            {},
            {{"brand_fit", brand_fit, {}},
             {"purchase_intent", 0.5, {}},
             {"authenticity", 0.5, {}},
             {"spam_risk", 0.5, {}}},
            {"replay.jsonl", 4, {}}};
}

/// The data_error the constructor throws for `records`.
kolroi::error refusal(std::vector<kolroi::replay_record> records) {
    try {
        kolroi::replay_feature_source source(std::move(records));
    } catch (const kolroi::error& e) {
        CHECK(e.kind() == kolroi::error_kind::data_error);
        return e;
    }
    FAIL("replay_feature_source accepted records it should refuse");
    return kolroi::error(kolroi::error_kind::invalid_argument, "unreachable");
}

} // namespace

TEST_CASE("the sample file's scores come back by kol_id, with the names of the LLM source") {
    auto source =
        kolroi::replay_feature_source::from_file(kolroi::test::test_data("llm/scores.jsonl"));
    CHECK(source.name() == "llm_replay");
    CHECK(source.model() == "Qwen/Qwen2.5-7B-Instruct");
    CHECK(source.size() == 2);

    const std::vector<kolroi::creator_profile> profiles = {creator("anna_tiktok", "any text"),
                                                           creator("nobody", "tea")};
    const auto table = kolroi::fetch_features(source, profiles);
    CHECK(table.names() == kolroi::llm_feature_names());
    CHECK(table.at(0, 0) == 0.85);
    CHECK(table.at(0, 1) == 0.6);
    CHECK(table.at(0, 2) == 0.9);
    CHECK(table.at(0, 3) == 0.05);
    for (std::size_t j = 0; j < 4; ++j) {
        CHECK_FALSE(table.at(1, j));
    }
    CHECK(table.notes().examples().front().detail ==
          "creator 'nobody': brand_fit: no replay record for this creator");
}

TEST_CASE("a profile whose text changed since it was scored gets no stale scores") {
    auto source =
        kolroi::replay_feature_source::from_file(kolroi::test::test_data("llm/scores.jsonl"));
    const std::vector<kolroi::creator_profile> profiles = {creator("ben_instagram", "")};
    const auto scores = source.scores(profiles);
    for (const auto& score : scores[0].scores) {
        CHECK_FALSE(score.has_value());
        CHECK(score.missing_reason == "profile text changed since it was scored "
                                      "(fnv1a64:0000000000000000 then, fnv1a64:27e7907b4208078b "
                                      "now)");
    }
}

TEST_CASE("a recorded missing value stays missing with its recorded reason") {
    auto ben = record("ben", 0.4);
    ben.features[1] = {"purchase_intent", std::nullopt, "model reply has no 'purchase_intent'"};
    kolroi::replay_feature_source source({ben});
    const std::vector<kolroi::creator_profile> profiles = {creator("ben", "x")};
    const auto table = source.features(profiles);
    CHECK(table.at(0, 0) == 0.4);
    CHECK_FALSE(table.at(0, 1));
    CHECK(table.notes().examples().front().detail ==
          "creator 'ben': purchase_intent: model reply has no 'purchase_intent'");
}

TEST_CASE("records of two models, another prompt, other features or bad values are refused") {
    auto other_model = record("b", 0.5);
    other_model.model = "llama-3-8b";
    const auto mixed = refusal({record("a", 0.5), other_model});
    CHECK(std::string(mixed.what()) ==
          "replay.jsonl:4: field 'model': replay_feature_source: record of 'b' comes from model "
          "'llama-3-8b', not 'Qwen/Qwen2.5-7B-Instruct'; replay one model at a time");

    auto old_prompt = record("a", 0.5);
    old_prompt.prompt_version = "kolroi-profile-v0";
    CHECK(refusal({old_prompt}).message() ==
          "replay_feature_source: record of 'a' was scored with prompt 'kolroi-profile-v0', but "
          "this build asks with 'kolroi-profile-v1'");

    auto short_record = record("a", 0.5);
    short_record.features.pop_back();
    const auto lacking = refusal({short_record});
    CHECK(lacking.where().field == "features.spam_risk");

    // A feature the prompt does not ask for is named at its own field.
    auto extra = record("a", 0.5);
    extra.features.push_back({"vibes", 0.5, {}});
    const auto unasked = refusal({extra});
    CHECK(unasked.where().field == "features.vibes");
    CHECK(unasked.message() == "replay_feature_source: record of 'a' has a feature that prompt "
                               "'kolroi-profile-v1' does not ask for");
    auto misspelt = record("a", 0.5);
    misspelt.features.back().name = "spam_risc";
    CHECK(refusal({misspelt}).where().field == "features.spam_risc");

    CHECK(refusal({record("a", 1.25)}).message() ==
          "replay_feature_source: record of 'a' has 1.25, outside the prompt's range [0, 1]");

    CHECK(refusal({record("a", 0.5), record("a", 0.6)}).message() ==
          "replay_feature_source: 'a' has two records");

    SUBCASE("a model named by the caller must be the records' model") {
        CHECK_THROWS_AS(kolroi::replay_feature_source({record("a", 0.5)}, "llama-3-8b"),
                        kolroi::error);
    }
}

TEST_CASE("a run of the model, written and replayed, gives the same features without a call") {
    kolroi::test::loopback_server server([](const httplib::Request& request,
                                            httplib::Response& response, std::size_t,
                                            kolroi::test::loopback_server&) {
        // A deterministic stand-in for the model: brand_fit from the bio's length.
        const auto body = nlohmann::json::parse(request.body);
        const auto data = nlohmann::json::parse(body["messages"][1]["content"].get<std::string>());
        const double length = static_cast<double>(data["bio"].get<std::string>().size());
        const std::string scores = length > 10
                                       ? kolroi::test::scores_json(length / 100, 0.25, 0.75, 0.125)
                                       : R"({"brand_fit": 0.5})";
        response.set_content(kolroi::test::chat_completion(scores), "application/json");
    });
    kolroi::llm_options options;
    options.endpoint = server.endpoint();
    kolroi::llm_feature_source model(options, nullptr, {},
                                     [](const std::string&) { return std::nullopt; });
    const std::vector<kolroi::creator_profile> profiles = {
        creator("long", "A long bio about tea and ceramics"), creator("short", "tea"),
        creator("silent", "")};

    const auto scores = model.score(profiles);
    const auto path = std::filesystem::temp_directory_path() / "kolroi_replay_source_test.jsonl";
    kolroi::write_replay_file(path,
                              kolroi::make_replay_records(profiles, scores, model.options().model));
    const std::size_t calls = server.requests();
    CHECK(calls == 2);

    auto replay = kolroi::replay_feature_source::from_file(path);
    std::filesystem::remove(path);
    const auto replayed = replay.features(profiles);
    const auto live = kolroi::llm_scores_table(profiles, scores);
    for (std::size_t i = 0; i < profiles.size(); ++i) {
        for (std::size_t j = 0; j < 4; ++j) {
            CAPTURE(i);
            CAPTURE(j);
            CHECK(replayed.at(i, j) == live.at(i, j));
        }
    }
    CHECK(replayed.at(0, 0) == 0.33);
    CHECK(replayed.notes().counts() == live.notes().counts());
    CHECK(replayed.notes().examples().front().detail ==
          "creator 'short': purchase_intent: model reply has no 'purchase_intent'");
    CHECK(server.requests() == calls);
}
