// A chat-completions server on 127.0.0.1 for the tests of kolroi/llm: an httplib::Server on a
// port the system picks, run by a thread inside the test process. Each test gives the handler
// that decides how to answer; the server counts and keeps every request it receives.
#pragma once

#include <httplib.h>
#include <nlohmann/json.hpp>

#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace kolroi::test {

/// A request as the server received it.
struct seen_request {
    std::string path;
    std::string body;
    httplib::Headers headers;
};

/// The body of a successful chat completion whose first choice says `content`.
inline std::string chat_completion(const std::string& content,
                                   const std::string& finish_reason = "stop") {
    const nlohmann::json body = {
        {"id", "chatcmpl-test"},
        {"object", "chat.completion"},
        {"model", "test-model"},
        {"choices",
         nlohmann::json::array({{{"index", 0},
                                 {"message", {{"role", "assistant"}, {"content", content}}},
                                 {"finish_reason", finish_reason}}})}};
    return body.dump();
}

/// A reply object with the four scores of kolroi-profile-v1.
inline std::string scores_json(double brand_fit, double purchase_intent, double authenticity,
                               double spam_risk) {
    const nlohmann::json scores = {{"brand_fit", brand_fit},
                                   {"purchase_intent", purchase_intent},
                                   {"authenticity", authenticity},
                                   {"spam_risk", spam_risk}};
    return scores.dump();
}

class loopback_server {
public:
    /// How to answer request number `index` (0-based, in the order of arrival).
    using handler = std::function<void(const httplib::Request&, httplib::Response&,
                                       std::size_t index, loopback_server& server)>;

    explicit loopback_server(handler answer)
        : m_answer(std::move(answer)) {
        m_server.Post("/v1/chat/completions", [this](const httplib::Request& request,
                                                     httplib::Response& response) {
            std::size_t index = 0;
            {
                const std::lock_guard lock(m_mutex);
                index = m_seen.size();
                m_seen.push_back({request.path, request.body, request.headers});
            }
            const int now = ++m_in_flight;
            int seen_max = m_max_in_flight.load();
            while (now > seen_max && !m_max_in_flight.compare_exchange_weak(seen_max, now)) {
            }
            poke();
            m_answer(request, response, index, *this);
            --m_in_flight;
        });
        m_port = m_server.bind_to_any_port("127.0.0.1");
        REQUIRE_MESSAGE(m_port > 0, "cannot bind a port on 127.0.0.1");
        m_thread = std::thread([this] { m_server.listen_after_bind(); });
        for (int i = 0; i < 5000 && !m_server.is_running(); ++i) {
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
        }
        REQUIRE_MESSAGE(m_server.is_running(), "the loopback server did not start within 5 s");
    }

    loopback_server(const loopback_server&) = delete;
    loopback_server& operator=(const loopback_server&) = delete;

    ~loopback_server() {
        release();
        m_server.stop();
        m_thread.join();
    }

    [[nodiscard]] std::string endpoint() const {
        return "http://127.0.0.1:" + std::to_string(m_port);
    }
    [[nodiscard]] int port() const noexcept { return m_port; }

    [[nodiscard]] std::size_t requests() const {
        const std::lock_guard lock(m_mutex);
        return m_seen.size();
    }

    [[nodiscard]] std::vector<seen_request> seen() const {
        const std::lock_guard lock(m_mutex);
        return m_seen;
    }

    /// The most requests the handler was running at once.
    [[nodiscard]] int max_in_flight() const noexcept { return m_max_in_flight.load(); }

    /// Requests the handler is running now.
    [[nodiscard]] int in_flight() const noexcept { return m_in_flight.load(); }

    /// Blocks a handler until `release` or `limit`, whichever comes first; true if released.
    bool wait_for_release(std::chrono::milliseconds limit) {
        std::unique_lock lock(m_release_mutex);
        return m_release_signal.wait_for(lock, limit, [this] { return m_released; });
    }

    /// Blocks a handler until `ready()` holds, `release` is called or `limit` passes.
    template <typename Ready>
    bool wait_until(std::chrono::milliseconds limit, const Ready& ready) {
        std::unique_lock lock(m_release_mutex);
        return m_release_signal.wait_for(lock, limit, [&] { return m_released || ready(); });
    }

    /// Wakes every waiting handler, and lets later ones pass at once.
    void release() {
        {
            const std::lock_guard lock(m_release_mutex);
            m_released = true;
        }
        m_release_signal.notify_all();
    }

    /// Wakes waiting handlers to re-check their condition. Taking the lock first orders the
    /// wake-up after any waiter's check, so that none is lost.
    void poke() {
        { const std::lock_guard lock(m_release_mutex); }
        m_release_signal.notify_all();
    }

private:
    handler m_answer;
    httplib::Server m_server;
    std::thread m_thread;
    int m_port = -1;

    mutable std::mutex m_mutex;
    std::vector<seen_request> m_seen;
    std::atomic<int> m_in_flight{0};
    std::atomic<int> m_max_in_flight{0};

    std::mutex m_release_mutex;
    std::condition_variable m_release_signal;
    bool m_released = false;
};

/// The handler that answers every request with `status` and `body`.
inline loopback_server::handler always(int status, std::string body) {
    return [status, body = std::move(body)](const httplib::Request&, httplib::Response& response,
                                            std::size_t, loopback_server&) {
        response.status = status;
        response.set_content(body, "application/json");
    };
}

} // namespace kolroi::test
