// Fuzz target: the LLM replay file reader (JSON Lines). Every record it returns has its three
// keys, each feature either a finite number or a reason, and a line of the file; written back
// with replay_line, the records read again as the same records.
#include "fuzz_support.hpp"

#include "kolroi/llm/replay_file.hpp"

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace {

bool same_records(const std::vector<kolroi::replay_record>& a,
                  const std::vector<kolroi::replay_record>& b) {
    if (a.size() != b.size()) {
        return false;
    }
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (a[i].profile_key != b[i].profile_key || a[i].model != b[i].model ||
            a[i].prompt_version != b[i].prompt_version || a[i].text_hash != b[i].text_hash ||
            a[i].features.size() != b[i].features.size()) {
            return false;
        }
        for (std::size_t f = 0; f < a[i].features.size(); ++f) {
            const auto& x = a[i].features[f];
            const auto& y = b[i].features[f];
            if (x.name != y.name || x.value != y.value || x.missing_reason != y.missing_reason) {
                return false;
            }
        }
    }
    return true;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using kolroi::fuzz::require;
    if (size > kolroi::fuzz::max_input) {
        return 0;
    }
    const auto text = kolroi::fuzz::as_text(data, size);
    kolroi::fuzz::run_reader("scores.jsonl", [&] {
        const auto records = kolroi::parse_replay(text, "scores.jsonl");
        std::string written;
        for (const auto& record : records) {
            require(!record.profile_key.empty() && !record.model.empty() &&
                        !record.prompt_version.empty(),
                    "a record without its keys");
            require(record.where.file == "scores.jsonl" && record.where.line >= 1,
                    "a record without its line");
            for (const auto& feature : record.features) {
                require(feature.value
                            ? std::isfinite(*feature.value) && feature.missing_reason.empty()
                            : !feature.missing_reason.empty(),
                        "feature '" + feature.name + "' is neither a number nor a reason");
            }
            try {
                written += kolroi::replay_line(record) + '\n';
            } catch (const kolroi::error& fault) {
                kolroi::fuzz::broken(std::string("a record read cannot be written: ") +
                                     fault.what());
            }
        }
        try {
            require(same_records(kolroi::parse_replay(written, "written.jsonl"), records),
                    "the written records read back differently:\n" + written);
        } catch (const kolroi::error& fault) {
            kolroi::fuzz::broken(std::string("the written records are refused: ") + fault.what() +
                                 "\n" + written);
        }
    });
    return 0;
}
