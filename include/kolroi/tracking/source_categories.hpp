// kolroi/tracking/source_categories.hpp: GA4's source categories, the lists behind its channels.
//
// GA4's default channel group decides "Paid Social", "Organic Video" and the like partly by the
// category of the source: Google publishes a table that lists each known source value once, as
// SOURCE_CATEGORY_SHOPPING, _SEARCH, _SOCIAL or _VIDEO, and compares the session source with it
// exactly (no suffix matching). This header holds that table. The compiled-in rows are a subset of
// Google's list covering the sources a store's traffic mostly comes from; users add rows with
// `set` or load a `source,category` CSV (see detail/two_column_csv.hpp) in which the category is
// written SOURCE_CATEGORY_SOCIAL or just social. A row for a source replaces the earlier one.
#pragma once

#include "kolroi/core/detail/string_hash.hpp"
#include "kolroi/core/error.hpp"
#include "kolroi/tracking/detail/text.hpp"
#include "kolroi/tracking/detail/two_column_csv.hpp"

#include <array>
#include <cstddef>
#include <initializer_list>
#include <istream>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>

namespace kolroi {

enum class source_category { shopping, search, social, video };

inline constexpr std::array<source_category, 4> all_source_categories = {
    source_category::shopping, source_category::search, source_category::social,
    source_category::video};

/// Google's name: "SOURCE_CATEGORY_SOCIAL" and so on.
constexpr std::string_view to_string(source_category category) noexcept {
    switch (category) {
    case source_category::shopping:
        return "SOURCE_CATEGORY_SHOPPING";
    case source_category::search:
        return "SOURCE_CATEGORY_SEARCH";
    case source_category::social:
        return "SOURCE_CATEGORY_SOCIAL";
    case source_category::video:
        return "SOURCE_CATEGORY_VIDEO";
    }
    return "SOURCE_CATEGORY_SOCIAL";
}

/// Reads "SOURCE_CATEGORY_VIDEO" or "video" in any ASCII case; nothing for other text.
inline std::optional<source_category> source_category_from_name(std::string_view name) {
    const std::string key = detail::normalized_key(name);
    constexpr std::string_view prefix = "source_category_";
    const std::string_view bare = std::string_view(key).substr(0, prefix.size()) == prefix
                                      ? std::string_view(key).substr(prefix.size())
                                      : std::string_view(key);
    for (const source_category category : all_source_categories) {
        if (kolroi::iequals_ascii(to_string(category).substr(prefix.size()), bare)) {
            return category;
        }
    }
    return std::nullopt;
}

class source_category_table {
public:
    source_category_table() = default;

