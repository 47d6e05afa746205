# Finds what kolroi needs. Every package here is a Debian 12 package (see cmake/install-deps.sh).
include(GNUInstallDirs)

find_package(Eigen3 3.4 REQUIRED NO_MODULE)
find_package(nlohmann_json 3.10 REQUIRED)
find_package(Boost 1.74 REQUIRED CONFIG COMPONENTS headers)

if(KOLROI_BUILD_TESTS)
    find_package(doctest 2.4 REQUIRED)
endif()

if(KOLROI_BUILD_BENCHMARKS)
    find_package(benchmark 1.7 REQUIRED)
endif()

if(KOLROI_BUILD_EXAMPLES OR KOLROI_BUILD_TESTS)
    find_package(CLI11 2.1 REQUIRED)
endif()
