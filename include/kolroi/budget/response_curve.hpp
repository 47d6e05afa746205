// kolroi/budget/response_curve.hpp: concave response curves r(x), the response (credited GMV,
// orders, ...) a channel or KOL returns for a scalable spend x >= 0.
//
// Three shapes, each increasing and concave, so the marginal return r'(x) falls as spend grows:
//   logarithmic   r(x) = a ln(1 + x / k)             r'(x) = a / (k + x)
//   hill          r(x) = a x^s / (x^s + k^s)         r'(x) = a s k^s x^(s-1) / (x^s + k^s)^2
//   exponential   r(x) = a (1 - exp(-x / k))         r'(x) = (a / k) exp(-x / k)
// with a, k > 0. The Hill curve is the saturating dose-response form used in media-mix models:
// a is the response at saturation, k the spend that gives half of it, s the shape. Only
// 0 < s <= 1 is accepted: s > 1 is S-shaped, not concave, and equal marginal returns would no
// longer mark the best split.
//
// inverse_marginal(lambda) is the spend at which r'(x) = lambda: 0 when r'(0) <= lambda, +inf when
// lambda <= 0. It has a closed form for the logarithmic and exponential curves and for Hill with
// s = 1 (x = sqrt(a k / lambda) - k). For Hill with s < 1 (r' falls from +inf at x = 0) it is
// found by Newton's method on u = ln((x / k)^s), where the equation is concave and decreasing in
// u, so the method converges from any start; it stops at a relative step of 1e-15 in u.
//
// The concept concave_response names what the allocator (concave_allocation.hpp) needs from a
// curve, so a program can bring a curve of its own.
#pragma once

#include "kolroi/budget/detail/number_text.hpp"
#include "kolroi/core/error.hpp"

#include <algorithm>
#include <cmath>
#include <concepts>
#include <limits>
#include <optional>
#include <string>
#include <string_view>

namespace kolroi {

/// What the allocator needs from a response curve: r(x), r'(x) and the spend where r'(x) = lambda.
/// r must be increasing and concave on x >= 0, so that inverse_marginal is non-increasing.
template <class Curve>
concept concave_response = requires(const Curve& curve, double amount) {
    { curve.value(amount) } -> std::convertible_to<double>;
    { curve.marginal(amount) } -> std::convertible_to<double>;
    { curve.inverse_marginal(amount) } -> std::convertible_to<double>;
};

/// The shape of a response_curve.
enum class response_shape { logarithmic, hill, exponential };

/// The name used in files and reports: "logarithmic", "hill", "exponential".
constexpr std::string_view to_string(response_shape shape) noexcept {
    switch (shape) {
    case response_shape::logarithmic:
        return "logarithmic";
    case response_shape::hill:
        return "hill";
    case response_shape::exponential:
        return "exponential";
    }
    return "logarithmic";
}

/// The shape whose name (as `to_string` writes it) is `name`, or nothing.
constexpr std::optional<response_shape> response_shape_from_name(std::string_view name) noexcept {
    for (const response_shape shape :
         {response_shape::logarithmic, response_shape::hill, response_shape::exponential}) {
        if (to_string(shape) == name) {
            return shape;
        }
    }
    return std::nullopt;
}

/// One concave response curve of a shape listed in the header comment.
class response_curve {
public:
    /// r(x) = a ln(1 + x / k).
    static response_curve logarithmic(double a, double k, const input_location& where = {}) {
        return make(response_shape::logarithmic, a, k, 1.0, where);
    }

    /// r(x) = a x^s / (x^s + k^s), 0 < s <= 1.
    static response_curve hill(double a, double k, double s = 1.0,
                               const input_location& where = {}) {
        return make(response_shape::hill, a, k, s, where);
    }

    /// r(x) = a (1 - exp(-x / k)).
    static response_curve exponential(double a, double k, const input_location& where = {}) {
        return make(response_shape::exponential, a, k, 1.0, where);
    }

    /// A curve of `shape` with scale a, spend scale k and Hill exponent s (ignored by the other
    /// shapes), for programs that read the shape by name.
    static response_curve make(response_shape shape, double a, double k, double s = 1.0,
                               const input_location& where = {}) {
        check_parameter(a, "a", where);
        check_parameter(k, "k", where);
        if (shape == response_shape::hill && !(s > 0 && s <= 1)) {
            throw error(error_kind::invalid_argument,
                        "response_curve: Hill exponent s = " + detail::number_text(s) +
                            " is outside (0, 1]; s > 1 is S-shaped, not concave",
                        located(where, "s"));
        }
        return response_curve(shape, a, k, shape == response_shape::hill ? s : 1.0);
    }

    [[nodiscard]] response_shape shape() const noexcept { return m_shape; }
    [[nodiscard]] double scale() const noexcept { return m_a; }       ///< a
    [[nodiscard]] double spend_scale() const noexcept { return m_k; } ///< k
    [[nodiscard]] double exponent() const noexcept { return m_s; }    ///< s (1 unless Hill)

