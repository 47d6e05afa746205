// Tests of kolroi/features/feature_source.hpp: the feature table and the checks fetch_features
// runs on a source's answer.
#include "kolroi/features/feature_source.hpp"

#include "test_support.hpp"

#include <cmath>
#include <limits>
#include <string>
#include <vector>

namespace {

kolroi::creator_profile profile(const std::string& id, std::string bio) {
    kolroi::creator_profile result;
    result.kol_id = id;
    result.platform = kolroi::platform::instagram;
    result.followers = 1000;
    result.bio = std::move(bio);
    return result;
}

/// Counts the words of the bio, and leaves a bio without words missing.
class word_count_source : public kolroi::feature_source {
public:
    [[nodiscard]] std::string name() const override { return "words"; }
    [[nodiscard]] std::vector<std::string> feature_names() const override { return {"bio_words"}; }
    [[nodiscard]] kolroi::feature_table
    features(std::span<const kolroi::creator_profile> profiles) override {
        ++calls;
        kolroi::feature_table table(feature_names(), profiles.size());
        for (std::size_t i = 0; i < profiles.size(); ++i) {
            std::size_t words = 0;
            bool in_word = false;
            for (const char c : profiles[i].bio) {
                const bool letter = c != ' ';
                words += letter && !in_word ? 1 : 0;
                in_word = letter;
            }
            if (words > 0) {
                table.set(i, 0, static_cast<double>(words));
            } else {
                table.notes().add("empty bio", "creator " + profiles[i].kol_id);
            }
        }
        return table;
    }
    int calls = 0;
};

/// A source that breaks its promise in the way the test asks.
class broken_source : public kolroi::feature_source {
public:
    enum class fault { short_rows, renamed, duplicate_names, empty_name, throws };
    explicit broken_source(fault f)
        : m_fault(f) {}

    [[nodiscard]] std::string name() const override { return "broken"; }
    [[nodiscard]] std::vector<std::string> feature_names() const override {
        if (m_fault == fault::duplicate_names) {
            return {"a", "b", "a"};
        }
        if (m_fault == fault::empty_name) {
            return {"a", ""};
        }
        return {"a", "b"};
    }
    [[nodiscard]] kolroi::feature_table
    features(std::span<const kolroi::creator_profile> profiles) override {
        switch (m_fault) {
        case fault::short_rows:
            return kolroi::feature_table({"a", "b"}, profiles.size() - 1);
        case fault::renamed:
            return kolroi::feature_table({"b", "a"}, profiles.size());
        case fault::throws:
            throw kolroi::error(kolroi::error_kind::remote_error, "broken: server said 503");
        default:
            return kolroi::feature_table(feature_names(), profiles.size());
        }
    }

private:
    fault m_fault;
};

std::string message_of(broken_source::fault f) {
    broken_source source(f);
    const std::vector<kolroi::creator_profile> profiles = {profile("a", ""), profile("b", "")};
    try {
        (void)kolroi::fetch_features(source, profiles);
    } catch (const kolroi::error& e) {
        return e.what();
    }
    return "no error";
}

} // namespace

TEST_CASE("a new feature table has every value missing and finds columns by name") {
    const kolroi::feature_table table({"x", "y"}, 3);
    CHECK(table.rows() == 3);
    CHECK(table.columns() == 2);
    for (std::size_t i = 0; i < 3; ++i) {
        CHECK_FALSE(table.at(i, 0).has_value());
        CHECK_FALSE(table.at(i, 1).has_value());
    }
    CHECK(table.column_of("y") == std::optional<std::size_t>(1));
    CHECK_FALSE(table.column_of("z").has_value());
}

TEST_CASE("a feature table keeps what is set and refuses cells outside it and NaN") {
    kolroi::feature_table table({"x", "y"}, 2);
    table.set(1, 0, 2.5);
    table.set(0, 1, -1.0);
    CHECK(table.at(1, 0) == std::optional<double>(2.5));
    CHECK(table.at(0, 1) == std::optional<double>(-1.0));
    CHECK_FALSE(table.at(0, 0).has_value());
    table.set(1, 0, std::nullopt);
    CHECK_FALSE(table.at(1, 0).has_value());

    CHECK_THROWS_WITH_AS(table.set(2, 0, 1.0),
                         "feature_table::set: cell (2, 0) is outside a table of 2 rows and 2 "
                         "columns",
                         kolroi::error);
    CHECK_THROWS_WITH_AS((void)table.at(0, 2), doctest::Contains("cell (0, 2)"), kolroi::error);
    CHECK_THROWS_WITH_AS(table.set(0, 0, std::numeric_limits<double>::quiet_NaN()),
                         "feature_table::set: feature 'x' of row 0 is nan; a value is finite or "
                         "missing",
                         kolroi::error);
    CHECK_THROWS_AS(table.set(0, 0, std::numeric_limits<double>::infinity()), kolroi::error);
}

TEST_CASE("fetch_features returns a conforming source's answer with its missing marks") {
    word_count_source source;
    const std::vector<kolroi::creator_profile> profiles = {
        profile("a", "honest reviews of skincare"), profile("b", ""), profile("c", "giveaway")};
    const kolroi::feature_table table = kolroi::fetch_features(source, profiles);
    CHECK(source.calls == 1);
    REQUIRE(table.rows() == 3);
    CHECK(table.at(0, 0) == std::optional<double>(4.0));
    CHECK_FALSE(table.at(1, 0).has_value());
    CHECK(table.at(2, 0) == std::optional<double>(1.0));
    CHECK(table.notes().count("empty bio") == 1);
}

TEST_CASE("fetch_features names the source and the broken promise") {
    using fault = broken_source::fault;
    CHECK(message_of(fault::short_rows) ==
          "fetch_features: source 'broken' answered 1 rows for 2 profiles");
    CHECK(message_of(fault::renamed) ==
          "fetch_features: source 'broken' promised 2 features but answered the columns [b, a]");
    CHECK(message_of(fault::duplicate_names) ==
          "fetch_features: source 'broken' names two features 'a' (columns 0 and 2)");
    CHECK(message_of(fault::empty_name) ==
          "fetch_features: source 'broken' names feature 1 with an empty name");
}

TEST_CASE("fetch_features lets the source's own error through unchanged") {
    broken_source source(broken_source::fault::throws);
    const std::vector<kolroi::creator_profile> profiles = {profile("a", "")};
    try {
        (void)kolroi::fetch_features(source, profiles);
        FAIL("no error");
    } catch (const kolroi::error& e) {
        CHECK(e.kind() == kolroi::error_kind::remote_error);
        CHECK(std::string(e.what()) == "broken: server said 503");
    }
}

TEST_CASE("an empty list of profiles gives an empty table with the promised names") {
    word_count_source source;
    const kolroi::feature_table table =
        kolroi::fetch_features(source, std::span<const kolroi::creator_profile>{});
    CHECK(table.rows() == 0);
    CHECK(table.names() == std::vector<std::string>{"bio_words"});
}
