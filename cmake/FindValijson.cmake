# Finds the header-only valijson library (JSON Schema draft 7 validation).
# Debian's libvalijson-dev drags Qt5 and Poco in as dependencies, so scripts/bootstrap.sh unpacks
# just its headers into .deps/valijson; a system-wide install is found as well.
find_path(Valijson_INCLUDE_DIR valijson/validator.hpp
          HINTS "${PROJECT_SOURCE_DIR}/.deps/valijson/usr/include")
include(FindPackageHandleStandardArgs)
find_package_handle_standard_args(Valijson REQUIRED_VARS Valijson_INCLUDE_DIR)
if(Valijson_FOUND AND NOT TARGET Valijson::Valijson)
  add_library(Valijson::Valijson INTERFACE IMPORTED)
  set_target_properties(Valijson::Valijson PROPERTIES INTERFACE_INCLUDE_DIRECTORIES
                                                      "${Valijson_INCLUDE_DIR}")
endif()