    /// The compiled-in subset of Google's source category list.
    static source_category_table ga4_defaults() {
        source_category_table table;
        const auto rows = [&table](source_category category,
                                   std::initializer_list<std::string_view> sources) {
            for (const std::string_view source : sources) {
                table.set(source, category);
            }
        };
        // clang-format off
        rows(source_category::shopping, {
            "alibaba", "alibaba.com", "aliexpress", "aliexpress.com", "amazon", "amazon.com",
            "amazon.co.uk", "amazon.de", "amazon.fr", "amazon.co.jp", "amazon.ca", "amazon.in",
            "ebay", "ebay.com", "ebay.co.uk", "ebay.de", "etsy", "etsy.com", "flipkart",
            "flipkart.com", "google shopping", "igshopping", "jd.com", "lazada", "mercadolibre",
            "mercadolibre.com", "rakuten", "rakuten.co.jp", "shein", "shein.com", "shop.app",
            "shopee", "shopify", "shopify.com", "shopping.naver.com", "shopping.yahoo.com",
            "target", "target.com", "taobao.com", "temu", "temu.com", "tmall.com", "walmart",
            "walmart.com", "wish", "wish.com", "zalando"});
        rows(source_category::search, {
            "ask", "ask.com", "aol", "aol.com", "baidu", "baidu.com", "m.baidu.com", "bing",
            "bing.com", "daum", "daum.net", "duckduckgo", "duckduckgo.com", "ecosia", "ecosia.org",
            "google", "google.com", "naver", "naver.com", "search.naver.com", "qwant", "qwant.com",
            "search.aol.com", "search.yahoo.com", "seznam", "seznam.cz", "so.com", "sogou",
            "sogou.com", "startpage", "startpage.com", "yahoo", "yahoo.com", "yahoo.co.jp",
            "yandex", "yandex.com", "yandex.ru"});
        rows(source_category::social, {
            "discord", "discord.com", "douyin", "facebook", "facebook.com", "m.facebook.com",
            "l.facebook.com", "lm.facebook.com", "fb", "instagram", "instagram.com",
            "l.instagram.com", "ig", "kakao", "line", "line.me", "linkedin", "linkedin.com",
            "lnkd.in", "medium.com", "messenger", "messenger.com", "pinterest", "pinterest.com",
            "quora", "quora.com", "reddit", "reddit.com", "snapchat", "snapchat.com", "t.co",
            "t.me", "telegram", "threads", "threads.net", "tiktok", "tiktok.com", "tumblr",
            "tumblr.com", "twitter", "twitter.com", "vk.com", "wechat", "weibo", "weibo.com",
            "whatsapp", "whatsapp.com", "x.com", "xiaohongshu"});
        rows(source_category::video, {
            "bilibili", "bilibili.com", "dailymotion", "dailymotion.com", "disneyplus",
            "disneyplus.com", "hulu", "hulu.com", "iqiyi", "iqiyi.com", "netflix", "netflix.com",
            "twitch", "twitch.tv", "vimeo", "vimeo.com", "wistia", "wistia.com", "youku",
            "youku.com", "youtube", "youtube.com", "m.youtube.com", "youtu.be"});
        // clang-format on
        return table;
    }

    /// Puts `source` (trimmed, lower-cased) in `category`, replacing an earlier row.
    void set(std::string_view source, source_category category) {
        std::string key = detail::normalized_key(source);
        if (key.empty()) {
            throw error(error_kind::invalid_argument,
                        "source_category_table::set: the source name is empty");
        }
        m_categories[std::move(key)] = category;
    }

    /// Adds the rows of a `source,category` table. Within one file a source listed twice with
    /// different categories is a data error naming both lines.
    void load(std::istream& input, const std::string& file = {}) {
        const auto rows = detail::read_two_column_csv(input, file, "source,category",
                                                      "source_category_table::load");
        std::unordered_map<std::string, std::pair<std::size_t, source_category>> seen;
        for (const auto& row : rows) {
            const auto category = source_category_from_name(row.second);
            if (!category) {
                throw error(error_kind::parse_error,
                            "source_category_table::load: category '" + row.second +
                                "' is not one of SOURCE_CATEGORY_SHOPPING, _SEARCH, _SOCIAL, "
                                "_VIDEO",
                            input_location{file, row.line, "category"});
            }
            const std::string key = detail::normalized_key(row.first);
            const auto [earlier, fresh] = seen.emplace(key, std::pair{row.line, *category});
            if (!fresh && earlier->second.second != *category) {
                throw error(error_kind::data_error,
                            "source_category_table::load: source '" + key + "' is " +
                                std::string(to_string(earlier->second.second)) + " on line " +
                                std::to_string(earlier->second.first) + " and " +
                                std::string(to_string(*category)) + " here",
                            input_location{file, row.line, "source"});
            }
            try {
                set(row.first, *category);
            } catch (const error& fault) {
                throw error(fault.kind(), fault.message(),
                            input_location{file, row.line, "source"});
            }
        }
    }

    void load_file(const std::string& path) {
        auto input = detail::open_table_file(path, "source_category_table::load_file");
        load(input, path);
    }

    /// The category of `source`, compared trimmed and lower-cased, or nothing.
    [[nodiscard]] std::optional<source_category> find(std::string_view source) const {
        std::string scratch;
        const auto found = m_categories.find(detail::normalized_view(source, scratch));
        if (found == m_categories.end()) {
            return std::nullopt;
        }
        return found->second;
    }

    [[nodiscard]] std::size_t size() const noexcept { return m_categories.size(); }

private:
    detail::string_map<source_category> m_categories;
};

} // namespace kolroi
