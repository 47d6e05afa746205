// kolroi/tracking/referrer.hpp: what an HTTP referrer says about where a visit came from.
//
// A referrer's host is matched against a table of domains by suffix on label boundaries, longest
// match first: `vm.tiktok.com` and `www.tiktok.com` are under `tiktok.com`; `notinstagram.com` is
// not under `instagram.com`. A rule can be limited to the domain itself and its `www.` form, which
// is how search engines are listed (`www.google.com` is search, `docs.google.com` is not). App
// referrers (`android-app://com.instagram.android`) are matched by their exact package name.
//
// What the result says, and only that:
// - no referrer (empty text, or one without a host such as `about:blank`): kind none;
// - the store's own domains (configurable, matched like the rules; payment pages belong here
//   too, as GA4's "unwanted referrals"): kind self, not a source;
// - a listed domain or app: its canonical source and medium, for example instagram / referral or
//   google / organic;
// - anything else: the host without a leading "www." (or the app package) as source, medium
//   referral. Nothing is inferred beyond the table.
#pragma once

#include "kolroi/core/detail/string_hash.hpp"
#include "kolroi/core/error.hpp"
#include "kolroi/tracking/detail/text.hpp"
#include "kolroi/tracking/url.hpp"

#include <cstddef>
#include <initializer_list>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

namespace kolroi {

enum class referrer_kind {
    none,    ///< no usable referrer
    self,    ///< one of the store's own domains
    known,   ///< a domain or app in the rule table
    unknown, ///< some other site or app
};

constexpr std::string_view to_string(referrer_kind kind) noexcept {
    switch (kind) {
    case referrer_kind::none:
        return "none";
    case referrer_kind::self:
        return "self";
    case referrer_kind::known:
        return "known";
    case referrer_kind::unknown:
        return "unknown";
    }
    return "unknown";
}

/// One row of the referrer table.
struct referrer_rule {
    std::string domain;             ///< "instagram.com", or an Android package for app rules
    std::string source;             ///< canonical source, as alias_table would give it
    std::string medium;             ///< "referral" for sites, "organic" for search engines
    bool include_subdomains = true; ///< false: only the domain itself and "www." + domain
    bool android_app = false;       ///< match `android-app://<domain>` instead of a web host
};

struct referrer_match {
    referrer_kind kind = referrer_kind::none;
    std::string source; ///< empty for none and self
    std::string medium; ///< empty for none and self
    std::string host;   ///< the referrer's host (or app package), lower-cased
};

class referrer_classifier {
public:
    referrer_classifier() = default;

    /// The built-in table: the four platforms' sites, short links and Android apps, the larger
    /// social sites, and the main search engines (Google on its country domains).
    static referrer_classifier defaults() {
        referrer_classifier table;
        const auto sites = [&table](std::string_view source,
                                    std::initializer_list<std::string_view> domains) {
            for (const std::string_view domain : domains) {
                table.add_rule({std::string(domain), std::string(source), "referral"});
            }
        };
        const auto apps = [&table](std::string_view source, std::string_view medium,
                                   std::initializer_list<std::string_view> packages) {
            for (const std::string_view package : packages) {
                table.add_rule(
                    {std::string(package), std::string(source), std::string(medium), true, true});
            }
        };
        sites("tiktok", {"tiktok.com"});
        sites("instagram", {"instagram.com", "instagr.am"});
        sites("facebook", {"facebook.com", "fb.com", "fb.me"});
        sites("youtube", {"youtube.com", "youtu.be"});
        sites("twitter", {"twitter.com", "t.co", "x.com"});
        sites("linkedin", {"linkedin.com", "lnkd.in"});
        sites("pinterest", {"pinterest.com", "pin.it"});
        sites("reddit", {"reddit.com"});
        sites("snapchat", {"snapchat.com"});
        sites("threads", {"threads.net"});
        apps("tiktok", "referral", {"com.zhiliaoapp.musically", "com.ss.android.ugc.trill"});
        apps("instagram", "referral", {"com.instagram.android"});
        apps("facebook", "referral", {"com.facebook.katana", "com.facebook.lite"});
        apps("youtube", "referral", {"com.google.android.youtube"});
        apps("twitter", "referral", {"com.twitter.android"});
        apps("linkedin", "referral", {"com.linkedin.android"});
        apps("pinterest", "referral", {"com.pinterest"});
        apps("reddit", "referral", {"com.reddit.frontpage"});
        apps("google", "organic", {"com.google.android.googlequicksearchbox"});

        for (const std::string_view tld :
             {"com",    "co.uk",  "de",     "fr",     "es",     "it",     "nl",     "pl",
              "ca",     "com.au", "co.in",  "co.jp",  "com.br", "com.mx", "ru",     "com.tr",
              "co.id",  "com.vn", "com.sg", "com.hk", "com.tw", "co.kr",  "co.th",  "com.my",
              "com.ph", "be",     "ch",     "at",     "se",     "dk",     "no",     "fi",
              "pt",     "ie",     "co.nz",  "co.za",  "com.ar", "cl",     "com.co", "com.sa",
              "ae",     "com.eg", "com.pk", "com.ng", "cz",     "hu",     "ro",     "gr"}) {
            table.add_rule({"google." + std::string(tld), "google", "organic", false});
        }
        table.add_rule({"bing.com", "bing", "organic"});
        table.add_rule({"duckduckgo.com", "duckduckgo", "organic"});
        table.add_rule({"search.yahoo.com", "yahoo", "organic"});
        table.add_rule({"search.yahoo.co.jp", "yahoo", "organic"});
        table.add_rule({"yandex.ru", "yandex", "organic"});
        table.add_rule({"yandex.com", "yandex", "organic"});
        table.add_rule({"baidu.com", "baidu", "organic"});
        table.add_rule({"ecosia.org", "ecosia", "organic"});
        table.add_rule({"search.naver.com", "naver", "organic"});
        return table;
    }

