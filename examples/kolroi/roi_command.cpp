// `kolroi roi`: what each KOL cost and returned, under the chosen attribution model and, side by
// side, under every rule-based model.
//
// With no input files it reads the sample store built into the program (examples/data/
// sample_store). With --ad-spend it reports ad campaigns from an ad-spend export instead.
//
// When the KOL list gives post times (a posts column), each KOL's incremental orders and revenue
// (kolroi/incrementality) stand beside the credited figures, with the incremental ROAS and a
// verdict; these are per KOL, so a KOL with several campaign rows repeats them on each.
//
// With --write-history, each priced (KOL, campaign) row whose creator has a profile (--profiles)
// becomes a past collaboration in a history file for `kolroi quote --history`: its cost and its
// GMV credited under the chosen model on the report's revenue basis. An existing history keeps
// its rows; the report's rows replace those of the same KOL and campaign and the rest are added.
#include "commands.hpp"
#include "output.hpp"

#include <kolroi/attribution/rule_based.hpp>
#include <kolroi/incrementality/kol_incrementality.hpp>
#include <kolroi/incrementality/kol_reach.hpp>
#include <kolroi/incrementality/order_segments.hpp>
#include <kolroi/io/file.hpp>
#include <kolroi/prediction/history.hpp>
#include <kolroi/prediction/profiles_reader.hpp>
#include <kolroi/report/kol_report.hpp>
#include <kolroi/roi/ad_spend_reader.hpp>
#include <kolroi/roi/contracts_reader.hpp>
#include <kolroi/roi/exchange_rates.hpp>
#include <kolroi/tracking/journey_builder.hpp>
#include <kolroi/tracking/kols_reader.hpp>
#include <kolroi/tracking/orders.hpp>
#include <kolroi/tracking/touchpoints.hpp>

#include <algorithm>
#include <array>
#include <filesystem>
#include <iostream>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

extern const std::string_view sample_store_orders;
extern const std::string_view sample_store_touchpoints;
extern const std::string_view sample_store_kols;
extern const std::string_view sample_store_contracts;
extern const std::string_view sample_store_rates;
extern const std::string_view sample_store_kol_profiles;

