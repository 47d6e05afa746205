// kolroi/core/timestamp.hpp: how kolroi represents a moment in time.
//
// A timestamp is a count of seconds since 1970-01-01T00:00:00Z (UTC, leap seconds ignored, as
// POSIX time). Readers convert ISO 8601 text with offsets to it; nothing inside the library uses
// local time.
#pragma once

#include <cstdint>

namespace kolroi {

using timestamp = std::int64_t;

inline constexpr timestamp seconds_per_minute = 60;
inline constexpr timestamp seconds_per_hour = 3600;
inline constexpr timestamp seconds_per_day = 86400;

} // namespace kolroi
