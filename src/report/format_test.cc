// report/format_test.cc: customs display rounding from unrounded values.
#include "report/format.h"

#include <gtest/gtest.h>

#include "report/table.h"

namespace tradestat::report {
namespace {

using query::Derived;
using query::Lang;

TEST(FormatTest, MoneyInBillionsAndYi) {
  __int128 fen = __int128{33675} * 1000000000 * 100 / 100;  // 336.75 bn yuan in fen
  fen = __int128{336750000000} * 100;
  EXPECT_EQ(FormatMoney(fen, 2, "CNY", Lang::kEn), "336.75 bn");
  EXPECT_EQ(FormatMoney(fen, 2, "CNY", Lang::kZh), "3367.5亿元");
  EXPECT_EQ(FormatMoney(__int128{336754999999} * 100, 2, "CNY", Lang::kEn), "336.75 bn");
  EXPECT_EQ(FormatMoney(__int128{336755000000} * 100, 2, "CNY", Lang::kEn), "336.76 bn");
  EXPECT_EQ(FormatMoney(__int128{4607000000} * 100, 2, "USD", Lang::kZh), "46.1亿美元");
  EXPECT_EQ(FormatMoney(__int128{1234567} * 100, 2, "CNY", Lang::kEn), "1.23 mn");
}

TEST(FormatTest, PercentagesOneDecimalTwoBelowOneTenth) {
  EXPECT_EQ(FormatPercent(Derived::Ratio(76, 10), true), "+7.6%");
  EXPECT_EQ(FormatPercent(Derived::Ratio(765, 100), true), "+7.7%");   // exact half: away from zero
  EXPECT_EQ(FormatPercent(Derived::Ratio(-765, 100), true), "-7.7%");
  EXPECT_EQ(FormatPercent(Derived::Ratio(4, 100), true), "+0.04%");
  EXPECT_EQ(FormatPercent(Derived::Ratio(317, 10), false), "31.7%");
  EXPECT_EQ(FormatPoints(Derived::Ratio(55, 10), Lang::kEn), "+5.5 pp");
  EXPECT_EQ(FormatPoints(Derived::Ratio(55, 10), Lang::kZh), "+5.5个百分点");
  EXPECT_EQ(FormatPercent(Derived{}, true), "");
}

TEST(FormatTest, DisplayWidthCountsCjkTwice) {
  EXPECT_EQ(DisplayWidth("abc"), 3u);
  EXPECT_EQ(DisplayWidth("亿元"), 4u);
}

}  // namespace
}  // namespace tradestat::report
