# Install rules: headers, the exported target kolroi::kolroi, and a config file with its version,
# so that another project can say find_package(kolroi CONFIG REQUIRED).
include(CMakePackageConfigHelpers)

set(KOLROI_INSTALL_CMAKEDIR "${CMAKE_INSTALL_DATADIR}/cmake/kolroi")

install(TARGETS kolroi
    EXPORT kolroi_targets
    FILE_SET HEADERS DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}")

install(EXPORT kolroi_targets
    NAMESPACE kolroi::
    FILE kolroi-targets.cmake
    DESTINATION "${KOLROI_INSTALL_CMAKEDIR}")

configure_package_config_file(
    "${PROJECT_SOURCE_DIR}/cmake/kolroi-config.cmake.in"
    "${PROJECT_BINARY_DIR}/kolroi-config.cmake"
    INSTALL_DESTINATION "${KOLROI_INSTALL_CMAKEDIR}")

# The package holds headers only, so it does not depend on the architecture it was built on.
write_basic_package_version_file(
    "${PROJECT_BINARY_DIR}/kolroi-config-version.cmake"
    COMPATIBILITY SameMinorVersion
    ARCH_INDEPENDENT)

install(FILES
    "${PROJECT_BINARY_DIR}/kolroi-config.cmake"
    "${PROJECT_BINARY_DIR}/kolroi-config-version.cmake"
    DESTINATION "${KOLROI_INSTALL_CMAKEDIR}")
