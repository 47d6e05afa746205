// `kolroi quote`: is a creator's quote worth paying? The GMV and ROAS to expect with their
// prediction intervals, the price that breaks even, the price of a target ROAS, and a decision,
// from a model fitted on a history of past collaborations.
//
// The history defaults to the sample store's (examples/data/sample_store/history.csv, built into
// the program). The quotes come from --quotes FILE (the profiles format), or from one creator
// described on the command line (--platform --followers --price ...), or, with neither, from
// the sample store's twelve current KOLs (kol_profiles.csv, also built in).
//
// Text features from a language model (docs/llm.md) join the profile's numbers with --llm-replay
// FILE, scores recorded earlier, or --llm, which asks the server named by KOLROI_LLM_ENDPOINT
// (a build with cpp-httplib only) and with --llm-record FILE keeps its scores for replaying.
#include "commands.hpp"
#include "output.hpp"

#include <kolroi/core/error.hpp>
#include <kolroi/io/file.hpp>
#include <kolroi/llm/replay_feature_source.hpp>
#include <kolroi/llm/replay_file.hpp>
#include <kolroi/prediction/cross_validation.hpp>
#include <kolroi/prediction/history.hpp>
#include <kolroi/prediction/predictor.hpp>
#include <kolroi/prediction/profiles_reader.hpp>
#if KOLROI_CLI_HAS_LLM
#include <kolroi/llm/llm_feature_source.hpp>
#endif

#include <algorithm>
#include <iostream>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

extern const std::string_view sample_store_history;
extern const std::string_view sample_store_kol_profiles;

