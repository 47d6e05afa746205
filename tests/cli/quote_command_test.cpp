// Tests of `kolroi quote`, run as a user runs it: the rule and the arithmetic that tie each
// printed number to the others, the options, a history of one's own, and errors.
#include "kolroi/io/csv_reader.hpp"
#include "kolroi/io/file.hpp"
#include "kolroi/llm/replay_file.hpp"
#include "kolroi/prediction/history.hpp"

#include "test_support.hpp"

#if KOLROI_CLI_TEST_HAS_LLM
#include "llm/loopback_server.hpp"
#endif

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <cstddef>
#include <filesystem>
#include <functional>
#include <set>
#include <string>
#include <vector>

namespace {

std::string kolroi_command(const std::string& arguments) {
    return std::string("'") + KOLROI_CLI_PATH + "' " + arguments;
}

nlohmann::json run_json(const std::string& arguments) {
    const auto run =
        kolroi::test::run_program(kolroi_command("quote --format json " + arguments + " 2>&1"));
    REQUIRE_MESSAGE(run.exit_code == 0, run.output);
    return nlohmann::json::parse(run.output);
}

double number(const nlohmann::json& row, const char* column) {
    return row.at(column).get<double>();
}

const std::string one_quote = "--platform tiktok --followers 50000 --views 12000 --engagement "
                              "0.05 --market US --category skincare --price 400";

} // namespace

TEST_CASE("with no quote given, the sample store's twelve KOLs are quoted against its history") {
    const auto json = run_json("");
    CHECK(json["history"] == "sample_store/history.csv");
    CHECK(json["rows"] == 251);
    CHECK(json["kols"] == 100);
    CHECK(json["target"] == "log_gmv");
    CHECK(json["correction"] == "smearing");
    CHECK(number(json, "cv_mae_roas_log_gmv") < number(json, "cv_mae_roas_gmv"));
    REQUIRE(json["quotes"].size() == 12);
    CHECK(json["quotes"][0]["kol"] == "anna_tiktok");
    CHECK(json["quotes"][11]["kol"] == "lina_tiktok");

    for (const auto& row : json["quotes"]) {
        CAPTURE(row.dump());
        const double gmv = number(row, "gmv");
        const double cost = number(row, "cost");
        const double roas = number(row, "roas");
        CHECK(number(row, "gmv_low") < gmv);
        CHECK(gmv < number(row, "gmv_high"));
        // ROAS is mean GMV over the cost at that GMV; the rule reads ROAS and its lower end.
        CHECK(roas == doctest::Approx(gmv / cost));
        const double low = number(row, "roas_low");
        const std::string expected = roas < 1               ? "negotiate"
                                     : roas > 2 && low >= 1 ? "priority"
                                                            : "consider";
        CHECK(row["decision"] == expected);
        if (row["cost_model"] == "flat_fee") {
            // Without the price among the features, break-even is the mean GMV itself, the
            // target price the mean GMV over 1.5, and the ROAS interval the GMV's over the fee.
            CHECK(number(row, "cost") == number(row, "price"));
            CHECK(number(row, "break_even_price") == doctest::Approx(gmv));
            CHECK(number(row, "target_price") == doctest::Approx(gmv / 1.5));
            CHECK(low == doctest::Approx(number(row, "gmv_low") / cost));
        }
        if (row["cost_model"] == "commission") {
            CHECK(roas == doctest::Approx(1 / number(row, "price")));
            CHECK(number(row, "break_even_price") == 1.0);
        }
    }
}

