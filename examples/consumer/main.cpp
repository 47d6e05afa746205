// Uses the installed kolroi package: attributes three orders and checks the credits add up.
#include <kolroi/kolroi.hpp>

#include <cmath>
#include <iostream>
#include <string_view>
#include <vector>

int main() {
    kolroi::journey_store store;
    const std::vector<std::string_view> a = {"kol:anna", "Organic Search"};
    const std::vector<std::string_view> b = {"kol:anna"};
    store.add_named(a, 1, 0, 1200);
    store.add_named(b, 1, 0, 800);

    const kolroi::credit_table credits = kolroi::attribute(store, kolroi::linear{});
    const double anna = credits.of(store.channels(), "kol:anna").value;
    std::cout << "kolroi " << kolroi::version << ": kol:anna credited " << anna << " of "
              << credits.total().value << '\n';
    return std::abs(anna - 1400.0) < 1e-9 && std::abs(credits.total().value - 2000.0) < 1e-9 ? 0
                                                                                             : 1;
}
