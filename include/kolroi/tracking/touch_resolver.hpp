// kolroi/tracking/touch_resolver.hpp: from a landing URL, tags and a referrer to a resolved touch.
//
// One call combines the URL parser, the campaign tags, the alias tables, the referrer table, GA4's
// channel grouping and the KOL registry. The steps, in order:
//   1. Campaign tags come from the landing URL's query; explicitly given fields (a store export's
//      utm columns) replace the URL's field by field. Empty values are absent.
//   2. The source and medium, by the first evidence that applies:
//      - manual tags (utm_source, utm_medium, utm_campaign or utm_id present): the tagged source
//        and medium, trimmed, lower-cased and aliased; a missing one is "(not set)";
//      - a gclid without tags: google / cpc, as Google Ads auto-tagging reports it;
//      - a referrer (referrer.hpp): its canonical source and medium; an unknown site is its host
//        / referral;
//      - nothing, or a self-referral: (direct) / (none). A referrer is a self-referral when the
//        referrer table holds it as one of the store's own domains, or when it is on the
//        landing page's own site: the landing URL's host (without "www.") or a subdomain of it.
//      fbclid, ttclid and igshid are kept but decide nothing: they mark a click, not whether it
//      was paid, and GA4 does not read them either.
//   3. The platform is the canonical source's (source_platforms.hpp); (direct) is platform none.
//   4. The channel group is GA4's default channel group of (source, medium, campaign).
//   5. The KOL, if the registry knows the touch's utm_campaign, utm_content or landing path slug.
//   6. The channel name, which attribution interns as the channel's identity: "kol:<id>" for a
//      KOL's touch, so that each KOL is one channel whatever the platform or tag spelling;
//      otherwise the channel group ("Organic Search"), so that non-KOL traffic is counted in the
//      groups GA4 users know.
// A promo code (resolve_promo_code) is a touch with source "(promo code)" and medium
// "promo_code", which GA4's rules leave Unassigned; a KOL's code is on the KOL's platform and
// named "kol:<id>", a sitewide code is platform other and named "promo:<code, lower-cased>".
#pragma once

#include "kolroi/core/diagnostics.hpp"
#include "kolroi/core/error.hpp"
#include "kolroi/core/platform.hpp"
#include "kolroi/tracking/alias_table.hpp"
#include "kolroi/tracking/channel_grouping.hpp"
#include "kolroi/tracking/detail/text.hpp"
#include "kolroi/tracking/kol_registry.hpp"
#include "kolroi/tracking/referrer.hpp"
#include "kolroi/tracking/source_platforms.hpp"
#include "kolroi/tracking/url.hpp"
#include "kolroi/tracking/utm.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace kolroi {

inline constexpr std::string_view kol_channel_prefix = "kol:";
inline constexpr std::string_view promo_channel_prefix = "promo:";

/// "kol:<id>", the channel name of a KOL's touches.
inline std::string kol_channel_name(std::string_view kol_id) {
    return std::string(kol_channel_prefix) + std::string(kol_id);
}

/// What decided a touch's source and medium.
enum class touch_basis { campaign_tags, click_id, referrer, direct, promo_code };

constexpr std::string_view to_string(touch_basis basis) noexcept {
    switch (basis) {
    case touch_basis::campaign_tags:
        return "campaign tags";
    case touch_basis::click_id:
        return "click id";
    case touch_basis::referrer:
        return "referrer";
    case touch_basis::direct:
        return "direct";
    case touch_basis::promo_code:
        return "promo code";
    }
    return "direct";
}

/// What a store knows of one visit. Every member may be empty.
struct touch_input {
    touch_input() = default;
    touch_input(std::string_view landing, std::string_view referring = {})
        : landing_url(landing)
        , referrer(referring) {}

    std::string_view landing_url;
    std::string_view referrer;
    std::optional<std::string_view> source;
    std::optional<std::string_view> medium;
    std::optional<std::string_view> campaign;
    std::optional<std::string_view> content;
    std::optional<std::string_view> term;
    std::optional<std::string_view> id;
};

struct resolved_touch {
    touch_basis basis = touch_basis::direct;
    kolroi::platform platform = kolroi::platform::none;
    std::string source;   ///< canonical, lower-case
    std::string medium;   ///< canonical, lower-case
    std::string campaign; ///< as tagged, trimmed; empty when absent
    std::string content;  ///< as tagged, trimmed; empty when absent
    std::string term;
    std::string utm_id;
    std::string channel_group;
    click_ids clicks;
    std::optional<std::string> kol_id;
    std::optional<std::string> promo_code; ///< as entered, trimmed
    std::string channel;                   ///< "kol:<id>", "promo:<code>" or the channel group
};

struct touch_resolver_config {
    alias_table source_aliases = alias_table::default_sources();
    alias_table medium_aliases;
    source_platform_table platforms = source_platform_table::defaults();
    referrer_classifier referrers = referrer_classifier::defaults();
    channel_grouping grouping = channel_grouping::ga4_default();
    kol_registry kols;
};

class touch_resolver {
public:
    touch_resolver()
        : touch_resolver(touch_resolver_config{}) {}
    explicit touch_resolver(touch_resolver_config config)
        : m_config(std::move(config)) {}