TEST_CASE("one quote on the command line, with the options that change its answer") {
    const auto base = run_json(one_quote);
    REQUIRE(base["quotes"].size() == 1);
    const auto& row = base["quotes"][0];
    CHECK(row["kol"] == "quote");
    CHECK(row["platform"] == "tiktok");
    CHECK(number(row, "cost") == 400);
    CHECK(row["fell_back"] == false);

    // A 95% interval holds the 80% one; the mean does not move.
    const auto wide = run_json(one_quote + " --level 0.95")["quotes"][0];
    CHECK(number(wide, "gmv") == number(row, "gmv"));
    CHECK(number(wide, "gmv_low") < number(row, "gmv_low"));
    CHECK(number(wide, "gmv_high") > number(row, "gmv_high"));

    // A target ROAS of 3 asks for a third of the mean GMV.
    const auto target = run_json(one_quote + " --target-roas 3")["quotes"][0];
    CHECK(number(target, "target_price") == doctest::Approx(number(row, "gmv") / 3));

    // Thresholds above any ROAS turn the answer into negotiate.
    const auto strict =
        run_json(one_quote + " --negotiate-below 50 --priority-above 60")["quotes"][0];
    CHECK(strict["decision"] == "negotiate");
    CHECK(strict["reason"].get<std::string>().find("is below 50: offer at most") !=
          std::string::npos);

    // Twice the fee halves the ROAS.
    const auto dear =
        run_json("--platform tiktok --followers 50000 --views 12000 --engagement 0.05 --market US "
                 "--category skincare --price 800")["quotes"][0];
    CHECK(number(dear, "roas") == doctest::Approx(number(row, "roas") / 2));
}

TEST_CASE("a quotes file in CSV out, one row per quote with its reason") {
    const auto path = kolroi::test::test_data("prediction/quotes.csv");
    const auto run = kolroi::test::run_program(
        kolroi_command("quote --format csv --quotes '" + path.string() + "' 2>/dev/null"));
    REQUIRE(run.exit_code == 0);
    kolroi::csv_reader reader(run.output, "stdout");
    REQUIRE(reader.next());
    const kolroi::csv_header header(reader);
    CHECK(header.names().back() == "reason");
    std::vector<std::string> kols;
    while (reader.next()) {
        header.check_width(reader);
        kols.emplace_back(reader[header.require("kol")]);
    }
    CHECK(kols == std::vector<std::string>{"mia_tiktok", "noa_youtube", "omar_fb"});
}

TEST_CASE("a history of one's own, with a GMV of zero, is fitted on GMV itself") {
    const auto path = kolroi::test::test_data("prediction/history_small.csv");
    const auto json = run_json("--history '" + path.string() + "' " + one_quote);
    CHECK(json["rows"] == 12);
    CHECK(json["kols"] == 10);
    CHECK(json["target"] == "gmv");
    CHECK(json["target_reason"] == "a collaboration has zero GMV, which has no log");
    CHECK(json["cv_mae_roas_gmv"].is_null());
    // The quote's category is not in this history: it is noted.
    bool noted = false;
    for (const auto& note : json["quotes"][0]["notes"]) {
        noted = noted || note["reason"] == "unseen level";
    }
    CHECK(noted);
}

TEST_CASE("the cross-validation beside the quote compares the model with the mean ROAS") {
    const auto json = run_json(one_quote + " --cv");
    const auto& cv = json["cross_validation"];
    CHECK(cv["folds"] == 5);
    CHECK(cv["rows"] == 251);
    CHECK(number(cv, "mae_roas_model") < 0.5 * number(cv, "mae_roas_mean_baseline"));
}

TEST_CASE("bad quotes and options fail with a message and exit code 1") {
    const auto no_price =
        kolroi::test::run_program(kolroi_command("quote --platform tiktok --followers 5000 2>&1"));
    CHECK(no_price.exit_code == 1);
    CHECK(no_price.output == "kolroi: quote: a flat_fee quote needs --price\n");

    const auto platform = kolroi::test::run_program(
        kolroi_command("quote --platform myspace --followers 5000 --price 10 2>&1"));
    CHECK(platform.exit_code == 1);
    CHECK(platform.output.find("unknown --platform 'myspace'") != std::string::npos);

    const auto level =
        kolroi::test::run_program(kolroi_command("quote " + one_quote + " --level 1.5 2>&1"));
    CHECK(level.exit_code == 1);
    CHECK(level.output == "kolroi: quote_options: level must be in (0, 1), got 1.5\n");

    const auto views = kolroi::test::run_program(kolroi_command(
        "quote --platform youtube --followers 9000 --cost-model cpm --price 20 2>&1"));
    CHECK(views.exit_code == 1);
    CHECK(views.output.find("quotes a CPM price but has no average views") != std::string::npos);
}

