// kolroi/attribution/parallel_engine.hpp: the attribution engine over several threads.
//
// `attribute_parallel` cuts the store into contiguous journey ranges of about equal work (a
// journey's work is its touch count plus one, so that runs of empty journeys are shared too),
// runs the single-threaded engine (attribute_range) on each range in its own thread with its own
// credit table, and adds the tables in range order. The credits are those of `attribute` up to
// the order of floating-point additions: each channel's sum is split into per-range partial sums,
// so results differ only by rounding: for credits of one sign, within the rounding error of the
// sums themselves; a channel whose values cancel to near zero can differ more, relative to itself.
//
// The calling thread works on the first range itself. A policy that throws on one range stops
// nothing else; once every thread has finished, the exception of the first failing range is
// rethrown.
#pragma once

#include "kolroi/attribution/engine.hpp"
#include "kolroi/attribution/policy.hpp"
#include "kolroi/attribution/rule_based.hpp"
#include "kolroi/core/credit_table.hpp"
#include "kolroi/core/journey_store.hpp"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <thread>
#include <variant>
#include <vector>

namespace kolroi {

/// Journeys [first, last) of a store.
struct journey_range {
    std::size_t first = 0;
    std::size_t last = 0;

    [[nodiscard]] std::size_t size() const noexcept { return last - first; }
    [[nodiscard]] bool empty() const noexcept { return first == last; }
};

/// Splits the journeys of `store` into at most `shards` contiguous, non-empty ranges that cover
/// them all in order, with about equal touches-plus-journeys in each. Fewer ranges come back when
/// the store has fewer journeys than `shards`; none when it has no journey.
[[nodiscard]] inline std::vector<journey_range> balanced_shards(const journey_store& store,
                                                                std::size_t shards) {
    const auto offsets = store.offsets();
    const std::size_t journeys = store.journey_count();
    const std::size_t count = std::min(std::max<std::size_t>(shards, 1), journeys);
    std::vector<journey_range> ranges;
    if (count == 0) {
        return ranges;
    }

    // work(j) = offsets[j] + j grows with j, so each cut is a binary search for its share.
    const auto work = [&](std::size_t j) { return static_cast<std::uint64_t>(offsets[j]) + j; };
    const std::uint64_t total = work(journeys);
    std::size_t first = 0;
    for (std::size_t k = 1; k <= count; ++k) {
        std::size_t last = journeys;
        if (k < count) {
            const std::uint64_t target = total / count * k + total % count * k / count;
            std::size_t low = first;
            std::size_t high = journeys;
            while (low < high) {
                const std::size_t middle = low + (high - low) / 2;
                if (work(middle) < target) {
                    low = middle + 1;
                } else {
                    high = middle;
                }
            }
            // The cut whose work is nearest the share, so that one long journey on either side
            // of it moves the balance as little as possible.
            last = low;
            if (last > first + 1 && target - work(last - 1) < work(last) - target) {
                --last;
            }
        }
        if (last > first) {
            ranges.push_back({first, last});
            first = last;
        }
    }
    return ranges;
}

/// The number of threads `attribute_parallel` uses when asked for 0: the hardware's, at least 1.
[[nodiscard]] inline std::size_t default_thread_count() noexcept {
    return std::max<std::size_t>(std::thread::hardware_concurrency(), 1);
}

/// The credit table of the whole store under `policy`, computed by `threads` threads (0: one per
/// hardware thread). Equal to attribute(store, policy) up to rounding.
template <attribution_policy Policy>
[[nodiscard]] credit_table attribute_parallel(const journey_store& store, const Policy& policy,
                                              std::size_t threads = 0) {
    // Refused here, in the caller's thread, rather than once per shard.
    detail::require_timestamps_if_needed(store, policy);
    const auto ranges = balanced_shards(store, threads == 0 ? default_thread_count() : threads);
    if (ranges.size() <= 1) {
        return attribute(store, policy);
    }

    // Each thread fills a table of its own, kept apart from the others' until it is done.
    std::vector<credit_table> tables(ranges.size());
    std::vector<std::exception_ptr> failures(ranges.size());
    const auto run = [&](std::size_t shard) {
        try {
            credit_table table(store.channels().size());
            attribute_range(store, policy, ranges[shard].first, ranges[shard].last, table);
            tables[shard] = std::move(table);
        } catch (...) {
            failures[shard] = std::current_exception();
        }
    };
    {
        std::vector<std::jthread> workers;
        workers.reserve(ranges.size() - 1);
        for (std::size_t shard = 1; shard < ranges.size(); ++shard) {
            workers.emplace_back(run, shard);
        }
        run(0);
    }

    for (const auto& failure : failures) {
        if (failure) {
            std::rethrow_exception(failure);
        }
    }
    credit_table result = std::move(tables[0]);
    for (std::size_t shard = 1; shard < tables.size(); ++shard) {
        result += tables[shard];
    }
    return result;
}

/// A rule-based model chosen at run time, over `threads` threads.
[[nodiscard]] inline credit_table attribute_parallel(const journey_store& store,
                                                     const rule_based_policy& policy,
                                                     std::size_t threads = 0) {
    return std::visit([&](const auto& p) { return attribute_parallel(store, p, threads); }, policy);
}

} // namespace kolroi
