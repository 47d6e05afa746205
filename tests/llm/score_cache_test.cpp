// Tests of kolroi/llm/score_cache.hpp: answers found by the whole key, never by the hash alone,
// and only complete answers kept.
#include "kolroi/llm/score_cache.hpp"

#include "test_support.hpp"

#include <string>
#include <thread>
#include <vector>

namespace {

kolroi::profile_scores complete(double brand_fit) {
    kolroi::profile_scores scores;
    for (auto& score : scores.scores) {
        score.value = 0.5;
    }
    scores.scores[0].value = brand_fit;
    return scores;
}

/// Every key hashes alike, so that only the comparison of whole keys tells them apart.
struct one_bucket_hash {
    std::size_t operator()(const kolroi::score_cache_key&) const noexcept { return 42; }
};

} // namespace

TEST_CASE("fnv1a_64 gives the published test values") {
    // From the FNV reference test suite (Fowler, Noll, Vo): "" and "a" and "foobar".
    CHECK(kolroi::fnv1a_64("") == 0xcbf29ce484222325ULL);
    CHECK(kolroi::fnv1a_64("a") == 0xaf63dc4c8601ec8cULL);
    CHECK(kolroi::fnv1a_64("foobar") == 0x85944171f73967e8ULL);
}

TEST_CASE("an answer is found again under the same model, prompt version and message") {
    kolroi::score_cache cache;
    const kolroi::score_cache_key key{"Qwen/Qwen2.5-7B-Instruct", "kolroi-profile-v1",
                                      R"({"bio":"tea lover"})"};
    CHECK_FALSE(cache.find(key));
    CHECK(cache.store(key, complete(0.9)));
    REQUIRE(cache.find(key));
    CHECK(*cache.find(key)->scores[0].value == 0.9);
    CHECK(cache.size() == 1);

    SUBCASE("another model, prompt version or message is another question") {
        CHECK_FALSE(cache.find({"other-model", key.prompt_version, key.user_message}));
        CHECK_FALSE(cache.find({key.model, "kolroi-profile-v2", key.user_message}));
        CHECK_FALSE(cache.find({key.model, key.prompt_version, R"({"bio":"tea lover "})"}));
    }
}

TEST_CASE("keys whose parts only shift bytes between them hash differently") {
    const kolroi::score_cache_key_hash hash;
    CHECK(hash({"ab", "c", "d"}) != hash({"a", "bc", "d"}));
    CHECK(hash({"a", "b", "cd"}) != hash({"a", "bc", "d"}));
}

TEST_CASE("two keys with the same hash never share an answer") {
    kolroi::basic_score_cache<one_bucket_hash> cache;
    const kolroi::score_cache_key first{"m", "v", "bio one"};
    const kolroi::score_cache_key second{"m", "v", "bio two"};
    CHECK(cache.store(first, complete(0.1)));
    CHECK_FALSE(cache.find(second));
    CHECK(cache.store(second, complete(0.2)));
    CHECK(*cache.find(first)->scores[0].value == 0.1);
    CHECK(*cache.find(second)->scores[0].value == 0.2);
    CHECK(cache.size() == 2);
}

TEST_CASE("an answer with a missing score is not kept, so it is asked again") {
    kolroi::score_cache cache;
    auto partial = complete(0.3);
    partial.scores[2].value.reset();
    partial.scores[2].missing_reason = "model reply has no 'authenticity'";
    CHECK_FALSE(cache.store({"m", "v", "bio"}, partial));
    CHECK_FALSE(cache.find({"m", "v", "bio"}));
    CHECK(cache.size() == 0);
}

TEST_CASE("threads may store and find at once") {
    kolroi::score_cache cache;
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&cache, t] {
            for (int i = 0; i < 200; ++i) {
                const kolroi::score_cache_key key{"m", "v", std::to_string(t * 1000 + i)};
                cache.store(key, complete(0.25));
                CHECK(cache.find(key));
            }
        });
    }
    for (auto& thread : threads) {
        thread.join();
    }
    CHECK(cache.size() == 800);
}
