// core/period_test.cc: period parsing, ordering and month arithmetic.
#include "core/period.h"

#include "core/testing/status_matchers.h"

namespace tradestat::core {
namespace {

using testing::StatusIs;

TEST(PeriodTest, ParsesMonthsAndYears) {
  ASSERT_OK_AND_ASSIGN(Period p, Period::Parse("2023-06"));
  EXPECT_EQ(p, Period::Month(2023, 6));
  ASSERT_OK_AND_ASSIGN(Period q, Period::Parse("202306"));
  EXPECT_EQ(q, p);
  ASSERT_OK_AND_ASSIGN(Period y, Period::Parse("2018"));
  EXPECT_TRUE(y.is_annual());
  EXPECT_EQ(y.ToString(), "2018");
  EXPECT_EQ(p.ToString(), "2023-06");
}

TEST(PeriodTest, RejectsBadPeriods) {
  EXPECT_THAT(Period::Parse("2023-13"),
              StatusIs(StatusCode::kParse, ::testing::HasSubstr("01-12")));
  EXPECT_THAT(Period::Parse("2023-00"),
              StatusIs(StatusCode::kParse, ::testing::HasSubstr("month 00")));
  EXPECT_THAT(Period::Parse("23-06"),
              StatusIs(StatusCode::kParse, ::testing::HasSubstr("YYYY-MM")));
  EXPECT_THAT(Period::Parse("2023/06"), StatusIs(StatusCode::kParse, ::testing::_));
}

TEST(PeriodTest, MonthArithmeticCrossesYears) {
  EXPECT_EQ(Period::Month(2023, 1).AddMonths(-1), Period::Month(2022, 12));
  EXPECT_EQ(Period::Month(2022, 12).AddMonths(1), Period::Month(2023, 1));
  EXPECT_EQ(Period::Month(2023, 6).AddYears(-1), Period::Month(2022, 6));
  EXPECT_LT(Period::Month(2022, 12), Period::Month(2023, 1));
  EXPECT_EQ(Period::FromKey(202306), Period::Month(2023, 6));
}

}  // namespace
}  // namespace tradestat::core
