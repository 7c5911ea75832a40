// refdata/groups_test.cc: dated membership edges, the comparison rule and malformed group files.
#include "refdata/groups.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "core/testing/status_matchers.h"
#include "refdata/reference.h"

namespace tradestat::refdata {
namespace {

using core::testing::StatusIs;
using ::testing::Contains;
using ::testing::HasSubstr;
using ::testing::Not;

const Groups& G() { return Reference::Builtin().groups(); }
core::Period M(int y, int m) { return core::Period::Month(y, m); }

TEST(GroupsTest, RcepInForcePerMember) {
  auto june22 = G().MembersAt("RCEP", M(2022, 6));
  EXPECT_EQ(june22.size(), 13u);
  EXPECT_THAT(june22, Not(Contains("IDN")));
  EXPECT_THAT(june22, Not(Contains("PHL")));
  EXPECT_EQ(G().MembersAt("RCEP", M(2023, 6)).size(), 15u);
  EXPECT_EQ(G().MembersAt("RCEP_SIG", M(2022, 6)).size(), 15u);
  EXPECT_EQ(G().MembersAt("rcep", M(2023, 6)).size(), 15u);  // codes are case-insensitive
}

TEST(GroupsTest, MembershipEdgesDayBeforeAndAfter) {
  // The UK was an EU member on 2020-01-31 and not on 2020-02-01.
  EXPECT_TRUE(G().IsMember("EU", "GBR", Date::Of(2020, 1, 31)));
  EXPECT_FALSE(G().IsMember("EU", "GBR", Date::Of(2020, 2, 1)));
  EXPECT_TRUE(G().IsMember("EU", "GBR", M(2019, 12)));
  EXPECT_TRUE(G().IsMember("EU", "GBR", M(2020, 1)));
  EXPECT_FALSE(G().IsMember("EU", "GBR", M(2020, 6)));
  EXPECT_EQ(G().MembersAt("EU", M(2019, 12)).size(), 28u);
  EXPECT_EQ(G().MembersAt("EU", M(2020, 2)).size(), 27u);
  // RCEP entered into force for the Philippines on 2023-06-02 and for Indonesia on 2023-01-02.
  EXPECT_FALSE(G().IsMember("RCEP", "PHL", Date::Of(2023, 6, 1)));
  EXPECT_TRUE(G().IsMember("RCEP", "PHL", Date::Of(2023, 6, 2)));
  EXPECT_FALSE(G().IsMember("RCEP", "IDN", Date::Of(2023, 1, 1)));
  EXPECT_TRUE(G().IsMember("RCEP", "IDN", Date::Of(2023, 1, 2)));
  EXPECT_FALSE(G().IsMember("RCEP", "KOR", Date::Of(2022, 1, 31)));
  EXPECT_TRUE(G().IsMember("RCEP", "KOR", Date::Of(2022, 2, 1)));
  // A monthly record is judged at the end of its month: June 2023 counts the Philippines.
  EXPECT_TRUE(G().IsMember("RCEP", "PHL", M(2023, 6)));
  EXPECT_FALSE(G().IsMember("RCEP", "PHL", M(2023, 5)));
  // Croatia joined the EU on 2013-07-01.
  EXPECT_FALSE(G().IsMember("EU", "HRV", Date::Of(2013, 6, 30)));
  EXPECT_TRUE(G().IsMember("EU", "HRV", Date::Of(2013, 7, 1)));
  // Timor-Leste joined ASEAN on 2025-10-26: 2023 ASEAN has 10 members.
  EXPECT_EQ(G().MembersAt("ASEAN", M(2023, 6)).size(), 10u);
  EXPECT_EQ(G().MembersAt("ASEAN", M(2025, 10)).size(), 11u);
  // Italy left BRI on 2024-03-22 (member that day, not the next).
  EXPECT_TRUE(G().IsMember("BRI", "ITA", Date::Of(2024, 3, 22)));
  EXPECT_FALSE(G().IsMember("BRI", "ITA", Date::Of(2024, 3, 23)));
}

TEST(GroupsTest, ShippedGroupsHaveTheExpectedSizes) {
  EXPECT_EQ(G().MembersAt("BRI_ROUTE64", M(2023, 6)).size(), 64u);
  EXPECT_EQ(G().MembersAt("G7", M(2023, 6)).size(), 7u);
  EXPECT_EQ(G().MembersAt("GCC", M(2023, 6)).size(), 6u);
  EXPECT_EQ(G().MembersAt("C5", M(2023, 6)).size(), 5u);
  EXPECT_EQ(G().MembersAt("BRICS", M(2023, 6)).size(), 5u);
  EXPECT_EQ(G().MembersAt("BRICS", M(2024, 6)).size(), 9u);
  EXPECT_EQ(G().MembersAt("OECD", M(2023, 6)).size(), 38u);
  EXPECT_EQ(G().MembersAt("SCO", M(2023, 6)).size(), 8u);
  EXPECT_EQ(G().MembersAt("CPTPP", M(2023, 6)).size(), 10u);  // Brunei from 2023-07-12
  EXPECT_THAT(G().MembersAt("AFRICA", M(2023, 6)), Contains("XCA"));
  for (const char* code : {"ASEAN", "EU", "RCEP", "RCEP_SIG", "BRI", "BRI_ROUTE64", "AFRICA",
                           "LATAM", "BRICS", "G7", "GCC", "SCO", "CPTPP", "OECD", "C5"})
    EXPECT_NE(G().Find(code), nullptr) << code;
  EXPECT_TRUE(G().MembersAt("NOPE", M(2023, 6)).empty());
}

TEST(GroupsTest, ComparisonRuleUsesCurrentMembersForBothPeriods) {
  // 2020-06 vs 2019-06: by default EU27 on both sides; as recorded the base keeps GBR.
  ASSERT_OK_AND_ASSIGN(auto same, G().ForComparison("EU", M(2020, 6), M(2019, 6)));
  EXPECT_EQ(same.current, same.base);
  EXPECT_THAT(same.base, Not(Contains("GBR")));
  ASSERT_OK_AND_ASSIGN(
      auto recorded, G().ForComparison("EU", M(2020, 6), M(2019, 6), MembershipRule::kAsRecorded));
  EXPECT_THAT(recorded.base, Contains("GBR"));
  EXPECT_THAT(recorded.current, Not(Contains("GBR")));
  // RCEP H1 2023 vs H1 2022: the 15 of June 2023 on both sides.
  ASSERT_OK_AND_ASSIGN(auto rcep, G().ForComparison("RCEP", M(2023, 6), M(2022, 6)));
  EXPECT_EQ(rcep.base.size(), 15u);
  EXPECT_THAT(G().ForComparison("NOPE", M(2023, 6), M(2022, 6)),
              StatusIs(core::StatusCode::kNotFound, HasSubstr("NOPE")));
}

const Countries& Countries_() { return Reference::Builtin().countries(); }

TEST(GroupsTest, ParsesUserFilesWithAnyPartnerSpelling) {
  std::string csv =
      "# my groups\n"
      "group_code,group_name_en,group_name_zh,iso3,member_from,member_to,note\n"
      "MYGROUP,My group,我的组,de,,,\n"
      "MYGROUP,,,840,2021-01-01,2022-12-31,\n"
      "mygroup,,,越南,2023-01-01,,\n";
  ASSERT_OK_AND_ASSIGN(auto groups, Groups::ParseCsv(csv, "my.csv", Countries_()));
  ASSERT_EQ(groups.size(), 1u);
  Groups g;
  g.Merge(std::move(groups));
  EXPECT_EQ(g.MembersAt("MYGROUP", Date::Of(2022, 12, 31)),
            (std::vector<std::string>{"DEU", "USA"}));
  EXPECT_EQ(g.MembersAt("MYGROUP", Date::Of(2023, 1, 1)), (std::vector<std::string>{"DEU", "VNM"}));
  EXPECT_EQ(g.Find("MYGROUP")->source, "my.csv");
}

TEST(GroupsTest, MalformedFilesGiveFileLineColumn) {
  const std::string header = "group_code,group_name_en,group_name_zh,iso3,member_from,member_to\n";
  struct Case {
    std::string body;
    std::string message;
  } cases[] = {
      {"X,X group,,DEU,2020-02-30,\n", "bad.csv:2:16: member_from: not a date \"2020-02-30\""},
      {"X,X group,,ATL,,\n", "bad.csv:2:12: iso3: unknown partner \"ATL\""},
      {"X,X group,,DEU,2021-01-01,2020-01-01\n",
       "bad.csv:2:27: member_to: member_to 2020-01-01 is before"},
      {"X,X group,,DEU,,\nX,,,DE,2020-01-01,\n", "bad.csv:3:5: iso3: DEU is already a member of X"},
      {"X,X group,,DEU,,\nX,Other name,,FRA,,\n",
       "bad.csv:3:3: group_name_en: group X was named \"X group\""},
      {"1X,X group,,DEU,,\n", "bad.csv:2:1: group_code: \"1X\" is not a group code"},
      {"X,,,DEU,,\n", "bad.csv: group X has no group_name_en"},
  };
  for (const Case& c : cases) {
    EXPECT_THAT(Groups::ParseCsv(header + c.body, "bad.csv", Countries_()),
                StatusIs(core::StatusCode::kParse, HasSubstr(c.message)))
        << c.body;
  }
  EXPECT_THAT(Groups::ParseCsv("group_code,iso3\nX,DEU\n", "bad.csv", Countries_()),
              StatusIs(core::StatusCode::kParse,
                       HasSubstr("bad.csv:1:1: missing column(s) member_from, member_to")));
}

}  // namespace
}  // namespace tradestat::refdata
