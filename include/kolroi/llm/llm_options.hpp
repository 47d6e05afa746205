// kolroi/llm/llm_options.hpp: where the language model is served and how it is asked.
//
// `llm_options` names an OpenAI-compatible chat-completions server (vLLM, llama.cpp's
// llama-server, Ollama), the model, the API key, the timeouts, the retry schedule and the bound
// on requests in flight. `resolve_llm_options` fills what the caller left empty from the
// environment (KOLROI_LLM_ENDPOINT, KOLROI_LLM_MODEL, KOLROI_LLM_API_KEY), then from the
// defaults (http://127.0.0.1:8000, Qwen/Qwen2.5-7B-Instruct), and checks every value.
// `parse_llm_endpoint` splits an endpoint into scheme, host, port and path prefix.
//
// The API key is a secret: nothing in kolroi puts it into a message, a diagnostic or a file.
#pragma once

#include "kolroi/core/error.hpp"

#include <chrono>
#include <cstddef>
#include <cstdlib>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace kolroi {

/// The model kolroi documents and tests its prompt against.
inline constexpr std::string_view default_llm_model = "Qwen/Qwen2.5-7B-Instruct";

/// vLLM's default address; llama-server listens on 8080 and Ollama on 11434 unless told.
inline constexpr std::string_view default_llm_endpoint = "http://127.0.0.1:8000";

/// How the request constrains the reply (`response_format` of the chat-completions request).
enum class response_format_mode {
    json_schema, ///< the reply must follow the prompt's JSON schema (vLLM, llama-server, Ollama)
    json_object, ///< the reply must be a JSON object; the schema is checked only by kolroi
};

/// Where the model is served and how it is asked. Empty strings are filled by
/// `resolve_llm_options`.
struct llm_options {
    /// The server's root, "http://host:port" with an optional path prefix; the request goes to
    /// {endpoint}/v1/chat/completions (a trailing "/v1" is not doubled).
    std::string endpoint;
    std::string model;
    /// Sent as "Authorization: Bearer <key>" when not empty; never shown anywhere.
    std::string api_key;

    response_format_mode format = response_format_mode::json_schema;
    /// When a json_schema request is rejected with 400 or 422, ask again with json_object and
    /// keep doing so for the rest of the source's life.
    bool fall_back_to_json_object = true;

    /// What the store sells, given to the model as data for brand_fit; may be empty.
    std::string store_description;
    /// The newest captions of a profile that the model reads beside the bio.
    std::size_t max_captions = 10;

