// core/testing/status_matchers.h: EXPECT_OK, ASSERT_OK_AND_ASSIGN and StatusIs for gtest.
#pragma once

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "core/status.h"

namespace tradestat::core::testing {

inline const Status& GetStatus(const Status& s) { return s; }
template <typename T>
const Status& GetStatus(const Result<T>& r) {
  return r.status();
}

MATCHER_P2(StatusIs, code, message_matcher, "") {
  const Status& s = GetStatus(arg);
  *result_listener << "status is \"" << s.ToString() << "\"";
  return s.code() == code &&
         ::testing::ExplainMatchResult(message_matcher, s.message(), result_listener);
}

}  // namespace tradestat::core::testing

#define EXPECT_OK(expr)                                         \
  EXPECT_TRUE(::tradestat::core::testing::GetStatus(expr).ok()) \
      << ::tradestat::core::testing::GetStatus(expr).ToString()
#define ASSERT_OK(expr)                                         \
  ASSERT_TRUE(::tradestat::core::testing::GetStatus(expr).ok()) \
      << ::tradestat::core::testing::GetStatus(expr).ToString()
#define ASSERT_OK_AND_ASSIGN(lhs, expr)                       \
  auto TRADESTAT_CONCAT(_r_, __LINE__) = (expr);              \
  ASSERT_TRUE(TRADESTAT_CONCAT(_r_, __LINE__).ok())           \
      << TRADESTAT_CONCAT(_r_, __LINE__).status().ToString(); \
  lhs = std::move(TRADESTAT_CONCAT(_r_, __LINE__)).value()
