// Tests of kolroi/llm/replay_file.hpp: the JSON Lines format of recorded scores, written and
// read back, and every bad line refused with its file, line and field.
#include "kolroi/llm/replay_file.hpp"

#include "test_support.hpp"

#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

namespace {

/// The error `parse_replay` throws for `text`, read as the file "scores.jsonl".
kolroi::error replay_error(const std::string& text) {
    try {
        (void)kolroi::parse_replay(text, "scores.jsonl");
    } catch (const kolroi::error& e) {
        return e;
    }
    FAIL("parse_replay accepted: " << text);
    return kolroi::error(kolroi::error_kind::invalid_argument, "unreachable");
}

const std::string good_prefix =
    R"({"profile_key":"a","model":"m","prompt_version":"kolroi-profile-v1",)";

} // namespace

TEST_CASE("the sample replay file reads with its values, nulls and reasons") {
    const auto records = kolroi::read_replay_file(kolroi::test::test_data("llm/scores.jsonl"));
    REQUIRE(records.size() == 2);

    const auto& anna = records[0];
    CHECK(anna.profile_key == "anna_tiktok");
    CHECK(anna.model == "Qwen/Qwen2.5-7B-Instruct");
    CHECK(anna.prompt_version == "kolroi-profile-v1");
    CHECK(anna.text_hash.empty());
    CHECK(anna.where.line == 1);
    CHECK(anna.find("brand_fit")->value == 0.85);
    CHECK(anna.find("spam_risk")->value == 0.05);

    // Line 2 is blank; Ben is on line 3.
    const auto& ben = records[1];
    CHECK(ben.where.line == 3);
    CHECK(ben.text_hash == "fnv1a64:0000000000000000");
    CHECK_FALSE(ben.find("purchase_intent")->value);
    CHECK(ben.find("purchase_intent")->missing_reason == "model reply has no 'purchase_intent'");
    CHECK(ben.find("authenticity")->value == 1.0);
    CHECK(ben.find("spam_risk")->value == 0.0);
}

TEST_CASE("records written and read back are the same records") {
    kolroi::creator_profile anna;
    anna.kol_id = "anna_tiktok";
    anna.bio = "tea";
    anna.recent_captions = {"shop"};
    kolroi::creator_profile ben;
    ben.kol_id = "ben \"the\" lifter";
    ben.bio = "line one\nline two";

    std::vector<kolroi::profile_scores> scores(2);
    const double firsts[] = {0.1, 1.0 / 3.0, 0.0, 1.0};
    for (std::size_t j = 0; j < 4; ++j) {
        scores[0].scores[j].value = firsts[j];
    }
    scores[1] = kolroi::profile_scores::all_missing("reply is not JSON: '{'");
    scores[1].scores[2] = {0.123456789012345678, {}};
    const std::vector<kolroi::creator_profile> profiles = {anna, ben};
    const auto records = kolroi::make_replay_records(profiles, scores, "Qwen/Qwen2.5-7B-Instruct");

    std::ostringstream out;
    kolroi::write_replay(out, records);
    const std::string text = out.str();
    CHECK(std::count(text.begin(), text.end(), '\n') == 2);

    const auto back = kolroi::parse_replay(text, "mem.jsonl");
    REQUIRE(back.size() == 2);
    for (std::size_t i = 0; i < 2; ++i) {
        CHECK(back[i].profile_key == records[i].profile_key);
        CHECK(back[i].model == "Qwen/Qwen2.5-7B-Instruct");
        CHECK(back[i].prompt_version == "kolroi-profile-v1");
        CHECK(back[i].text_hash == kolroi::profile_text_hash(profiles[i]));
        for (const auto& feature : records[i].features) {
            CAPTURE(feature.name);
            const auto* read = back[i].find(feature.name);
            REQUIRE(read != nullptr);
            CHECK(read->value == feature.value); // doubles survive exactly
            CHECK(read->missing_reason == feature.missing_reason);
        }
    }

    SUBCASE("and through a file") {
        const auto path = std::filesystem::temp_directory_path() / "kolroi_replay_test.jsonl";
        kolroi::write_replay_file(path, records);
        const auto from_file = kolroi::read_replay_file(path);
        std::filesystem::remove(path);
        REQUIRE(from_file.size() == 2);
        CHECK(from_file[1].find("authenticity")->value == 0.123456789012345678);
        CHECK(from_file[1].where.file == path.string());
    }
}

TEST_CASE("profile_text_hash is FNV-1a over the length-prefixed bio and captions") {
    // Worked out by an independent FNV-1a 64 over "bio:0:" and over "bio:3:tea" "caption:4:shop".
    kolroi::creator_profile profile;
    CHECK(kolroi::profile_text_hash(profile) == "fnv1a64:27e7907b4208078b");
    profile.bio = "tea";
    profile.recent_captions = {"shop"};
    CHECK(kolroi::profile_text_hash(profile) == "fnv1a64:1e14c56cd2ef867c");

    kolroi::creator_profile moved;
    moved.bio = "teas";
    moved.recent_captions = {"hop"};
    CHECK(kolroi::profile_text_hash(moved) != kolroi::profile_text_hash(profile));
}