    /// Resolves a visit. Throws parse_error for a landing URL or referrer that cannot be parsed
    /// or a campaign parameter that cannot be decoded, data_error when the touch's keys point to
    /// two KOLs. Repeated campaign parameters are counted in `notes`.
    [[nodiscard]] resolved_touch resolve(const touch_input& input,
                                         diagnostics* notes = nullptr) const {
        const detail::url_parts landing = split_part(input.landing_url, "landing URL");
        campaign_tags tags = read_tags(landing, notes);
        apply_explicit(input, tags);

        resolved_touch touch;
        decide_source(tags, input.referrer, landing.host, touch);
        touch.platform = m_config.platforms.find(touch.source);
        touch.campaign = std::move(tags.campaign).value_or("");
        touch.content = std::move(tags.content).value_or("");
        touch.term = std::move(tags.term).value_or("");
        touch.utm_id = std::move(tags.id).value_or("");
        touch.clicks = std::move(tags.clicks);
        touch.channel_group =
            m_config.grouping.classify(touch.source, touch.medium, touch.campaign);

        if (const kol_profile* kol =
                m_config.kols.match_touch(touch.campaign, touch.content, landing.path)) {
            touch.kol_id = kol->id;
        }
        touch.channel = touch.kol_id ? kol_channel_name(*touch.kol_id) : touch.channel_group;
        return touch;
    }

    /// Resolves a promo code entered on an order. Throws invalid_argument for an empty code.
    [[nodiscard]] resolved_touch resolve_promo_code(std::string_view code) const {
        const std::string_view entered = kolroi::trim(code);
        if (entered.empty()) {
            throw error(error_kind::invalid_argument,
                        "touch_resolver::resolve_promo_code: the promo code is empty");
        }
        resolved_touch touch;
        touch.basis = touch_basis::promo_code;
        touch.source = "(promo code)";
        touch.medium = "promo_code";
        touch.promo_code = std::string(entered);
        touch.channel_group = m_config.grouping.classify(touch.source, touch.medium);
        if (const kol_profile* kol = m_config.kols.match_promo_code(entered)) {
            touch.kol_id = kol->id;
            touch.platform = kol->platform;
            touch.channel = kol_channel_name(kol->id);
        } else {
            touch.platform = kolroi::platform::other;
            touch.channel = std::string(promo_channel_prefix) + detail::normalized_key(entered);
        }
        return touch;
    }

    [[nodiscard]] const touch_resolver_config& config() const noexcept { return m_config; }

private:
    static detail::url_parts split_part(std::string_view text, std::string_view what) {
        try {
            return detail::split_url(text);
        } catch (const error& fault) {
            throw error(fault.kind(),
                        "touch_resolver::resolve: " + std::string(what) + ": " + fault.message());
        }
    }

    static campaign_tags read_tags(const detail::url_parts& landing, diagnostics* notes) {
        try {
            return detail::read_campaign_tags(landing.query, landing.query_offset, notes);
        } catch (const error& fault) {
            throw error(fault.kind(), "touch_resolver::resolve: landing URL: " + fault.message());
        }
    }

    static void apply_explicit(const touch_input& input, campaign_tags& tags) {
        const auto take = [](const std::optional<std::string_view>& given,
                             std::optional<std::string>& slot) {
            if (given && !kolroi::trim(*given).empty()) {
                slot = std::string(kolroi::trim(*given));
            }
        };
        take(input.source, tags.source);
        take(input.medium, tags.medium);
        take(input.campaign, tags.campaign);
        take(input.content, tags.content);
        take(input.term, tags.term);
        take(input.id, tags.id);
    }

    referrer_match classify_referrer(std::string_view referrer) const {
        try {
            return m_config.referrers.classify(referrer);
        } catch (const error& fault) {
            throw error(fault.kind(), "touch_resolver::resolve: referrer: " + fault.message());
        }
    }

    // Whether `referrer_host` (lower case) is on the site of `landing_host` (as written): the
    // same host with "www." and a final dot aside, or a subdomain of it.
    static bool on_landing_site(std::string_view referrer_host, std::string_view landing_host) {
        const auto site = [](std::string_view host) {
            if (!host.empty() && host.back() == '.') {
                host.remove_suffix(1);
            }
            return host;
        };
        std::string landing = ascii_lowered(site(landing_host));
        if (std::string_view(landing).substr(0, 4) == "www.") {
            landing.erase(0, 4);
        }
        return detail::is_same_or_subdomain(site(referrer_host), landing);
    }

    void decide_source(const campaign_tags& tags, std::string_view referrer,
                       std::string_view landing_host, resolved_touch& touch) const {
        if (tags.tagged()) {
            touch.basis = touch_basis::campaign_tags;
            touch.source =
                tags.source ? m_config.source_aliases.resolve(*tags.source) : "(not set)";
            touch.medium =
                tags.medium ? m_config.medium_aliases.resolve(*tags.medium) : "(not set)";
            return;
        }
        if (tags.clicks.gclid) {
            touch.basis = touch_basis::click_id;
            touch.source = "google";
            touch.medium = "cpc";
            return;
        }
        const referrer_match match = classify_referrer(referrer);
        const bool self = match.kind == referrer_kind::self ||
                          (match.kind == referrer_kind::unknown && !landing_host.empty() &&
                           on_landing_site(match.host, landing_host));
        if (!self && match.kind != referrer_kind::none) {
            touch.basis = touch_basis::referrer;
            touch.source = m_config.source_aliases.resolve(match.source);
            touch.medium = match.medium;
            return;
        }
        touch.basis = touch_basis::direct;
        touch.source = "(direct)";
        touch.medium = "(none)";
    }

    touch_resolver_config m_config;
};

} // namespace kolroi
