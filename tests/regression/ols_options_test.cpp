// ols_options: defaults and the checks `validate` makes before a fit.
#include "kolroi/regression/ols_options.hpp"

#include "test_support.hpp"

#include <limits>
#include <string>

namespace {

/// The error `options.validate(rows)` throws; fails the test when it throws none.
kolroi::error validation_error(const kolroi::ols_options& options, Eigen::Index rows) {
    try {
        options.validate(rows);
    } catch (const kolroi::error& caught) {
        return caught;
    }
    FAIL("validate accepted options it should reject");
    return kolroi::error(kolroi::error_kind::invalid_argument, "unreachable");
}

bool mentions(const kolroi::error& e, const std::string& fragment) {
    return std::string(e.what()).find(fragment) != std::string::npos;
}

} // namespace

TEST_CASE("default options fit an unweighted, unshrunk model with an intercept") {
    const kolroi::ols_options options;
    CHECK(options.intercept);
    CHECK_FALSE(options.weights.has_value());
    CHECK(options.ridge_lambda == 0.0);
    CHECK(options.rank_tolerance == kolroi::default_rank_tolerance);
    CHECK_NOTHROW(options.validate(3));
}

TEST_CASE("ridge_lambda must be finite and not negative") {
    kolroi::ols_options options;
    options.ridge_lambda = -0.5;
    auto e = validation_error(options, 4);
    CHECK(e.kind() == kolroi::error_kind::invalid_argument);
    CHECK(mentions(e, "ridge_lambda"));
    CHECK(mentions(e, "got -0.5"));

    options.ridge_lambda = std::numeric_limits<double>::infinity();
    CHECK(mentions(validation_error(options, 4), "got inf"));
    options.ridge_lambda = std::numeric_limits<double>::quiet_NaN();
    CHECK(mentions(validation_error(options, 4), "ridge_lambda"));

    options.ridge_lambda = 2.5;
    CHECK_NOTHROW(options.validate(4));
}

TEST_CASE("rank_tolerance must lie in [0, 1)") {
    kolroi::ols_options options;
    options.rank_tolerance = 1.0;
    CHECK(mentions(validation_error(options, 4), "rank_tolerance must be in [0, 1), got 1"));
    options.rank_tolerance = -1e-12;
    CHECK(mentions(validation_error(options, 4), "got -1e-12"));
    options.rank_tolerance = std::numeric_limits<double>::quiet_NaN();
    CHECK(mentions(validation_error(options, 4), "rank_tolerance"));
    options.rank_tolerance = 0.0;
    CHECK_NOTHROW(options.validate(4));
}

TEST_CASE("weights need one entry per row") {
    kolroi::ols_options options;
    options.weights = Eigen::VectorXd::Ones(3);
    const auto e = validation_error(options, 4);
    CHECK(e.kind() == kolroi::error_kind::invalid_argument);
    CHECK(mentions(e, "weights has 3 entries but x has 4 rows"));
    CHECK_NOTHROW(options.validate(3));
}

TEST_CASE("a negative or non-finite weight is rejected with its row") {
    kolroi::ols_options options;
    options.weights = Eigen::VectorXd::Ones(4);

    (*options.weights)[2] = -1.0;
    auto e = validation_error(options, 4);
    CHECK(mentions(e, "weight of row 2 must be finite and >= 0, got -1"));
    CHECK(e.where().field == "weights[2]");

    (*options.weights)[2] = std::numeric_limits<double>::infinity();
    CHECK(mentions(validation_error(options, 4), "got inf"));
    (*options.weights)[2] = std::numeric_limits<double>::quiet_NaN();
    CHECK(mentions(validation_error(options, 4), "weight of row 2"));
}

TEST_CASE("zero weights are allowed as long as one is positive") {
    kolroi::ols_options options;
    options.weights = Eigen::VectorXd::Zero(4);
    CHECK(mentions(validation_error(options, 4), "every one of the 4 weights is zero"));
    (*options.weights)[1] = 0.25;
    CHECK_NOTHROW(options.validate(4));
}
