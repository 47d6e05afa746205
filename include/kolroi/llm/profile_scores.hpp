// kolroi/llm/profile_scores.hpp: the scores read from one chat-completions reply, each either a
// checked number or missing with the reason.
//
// `read_profile_scores` takes the body of a successful (2xx) reply and checks it step by step:
// the body is JSON; it is not an error object; `choices` holds at least one choice whose
// message content is a string; the content, with surrounding white space removed, is exactly one
// JSON object (text before or after it, a code fence, or a second object is refused); the object
// has no key beyond the asked scores; each asked score is present, is a number (not a string or a
// boolean) and lies in its closed range. A fault of the whole reply marks every score missing
// with the same reason; a fault of one key marks that score alone. No number is ever guessed.
#pragma once

#include "kolroi/io/text.hpp"
#include "kolroi/llm/profile_prompt.hpp"

#include <nlohmann/json.hpp>

#include <array>
#include <charconv>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace kolroi {

/// One score: a number, or nothing and the reason.
struct profile_score {
    std::optional<double> value;
    std::string missing_reason; ///< empty when value holds a number

    [[nodiscard]] bool has_value() const noexcept { return value.has_value(); }
};

/// The scores of `profile_scores_asked`, in that order.
struct profile_scores {
    std::array<profile_score, profile_scores_asked.size()> scores;

    /// Every score missing for `reason`.
    [[nodiscard]] static profile_scores all_missing(const std::string& reason) {
        profile_scores result;
        for (auto& score : result.scores) {
            score.missing_reason = reason;
        }
        return result;
    }

    [[nodiscard]] bool complete() const noexcept {
        for (const auto& score : scores) {
            if (!score.has_value()) {
                return false;
            }
        }
        return true;
    }
};

namespace detail::llm {

/// The first `limit` bytes of `text` for a message, marked when cut.
inline std::string excerpt(std::string_view text, std::size_t limit = 160) {
    if (text.size() <= limit) {
        return std::string(text);
    }
    return std::string(text.substr(0, limit)) + "...";
}

/// The JSON type of `value` as a schema names it.
inline std::string json_type_name(const nlohmann::json& value) {
    if (value.is_number()) {
        return "number";
    }
    if (value.is_boolean()) {
        return "boolean";
    }
    return value.type_name();
}

/// The message content of the first choice, or the reason the reply has none.
inline std::optional<std::string> reply_content(const nlohmann::json& reply, std::string& reason) {
    if (!reply.is_object()) {
        reason = "reply is a JSON " + json_type_name(reply) + ", not an object";
        return std::nullopt;
    }
    if (const auto found = reply.find("error"); found != reply.end() && !found->is_null()) {
        const auto& err = *found;
        const std::string message =
            err.is_object() && err.contains("message") && err["message"].is_string()
                ? err["message"].get<std::string>()
                : err.dump();
        reason = "server sent an error object: " + excerpt(message);
        return std::nullopt;
    }
    const auto choices = reply.find("choices");
    if (choices == reply.end() || !choices->is_array()) {
        reason = "reply has no 'choices' array";
        return std::nullopt;
    }
    if (choices->empty()) {
        reason = "reply has an empty 'choices' array";
        return std::nullopt;
    }
    const auto& choice = choices->front();
    if (!choice.is_object() || !choice.contains("message") || !choice["message"].is_object()) {
        reason = "first choice has no 'message' object";
        return std::nullopt;
    }
    const auto& message = choice["message"];
    if (!message.contains("content") || !message["content"].is_string()) {
        const bool refused = message.contains("refusal") && message["refusal"].is_string();
        reason = refused ? "model refused: " + excerpt(message["refusal"].get<std::string>())
                         : "first choice's message has no string 'content'";
        return std::nullopt;
    }
    if (choice.contains("finish_reason") && choice["finish_reason"] == "length") {
        reason = "model reply was cut at max_tokens";
        return std::nullopt;
    }
    return message["content"].get<std::string>();
}

/// The JSON object that the content must be, alone, or the reason it is not.
inline std::optional<nlohmann::json> content_object(std::string_view content, std::string& reason) {
    const std::string_view body = kolroi::trim(content);
    if (body.empty()) {
        reason = "model reply is empty";
        return std::nullopt;
    }
    if (body.front() != '{' || body.back() != '}') {
        reason = "model reply has text around the JSON object: '" + excerpt(body, 80) + "'";
        return std::nullopt;
    }
    auto parsed = nlohmann::json::parse(body, nullptr, false);
    if (parsed.is_discarded()) {
        reason = "model reply is not one JSON object: '" + excerpt(body, 80) + "'";
        return std::nullopt;
    }
    return parsed;
}

/// The asked score under `spec.name`, checked against its type and range.
inline profile_score read_score(const nlohmann::json& object, const profile_score_spec& spec) {
    const std::string name(spec.name);
    const auto found = object.find(name);
    if (found == object.end()) {
        return {std::nullopt, "model reply has no '" + name + "'"};
    }
    if (!found->is_number()) {
        return {std::nullopt, "'" + name + "' is a " + json_type_name(*found) + ", not a number"};
    }
    const double value = found->get<double>();
    if (!(value >= spec.minimum && value <= spec.maximum)) {
        return {std::nullopt, "'" + name + "' = " + kolroi::format_number(value) + " is outside [" +
                                  kolroi::format_number(spec.minimum) + ", " +
                                  kolroi::format_number(spec.maximum) + "]"};
    }
    return {value, {}};
}

} // namespace detail::llm

/// The scores in the body of a 2xx chat-completions reply; see the header comment for the
/// checks. Never throws for what the server sent.
inline profile_scores read_profile_scores(std::string_view body) {
    const auto reply = nlohmann::json::parse(body, nullptr, false);
    if (reply.is_discarded()) {
        return profile_scores::all_missing("reply is not JSON: '" + detail::llm::excerpt(body, 80) +
                                           "'");
    }

    std::string reason;
    const auto content = detail::llm::reply_content(reply, reason);
    if (!content) {
        return profile_scores::all_missing(reason);
    }
    const auto object = detail::llm::content_object(*content, reason);
    if (!object) {
        return profile_scores::all_missing(reason);
    }
    if (!object->is_object()) {
        return profile_scores::all_missing(
            "model reply is a JSON " + detail::llm::json_type_name(*object) + ", not an object");
    }

    // A key the schema does not allow means the reply did not follow it; none of it is trusted.
    for (const auto& item : object->items()) {
        bool asked = false;
        for (const auto& spec : profile_scores_asked) {
            asked = asked || item.key() == spec.name;
        }
        if (!asked) {
            return profile_scores::all_missing("model reply has key '" +
                                               detail::llm::excerpt(item.key(), 40) +
                                               "' that the schema does not allow");
        }
    }

    profile_scores result;
    for (std::size_t i = 0; i < profile_scores_asked.size(); ++i) {
        result.scores[i] = detail::llm::read_score(*object, profile_scores_asked[i]);
    }
    return result;
}

} // namespace kolroi
