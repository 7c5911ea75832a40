// refdata/categories_test.cc: category matching across HS editions, sub-categories, exclusions
// and malformed category files.
#include "refdata/categories.h"

#include <gtest/gtest.h>

#include "core/testing/status_matchers.h"
#include "refdata/reference.h"

namespace tradestat::refdata {
namespace {

using core::testing::StatusIs;
using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;

const Categories& K() { return Reference::Builtin().categories(); }
core::Period M(int y, int m) { return core::Period::Month(y, m); }

TEST(CategoriesTest, SolarCellsFollowTheEditionInForce) {
  // HS2022 (from 2022-01): 854142/854143. HS2017 (2017-01..2021-12): national line 8541.4020.
  EXPECT_TRUE(K().Contains("NEW3_PV", "854143", M(2022, 1)));
  EXPECT_TRUE(K().Contains("NEW3_PV", "85414200", M(2023, 6)));
  EXPECT_FALSE(K().Contains("NEW3_PV", "854142", M(2021, 12)));  // the subheading did not exist yet
  EXPECT_TRUE(K().Contains("NEW3_PV", "85414020", M(2021, 12)));
  EXPECT_TRUE(K().Contains("NEW3_PV", "8541.40.20", M(2017, 1)));
  EXPECT_FALSE(
      K().Contains("NEW3_PV", "85414020", M(2022, 1)));  // 854140 no longer exists in HS2022
  EXPECT_FALSE(K().Contains("NEW3_PV", "85414010", M(2020, 6)));  // LEDs shared 854140
  // The opt-in 6-digit variant takes the whole of 854140 before 2022.
  EXPECT_TRUE(K().Contains("NEW3_PV_HS6", "854140", M(2020, 6)));
  EXPECT_FALSE(K().Contains("NEW3_PV_HS6", "854140", M(2022, 6)));
  EXPECT_TRUE(K().ContainsInEdition("NEW3_PV", "854143", HsEdition::kHs2022));
}

TEST(CategoriesTest, ParentsAreTheUnionOfTheirSubCategories) {
  const Category* new3 = K().Find("NEW3");
  ASSERT_NE(new3, nullptr);
  EXPECT_THAT(new3->children, ElementsAre("NEW3_EV", "NEW3_LIB", "NEW3_PV"));
  EXPECT_TRUE(K().Contains("NEW3", "870380", M(2023, 6)));
  EXPECT_TRUE(K().Contains("NEW3", "85076000", M(2023, 6)));
  EXPECT_TRUE(K().Contains("NEW3", "854143", M(2023, 6)));
  EXPECT_FALSE(K().Contains("NEW3", "870390", M(2023, 6)));
  EXPECT_FALSE(K().Contains("NEW3_EV", "870380", M(2016, 6)));  // HS2012: no EV subheading
  EXPECT_TRUE(K().Contains("NEW3_LIB", "850760", M(2016, 6)));
  const Category* labor = K().Find("LABOR");
  ASSERT_NE(labor, nullptr);
  EXPECT_EQ(labor->children.size(), 7u);
  EXPECT_TRUE(K().Contains("LABOR", "61091000", M(2023, 6)));
  EXPECT_TRUE(K().Contains("LABOR", "3926", M(2023, 6)));
  EXPECT_FALSE(K().Contains("LABOR", "3901", M(2023, 6)));
  EXPECT_TRUE(K().Contains("LABOR_FOOTWEAR", "640399", M(2019, 3)));
  EXPECT_FALSE(K().Contains("LABOR_FOOTWEAR", "6406", M(2019, 3)));  // candidate, opt-in only
  EXPECT_TRUE(K().Contains("LABOR_CAND", "6406", M(2019, 3)));
}

TEST(CategoriesTest, ExclusionsAndCategoryRules) {
  EXPECT_TRUE(K().Contains("AGRI", "030389", M(2023, 6)));       // AGRI includes aquatic products
  EXPECT_FALSE(K().Contains("AGRI_WTO", "030389", M(2023, 6)));  // the strict WTO scope does not
  EXPECT_FALSE(K().Contains("AGRI_WTO", "16041100", M(2023, 6)));
  EXPECT_TRUE(K().Contains("AGRI_WTO", "100199", M(2023, 6)));
  EXPECT_TRUE(K().Contains("AGRI_WTO", "520100", M(2023, 6)));  // raw cotton, Annex 1 extra
  EXPECT_TRUE(K().Contains("ME_WIDE", "847130", M(2023, 6)));
  EXPECT_TRUE(K().Contains("ME_WIDE", "7318", M(2023, 6)));
  EXPECT_FALSE(K().Contains("ME", "7318", M(2023, 6)));
}

TEST(CategoriesTest, OverlapAndDefaults) {
  auto cats = K().CategoriesOf("870380", M(2023, 6));
  EXPECT_THAT(cats, Contains("ME"));
  EXPECT_THAT(cats, Contains("NEW3"));
  EXPECT_THAT(cats, Contains("NEW3_EV"));
  auto defaults = K().DefaultCodes();
  for (const char* code : {"ME", "HITECH", "LABOR", "NEW3", "AGRI"})
    EXPECT_THAT(defaults, Contains(code));
  for (const auto& code : defaults) EXPECT_EQ(code.find("_CAND"), std::string::npos) << code;
  EXPECT_THAT(defaults, Not(Contains("ME_WIDE")));
  // HITECH: aircraft parts moved from 8803 to 8807 in HS 2022.
  EXPECT_TRUE(K().Contains("HITECH", "880330", M(2021, 6)));
  EXPECT_TRUE(K().Contains("HITECH", "880730", M(2022, 6)));
  EXPECT_FALSE(K().Contains("HITECH", "880730", M(2021, 6)));
  EXPECT_FALSE(K().Contains("NOPE", "85", M(2021, 6)));
}

TEST(CategoriesTest, UserCategoriesWithDateRangesOverrideBuiltins) {
  std::string csv =
      "category_code,parent,name_en,name_zh,rule,hs_prefix,hs_editions,from,to,opt_in,confidence,"
      "note\n"
      "NEW3_PV,NEW3,Solar cells (ours),,include,854142,HS2022,,,,,\n"
      "NEW3_PV,,,,include,854143,HS2022,2023-01,,,,\n"
      "MYCAT,,My category,,include,8517,HS2017;HS2022,2020-01,2020-12,,,\n";
  ASSERT_OK_AND_ASSIGN(auto cats, Categories::ParseCsv(csv, "mine.csv"));
  Categories k = K();
  ASSERT_OK(k.Merge(std::move(cats)));
  EXPECT_TRUE(k.Contains("NEW3_PV", "854142", M(2022, 6)));
  EXPECT_FALSE(k.Contains("NEW3_PV", "854143", M(2022, 12)));  // rule starts 2023-01
  EXPECT_TRUE(k.Contains("NEW3_PV", "854143", M(2023, 1)));
  EXPECT_FALSE(k.Contains("NEW3_PV", "85414020", M(2020, 1)));  // replaced entirely
  EXPECT_TRUE(k.Contains("NEW3", "854143", M(2023, 1)));        // still a child of NEW3
  EXPECT_TRUE(k.Contains("MYCAT", "851713", M(2020, 12)));
  EXPECT_FALSE(k.Contains("MYCAT", "851713", M(2021, 1)));
  EXPECT_EQ(k.Find("MYCAT")->source, "mine.csv");
}

TEST(CategoriesTest, MalformedCategoryFiles) {
  const std::string header =
      "category_code,parent,name_en,name_zh,rule,hs_prefix,hs_editions,from,to\n";
  struct Case {
    std::string body;
    std::string message;
  } cases[] = {
      {"X,,X cat,,include,85A,HS2022,,\n", "c.csv:2:19: hs_prefix: \"85A\" is not an HS prefix"},
      {"X,,X cat,,include,85,HS2007,,\n", "c.csv:2:22: hs_editions: unknown HS edition \"HS2007\""},
      {"X,,X cat,,include,85,,,\n", "c.csv:2:22: hs_editions: list the HS editions"},
      {"X,,X cat,,contains,85,HS2022,,\n", "c.csv:2:11: rule: unknown rule \"contains\""},
      {"X,,X cat,,include,85,HS2022,2023-13,\n", "c.csv:2:29: from: not a month \"2023-13\""},
      {"X,,X cat,,include,85,HS2022,2023-06,2023-01\n", "c.csv:2:37: to: to is before from"},
      {"X,X,X cat,,,,,,\n", "c.csv:2:3: parent: a category cannot be its own parent"},
      {",,X cat,,include,85,HS2022,,\n", "c.csv:2:1: category_code: \"\" is not a category code"},
      {"X,,,,include,85,HS2022,,\n", "c.csv: category X has no name_en"},
  };
  for (const Case& c : cases)
    EXPECT_THAT(Categories::ParseCsv(header + c.body, "c.csv"),
                StatusIs(core::StatusCode::kParse, HasSubstr(c.message)))
        << c.body;
}

TEST(CategoriesTest, MergeRejectsUnknownParentsAndCyclesAndChangesNothing) {
  Categories k = K();
  const size_t before = k.all().size();
  auto orphan = Categories::ParseCsv(
      "category_code,parent,name_en,rule,hs_prefix,hs_editions\nX,NOPE,X cat,include,85,HS2022\n",
      "o.csv");
  ASSERT_OK(orphan);
  EXPECT_THAT(k.Merge(*orphan),
              StatusIs(core::StatusCode::kNotFound, HasSubstr("unknown parent NOPE")));
  auto cycle = Categories::ParseCsv(
      "category_code,parent,name_en,rule,hs_prefix,hs_editions\n"
      "A,B,A cat,include,85,HS2022\nB,,B cat,category,A,\n",
      "cy.csv");
  ASSERT_OK(cycle);
  EXPECT_THAT(k.Merge(*cycle), StatusIs(core::StatusCode::kInvalidArgument, HasSubstr("cycle")));
  EXPECT_EQ(k.all().size(), before);
  EXPECT_EQ(k.Find("A"), nullptr);
}

}  // namespace
}  // namespace tradestat::refdata
