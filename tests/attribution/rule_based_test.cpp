// Tests for kolroi/attribution/rule_based.hpp: models chosen by name.
#include "kolroi/attribution/rule_based.hpp"

#include "test_support.hpp"

#include <string>

using kolroi::test::make_paths;

TEST_CASE("every listed model can be built by its name and keeps it") {
    const auto store = make_paths({{"Direct > A", 1, 0, 1}});
    for (const auto name : kolroi::rule_based_model_names) {
        const auto policy = kolroi::make_rule_based_policy(name, store.channels());
        CHECK(kolroi::name_of(policy) == name);
    }
}

TEST_CASE("an unknown model name is an error that lists the models") {
    kolroi::channel_registry registry;
    try {
        (void)kolroi::make_rule_based_policy("lineer", registry);
        FAIL("expected an error");
    } catch (const kolroi::error& e) {
        CHECK(std::string(e.what()).find("lineer") != std::string::npos);
        CHECK(std::string(e.what()).find("position_based") != std::string::npos);
    }
}

TEST_CASE("time decay is not supported on untimed paths, the others are") {
    const auto store = make_paths({{"A > B", 1, 0, 1}});
    for (const auto name : kolroi::rule_based_model_names) {
        const auto policy = kolroi::make_rule_based_policy(name, store.channels());
        CHECK(kolroi::supports(store, policy) == (name != "time_decay"));
    }
}

TEST_CASE("options reach the models") {
    const auto store = make_paths({{"A > B", 1, 0, 100}});
    kolroi::rule_based_options options;
    options.first_weight = 0.3;
    options.last_weight = 0.7;
    const auto credits = kolroi::attribute(
        store, kolroi::make_rule_based_policy("position_based", store.channels(), options));
    CHECK(credits.of(store.channels(), "B").value == doctest::Approx(70.0));
}
