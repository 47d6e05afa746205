// Tests for kolroi/io/path_string.hpp (case R7).
#include "kolroi/io/path_string.hpp"

#include "test_support.hpp"

#include <string>
#include <string_view>
#include <vector>

using names = std::vector<std::string_view>;

TEST_CASE("the separator is the whole string and only name edges are trimmed") {
    CHECK(kolroi::split_path("Organic Search > IG Story") == names{"Organic Search", "IG Story"});
    CHECK(kolroi::split_path("a>b", ">") == names{"a", "b"});
    CHECK(kolroi::split_path("a >> b", ">>") == names{"a", "b"});
    // A name may hold the separator's first byte; only the whole separator splits.
    CHECK(kolroi::split_path("a-b -> c-", "->") == names{"a-b", "c-"});
    CHECK(kolroi::split_path("x>", ">>") == names{"x>"});
}

TEST_CASE("a UTF-8 separator and UTF-8 names split correctly") {
    CHECK(kolroi::split_path("Influencer\xE2\x80\x99s post \xE2\x86\x92 Email", "\xE2\x86\x92") ==
          names{"Influencer\xE2\x80\x99s post", "Email"});
}

TEST_CASE("an empty path is a path with no touch") {
    CHECK(kolroi::split_path("").empty());
    CHECK(kolroi::split_path("   ").empty());
}

TEST_CASE("an empty name between separators is rejected as ambiguous") {
    CHECK_THROWS_AS((void)kolroi::split_path("a > > b"), kolroi::error);
    CHECK_THROWS_AS((void)kolroi::split_path("a > "), kolroi::error);
    CHECK_THROWS_AS((void)kolroi::split_path("> a"), kolroi::error);
}

TEST_CASE("invalid UTF-8 in a name is rejected") {
    CHECK_THROWS_AS((void)kolroi::split_path("caf\xE9 > b"), kolroi::error);
}

TEST_CASE("joining refuses a name that contains the separator") {
    const names ok = {"Email", "IG Story"};
    CHECK(kolroi::join_path(ok) == "Email > IG Story");
    const names ambiguous = {"Search > Brand", "Email"};
    CHECK_THROWS_AS((void)kolroi::join_path(ambiguous), kolroi::error);
    const names padded = {" Email"};
    CHECK_THROWS_AS((void)kolroi::join_path(padded), kolroi::error);
}

TEST_CASE("split and join round-trip") {
    const std::string path = "A > B c > D";
    CHECK(kolroi::join_path(kolroi::split_path(path)) == path);
}
