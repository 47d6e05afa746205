// Tests of kolroi/llm/llm_options.hpp: options from the caller, the environment and the
// defaults, their checks, and the endpoint's parts.
#include "kolroi/llm/llm_options.hpp"

#include "test_support.hpp"

#include <cstdlib>
#include <map>
#include <string>

namespace {

kolroi::environment_lookup fake_environment(std::map<std::string, std::string> values) {
    return [values = std::move(values)](const std::string& name) -> std::optional<std::string> {
        const auto found = values.find(name);
        if (found == values.end()) {
            return std::nullopt;
        }
        return found->second;
    };
}

std::string message_of(const kolroi::llm_options& options) {
    try {
        (void)kolroi::resolve_llm_options(options, fake_environment({}));
    } catch (const kolroi::error& e) {
        CHECK(e.kind() == kolroi::error_kind::invalid_argument);
        return e.what();
    }
    FAIL("resolve_llm_options accepted options it should refuse");
    return {};
}

} // namespace

TEST_CASE("resolve_llm_options fills empty fields from the defaults") {
    const auto resolved = kolroi::resolve_llm_options({}, fake_environment({}));
    CHECK(resolved.endpoint == "http://127.0.0.1:8000");
    CHECK(resolved.model == "Qwen/Qwen2.5-7B-Instruct");
    CHECK(resolved.api_key.empty());
    CHECK(resolved.format == kolroi::response_format_mode::json_schema);
}

TEST_CASE("resolve_llm_options takes the environment when the caller left a field empty") {
    const auto environment = fake_environment({{"KOLROI_LLM_ENDPOINT", "http://10.0.0.5:8080"},
                                               {"KOLROI_LLM_MODEL", "qwen2.5-7b-instruct-q4"},
                                               {"KOLROI_LLM_API_KEY", "sk-env"}});
    const auto from_environment = kolroi::resolve_llm_options({}, environment);
    CHECK(from_environment.endpoint == "http://10.0.0.5:8080");
    CHECK(from_environment.model == "qwen2.5-7b-instruct-q4");
    CHECK(from_environment.api_key == "sk-env");

    SUBCASE("the caller's values win") {
        kolroi::llm_options given;
        given.endpoint = "http://127.0.0.1:11434";
        given.model = "qwen2.5:7b-instruct";
        given.api_key = "sk-given";
        const auto resolved = kolroi::resolve_llm_options(given, environment);
        CHECK(resolved.endpoint == "http://127.0.0.1:11434");
        CHECK(resolved.model == "qwen2.5:7b-instruct");
        CHECK(resolved.api_key == "sk-given");
    }
    SUBCASE("an empty variable counts as unset") {
        const auto resolved =
            kolroi::resolve_llm_options({}, fake_environment({{"KOLROI_LLM_MODEL", ""}}));
        CHECK(resolved.model == "Qwen/Qwen2.5-7B-Instruct");
    }
}

TEST_CASE("resolve_llm_options reads the process environment by default") {
    ::setenv("KOLROI_LLM_MODEL", "model-from-process", 1);
    const auto resolved = kolroi::resolve_llm_options({});
    ::unsetenv("KOLROI_LLM_MODEL");
    CHECK(resolved.model == "model-from-process");
}

TEST_CASE("resolve_llm_options refuses values it cannot use, naming the option and the value") {
    kolroi::llm_options options;
    options.read_timeout = std::chrono::milliseconds(0);
    CHECK(message_of(options) == "resolve_llm_options: read_timeout must be positive, got 0 ms");

    options = {};
    options.max_attempts = 0;
    CHECK(message_of(options) == "resolve_llm_options: max_attempts must be at least 1, got 0");

    options = {};
    options.max_in_flight = 0;
    CHECK(message_of(options) == "resolve_llm_options: max_in_flight must be at least 1, got 0");

    options = {};
    options.initial_backoff = std::chrono::milliseconds(2000);
    options.max_backoff = std::chrono::milliseconds(1000);
    CHECK(message_of(options) ==
          "resolve_llm_options: max_backoff 1000 ms is shorter than initial_backoff 2000 ms");

    options = {};
    options.endpoint = "ftp://127.0.0.1:8000";
    CHECK(message_of(options) ==
          "parse_llm_endpoint: the scheme must be http or https, got 'ftp://127.0.0.1:8000'");
}

TEST_CASE("an endpoint with a password in it is refused without repeating the password") {
    kolroi::llm_options options;
    options.endpoint = "http://user:hunter2@127.0.0.1:8000";
    const std::string message = message_of(options);
    CHECK(message.find("user information") != std::string::npos);
    CHECK(message.find("hunter2") == std::string::npos);
}

TEST_CASE("parse_llm_endpoint splits scheme, host, port and path prefix") {
    const auto vllm = kolroi::parse_llm_endpoint("http://127.0.0.1:8000");
    CHECK(vllm.scheme == "http");
    CHECK(vllm.host == "127.0.0.1");
    CHECK(vllm.port == 8000);
    CHECK(vllm.chat_path() == "/v1/chat/completions");

    SUBCASE("the scheme's port is the default") {
        CHECK(kolroi::parse_llm_endpoint("http://gpu-box").port == 80);
        CHECK(kolroi::parse_llm_endpoint("https://api.example.com").port == 443);
    }
    SUBCASE("a path prefix is kept and a trailing /v1 is not doubled") {
        CHECK(kolroi::parse_llm_endpoint("http://h:1/proxy/").chat_path() ==
              "/proxy/v1/chat/completions");
        CHECK(kolroi::parse_llm_endpoint("http://h:1/v1").chat_path() == "/v1/chat/completions");
        CHECK(kolroi::parse_llm_endpoint("http://h:1/openai/v1/").chat_path() ==
              "/openai/v1/chat/completions");
    }
    SUBCASE("an IPv6 literal keeps its colons") {
        const auto v6 = kolroi::parse_llm_endpoint("http://[::1]:8080");
        CHECK(v6.host == "::1");
        CHECK(v6.port == 8080);
    }
    SUBCASE("bad ports, empty hosts and queries are refused") {
        CHECK_THROWS_WITH_AS(kolroi::parse_llm_endpoint("http://h:0"),
                             "parse_llm_endpoint: port '0' of 'http://h:0' is not a number in "
                             "1..65535",
                             kolroi::error);
        CHECK_THROWS_AS(kolroi::parse_llm_endpoint("http://h:65536"), kolroi::error);
        CHECK_THROWS_AS(kolroi::parse_llm_endpoint("http://h:80x"), kolroi::error);
        CHECK_THROWS_AS(kolroi::parse_llm_endpoint("http://:8000"), kolroi::error);
        CHECK_THROWS_AS(kolroi::parse_llm_endpoint("http://h:1/?x=1"), kolroi::error);
        CHECK_THROWS_AS(kolroi::parse_llm_endpoint("127.0.0.1:8000"), kolroi::error);
    }
}