    /// Adds a rule; throws invalid_argument when a field is empty or the domain is listed already.
    void add_rule(referrer_rule rule) {
        rule.domain = detail::normalized_key(rule.domain);
        rule.source = detail::normalized_key(rule.source);
        rule.medium = detail::normalized_key(rule.medium);
        if (rule.domain.empty() || rule.source.empty() || rule.medium.empty()) {
            throw error(error_kind::invalid_argument, "referrer_classifier::add_rule: domain '" +
                                                          rule.domain + "', source '" +
                                                          rule.source + "' and medium '" +
                                                          rule.medium + "' must all be non-empty");
        }
        auto& rules = rule.android_app ? m_app_rules : m_site_rules;
        if (rules.count(rule.domain) != 0) {
            throw error(error_kind::invalid_argument,
                        "referrer_classifier::add_rule: '" + rule.domain + "' is listed already");
        }
        std::string key = rule.domain;
        rules.emplace(std::move(key), std::move(rule));
    }

    /// Marks `domain` and its subdomains as the store's own: referrals from them are not a source.
    /// The domain may be written as a host ("paypal.com", ".paypal.com", "www.paypal.com") or as
    /// a URL ("https://www.paypal.com/checkout"): its host is kept, lower-cased, without a port,
    /// a leading "www." or dots at either end. Throws invalid_argument when it names no host.
    void add_own_domain(std::string_view domain) {
        const auto refuse = [domain](const std::string& why) {
            throw error(error_kind::invalid_argument, "referrer_classifier::add_own_domain: '" +
                                                          std::string(kolroi::trim(domain)) + "' " +
                                                          why);
        };
        std::string_view host;
        try {
            host = detail::split_url(kolroi::trim(domain)).host;
        } catch (const error& fault) {
            refuse("is not a domain: " + fault.message());
        }
        while (!host.empty() && host.front() == '.') {
            host.remove_prefix(1);
        }
        while (!host.empty() && host.back() == '.') {
            host.remove_suffix(1);
        }
        std::string key = ascii_lowered(host);
        if (key.substr(0, 4) == "www." && key.size() > 4) {
            key.erase(0, 4);
        }
        if (key.empty()) {
            refuse("names no host");
        }
        m_own_domains.insert(std::move(key));
    }

    /// Classifies a referrer given as text (it throws the faults parse_url throws).
    [[nodiscard]] referrer_match classify(std::string_view referrer) const {
        const detail::url_parts parts = detail::split_url(referrer);
        return classify_host(kolroi::iequals_ascii(parts.scheme, "android-app"), parts.host);
    }

    [[nodiscard]] referrer_match classify(const url& referrer) const {
        return classify_host(referrer.scheme == "android-app", referrer.host);
    }

private:
    referrer_match classify_host(bool android_app, std::string_view host) const {
        referrer_match match;
        if (host.empty()) {
            return match;
        }
        match.host = ascii_lowered(host);
        if (android_app) {
            return classify_app(std::move(match));
        }
        return classify_site(std::move(match));
    }

    referrer_match classify_app(referrer_match match) const {
        const auto found = m_app_rules.find(match.host);
        if (found == m_app_rules.end()) {
            match.kind = referrer_kind::unknown;
            match.source = match.host;
            match.medium = "referral";
            return match;
        }
        match.kind = referrer_kind::known;
        match.source = found->second.source;
        match.medium = found->second.medium;
        return match;
    }

    referrer_match classify_site(referrer_match match) const {
        // A fully qualified name's trailing dot ("instagram.com.") names the same host.
        std::string_view host = match.host;
        if (!host.empty() && host.back() == '.') {
            host.remove_suffix(1);
        }
        if (is_own(host)) {
            match.kind = referrer_kind::self;
            return match;
        }

        // Longest suffix first: walk the label boundaries from the left.
        for (std::size_t start = 0; start < host.size();) {
            const auto found = m_site_rules.find(host.substr(start));
            if (found != m_site_rules.end() && (found->second.include_subdomains || start == 0 ||
                                                (start == 4 && host.substr(0, 4) == "www."))) {
                match.kind = referrer_kind::known;
                match.source = found->second.source;
                match.medium = found->second.medium;
                return match;
            }
            const std::size_t dot = host.find('.', start);
            if (dot == std::string_view::npos) {
                break;
            }
            start = dot + 1;
        }

        // A host of dots alone ("." or "www..") names no site: no source, as with no referrer.
        const std::string_view site = host.substr(0, 4) == "www." ? host.substr(4) : host;
        if (site.empty()) {
            return referrer_match{};
        }
        match.kind = referrer_kind::unknown;
        match.source = std::string(site);
        match.medium = "referral";
        return match;
    }

    [[nodiscard]] bool is_own(std::string_view host) const {
        for (const auto& domain : m_own_domains) {
            if (detail::is_same_or_subdomain(host, domain)) {
                return true;
            }
        }
        return false;
    }

    using rule_table =
        std::unordered_map<std::string, referrer_rule, detail::string_hash, std::equal_to<>>;
    rule_table m_site_rules;
    rule_table m_app_rules;
    std::unordered_set<std::string> m_own_domains;
};

} // namespace kolroi
