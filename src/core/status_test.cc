// core/status_test.cc: TRADESTAT_DCHECK aborts with the condition in builds without NDEBUG.
#include "core/status.h"

#include <gtest/gtest.h>

namespace tradestat::core {
namespace {

// Only Debug builds (the sanitizer pass of the test command) have checks on; a Release build
// has no such test rather than a skipped one.
#ifndef NDEBUG
TEST(DcheckTest, AbortsNamingTheConditionWhenChecksAreOn) {
  int two = 2;
  TRADESTAT_DCHECK(two == 2);  // passes
  EXPECT_DEATH(TRADESTAT_DCHECK(two == 3), "TRADESTAT_DCHECK failed: two == 3");
}
#endif

TEST(DcheckTest, DoesNotEvaluateTheConditionInRelease) {
  int calls = 0;
  auto touch = [&calls] { return ++calls > 0; };
  TRADESTAT_DCHECK(touch());
#ifdef NDEBUG
  EXPECT_EQ(calls, 0);
#else
  EXPECT_EQ(calls, 1);
#endif
}

}  // namespace
}  // namespace tradestat::core
