// Tests of the sample store generator: the bundled files are exactly what it writes.
#include "kolroi/io/file.hpp"

#include "test_support.hpp"

#include <filesystem>
#include <string>

TEST_CASE("the bundled sample store is what the seeded generator writes, byte for byte") {
    const auto folder = std::filesystem::temp_directory_path() / "kolroi_sample_store_test";
    std::filesystem::remove_all(folder);
    const auto run = kolroi::test::run_program(std::string("'") + KOLROI_SAMPLE_STORE_PATH + "' '" +
                                               folder.string() + "'");
    REQUIRE(run.exit_code == 0);
    for (const char* name :
         {"orders.csv", "touchpoints.csv", "kols.csv", "contracts.csv", "rates.csv", "truth.csv"}) {
        CAPTURE(name);
        const auto bundled = kolroi::test::example_file(std::string("data/sample_store/") + name);
        CHECK(kolroi::read_file(folder / name) == kolroi::read_file(bundled));
    }
    std::filesystem::remove_all(folder);
}

TEST_CASE("the bundled history and KOL profiles are what the history generator writes") {
    const auto folder = std::filesystem::temp_directory_path() / "kolroi_sample_history_test";
    std::filesystem::remove_all(folder);
    const auto run = kolroi::test::run_program(std::string("'") + KOLROI_HISTORY_GENERATOR_PATH +
                                               "' '" + folder.string() + "'");
    REQUIRE(run.exit_code == 0);
    for (const char* name : {"history.csv", "kol_profiles.csv"}) {
        CAPTURE(name);
        const auto bundled = kolroi::test::example_file(std::string("data/sample_store/") + name);
        CHECK(kolroi::read_file(folder / name) == kolroi::read_file(bundled));
    }
    std::filesystem::remove_all(folder);
}
