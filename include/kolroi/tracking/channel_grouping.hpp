// kolroi/tracking/channel_grouping.hpp: GA4's default channel group, as an ordered list of rules.
//
// Definition followed: Google Analytics 4, "[GA4] Default channel group", the rules for manually
// tagged (non-Google-Ads) traffic. Each rule names a channel group and a condition over the
// session's source, medium and campaign name; the rules are tried in order and the first that
// matches gives the group; when none matches the group is "Unassigned". Matching ignores ASCII
// case (GA4's definitions are not case sensitive). "paid" below is the medium regex
// ^(.*cp.*|ppc|retargeting|paid.*)$ and "shopping campaign" is the campaign regex
// ^(.*(([^a-df-z]|^)shop|shopping).*)$; both are written here as plain text tests.
//
//   Direct            source = "(direct)" and medium in {"(not set)", "(none)"}
//   Cross-network     campaign contains "cross-network"
//   Paid Shopping     (source is SHOPPING or shopping campaign) and paid
//   Paid Search       source is SEARCH and paid
//   Paid Social       source is SOCIAL and paid
//   Paid Video        source is VIDEO and paid
//   Display           medium in {display, banner, expandable, interstitial, cpm}
//   Paid Other        paid
//   Organic Shopping  source is SHOPPING or shopping campaign
//   Organic Social    source is SOCIAL or medium in {social, social-network, social-media, sm,
//                     social network, social media}
//   Organic Video     source is VIDEO or medium contains "video"
//   Organic Search    source is SEARCH or medium = organic
//   Referral          medium in {referral, app, link}
//   Email             source or medium in {email, e-mail, e_mail, e mail}
//   Affiliates        medium = affiliate
//   Audio             medium = audio
//   SMS               source = sms or medium = sms
//   Mobile Push Notifications  medium ends with "push", or contains "mobile" or "notification",
//                     or source = firebase
//
// "source is SOCIAL" looks the source up in a source_category_table (source_categories.hpp). The
// rules are data: a rule is a list of term groups that must all hold, each group holding when any
// of its terms does, so users can insert their own rules (a "KOL" group before Paid Social, say).
// Sources should be canonical (aliases resolved, touch_resolver.hpp does that) before they get
// here: "insta" is not in Google's list, "instagram" is.
#pragma once

#include "kolroi/core/error.hpp"
#include "kolroi/tracking/detail/text.hpp"
#include "kolroi/tracking/source_categories.hpp"

#include <cstddef>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace kolroi {

/// The names of GA4's default channel groups, as GA4 writes them in reports.
namespace channel_groups {
inline constexpr std::string_view direct = "Direct";
inline constexpr std::string_view cross_network = "Cross-network";
inline constexpr std::string_view paid_shopping = "Paid Shopping";
inline constexpr std::string_view paid_search = "Paid Search";
inline constexpr std::string_view paid_social = "Paid Social";
inline constexpr std::string_view paid_video = "Paid Video";
inline constexpr std::string_view display = "Display";
inline constexpr std::string_view paid_other = "Paid Other";
inline constexpr std::string_view organic_shopping = "Organic Shopping";
inline constexpr std::string_view organic_social = "Organic Social";
inline constexpr std::string_view organic_video = "Organic Video";
inline constexpr std::string_view organic_search = "Organic Search";
inline constexpr std::string_view referral = "Referral";
inline constexpr std::string_view email = "Email";
inline constexpr std::string_view affiliates = "Affiliates";
inline constexpr std::string_view audio = "Audio";
inline constexpr std::string_view sms = "SMS";
inline constexpr std::string_view mobile_push_notifications = "Mobile Push Notifications";
inline constexpr std::string_view unassigned = "Unassigned";
} // namespace channel_groups

enum class rule_field { source, medium, campaign };

enum class rule_test {
    equals,
    contains,
    starts_with,
    ends_with,
    shop_word,   ///< GA4's shopping-campaign regex: "shopping", or "shop" not after [a-df-z]
    in_category, ///< the source's category is `category` (the field is ignored)
};

/// One test on one field. Text is compared lower-cased.
struct rule_term {
    rule_field field = rule_field::medium;
    rule_test test = rule_test::equals;
    std::string value;
    source_category category = source_category::social;
};

/// A channel group and its condition: every group in `all_of` must have a term that holds.
struct channel_rule {
    std::string group;
    std::vector<std::vector<rule_term>> all_of;
};

