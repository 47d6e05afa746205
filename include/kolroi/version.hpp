// kolroi/version.hpp: the library's version.
#pragma once

#define KOLROI_VERSION_MAJOR 0
#define KOLROI_VERSION_MINOR 1
#define KOLROI_VERSION_PATCH 0

namespace kolroi {

inline constexpr const char* version = "0.1.0";

} // namespace kolroi