namespace kolroi::cli {

namespace {

struct quote_settings {
    std::string history;
    std::string quotes;
    // One quote from the command line.
    std::string id = "quote";
    std::string platform;
    std::optional<double> followers;
    std::optional<double> views;
    std::optional<double> engagement;
    std::string market;
    std::string category;
    std::string cost_model = "flat_fee";
    std::optional<double> price;
    std::string commission; ///< as the profiles file writes it: "12%" or "0.12"
    double posts = 1;
    std::string bio;
    // The model and the answer.
    std::string target = "auto";
    std::string correction = "smearing";
    quote_options answer;
    bool cross_validate = false;
    output_format format = output_format::table;
    // Text features.
    std::string llm_replay;
    bool llm = false;
    std::string llm_record;
    std::string store;
};

/// The quote described by the command-line options, checked as the profiles file checks one.
creator_profile command_line_quote(const quote_settings& s) {
    creator_profile profile;
    profile.kol_id = s.id;
    const auto on = platform_from_name(s.platform);
    if (!on || *on == kolroi::platform::none) {
        throw error(error_kind::invalid_argument,
                    "quote: unknown --platform '" + s.platform +
                        "'; expected tiktok, instagram, youtube, facebook or other");
    }
    profile.platform = *on;
    if (!s.followers) {
        throw error(error_kind::invalid_argument, "quote: a quote needs --followers");
    }
    profile.followers = *s.followers;
    profile.average_views = s.views;
    profile.engagement_rate = s.engagement;
    profile.market = s.market;
    profile.category = s.category;
    profile.quote.model = *cost_model_from_name(s.cost_model);
    if (!s.price && profile.quote.model != kolroi::cost_model::commission) {
        throw error(error_kind::invalid_argument,
                    "quote: a " + s.cost_model + " quote needs --price");
    }
    profile.quote.amount = s.price.value_or(0);
    if (!s.commission.empty()) {
        profile.quote.commission_rate =
            parse_commission_rate(s.commission, input_location{{}, 0, "--commission"});
    }
    profile.quote.posts = s.posts;
    profile.bio = s.bio;
    validate_profile(profile);
    return profile;
}

std::vector<creator_profile> load_quotes(const quote_settings& s) {
    if (!s.quotes.empty()) {
        return read_profiles(read_file(s.quotes), s.quotes).profiles;
    }
    if (!s.platform.empty()) {
        return {command_line_quote(s)};
    }
    return read_profiles(sample_store_kol_profiles, "sample_store/kol_profiles.csv").profiles;
}

// The language-model source that --llm asks, when this build has one.
std::shared_ptr<feature_source> live_llm_source(const quote_settings& s) {
#if KOLROI_CLI_HAS_LLM
    llm_options options; // endpoint, model and key from the environment
    options.store_description = s.store;
    return std::make_shared<llm_feature_source>(options);
#else
    (void)s;
    throw error(error_kind::unsupported,
                "quote: this kolroi was built without cpp-httplib, so --llm cannot reach a "
                "model; --llm-replay reads recorded scores without it");
#endif
}

// Writes the live source's scores of every profile the run saw (the history's and the quotes',
// the first profile of each id) to a replay file. The source's cache answers them, so no
// profile is sent to the model twice.
void record_llm_scores(feature_source& source, const std::vector<collaboration>& history,
                       const std::vector<creator_profile>& quotes, const std::string& path) {
#if KOLROI_CLI_HAS_LLM
    auto& live = dynamic_cast<llm_feature_source&>(source);
    std::vector<creator_profile> profiles;
    std::set<std::string> seen;
    const auto add = [&](const creator_profile& profile) {
        if (seen.insert(profile.kol_id).second) {
            profiles.push_back(profile);
        }
    };
    for (const collaboration& row : history) {
        add(row.profile);
    }
    for (const creator_profile& quote : quotes) {
        add(quote);
    }
    const auto records = make_replay_records(profiles, live.score(profiles), live.options().model);
    write_replay_file(path, records);
    std::cerr << "llm: " << records.size() << " profiles' scores written to " << path << '\n';
#else
    (void)source, (void)history, (void)quotes, (void)path;
#endif
}

predictor_options model_options(const quote_settings& s) {
    predictor_options options;
    options.target = s.target == "gmv"       ? target_choice::gmv
                     : s.target == "log_gmv" ? target_choice::log_gmv
                                             : target_choice::automatic;
    options.correction =
        s.correction == "lognormal" ? back_transform::lognormal : back_transform::smearing;
    if (!s.llm_replay.empty()) {
        options.sources.push_back(std::make_shared<replay_feature_source>(
            replay_feature_source::from_file(s.llm_replay)));
    }
    if (s.llm) {
        options.sources.push_back(live_llm_source(s));
    }
    return options;
}

cell optional_cell(const std::optional<double>& value, int decimals = 2) {
    return cell::number_or(value, "none", decimals);
}

table answers_table(const std::vector<quote_result>& answers) {
    table t{{"kol", "platform", "cost_model", "price", "posts", "cost", "gmv", "gmv_low",
             "gmv_high", "roas", "roas_low", "roas_high", "break_even_price", "target_price",
             "decision"},
            {}};
    for (const quote_result& r : answers) {
        const creator_profile& p = r.profile;
        const bool rate = p.quote.model == kolroi::cost_model::commission;
        const int price_decimals = rate ? 3 : 2;
        t.rows.push_back(
            {cell::text(p.kol_id), cell::text(std::string(to_string(p.platform))),
             cell::text(std::string(to_string(p.quote.model))),
             cell::number(rate ? p.quote.commission_rate : p.quote.amount, price_decimals),
             cell::number(p.quote.posts, 0), cell::number(r.expected_cost),
             cell::number(r.gmv.mean),
             optional_cell(r.gmv.range ? std::optional<double>(r.gmv.range->lower) : std::nullopt),
             optional_cell(r.gmv.range ? std::optional<double>(r.gmv.range->upper) : std::nullopt),
             cell::number_or(r.roas, "undefined", 3),
             optional_cell(
                 r.roas_interval ? std::optional<double>(r.roas_interval->lower) : std::nullopt, 3),
             optional_cell(
                 r.roas_interval ? std::optional<double>(r.roas_interval->upper) : std::nullopt, 3),
             optional_cell(r.break_even_price, price_decimals),
             optional_cell(r.target_price, price_decimals),
             cell::text(std::string(to_string(r.decision.verdict)))});
    }
    return t;
}

std::string model_summary(const quote_model& model, const std::string& history_name,
                          const quote_options& answer) {
    const gmv_model& fitted = model.model();
    std::string text = "Model: " + std::string(to_string(fitted.target)) + " on " +
                       std::to_string(model.history_rows()) + " collaborations of " +
                       std::to_string(model.history_kols()) + " KOLs (" + history_name + "), " +
                       std::to_string(model.pipeline().columns().size()) + " columns";
    if (fitted.fit.r_squared) {
        text += ", R^2 " + detail::fixed(*fitted.fit.r_squared, 3);
    }
    if (fitted.target == gmv_target::log_gmv) {
        text += "; mean by " + std::string(to_string(fitted.correction)) +
                (fitted.correction == back_transform::smearing
                     ? " (factor " + detail::fixed(fitted.smearing_factor, 4) + ")"
                     : std::string());
    }
    if (!model.sources().empty()) {
        // A source's features may all be dropped (every value missing, or all the same).
        std::string names;
        for (const auto& name : model.sources()) {
            std::size_t kept = 0;
            for (const auto& column : model.pipeline().columns()) {
                kept += column.name.starts_with(name + ":") ? 1 : 0;
            }
            names += (names.empty() ? "" : ", ") + name + " (" + std::to_string(kept) +
                     (kept == 1 ? " column" : " columns") + ")";
        }
        text += "; text features from " + names;
    }
    text += "\nTarget: " + model.selection().reason;
    text += "\nIntervals: " + detail::fixed(100 * answer.level, 0) + "% prediction intervals; " +
            "target ROAS " + kolroi::format_number(answer.target_roas) + "\n";
    return text;
}

nlohmann::json notes_json(const diagnostics& notes) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& note : notes.examples()) {
        out.push_back({{"reason", note.reason}, {"detail", note.detail}});
    }
    return out;
}

