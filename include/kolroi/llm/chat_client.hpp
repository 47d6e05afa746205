// kolroi/llm/chat_client.hpp: POST {endpoint}/v1/chat/completions over HTTP with cpp-httplib,
// with timeouts, retries and a bound on requests in flight.
//
// `chat_client::post` sends one request body and returns the server's reply once it has a
// status that retrying cannot change: a 2xx, or a 4xx other than 429. It retries 429, 5xx and
// transport failures (no connection, connect or read timeout) on the schedule of
// kolroi/llm/retry_policy.hpp, and throws kolroi::error (remote_error) when the attempts run out.
// A counting semaphore bounds the attempts in flight across every thread that shares a client;
// a request waiting out its backoff holds no slot.
//
// https endpoints need an httplib built with OpenSSL (CPPHTTPLIB_OPENSSL_SUPPORT, which Debian's
// libcpp-httplib is and which kolroi::llm then defines); without it an https endpoint is refused
// with error_kind::unsupported. Certificates are verified against the system's store.
//
// This is the only kolroi header that includes <httplib.h>: link kolroi::llm to use it.
#pragma once

#include "kolroi/core/error.hpp"
#include "kolroi/io/text.hpp"
#include "kolroi/llm/llm_options.hpp"
#include "kolroi/llm/profile_scores.hpp"
#include "kolroi/llm/retry_policy.hpp"

#include <httplib.h>

// httplib includes <resolv.h>, whose `_res` macro (the old global resolver state) rewrites every
// later identifier of that name, among them parameters of Eigen's matrix products; nothing in
// kolroi or httplib's header uses it, so it goes.
#ifdef _res
#undef _res
#endif

#include <atomic>
#include <chrono>
#include <cstddef>
#include <memory>
#include <semaphore>
#include <string>
#include <string_view>
#include <utility>

namespace kolroi {

/// A reply whose status retrying cannot change.
struct chat_reply {
    int status = 0;
    std::string body;
    std::size_t attempts = 0; ///< requests sent for it, the first included
};

namespace detail::llm {

/// `text` with every occurrence of `secret` replaced, so that a server that echoes the
/// Authorization header cannot carry the key into a message.
inline std::string redact(std::string text, const std::string& secret) {
    if (secret.empty()) {
        return text;
    }
    for (auto at = text.find(secret); at != std::string::npos; at = text.find(secret, at)) {
        text.replace(at, secret.size(), "[redacted]");
    }
    return text;
}

/// Why a transport attempt failed, in words that say which timeout applied.
inline std::string transport_failure(httplib::Error failure, const llm_options& options) {
    switch (failure) {
    case httplib::Error::Connection:
    case httplib::Error::ConnectionTimeout:
        return "could not connect (refused, unreachable or silent past connect_timeout " +
               duration_text(options.connect_timeout) + ")";
    case httplib::Error::Read:
        return "no complete reply within read_timeout " + duration_text(options.read_timeout) +
               " (or the connection was closed)";
    case httplib::Error::Write:
        return "sending the request failed";
    case httplib::Error::SSLConnection:
    case httplib::Error::SSLLoadingCerts:
    case httplib::Error::SSLServerVerification:
        return "TLS failed (" + httplib::to_string(failure) + ")";
    default:
        return "HTTP client failed (" + httplib::to_string(failure) + ")";
    }
}

/// One attempt's result: a reply, or the transport failure.
struct attempt_result {
    std::optional<chat_reply> reply;
    std::string retry_after;
    std::string failure;
};

} // namespace detail::llm

/// Sends chat-completions requests to one endpoint. Thread-safe: each attempt opens its own
/// connection, and the semaphore is shared by every caller.
class chat_client {
public:
    /// `options` should come from `resolve_llm_options`; the endpoint is checked here. Throws
    /// kolroi::error (unsupported) for https when httplib has no TLS.
    explicit chat_client(llm_options options, retry_hooks hooks = {})
        : m_options(std::move(options))
        , m_endpoint(parse_llm_endpoint(m_options.endpoint))
        , m_hooks(std::move(hooks))
        , m_slots(std::make_unique<std::counting_semaphore<>>(
              static_cast<std::ptrdiff_t>(m_options.max_in_flight))) {
#ifndef CPPHTTPLIB_OPENSSL_SUPPORT
        if (m_endpoint.scheme == "https") {
            throw error(error_kind::unsupported,
                        "chat_client: endpoint " + m_endpoint.describe() +
                            " is https but httplib was built without OpenSSL "
                            "(CPPHTTPLIB_OPENSSL_SUPPORT); use an http endpoint on loopback or "
                            "an httplib with TLS");
        }
#endif
    }

