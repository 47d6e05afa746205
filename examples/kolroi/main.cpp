// kolroi: attribution, ROI and prediction for influencer collaborations, from the command line.
#include "commands.hpp"

#include <kolroi/core/error.hpp>
#include <kolroi/version.hpp>

#include <CLI/CLI.hpp>

#include <exception>
#include <iostream>

int main(int argc, char** argv) {
    CLI::App app{"kolroi: what influencer (KOL) collaborations really return"};
    app.set_version_flag("--version", kolroi::version);
    app.require_subcommand(1);

    kolroi::cli::add_attribute_command(app);
    kolroi::cli::add_roi_command(app);
    kolroi::cli::add_plan_command(app);
    kolroi::cli::add_quote_command(app);

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        return app.exit(e);
    } catch (const kolroi::error& e) {
        std::cerr << "kolroi: " << e.what() << '\n';
        return 1;
    } catch (const std::exception& e) {
        std::cerr << "kolroi: " << e.what() << '\n';
        return 1;
    }
    return 0;
}
