// refdata/regions_test.cc: region codes, hierarchy and Hunan's region groups.
#include "refdata/regions.h"

#include <gtest/gtest.h>

#include "core/testing/status_matchers.h"
#include "refdata/reference.h"

namespace tradestat::refdata {
namespace {

using core::testing::StatusIs;
using ::testing::Contains;
using ::testing::HasSubstr;

const Regions& R() { return Reference::Builtin().regions(); }

TEST(RegionsTest, HierarchyFollowsCodes) {
  EXPECT_TRUE(Regions::IsWithin("430600", "430000"));
  EXPECT_TRUE(Regions::IsWithin("430621", "430600"));
  EXPECT_TRUE(Regions::IsWithin("430621", "430000"));
  EXPECT_TRUE(Regions::IsWithin("430000", "430000"));
  EXPECT_FALSE(Regions::IsWithin("430000", "430600"));
  EXPECT_FALSE(Regions::IsWithin("440100", "430000"));
  EXPECT_FALSE(Regions::IsWithin("430700", "430600"));
  EXPECT_EQ(Regions::ProvinceOf("431202"), "430000");
}

TEST(RegionsTest, KnowsAllProvincesAndHunan) {
  int provinces = 0;
  for (const Region& r : R().all()) provinces += r.parent.empty();
  EXPECT_EQ(provinces, 31);
  EXPECT_EQ(R().Children("430000").size(), 14u);
  // Every prefecture of GB/T 2260 (2024), from shared/reference/cn_divisions.csv.
  EXPECT_EQ(R().Children("440000").size(), 21u);
  EXPECT_EQ(R().Find("440100")->name_zh, "广州市");
  EXPECT_EQ(R().Find("440100")->name_en, "Guangzhou");
  int prefectures = 0;
  for (const Region& r : R().all()) prefectures += !r.parent.empty();
  EXPECT_EQ(prefectures, 333);
  EXPECT_EQ(R().Find("430100")->name_zh, "长沙市");
  EXPECT_EQ(R().Find("433100")->name_en, "Xiangxi Tujia and Miao Autonomous Prefecture");
}

TEST(RegionsTest, Normalize) {
  EXPECT_EQ(*R().Normalize("430100"), "430100");
  EXPECT_EQ(*R().Normalize("430621"), "430621");  // a county under a known province
  EXPECT_EQ(*R().Normalize("43"), "430000");
  EXPECT_EQ(*R().Normalize("湖南省"), "430000");
  EXPECT_EQ(*R().Normalize("Changsha"), "430100");
  EXPECT_THAT(R().Normalize("990000"),
              StatusIs(core::StatusCode::kNotFound, HasSubstr("no province")));
  EXPECT_THAT(R().Normalize("Gotham"),
              StatusIs(core::StatusCode::kNotFound, HasSubstr("GB/T 2260")));
}

TEST(RegionsTest, RegionGroups) {
  EXPECT_TRUE(R().InGroup("CZT", "430100"));
  EXPECT_TRUE(R().InGroup("CZT", "430102"));  // a district of Changsha
  EXPECT_FALSE(R().InGroup("CZT", "430600"));
  EXPECT_TRUE(R().InGroup("DONGTING", "430600"));
  EXPECT_TRUE(R().InGroup("XIANGNAN", "431000"));
  EXPECT_TRUE(R().InGroup("DAXIANGXI", "433100"));
  EXPECT_EQ(R().FindGroup("DAXIANGXI")->members.size(), 5u);
  EXPECT_TRUE(R().InGroup("CENTRAL", "430000"));
  EXPECT_TRUE(R().InGroup("CENTRAL", "430100"));
  EXPECT_TRUE(R().InGroup("CENTRAL_WEST", "500000"));
  EXPECT_EQ(R().FindGroup("EAST")->members.size(), 10u);
  EXPECT_EQ(R().FindGroup("WEST")->members.size(), 12u);
  EXPECT_THAT(R().GroupsOf("430300"), Contains("CZT"));
}

}  // namespace
}  // namespace tradestat::refdata
