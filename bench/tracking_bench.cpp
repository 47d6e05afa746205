// Benchmarks of the tracking area: the URL parser, campaign tags, the referrer table and the touch
// resolver, in items (URLs or touches) per second.
#include "kolroi/tracking/referrer.hpp"
#include "kolroi/tracking/touch_resolver.hpp"
#include "kolroi/tracking/url.hpp"
#include "kolroi/tracking/utm.hpp"

#include <benchmark/benchmark.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace {

/// Landing URLs and referrers of the kinds a store sees, awkward ones included.
const std::vector<std::string>& landing_mix() {
    static const std::vector<std::string> urls = {
        "https://shop.example/products/linen-shirt?utm_source=ig&utm_medium=paid_kol&utm_campaign="
        "spring_drop&utm_content=KOL_Anna&fbclid=IwAR0xYz123",
        "https://shop.example/?utm_source=Instagram&utm_medium=Social&utm_id=AbC123",
        "/collections/summer?utm_source=tiktok&utm_medium=cpc&ttclid=E.C.P.Cq0B",
        "shop.example/p/tee?UTM_SOURCE=YT&UTM_MEDIUM=social&utm_term=t+shirt",
        "https://shop.example/r/ben",
        "https://shop.example/#/p?utm_source=ig",
        "https://shop.example/p?utm_source=newsletter&utm_medium=email&utm_campaign=Salt%26Pepper",
        "https://shop.example/p?gclid=Cj0KCQjw_abcdefghijklmnop&utm_campaign=a%2526b",
        "https://xn--mnchen-3ya.example/p?",
        "https://shop.example/search?q=%E2%82%AC+price&page=2&sort=asc&view=grid",
    };
    return urls;
}

const std::vector<std::string>& referrer_mix() {
    static const std::vector<std::string> referrers = {
        "https://l.instagram.com/",
        "https://lm.facebook.com/l.php?u=https%3A%2F%2Fshop.example",
        "android-app://com.instagram.android",
        "https://vm.tiktok.com/ZMabc/",
        "https://www.google.com/",
        "https://www.google.co.uk/",
        "https://notinstagram.com/p",
        "https://shop.example/cart",
        "",
        "https://www.someblog.example/2024/05/linen",
    };
    return referrers;
}

/// A landing URL with `count` query parameters, the last of them campaign tags.
std::string url_with_parameters(std::int64_t count) {
    std::string url = "https://shop.example/products/item?";
    for (std::int64_t i = 0; i < count; ++i) {
        if (i > 0) {
            url += '&';
        }
        url += i + 2 >= count ? (i + 2 == count ? "utm_source=ig" : "utm_medium=social")
                              : "p" + std::to_string(i) + "=v%20" + std::to_string(i * 7);
    }
    return url;
}

void BM_parse_url_mix(benchmark::State& state) {
    const auto& urls = landing_mix();
    for (auto _ : state) {
        for (const auto& text : urls) {
            benchmark::DoNotOptimize(kolroi::parse_url(text));
        }
    }
    state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(urls.size()));
}
BENCHMARK(BM_parse_url_mix);

void BM_parse_url_by_parameters(benchmark::State& state) {
    const std::string url = url_with_parameters(state.range(0));
    for (auto _ : state) {
        benchmark::DoNotOptimize(kolroi::parse_url(url));
    }
    state.SetItemsProcessed(state.iterations());
    state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(url.size()));
}
BENCHMARK(BM_parse_url_by_parameters)->RangeMultiplier(4)->Range(1, 256);

void BM_read_campaign_tags(benchmark::State& state) {
    std::vector<kolroi::url> parsed;
    for (const auto& text : landing_mix()) {
        parsed.push_back(kolroi::parse_url(text));
    }
    for (auto _ : state) {
        for (const auto& landing : parsed) {
            benchmark::DoNotOptimize(kolroi::read_campaign_tags(landing));
        }
    }
    state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(parsed.size()));
}
BENCHMARK(BM_read_campaign_tags);

void BM_classify_referrer(benchmark::State& state) {
    auto table = kolroi::referrer_classifier::defaults();
    table.add_own_domain("shop.example");
    const auto& referrers = referrer_mix();
    for (auto _ : state) {
        for (const auto& text : referrers) {
            benchmark::DoNotOptimize(table.classify(text));
        }
    }
    state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(referrers.size()));
}
BENCHMARK(BM_classify_referrer);

/// A resolver whose registry holds `kols` KOLs with a content key, a slug and a code each, so
/// the landing mix's KOL keys are found among many.
kolroi::touch_resolver resolver_with(std::int64_t kols) {
    kolroi::touch_resolver_config config;
    config.referrers.add_own_domain("shop.example");
    config.kols.add({"anna",
                     "Anna",
                     kolroi::platform::instagram,
                     "@anna",
                     {{kolroi::kol_key_kind::utm_content, "KOL_Anna"}}});
    config.kols.add({"ben",
                     "Ben",
                     kolroi::platform::tiktok,
                     "@ben",
                     {{kolroi::kol_key_kind::link_slug, "r/ben"}}});
    for (std::int64_t i = 2; i < kols; ++i) {
        const std::string id = "kol_" + std::to_string(i);
        config.kols.add({id,
                         id,
                         kolroi::platform::youtube,
                         "@" + id,
                         {{kolroi::kol_key_kind::utm_content, id + "_reel"},
                          {kolroi::kol_key_kind::link_slug, "k/" + id},
                          {kolroi::kol_key_kind::promo_code, id + "_10"}}});
    }
    return kolroi::touch_resolver(std::move(config));
}

void BM_resolve_touch(benchmark::State& state) {
    const auto resolver = resolver_with(state.range(0));
    const auto& urls = landing_mix();
    const auto& referrers = referrer_mix();
    for (auto _ : state) {
        for (std::size_t i = 0; i < urls.size(); ++i) {
            benchmark::DoNotOptimize(resolver.resolve({urls[i], referrers[i]}));
        }
    }
    state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(urls.size()));
}
BENCHMARK(BM_resolve_touch)->Arg(2)->Arg(100)->Arg(10000);

void BM_resolve_promo_code(benchmark::State& state) {
    const auto resolver = resolver_with(state.range(0));
    const std::vector<std::string> codes = {"kol_5_10", "WELCOME10", " KOL_7_10 ", "summer"};
    for (auto _ : state) {
        for (const auto& code : codes) {
            benchmark::DoNotOptimize(resolver.resolve_promo_code(code));
        }
    }
    state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(codes.size()));
}
BENCHMARK(BM_resolve_promo_code)->Arg(100)->Arg(10000);

} // namespace
