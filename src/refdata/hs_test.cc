// refdata/hs_test.cc: HS editions, titles and the harmonized-system.csv importer.
#include "refdata/hs.h"

#include <gtest/gtest.h>

#include "core/testing/status_matchers.h"
#include "refdata/reference.h"

namespace tradestat::refdata {
namespace {

using core::testing::StatusIs;
using ::testing::HasSubstr;

const Nomenclature& N() { return Reference::Builtin().hs(); }

TEST(HsTest, EditionInForceByMonth) {
  EXPECT_EQ(HsEditionAt(core::Period::Month(2016, 12)), HsEdition::kHs2012);
  EXPECT_EQ(HsEditionAt(core::Period::Month(2017, 1)), HsEdition::kHs2017);
  EXPECT_EQ(HsEditionAt(core::Period::Month(2021, 12)), HsEdition::kHs2017);
  EXPECT_EQ(HsEditionAt(core::Period::Month(2022, 1)), HsEdition::kHs2022);
  EXPECT_EQ(HsEditionAt(core::Period::Year(2022)), HsEdition::kHs2022);
  EXPECT_EQ(*ParseHsEdition("hs2017"), HsEdition::kHs2017);
  EXPECT_EQ(*ParseHsEdition("H6"), HsEdition::kHs2022);
  EXPECT_THAT(ParseHsEdition("HS2007"),
              StatusIs(core::StatusCode::kInvalidArgument, HasSubstr("HS2022")));
}

TEST(HsTest, SectionsAndChaptersInBothEditions) {
  for (HsEdition e : {HsEdition::kHs2017, HsEdition::kHs2022}) {
    EXPECT_EQ(N().Level(e, 1).size(), 21u);
    EXPECT_EQ(N().Level(e, 2).size(), 97u);  // 01-97 less reserved 77, plus 99 (not specified)
    const HsItem* ch85 = N().Find(e, "85");
    ASSERT_NE(ch85, nullptr);
    EXPECT_EQ(ch85->section, "XVI");
    EXPECT_FALSE(ch85->title_zh.empty());
    EXPECT_EQ(N().SectionOf(e, "85414020")->code, "XVI");
    for (const HsItem* ch : N().Level(e, 2)) EXPECT_FALSE(ch->title_zh.empty()) << ch->code;
  }
  EXPECT_EQ(N().Level(HsEdition::kHs2022, 1).front()->code, "I");
  EXPECT_EQ(N().Level(HsEdition::kHs2022, 1).back()->code, "XXI");
  // Chapter 24 gained nicotine products in HS 2022.
  EXPECT_NE(N().Find(HsEdition::kHs2022, "24")->title_en,
            N().Find(HsEdition::kHs2017, "24")->title_en);
  EXPECT_NE(N().Find(HsEdition::kHs2022, "8541"), nullptr);  // built-in HS2022 headings
  EXPECT_EQ(N().Children(HsEdition::kHs2022, "XVI").size(), 2u);
}

TEST(HsTest, ImportsTheHarmonizedSystemLayout) {
  std::string csv =
      "section,hscode,description,parent,level\n"
      "XVI,85,Electrical machinery,TOTAL,2\n"
      "XVI,8541,Semiconductor devices,85,4\n"
      "XVI,854142,\"Photovoltaic cells, not assembled\",8541,6\n"
      "TOTAL,999999,Commodities not specified,9999,6\n";
  ASSERT_OK_AND_ASSIGN(auto items, Nomenclature::ParseHarmonizedSystemCsv(csv, "hs.csv"));
  ASSERT_EQ(items.size(), 3u);
  Nomenclature n = N();
  n.Merge(HsEdition::kHs2022, std::move(items));
  EXPECT_EQ(n.Find(HsEdition::kHs2022, "8541.42")->title_en, "Photovoltaic cells, not assembled");
  EXPECT_FALSE(n.Find(HsEdition::kHs2022, "85")->title_zh.empty());  // the Chinese title is kept
}

TEST(HsTest, MalformedHsFiles) {
  const std::string header = "section,hscode,description,parent,level\n";
  EXPECT_THAT(Nomenclature::ParseHarmonizedSystemCsv(header + "XVI,85A1,x,85,4\n", "hs.csv"),
              StatusIs(core::StatusCode::kParse,
                       HasSubstr("hs.csv:2:5: hscode: \"85A1\" is not an HS code")));
  EXPECT_THAT(
      Nomenclature::ParseHarmonizedSystemCsv(header + "XVI,8541,x,85,6\n", "hs.csv"),
      StatusIs(core::StatusCode::kParse, HasSubstr("hs.csv:2:15: level: level 6 does not match")));
  EXPECT_THAT(
      Nomenclature::ParseHarmonizedSystemCsv(header + "XVI,854142,x,8542,6\n", "hs.csv"),
      StatusIs(core::StatusCode::kParse, HasSubstr("parent 8542 is not a prefix of 854142")));
  EXPECT_THAT(Nomenclature::ParseHarmonizedSystemCsv("code,name\n01,x\n", "hs.csv"),
              StatusIs(core::StatusCode::kParse, HasSubstr("missing column(s) section, hscode")));
}

}  // namespace
}  // namespace tradestat::refdata
