// Fuzz target: the parser of a language model's chat-completions reply, and the prompt built from
// a creator's own text. The first byte picks what the rest is:
//
//   even  the whole body of a reply, as a server could send it;
//   odd   the content of the first choice's message, placed in a well-formed reply, so that the
//         fuzzer spends its time on what the model writes rather than on the envelope.
//
// Either way, the same bytes are also a creator's bio, and the request built from it must be
// valid JSON that carries the bio only inside the user message.
//
// What must hold: `read_profile_scores` never throws; every score is either a finite number
// within its range with no reason, or missing with a reason; and a reply with a key the schema
// does not allow gives no score at all.
#include "fuzz_support.hpp"

#include "kolroi/io/text.hpp"
#include "kolroi/llm/profile_prompt.hpp"
#include "kolroi/llm/profile_scores.hpp"

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <string>

namespace {

using kolroi::fuzz::require;

void check_scores(const kolroi::profile_scores& scores) {
    for (std::size_t i = 0; i < scores.scores.size(); ++i) {
        const auto& score = scores.scores[i];
        const auto& spec = kolroi::profile_scores_asked[i];
        if (score.has_value()) {
            require(std::isfinite(*score.value), "a score that is not finite");
            require(*score.value >= spec.minimum && *score.value <= spec.maximum,
                    "score '" + std::string(spec.name) + "' outside its range");
            require(score.missing_reason.empty(), "a score with a value and a reason");
        } else {
            require(!score.missing_reason.empty(), "a missing score without a reason");
        }
    }
}

/// The content's keys, when it is one JSON object: a key not asked for must empty the reply.
void check_schema_keys(const std::string& content, const kolroi::profile_scores& scores) {
    const auto object = nlohmann::json::parse(content, nullptr, false);
    if (object.is_discarded() || !object.is_object()) {
        return;
    }
    for (const auto& item : object.items()) {
        bool asked = false;
        for (const auto& spec : kolroi::profile_scores_asked) {
            asked = asked || item.key() == spec.name;
        }
        if (!asked) {
            for (const auto& score : scores.scores) {
                require(!score.has_value(), "a score read from a reply with key '" + item.key() +
                                                "' that was not asked for");
            }
            return;
        }
    }
}

void check_prompt(const std::string& bio) {
    kolroi::creator_profile profile;
    profile.kol_id = "fuzz";
    profile.bio = bio;
    profile.recent_captions = {bio};
    const auto data = kolroi::profile_data("a store", profile, 3);
    const std::string user = kolroi::profile_user_message(data);
    const auto request =
        kolroi::profile_chat_request("model", user, kolroi::response_format_mode::json_schema, 128);
    const std::string body = request.dump();
    const auto parsed = nlohmann::json::parse(body, nullptr, false);
    require(!parsed.is_discarded(), "the request body is not JSON");
    const auto& messages = parsed["messages"];
    require(messages.size() == 2, "the request does not have exactly two messages");
    require(messages[0]["content"] == std::string(kolroi::profile_system_prompt),
            "the system message changed with the profile");
    const auto user_data =
        nlohmann::json::parse(messages[1]["content"].get<std::string>(), nullptr, false);
    require(user_data.is_object() && user_data.size() == 3,
            "the user message is not the data object");
    if (kolroi::is_valid_utf8(bio)) {
        require(user_data["bio"] == bio, "a valid UTF-8 bio did not reach the model unchanged");
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0 || size > kolroi::fuzz::max_input) {
        return 0;
    }
    const bool content_only = (data[0] & 1U) != 0;
    const std::string text(kolroi::fuzz::as_text(data + 1, size - 1));
    try {
        if (content_only) {
            nlohmann::json reply = {{"choices",
                                     {{{"index", 0},
                                       {"finish_reason", "stop"},
                                       {"message", {{"role", "assistant"}, {"content", text}}}}}}};
            // Invalid UTF-8 cannot travel in JSON; the server would have replaced it.
            const std::string body =
                reply.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
            const auto scores = kolroi::read_profile_scores(body);
            check_scores(scores);
            if (kolroi::is_valid_utf8(text)) {
                check_schema_keys(text, scores);
            }
        } else {
            check_scores(kolroi::read_profile_scores(text));
        }
        check_prompt(text);
    } catch (const std::exception& other) {
        kolroi::fuzz::broken(std::string("an exception escaped: ") + other.what());
    }
    return 0;
}
