// refdata/date_test.cc: Date parsing and calendar arithmetic.
#include "refdata/date.h"

#include <gtest/gtest.h>

#include "core/testing/status_matchers.h"

namespace tradestat::refdata {
namespace {

using core::testing::StatusIs;
using ::testing::HasSubstr;

TEST(DateTest, ParsesAndPrints) {
  ASSERT_OK_AND_ASSIGN(Date d, Date::Parse("2020-01-31"));
  EXPECT_EQ(d.year(), 2020);
  EXPECT_EQ(d.month(), 1);
  EXPECT_EQ(d.day(), 31);
  EXPECT_EQ(d.ToString(), "2020-01-31");
  EXPECT_EQ(d.key(), 20200131);
}

TEST(DateTest, RejectsMalformedDates) {
  for (const char* bad :
       {"2020-02-30", "2021-02-29", "2020-13-01", "2020-1-01", "20200131", "", "abcd-ef-gh"}) {
    EXPECT_THAT(Date::Parse(bad),
                StatusIs(core::StatusCode::kInvalidArgument, HasSubstr("YYYY-MM-DD")))
        << bad;
  }
  EXPECT_OK(Date::Parse("2024-02-29"));
}

TEST(DateTest, PeriodBounds) {
  EXPECT_EQ(Date::EndOf(core::Period::Month(2023, 2)), Date::Of(2023, 2, 28));
  EXPECT_EQ(Date::EndOf(core::Period::Month(2024, 2)), Date::Of(2024, 2, 29));
  EXPECT_EQ(Date::EndOf(core::Period::Year(2023)), Date::Of(2023, 12, 31));
  EXPECT_EQ(Date::StartOf(core::Period::Month(2023, 6)), Date::Of(2023, 6, 1));
}

TEST(DateTest, NextAndPreviousDayCrossMonthAndYear) {
  EXPECT_EQ(Date::Of(2020, 1, 31).NextDay(), Date::Of(2020, 2, 1));
  EXPECT_EQ(Date::Of(2022, 12, 31).NextDay(), Date::Of(2023, 1, 1));
  EXPECT_EQ(Date::Of(2023, 3, 1).PreviousDay(), Date::Of(2023, 2, 28));
  EXPECT_EQ(Date::Of(2023, 1, 1).PreviousDay(), Date::Of(2022, 12, 31));
  EXPECT_LT(Date::Min(), Date::Of(1958, 1, 1));
  EXPECT_LT(Date::Of(2999, 12, 31), Date::Max());
}

}  // namespace
}  // namespace tradestat::refdata