TEST_CASE("a record that read_replay_file would refuse cannot be written") {
    kolroi::replay_record record{"a", "m", "kolroi-profile-v1", {}, {{"brand_fit", {}, {}}}, {}};
    CHECK_THROWS_WITH_AS(kolroi::replay_line(record),
                         "replay_line: record 'a': missing feature 'brand_fit' has no reason",
                         kolroi::error);
    record.features = {{"brand_fit", 0.5, {}}, {"brand_fit", 0.5, {}}};
    CHECK_THROWS_AS(kolroi::replay_line(record), kolroi::error);
    record.features = {{"brand_fit", 0.5, {}}};
    record.model.clear();
    CHECK_THROWS_AS(kolroi::replay_line(record), kolroi::error);
}

TEST_CASE("bad lines are refused with the file, the line and the field") {
    struct bad_line {
        std::string text;
        kolroi::error_kind kind;
        std::size_t line;
        std::string field;
        std::string message;
    };
    const std::string features = R"("features":{"brand_fit":0.5},"missing_reasons":{}})";
    const std::vector<bad_line> cases = {
        {"[1,2]", kolroi::error_kind::parse_error, 1, "",
         "read_replay_file: a line is one JSON object, got a JSON array"},
        {R"({"model":"m","prompt_version":"v",)" + features, kolroi::error_kind::data_error, 1,
         "profile_key", "read_replay_file: profile_key is required"},
        {R"({"profile_key":7,"model":"m","prompt_version":"v",)" + features,
         kolroi::error_kind::data_error, 1, "profile_key",
         "read_replay_file: profile_key must be a non-empty string"},
        {good_prefix + R"("features":{"brand_fit":"0.5"},"missing_reasons":{}})",
         kolroi::error_kind::data_error, 1, "features.brand_fit",
         "read_replay_file: features.brand_fit is a string; a feature is a number or null"},
        {good_prefix + R"("features":{"brand_fit":null},"missing_reasons":{}})",
         kolroi::error_kind::data_error, 1, "missing_reasons.brand_fit",
         "read_replay_file: missing_reasons.brand_fit must say why the feature is null"},
        {good_prefix + R"("features":{"brand_fit":0.5},"missing_reasons":{"brand_fit":"x"}})",
         kolroi::error_kind::data_error, 1, "missing_reasons.brand_fit",
         "read_replay_file: missing_reasons.brand_fit gives a reason for a feature that has a "
         "value"},
        {good_prefix + R"("features":{"brand_fit":0.5},"missing_reasons":{"spam":"x"}})",
         kolroi::error_kind::data_error, 1, "missing_reasons.spam",
         "read_replay_file: missing_reasons.spam names a feature that is not in 'features'"},
        {good_prefix + R"("features":{"brand_fit":0.5,"":0.4},"missing_reasons":{}})",
         kolroi::error_kind::data_error, 1, "features",
         "read_replay_file: features has a feature with an empty name"},
        {good_prefix + R"("features":[0.5],"missing_reasons":{}})", kolroi::error_kind::data_error,
         1, "features", "read_replay_file: features must be an object"},
        {good_prefix + R"("score":1,)" + features, kolroi::error_kind::data_error, 1, "score",
         "read_replay_file: score is not a field of a replay record"},
        {good_prefix + features + "\n\n" + good_prefix + features, kolroi::error_kind::data_error,
         3, "profile_key",
         "read_replay_file: profile_key 'a' repeats line 1 for the same model and "
         "prompt_version"},
    };
    for (const auto& bad : cases) {
        CAPTURE(bad.text);
        const kolroi::error e = replay_error(bad.text);
        CHECK(e.kind() == bad.kind);
        CHECK(e.where().file == "scores.jsonl");
        CHECK(e.where().line == bad.line);
        CHECK(e.where().field == bad.field);
        CHECK(e.message() == bad.message);
    }
}

TEST_CASE("text that is not JSON is a parse_error that says where the parser stopped") {
    const kolroi::error broken = replay_error("\n{not json\n");
    CHECK(broken.kind() == kolroi::error_kind::parse_error);
    CHECK(broken.where().line == 2);
    // The column is within the file's line 2; the parser's own "line 1" is not repeated.
    CHECK(broken.message().starts_with("read_replay_file: a line is one JSON object; parse error "
                                       "at column 3: "));
    CHECK(broken.message().find("line 1") == std::string::npos);

    // A number beyond double's range is refused by the parser, never read as infinity.
    const kolroi::error overflow =
        replay_error(good_prefix + R"("features":{"brand_fit":1e999},"missing_reasons":{}})");
    CHECK(overflow.kind() == kolroi::error_kind::parse_error);
    CHECK(overflow.message().find("number overflow") != std::string::npos);
}

TEST_CASE("CRLF line ends and blank lines are accepted") {
    const std::string features = R"("features":{"brand_fit":0.5},"missing_reasons":{}})";
    const auto records = kolroi::parse_replay(
        good_prefix + features + "\r\n\r\n" +
            R"({"profile_key":"b","model":"m","prompt_version":"kolroi-profile-v1",)" + features +
            "\r\n",
        "crlf.jsonl");
    REQUIRE(records.size() == 2);
    CHECK(records[1].where.line == 3);
}

TEST_CASE("a replay file that does not exist is an io_error naming it") {
    CHECK_THROWS_WITH_AS(kolroi::read_replay_file("/nonexistent/kolroi/scores.jsonl"),
                         doctest::Contains("cannot open '/nonexistent/kolroi/scores.jsonl'"),
                         kolroi::error);
}
