// fuzz/fuzz_support.hpp: what every kolroi fuzz target shares.
//
// A target calls its reader inside `run_reader`: a kolroi::error is a proper answer to bad input
// and ends the run quietly, after `check_error` has checked that it says where it was seen; any
// other exception is a finding. Invariants beyond "no crash" are stated with `require`, which
// prints what broke and aborts, so that libFuzzer saves the input.
#pragma once

#include "kolroi/core/error.hpp"

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string>
#include <string_view>

namespace kolroi::fuzz {

/// Inputs longer than this are not tried: they find nothing that shorter ones do not, and they
/// would only make std::bad_alloc or a timeout likely.
inline constexpr std::size_t max_input = std::size_t{1} << 16;

[[noreturn]] inline void broken(const std::string& rule) {
    std::fprintf(stderr, "invariant broken: %s\n", rule.c_str());
    std::fflush(stderr);
    std::abort();
}

inline void require(bool holds, const std::string& rule) {
    if (!holds) {
        broken(rule);
    }
}

/// Whether `a` and `b` agree to `relative` of `scale` (the sum of the magnitudes that were added,
/// the size of the rounding they can carry), or exactly when the scale is zero.
inline bool close(double a, double b, double scale, double relative = 1e-9) {
    return std::fabs(a - b) <= relative * scale + 1e-300;
}

/// An error of a reader that was given the file `source`: it must name that file, a line, and
/// say something.
inline void check_error(const error& fault, std::string_view source) {
    require(!fault.message().empty(), "an error with an empty message");
    if (!source.empty()) {
        require(fault.where().file == source,
                "error without the file name: " + std::string(fault.what()));
        require(fault.where().line >= 1, "error without a line: " + std::string(fault.what()));
    }
}

/// Runs `read` and returns whether it returned. A kolroi::error is checked and ends the run;
/// every other exception is a finding.
template <class Read>
bool run_reader(std::string_view source, Read&& read) {
    try {
        read();
        return true;
    } catch (const error& fault) {
        check_error(fault, source);
        return false;
    } catch (const std::exception& other) {
        broken(std::string("an exception other than kolroi::error escaped: ") + other.what());
    }
}

/// The fuzzer's bytes as text.
inline std::string_view as_text(const std::uint8_t* data, std::size_t size) {
    return {reinterpret_cast<const char*>(data), size};
}

} // namespace kolroi::fuzz
