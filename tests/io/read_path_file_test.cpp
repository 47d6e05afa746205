// Tests for kolroi/io/read_path_file.hpp.
#include "kolroi/io/read_path_file.hpp"

#include "test_support.hpp"

TEST_CASE("the format is told from the header") {
    CHECK(kolroi::read_path_file(kolroi::test::test_data("paths/ga4_small.csv")).format == "ga4");
    CHECK(kolroi::read_path_file(kolroi::test::test_data("paths/worked_cases.csv")).format ==
          "channel_attribution");
    CHECK_THROWS_AS((void)kolroi::read_path_text("a,b\n1,2\n", "x.csv"), kolroi::error);
}

TEST_CASE("a file that does not exist is an io error naming it") {
    try {
        (void)kolroi::read_path_file("no/such/file.csv");
        FAIL("expected an error");
    } catch (const kolroi::error& e) {
        CHECK(e.kind() == kolroi::error_kind::io_error);
        CHECK(e.where().file == "no/such/file.csv");
    }
}
