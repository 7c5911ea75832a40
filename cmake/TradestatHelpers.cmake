# cmake/TradestatHelpers.cmake: tradestat_module() and tradestat_test(), the only way targets are declared.
#
# Each module is one static library named tradestat_<name>; DEPS states the one-way dependency rule
# (core -> refdata -> store, ingest -> query -> report -> cli) so a wrong include fails at link time.

add_library(tradestat_standard_settings INTERFACE)
target_compile_options(tradestat_standard_settings INTERFACE
  -Wall -Wextra -Wno-unused-parameter -Wshadow=local -Wnon-virtual-dtor)
target_include_directories(tradestat_standard_settings INTERFACE ${PROJECT_SOURCE_DIR}/src)
find_package(Threads REQUIRED)
target_link_libraries(tradestat_standard_settings INTERFACE Threads::Threads)

# tradestat_module(NAME SOURCES a.cc b.cc DEPS tradestat_core fmt::fmt ...)
function(tradestat_module name)
  cmake_parse_arguments(M "" "" "SOURCES;DEPS" ${ARGN})
  add_library(tradestat_${name} STATIC ${M_SOURCES})
  target_link_libraries(tradestat_${name} PUBLIC tradestat_standard_settings ${M_DEPS})
endfunction()

# tradestat_test(NAME [USES_BINARY] SOURCES a_test.cc ... DEPS tradestat_x ...): one gtest binary
# per module. USES_BINARY: the tests run the tradestat executable, so building them builds it first
# (the target is resolved at generate time, so src/cli may come later).
function(tradestat_test name)
  if(NOT TRADESTAT_BUILD_TESTS)
    return()
  endif()
  cmake_parse_arguments(T "USES_BINARY" "" "SOURCES;DEPS" ${ARGN})
  add_executable(${name} ${T_SOURCES})
  target_link_libraries(${name} PRIVATE tradestat_standard_settings ${T_DEPS} GTest::gmock GTest::gtest_main)
  # Tests find the source tree and the tradestat binary through core/testing/test_paths.h.
  target_compile_definitions(${name} PRIVATE
    TRADESTAT_TEST_SOURCE_DIR="${PROJECT_SOURCE_DIR}"
    TRADESTAT_TEST_BINARY="${PROJECT_BINARY_DIR}/src/cli/tradestat")  # built first with USES_BINARY
  if(T_USES_BINARY)
    add_dependencies(${name} tradestat)
  endif()
  gtest_discover_tests(${name} DISCOVERY_TIMEOUT 60)
endfunction()

# TRADESTAT_SANITIZE=ON: AddressSanitizer + UndefinedBehaviorSanitizer on every target (the test
# command's second build, tools/bootstrap.sh; docs/testing.md). Any UB report aborts the test.
option(TRADESTAT_SANITIZE "Build with -fsanitize=address,undefined" OFF)
if(TRADESTAT_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer)
  add_link_options(-fsanitize=address,undefined)
endif()

# TRADESTAT_FUZZ=ON (clang only): coverage for libFuzzer plus ASan/UBSan on every target, and the
# fuzz_* targets of tests/fuzz/ (tools/fuzz.sh).
option(TRADESTAT_FUZZ "Build the libFuzzer targets (clang)" OFF)
if(TRADESTAT_FUZZ)
  add_compile_options(-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined -g)
  add_link_options(-fsanitize=address,undefined)
endif()