namespace kolroi::cli {

namespace {

struct roi_settings {
    std::string orders, touchpoints, kols, contracts, rates;
    std::string currency = "USD";
    std::vector<std::string> own_domains;
    kol_report_options report;
    double lookback_days = 30;
    double session_minutes = 30;
    bool strict = false;
    std::optional<double> margin;
    std::string basis = "net";
    output_format format = output_format::table;
    // Incrementality.
    std::size_t lift_window_days = 14;
    std::size_t lift_pre_days = 56;
    double level = 0.90;
    // The report's rows as past collaborations.
    std::string profiles, write_history;
    // Ad-spend mode.
    std::string ad_spend;
    double value_per_conversion = 0;
    std::string conversions = "approved";
};

// One input: a file's text and name, or the sample store's.
struct input_text {
    std::string owned;
    std::string_view text;
    std::string name;
};

input_text load(const std::string& path, std::string_view sample, const char* sample_name) {
    input_text input;
    if (path.empty()) {
        input.text = sample;
        input.name = std::string("sample_store/") + sample_name;
    } else {
        input.owned = read_file(path);
        input.text = input.owned;
        input.name = path;
    }
    return input;
}

// Puts the report's priced rows into the history file, keeping what it already holds. What was
// written, and what was left out, goes to stderr, so that stdout stays the report.
void write_report_history(const roi_settings& settings, const roi_report& chosen) {
    const auto profiles_text =
        load(settings.profiles, sample_store_kol_profiles, "kol_profiles.csv");
    const profile_file profiles = read_profiles(profiles_text.text, profiles_text.name);
    const collaboration_history season = history_from_report(chosen, profiles.profiles);

    const std::filesystem::path path = settings.write_history;
    std::vector<collaboration> rows;
    if (std::filesystem::exists(path)) {
        const collaboration_history earlier = read_history(read_file(path), path.string());
        print_notes(std::cerr, "history kept", earlier.notes);
        rows = earlier.rows;
    }
    const history_merge merged = merge_history(rows, season.rows);
    write_file(path, write_history(rows));
    std::cerr << "history: " << rows.size() << " collaborations in " << path.string() << " ("
              << merged.added << " added, " << merged.replaced << " replaced)\n";
    print_notes(std::cerr, "history", season.notes);
}

cell metric_cell(const metric& m, int decimals = 2) {
    return m.defined() ? cell::number(m.value(), decimals) : cell::undefined(m.describe());
}

std::string interval_text(const std::optional<interval>& range, int decimals = 0) {
    return range ? "[" + detail::fixed(range->lower, decimals) + ", " +
                       detail::fixed(range->upper, decimals) + "]"
                 : "no interval";
}

cell lower_cell(const std::optional<interval>& range, const std::string& why, int decimals = 2) {
    return range ? cell::number(range->lower, decimals) : cell::undefined(why);
}

cell upper_cell(const std::optional<interval>& range, const std::string& why, int decimals = 2) {
    return range ? cell::number(range->upper, decimals) : cell::undefined(why);
}

// The columns of one KOL's incremental figures, as the wide table and the JSON add them.
constexpr std::array<const char*, 10> incremental_columns = {
    "incremental_orders",      "incremental_orders_low",
    "incremental_orders_high", "incremental_revenue",
    "incremental_revenue_low", "incremental_revenue_high",
    "incremental_roas",        "incremental_roas_low",
    "incremental_roas_high",   "verdict"};

// The cells of incremental_columns; undefined ones when the KOL list has no post times.
std::vector<cell> incremental_cells(const kol_incrementality_row* row) {
    if (row == nullptr) {
        return std::vector<cell>(incremental_columns.size(), cell::undefined("no post times"));
    }
    const std::string why =
        row->revenue.no_interval_reason.empty() ? "no interval" : row->revenue.no_interval_reason;
    return {cell::number(row->orders.incremental, 1), lower_cell(row->orders.range, why, 1),
            upper_cell(row->orders.range, why, 1),    cell::number(row->revenue.incremental),
            lower_cell(row->revenue.range, why),      upper_cell(row->revenue.range, why),
            metric_cell(row->roas.value, 3),          lower_cell(row->roas.range, why, 3),
            upper_cell(row->roas.range, why, 3),      cell::text(row->verdict.text)};
}

const kol_incrementality_row* incrementality_of(const kol_report& report, const std::string& kol) {
    if (!report.incrementality) {
        return nullptr;
    }
    for (const auto& row : *report.incrementality) {
        if (row.kol_id == kol) {
            return &row;
        }
    }
    return nullptr;
}

// Each KOL's credit beside what it caused, for people (intervals as text) and for machines
// (bounds as numbers), and each promo code's use.
struct incrementality_tables {
    table people;
    table machine;
    table codes;
};

incrementality_tables make_incrementality_tables(const kol_report& report,
                                                 const store_incrementality& incremental,
                                                 bool net) {
    incrementality_tables t;
    t.people = {{"kol", "cost", "credited", "incr_orders", "orders_interval", "incr_revenue",
                 "revenue_interval", "incr_roas", "roas_interval", "customer_level", "verdict"},
                {}};
    t.machine = {{"kol", "cost", "credited_revenue", "customer_level_orders",
                  "customer_level_revenue", "customer_level_revenue_low",
                  "customer_level_revenue_high", "baseline_share", "code_uses", "leaked_code_uses",
                  "posts_measured"},
                 {}};
    for (const char* column : incremental_columns) {
        t.machine.columns.push_back(column);
    }
    t.codes = {{"code", "kol", "uses", "without_touch", "leaked", "revenue", "leaked_revenue"}, {}};

    for (const auto& row : *report.incrementality) {
        const kol_incrementality* kol = incremental.find(row.kol_id);
        const incremental_estimate& customer = net ? kol->customer_net : kol->customer_gross;
        t.people.rows.push_back(
            {cell::text(row.kol_id), cell::number(row.cost), cell::number(row.credited_revenue),
             cell::number(row.orders.incremental, 1),
             cell::text(interval_text(row.orders.range, 1)), cell::number(row.revenue.incremental),
             cell::text(interval_text(row.revenue.range)), metric_cell(row.roas.value),
             cell::text(interval_text(row.roas.range, 2)), cell::number(customer.incremental),
             cell::text(row.verdict.text)});

        std::vector<cell> cells{cell::text(row.kol_id),
                                cell::number(row.cost),
                                cell::number(row.credited_revenue),
                                cell::number(kol->customer_orders.incremental),
                                cell::number(customer.incremental),
                                lower_cell(customer.range, "no interval"),
                                upper_cell(customer.range, "no interval"),
                                cell::number_or(kol->customers.baseline_share(), "no orders", 4),
                                cell::number(static_cast<double>(kol->code_uses()), 0),
                                cell::number(kol->leaked_uses(), 1),
                                cell::number(static_cast<double>(kol->lift.posts.size()), 0)};
        for (auto& c : incremental_cells(&row)) {
            cells.push_back(std::move(c));
        }
        t.machine.rows.push_back(std::move(cells));

        for (const auto& code : kol->codes) {
            t.codes.rows.push_back({cell::text(code.code), cell::text(code.kol_id),
                                    cell::number(static_cast<double>(code.uses), 0),
                                    cell::number(static_cast<double>(code.uses_without_touch), 0),
                                    cell::number(code.leaked_uses, 1),
                                    cell::number(net ? code.net : code.gross),
                                    cell::number(net ? code.leaked_net : code.leaked_gross)});
        }
    }
    return t;
}

nlohmann::json metric_json(const metric& m) {
    return m.defined() ? nlohmann::json(m.value()) : nlohmann::json(nullptr);
}

void run_ad_spend(const roi_settings& settings, const roi_options& options) {
    const auto file = read_kag_ad_spend(read_file(settings.ad_spend), settings.ad_spend);
    const auto measure =
        settings.conversions == "total" ? conversion_measure::total : conversion_measure::approved;
    const auto report = ad_spend_roi(file, settings.value_per_conversion, measure, options);

    table t{{"campaign", "ads", "spend", "conversions", "revenue", "cpa", "roas", "roi"}, {}};
    const auto add = [&](const ad_campaign_roi& row) {
        t.rows.push_back({cell::text(row.spend.campaign),
                          cell::number(static_cast<double>(row.spend.ads), 0),
                          cell::number(row.spend.spend),
                          cell::number(static_cast<double>(row.spend.conversions(measure)), 0),
                          cell::number(row.metrics.revenue()), metric_cell(row.metrics.cpa),
                          metric_cell(row.metrics.roas(), 3), metric_cell(row.metrics.roi(), 3)});
    };
    for (const auto& row : report.campaigns) {
        add(row);
    }
    add(report.total);

    if (settings.format == output_format::csv) {
        print_csv(std::cout, t);
    } else if (settings.format == output_format::json) {
        nlohmann::json out;
        out["file"] = file.source;
        out["value_per_conversion"] = settings.value_per_conversion;
        out["conversions"] = settings.conversions;
        out["campaigns"] = to_json(t);
        std::cout << out.dump(2) << '\n';
    } else {
        std::cout << file.source << ": " << file.total.ads << " ads in " << file.campaigns.size()
                  << " campaigns; " << settings.conversions << " conversions valued at "
                  << detail::fixed(settings.value_per_conversion, 2) << " each\n\n";
        print_table(std::cout, t);
    }
    print_notes(std::cerr, file.source, file.notes);
}

void run_roi(const roi_settings& settings) {
    roi_options roi;
    roi.gross_margin = settings.margin;
    roi.basis = settings.basis == "gross" ? revenue_basis::gross : revenue_basis::net;
    if (!settings.ad_spend.empty()) {
        run_ad_spend(settings, roi);
        return;
    }

    // Every store file, or none (the sample store).
    const std::vector<std::pair<const char*, const std::string*>> files = {
        {"--orders", &settings.orders},
        {"--touchpoints", &settings.touchpoints},
        {"--kols", &settings.kols},
        {"--contracts", &settings.contracts},
        {"--rates", &settings.rates}};
    std::string missing;
    bool any = false;
    for (const auto& [flag, path] : files) {
        any = any || !path->empty();
        missing += path->empty() ? std::string(missing.empty() ? "" : ", ") + flag : "";
    }
    if (any && !missing.empty()) {
        throw error(error_kind::invalid_argument,
                    "roi: a store's report needs all five files; missing " + missing);
    }
    if (any && !settings.write_history.empty() && settings.profiles.empty()) {
        throw error(error_kind::invalid_argument,
                    "roi: --write-history needs --profiles, the creators' profiles and quotes");
    }

    const auto kols_text = load(settings.kols, sample_store_kols, "kols.csv");
    const auto contracts_text = load(settings.contracts, sample_store_contracts, "contracts.csv");
    const auto rates_text = load(settings.rates, sample_store_rates, "rates.csv");
    const auto orders_text = load(settings.orders, sample_store_orders, "orders.csv");
    const auto touches_text =
        load(settings.touchpoints, sample_store_touchpoints, "touchpoints.csv");

    touch_resolver_config resolver_config;
    resolver_config.kols = read_kols(kols_text.text, kols_text.name);
    for (const auto& domain : settings.own_domains) {
        try {
            resolver_config.referrers.add_own_domain(domain);
        } catch (const error& e) {
            throw error(e.kind(), "roi: --own-domain: " + e.message());
        }
    }
    const touch_resolver resolver(resolver_config);
    const contract_book contracts = read_contracts(contracts_text.text, contracts_text.name);
    const exchange_rates rates =
        read_exchange_rates(rates_text.text, rates_text.name, settings.currency);

    const auto policy = settings.strict ? bad_row_policy::strict : bad_row_policy::skip_and_report;
    order_read_options order_options;
    order_options.on_bad_row = policy;
    touchpoint_read_options touch_options;
    touch_options.on_bad_row = policy;
    // A large visit log is read on two threads when the machine has two cores; the result is
    // the one-thread result (logs under a mebibyte are read on one).
    touch_options.threads = std::min(2u, std::max(1u, std::thread::hardware_concurrency()));
    const order_file orders = read_orders(orders_text.text, orders_text.name, order_options);
    const touchpoint_file touches =
        read_touchpoints(touches_text.text, touches_text.name, resolver, touch_options);

    journey_options journey;
    journey.lookback_window = static_cast<timestamp>(settings.lookback_days * seconds_per_day);
    journey.session_timeout = static_cast<timestamp>(settings.session_minutes * seconds_per_minute);
    journey.on_missing_rate = policy;
    const order_journeys built = build_journeys(orders, touches, resolver, rates, journey);

    kol_report_options report_options = settings.report;
    report_options.roi = roi;
    kol_report report =
        make_kol_report(built, contracts, rates, report_options, &resolver_config.kols);
    const roi_report& chosen = report.chosen();

    // What each KOL caused, when the KOL list says when the posts went out.
    const kol_reach_list reach = read_kol_reach(kols_text.text, kols_text.name);
    std::optional<store_incrementality> incremental;
    if (reach.post_count() > 0) {
        incrementality_options options;
        options.lift.window_days = settings.lift_window_days;
        options.lift.pre_days = settings.lift_pre_days;
        options.lift.level = settings.level;
        options.customers.level = settings.level;
        options.codes.level = settings.level;
        options.codes.post_window =
            static_cast<timestamp>(settings.lift_window_days) * seconds_per_day;
        const order_segments segments =
            read_order_segments(orders_text.text, orders_text.name, &orders);
        incremental = estimate_incrementality(orders.orders, touches.touches, segments, reach,
                                              resolver_config.kols, rates, options);
        add_incrementality(report, *incremental);
    }

    // The KOL rows under the chosen model; every model's ROAS beside them in the CSV and JSON
    // output, and in a table of its own for people.
    table kols_table{{"kol", "campaign", "platform", "cost", "orders", "gross_gmv", "net_gmv",
                      "roi", "roas", "cpa"},
                     {}};
    if (settings.margin) {
        kols_table.columns.push_back("profit_roi");
    }
    table by_model{{"kol", "campaign"}, {}};
    for (const auto& model : report.models) {
        by_model.columns.push_back(model.model);
    }
    by_model.columns.push_back("spread");
    for (std::size_t r = 0; r < chosen.kols.size(); ++r) {
        const roi_row& row = chosen.kols[r];
        std::vector<cell> cells{cell::text(row.key.kol_id),
                                cell::text(row.key.campaign),
                                cell::text(std::string(to_string(row.platform))),
                                cell::number(row.cost.total()),
                                cell::number(row.figures.orders, 1),
                                cell::number(row.figures.gross_gmv),
                                cell::number(row.figures.net_gmv),
                                metric_cell(row.metrics.roi()),
                                metric_cell(row.metrics.roas()),
                                metric_cell(row.metrics.cpa)};
        if (settings.margin) {
            cells.push_back(metric_cell(row.metrics.profit_roi));
        }
        kols_table.rows.push_back(std::move(cells));

        // Every model's report has the same rows, in key order.
        std::vector<cell> roas{cell::text(row.key.kol_id), cell::text(row.key.campaign)};
        std::optional<double> low;
        std::optional<double> high;
        for (const auto& model : report.models) {
            const metric& m = model.report.kols[r].metrics.roas();
            roas.push_back(metric_cell(m));
            if (m.defined()) {
                low = std::min(low.value_or(m.value()), m.value());
                high = std::max(high.value_or(m.value()), m.value());
            }
        }
        roas.push_back(low ? cell::number(*high - *low) : cell::undefined("undefined"));
        by_model.rows.push_back(std::move(roas));
    }
    table wide = kols_table;
    for (std::size_t r = 0; r < wide.rows.size(); ++r) {
        for (std::size_t m = 0; m < report.models.size(); ++m) {
            if (r == 0) {
                wide.columns.push_back("roas_" + report.models[m].model);
            }
            wide.rows[r].push_back(by_model.rows[r][2 + m]);
        }
    }
    for (const char* column : incremental_columns) {
        wide.columns.push_back(column);
    }
    for (std::size_t r = 0; r < wide.rows.size(); ++r) {
        for (auto& c : incremental_cells(incrementality_of(report, chosen.kols[r].key.kol_id))) {
            wide.rows[r].push_back(std::move(c));
        }
    }

    const int level_percent = static_cast<int>(settings.level * 100 + 0.5);
    const incrementality_tables lift_tables =
        incremental
            ? make_incrementality_tables(report, *incremental, roi.basis == revenue_basis::net)
            : incrementality_tables{};

    table platforms{{"platform", "kol_rows", "cost", "orders", "net_gmv", "roi", "roas"}, {}};
    for (const auto& rollup : chosen.by_platform) {
        platforms.rows.push_back(
            {cell::text(rollup.name), cell::number(static_cast<double>(rollup.rows), 0),
             cell::number(rollup.cost()), cell::number(rollup.figures.orders, 1),
             cell::number(rollup.figures.net_gmv), metric_cell(rollup.metrics.roi()),
             metric_cell(rollup.metrics.roas())});
    }

    table channels_table{{"channel", "orders", "gross_gmv", "net_gmv"}, {}};
    for (const auto& row : chosen.channels) {
        channels_table.rows.push_back({cell::text(row.group), cell::number(row.figures.orders, 1),
                                       cell::number(row.figures.gross_gmv),
                                       cell::number(row.figures.net_gmv)});
    }
    table totals{{"rows", "cost", "orders", "gross_gmv", "net_gmv", "roi", "roas"}, {}};
    for (const roi_rollup* total :
         {&chosen.kol_total, &chosen.channel_total, &chosen.store_total}) {
        totals.rows.push_back(
            {cell::text(total->name), cell::number(total->cost()),
             cell::number(total->figures.orders, 1), cell::number(total->figures.gross_gmv),
             cell::number(total->figures.net_gmv), metric_cell(total->metrics.roi()),
             metric_cell(total->metrics.roas())});
    }

    if (settings.format == output_format::csv) {
        print_csv(std::cout, wide);
    } else if (settings.format == output_format::json) {
        nlohmann::json out;
        out["model"] = report.chosen_model;
        out["currency"] = chosen.currency;
        out["revenue_basis"] = settings.basis;
        out["kols"] = to_json(wide);
        out["platforms"] = to_json(platforms);
        out["channels"] = to_json(channels_table);
        out["totals"] = to_json(totals);
        if (incremental) {
            nlohmann::json part;
            part["method"] = "post lift against segments no post reached";
            part["window_days"] = settings.lift_window_days;
            part["pre_days"] = settings.lift_pre_days;
            part["level"] = settings.level;
            part["revenue_basis"] = settings.basis;
            part["kols"] = to_json(lift_tables.machine);
            part["codes"] = to_json(lift_tables.codes);
            out["incrementality"] = std::move(part);
        } else {
            out["incrementality"] = nullptr;
        }
        out["orders_read"] = orders.rows;
        out["orders_used"] = built.size();
        out["touchpoints_read"] = touches.rows;
        // By part, as the table prints them: two files can skip rows for the same reason.
        nlohmann::json skipped = nlohmann::json::object();
        const std::pair<const char*, const diagnostics*> parts[] = {{"orders", &orders.notes},
                                                                    {"visits", &touches.notes},
                                                                    {"journeys", &built.notes},
                                                                    {"report", &chosen.notes}};
        for (const auto& [part, notes] : parts) {
            nlohmann::json counts = nlohmann::json::object();
            for (const auto& [reason, count] : notes->counts()) {
                counts[reason] = count;
            }
            skipped[part] = std::move(counts);
        }
        out["notes"] = skipped;
        std::cout << out.dump(2) << '\n';
    } else {
        std::cout << "KOL report: " << orders.rows << " order rows (" << orders.refund_rows
                  << " refunds) and " << touches.rows << " visit rows; " << built.size()
                  << " orders in " << chosen.currency << ", model " << report.chosen_model
                  << ", ROI and ROAS on " << settings.basis << " revenue\n\n";
        print_table(std::cout, kols_table);
        std::cout << "\nROAS under each model (spread: highest minus lowest)\n";
        print_table(std::cout, by_model);
        std::cout << "\nBy platform\n";
        print_table(std::cout, platforms);
        std::cout << "\nRevenue no KOL earned\n";
        print_table(std::cout, channels_table);
        std::cout << "\nTotals\n";
        print_table(std::cout, totals);
        if (incremental) {
            std::cout << "\nWhat each KOL caused: " << settings.basis << " revenue lift over "
                      << settings.lift_window_days
                      << "-day post windows in the segments it reaches, against segments no post "
                         "reached; "
                      << level_percent
                      << "% intervals (customer_level: touched customers against "
                         "similar untouched ones)\n";
            print_table(std::cout, lift_tables.people);
            std::cout << "\nPromo codes (without_touch: no KOL touch before the order; leaked: "
                         "estimated uses the posts cannot explain)\n";
            print_table(std::cout, lift_tables.codes);
        } else {
            std::cout << "\nIncrementality: not measured, the KOL list has no post times (a "
                         "posts column)\n";
        }
        std::cout << "\nWhat was skipped or noted\n";
        print_notes(std::cout, "orders", orders.notes);
        print_notes(std::cout, "visits", touches.notes);
        print_notes(std::cout, "journeys", built.notes);
        print_notes(std::cout, "report", chosen.notes);
        if (orders.notes.empty() && touches.notes.empty() && built.notes.empty() &&
            chosen.notes.empty()) {
            std::cout << "  (nothing)\n";
        }
    }
    if (settings.format != output_format::table) {
        print_notes(std::cerr, "orders", orders.notes);
        print_notes(std::cerr, "visits", touches.notes);
        print_notes(std::cerr, "journeys", built.notes);
    }
    print_note_examples(std::cerr, orders.notes, 5);
    print_note_examples(std::cerr, touches.notes, 5);
    if (!settings.write_history.empty()) {
        write_report_history(settings, chosen);
    }
}

} // namespace

void add_roi_command(CLI::App& app) {
    auto settings = std::make_shared<roi_settings>();
    auto* command = app.add_subcommand(
        "roi", "Each KOL's cost, credited GMV, ROI, ROAS and CPA under every attribution model "
               "(with no files: the sample store built into the program)");
    command->add_option("--orders", settings->orders, "Orders export (CSV)")
        ->check(CLI::ExistingFile);
    command->add_option("--touchpoints", settings->touchpoints, "Visit log (CSV)")
        ->check(CLI::ExistingFile);
    command->add_option("--kols", settings->kols, "KOL list (CSV)")->check(CLI::ExistingFile);
    command->add_option("--contracts", settings->contracts, "KOL contracts (CSV)")
        ->check(CLI::ExistingFile);
    command->add_option("--rates", settings->rates, "Exchange rates to the reporting currency")
        ->check(CLI::ExistingFile);
    command->add_option("--currency", settings->currency, "Reporting currency")->default_val("USD");
    command->add_option("--own-domain", settings->own_domains,
                        "A domain of the store's own (a payment page, a second shop); referrals "
                        "from it and its subdomains count as direct. Repeatable; the landing "
                        "page's own site always counts");
    command->add_option("-m,--model", settings->report.model, "The chosen attribution model")
        ->check(CLI::IsMember(
            std::vector<std::string>(rule_based_model_names.begin(), rule_based_model_names.end())))
        ->default_val("position_based");
    command
        ->add_option("--half-life-days", settings->report.model_options.half_life_seconds,
                     "time_decay: the half-life in days")
        ->transform([](const std::string& days) {
            return std::to_string(std::stod(days) * seconds_per_day);
        })
        ->default_str("7");
    command->add_option("--lookback-days", settings->lookback_days, "Lookback window in days")
        ->default_val(30);
    command
        ->add_option("--session-minutes", settings->session_minutes,
                     "Repeated touches of a channel within this many minutes are one")
        ->default_val(30);
    command->add_option("--margin", settings->margin, "Gross margin (0 to 1) for profit ROI");
    command->add_option("--basis", settings->basis, "Revenue for ROI and ROAS: net or gross")
        ->check(CLI::IsMember({"net", "gross"}))
        ->default_val("net");
    command->add_flag("--strict", settings->strict,
                      "Stop at the first bad row instead of skipping");
    command
        ->add_option("--lift-window-days", settings->lift_window_days,
                     "Incrementality: days after each post in which its lift is measured")
        ->check(CLI::Range(1, 365))
        ->default_val(14);
    command
        ->add_option("--lift-pre-days", settings->lift_pre_days,
                     "Incrementality: days before each post the counterfactual is fitted on")
        ->check(CLI::Range(1, 3650))
        ->default_val(56);
    command->add_option("--level", settings->level, "Incrementality: level of the intervals")
        ->check(CLI::Range(0.5, 0.999))
        ->default_val(0.90);
    add_format_option(*command, settings->format);
    command
        ->add_option("--profiles", settings->profiles,
                     "With --write-history: the creators' profiles and quotes (CSV)")
        ->check(CLI::ExistingFile);
    auto* write_history =
        command->add_option("--write-history", settings->write_history,
                            "Add the report's priced rows to this history of collaborations (CSV)");
    auto* ad_spend = command
                         ->add_option("--ad-spend", settings->ad_spend,
                                      "An ad-spend export (Facebook ads: one row per ad)")
                         ->check(CLI::ExistingFile)
                         ->excludes(write_history);
    command
        ->add_option("--value-per-conversion", settings->value_per_conversion,
                     "With --ad-spend: revenue of one conversion")
        ->needs(ad_spend);
    command
        ->add_option("--conversions", settings->conversions,
                     "With --ad-spend: approved (bought) or total conversions")
        ->check(CLI::IsMember({"approved", "total"}))
        ->needs(ad_spend)
        ->default_val("approved");
    command->callback([settings] { run_roi(*settings); });
}

} // namespace kolroi::cli