    std::chrono::milliseconds connect_timeout{5'000};
    /// The longest wait for the server to send the next bytes of its reply.
    std::chrono::milliseconds read_timeout{120'000};

    /// Attempts per request, the first included; retried on 429, 5xx and transport failures.
    std::size_t max_attempts = 4;
    /// The wait before the second attempt; each later wait doubles, up to max_backoff.
    std::chrono::milliseconds initial_backoff{500};
    std::chrono::milliseconds max_backoff{30'000};
    /// The longest Retry-After the client honours; a server that asks for more fails the call.
    std::chrono::milliseconds max_retry_after{120'000};

    /// Requests in flight at once, across every caller of one source.
    std::size_t max_in_flight = 4;
    /// Threads that score a batch of profiles.
    std::size_t workers = 4;
    /// The reply's token budget; four numbers need far fewer.
    std::size_t max_tokens = 200;
};

/// Reads one environment variable; nothing when it is unset.
using environment_lookup = std::function<std::optional<std::string>(const std::string& name)>;

/// The process environment.
inline std::optional<std::string> process_environment(const std::string& name) {
    const char* value = std::getenv(name.c_str());
    if (value == nullptr) {
        return std::nullopt;
    }
    return std::string(value);
}

/// An endpoint split into the parts a connection needs.
struct llm_endpoint {
    std::string scheme; ///< "http" or "https"
    std::string host;
    int port = 0;
    std::string path_prefix; ///< "" or "/prefix", without a trailing slash or "/v1"

    /// The path the chat-completions request is posted to.
    [[nodiscard]] std::string chat_path() const { return path_prefix + "/v1/chat/completions"; }

    /// "scheme://host:port/path" for messages; it never holds a key.
    [[nodiscard]] std::string describe() const {
        return scheme + "://" + host + ":" + std::to_string(port) + chat_path();
    }
};

namespace detail::llm {

inline std::string duration_text(std::chrono::milliseconds value) {
    return std::to_string(value.count()) + " ms";
}

/// The port written after a colon, or the scheme's default.
inline int parse_port(std::string_view text, std::string_view endpoint, bool https) {
    if (text.empty()) {
        return https ? 443 : 80;
    }
    int port = 0;
    for (const char c : text) {
        if (c < '0' || c > '9' || port > 65535) {
            port = -1;
            break;
        }
        port = port * 10 + (c - '0');
    }
    if (port < 1 || port > 65535) {
        throw error(error_kind::invalid_argument, "parse_llm_endpoint: port '" + std::string(text) +
                                                      "' of '" + std::string(endpoint) +
                                                      "' is not a number in 1..65535");
    }
    return port;
}

} // namespace detail::llm

/// Splits "http://host:port/prefix" into its parts. Throws kolroi::error (invalid_argument)
/// for another scheme, an empty host, user information ("user:pass@", which could hold a
/// secret and is not supported), a query or a bad port.
inline llm_endpoint parse_llm_endpoint(std::string_view endpoint) {
    const auto fail = [&](const std::string& rule) {
        return error(error_kind::invalid_argument,
                     "parse_llm_endpoint: " + rule + ", got '" + std::string(endpoint) + "'");
    };

    llm_endpoint parts;
    const auto scheme_end = endpoint.find("://");
    if (scheme_end == std::string_view::npos) {
        throw fail("an endpoint starts with http:// or https://");
    }
    parts.scheme = std::string(endpoint.substr(0, scheme_end));
    if (parts.scheme != "http" && parts.scheme != "https") {
        throw fail("the scheme must be http or https");
    }
    std::string_view rest = endpoint.substr(scheme_end + 3);
    if (rest.find('@') != std::string_view::npos) {
        // Not echoed: the text before '@' may be a password.
        throw error(error_kind::invalid_argument,
                    "parse_llm_endpoint: user information before '@' is not supported; pass "
                    "the key as api_key or KOLROI_LLM_API_KEY");
    }
    if (rest.find_first_of("?#") != std::string_view::npos) {
        throw fail("an endpoint has no query or fragment");
    }

    const auto path_start = rest.find('/');
    const std::string_view authority = rest.substr(0, path_start);
    std::string_view path =
        path_start == std::string_view::npos ? std::string_view{} : rest.substr(path_start);

    // A bracketed IPv6 literal keeps its colons; the port follows the bracket.
    std::size_t port_colon = std::string_view::npos;
    if (!authority.empty() && authority.front() == '[') {
        const auto close = authority.find(']');
        if (close == std::string_view::npos) {
            throw fail("an IPv6 host needs its closing ']'");
        }
        parts.host = std::string(authority.substr(1, close - 1));
        if (close + 1 < authority.size()) {
            if (authority[close + 1] != ':') {
                throw fail("only ':port' may follow an IPv6 host");
            }
            port_colon = close + 1;
        }
    } else {
        port_colon = authority.find(':');
        parts.host = std::string(authority.substr(0, port_colon));
    }
    if (parts.host.empty()) {
        throw fail("an endpoint names a host");
    }
    const std::string_view port_text = port_colon == std::string_view::npos
                                           ? std::string_view{}
                                           : authority.substr(port_colon + 1);
    parts.port = detail::llm::parse_port(port_text, endpoint, parts.scheme == "https");

    // Many clients take a base URL ending in /v1; accept it without doubling it.
    while (!path.empty() && path.back() == '/') {
        path.remove_suffix(1);
    }
    if (path.size() >= 3 && path.substr(path.size() - 3) == "/v1") {
        path.remove_suffix(3);
    }
    parts.path_prefix = std::string(path);
    return parts;
}

/// `given` with its empty endpoint, model and key taken from the environment, then from the
/// defaults, every value checked. Throws kolroi::error (invalid_argument) naming the option,
/// the rule and the value (never the key's value).
inline llm_options
resolve_llm_options(llm_options given,
                    const environment_lookup& environment = process_environment) {
    const auto fill = [&](std::string& value, const char* variable, std::string_view fallback) {
        if (!value.empty()) {
            return;
        }
        if (auto found = environment(variable); found && !found->empty()) {
            value = std::move(*found);
            return;
        }
        value = std::string(fallback);
    };
    fill(given.endpoint, "KOLROI_LLM_ENDPOINT", default_llm_endpoint);
    fill(given.model, "KOLROI_LLM_MODEL", default_llm_model);
    fill(given.api_key, "KOLROI_LLM_API_KEY", "");

    (void)parse_llm_endpoint(given.endpoint);

    const auto positive = [](std::chrono::milliseconds value, const char* name) {
        if (value.count() <= 0) {
            throw error(error_kind::invalid_argument, std::string("resolve_llm_options: ") + name +
                                                          " must be positive, got " +
                                                          detail::llm::duration_text(value));
        }
    };
    positive(given.connect_timeout, "connect_timeout");
    positive(given.read_timeout, "read_timeout");
    positive(given.initial_backoff, "initial_backoff");
    if (given.max_backoff < given.initial_backoff) {
        throw error(error_kind::invalid_argument,
                    "resolve_llm_options: max_backoff " +
                        detail::llm::duration_text(given.max_backoff) +
                        " is shorter than initial_backoff " +
                        detail::llm::duration_text(given.initial_backoff));
    }
    if (given.max_retry_after.count() < 0) {
        throw error(error_kind::invalid_argument,
                    "resolve_llm_options: max_retry_after must be >= 0, got " +
                        detail::llm::duration_text(given.max_retry_after));
    }

    const auto at_least_one = [](std::size_t value, const char* name) {
        if (value == 0) {
            throw error(error_kind::invalid_argument,
                        std::string("resolve_llm_options: ") + name + " must be at least 1, got 0");
        }
    };
    at_least_one(given.max_attempts, "max_attempts");
    at_least_one(given.max_in_flight, "max_in_flight");
    at_least_one(given.workers, "workers");
    at_least_one(given.max_tokens, "max_tokens");
    return given;
}

} // namespace kolroi
