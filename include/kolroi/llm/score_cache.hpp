// kolroi/llm/score_cache.hpp: scores already asked for, so that the same question never costs a
// second model call.
//
// A question is keyed by the model, the prompt version and the user message (the serialised
// data object of kolroi/llm/profile_prompt.hpp, which holds the store description and every
// word of the profile the model reads). The cache finds an entry by a 64-bit FNV-1a hash of the
// key and then compares the whole key, so that two texts with the same hash never share scores.
// Only complete answers (every score a checked number) are stored: an answer with a missing
// score is asked again next time rather than repeated. Thread-safe.
#pragma once

#include "kolroi/llm/profile_scores.hpp"

#include <cstddef>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>

namespace kolroi {

/// What a cached answer answered.
struct score_cache_key {
    std::string model;
    std::string prompt_version;
    std::string user_message;

    friend bool operator==(const score_cache_key&, const score_cache_key&) = default;
};

/// 64-bit FNV-1a over `text`, continuing from `hash`.
constexpr std::uint64_t fnv1a_64(std::string_view text,
                                 std::uint64_t hash = 14695981039346656037ULL) noexcept {
    for (const char c : text) {
        hash ^= static_cast<unsigned char>(c);
        hash *= 1099511628211ULL;
    }
    return hash;
}

/// The hash of a key. Each part is preceded by its length, so that moving bytes from one part
/// to the next changes the hash.
struct score_cache_key_hash {
    std::size_t operator()(const score_cache_key& key) const noexcept {
        std::uint64_t hash = 14695981039346656037ULL;
        for (const std::string* part : {&key.model, &key.prompt_version, &key.user_message}) {
            hash = fnv1a_64(std::to_string(part->size()) + ":", hash);
            hash = fnv1a_64(*part, hash);
        }
        return static_cast<std::size_t>(hash);
    }
};

/// Complete answers by question. `Hash` is a parameter so that tests can force collisions.
template <typename Hash = score_cache_key_hash>
class basic_score_cache {
public:
    /// The stored answer to `key`, or nothing.
    [[nodiscard]] std::optional<profile_scores> find(const score_cache_key& key) const {
        const std::lock_guard lock(m_mutex);
        const auto found = m_entries.find(key);
        if (found == m_entries.end()) {
            return std::nullopt;
        }
        return found->second;
    }

    /// Stores `scores` for `key` when they are complete; returns whether it did.
    bool store(score_cache_key key, const profile_scores& scores) {
        if (!scores.complete()) {
            return false;
        }
        const std::lock_guard lock(m_mutex);
        m_entries.insert_or_assign(std::move(key), scores);
        return true;
    }

    [[nodiscard]] std::size_t size() const {
        const std::lock_guard lock(m_mutex);
        return m_entries.size();
    }

    void clear() {
        const std::lock_guard lock(m_mutex);
        m_entries.clear();
    }

private:
    mutable std::mutex m_mutex;
    std::unordered_map<score_cache_key, profile_scores, Hash> m_entries;
};

using score_cache = basic_score_cache<>;

} // namespace kolroi
