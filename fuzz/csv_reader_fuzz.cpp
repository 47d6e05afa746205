// Fuzz target: the CSV reader. The first byte chooses the delimiter (',' or ';'). Every record
// read is written back with every field quoted, and reading that text again must give the same
// fields; line numbers never go down and stay within the input's line count.
#include "fuzz_support.hpp"

#include "kolroi/io/csv_reader.hpp"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace {

std::string quoted(std::string_view field) {
    std::string out = "\"";
    for (const char c : field) {
        out.push_back(c);
        if (c == '"') {
            out.push_back('"');
        }
    }
    out.push_back('"');
    return out;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using kolroi::fuzz::require;
    if (size == 0 || size > kolroi::fuzz::max_input) {
        return 0;
    }
    const char delimiter = data[0] % 2 == 0 ? ',' : ';';
    const auto text = kolroi::fuzz::as_text(data + 1, size - 1);
    const auto breaks = static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n') +
                                                 std::count(text.begin(), text.end(), '\r'));

    std::vector<std::vector<std::string>> records;
    std::string written;
    kolroi::fuzz::run_reader("in.csv", [&] {
        kolroi::csv_reader reader(text, "in.csv", kolroi::csv_options{delimiter});
        std::size_t last_line = 0;
        while (reader.next()) {
            require(reader.line() >= last_line && reader.line() <= breaks + 1,
                    "a record's line is out of order or past the end");
            require(reader.size() >= 1, "a record without fields");
            require(reader.position() <= text.size(), "the reader read past the end");
            last_line = reader.line();
            records.emplace_back(reader.fields().begin(), reader.fields().end());
            for (std::size_t i = 0; i < reader.size(); ++i) {
                written += (i == 0 ? "" : std::string(1, delimiter)) + quoted(reader[i]);
            }
            written += "\n";
        }
        require(reader.size() == 0, "fields are left after the end");
    });

    // Records that the reader skips (a lone empty field) are not written; the rest read back.
    kolroi::csv_reader again(written, "again.csv", kolroi::csv_options{delimiter});
    for (const auto& record : records) {
        require(again.next(), "a written record does not read back");
        require(
            std::equal(record.begin(), record.end(), again.fields().begin(), again.fields().end()),
            "a written record reads back different");
    }
    require(!again.next(), "reading back gives more records");
    return 0;
}
