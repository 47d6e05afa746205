// kolroi/attribution/last_non_direct.hpp: all credit to the last touch that is not direct.
//
// Direct visits (someone typing the store's address) rarely cause a purchase on their own, so
// GA's last non-direct click model skips them: the last non-direct touch gets everything, and
// direct gets credit only when every touch of the journey is direct (then the last one).
// Which channels count as direct is configurable; by default "Direct" and "(direct)".
//
// The test for "direct" is chosen once per journey: one comparison when there is one direct
// channel (the usual case), four when there are up to four, a sorted list beyond that.
#pragma once

#include "kolroi/core/channel_registry.hpp"
#include "kolroi/core/journey_store.hpp"

#include <algorithm>
#include <array>
#include <cstddef>
#include <limits>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace kolroi {

class last_non_direct {
public:
    static constexpr std::string_view name = "last_non_direct";

    /// The direct channels are looked up by name in `registry`; names it does not hold are
    /// ignored (the data has no such channel).
    explicit last_non_direct(const channel_registry& registry,
                             const std::vector<std::string>& direct_names = {"Direct",
                                                                             "(direct)"}) {
        for (const auto& direct : direct_names) {
            if (const auto id = registry.find(direct)) {
                m_direct.push_back(*id);
            }
        }
        index_direct();
    }

    /// The direct channels given by id.
    explicit last_non_direct(std::vector<channel_id> direct_ids)
        : m_direct(std::move(direct_ids)) {
        index_direct();
    }

    [[nodiscard]] const std::vector<channel_id>& direct_channels() const noexcept {
        return m_direct;
    }

    template <class Sink>
    void distribute(const journey_view& journey, Sink&& sink) const {
        const auto channels = journey.channels;
        std::size_t touch = channels.size() - 1;
        if (m_sorted.size() == 1) {
            const channel_id direct = m_sorted[0];
            touch =
                last_non_direct_touch(channels, [direct](channel_id id) { return id == direct; });
        } else if (m_sorted.size() <= m_few.size() && !m_sorted.empty()) {
            const std::array<channel_id, 4> few = m_few;
            // Four comparisons joined without branches ('|' on integers, not '||').
            touch = last_non_direct_touch(channels, [few](channel_id id) {
                const auto is = [id](channel_id direct) {
                    return static_cast<unsigned>(id == direct);
                };
                return (is(few[0]) | is(few[1]) | is(few[2]) | is(few[3])) != 0u;
            });
        } else if (!m_sorted.empty()) {
            touch = last_non_direct_touch(channels, [this](channel_id id) {
                return std::binary_search(m_sorted.begin(), m_sorted.end(), id);
            });
        }
        sink(touch, 1.0);
    }

private:
    // No registered channel has this id (a registry holds fewer than 2^32 - 1 names).
    static constexpr channel_id no_channel = std::numeric_limits<channel_id>::max();

    void index_direct() {
        m_sorted = m_direct;
        std::sort(m_sorted.begin(), m_sorted.end());
        m_sorted.erase(std::unique(m_sorted.begin(), m_sorted.end()), m_sorted.end());
        m_few.fill(no_channel);
        if (m_sorted.size() <= m_few.size()) {
            std::copy(m_sorted.begin(), m_sorted.end(), m_few.begin());
        }
    }

    // The last touch that is not direct, or the last touch when all are. The last two touches
    // are tried without a branch (a direct last touch steps back one), since one of them is
    // nearly always the answer; only a journey whose last two touches are both direct scans.
    template <class IsDirect>
    static std::size_t last_non_direct_touch(std::span<const channel_id> channels,
                                             IsDirect is_direct) {
        const std::size_t n = channels.size();
        if (n == 1) {
            return 0;
        }
        const std::size_t touch = n - 1 - static_cast<std::size_t>(is_direct(channels[n - 1]));
        if (!is_direct(channels[touch])) [[likely]] {
            return touch;
        }
        for (std::size_t i = touch; i-- > 0;) {
            if (!is_direct(channels[i])) {
                return i;
            }
        }
        return n - 1;
    }

    std::vector<channel_id> m_direct;
    std::vector<channel_id> m_sorted;
    std::array<channel_id, 4> m_few{};
};

} // namespace kolroi
