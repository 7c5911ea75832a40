// refdata/reference_test.cc: the built-in Reference, user overrides and validation of user files.
#include "refdata/reference.h"

#include <gtest/gtest.h>

#include <thread>
#include <vector>

#include "core/testing/status_matchers.h"
#include "refdata/internal/embedded_data.h"

namespace tradestat::refdata {
namespace {

using core::testing::StatusIs;
using ::testing::HasSubstr;

const std::string kGroupHeader =
    "group_code,group_name_en,group_name_zh,iso3,member_from,member_to,note\n";

// Start-up cost is measured in bench/, never timed here (a loaded or sanitized machine is slow).
TEST(ReferenceTest, BuiltinLoadsOnce) {
  auto fresh = Reference::LoadBuiltin();
  ASSERT_OK(fresh);
  EXPECT_EQ(&Reference::Builtin(), &Reference::Builtin());
  EXPECT_EQ(internal::EmbeddedFiles().size(), 14u);
}

// Parts are parsed on first use: threads racing for them all get the one parsed part, and a
// copy made before a part was parsed parses the same content for itself.
TEST(ReferenceTest, LazyPartsAreParsedOnceAcrossThreadsAndCopies) {
  auto fresh = std::make_shared<Reference>();  // nothing parsed yet
  Reference early_copy = *fresh;
  std::vector<const void*> seen(8 * 3);
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t)
    threads.emplace_back([&, t] {
      seen[t * 3] = &fresh->hs();
      seen[t * 3 + 1] = &fresh->groups();
      seen[t * 3 + 2] = &fresh->countries();
    });
  for (auto& th : threads) th.join();
  for (int t = 1; t < 8; ++t)
    for (int k = 0; k < 3; ++k) EXPECT_EQ(seen[t * 3 + k], seen[k]);
  EXPECT_EQ(fresh->countries().Normalize("CN").value(), "CHN");
  EXPECT_EQ(early_copy.countries().Normalize("CN").value(), "CHN");
  EXPECT_NE(&early_copy.countries(), &fresh->countries());
  auto all = Reference::LoadBuiltin();
  ASSERT_OK(all);
  EXPECT_EQ(early_copy.groups().all().size(), (*all)->groups().all().size());
  Reference late_copy = *fresh;  // parsed parts are copied, not parsed again
  ASSERT_NE(fresh->hs().Find(HsEdition::kHs2022, "8542"), nullptr);
  EXPECT_EQ(late_copy.hs().Find(HsEdition::kHs2022, "8542")->title_en,
            fresh->hs().Find(HsEdition::kHs2022, "8542")->title_en);
}

TEST(ReferenceTest, NormalizePartnerAndReporter) {
  const Reference& r = Reference::Builtin();
  EXPECT_EQ(*r.NormalizePartner("156"), "CHN");
  EXPECT_EQ(*r.NormalizePartner("CN"), "CHN");
  EXPECT_EQ(*r.NormalizePartner("chn"), "CHN");
  EXPECT_EQ(*r.PartnerFromCustomsCode("116"), "JPN");
  EXPECT_EQ(*r.PartnerFromComtradeCode("251"), "FRA");
  EXPECT_THAT(r.NormalizePartner("XX1"),
              StatusIs(core::StatusCode::kNotFound, HasSubstr("expected")));
  EXPECT_EQ(*r.NormalizeReporter("430000"), "430000");
  EXPECT_EQ(*r.NormalizeReporter("430121"), "430121");
  EXPECT_EQ(*r.NormalizeReporter("CN"), "CHN");
  EXPECT_EQ(*r.NormalizeReporter("156"), "CHN");  // 3 digits: a country, not a region
  EXPECT_EQ(*r.NormalizeReporter("长沙市"), "430100");
  EXPECT_THAT(r.NormalizeReporter("990100"),
              StatusIs(core::StatusCode::kNotFound, HasSubstr("no province")));
  EXPECT_THAT(r.NormalizeReporter("WLD"),
              StatusIs(core::StatusCode::kInvalidArgument, HasSubstr("not a country")));
  EXPECT_THAT(r.NormalizeReporter("Mordor"),
              StatusIs(core::StatusCode::kNotFound, HasSubstr("GB/T 2260")));
}

// A hostile value (a 100 KB field, NUL and invalid UTF-8 in it) is quoted as a short excerpt
// with its length, so one bad cell cannot flood stderr or cut the report at the NUL.
TEST(ReferenceTest, UnknownCodeMessagesQuoteOnlyAnExcerpt) {
  const Reference& r = Reference::Builtin();
  std::string hostile = std::string("ZZ\0\xFF", 4) + std::string(100000, 'Q');
  std::vector<core::Status> errors = {
      r.NormalizePartner(hostile).status(),
      r.PartnerFromCustomsCode(hostile).status(),
      r.PartnerFromComtradeCode(hostile).status(),
      r.NormalizeReporter(hostile).status(),
      ParseHsEdition(hostile).status(),
      ParseTradeModeClass(hostile).status(),
      r.trade_modes().StatisticalCode(hostile).status(),
      r.enterprise_types().GroupOf(hostile).status(),
  };
  for (const core::Status& e : errors) {
    ASSERT_FALSE(e.ok());
    const std::string& m = e.message();
    EXPECT_LT(m.size(), 600u) << m.substr(0, 200);
    EXPECT_EQ(m.find('\0'), std::string::npos) << m;
    EXPECT_THAT(m, HasSubstr("ZZ\\x00\\xFFQQQ"));
    EXPECT_THAT(m, HasSubstr("... (100004 bytes)"));
  }
}

TEST(ReferenceTest, LaterFilesOverrideEarlierOnes) {
  std::vector<ReferenceFile> files = {
      {"groups", "a.csv", kGroupHeader + "EU,EU (ours),,DEU,,,\nMINE,Mine,,FRA,,,\n"},
      {"groups", "b.csv", kGroupHeader + "MINE,Mine v2,,ITA,,,\n"},
      {"categories", "c.csv",
       "category_code,parent,name_en,rule,hs_prefix,hs_editions\nPHONES,,Phones,include,851713,"
       "HS2022\n"},
      {"region_groups", "r.csv",
       "group_code,group_name_en,group_name_zh,region_code\nCZT,CZT+,,430100\n"},
      {"hs", "hs.csv", "section,hscode,description,parent,level\nXVI,851713,Smartphones,8517,6\n"},
  };
  ASSERT_OK_AND_ASSIGN(auto ref, Reference::WithOverrides(files));
  EXPECT_EQ(ref->groups().MembersAt("EU", core::Period::Month(2023, 6)),
            std::vector<std::string>{"DEU"});
  EXPECT_EQ(ref->groups().MembersAt("MINE", core::Period::Month(2023, 6)),
            std::vector<std::string>{"ITA"});
  EXPECT_EQ(ref->groups().Find("MINE")->source, "b.csv");
  EXPECT_TRUE(ref->categories().Contains("PHONES", "85171300", core::Period::Month(2023, 6)));
  EXPECT_EQ(ref->regions().FindGroup("CZT")->members.size(), 1u);
  EXPECT_EQ(ref->hs().Find(HsEdition::kHs2022, "851713")->title_en, "Smartphones");
  // The built-in reference is untouched.
  EXPECT_EQ(Reference::Builtin().groups().MembersAt("EU", core::Period::Month(2023, 6)).size(),
            27u);
  EXPECT_EQ(Reference::Builtin().groups().Find("MINE"), nullptr);
}

TEST(ReferenceTest, MalformedUserFileFailsAsAWholeWithItsLocation) {
  std::vector<std::pair<std::string, std::string>> files = {
      {"groups", kGroupHeader + "MINE,Mine,,FRA,,,\n"},
      {"groups", kGroupHeader + "OTHER,Other,,DEU,2020-01-01,,\nOTHER,,,Narnia,,,\n"},
  };
  EXPECT_THAT(Reference::WithOverrides(files),
              StatusIs(core::StatusCode::kParse,
                       HasSubstr("groups file #2:3:9: iso3: unknown partner \"Narnia\"")));
  std::vector<ReferenceFile> unknown_kind = {{"colours", "c.csv", "a,b\n"}};
  EXPECT_THAT(Reference::WithOverrides(unknown_kind),
              StatusIs(core::StatusCode::kInvalidArgument,
                       HasSubstr("unknown reference file kind \"colours\"")));
}

TEST(ReferenceTest, CheckValidatesWithoutApplying) {
  const Reference& r = Reference::Builtin();
  EXPECT_OK(r.Check("groups", "ok.csv", kGroupHeader + "MINE,Mine,,FRA,,,\n"));
  EXPECT_EQ(r.groups().Find("MINE"), nullptr);
  EXPECT_THAT(
      r.Check("groups", "bad.csv", kGroupHeader + "MINE,Mine,,FRA,2020-31-01,,\n"),
      StatusIs(core::StatusCode::kParse, HasSubstr("bad.csv:2:16: member_from: not a date")));
  EXPECT_THAT(
      r.Check(
          "categories", "bad.csv",
          "category_code,parent,name_en,rule,hs_prefix,hs_editions\nX,NOPE,X,include,85,HS2022\n"),
      StatusIs(core::StatusCode::kNotFound, HasSubstr("unknown parent NOPE")));
}

}  // namespace
}  // namespace tradestat::refdata