void print_json(const quote_model& model, const std::vector<quote_result>& answers, const table& t,
                const std::optional<cross_validation_result>& cv, const quote_settings& s,
                const std::string& history_name) {
    nlohmann::json out;
    out["history"] = history_name;
    out["rows"] = model.history_rows();
    out["kols"] = model.history_kols();
    out["target"] = std::string(to_string(model.model().target));
    out["correction"] = std::string(to_string(model.model().correction));
    out["target_reason"] = model.selection().reason;
    out["sources"] = model.sources();
    nlohmann::json columns = nlohmann::json::array();
    for (const auto& column : model.pipeline().columns()) {
        columns.push_back(column.name);
    }
    out["columns"] = std::move(columns);
    const auto& selection = model.selection();
    out["cv_mae_roas_log_gmv"] =
        selection.log_gmv_mae ? nlohmann::json(*selection.log_gmv_mae) : nlohmann::json(nullptr);
    out["cv_mae_roas_gmv"] =
        selection.gmv_mae ? nlohmann::json(*selection.gmv_mae) : nlohmann::json(nullptr);
    out["level"] = s.answer.level;
    out["target_roas"] = s.answer.target_roas;
    nlohmann::json rows = to_json(t);
    for (std::size_t i = 0; i < answers.size(); ++i) {
        rows[i]["reason"] = answers[i].decision.reason;
        rows[i]["fell_back"] = answers[i].fell_back;
        rows[i]["notes"] = notes_json(answers[i].notes);
    }
    out["quotes"] = rows;
    out["model_notes"] = notes_json(model.notes());
    if (cv) {
        out["cross_validation"] = {{"folds", cv->folds.size()},
                                   {"rows", cv->rows},
                                   {"mae_roas_model", cv->model_mae},
                                   {"mae_roas_mean_baseline", cv->baseline_mae}};
    }
    std::cout << out.dump(2) << '\n';
}

void print_text(const quote_model& model, const std::vector<quote_result>& answers, const table& t,
                const std::optional<cross_validation_result>& cv, const quote_settings& s,
                const std::string& history_name) {
    std::cout << model_summary(model, history_name, s.answer) << '\n';
    print_table(std::cout, t);
    std::cout << "\nWhy\n";
    for (const quote_result& r : answers) {
        std::cout << "  " << r.profile.kol_id << ": " << to_string(r.decision.verdict) << ", "
                  << r.decision.reason << '\n';
        for (const auto& note : r.notes.examples()) {
            std::cout << "    note: " << note.detail << '\n';
        }
    }
    if (cv) {
        std::cout << "\nGrouped " << cv->folds.size() << "-fold cross-validation (whole KOLs held "
                  << "out), MAE of ROAS over " << cv->rows << " collaborations: model "
                  << detail::fixed(cv->model_mae, 3) << ", always the training mean ROAS "
                  << detail::fixed(cv->baseline_mae, 3) << '\n';
    }
}

void run_quote(const quote_settings& s) {
    s.answer.validate();
    const std::string history_name = s.history.empty() ? "sample_store/history.csv" : s.history;
    const std::string history_text =
        s.history.empty() ? std::string(sample_store_history) : read_file(s.history);
    const collaboration_history history = read_history(history_text, history_name);
    const std::vector<creator_profile> quotes = load_quotes(s);

    const predictor_options options = model_options(s);
    const quote_model model = fit_quote_model(history.rows, options);
    const std::vector<quote_result> answers = model.quote(quotes, s.answer);
    if (!s.llm_record.empty()) {
        const auto used = model.sources();
        if (std::find(used.begin(), used.end(), "llm") != used.end()) {
            record_llm_scores(*options.sources.back(), history.rows, quotes, s.llm_record);
        } else {
            std::cerr << "llm: nothing written to " << s.llm_record
                      << ": the model could not be asked (see the model's notes)\n";
        }
    }
    std::optional<cross_validation_result> cv;
    if (s.cross_validate) {
        cross_validation_options cv_options;
        cv_options.quote = s.answer;
        cv = cross_validate(history.rows, options, cv_options);
    }

    const table t = answers_table(answers);
    if (s.format == output_format::json) {
        print_json(model, answers, t, cv, s, history_name);
    } else if (s.format == output_format::csv) {
        // The interval's level travels with it, so that `kolroi plan --candidates` can read the
        // GMV's spread from gmv_low and gmv_high.
        table with_reason = t;
        with_reason.columns.push_back("level");
        with_reason.columns.push_back("reason");
        for (std::size_t i = 0; i < answers.size(); ++i) {
            with_reason.rows[i].push_back(cell::number(answers[i].level, 4));
            with_reason.rows[i].push_back(cell::text(answers[i].decision.reason));
        }
        print_csv(std::cout, with_reason);
    } else {
        print_text(model, answers, t, cv, s, history_name);
    }
    print_notes(std::cerr, history_name, history.notes);
    print_notes(std::cerr, "model", model.notes());
    print_note_examples(std::cerr, model.notes(), 3);
}

} // namespace

