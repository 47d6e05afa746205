// Fuzz target: ISO 8601 parsing. A moment that parses is within the years 0000..9999 shifted by
// at most a day and an offset, its formatted form parses back to it, and parsing with
// missing_offset::reject either gives the same moment or refuses.
#include "fuzz_support.hpp"

#include "kolroi/io/iso8601.hpp"

#include <cstddef>
#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using kolroi::fuzz::require;
    if (size > 256) {
        return 0; // a date-time is short; long inputs only repeat the trailing-text rule
    }
    const auto text = kolroi::fuzz::as_text(data, size);
    const kolroi::input_location where{"t.csv", 2, "time"};
    kolroi::timestamp moment = 0;
    if (!kolroi::fuzz::run_reader("t.csv", [&] { moment = kolroi::parse_iso8601(text, where); })) {
        return 0;
    }

    // 0000-01-01T00:00 less an offset of 23:59, to 9999-12-31T24:00 plus one.
    constexpr kolroi::timestamp earliest = -62167219200 - 86400;
    constexpr kolroi::timestamp latest = 253402300800 + 86400;
    require(moment >= earliest && moment <= latest, "a moment outside the years 0000..9999");

    const std::string formatted = kolroi::format_iso8601(moment);
    kolroi::timestamp again = 0;
    require(kolroi::fuzz::run_reader("t.csv",
                                     [&] { again = kolroi::parse_iso8601(formatted, where); }) ||
                moment < -62167219200 || moment >= 253402300800,
            "the formatted moment '" + formatted + "' does not parse");
    if (moment >= -62167219200 && moment < 253402300800) {
        require(again == moment, "'" + formatted + "' parses to another moment");
    }

    kolroi::iso8601_options strict;
    strict.when_missing = kolroi::missing_offset::reject;
    kolroi::timestamp strict_moment = 0;
    if (kolroi::fuzz::run_reader(
            "t.csv", [&] { strict_moment = kolroi::parse_iso8601(text, where, strict); })) {
        require(strict_moment == moment, "rejecting a missing offset changed the moment");
    }
    return 0;
}