    /// r(x), the response at spend x >= 0.
    [[nodiscard]] double value(double spend) const {
        check_spend(spend, "value");
        switch (m_shape) {
        case response_shape::logarithmic:
            return m_a * std::log1p(spend / m_k);
        case response_shape::hill: {
            const double ratio = std::pow(spend / m_k, m_s);
            return std::isinf(ratio) ? m_a : m_a * ratio / (1 + ratio);
        }
        case response_shape::exponential:
            return -m_a * std::expm1(-spend / m_k);
        }
        return 0;
    }

    /// r'(x), the marginal return at spend x >= 0 (+inf at x = 0 for Hill with s < 1).
    [[nodiscard]] double marginal(double spend) const {
        check_spend(spend, "marginal");
        switch (m_shape) {
        case response_shape::logarithmic:
            return m_a / (m_k + spend);
        case response_shape::hill:
            return hill_marginal(spend);
        case response_shape::exponential:
            return m_a / m_k * std::exp(-spend / m_k);
        }
        return 0;
    }

    /// The spend x at which r'(x) = lambda; 0 when r'(0) <= lambda, +inf when lambda <= 0.
    [[nodiscard]] double inverse_marginal(double lambda) const {
        if (std::isnan(lambda)) {
            throw error(error_kind::invalid_argument,
                        "response_curve::inverse_marginal: lambda is not a number");
        }
        if (lambda <= 0) {
            return std::numeric_limits<double>::infinity();
        }
        switch (m_shape) {
        case response_shape::logarithmic:
            return non_negative(m_a / lambda - m_k);
        case response_shape::hill:
            return m_s == 1.0 ? non_negative(std::sqrt(m_a * m_k / lambda) - m_k)
                              : hill_inverse_by_newton(lambda);
        case response_shape::exponential:
            return non_negative(m_k * std::log(m_a / (m_k * lambda)));
        }
        return 0;
    }

private:
    response_curve(response_shape shape, double a, double k, double s)
        : m_shape(shape)
        , m_a(a)
        , m_k(k)
        , m_s(s) {}

    static input_location located(const input_location& where, const std::string& field) {
        input_location at = where;
        if (!where.empty()) {
            at.field = field;
        }
        return at;
    }

    static void check_parameter(double value, const std::string& name,
                                const input_location& where) {
        if (!std::isfinite(value) || value <= 0) {
            throw error(error_kind::invalid_argument,
                        "response_curve: parameter " + name + " = " + detail::number_text(value) +
                            " is not a finite number > 0",
                        located(where, name));
        }
    }

    static void check_spend(double spend, const char* what) {
        if (!(spend >= 0)) {
            throw error(error_kind::invalid_argument, std::string("response_curve::") + what +
                                                          ": spend " + detail::number_text(spend) +
                                                          " is not a number >= 0");
        }
    }

    // -0.0 and tiny negative results of the closed forms both mean "no spend".
    static double non_negative(double spend) noexcept { return spend > 0 ? spend : 0.0; }

    // Written with t = (x / k)^s as a s t / (x (1 + t)^2), which neither overflows for large x
    // nor loses the x^(s-1) factor for small x.
    [[nodiscard]] double hill_marginal(double spend) const noexcept {
        if (spend == 0) {
            return m_s == 1.0 ? m_a / m_k : std::numeric_limits<double>::infinity();
        }
        if (std::isinf(spend)) {
            return 0;
        }
        const double ratio = std::pow(spend / m_k, m_s);
        return m_a * m_s * (ratio / (1 + ratio)) / (1 + ratio) / spend;
    }

    // With u = ln t, t = (x / k)^s, r'(x) = lambda becomes
    //   h(u) = (1 - 1/s) u - 2 ln(1 + e^u) = ln(lambda k / (a s)).
    // h falls and is concave, so after Newton's first step every iterate sits at or beyond the
    // root and the steps fall back onto it monotonically, from any start.
    [[nodiscard]] double hill_inverse_by_newton(double lambda) const {
        if (std::isinf(lambda)) {
            return 0;
        }
        const double target = std::log(lambda) + std::log(m_k) - std::log(m_a * m_s);
        const double slope = 1 - 1 / m_s;
        const auto softplus = [](double u) {
            return u > 0 ? u + std::log1p(std::exp(-u)) : std::log1p(std::exp(u));
        };
        double u = 0;
        for (int step = 0; step < 200; ++step) {
            const double logistic = 1 / (1 + std::exp(-u));
            const double change = (slope * u - 2 * softplus(u) - target) / (slope - 2 * logistic);
            u -= change;
            if (std::fabs(change) <= 1e-15 * std::max(1.0, std::fabs(u))) {
                break;
            }
        }
        return m_k * std::exp(u / m_s);
    }

    response_shape m_shape;
    double m_a;
    double m_k;
    double m_s;
};

static_assert(concave_response<response_curve>);

} // namespace kolroi
