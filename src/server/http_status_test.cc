// server/http_status_test.cc: Status codes -> HTTP codes, parameter names from messages.
#include "server/http_status.h"

#include <gtest/gtest.h>

namespace tradestat::server {
namespace {

TEST(HttpStatus, MapsCodes) {
  EXPECT_EQ(HttpStatusFor(core::StatusCode::kInvalidArgument), 400);
  EXPECT_EQ(HttpStatusFor(core::StatusCode::kNotFound), 404);
  EXPECT_EQ(HttpStatusFor(core::StatusCode::kCorruption), 500);
  EXPECT_EQ(HttpStatusFor(core::StatusCode::kUnsupported), 501);
}

TEST(HttpStatus, TakesTheParameterFromTheMessage) {
  HttpError e =
      FromStatus(core::Status::InvalidArgument("--period: \"2023-13\"; use --by period instead"));
  EXPECT_EQ(e.parameter, "period");
  EXPECT_EQ(e.message, "period: \"2023-13\"; use by period instead");
  EXPECT_EQ(e.code, "invalid_argument");
  EXPECT_EQ(ErrorJson(e).back(), '\n');
}

}  // namespace
}  // namespace tradestat::server
