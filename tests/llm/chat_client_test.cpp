// Tests of kolroi/llm/chat_client.hpp against a chat-completions server on 127.0.0.1: timeouts,
// retries on 429 and 5xx with their waits, no retry on other 4xx, the bound on requests in
// flight, and that the API key never reaches a message.
#include "kolroi/llm/chat_client.hpp"

#include "loopback_server.hpp"
#include "test_support.hpp"

#include <chrono>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace {

using kolroi::test::loopback_server;
using std::chrono::milliseconds;

/// Options for a loopback server: short timeouts and waits, recorded instead of slept.
kolroi::llm_options loopback_options(const loopback_server& server) {
    kolroi::llm_options options;
    options.endpoint = server.endpoint();
    options.api_key = "sk-test-4f8a2c";
    options.connect_timeout = milliseconds(1000);
    options.read_timeout = milliseconds(2000);
    options.max_attempts = 3;
    options.initial_backoff = milliseconds(100);
    options.max_backoff = milliseconds(1000);
    return kolroi::resolve_llm_options(options, [](const std::string&) { return std::nullopt; });
}

/// A sleeper that records each wait and returns at once.
struct recorded_waits {
    std::mutex mutex;
    std::vector<milliseconds> waits;

    kolroi::retry_hooks hooks() {
        kolroi::retry_hooks result;
        result.sleep = [this](milliseconds wait) {
            const std::lock_guard lock(mutex);
            waits.push_back(wait);
        };
        return result;
    }
};

const std::string good_reply =
    kolroi::test::chat_completion(kolroi::test::scores_json(0.7, 0.6, 0.9, 0.1));

/// The message of the remote_error `post` throws.
std::string failure_of(kolroi::chat_client& client) {
    try {
        (void)client.post("{}");
    } catch (const kolroi::error& e) {
        CHECK(e.kind() == kolroi::error_kind::remote_error);
        return e.what();
    }
    FAIL("post returned where it should have thrown");
    return {};
}

} // namespace

TEST_CASE("a server that answers well is asked once, with the key and a JSON body") {
    loopback_server server(kolroi::test::always(200, good_reply));
    recorded_waits waits;
    kolroi::chat_client client(loopback_options(server), waits.hooks());

    const auto reply = client.post(R"({"model": "m"})");
    CHECK(reply.status == 200);
    CHECK(reply.body == good_reply);
    CHECK(reply.attempts == 1);
    CHECK(server.requests() == 1);
    CHECK(client.requests_sent() == 1);
    CHECK(waits.waits.empty());

    const auto seen = server.seen().at(0);
    CHECK(seen.path == "/v1/chat/completions");
    CHECK(seen.body == R"({"model": "m"})");
    const auto header = [&](const std::string& name) {
        const auto found = seen.headers.find(name);
        return found == seen.headers.end() ? std::string() : found->second;
    };
    CHECK(header("Authorization") == "Bearer sk-test-4f8a2c");
    CHECK(header("Content-Type") == "application/json");
}

TEST_CASE("no Authorization header is sent without a key") {
    loopback_server server(kolroi::test::always(200, good_reply));
    auto options = loopback_options(server);
    options.api_key.clear();
    kolroi::chat_client client(options);
    (void)client.post("{}");
    CHECK(server.seen().at(0).headers.count("Authorization") == 0);
}

