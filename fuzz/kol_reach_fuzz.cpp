// Fuzz target: the reader of the reach columns of a KOL list. Every KOL has an id given once;
// its markets and products are non-empty, trimmed and lower-cased; its posts are in time order,
// and the list counts them all.
#include "fuzz_support.hpp"

#include "kolroi/incrementality/kol_reach.hpp"
#include "kolroi/io/text.hpp"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <set>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using kolroi::fuzz::require;
    if (size > kolroi::fuzz::max_input) {
        return 0;
    }
    const auto text = kolroi::fuzz::as_text(data, size);
    kolroi::fuzz::run_reader("kols.csv", [&] {
        const auto list = kolroi::read_kol_reach(text, "kols.csv");
        std::set<std::string> ids;
        std::size_t posts = 0;
        for (const auto& kol : list.kols) {
            require(!kol.kol_id.empty() && ids.insert(kol.kol_id).second,
                    "a KOL id empty or given twice");
            require(list.find(kol.kol_id) == &kol, "a KOL cannot be found by its id");
            for (const auto* names : {&kol.markets, &kol.products}) {
                for (const auto& name : *names) {
                    require(!name.empty() && name == kolroi::ascii_lowered(kolroi::trim(name)),
                            "a market or product empty, untrimmed or upper-case");
                }
            }
            require(std::is_sorted(kol.posts.begin(), kol.posts.end()), "posts out of time order");
            require(list.has_posts || kol.posts.empty(), "posts without a posts column");
            posts += kol.posts.size();
        }
        require(list.post_count() == posts, "the post count is not the posts' number");
    });
    return 0;
}