namespace detail {

/// Does `text` match ^(.*(([^a-df-z]|^)shop|shopping).*)$ ?
inline bool has_shop_word(std::string_view text) noexcept {
    if (text.find("shopping") != std::string_view::npos) {
        return true;
    }
    for (std::size_t at = text.find("shop"); at != std::string_view::npos;
         at = text.find("shop", at + 1)) {
        const char before = at == 0 ? '\0' : text[at - 1];
        const bool letter_but_e =
            (before >= 'a' && before <= 'd') || (before >= 'f' && before <= 'z');
        if (!letter_but_e) {
            return true;
        }
    }
    return false;
}

/// A touch's fields, trimmed and lower-cased: views of the touch's own text, or of the caller's
/// scratch strings where lower-casing changed them.
struct grouping_input {
    std::string_view source;
    std::string_view medium;
    std::string_view campaign;
    std::optional<source_category> category;
};

inline bool term_holds(const rule_term& term, const grouping_input& in) {
    if (term.test == rule_test::in_category) {
        return in.category == term.category;
    }
    const std::string_view view = term.field == rule_field::source   ? in.source
                                  : term.field == rule_field::medium ? in.medium
                                                                     : in.campaign;
    switch (term.test) {
    case rule_test::equals:
        return view == term.value;
    case rule_test::contains:
        return view.find(term.value) != std::string_view::npos;
    case rule_test::starts_with:
        return view.substr(0, term.value.size()) == term.value;
    case rule_test::ends_with:
        return view.size() >= term.value.size() &&
               view.substr(view.size() - term.value.size()) == term.value;
    case rule_test::shop_word:
        return has_shop_word(view);
    case rule_test::in_category:
        break;
    }
    return false;
}

inline std::vector<rule_term> any_of_values(rule_field field, rule_test test,
                                            std::initializer_list<std::string_view> values) {
    std::vector<rule_term> terms;
    for (const std::string_view value : values) {
        terms.push_back({field, test, std::string(value), source_category::social});
    }
    return terms;
}

inline rule_term category_term(source_category category) {
    return {rule_field::source, rule_test::in_category, {}, category};
}

inline std::vector<rule_term> paid_medium() {
    return {{rule_field::medium, rule_test::contains, "cp", {}},
            {rule_field::medium, rule_test::equals, "ppc", {}},
            {rule_field::medium, rule_test::equals, "retargeting", {}},
            {rule_field::medium, rule_test::starts_with, "paid", {}}};
}

inline std::vector<rule_term> joined(std::vector<rule_term> a, const std::vector<rule_term>& b) {
    a.insert(a.end(), b.begin(), b.end());
    return a;
}

} // namespace detail

/// GA4's rules for manually tagged traffic, in GA4's order (see the table at the top).
inline std::vector<channel_rule> ga4_default_channel_rules() {
    using detail::any_of_values;
    using detail::category_term;
    using detail::joined;
    using detail::paid_medium;
    const auto group = [](std::string_view name) { return std::string(name); };
    const rule_term shopping_campaign{rule_field::campaign, rule_test::shop_word, {}, {}};
    const std::vector<rule_term> email_words_source = any_of_values(
        rule_field::source, rule_test::equals, {"email", "e-mail", "e_mail", "e mail"});
    const std::vector<rule_term> email_words_medium = any_of_values(
        rule_field::medium, rule_test::equals, {"email", "e-mail", "e_mail", "e mail"});

    std::vector<channel_rule> rules;
    rules.push_back(
        {group(channel_groups::direct),
         {any_of_values(rule_field::source, rule_test::equals, {"(direct)"}),
          any_of_values(rule_field::medium, rule_test::equals, {"(not set)", "(none)"})}});
    rules.push_back(
        {group(channel_groups::cross_network),
         {any_of_values(rule_field::campaign, rule_test::contains, {"cross-network"})}});
    rules.push_back(
        {group(channel_groups::paid_shopping),
         {{category_term(source_category::shopping), shopping_campaign}, paid_medium()}});
    rules.push_back({group(channel_groups::paid_search),
                     {{category_term(source_category::search)}, paid_medium()}});
    rules.push_back({group(channel_groups::paid_social),
                     {{category_term(source_category::social)}, paid_medium()}});
    rules.push_back({group(channel_groups::paid_video),
                     {{category_term(source_category::video)}, paid_medium()}});
    rules.push_back({group(channel_groups::display),
                     {any_of_values(rule_field::medium, rule_test::equals,
                                    {"display", "banner", "expandable", "interstitial", "cpm"})}});
    rules.push_back({group(channel_groups::paid_other), {paid_medium()}});
    rules.push_back({group(channel_groups::organic_shopping),
                     {{category_term(source_category::shopping), shopping_campaign}}});
    rules.push_back({group(channel_groups::organic_social),
                     {joined({category_term(source_category::social)},
                             any_of_values(rule_field::medium, rule_test::equals,
                                           {"social", "social-network", "social-media", "sm",
                                            "social network", "social media"}))}});
    rules.push_back({group(channel_groups::organic_video),
                     {joined({category_term(source_category::video)},
                             any_of_values(rule_field::medium, rule_test::contains, {"video"}))}});
    rules.push_back({group(channel_groups::organic_search),
                     {joined({category_term(source_category::search)},
                             any_of_values(rule_field::medium, rule_test::equals, {"organic"}))}});
    rules.push_back(
        {group(channel_groups::referral),
         {any_of_values(rule_field::medium, rule_test::equals, {"referral", "app", "link"})}});
    rules.push_back(
        {group(channel_groups::email), {joined(email_words_source, email_words_medium)}});
    rules.push_back({group(channel_groups::affiliates),
                     {any_of_values(rule_field::medium, rule_test::equals, {"affiliate"})}});
    rules.push_back({group(channel_groups::audio),
                     {any_of_values(rule_field::medium, rule_test::equals, {"audio"})}});
    rules.push_back({group(channel_groups::sms),
                     {joined(any_of_values(rule_field::source, rule_test::equals, {"sms"}),
                             any_of_values(rule_field::medium, rule_test::equals, {"sms"}))}});
    rules.push_back(
        {group(channel_groups::mobile_push_notifications),
         {joined(joined(any_of_values(rule_field::medium, rule_test::ends_with, {"push"}),
                        any_of_values(rule_field::medium, rule_test::contains,
                                      {"mobile", "notification"})),
                 any_of_values(rule_field::source, rule_test::equals, {"firebase"}))}});
    return rules;
}

