// query/coverage_test.cc: which months of a period and its comparison period a dataset holds,
// and how that is said (messages, the query JSON's "coverage" object).
#include "query/coverage.h"

#include <gtest/gtest.h>

namespace tradestat::query {
namespace {

using core::Period;

std::vector<Period> Months(int y1, int m1, int y2, int m2) {
  std::vector<Period> out;
  for (int32_t i = Period::Month(y1, m1).MonthIndex(); i <= Period::Month(y2, m2).MonthIndex(); ++i)
    out.push_back(Period::FromMonthIndex(i));
  return out;
}

TEST(CoverageTest, PartialYearAndItsComparisonYear) {
  const PeriodRange year{Period::Month(2023, 1), Period::Month(2023, 12), "2023"};
  const PeriodRange prev = year.ShiftYears(-1);
  std::vector<Period> present = Months(2022, 1, 2022, 6);  // H1 of both years
  for (const Period& p : Months(2023, 1, 2023, 6)) present.push_back(p);
  const Coverage c = CheckCoverage(present, year, prev);
  EXPECT_FALSE(c.complete());
  ASSERT_EQ(c.missing.size(), 6u);
  EXPECT_EQ(c.missing.front(), Period::Month(2023, 7));
  EXPECT_EQ(c.missing_compare.size(), 6u);
  EXPECT_EQ(CoverageGapText(c, year, prev),
            "period 2023 lacks 2023-07..2023-12; comparison period 2022 lacks 2022-07..2022-12; "
            "the data hold "
            "2022-01..2023-06");
  EXPECT_EQ(CoverageJson(c, year, prev),
            "{\"complete\":false,"
            "\"period\":{\"label\":\"2023\",\"months\":12,\"present\":6,\"missing\":[\"2023-07\","
            "\"2023-08\",\"2023-09\","
            "\"2023-10\",\"2023-11\",\"2023-12\"]},"
            "\"compare\":{\"label\":\"2022\",\"months\":12,\"present\":6,\"missing\":[\"2022-07\","
            "\"2022-08\",\"2022-09\","
            "\"2022-10\",\"2022-11\",\"2022-12\"]},"
            "\"data\":{\"first\":\"2022-01\",\"last\":\"2023-06\"}}");
}

TEST(CoverageTest, CompleteWithAnnualSegmentsAndWithoutComparison) {
  const PeriodRange h1{Period::Month(2023, 1), Period::Month(2023, 6), "2023H1"};
  std::vector<Period> present = Months(2023, 1, 2023, 6);
  present.push_back(Period::Year(2022));  // an annual segment covers every month of 2022
  const Coverage c = CheckCoverage(present, h1, h1.ShiftYears(-1));
  EXPECT_TRUE(c.complete());
  EXPECT_EQ(CoverageGapText(c, h1, h1.ShiftYears(-1)), "");
  const Coverage none = CheckCoverage(present, h1, std::nullopt);
  EXPECT_EQ(CoverageJson(none, h1, std::nullopt),
            "{\"complete\":true,\"period\":{\"label\":\"2023H1\",\"months\":6,\"present\":6,"
            "\"missing\":[]},"
            "\"compare\":null,\"data\":{\"first\":\"2022-01\",\"last\":\"2023-06\"}}");
}

TEST(CoverageTest, NoDataAtAll) {
  const PeriodRange m{Period::Month(2019, 3), Period::Month(2019, 3), "2019-03"};
  const Coverage c = CheckCoverage({}, m, m.ShiftYears(-1));
  EXPECT_FALSE(c.complete());
  EXPECT_EQ(CoverageGapText(c, m, m.ShiftYears(-1)),
            "period 2019-03 lacks 2019-03; comparison period 2018-03 lacks 2018-03; the data hold "
            "no months");
  EXPECT_NE(CoverageJson(c, m, m.ShiftYears(-1)).find("\"data\":null"), std::string::npos);
}

TEST(CoverageTest, MonthListJoinsRuns) {
  EXPECT_EQ(MonthListText({Period::Month(2023, 7), Period::Month(2023, 8), Period::Month(2024, 2)}),
            "2023-07..2023-08, 2024-02");
}

}  // namespace
}  // namespace tradestat::query
