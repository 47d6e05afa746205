// `kolroi plan`: the budget plan. With --candidates, the exact choice of deals to book (0/1
// knapsack); with --curves, the split of a budget over concave response curves at equal
// marginal returns.
#include "commands.hpp"
#include "output.hpp"

#include <kolroi/budget/concave_allocation.hpp>
#include <kolroi/budget/gmv_forecast.hpp>
#include <kolroi/budget/knapsack.hpp>
#include <kolroi/budget/plan_inputs.hpp>
#include <kolroi/io/file.hpp>

#include <boost/math/distributions/normal.hpp>

#include <cmath>
#include <iostream>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace kolroi::cli {

namespace {

struct plan_settings {
    std::string candidates;
    std::string curves;
    double budget = 0;
    std::optional<double> margin;
    std::string objective = "mean";
    double quantile = 0.10;
    double level = 0.80;
    std::vector<std::string> must_book;
    std::vector<std::string> never_book;
    std::vector<std::string> platform_min;
    std::vector<std::string> platform_max;
    output_format format = output_format::table;
};

// "tiktok=2000" as a platform and an amount.
std::pair<platform, double> platform_amount(const std::string& text, const char* flag) {
    const auto equals = text.find('=');
    const auto found = platform_from_name(text.substr(0, equals));
    if (equals == std::string::npos || !found) {
        throw error(error_kind::invalid_argument,
                    std::string(flag) + ": expected PLATFORM=AMOUNT, saw '" + text + "'");
    }
    return {*found, parse_double(text.substr(equals + 1), input_location{{}, 0, flag})};
}

void emit(const plan_settings& settings, const table& t, nlohmann::json summary,
          const std::string& heading) {
    if (settings.format == output_format::csv) {
        print_csv(std::cout, t);
    } else if (settings.format == output_format::json) {
        summary["rows"] = to_json(t);
        std::cout << summary.dump(2) << '\n';
    } else {
        std::cout << heading << "\n\n";
        print_table(std::cout, t);
    }
}

void run_deals(const plan_settings& settings) {
    const auto candidates =
        read_deal_candidates(read_file(settings.candidates), settings.candidates);
    deal_selection_options options;
    options.gross_margin = settings.margin;
    const auto measure = gmv_measure_from_name(settings.objective);
    if (!measure) {
        throw error(error_kind::invalid_argument,
                    "plan: --objective must be mean, normal_quantile or interval_lower");
    }
    options.gmv = gmv_objective{*measure, settings.quantile};
    options.must_book = settings.must_book;
    options.never_book = settings.never_book;
    for (const auto& text : settings.platform_min) {
        const auto [p, amount] = platform_amount(text, "--platform-min");
        options.platform_bounds[p].min = amount;
    }
    for (const auto& text : settings.platform_max) {
        const auto [p, amount] = platform_amount(text, "--platform-max");
        options.platform_bounds[p].max = amount;
    }
    const deal_selection plan = select_deals(candidates, settings.budget, options);

    // The plan's GMV interval treats the deals' forecasts as independent normals.
    double variance = 0;
    for (const auto& deal : plan.deals) {
        variance += deal.gmv.sd * deal.gmv.sd;
    }
    const boost::math::normal standard;
    const double z = boost::math::quantile(standard, 0.5 + settings.level / 2);
    const double low = plan.expected_gmv - z * std::sqrt(variance);
    const double high = plan.expected_gmv + z * std::sqrt(variance);

    table t{{"name", "platform", "price", "gmv_mean", "gmv_used", "roas"}, {}};
    for (const auto& deal : plan.deals) {
        t.rows.push_back({cell::text(deal.name), cell::text(std::string(to_string(deal.platform))),
                          cell::number(deal.price), cell::number(deal.gmv.mean),
                          cell::number(deal.objective_gmv),
                          cell::number_or(deal.roas, "undefined: free deal")});
    }
    nlohmann::json summary;
    summary["budget"] = plan.budget;
    summary["spend"] = plan.total_spend;
    summary["expected_gmv"] = plan.expected_gmv;
    summary["gmv_interval"] = {low, high};
    summary["interval_level"] = settings.level;
    summary["roas"] = plan.roas ? nlohmann::json(*plan.roas) : nlohmann::json(nullptr);
    summary["roas_interval"] = plan.total_spend > 0
                                   ? nlohmann::json{low / plan.total_spend, high / plan.total_spend}
                                   : nlohmann::json(nullptr);
    summary["objective"] = settings.objective;

    std::string heading =
        "Book " + std::to_string(plan.deals.size()) + " of " + std::to_string(candidates.size()) +
        " candidates: spend " + detail::fixed(plan.total_spend, 2) + " of " +
        detail::fixed(plan.budget, 2) + ", expected GMV " + detail::fixed(plan.expected_gmv, 2);
    if (plan.roas) {
        heading += ", ROAS " + detail::fixed(*plan.roas, 2) + " (" +
                   detail::fixed(settings.level * 100, 0) + "% interval " +
                   detail::fixed(low / plan.total_spend, 2) + " to " +
                   detail::fixed(high / plan.total_spend, 2) + ", forecasts taken as independent)";
    }
    emit(settings, t, summary, heading);
}

void run_curves(const plan_settings& settings) {
    const auto inputs = read_response_curves(read_file(settings.curves), settings.curves);
    const spend_allocation plan = allocate_spend(inputs.curves, settings.budget, inputs.bounds);
    table t{{"name", "spend", "response", "marginal_roas", "bound"}, {}};
    for (const auto& entry : plan.entries) {
        t.rows.push_back({cell::text(entry.name), cell::number(entry.spend),
                          cell::number(entry.response, 4), cell::number(entry.marginal_return, 4),
                          cell::text(std::string(to_string(entry.state)))});
    }
    nlohmann::json summary;
    summary["budget"] = plan.budget;
    summary["spend"] = plan.total_spend;
    summary["response"] = plan.total_response;
    summary["marginal_roas"] = std::isfinite(plan.marginal_return)
                                   ? nlohmann::json(plan.marginal_return)
                                   : nlohmann::json(nullptr);
    emit(settings, t, summary,
         "Spend " + detail::fixed(plan.total_spend, 2) + " for a response of " +
             detail::fixed(plan.total_response, 4) + "; marginal ROAS " +
             detail::fixed(plan.marginal_return, 4) + " where the bounds allow");
}

} // namespace

