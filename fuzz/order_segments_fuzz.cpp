// Fuzz target: the reader of the market and product columns of an orders export. Every order's
// market and product are trimmed and lower-cased, listed once in the sorted lists of markets and
// products, and each listed name belongs to some order; a dimension the file lacks is empty.
#include "fuzz_support.hpp"

#include "kolroi/incrementality/order_segments.hpp"
#include "kolroi/io/text.hpp"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <set>
#include <string>
#include <vector>

namespace {

void check_names(const std::vector<std::string>& listed, const std::set<std::string>& used,
                 const char* what) {
    using kolroi::fuzz::require;
    require(std::is_sorted(listed.begin(), listed.end()) &&
                std::adjacent_find(listed.begin(), listed.end()) == listed.end(),
            std::string("the ") + what + " are not sorted and unique");
    require(std::set<std::string>(listed.begin(), listed.end()) == used,
            std::string("the ") + what + " listed are not the orders' ones");
    for (const auto& name : listed) {
        require(!name.empty() && name == kolroi::ascii_lowered(kolroi::trim(name)),
                std::string("a name among the ") + what + " is empty, untrimmed or upper-case");
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using kolroi::fuzz::require;
    if (size > kolroi::fuzz::max_input) {
        return 0;
    }
    const auto text = kolroi::fuzz::as_text(data, size);
    kolroi::fuzz::run_reader("orders.csv", [&] {
        const auto segments = kolroi::read_order_segments(text, "orders.csv");
        std::set<std::string> markets;
        std::set<std::string> products;
        for (const auto& [id, segment] : segments.by_order) {
            require(!id.empty() && id == kolroi::trim(id), "an order id empty or untrimmed");
            if (segments.has_market) {
                markets.insert(segment.market);
            }
            if (segments.has_product) {
                products.insert(segment.product);
            }
            const std::string name = segments.segment_of(id);
            require(!name.empty(), "an empty segment name");
        }
        check_names(segments.markets, markets, "markets");
        check_names(segments.products, products, "products");
    });
    return 0;
}
