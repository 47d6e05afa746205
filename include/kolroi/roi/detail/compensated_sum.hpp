// kolroi/roi/detail/compensated_sum.hpp: a running sum of money that keeps its rounding error.
//
// Neumaier's variant of Kahan summation: each addition's rounding error is kept in a second
// term, so a table built from a million orders, or merged from many shards, agrees with the exact
// sum to about one rounding of the total, whatever the order of the additions. Merging two sums
// is commutative exactly and associative to that accuracy.
#pragma once

#include <cmath>

namespace kolroi::detail {

class compensated_sum {
public:
    void add(double value) noexcept {
        const double total = m_sum + value;
        m_error += lost_in_sum(m_sum, value, total);
        m_sum = total;
    }

    void merge(const compensated_sum& other) noexcept {
        const double errors = m_error + other.m_error;
        const double total = m_sum + other.m_sum;
        m_error = errors + lost_in_sum(m_sum, other.m_sum, total);
        m_sum = total;
    }

    [[nodiscard]] double value() const noexcept { return m_sum + m_error; }

private:
    // The low-order part that rounding `a + b` to `total` lost; symmetric in a and b.
    static double lost_in_sum(double a, double b, double total) noexcept {
        return std::fabs(a) >= std::fabs(b) ? (a - total) + b : (b - total) + a;
    }

    double m_sum = 0;
    double m_error = 0;
};

} // namespace kolroi::detail