TEST_CASE("a server that answers after the read timeout fails the call after max_attempts") {
    // The handler holds each request until the test ends, far beyond the 200 ms read timeout.
    loopback_server server([](const httplib::Request&, httplib::Response& response, std::size_t,
                              loopback_server& self) {
        self.wait_for_release(milliseconds(10'000));
        response.set_content(good_reply, "application/json");
    });
    auto options = loopback_options(server);
    options.read_timeout = milliseconds(200);
    options.max_attempts = 2;
    recorded_waits waits;
    kolroi::chat_client client(options, waits.hooks());

    const std::string message = failure_of(client);
    CHECK(message == "chat_client: POST " + server.endpoint() +
                         "/v1/chat/completions: no complete reply within read_timeout 200 ms (or "
                         "the connection was closed); gave up after 2 attempts");
    CHECK(client.requests_sent() == 2);
    CHECK(waits.waits == std::vector<milliseconds>{milliseconds(100)});
}

TEST_CASE("a server late once and then on time is retried and succeeds") {
    loopback_server server([](const httplib::Request&, httplib::Response& response,
                              std::size_t index, loopback_server& self) {
        if (index == 0) {
            self.wait_for_release(milliseconds(10'000));
        }
        response.set_content(good_reply, "application/json");
    });
    auto options = loopback_options(server);
    options.read_timeout = milliseconds(200);
    recorded_waits waits; // outlives the client, whose sleep hook points to it
    kolroi::chat_client client(options, waits.hooks());

    const auto reply = client.post("{}");
    CHECK(reply.status == 200);
    CHECK(reply.attempts == 2);
    CHECK(server.requests() == 2);
}

TEST_CASE("429 then success: the client waits what Retry-After asks, then succeeds") {
    loopback_server server([](const httplib::Request&, httplib::Response& response,
                              std::size_t index, loopback_server&) {
        if (index == 0) {
            response.status = 429;
            response.set_header("Retry-After", "3");
            response.set_content(R"({"error": {"message": "rate limited"}})", "application/json");
            return;
        }
        response.set_content(good_reply, "application/json");
    });
    recorded_waits waits;
    kolroi::chat_client client(loopback_options(server), waits.hooks());

    const auto reply = client.post("{}");
    CHECK(reply.status == 200);
    CHECK(reply.attempts == 2);
    CHECK(server.requests() == 2);
    CHECK(waits.waits == std::vector<milliseconds>{milliseconds(3000)});
}

TEST_CASE("500 then success: the client backs off initial_backoff, then succeeds") {
    loopback_server server([](const httplib::Request&, httplib::Response& response,
                              std::size_t index, loopback_server&) {
        response.status = index == 0 ? 500 : 200;
        response.set_content(index == 0 ? "internal error" : good_reply, "application/json");
    });
    recorded_waits waits;
    kolroi::chat_client client(loopback_options(server), waits.hooks());

    const auto reply = client.post("{}");
    CHECK(reply.status == 200);
    CHECK(reply.body == good_reply);
    CHECK(server.requests() == 2);
    CHECK(waits.waits == std::vector<milliseconds>{milliseconds(100)});
}

TEST_CASE("500 always: the client gives up after max_attempts, backing off 100, 200, 400 ms") {
    loopback_server server(
        kolroi::test::always(500, R"({"error": {"message": "CUDA out of memory"}})"));
    auto options = loopback_options(server);
    options.max_attempts = 4;
    recorded_waits waits;
    kolroi::chat_client client(options, waits.hooks());

    const std::string message = failure_of(client);
    CHECK(message == "chat_client: POST " + server.endpoint() +
                         "/v1/chat/completions: server answered 500: 'CUDA out of memory'; gave "
                         "up after 4 attempts");
    CHECK(server.requests() == 4);
    CHECK(waits.waits ==
          std::vector<milliseconds>{milliseconds(100), milliseconds(200), milliseconds(400)});
}

TEST_CASE("a 4xx other than 429 is returned at once, never retried") {
    for (const int status : {400, 401, 404, 422}) {
        CAPTURE(status);
        loopback_server server(kolroi::test::always(status, R"({"error": {"message": "no"}})"));
        recorded_waits waits;
        kolroi::chat_client client(loopback_options(server), waits.hooks());
        const auto reply = client.post("{}");
        CHECK(reply.status == status);
        CHECK(reply.attempts == 1);
        CHECK(server.requests() == 1);
        CHECK(waits.waits.empty());
        CHECK(client.describe_status(reply) == "POST " + server.endpoint() +
                                                   "/v1/chat/completions: server answered " +
                                                   std::to_string(status) + ": 'no'");
    }
}

TEST_CASE("a Retry-After beyond max_retry_after ends the call at once") {
    loopback_server server(
        [](const httplib::Request&, httplib::Response& response, std::size_t, loopback_server&) {
            response.status = 503;
            response.set_header("Retry-After", "86400");
        });
    auto options = loopback_options(server);
    options.max_retry_after = milliseconds(60'000);
    recorded_waits waits;
    kolroi::chat_client client(options, waits.hooks());

    const std::string message = failure_of(client);
    CHECK(message.ends_with("server answered 503; server asked to retry after 86400000 ms, "
                            "beyond max_retry_after 60000 ms"));
    CHECK(server.requests() == 1);
    CHECK(waits.waits.empty());
}

TEST_CASE("no server listening: every attempt fails to connect, then the call fails") {
    int closed_port = 0;
    {
        loopback_server gone(kolroi::test::always(200, good_reply));
        closed_port = gone.port();
    }
    kolroi::llm_options options;
    options.endpoint = "http://127.0.0.1:" + std::to_string(closed_port);
    options.max_attempts = 2;
    options.initial_backoff = milliseconds(1);
    options = kolroi::resolve_llm_options(options, [](const std::string&) { return std::nullopt; });
    recorded_waits waits;
    kolroi::chat_client client(options, waits.hooks());

    const std::string message = failure_of(client);
    CHECK(message.find("could not connect (refused, unreachable or silent past connect_timeout "
                       "5000 ms)") != std::string::npos);
    CHECK(message.ends_with("gave up after 2 attempts"));
    CHECK(client.requests_sent() == 2);
}

TEST_CASE("a server that echoes the key cannot carry it into the error message") {
    loopback_server server([](const httplib::Request& request, httplib::Response& response,
                              std::size_t, loopback_server&) {
        response.status = 401;
        response.set_content("invalid credentials: " + request.get_header_value("Authorization"),
                             "text/plain");
    });
    kolroi::chat_client client(loopback_options(server));
    const auto reply = client.post("{}");
    REQUIRE(reply.status == 401);
    const std::string message = client.describe_status(reply);
    CHECK(message.find("sk-test-4f8a2c") == std::string::npos);
    CHECK(message.ends_with("server answered 401: 'invalid credentials: Bearer [redacted]'"));

    SUBCASE("the same for a retried status") {
        loopback_server failing([](const httplib::Request& request, httplib::Response& response,
                                   std::size_t, loopback_server&) {
            response.status = 502;
            response.set_content(R"({"error": {"message": "upstream refused )" +
                                     request.get_header_value("Authorization") + R"("}})",
                                 "application/json");
        });
        recorded_waits waits; // outlives the client, whose sleep hook points to it
        kolroi::chat_client retried(loopback_options(failing), waits.hooks());
        const std::string failure = failure_of(retried);
        CHECK(failure.find("sk-test-4f8a2c") == std::string::npos);
        CHECK(failure.find("upstream refused Bearer [redacted]") != std::string::npos);
    }
}

TEST_CASE("no more than max_in_flight requests are on the wire at once") {
    // The first request waits (at most 5 s) until a second one is in flight, so a working bound
    // of 2 shows up as exactly 2; the others hold briefly to give a broken bound the chance to
    // let a third one in.
    loopback_server server([](const httplib::Request&, httplib::Response& response,
                              std::size_t index, loopback_server& self) {
        if (index == 0) {
            self.wait_until(milliseconds(5000), [&] { return self.in_flight() >= 2; });
        } else {
            std::this_thread::sleep_for(milliseconds(20));
        }
        response.set_content(good_reply, "application/json");
    });
    auto options = loopback_options(server);
    options.max_in_flight = 2;
    kolroi::chat_client client(options);

    std::vector<std::thread> callers;
    for (int i = 0; i < 8; ++i) {
        callers.emplace_back([&client] { (void)client.post("{}"); });
    }
    for (auto& caller : callers) {
        caller.join();
    }
    CHECK(server.requests() == 8);
    CHECK(server.max_in_flight() == 2);
}

#ifdef CPPHTTPLIB_OPENSSL_SUPPORT
TEST_CASE("an https endpoint speaks TLS: a plain-HTTP server on the port fails the handshake") {
    loopback_server server(kolroi::test::always(200, good_reply));
    auto options = loopback_options(server);
    options.endpoint = "https://127.0.0.1:" + std::to_string(server.port());
    options.max_attempts = 1;
    kolroi::chat_client client(options);
    const std::string message = failure_of(client);
    CHECK(message.find("TLS failed") != std::string::npos);
}
#endif