TEST_CASE("--commission is read as a file's commission_rate is: 12% or 0.12, never a bare 1") {
    const std::string pure = "--platform instagram --followers 45000 --views 9000 --cost-model "
                             "commission --price 0 --commission ";
    // A pure-commission quote shows its rate as its price, and its ROAS is one over the rate.
    const auto quote_of = [&](const std::string& written) {
        return run_json(pure + written)["quotes"][0];
    };
    CHECK(number(quote_of("12%"), "price") == doctest::Approx(0.12));
    CHECK(number(quote_of("0.12"), "price") == doctest::Approx(0.12));
    CHECK(number(quote_of("0.12"), "roas") == doctest::Approx(1 / 0.12).epsilon(1e-5));
    CHECK(number(quote_of("100%"), "roas") == doctest::Approx(1.0));
    const auto bare = kolroi::test::run_program(kolroi_command("quote " + pure + "1 2>&1"));
    CHECK(bare.exit_code == 1);
    CHECK(bare.output == "kolroi: field '--commission': commission rate '1' is ambiguous; write a "
                         "percentage with its sign ('1%'; '100%' is the whole GMV) or a fraction "
                         "below 1 ('0.01')\n");
}

namespace {

// Four scores in [0, 1] that depend on the text only, the same for the model and the replay.
std::array<double, 4> text_scores(const std::string& text) {
    const auto hash = std::hash<std::string>{}(text);
    return {static_cast<double>(hash % 101) / 100, static_cast<double>((hash / 101) % 101) / 100,
            static_cast<double>((hash / 10201) % 101) / 100,
            static_cast<double>((hash / 1030301) % 101) / 100};
}

// A replay file for the sample store's history: one record per creator, scored from its text.
std::string sample_replay(const std::filesystem::path& path) {
    const auto history =
        kolroi::read_history(kolroi::read_file(std::filesystem::path(KOLROI_EXAMPLES_DIR) /
                                               "data/sample_store/history.csv"),
                             "history.csv");
    std::vector<kolroi::creator_profile> profiles;
    std::vector<kolroi::profile_scores> scores;
    std::set<std::string> seen;
    for (const auto& row : history.rows) {
        if (seen.insert(row.profile.kol_id).second) {
            profiles.push_back(row.profile);
            const auto values = text_scores(row.profile.bio);
            kolroi::profile_scores answer;
            for (std::size_t j = 0; j < answer.scores.size(); ++j) {
                answer.scores[j].value = values[j];
            }
            scores.push_back(answer);
        }
    }
    kolroi::write_replay_file(path, kolroi::make_replay_records(profiles, scores, "test-model"));
    return path.string();
}

} // namespace

TEST_CASE("--llm-replay adds the four recorded scores as columns of the model") {
    const auto replay = sample_replay(std::filesystem::temp_directory_path() / "kolroi_q.jsonl");
    const auto plain = run_json(one_quote);
    const auto scored = run_json(one_quote + " --llm-replay '" + replay + "'");
    CHECK(plain["sources"].empty());
    CHECK(scored["sources"] == nlohmann::json::array({"llm_replay"}));
    // The history's creators all have records, so the model notes no missing score.
    CHECK(scored["model_notes"].dump().find("llm score missing") == std::string::npos);
    // Every creator has all four scores, so each adds one column and no missing indicator.
    CHECK(scored["columns"].size() == plain["columns"].size() + 4);
    for (const char* name : {"brand_fit", "purchase_intent", "authenticity", "spam_risk"}) {
        const std::string column = std::string("llm_replay:") + name;
        CHECK(std::find(scored["columns"].begin(), scored["columns"].end(), column) !=
              scored["columns"].end());
    }
    // The quote has no record: its scores are imputed, and the notes say so.
    const std::string notes = scored["quotes"][0]["notes"].dump();
    CHECK(notes.find("llm_replay:brand_fit") != std::string::npos);
    CHECK(scored["quotes"][0]["fell_back"] == false);
    std::filesystem::remove(replay);
}

