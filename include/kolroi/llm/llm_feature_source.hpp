// kolroi/llm/llm_feature_source.hpp: a feature source that asks a language model, served over
// the OpenAI-compatible chat-completions protocol, to score each creator's profile text.
//
// For a batch of profiles `score` (and `features`, which lays the same scores out as a
// feature_table) runs these steps:
// 1. Each profile becomes its question: the user message of kolroi/llm/profile_prompt.hpp (the
//    store description, the bio, the newest captions). A profile without text is not sent; its
//    scores are missing with the reason "profile has no text".
// 2. Profiles that ask the same question share one answer; answers already in the cache cost
//    no call.
// 3. The remaining questions are asked by a small pool of worker threads (options.workers); the
//    client's semaphore bounds the requests in flight (options.max_in_flight), and each request
//    has its timeouts and retries (kolroi/llm/chat_client.hpp).
// 4. Each 2xx reply is read strictly (kolroi/llm/profile_scores.hpp); a score that fails a check
//    is missing with its reason, never guessed. Complete answers go into the cache.
// A request the server refuses (any status that retrying cannot change), or one whose retries
// run out, fails the whole batch with kolroi::error (remote_error), so that a predictor can
// fall back to the profiles' own numbers. A json_schema request refused with 400 or 422 is
// first asked again with json_object, once, and json_object is kept from then on.
//
// The features are the scores of `profile_scores_asked` under the same names (brand_fit,
// purchase_intent, authenticity, spam_risk), each in [0, 1].
#pragma once

#include "kolroi/core/error.hpp"
#include "kolroi/features/feature_source.hpp"
#include "kolroi/llm/chat_client.hpp"
#include "kolroi/llm/llm_feature_table.hpp"
#include "kolroi/llm/llm_options.hpp"
#include "kolroi/llm/profile_prompt.hpp"
#include "kolroi/llm/profile_scores.hpp"
#include "kolroi/llm/retry_policy.hpp"
#include "kolroi/llm/score_cache.hpp"
#include "kolroi/prediction/kol_profile.hpp"

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <exception>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <thread>
#include <unordered_map>
#include <utility>
#include <vector>

namespace kolroi {

/// Scores profile text with a language model; see the header comment.
class llm_feature_source : public feature_source {
public:
    /// Resolves `options` (kolroi/llm/llm_options.hpp) against `environment`. Pass the same
    /// `cache` to several sources to share answers between them.
    explicit llm_feature_source(
        llm_options options = {},
        std::shared_ptr<score_cache> cache = std::make_shared<score_cache>(),
        retry_hooks hooks = {}, const environment_lookup& environment = process_environment)
        : m_client(std::make_shared<chat_client>(
              resolve_llm_options(std::move(options), environment), std::move(hooks)))
        , m_cache(cache ? std::move(cache) : std::make_shared<score_cache>())
        , m_json_object(m_client->options().format == response_format_mode::json_object) {}

    [[nodiscard]] std::string name() const override { return "llm"; }

    [[nodiscard]] std::vector<std::string> feature_names() const override {
        return llm_feature_names();
    }

    [[nodiscard]] feature_table features(std::span<const creator_profile> profiles) override {
        const bool schema_before = !m_json_object.load();
        feature_table table = llm_scores_table(profiles, score(profiles));
        if (schema_before && m_json_object.load()) {
            table.notes().add("llm response format",
                              "the server refused response_format json_schema; asked with "
                              "json_object and checked the schema in kolroi");
        }
        return table;
    }

    /// The scores of each profile, in the order given. Throws kolroi::error (remote_error) when
    /// a request fails; see the header comment.
    [[nodiscard]] std::vector<profile_scores> score(std::span<const creator_profile> profiles) {
        const auto& options = m_client->options();

        // One question per distinct text; `asked[i]` is the question of profile i.
        std::vector<std::string> questions;
        std::vector<std::size_t> asked(profiles.size(), no_question);
        std::unordered_map<std::string, std::size_t> index;
        for (std::size_t i = 0; i < profiles.size(); ++i) {
            if (!profile_has_text(profiles[i])) {
                continue;
            }
            auto message = profile_user_message(
                profile_data(options.store_description, profiles[i], options.max_captions));
            const auto [found, added] = index.try_emplace(std::move(message), questions.size());
            if (added) {
                questions.push_back(found->first);
            }
            asked[i] = found->second;
        }

        std::vector<profile_scores> answers = answer(questions, profiles, asked);

        std::vector<profile_scores> result(profiles.size());
        for (std::size_t i = 0; i < profiles.size(); ++i) {
            result[i] = asked[i] == no_question ? profile_scores::all_missing("profile has no text")
                                                : answers[asked[i]];
        }
        return result;
    }

    [[nodiscard]] const llm_options& options() const noexcept { return m_client->options(); }

    /// HTTP requests sent so far, retries included.
    [[nodiscard]] std::size_t requests_sent() const noexcept { return m_client->requests_sent(); }

