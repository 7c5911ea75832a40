// core/testing/test_paths.h: where tests find the source tree and the tradestat binary.
//
// The build defines both paths for every test target (cmake/TradestatHelpers.cmake); the
// environment variables TRADESTAT_SOURCE_DIR and TRADESTAT_BINARY override them.
#pragma once

#include <cstdlib>
#include <string>

namespace tradestat::core::testing {

inline std::string SourceDir() {
  if (const char* env = std::getenv("TRADESTAT_SOURCE_DIR")) return env;
#ifdef TRADESTAT_TEST_SOURCE_DIR
  return TRADESTAT_TEST_SOURCE_DIR;
#else
  return ".";
#endif
}

inline std::string TradestatBinary() {
  if (const char* env = std::getenv("TRADESTAT_BINARY")) return env;
#ifdef TRADESTAT_TEST_BINARY
  return TRADESTAT_TEST_BINARY;
#else
  return "tradestat";
#endif
}

}  // namespace tradestat::core::testing
