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

# cpp-httplib, only for kolroi::llm (the language-model feature source), so that the core
# target never needs it. Debian's libcpp-httplib-dev is a compiled library whose header must be
# read with the macros it was built with (CPPHTTPLIB_OPENSSL_SUPPORT and others change its
# classes); pkg-config's module cpp-httplib gives both the macros and the library. A vendored
# single-header httplib.h needs no library and no macros. KOLROI_HTTPLIB_MODE records which one
# was found ("pkg-config", "header" or empty), for the package's config file.
set(KOLROI_HTTPLIB_MODE "")
find_package(PkgConfig QUIET)
if(PkgConfig_FOUND)
    pkg_check_modules(kolroi_httplib QUIET IMPORTED_TARGET cpp-httplib>=0.11)
endif()
if(TARGET PkgConfig::kolroi_httplib)
    set(KOLROI_HTTPLIB_MODE "pkg-config")
else()
    find_path(KOLROI_HTTPLIB_INCLUDE_DIR httplib.h)
    find_library(KOLROI_HTTPLIB_LIBRARY cpp-httplib)
    if(KOLROI_HTTPLIB_INCLUDE_DIR AND KOLROI_HTTPLIB_LIBRARY)
        message(WARNING "kolroi: found a compiled libcpp-httplib but not its pkg-config module, "
                        "which says how its header must be read; kolroi::llm is not built")
    elseif(KOLROI_HTTPLIB_INCLUDE_DIR)
        set(KOLROI_HTTPLIB_MODE "header")
    endif()
endif()
if(KOLROI_BUILD_TESTS AND NOT KOLROI_HTTPLIB_MODE)
    message(FATAL_ERROR "kolroi: the tests of kolroi::llm need cpp-httplib (libcpp-httplib-dev)")
endif()