TEST_CASE("--llm without a server falls back to the numbers and says why") {
    // Port 9 on loopback (discard) has no listener here: every attempt is refused at once.
    const auto run = kolroi::test::run_program(
        "KOLROI_LLM_ENDPOINT=http://127.0.0.1:9 " +
        kolroi_command("quote --format json --llm " + one_quote + " 2>/dev/null"));
#if KOLROI_CLI_TEST_HAS_LLM
    REQUIRE(run.exit_code == 0);
    const auto json = nlohmann::json::parse(run.output);
    CHECK(json["sources"].empty());
    CHECK(json["model_notes"].dump().find("source failed") != std::string::npos);

    // Nothing to record then: said on stderr, no file written, the quote still answered.
    const auto record = std::filesystem::temp_directory_path() / "kolroi_unrecorded.jsonl";
    std::filesystem::remove(record);
    const auto recorded =
        kolroi::test::run_program("KOLROI_LLM_ENDPOINT=http://127.0.0.1:9 " +
                                  kolroi_command("quote --llm --llm-record '" + record.string() +
                                                 "' " + one_quote + " 2>&1 >/dev/null"));
    CHECK(recorded.exit_code == 0);
    CHECK(recorded.output.find("llm: nothing written to " + record.string()) != std::string::npos);
    CHECK(recorded.output.find("model: source failed (1)") != std::string::npos);
    CHECK_FALSE(std::filesystem::exists(record));
#else
    CHECK(run.exit_code == 1);
#endif
}

#if KOLROI_CLI_TEST_HAS_LLM
TEST_CASE("--llm asks the model once per text, and what --llm-record wrote replays the same") {
    kolroi::test::loopback_server server([](const httplib::Request& request,
                                            httplib::Response& response, std::size_t,
                                            kolroi::test::loopback_server&) {
        const auto body = nlohmann::json::parse(request.body);
        const std::string user = body["messages"][1]["content"].get<std::string>();
        const auto bio = nlohmann::json::parse(user)["bio"].get<std::string>();
        const auto s = text_scores(bio);
        response.set_content(
            kolroi::test::chat_completion(kolroi::test::scores_json(s[0], s[1], s[2], s[3])),
            "application/json");
    });
    const auto record = std::filesystem::temp_directory_path() / "kolroi_record.jsonl";
    std::filesystem::remove(record);
    const std::string quote = one_quote + " --bio 'honest skincare reviews'";
    const auto live = kolroi::test::run_program(
        "KOLROI_LLM_ENDPOINT=" + server.endpoint() + " KOLROI_LLM_MODEL=test-model " +
        kolroi_command("quote --format json --llm --llm-record '" + record.string() + "' " + quote +
                       " 2>/dev/null"));
    REQUIRE_MESSAGE(live.exit_code == 0, live.output);
    const auto asked = server.requests();
    // One request per distinct text among the history's creators and the quote: the fit, the
    // cross-validation that picks the target, the quote and the record share the cache.
    const auto history =
        kolroi::read_history(kolroi::read_file(std::filesystem::path(KOLROI_EXAMPLES_DIR) /
                                               "data/sample_store/history.csv"),
                             "history.csv");
    std::set<std::string> texts{"honest skincare reviews\n"};
    for (const auto& row : history.rows) {
        std::string text = row.profile.bio + '\n';
        for (const auto& caption : row.profile.recent_captions) {
            text += caption + '\n';
        }
        texts.insert(text);
    }
    CHECK(asked == texts.size());
    const auto live_json = nlohmann::json::parse(live.output);
    CHECK(live_json["sources"] == nlohmann::json::array({"llm"}));

    const auto replayed = run_json("--llm-replay '" + record.string() + "' " + quote);
    CHECK(server.requests() == asked); // the replay sends nothing
    // The same scores under another source name: the same model and the same answer.
    CHECK(replayed["columns"].size() == live_json["columns"].size());
    CHECK(number(replayed["quotes"][0], "gmv") ==
          doctest::Approx(number(live_json["quotes"][0], "gmv")).epsilon(1e-12));
    CHECK(number(replayed["quotes"][0], "roas_low") ==
          doctest::Approx(number(live_json["quotes"][0], "roas_low")).epsilon(1e-12));
    std::filesystem::remove(record);
}
#endif