void add_plan_command(CLI::App& app) {
    auto settings = std::make_shared<plan_settings>();
    auto* command = app.add_subcommand(
        "plan", "Which KOLs to book within a budget, or how to split it over response curves");
    auto* candidates =
        command
            ->add_option("--candidates", settings->candidates,
                         "Candidate deals (CSV: name, platform, price, gmv_mean, gmv_sd, ...)")
            ->check(CLI::ExistingFile);
    auto* curves = command
                       ->add_option("--curves", settings->curves,
                                    "Response curves (CSV: name, shape, a, k, s, lower, upper)")
                       ->check(CLI::ExistingFile);
    candidates->excludes(curves);
    command->add_option("--budget", settings->budget, "The budget")->required();
    command->add_option("--margin", settings->margin, "Gross margin: maximise profit, not GMV")
        ->needs(candidates);
    command
        ->add_option("--objective", settings->objective,
                     "mean, normal_quantile (risk-averse) or interval_lower")
        ->default_val("mean");
    command->add_option("--quantile", settings->quantile, "normal_quantile: the level")
        ->default_val(0.10);
    command->add_option("--level", settings->level, "Level of the plan's GMV and ROAS interval")
        ->default_val(0.80);
    command->add_option("--must", settings->must_book, "Names that must be booked");
    command->add_option("--never", settings->never_book, "Names that must not be booked");
    command->add_option("--platform-min", settings->platform_min, "PLATFORM=AMOUNT spend floor");
    command->add_option("--platform-max", settings->platform_max, "PLATFORM=AMOUNT spend cap");
    add_format_option(*command, settings->format);
    command->callback([settings] {
        if (settings->candidates.empty() == settings->curves.empty()) {
            throw error(error_kind::invalid_argument, "plan: give either --candidates or --curves");
        }
        if (!settings->candidates.empty()) {
            run_deals(*settings);
        } else {
            run_curves(*settings);
        }
    });
}

} // namespace kolroi::cli
