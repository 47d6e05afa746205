// A reader for NIST StRD linear least-squares files (tests/data/nist/*.dat): the data and the
// certified values, taken from the line ranges the file's own header states.
//
// The files are CRLF text. Their header says "Certified Values (lines a to b)" and
// "Data (lines c to d)", 1-based. Certified parameters are rows "Bk  estimate  sd"; the data
// rows are "y x1 .. xm". Numbers may use Fortran exponents (0.67E-03), no leading zero (.11019)
// or "Infinity" (the F statistic of an exact fit).
#pragma once

#include <Eigen/Core>

#include <charconv>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <regex>
#include <stdexcept>
#include <string>
#include <vector>

namespace kolroi::test {

struct nist_parameter {
    std::string name; ///< "B0", "B1", ...
    double estimate = 0.0;
    double standard_deviation = 0.0;
};

/// One row of the certified analysis of variance table.
struct nist_anova_row {
    double degrees_of_freedom = 0.0;
    double sum_of_squares = 0.0;
    double mean_square = 0.0;
    double f_statistic = 0.0; ///< regression row only; infinite for an exact fit
};

struct nist_dataset {
    std::string name;
    std::vector<nist_parameter> parameters; ///< in the file's order, B0 first when present
    double residual_standard_deviation = 0.0;
    double r_squared = 0.0;
    nist_anova_row regression;
    nist_anova_row residual;
    Eigen::VectorXd y;
    Eigen::MatrixXd predictors; ///< the x columns as the file gives them

    [[nodiscard]] bool has_intercept() const {
        return !parameters.empty() && parameters.front().name == "B0";
    }

    /// The model's columns without the intercept: the predictors as given, or, for the
    /// polynomial files that give one x for several slopes, x, x^2, ..., x^k.
    [[nodiscard]] Eigen::MatrixXd design() const {
        const auto slopes =
            static_cast<Eigen::Index>(parameters.size()) - (has_intercept() ? 1 : 0);
        if (slopes == predictors.cols()) {
            return predictors;
        }
        if (predictors.cols() != 1) {
            throw std::runtime_error(name + ": " + std::to_string(slopes) + " slopes but " +
                                     std::to_string(predictors.cols()) + " predictor columns");
        }
        Eigen::MatrixXd powers(predictors.rows(), slopes);
        for (Eigen::Index k = 0; k < slopes; ++k) {
            powers.col(k) = predictors.col(0).array().pow(static_cast<double>(k + 1));
        }
        return powers;
    }
};

namespace detail {

inline double nist_number(const std::string& text) {
    double value = 0.0;
    const char* first = text.data();
    const char* last = first + text.size();
    const auto parsed = std::from_chars(first, last, value);
    if (parsed.ec != std::errc{} || parsed.ptr != last) {
        throw std::runtime_error("not a NIST number: '" + text + "'");
    }
    return value;
}

inline std::vector<std::string> nist_fields(const std::string& line) {
    std::vector<std::string> fields;
    std::size_t at = 0;
    while (true) {
        at = line.find_first_not_of(" \t", at);
        if (at == std::string::npos) {
            return fields;
        }
        const std::size_t end = line.find_first_of(" \t", at);
        fields.push_back(line.substr(at, end - at));
        at = end;
    }
}

/// The 1-based inclusive range of `label` ("Certified Values", "Data") in the header.
inline std::pair<std::size_t, std::size_t> nist_range(const std::vector<std::string>& lines,
                                                      const std::string& label) {
    const std::regex pattern(label + R"(\s*\(lines\s+(\d+)\s+to\s+(\d+)\))");
    for (const auto& line : lines) {
        std::smatch match;
        if (std::regex_search(line, match, pattern)) {
            return {std::stoul(match[1]), std::stoul(match[2])};
        }
    }
    throw std::runtime_error("no '" + label + " (lines a to b)' in the header");
}

inline nist_anova_row nist_anova(const std::vector<std::string>& fields) {
    nist_anova_row row;
    row.degrees_of_freedom = nist_number(fields.at(1));
    row.sum_of_squares = nist_number(fields.at(2));
    row.mean_square = nist_number(fields.at(3));
    if (fields.size() > 4) {
        row.f_statistic = nist_number(fields.at(4));
    }
    return row;
}

inline void read_certified(nist_dataset& data, const std::vector<std::string>& lines,
                           std::pair<std::size_t, std::size_t> range) {
    const std::regex parameter(R"(^B\d+$)");
    for (std::size_t number = range.first; number <= range.second; ++number) {
        const auto fields = nist_fields(lines.at(number - 1));
        if (fields.empty()) {
            continue;
        }
        if (std::regex_match(fields[0], parameter) && fields.size() == 3) {
            data.parameters.push_back({fields[0], nist_number(fields[1]), nist_number(fields[2])});
        } else if (fields.size() == 3 && fields[0] == "Standard" && fields[1] == "Deviation") {
            data.residual_standard_deviation = nist_number(fields[2]);
        } else if (fields.size() == 2 && fields[0] == "R-Squared") {
            data.r_squared = nist_number(fields[1]);
        } else if (fields[0] == "Regression" && fields.size() >= 5) {
            data.regression = nist_anova(fields);
        } else if (fields[0] == "Residual" && fields.size() >= 4) {
            data.residual = nist_anova(fields);
        }
    }
}

inline void read_data(nist_dataset& data, const std::vector<std::string>& lines,
                      std::pair<std::size_t, std::size_t> range) {
    const auto rows = static_cast<Eigen::Index>(range.second - range.first + 1);
    const auto columns = static_cast<Eigen::Index>(nist_fields(lines.at(range.first - 1)).size());
    data.y.resize(rows);
    data.predictors.resize(rows, columns - 1);
    for (Eigen::Index i = 0; i < rows; ++i) {
        const auto fields = nist_fields(lines.at(range.first - 1 + static_cast<std::size_t>(i)));
        if (static_cast<Eigen::Index>(fields.size()) != columns) {
            throw std::runtime_error("data row " + std::to_string(i) + " has " +
                                     std::to_string(fields.size()) + " fields, not " +
                                     std::to_string(columns));
        }
        data.y[i] = nist_number(fields[0]);
        for (Eigen::Index j = 1; j < columns; ++j) {
            data.predictors(i, j - 1) = nist_number(fields[static_cast<std::size_t>(j)]);
        }
    }
}

} // namespace detail

/// Reads one NIST StRD linear least-squares file.
inline nist_dataset read_nist(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw std::runtime_error("cannot open " + path.string());
    }
    std::vector<std::string> lines;
    for (std::string line; std::getline(in, line);) {
        if (!line.empty() && line.back() == '\r') {
            line.pop_back();
        }
        lines.push_back(line);
    }

    nist_dataset data;
    data.name = path.stem().string();
    detail::read_certified(data, lines, detail::nist_range(lines, "Certified Values"));
    detail::read_data(data, lines, detail::nist_range(lines, "Data"));
    return data;
}

/// The log relative error -log10(|estimate - certified| / |certified|), capped at 15 (agreement
/// to the last digit NIST quotes). For a certified zero, pass the size the error is measured
/// against as `scale`.
inline double log_relative_error(double estimate, double certified, double scale = 0.0) {
    const double reference = certified != 0.0 ? std::fabs(certified) : scale;
    const double error = std::fabs(estimate - certified);
    if (error == 0.0) {
        return 15.0;
    }
    return std::min(15.0, -std::log10(error / reference));
}

} // namespace kolroi::test