    [[nodiscard]] const llm_options& options() const noexcept {
        return m_options;
    }
    [[nodiscard]] const llm_endpoint& endpoint() const noexcept {
        return m_endpoint;
    }

    /// Requests sent so far, retries included.
    [[nodiscard]] std::size_t requests_sent() const noexcept {
        return m_sent.load();
    }

    /// Posts `body` until the reply has a status that retrying cannot change, and returns it.
    /// Throws kolroi::error (remote_error) when 429, 5xx or transport failures outlast
    /// max_attempts, or the server asks to wait beyond max_retry_after.
    chat_reply post(const std::string& body) {
        for (std::size_t attempts = 1;; ++attempts) {
            auto result = attempt(body);
            if (result.reply && !retryable_status(result.reply->status)) {
                result.reply->attempts = attempts;
                return std::move(*result.reply);
            }

            const std::string failure = result.reply ? "server answered " +
                                                           std::to_string(result.reply->status) +
                                                           status_detail(result.reply->body)
                                                     : result.failure;
            const auto decision =
                next_retry(m_options, attempts, result.retry_after, m_hooks.now());
            if (!decision.retry) {
                throw error(error_kind::remote_error, "chat_client: POST " + m_endpoint.describe() +
                                                          ": " + failure + "; " + decision.why_not);
            }
            m_hooks.sleep(decision.wait);
        }
    }

    /// The message for a reply whose status is not 2xx, with the server's own words.
    [[nodiscard]] std::string describe_status(const chat_reply& reply) const {
        return "POST " + m_endpoint.describe() + ": server answered " +
               std::to_string(reply.status) + status_detail(reply.body);
    }

private:
    /// One request, holding a slot only while it is on the wire.
    detail::llm::attempt_result attempt(const std::string& body) {
        m_slots->acquire();
        struct release_slot {
            std::counting_semaphore<>* slots;
            ~release_slot() { slots->release(); }
        } guard{m_slots.get()};

        ++m_sent;
#ifdef CPPHTTPLIB_OPENSSL_SUPPORT
        if (m_endpoint.scheme == "https") {
            httplib::SSLClient client(m_endpoint.host, m_endpoint.port);
            client.enable_server_certificate_verification(true);
            return send(client, body);
        }
#endif
        httplib::ClientImpl client(m_endpoint.host, m_endpoint.port);
        return send(client, body);
    }

    detail::llm::attempt_result send(httplib::ClientImpl& client, const std::string& body) const {
        client.set_connection_timeout(m_options.connect_timeout);
        client.set_read_timeout(m_options.read_timeout);
        client.set_write_timeout(m_options.read_timeout);
        client.set_keep_alive(false);

        httplib::Headers headers = {{"Accept", "application/json"}};
        if (!m_options.api_key.empty()) {
            headers.emplace("Authorization", "Bearer " + m_options.api_key);
        }

        detail::llm::attempt_result result;
        auto response = client.Post(m_endpoint.chat_path(), headers, body, "application/json");
        if (!response) {
            result.failure = detail::llm::transport_failure(response.error(), m_options);
            return result;
        }
        result.retry_after = response->get_header_value("Retry-After");
        result.reply = chat_reply{response->status, std::move(response->body), 0};
        return result;
    }

    /// ": <the server's error message>" from an OpenAI-style error body, or an excerpt of the
    /// body, with the key redacted.
    [[nodiscard]] std::string status_detail(const std::string& body) const {
        std::string said;
        const auto parsed = nlohmann::json::parse(body, nullptr, false);
        if (!parsed.is_discarded() && parsed.is_object() && parsed.contains("error")) {
            const auto& err = parsed["error"];
            said = err.is_object() && err.contains("message") && err["message"].is_string()
                       ? err["message"].get<std::string>()
                       : err.dump();
        } else {
            said = kolroi::trim(body);
        }
        said = detail::llm::redact(std::move(said), m_options.api_key);
        return said.empty() ? std::string() : ": '" + detail::llm::excerpt(said) + "'";
    }

    llm_options m_options;
    llm_endpoint m_endpoint;
    retry_hooks m_hooks;
    std::unique_ptr<std::counting_semaphore<>> m_slots;
    std::atomic<std::size_t> m_sent{0};
};

} // namespace kolroi
