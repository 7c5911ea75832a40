// bulletin/bulletin_test.cc: the spec parser (default, errors with locations) and the customs
// display of numbers. End-to-end figures are checked in tests/bulletin/bulletin_e2e_test.cc.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "bulletin/builder_internal.h"
#include "bulletin/bulletin.h"
#include "core/testing/status_matchers.h"

namespace tradestat::bulletin {
namespace {

using ::testing::HasSubstr;

TEST(Spec, DefaultIsGeneric) {
  ASSERT_OK_AND_ASSIGN(BulletinSpec s, BulletinSpec::Default());
  EXPECT_EQ(s.sections.front(), "headline");
  EXPECT_EQ(s.units, (std::vector<std::string>{"ASEAN", "EU"}));
  ASSERT_EQ(s.partner_groups.size(), 3u);
  EXPECT_EQ(s.partner_groups[0].where, "partner_group=RCEP_SIG");
  EXPECT_EQ(s.partner_groups[1].where, "partner_group=BRI_ROUTE64");
  EXPECT_EQ(s.product_shares[0].where, "category=ME");
  EXPECT_EQ(s.names.at("USA").In(query::Lang::kZh), "美国");
  // No issuer, date, benchmark, sub-regions or context paragraphs of its own (those are the
  // demo's).
  EXPECT_TRUE(s.issuer.empty());
  EXPECT_TRUE(s.date.empty());
  EXPECT_TRUE(s.benchmark.empty());
  EXPECT_TRUE(s.subregions.empty());
  EXPECT_TRUE(s.texts.empty());
  EXPECT_EQ(s.record_min_years, 3);
  for (const char* word : {"Hunan", "湖南", "Changsha", "长沙", "430000", "市州", "prefecture"})
    EXPECT_EQ(BulletinSpec::DefaultText().find(word), std::string_view::npos) << word;
}

TEST(Spec, IssuerBenchmarkAndRecordYears) {
  ASSERT_OK_AND_ASSIGN(
      BulletinSpec s,
      BulletinSpec::Parse(
          "[bulletin]\nissuer = { en = \"X Customs\", zh = \"X海关\" }\nbenchmark = \"nation\"\n"
          "record_min_years = 5\nsections = [\"headline\"]\n",
          "i.toml"));
  EXPECT_EQ(s.issuer.In(query::Lang::kZh), "X海关");
  EXPECT_EQ(s.benchmark, "nation");
  EXPECT_EQ(s.record_min_years, 5);
  ASSERT_OK_AND_ASSIGN(
      BulletinSpec old,
      BulletinSpec::Parse("[bulletin]\nsource = \"Old Customs\"\nsections = [\"headline\"]\n",
                          "o.toml"));
  EXPECT_EQ(old.issuer.en, "Old Customs");  // `source` is still read
  EXPECT_FALSE(
      BulletinSpec::Parse("[bulletin]\nrecord_min_years = 0\nsections = [\"headline\"]\n", "r.toml")
          .ok());
}

TEST(Spec, ErrorsNameTheFileAndLine) {
  auto bad =
      BulletinSpec::Parse("[bulletin]\nsections = [\"headline\", \"nonsense\"]\n", "my.toml");
  ASSERT_FALSE(bad.ok());
  EXPECT_THAT(bad.status().message(), HasSubstr("my.toml"));
  EXPECT_THAT(bad.status().message(), HasSubstr("nonsense"));
  auto syntax = BulletinSpec::Parse("[bulletin\n", "x.toml");
  ASSERT_FALSE(syntax.ok());
  EXPECT_THAT(syntax.status().message(), HasSubstr("x.toml:1:"));
  auto no_where = BulletinSpec::Parse(
      "[bulletin]\nsections=[\"partners\"]\n[[partners.groups]]\ncode=\"X\"\n", "g.toml");
  ASSERT_FALSE(no_where.ok());
  EXPECT_THAT(no_where.status().message(), HasSubstr("g.toml:3:"));
}

TEST(Spec, FreeTextSections) {
  ASSERT_OK_AND_ASSIGN(
      BulletinSpec s,
      BulletinSpec::Parse(
          "[bulletin]\nsections=[\"note\"]\n[texts]\nnote = { en = \"Hello.\", zh = \"你好。\" }\n",
          "t.toml"));
  EXPECT_EQ(s.texts.at("note").In(query::Lang::kZh), "你好。");
}

TEST(Numbers, CustomsRounding) {
  internal::Numbers en(query::Lang::kEn, "CNY", 2, true, false),
      zh(query::Lang::kZh, "CNY", 2, true, false);
  const __int128 total = static_cast<__int128>(33674999999793);  // 336,749,999,997.93 yuan
  EXPECT_EQ(en.Money(total), "336.75 billion yuan");
  EXPECT_EQ(zh.Money(total), "3367.5亿元");
  EXPECT_EQ(en.Milestone(total)->text, "330 billion yuan");
  EXPECT_EQ(zh.Milestone(total)->text, "3300亿元");
  EXPECT_EQ(en.Milestone(static_cast<__int128>(5400000000000))->text, "50 billion yuan");
  EXPECT_FALSE(en.Milestone(static_cast<__int128>(900000000000)));    // below 10: no threshold
  EXPECT_FALSE(en.Milestone(static_cast<__int128>(33000000000000)));  // not surpassed when equal
  EXPECT_EQ(en.Money(static_cast<__int128>(2010200000000000)), "20.1 trillion yuan");
  EXPECT_EQ(zh.Money(static_cast<__int128>(2010200000000000)), "20.1万亿元");
  EXPECT_EQ(en.Money(static_cast<__int128>(7000000000)), "70 million yuan");
  EXPECT_EQ(zh.Money(static_cast<__int128>(7000000000)), "7000万元");
  EXPECT_EQ(en.Money(static_cast<__int128>(13070000000000)),
            "130.7 billion yuan");  // trailing zero trimmed
  EXPECT_EQ(zh.Money(static_cast<__int128>(13070000000000)), "1307亿元");
  EXPECT_EQ(en.Growth(query::Derived::Ratio(761, 100)), "an increase of 7.6%");
  EXPECT_EQ(en.Growth(query::Derived::Ratio(-31, 10)), "a decrease of 3.1%");
  EXPECT_EQ(zh.Growth(query::Derived::Ratio(4, 100)), "与上年同期持平");  // rounds to 0.0
  EXPECT_EQ(en.Growth(query::Derived::Ratio(-6, 100)), "a decrease of 0.1%");
  EXPECT_EQ(zh.Growth(query::Derived::Ratio(-6, 100)), "下降0.1%");
  EXPECT_EQ(en.Percent(query::Derived::Ratio(30, 10), true), "+3.0%");  // 1 decimal always
  EXPECT_EQ(zh.Growth(query::Derived::Ratio(100, 10)), "增长10.0%");
  internal::Numbers trimmed(query::Lang::kEn, "CNY", 2, true, true);  // a spec's trim_percent_zeros
  EXPECT_EQ(trimmed.Percent(query::Derived::Ratio(30, 10), true), "+3%");
  EXPECT_EQ(en.PointsNumber(query::Derived::Ratio(553, 100)), "5.5");
}

TEST(Format, Parse) {
  EXPECT_EQ(*ParseFormat("HTML"), Format::kHtml);
  EXPECT_EQ(*ParseFormat("txt"), Format::kText);
  EXPECT_FALSE(ParseFormat("pdf").ok());
}

}  // namespace
}  // namespace tradestat::bulletin
