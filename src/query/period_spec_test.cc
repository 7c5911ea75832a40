// query/period_spec_test.cc: --period and --compare forms, and their errors.
#include "query/period_spec.h"

#include "core/testing/status_matchers.h"

namespace tradestat::query {
namespace {

using core::Period;
using core::StatusCode;
using core::testing::StatusIs;
using ::testing::HasSubstr;

TEST(PeriodSpecTest, ParsesEveryForm) {
  struct Case {
    const char* spec;
    Period from, to;
    const char* label;
  };
  const Case cases[] = {
      {"2023-06", Period::Month(2023, 6), Period::Month(2023, 6), "2023-06"},
      {"2023-01..2023-06", Period::Month(2023, 1), Period::Month(2023, 6), "2023-01..2023-06"},
      {"2023Q2", Period::Month(2023, 4), Period::Month(2023, 6), "2023Q2"},
      {"2023h1", Period::Month(2023, 1), Period::Month(2023, 6), "2023H1"},
      {"2023", Period::Month(2023, 1), Period::Month(2023, 12), "2023"},
      {"2023-06:ytd", Period::Month(2023, 1), Period::Month(2023, 6), "2023-06:ytd"},
  };
  for (const Case& c : cases) {
    ASSERT_OK_AND_ASSIGN(PeriodRange r, ParsePeriodSpec(c.spec));
    EXPECT_EQ(r.from, c.from) << c.spec;
    EXPECT_EQ(r.to, c.to) << c.spec;
    EXPECT_EQ(r.label, c.label);
  }
}

TEST(PeriodSpecTest, ComparisonRanges) {
  ASSERT_OK_AND_ASSIGN(PeriodRange h1, ParsePeriodSpec("2023H1"));
  auto yoy = ComparisonRange(h1, CompareMode::kYoy);
  ASSERT_TRUE(yoy);
  EXPECT_EQ(yoy->from, Period::Month(2022, 1));
  EXPECT_EQ(yoy->to, Period::Month(2022, 6));
  EXPECT_EQ(yoy->label, "2022H1");
  auto prev = ComparisonRange(h1, CompareMode::kPrev);
  EXPECT_EQ(prev->from, Period::Month(2022, 7));
  EXPECT_EQ(prev->to, Period::Month(2022, 12));
  ASSERT_OK_AND_ASSIGN(PeriodRange m, ParsePeriodSpec("2023-01"));
  EXPECT_EQ(ComparisonRange(m, CompareMode::kPrev)->from, Period::Month(2022, 12));
  ASSERT_OK_AND_ASSIGN(PeriodRange r, ParsePeriodSpec("2022-11..2023-02"));
  EXPECT_EQ(ComparisonRange(r, CompareMode::kYoy)->label, "2021-11..2022-02");
  EXPECT_FALSE(ComparisonRange(r, CompareMode::kNone));
}

TEST(PeriodSpecTest, AnnualSegmentsNeedTheWholeYear) {
  ASSERT_OK_AND_ASSIGN(PeriodRange y, ParsePeriodSpec("2023"));
  EXPECT_TRUE(y.Contains(Period::Year(2023)));
  ASSERT_OK_AND_ASSIGN(PeriodRange h, ParsePeriodSpec("2023H1"));
  EXPECT_FALSE(h.Contains(Period::Year(2023)));
}

TEST(PeriodSpecTest, ErrorsNameTheOptionAndForms) {
  for (const char* bad :
       {"2023-13", "2023Q5", "23-06", "2023-06..2023-01", "2023-06:ytdx", "", "H1"}) {
    EXPECT_THAT(ParsePeriodSpec(bad), StatusIs(StatusCode::kInvalidArgument, HasSubstr("--period")))
        << bad;
  }
  EXPECT_THAT(ParsePeriodSpec("2023Q5"),
              StatusIs(StatusCode::kInvalidArgument, HasSubstr("2023Q2")));
  EXPECT_THAT(ParseCompareMode("mom"),
              StatusIs(StatusCode::kInvalidArgument, HasSubstr("yoy, prev, none")));
}

}  // namespace
}  // namespace tradestat::query
