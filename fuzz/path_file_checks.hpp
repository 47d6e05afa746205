// fuzz/path_file_checks.hpp: the invariants of a path file that a reader returned.
//
// Money never changes quietly: under every rule-based model the credits of the channels and the
// no-touchpoint bucket add up to the file's conversions and to its value less the value it
// reported as unattributed, and each journey's touch weights add up to 1. Cutting the store into
// the parallel engine's shards and adding their tables changes no channel's credit beyond
// rounding (the shards are run in this thread: threads would only slow the fuzzer down). Every data
// row of the file is a journey: a path reader skips nothing.
#pragma once

#include "fuzz_support.hpp"

#include "kolroi/attribution/parallel_engine.hpp"
#include "kolroi/attribution/rule_based.hpp"
#include "kolroi/io/csv_reader.hpp"
#include "kolroi/io/ga4_paths.hpp"
#include "kolroi/io/path_file.hpp"

#include <cmath>
#include <cstddef>
#include <string>
#include <string_view>
#include <variant>

namespace kolroi::fuzz {

/// The data records of `text` (records after the header), counted by the CSV reader alone.
inline std::size_t data_records(std::string_view text, char delimiter) {
    csv_reader reader(text, "count", csv_options{delimiter});
    std::size_t records = 0;
    while (reader.next()) {
        ++records;
    }
    return records == 0 ? 0 : records - 1;
}

inline void check_weights(const journey_store& store, const rule_based_policy& policy) {
    const auto weights = touch_weights(store, policy);
    const auto offsets = store.offsets();
    for (std::size_t j = 0; j < store.journey_count(); ++j) {
        if (offsets[j] == offsets[j + 1]) {
            continue;
        }
        double sum = 0;
        for (auto t = offsets[j]; t < offsets[j + 1]; ++t) {
            require(weights[t] >= -1e-12 && std::isfinite(weights[t]),
                    std::string(name_of(policy)) + ": a negative or non-finite weight");
            sum += weights[t];
        }
        const double touches = static_cast<double>(offsets[j + 1] - offsets[j]);
        require(close(sum, 1.0, touches, 1e-12), std::string(name_of(policy)) +
                                                     ": weights of journey " + std::to_string(j) +
                                                     " sum to " + std::to_string(sum));
    }
}

inline void check_path_file(const path_file& file, std::string_view text, char delimiter) {
    const journey_store& store = file.journeys;
    // A GA4 file's records start at its header, below the comment lines GA4 writes above it.
    const std::string_view records =
        file.format == "ga4" ? text.substr(detail::find_ga4_header(text).position) : text;
    require(file.rows() == data_records(records, delimiter),
            "a data row is missing from the journeys");
    require(std::isfinite(file.file_conversions) && std::isfinite(file.file_value) &&
                std::isfinite(file.unattributed_value),
            "a total of the file is not finite");

    // The scale of rounding: what was added, in magnitude.
    double conversion_scale = 0;
    double value_scale = 0;
    for (std::size_t j = 0; j < store.journey_count(); ++j) {
        conversion_scale += store.conversions()[j];
        value_scale += std::fabs(store.values()[j]);
    }
    value_scale += std::fabs(file.unattributed_value);
    require(close(store.total_conversions(), file.file_conversions, conversion_scale),
            "the journeys' conversions differ from the file's");
    require(close(store.total_value() + file.unattributed_value, file.file_value, value_scale),
            "the journeys' value and the unattributed value differ from the file's");

    for (const auto model : rule_based_model_names) {
        const rule_based_policy policy = make_rule_based_policy(model, store.channels());
        if (!supports(store, policy)) {
            bool refused = false;
            try {
                (void)attribute(store, policy);
            } catch (const error& fault) {
                refused = fault.kind() == error_kind::unsupported;
            }
            require(refused, std::string(model) + " ran on a store without timestamps");
            continue;
        }
        check_weights(store, policy);
        const credit_table table = attribute(store, policy);
        const credit total = table.total();
        require(close(total.conversions, file.file_conversions, conversion_scale),
                std::string(model) + ": credited conversions " + std::to_string(total.conversions) +
                    " differ from the file's " + std::to_string(file.file_conversions));
        require(close(total.value, file.file_value - file.unattributed_value, value_scale),
                std::string(model) + ": credited value " + std::to_string(total.value) +
                    " differs from the file's " + std::to_string(file.file_value));

        // The parallel engine's shards, attributed one after another and added in order.
        credit_table sharded(store.channels().size());
        std::visit(
            [&](const auto& p) {
                for (const journey_range range : balanced_shards(store, 3)) {
                    credit_table part(store.channels().size());
                    attribute_range(store, p, range.first, range.last, part);
                    sharded += part;
                }
            },
            policy);
        require(sharded.size() == table.size(), std::string(model) + ": sharded table size");
        for (std::size_t id = 0; id < table.size(); ++id) {
            const auto channel = static_cast<channel_id>(id);
            require(
                close(sharded[channel].conversions, table[channel].conversions, conversion_scale) &&
                    close(sharded[channel].value, table[channel].value, value_scale),
                std::string(model) + ": sharding changed channel " + std::to_string(id));
        }
    }
}

} // namespace kolroi::fuzz
