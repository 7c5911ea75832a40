// report/display_test.cc: customs display of money and percentages (report/display.h).
#include "report/display.h"

#include <gtest/gtest.h>

#include "report/table.h"

namespace tradestat::report {
namespace {

using display::Scale;
using display::Style;
using query::Derived;
using query::Lang;

__int128 Yuan(int64_t y) { return __int128{y} * 100; }  // fen
Style En(std::string cur = "CNY") { return Style{Lang::kEn, std::move(cur), 2, true}; }
Style Zh(std::string cur = "CNY") { return Style{Lang::kZh, std::move(cur), 2, true}; }

TEST(DisplayMoney, ScaleFollowsMagnitude) {
  EXPECT_EQ(display::ScaleFor(Yuan(999'999'999'999), 2), Scale::kBillion);
  EXPECT_EQ(display::ScaleFor(Yuan(1'000'000'000'000), 2), Scale::kTrillion);
  EXPECT_EQ(display::ScaleFor(Yuan(100'000'000), 2), Scale::kBillion);
  EXPECT_EQ(display::ScaleFor(Yuan(99'999'999), 2), Scale::kMillion);
  EXPECT_EQ(display::ScaleFor(-Yuan(2'000'000'000'000), 2), Scale::kTrillion);
  EXPECT_EQ(display::ScaleFor(__int128{1'000'000'000'000}, 0),
            Scale::kTrillion);  // scale 0 minor units
}

TEST(DisplayMoney, TrillionsBillionsMillionsInBothLanguages) {
  EXPECT_EQ(display::Money(Yuan(20'102'000'000'000), En()), "20.1 trillion yuan");
  EXPECT_EQ(display::Money(Yuan(20'102'000'000'000), Zh()), "20.1万亿元");
  EXPECT_EQ(display::Money(Yuan(20'105'000'000'000), Zh()), "20.11万亿元");  // half away from zero
  EXPECT_EQ(display::Money(Yuan(336'750'000'000), En()), "336.75 billion yuan");
  EXPECT_EQ(display::Money(Yuan(336'750'000'000), Zh()), "3367.5亿元");
  EXPECT_EQ(display::Money(Yuan(130'700'000'000), Zh()), "1307亿元");
  EXPECT_EQ(display::Money(Yuan(130'700'000'000), En()), "130.7 billion yuan");
  EXPECT_EQ(display::Money(Yuan(70'000'000), En()), "70 million yuan");
  EXPECT_EQ(display::Money(Yuan(70'000'000), Zh()), "7000万元");
  EXPECT_EQ(display::Money(Yuan(1'234'567), En()), "1.23 million yuan");
  EXPECT_EQ(display::Money(Yuan(1'234'567), Zh()), "123.5万元");
  EXPECT_EQ(display::Money(0, En()), "0 million yuan");
}

TEST(DisplayMoney, TrimIsOptional) {
  Style s = En();
  s.trim_zeros = false;
  EXPECT_EQ(display::Money(Yuan(20'100'000'000'000), s), "20.10 trillion yuan");
  EXPECT_EQ(display::MoneyNumber(Yuan(130'700'000'000), Style{Lang::kZh, "CNY", 2, false}),
            "1307.0");
}

TEST(DisplayMoney, UsdAndOtherCurrencies) {
  EXPECT_EQ(display::Money(Yuan(4'607'000'000), En("USD")), "US$4.61 billion");
  EXPECT_EQ(display::Money(Yuan(4'607'000'000), Zh("USD")), "46.1亿美元");
  EXPECT_EQ(display::Money(-Yuan(4'607'000'000), En("USD")), "-US$4.61 billion");
  EXPECT_EQ(display::MoneyUnit(Scale::kBillion, En("USD")), "billion US$");
  EXPECT_EQ(display::Money(Yuan(4'607'000'000), En("EUR")), "4.61 billion EUR");
}

TEST(DisplayMoney, FixedScaleForColumns) {
  EXPECT_EQ(display::MoneyNumber(Yuan(70'000'000), En(), Scale::kBillion), "0.07");
  EXPECT_EQ(display::MoneyUnit(Scale::kTrillion, Zh()), "万亿元");
  EXPECT_DOUBLE_EQ(display::MoneyInScale(Yuan(336'750'000'000), 2, Scale::kBillion, Lang::kEn),
                   336.75);
  EXPECT_DOUBLE_EQ(display::MoneyInScale(Yuan(336'750'000'000), 2, Scale::kBillion, Lang::kZh),
                   3367.5);
}

TEST(DisplayMoney, TableCells) {
  EXPECT_EQ(display::MoneyCell(Yuan(336'750'000'000), 2, "CNY", Lang::kEn), "336.75 bn");
  EXPECT_EQ(display::MoneyCell(Yuan(336'750'000'000), 2, "CNY", Lang::kZh), "3367.5亿元");
  EXPECT_EQ(display::MoneyCell(Yuan(336'754'999'999), 2, "CNY", Lang::kEn), "336.75 bn");
  EXPECT_EQ(display::MoneyCell(Yuan(336'755'000'000), 2, "CNY", Lang::kEn), "336.76 bn");
  EXPECT_EQ(display::MoneyCell(Yuan(4'607'000'000), 2, "USD", Lang::kZh), "46.1亿美元");
  EXPECT_EQ(display::MoneyCell(Yuan(1'234'567), 2, "CNY", Lang::kEn), "1.23 mn");
  EXPECT_EQ(display::MoneyCell(Yuan(20'100'000'000'000), 2, "CNY", Lang::kEn), "20.10 tn");
  EXPECT_EQ(display::MoneyCell(Yuan(1'234'567), 2, "CNY", Lang::kZh), "123.5万元");
}

TEST(DisplayMoney, Milestones) {
  auto m = display::MoneyMilestone(Yuan(336'750'000'000), En());
  ASSERT_TRUE(m);
  EXPECT_EQ(m->text, "330 billion yuan");
  EXPECT_EQ(m->minor, Yuan(330'000'000'000));
  m = display::MoneyMilestone(Yuan(336'750'000'000), Zh());
  ASSERT_TRUE(m);
  EXPECT_EQ(m->text, "3300亿元");
  m = display::MoneyMilestone(Yuan(20'102'000'000'000), Zh());
  ASSERT_TRUE(m);
  EXPECT_EQ(m->text, "20万亿元");
  EXPECT_EQ(display::MoneyMilestone(Yuan(54'000'000'000), En())->text, "50 billion yuan");
  EXPECT_FALSE(display::MoneyMilestone(Yuan(330'000'000'000), En()));  // already round
  EXPECT_FALSE(display::MoneyMilestone(Yuan(5'000'000'000), En()));    // under 10 units
  EXPECT_EQ(display::MoneyMilestone(Yuan(33'000'000'001), En("USD"))->text, "US$33 billion");
}

TEST(DisplayPercent, OneDecimalHalfAwayFromZero) {
  EXPECT_EQ(display::Percent(Derived::Ratio(76, 10), true), "+7.6%");
  EXPECT_EQ(display::Percent(Derived::Ratio(765, 100), true), "+7.7%");
  EXPECT_EQ(display::Percent(Derived::Ratio(-765, 100), true), "-7.7%");
  EXPECT_EQ(display::Percent(Derived::Ratio(4, 100), true), "0.0%");
  EXPECT_EQ(display::Percent(Derived::Ratio(-6, 100), true), "-0.1%");
  EXPECT_EQ(display::PercentMagnitude(Derived::Ratio(-6, 100)), "0.1%");
  EXPECT_EQ(display::Percent(Derived::Ratio(317, 10), false), "31.7%");
  EXPECT_EQ(display::Percent(Derived::Ratio(30, 10), false), "3.0%");  // 1 decimal always
  EXPECT_EQ(display::Points(Derived::Ratio(100, 10), Lang::kEn), "+10.0 pp");
  EXPECT_EQ(display::Percent(Derived::Double(-0.06), false), "-0.1%");
  EXPECT_EQ(display::Percent(Derived{}, true), "");
}

TEST(DisplayPercent, FlatOnlyWhenRoundingToZero) {
  EXPECT_TRUE(display::IsFlat(Derived::Ratio(4, 100)));
  EXPECT_TRUE(display::IsFlat(Derived::Ratio(-4, 100)));
  EXPECT_FALSE(display::IsFlat(Derived::Ratio(-5, 100)));
  EXPECT_FALSE(display::IsFlat(Derived{}));
  EXPECT_EQ(display::RoundedSign(Derived::Ratio(-6, 100)), -1);
  EXPECT_EQ(display::RoundedSign(Derived::Ratio(4, 100)), 0);
  EXPECT_EQ(display::RoundedSign(Derived::Ratio(5, 100)), 1);
}

TEST(DisplayPercent, Points) {
  EXPECT_EQ(display::Points(Derived::Ratio(55, 10), Lang::kEn), "+5.5 pp");
  EXPECT_EQ(display::Points(Derived::Ratio(55, 10), Lang::kZh), "+5.5个百分点");
  EXPECT_EQ(display::Points(Derived::Ratio(-55, 10), Lang::kEn), "-5.5 pp");
  EXPECT_EQ(display::Points(Derived{}, Lang::kEn), "");
}

TEST(DisplayPercent, GrowthInWordsAsCustomsWritesIt) {
  EXPECT_EQ(display::GrowthText(Derived::Ratio(76, 10), Lang::kEn), "up 7.6%");
  EXPECT_EQ(display::GrowthText(Derived::Ratio(-6, 100), Lang::kEn), "down 0.1%");  // -0.06%
  EXPECT_EQ(display::GrowthText(Derived::Ratio(-6, 100), Lang::kZh), "下降0.1%");
  EXPECT_EQ(display::GrowthText(Derived::Ratio(-4, 100), Lang::kEn), "flat");  // rounds to 0.0
  EXPECT_EQ(display::GrowthText(Derived::Ratio(4, 100), Lang::kZh), "持平");
  EXPECT_EQ(display::GrowthText(Derived::Ratio(76, 10), Lang::kZh), "增长7.6%");
  EXPECT_EQ(display::GrowthText(Derived::Ratio(100, 10), Lang::kEn),
            "up 10.0%");  // 1 decimal always
  EXPECT_EQ(display::GrowthText(Derived::Ratio(100, 10), Lang::kZh), "增长10.0%");
  EXPECT_EQ(display::GrowthText(Derived{}, Lang::kEn), "");
}

TEST(DisplayMoney, ThousandsSeparators) {
  EXPECT_EQ(display::Grouped("1234567.50"), "1,234,567.50");
  EXPECT_EQ(display::Grouped("-1234.5"), "-1,234.5");
  EXPECT_EQ(display::Grouped("336.75"), "336.75");
  EXPECT_EQ(display::Grouped("1000"), "1,000");
  EXPECT_EQ(display::Grouped(""), "");
  EXPECT_STREQ(display::ScaleName(Scale::kTrillion), "trillion");
}

TEST(DisplayWidth, CountsCjkTwice) {
  EXPECT_EQ(DisplayWidth("abc"), 3u);
  EXPECT_EQ(DisplayWidth("亿元"), 4u);
}

}  // namespace
}  // namespace tradestat::report
