// kolroi/attribution/last_non_direct.hpp: all credit to the last touch that is not direct.
//
// Direct visits (someone typing the store's address) rarely cause a purchase on their own, so
// GA's last non-direct click model skips them: the last non-direct touch gets everything, and
// direct gets credit only when every touch of the journey is direct (then the last one).
// Which channels count as direct is configurable; by default "Direct" and "(direct)".
#pragma once

#include "kolroi/core/channel_registry.hpp"
#include "kolroi/core/journey_store.hpp"

#include <algorithm>
#include <cstddef>
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
    }

    /// The direct channels given by id.
    explicit last_non_direct(std::vector<channel_id> direct_ids)
        : m_direct(std::move(direct_ids)) {}

    [[nodiscard]] const std::vector<channel_id>& direct_channels() const noexcept {
        return m_direct;
    }

    template <class Sink>
    void distribute(const journey_view& journey, Sink&& sink) const {
        const auto channels = journey.channels;
        for (std::size_t i = channels.size(); i-- > 0;) {
            if (!is_direct(channels[i])) {
                sink(i, 1.0);
                return;
            }
        }
        sink(channels.size() - 1, 1.0);
    }

private:
    [[nodiscard]] bool is_direct(channel_id id) const noexcept {
        return std::find(m_direct.begin(), m_direct.end(), id) != m_direct.end();
    }

    std::vector<channel_id> m_direct;
};

} // namespace kolroi
