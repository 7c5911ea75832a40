// verify/verify_test.cc: the release reader, the figure extractor (every statement kind, English
// and Chinese), the subject lexicon over the built-in reference data, and period detection.
#include <gtest/gtest.h>

#include "refdata/reference.h"
#include "verify/extract.h"
#include "verify/lexicon.h"
#include "verify/release.h"
#include "verify/verify.h"

namespace tradestat::verify {
namespace {

std::vector<Figure> Figures(std::string_view text) { return ExtractFigures(Normalize(text)); }

// Returns a copy: callers pass a temporary vector, and `const Figure& x = Only(...)` then
// extends the copy's lifetime (a reference into the vector would dangle).
Figure Only(const std::vector<Figure>& fs, FigureKind kind) {
  for (const Figure& f : fs)
    if (f.kind == kind) return f;
  ADD_FAILURE() << "no figure of kind " << FigureKindName(kind);
  return Figure{};
}

TEST(ReleaseTest, PlainTextTitleAndSentences) {
  Release r = ReadRelease(
      "Foreign trade in the first half of 2023\n\nIt rose 7.6%. Exports were\n1.5 billion yuan.\n");
  EXPECT_EQ(r.title, "Foreign trade in the first half of 2023");
  EXPECT_EQ(r.lang, query::Lang::kEn);
  ASSERT_EQ(r.sentences.size(), 2u);
  EXPECT_EQ(r.sentences[1].text, "Exports were 1.5 billion yuan.");
  EXPECT_EQ(r.sentences[1].line, 3);
}

TEST(ReleaseTest, HtmlTagsTablesAndChartsStripped) {
  Release r = ReadRelease(
      "<html><head><title>Trade &amp; more</title><style>p{}</style></head><body><h1>Trade</h1>"
      "<p>Exports rose "
      "<b>5.1%</b>.</p><table><tr><td>9.9%</td></tr></table><svg><text>77%</text></svg>"
      "<p>Imports fell 2%.</p></body></html>");
  EXPECT_EQ(r.title, "Trade & more");
  ASSERT_EQ(r.sentences.size(), 2u);
  EXPECT_EQ(r.sentences[0].text, "Exports rose 5.1%.");
  EXPECT_EQ(r.sentences[1].text, "Imports fell 2%.");
}

TEST(ReleaseTest, MarkdownAndChinese) {
  Release r = ReadRelease(
      "# 2023年上半年外贸\n\n**进出口**增长7.6%。出口下降1.2%！\n\n| a | b |\n|---|---|\n| 1 | 2 "
      "|\n");
  EXPECT_EQ(r.lang, query::Lang::kZh);
  EXPECT_EQ(r.title, "2023年上半年外贸");
  ASSERT_EQ(r.sentences.size(), 2u);
  EXPECT_EQ(r.sentences[0].text, "进出口增长7.6%。");
}

TEST(ExtractTest, MoneyWithUnits) {
  const Figure& en =
      Only(Figures("trade with Africa reached 31.18 billion yuan"), FigureKind::kMoney);
  EXPECT_EQ(en.digits, "3118");
  EXPECT_EQ(en.decimals, 2);
  EXPECT_EQ(en.unit_pow10, 9);
  EXPECT_EQ(en.currency, "CNY");
  const Figure& zh = Only(Figures("对非洲进出口311.8亿元"), FigureKind::kMoney);
  EXPECT_EQ(zh.unit_pow10, 8);
  EXPECT_EQ(zh.decimals, 1);
  EXPECT_EQ(Only(Figures("进出口总值3.37万亿元"), FigureKind::kMoney).unit_pow10, 12);
  const Figure& usd = Only(Figures("exports of US$ 4.5 billion"), FigureKind::kMoney);
  EXPECT_EQ(usd.currency, "USD");
  EXPECT_EQ(usd.unit_pow10, 9);
  EXPECT_EQ(Only(Figures("出口46.8亿美元"), FigureKind::kMoney).currency, "USD");
  EXPECT_EQ(Only(Figures("a value of 1,234.5 million yuan"), FigureKind::kMoney).digits, "12345");
}

TEST(ExtractTest, GrowthUpAndDown) {
  auto up = Figures("an increase of 16.1%, while imports decreased by 3.2%");
  ASSERT_EQ(up.size(), 2u);
  EXPECT_EQ(up[0].kind, FigureKind::kGrowth);
  EXPECT_FALSE(up[0].negative);
  EXPECT_EQ(up[1].kind, FigureKind::kGrowth);
  EXPECT_TRUE(up[1].negative);
  auto zh = Figures("同比增长7.6%，进口下降3.2%");
  ASSERT_EQ(zh.size(), 2u);
  EXPECT_FALSE(zh[0].negative);
  EXPECT_TRUE(zh[1].negative);
  EXPECT_EQ(zh[1].kind, FigureKind::kGrowth);
  // A "respectively" list keeps the kind of its first number.
  auto list = Figures("respective increases of 32.9%, 82.1%, and 134.6%");
  ASSERT_EQ(list.size(), 3u);
  for (const Figure& f : list) EXPECT_EQ(f.kind, FigureKind::kGrowth);
  auto zl = Figures("分别增长32.9%、82.1%和134.6%");
  ASSERT_EQ(zl.size(), 3u);
  for (const Figure& f : zl) EXPECT_EQ(f.kind, FigureKind::kGrowth);
}

TEST(ExtractTest, Shares) {
  const Figure& en =
      Only(Figures("reached 106.69 billion yuan, accounting for 31.7% of total trade"),
           FigureKind::kShare);
  EXPECT_EQ(en.digits, "317");
  const std::string zh_text = Normalize("对RCEP成员国进出口1066.9亿元，占全省进出口总值的31.7%");
  const Figure& zh = Only(ExtractFigures(zh_text), FigureKind::kShare);
  EXPECT_LT(zh.subject_end, zh_text.find("全省"));  // the base is no subject
  EXPECT_EQ(
      Only(Figures("labor-intensive products accounted for 20.3%"), FigureKind::kShare).digits,
      "203");
}

TEST(ExtractTest, GapsInPoints) {
  const Figure& en =
      Only(Figures("surpassing the national foreign trade growth rate by 5.5 percentage points"),
           FigureKind::kPoints);
  EXPECT_EQ(en.digits, "55");
  EXPECT_FALSE(en.negative);
  EXPECT_TRUE(
      Only(Figures("2.1 percentage points below national growth"), FigureKind::kPoints).negative);
  EXPECT_FALSE(Only(Figures("高于全国外贸增速5.5个百分点"), FigureKind::kPoints).negative);
  EXPECT_TRUE(Only(Figures("低于全国2.1个百分点"), FigureKind::kPoints).negative);
}

TEST(ExtractTest, CountsThresholdsRecordsRankings) {
  EXPECT_EQ(
      Only(Figures("trade relations with 231 countries and regions"), FigureKind::kCount).digits,
      "231");
  EXPECT_EQ(Only(Figures("与全球231个国家和地区有贸易往来"), FigureKind::kCount).digits, "231");
  const Figure& th =
      Only(Figures("imports and exports surpassed 330 billion yuan"), FigureKind::kThreshold);
  EXPECT_TRUE(th.strict_lower);
  EXPECT_EQ(Only(Figures("进出口总值突破3300亿元"), FigureKind::kThreshold).unit_pow10, 8);
  Only(Figures("reaching a record high"), FigureKind::kRecord);
  Only(Figures("创历史同期新高"), FigureKind::kRecord);
  EXPECT_EQ(Only(Figures("were the top three trading partners"), FigureKind::kRank).rank_n, 3);
  EXPECT_EQ(Only(Figures("was the largest trading partner"), FigureKind::kRank).rank_n, 1);
  EXPECT_EQ(Only(Figures("东盟、美国和欧盟为前三大贸易伙伴"), FigureKind::kRank).rank_n, 3);
  EXPECT_EQ(Only(Figures("东盟为第一大贸易伙伴"), FigureKind::kRank).rank_n, 1);
}

TEST(ExtractTest, PolicyNumbersDatesAndYears) {
  auto fs = Figures("date 2023-07-19 Customs launched 30 new measures in 14 cities in 2023");
  ASSERT_EQ(fs.size(), 2u);
  EXPECT_EQ(fs[0].kind, FigureKind::kNotData);
  EXPECT_EQ(fs[0].text, "30 new measures in");  // up to the next number
  EXPECT_EQ(fs[1].kind, FigureKind::kNotData);
  auto zh = Figures("2023年7月19日，出台30条新措施，覆盖14个市州");
  ASSERT_EQ(zh.size(), 2u);
  EXPECT_EQ(zh[0].kind, FigureKind::kNotData);
  EXPECT_EQ(zh[1].text, "14个市州");
}

TEST(ExtractTest, FlowWords) {
  auto w = FindFlowWords(
      Normalize("Exports were 1 billion yuan and imports 2; import and export 3; 进出口4，出口5"));
  ASSERT_EQ(w.size(), 5u);
  EXPECT_EQ(w[0].flow, "X");
  EXPECT_EQ(w[1].flow, "M");
  EXPECT_EQ(w[2].flow, "total");
  EXPECT_EQ(w[3].flow, "total");
  EXPECT_EQ(w[4].flow, "X");
}

class LexiconTest : public ::testing::Test {
 protected:
  static const Lexicon& Lx() {
    static const Lexicon lx = Lexicon::Build(refdata::Reference::Builtin());
    return lx;
  }
  std::vector<std::string> Codes(std::string_view text) {
    std::vector<std::string> out;
    for (const Mention& m : Lx().Find(Normalize(text)))
      out.push_back(std::string(SubjectKindName(m.subject.kind)) + ":" + m.subject.code);
    return out;
  }
};

TEST_F(LexiconTest, PartnersAndBlocsInBothLanguages) {
  EXPECT_EQ(Codes("ASEAN, the United States, and the European Union"),
            (std::vector<std::string>{"partner_group:ASEAN", "partner:USA", "partner_group:EU"}));
  EXPECT_EQ(Codes("东盟、美国和欧盟"),
            (std::vector<std::string>{"partner_group:ASEAN", "partner:USA", "partner_group:EU"}));
  EXPECT_EQ(Codes("countries along the “Belt and Road”"),
            (std::vector<std::string>{"partner_group:BRI_ROUTE64"}));
  EXPECT_EQ(Codes("对“一带一路”沿线国家进出口"),
            (std::vector<std::string>{"partner_group:BRI_ROUTE64"}));
  EXPECT_EQ(Codes("RCEP member countries"), (std::vector<std::string>{"partner_group:RCEP"}));
  EXPECT_EQ(Codes("trade with Africa"), (std::vector<std::string>{"partner_group:AFRICA"}));
}

TEST_F(LexiconTest, RegionsCategoriesModesEnterprises) {
  EXPECT_EQ(Codes("northern Hunan, southern Hunan, and western Hunan"),
            (std::vector<std::string>{"region_group:DONGTING", "region_group:XIANGNAN",
                                      "region_group:DAXIANGXI"}));
  EXPECT_EQ(Codes("岳阳市、郴州、怀化"),
            (std::vector<std::string>{"region:430600", "region:431000", "region:431200"}));
  EXPECT_EQ(Codes("Mechanical and electrical products"), (std::vector<std::string>{"category:ME"}));
  EXPECT_EQ(Codes("labour-intensive products"), (std::vector<std::string>{"category:LABOR"}));
  EXPECT_EQ(Codes("these “three new” products"), (std::vector<std::string>{"category:NEW3"}));
  EXPECT_EQ(Codes("劳动密集型产品和机电产品"),
            (std::vector<std::string>{"category:LABOR", "category:ME"}));
  EXPECT_EQ(Codes("general trade and processing trade"),
            (std::vector<std::string>{"trade_mode:10", "trade_mode:14,15"}));
  EXPECT_EQ(Codes("民营企业"), (std::vector<std::string>{"enterprise_type:PRIVATE"}));
  EXPECT_EQ(Codes("private enterprises"), (std::vector<std::string>{"enterprise_type:PRIVATE"}));
  EXPECT_EQ(Codes("the national growth rate"), (std::vector<std::string>{"benchmark:"}));
}

TEST_F(LexiconTest, IssuerIsNoSubject) {
  EXPECT_EQ(Codes("according to Changsha Customs"), std::vector<std::string>{});
}

TEST(PeriodTest, FromTitleTextOrDate) {
  EXPECT_EQ(
      DetectPeriod(ReadRelease("date 2023-07-19 Trade in the first half of the year rose 7.6%.")),
      "2023H1");
  EXPECT_EQ(DetectPeriod(ReadRelease("2023年上半年湖南省外贸进出口情况\n\n上半年进出口增长7.6%。")),
            "2023H1");
  EXPECT_EQ(DetectPeriod(ReadRelease("2024-01-12 In the whole year, trade rose 1%.")), "2023");
  EXPECT_EQ(DetectPeriod(ReadRelease("Trade in the first five months of 2023 rose 1%.")),
            "2023-05:ytd");
  EXPECT_EQ(DetectPeriod(ReadRelease("2023年前三季度进出口增长1%。")), "2023-09:ytd");
  EXPECT_EQ(DetectPeriod(ReadRelease("2023年1-5月进出口增长1%。")), "2023-05:ytd");
  EXPECT_EQ(DetectPeriod(ReadRelease("Trade rose 1%.")), "");
}

}  // namespace
}  // namespace tradestat::verify
