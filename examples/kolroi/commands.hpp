// The subcommands of the kolroi tool. Each lives in its own source file and adds itself to the
// application; main.cpp only calls these.
#pragma once

#include <CLI/CLI.hpp>

namespace kolroi::cli {

/// `kolroi attribute FILE`: credit per channel for every applicable model.
void add_attribute_command(CLI::App& app);

} // namespace kolroi::cli
