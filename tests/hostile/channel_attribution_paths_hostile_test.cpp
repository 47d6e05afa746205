// Hostile input for kolroi/io/channel_attribution_paths.hpp: an empty channel name between two
// separators, numbers out of range, negative non-conversions and the wrong delimiter.
#include "hostile_support.hpp"

#include "kolroi/io/channel_attribution_paths.hpp"

#include <string>

using kolroi::error_kind;
using kolroi::test::check_throws;
using kolroi::test::hostile_file;

namespace {

void read(const std::string& name) {
    (void)kolroi::read_channel_attribution_paths(hostile_file(name), name);
}

} // namespace

TEST_CASE("an empty name between two separators is an error, never a silent merge") {
    check_throws([] { read("ca_empty_name.csv"); },
                 {error_kind::parse_error, "ca_empty_name.csv", 2, "path",
                  "touch 2 of 'a > > b' has an empty channel name"});
}

TEST_CASE("a number beyond the range of a double is an error naming its column") {
    check_throws([] { read("ca_out_of_range.csv"); },
                 {error_kind::parse_error, "ca_out_of_range.csv", 3, "total_conversion_value",
                  "number '1e400' is out of range"});
}

TEST_CASE("negative non-conversions are a data error naming total_null") {
    check_throws([] { read("ca_negative_null.csv"); },
                 {error_kind::data_error, "ca_negative_null.csv", 2, "total_null",
                  "non-conversions must not be negative, saw -2"});
}

TEST_CASE("a comma-separated file read as ChannelAttribution's format has no 'path' column") {
    check_throws(
        [] { read("ca_wrong_delimiter.csv"); },
        {error_kind::parse_error, "ca_wrong_delimiter.csv", 1, "", "missing column 'path'"});
}