class channel_grouping {
public:
    /// GA4's default channel group over `categories` (Google's list by default).
    static channel_grouping
    ga4_default(source_category_table categories = source_category_table::ga4_defaults()) {
        return channel_grouping(ga4_default_channel_rules(), std::move(categories));
    }

    /// Throws invalid_argument when a rule has no group name, no term group or an empty group.
    channel_grouping(std::vector<channel_rule> rules, source_category_table categories,
                     std::string fallback = std::string(channel_groups::unassigned))
        : m_categories(std::move(categories))
        , m_fallback(std::move(fallback)) {
        for (auto& rule : rules) {
            add_rule(std::move(rule));
        }
    }

    /// The group of a touch. Inputs are compared trimmed and ASCII-lower-cased; the returned
    /// name lives as long as this grouping.
    [[nodiscard]] const std::string& classify(std::string_view source, std::string_view medium,
                                              std::string_view campaign = {}) const {
        std::string scratch[3];
        detail::grouping_input in;
        in.source = detail::normalized_view(source, scratch[0]);
        in.medium = detail::normalized_view(medium, scratch[1]);
        in.campaign = detail::normalized_view(campaign, scratch[2]);
        in.category = m_categories.find(in.source);
        for (const auto& rule : m_rules) {
            if (matches(rule, in)) {
                return rule.group;
            }
        }
        return m_fallback;
    }

    /// Inserts `rule` so that it is tried before the rule now at `position` (the end if past it).
    void insert_rule(std::size_t position, channel_rule rule) {
        validate(rule);
        normalise(rule);
        const auto at = position >= m_rules.size() ? m_rules.end()
                                                   : m_rules.begin() + static_cast<long>(position);
        m_rules.insert(at, std::move(rule));
    }

    /// The position of the first rule for `group`, for inserting before it; throws
    /// invalid_argument when no rule gives that group.
    [[nodiscard]] std::size_t position_of(std::string_view group) const {
        for (std::size_t i = 0; i < m_rules.size(); ++i) {
            if (m_rules[i].group == group) {
                return i;
            }
        }
        throw error(error_kind::invalid_argument,
                    "channel_grouping::position_of: no rule gives group '" + std::string(group) +
                        "' among " + std::to_string(m_rules.size()) + " rules");
    }

    [[nodiscard]] const std::vector<channel_rule>& rules() const noexcept { return m_rules; }
    [[nodiscard]] const source_category_table& categories() const noexcept { return m_categories; }
    [[nodiscard]] source_category_table& categories() noexcept { return m_categories; }
    [[nodiscard]] const std::string& fallback() const noexcept { return m_fallback; }

private:
    void add_rule(channel_rule rule) {
        validate(rule);
        normalise(rule);
        m_rules.push_back(std::move(rule));
    }

    static void validate(const channel_rule& rule) {
        if (rule.group.empty() || rule.all_of.empty()) {
            throw error(error_kind::invalid_argument,
                        "channel_grouping: rule '" + rule.group +
                            "' needs a group name and at least one term group, has " +
                            std::to_string(rule.all_of.size()));
        }
        for (std::size_t i = 0; i < rule.all_of.size(); ++i) {
            if (rule.all_of[i].empty()) {
                throw error(error_kind::invalid_argument, "channel_grouping: rule '" + rule.group +
                                                              "' term group " + std::to_string(i) +
                                                              " is empty and could never hold");
            }
        }
    }

    static void normalise(channel_rule& rule) {
        for (auto& terms : rule.all_of) {
            for (auto& term : terms) {
                term.value = ascii_lowered(term.value);
            }
        }
    }

    static bool matches(const channel_rule& rule, const detail::grouping_input& in) {
        for (const auto& terms : rule.all_of) {
            bool any = false;
            for (const auto& term : terms) {
                if (detail::term_holds(term, in)) {
                    any = true;
                    break;
                }
            }
            if (!any) {
                return false;
            }
        }
        return true;
    }

    std::vector<channel_rule> m_rules;
    source_category_table m_categories;
    std::string m_fallback;
};

} // namespace kolroi