    /// Questions answered from the cache so far.
    [[nodiscard]] std::size_t cache_hits() const noexcept { return m_cache_hits.load(); }

    [[nodiscard]] const std::shared_ptr<score_cache>& cache() const noexcept { return m_cache; }

    /// Whether requests now ask for json_object (by option, or after the server refused the
    /// schema).
    [[nodiscard]] bool asks_json_object() const noexcept { return m_json_object.load(); }

private:
    static constexpr std::size_t no_question = static_cast<std::size_t>(-1);

    score_cache_key key_of(const std::string& question) const {
        return {m_client->options().model, std::string(profile_prompt_version), question};
    }

    /// The answer to each question: from the cache, else from the model by the worker pool.
    std::vector<profile_scores> answer(const std::vector<std::string>& questions,
                                       std::span<const creator_profile> profiles,
                                       const std::vector<std::size_t>& asked) {
        std::vector<profile_scores> answers(questions.size());
        std::vector<std::size_t> to_ask;
        for (std::size_t q = 0; q < questions.size(); ++q) {
            if (auto cached = m_cache->find(key_of(questions[q]))) {
                answers[q] = std::move(*cached);
                ++m_cache_hits;
            } else {
                to_ask.push_back(q);
            }
        }

        // Workers take questions in turn; the first failure stops them all.
        std::atomic<std::size_t> next{0};
        std::atomic<bool> failed{false};
        std::exception_ptr first_failure;
        std::size_t failed_question = no_question;
        std::mutex failure_mutex;
        const auto work = [&] {
            for (std::size_t k = next++; k < to_ask.size() && !failed.load(); k = next++) {
                const std::size_t q = to_ask[k];
                try {
                    answers[q] = ask(questions[q]);
                    m_cache->store(key_of(questions[q]), answers[q]);
                } catch (...) {
                    const std::lock_guard lock(failure_mutex);
                    if (!failed.exchange(true)) {
                        first_failure = std::current_exception();
                        failed_question = q;
                    }
                }
            }
        };
        run_pool(work, to_ask.size());

        if (first_failure) {
            rethrow_for_creator(first_failure,
                                first_creator_asking(failed_question, profiles, asked));
        }
        return answers;
    }

    template <typename Work>
    void run_pool(const Work& work, std::size_t jobs) const {
        const std::size_t threads = std::min(m_client->options().workers, jobs);
        if (threads <= 1) {
            work();
            return;
        }
        std::vector<std::jthread> pool;
        pool.reserve(threads);
        for (std::size_t t = 0; t < threads; ++t) {
            pool.emplace_back(work);
        }
    }

    /// One question to the model, with the json_object fallback.
    profile_scores ask(const std::string& question) {
        const auto& options = m_client->options();
        for (;;) {
            const bool json_object = m_json_object.load();
            const auto request = profile_chat_request(
                options.model, question,
                json_object ? response_format_mode::json_object : response_format_mode::json_schema,
                options.max_tokens);
            // The model name comes from the caller or the environment: keep the body valid JSON
            // whatever its bytes.
            const chat_reply reply = m_client->post(
                request.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));

            if (reply.status >= 200 && reply.status <= 299) {
                return redacted(read_profile_scores(reply.body));
            }
            const bool schema_refused =
                !json_object && (reply.status == 400 || reply.status == 422);
            if (schema_refused && options.fall_back_to_json_object) {
                m_json_object.store(true);
                continue;
            }
            throw error(error_kind::remote_error,
                        "chat_client: " + m_client->describe_status(reply));
        }
    }

    /// `scores` with the API key removed from every reason, in case the reply quoted it.
    profile_scores redacted(profile_scores scores) const {
        for (auto& score : scores.scores) {
            score.missing_reason =
                detail::llm::redact(std::move(score.missing_reason), m_client->options().api_key);
        }
        return scores;
    }

    static std::string first_creator_asking(std::size_t question,
                                            std::span<const creator_profile> profiles,
                                            const std::vector<std::size_t>& asked) {
        for (std::size_t i = 0; i < profiles.size(); ++i) {
            if (asked[i] == question) {
                return profiles[i].kol_id;
            }
        }
        return {};
    }

    /// Rethrows a kolroi::error with the creator named and its kind kept; anything else as is.
    [[noreturn]] static void rethrow_for_creator(const std::exception_ptr& failure,
                                                 const std::string& creator) {
        try {
            std::rethrow_exception(failure);
        } catch (const error& e) {
            throw error(e.kind(), "llm_feature_source: scoring creator '" + creator +
                                      "' failed: " + e.message());
        }
    }

    std::shared_ptr<chat_client> m_client;
    std::shared_ptr<score_cache> m_cache;
    std::atomic<bool> m_json_object;
    std::atomic<std::size_t> m_cache_hits{0};
};

} // namespace kolroi
