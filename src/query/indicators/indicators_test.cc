// query/indicators/indicators_test.cc: the derived measures on exact sums.
#include "query/indicators/indicators.h"

#include <gtest/gtest.h>

namespace tradestat::query::indicators {
namespace {

TEST(IndicatorsTest, GrowthShareContributionAreExactRatios) {
  Derived g = GrowthPct(107600, 100000);
  ASSERT_TRUE(g.present && g.exact);
  EXPECT_DOUBLE_EQ(g.value(), 7.6);
  EXPECT_FALSE(GrowthPct(5, 0).present);
  EXPECT_DOUBLE_EQ(SharePct(317, 1000).value(), 31.7);
  EXPECT_DOUBLE_EQ(ContributionPp(150, 100, 1000).value(), 5.0);
  Derived d = DifferencePp(GrowthPct(1076, 1000), GrowthPct(1021, 1000));
  ASSERT_TRUE(d.exact);
  EXPECT_EQ(d.num * 10, d.den * 55);  // exactly 5.5 points
}

TEST(IndicatorsTest, RecordAndSince) {
  auto r = Record(2023, 100, {{2019, 50}, {2020, 120}, {2021, 90}, {2022, 80}, {2023, 100}});
  ASSERT_TRUE(r);
  EXPECT_FALSE(r->record);
  EXPECT_EQ(r->since, 2021);  // highest since 2021 (2020 was higher)
  r = Record(2023, 130, {{2019, 50}, {2020, 120}, {2023, 130}});
  EXPECT_TRUE(r->record);
  EXPECT_EQ(r->since, 2019);
  EXPECT_FALSE(Record(2023, 1, {{2023, 1}}));
}

TEST(IndicatorsTest, RanksByValueThenCode) {
  std::vector<ResultRow> rows(3);
  rows[0].keys = {{"partner", "B", "", false}};
  rows[0].m.value = 5;
  rows[1].keys = {{"partner", "A", "", false}};
  rows[1].m.value = 5;
  rows[2].keys = {{"partner", "C", "", false}};
  rows[2].m.value = 9;
  AssignRanks(rows);
  EXPECT_EQ(rows[2].m.rank, 1);
  EXPECT_EQ(rows[1].m.rank, 2);
  EXPECT_EQ(rows[0].m.rank, 3);
}

}  // namespace
}  // namespace tradestat::query::indicators