void add_quote_command(CLI::App& app) {
    auto s = std::make_shared<quote_settings>();
    auto* command = app.add_subcommand(
        "quote",
        "Predicted GMV and ROAS of a creator's quote, its break-even price and a decision "
        "(one quote from --platform and its options, a file of them from --quotes, or else the "
        "sample store's KOLs)");
    command->add_option("--history", s->history, "Past collaborations (CSV; default: sample store)")
        ->check(CLI::ExistingFile);
    auto* quotes = command->add_option("--quotes", s->quotes, "Quotes to answer (profiles CSV)")
                       ->check(CLI::ExistingFile);
    command->add_option("--id", s->id, "The creator's id, for one quote")->default_val("quote");
    auto* platform = command->add_option("--platform", s->platform,
                                         "One quote: tiktok, instagram, youtube, facebook, other");
    platform->excludes(quotes);
    command->add_option("--followers", s->followers, "Followers")->needs(platform);
    command->add_option("--views", s->views, "Average views per post")->needs(platform);
    command->add_option("--engagement", s->engagement, "Engagement rate, a fraction")
        ->needs(platform);
    command->add_option("--market", s->market, "Country or market code")->needs(platform);
    command->add_option("--category", s->category, "Content category")->needs(platform);
    command
        ->add_option("--cost-model", s->cost_model,
                     "flat_fee, cpm, commission or flat_fee_and_commission")
        ->check(CLI::IsMember({"flat_fee", "cpm", "commission", "flat_fee_and_commission"}))
        ->default_val("flat_fee")
        ->needs(platform);
    command->add_option("--price", s->price, "The flat fee, or the price per 1000 views")
        ->needs(platform);
    command
        ->add_option("--commission", s->commission,
                     "Commission rate of GMV: a percentage with its sign (12%) or a fraction "
                     "below 1 (0.12)")
        ->needs(platform);
    command->add_option("--posts", s->posts, "Posts the price buys")
        ->default_val(1)
        ->needs(platform);
    command->add_option("--bio", s->bio, "The profile's bio")->needs(platform);
    command->add_option("--level", s->answer.level, "Level of the prediction intervals")
        ->default_val(0.8);
    command->add_option("--target-roas", s->answer.target_roas, "ROAS the target price reaches")
        ->default_val(1.5);
    command
        ->add_option("--negotiate-below", s->answer.rule.negotiate_below,
                     "Negotiate when the predicted ROAS is below this")
        ->default_val(1.0);
    command
        ->add_option("--priority-above", s->answer.rule.priority_above,
                     "Priority when the predicted ROAS is above this ...")
        ->default_val(2.0);
    command
        ->add_option("--priority-floor", s->answer.rule.priority_floor,
                     "... and the interval's lower ROAS bound reaches this")
        ->default_val(1.0);
    command->add_option("--target", s->target, "GMV target: auto, gmv or log_gmv")
        ->check(CLI::IsMember({"auto", "gmv", "log_gmv"}))
        ->default_val("auto");
    command
        ->add_option("--correction", s->correction,
                     "Mean of log GMV back-transformed by smearing or lognormal")
        ->check(CLI::IsMember({"smearing", "lognormal"}))
        ->default_val("smearing");
    command->add_flag("--cv", s->cross_validate,
                      "Also cross-validate the model (whole KOLs held out) against the mean ROAS");
    command
        ->add_option("--llm-replay", s->llm_replay,
                     "Text features from language-model scores recorded in this file (JSON Lines)")
        ->check(CLI::ExistingFile);
    auto* llm = command->add_flag("--llm", s->llm,
                                  "Text features from the language model at KOLROI_LLM_ENDPOINT");
    command->add_option("--llm-record", s->llm_record, "With --llm: write its scores to this file")
        ->needs(llm);
    command->add_option("--store", s->store, "With --llm: what the store sells, in a sentence")
        ->needs(llm);
    add_format_option(*command, s->format);
    command->callback([s] { run_quote(*s); });
}

} // namespace kolroi::cli
