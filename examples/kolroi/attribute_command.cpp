// `kolroi attribute FILE`: reads an aggregated path file (a GA4 conversion-paths export or
// ChannelAttribution's format) and prints each channel's credited conversions and revenue under
// every model that the data supports.
#include "commands.hpp"
#include "output.hpp"

#include <kolroi/attribution/markov.hpp>
#include <kolroi/attribution/rule_based.hpp>
#include <kolroi/attribution/shapley.hpp>
#include <kolroi/core/credit_table.hpp>
#include <kolroi/io/read_path_file.hpp>

#include <algorithm>
#include <cmath>
#include <iostream>
#include <memory>
#include <numeric>
#include <string>
#include <vector>

namespace kolroi::cli {

namespace {

struct attribute_settings {
    std::string file;
    std::vector<std::string> models;
    output_format format = output_format::table;
    rule_based_options options;
    markov_options markov;
};

// The data-driven models the command runs beside the rule-based ones.
constexpr std::string_view markov_name = "markov";
constexpr std::string_view shapley_name = "shapley";

std::vector<std::string> all_model_names() {
    std::vector<std::string> names(rule_based_model_names.begin(), rule_based_model_names.end());
    names.emplace_back(markov_name);
    names.emplace_back(shapley_name);
    return names;
}

struct model_result {
    std::string model;
    credit_table credits;
};

// Rows of one model's table: channels by credited conversions, then the no-touchpoint bucket.
std::vector<std::vector<cell>> model_rows(const model_result& result,
                                          const channel_registry& channels, bool with_model) {
    std::vector<channel_id> order(channels.size());
    std::iota(order.begin(), order.end(), channel_id{0});
    std::stable_sort(order.begin(), order.end(), [&](channel_id a, channel_id b) {
        return result.credits[a].conversions > result.credits[b].conversions;
    });
    std::vector<std::vector<cell>> rows;
    const auto add = [&](const std::string& name, const credit& c) {
        std::vector<cell> row;
        if (with_model) {
            row.push_back(cell::text(result.model));
        }
        row.push_back(cell::text(name));
        row.push_back(cell::number(c.conversions));
        row.push_back(cell::number(c.value));
        rows.push_back(std::move(row));
    };
    for (const channel_id id : order) {
        add(channels.name(id), result.credits[id]);
    }
    const credit& none = result.credits.no_touchpoint();
    if (none.conversions != 0 || none.value != 0) {
        add(std::string(no_touchpoint_name), none);
    }
    return rows;
}

void run_attribute(const attribute_settings& settings) {
    const path_file file = read_path_file(settings.file);
    const journey_store& store = file.journeys;

    // The default is every rule-based model that the data supports; asked-for models that it
    // cannot support are refused with the reason.
    std::vector<std::string> wanted = settings.models;
    const bool defaulted = wanted.empty();
    if (defaulted) {
        wanted = all_model_names();
    }
    std::vector<model_result> results;
    std::vector<std::string> skipped;
    diagnostics model_notes;
    for (const auto& name : wanted) {
        if (name == markov_name) {
            const markov_model model = fit_markov(store, settings.markov);
            model_notes.merge(model.notes());
            results.push_back({name, model.credits()});
            continue;
        }
        if (name == shapley_name) {
            // The coalition's worth is the conversions of the paths inside it (the conversion-rate
            // game is noisy where few paths hold a channel; see docs/limitations.md).
            const shapley_model model = fit_shapley(store);
            model_notes.merge(model.notes());
            results.push_back({name, model.credits()});
            continue;
        }
        const auto policy = make_rule_based_policy(name, store.channels(), settings.options);
        if (!supports(store, policy)) {
            const std::string why = name + ": needs per-touch timestamps, which " + file.format +
                                    " path files do not have";
            if (!defaulted) {
                throw error(error_kind::unsupported, why);
            }
            skipped.push_back(why);
            continue;
        }
        results.push_back({name, attribute(store, policy)});
    }

    print_notes(std::cerr, file.source, file.notes);
    print_note_examples(std::cerr, file.notes, file.notes.examples().size());
    print_notes(std::cerr, "models", model_notes);
    for (const auto& why : skipped) {
        std::cerr << "skipped " << why << '\n';
    }

    if (settings.format == output_format::json) {
        nlohmann::json out;
        out["file"] = file.source;
        out["format"] = file.format;
        out["rows"] = file.rows();
        out["total_conversions"] = file.file_conversions;
        out["total_revenue"] = file.file_value;
        out["unattributed_revenue"] = file.unattributed_value;
        out["skipped_models"] = skipped;
        for (const auto& result : results) {
            table t{{"channel", "conversions", "revenue"},
                    model_rows(result, store.channels(), false)};
            out["models"][result.model] = to_json(t);
        }
        std::cout << out.dump(2) << '\n';
        return;
    }
    if (settings.format == output_format::csv) {
        table t{{"model", "channel", "conversions", "revenue"}, {}};
        for (const auto& result : results) {
            auto rows = model_rows(result, store.channels(), true);
            t.rows.insert(t.rows.end(), rows.begin(), rows.end());
        }
        print_csv(std::cout, t);
        return;
    }

    // Conversions may be fractional (a share of an order); whole counts print as integers.
    const double conversions = file.file_conversions;
    std::cout << file.source << ": paths " << file.rows() << " (" << file.format
              << "), conversions "
              << detail::fixed(conversions, conversions == std::floor(conversions) ? 0 : 2)
              << ", revenue " << detail::fixed(file.file_value, 2);
    if (file.unattributed_value != 0) {
        std::cout << " (" << detail::fixed(file.unattributed_value, 2)
                  << " of it on rows without conversions, not attributed)";
    }
    std::cout << '\n';
    // People read one table per measure, the models side by side, channels ordered by the
    // first model's credit.
    for (const bool revenue : {false, true}) {
        std::cout << '\n' << (revenue ? "Credited revenue" : "Credited conversions") << '\n';
        table t{{"channel"}, {}};
        for (const auto& result : results) {
            t.columns.push_back(result.model);
        }
        const auto order = model_rows(results.front(), store.channels(), false);
        for (const auto& first_row : order) {
            const std::string& name = std::get<std::string>(first_row[0].content);
            std::vector<cell> row{cell::text(name)};
            for (const auto& result : results) {
                const credit c = name == no_touchpoint_name
                                     ? result.credits.no_touchpoint()
                                     : result.credits.of(store.channels(), name);
                row.push_back(cell::number(revenue ? c.value : c.conversions));
            }
            t.rows.push_back(std::move(row));
        }
        std::vector<cell> total{cell::text("total")};
        for (const auto& result : results) {
            const credit c = result.credits.total();
            total.push_back(cell::number(revenue ? c.value : c.conversions));
        }
        t.rows.push_back(std::move(total));
        print_table(std::cout, t);
    }
}

} // namespace

void add_attribute_command(CLI::App& app) {
    auto settings = std::make_shared<attribute_settings>();
    auto* command = app.add_subcommand(
        "attribute", "Credit per channel under each attribution model, from a path file");
    command
        ->add_option("file", settings->file,
                     "A GA4 conversion-paths export (CSV) or a ChannelAttribution path file")
        ->required()
        ->check(CLI::ExistingFile);
    command
        ->add_option("-m,--model", settings->models,
                     "Models to run (default: every model the data supports)")
        ->check(CLI::IsMember(all_model_names()));
    add_format_option(*command, settings->format);
    command
        ->add_option("--direct", settings->options.direct_channels,
                     "Channels that last_non_direct treats as direct")
        ->default_str("Direct (direct)");
    command
        ->add_option("--first-weight", settings->options.first_weight,
                     "position_based: the first touch's share")
        ->default_val(0.4);
    command
        ->add_option("--last-weight", settings->options.last_weight,
                     "position_based: the last touch's share")
        ->default_val(0.4);
    command->add_option("--markov-order", settings->markov.order, "markov: the order of the chain")
        ->default_val(1);
    command->callback([settings] { run_attribute(*settings); });
}

} // namespace kolroi::cli
