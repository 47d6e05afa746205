// The subcommands of the kolroi tool. Each lives in its own source file and adds itself to the
// application; main.cpp only calls these.
#pragma once

#include "output.hpp"

#include <kolroi/io/text.hpp>

#include <CLI/CLI.hpp>

#include <string>

namespace kolroi::cli {

/// The -f,--format option of every command: table (the default), csv or json, in any case.
inline CLI::Option* add_format_option(CLI::App& command, output_format& format) {
    return command
        .add_option_function<std::string>(
            "-f,--format",
            [&format](const std::string& name) {
                const std::string lower = kolroi::ascii_lowered(name);
                format = lower == "csv"    ? output_format::csv
                         : lower == "json" ? output_format::json
                                           : output_format::table;
            },
            "Output format")
        ->check(CLI::IsMember({"table", "csv", "json"}, CLI::ignore_case))
        ->default_str("table");
}

/// `kolroi attribute FILE`: credit per channel for every applicable model.
void add_attribute_command(CLI::App& app);

/// `kolroi roi`: the KOL report from orders, visits, KOLs and contracts (the sample store when no
/// file is given), or the cost, CPA and ROAS of ad campaigns from an ad-spend export.
void add_roi_command(CLI::App& app);

/// `kolroi plan`: which candidate deals to book within a budget, or how to split a budget over
/// response curves.
void add_plan_command(CLI::App& app);

/// `kolroi quote`: a creator's quote against a history of collaborations: predicted GMV and
/// ROAS with intervals, break-even and target prices, and a decision.
void add_quote_command(CLI::App& app);

} // namespace kolroi::cli
