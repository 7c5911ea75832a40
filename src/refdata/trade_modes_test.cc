// refdata/trade_modes_test.cc: trade-mode codes and classes, enterprise types and groups,
// exchange rates.
#include "refdata/trade_modes.h"

#include <gtest/gtest.h>

#include "core/testing/status_matchers.h"
#include "refdata/reference.h"

namespace tradestat::refdata {
namespace {

using core::testing::StatusIs;
using ::testing::HasSubstr;

const TradeModes& T() { return Reference::Builtin().trade_modes(); }
const EnterpriseTypes& E() { return Reference::Builtin().enterprise_types(); }

TEST(TradeModesTest, SupervisionAndStatisticalCodes) {
  EXPECT_EQ(*T().StatisticalCode("0110"), "10");
  EXPECT_EQ(*T().StatisticalCode("110"), "10");  // written without the leading zero
  EXPECT_EQ(*T().StatisticalCode("10"), "10");
  EXPECT_EQ(*T().StatisticalCode("0615"), "15");
  EXPECT_EQ(*T().StatisticalCode("9610"), "10");
  EXPECT_EQ(*T().ClassOf("10"), TradeModeClass::kGeneral);
  EXPECT_EQ(*T().ClassOf("0615"), TradeModeClass::kProcessing);
  EXPECT_EQ(*T().ClassOf("14"), TradeModeClass::kProcessing);
  EXPECT_EQ(*T().ClassOf("1233"), TradeModeClass::kBondedLogistics);
  EXPECT_EQ(*T().ClassOf("9610"), TradeModeClass::kCrossBorderEcommerce);
  EXPECT_EQ(*T().ClassOf("0200"), TradeModeClass::kExcluded);
  EXPECT_THAT(T().StatisticalCode("0200"),
              StatusIs(core::StatusCode::kInvalidArgument, HasSubstr("no statistical")));
  EXPECT_THAT(T().StatisticalCode("7777"),
              StatusIs(core::StatusCode::kNotFound, HasSubstr("supervision code")));
  EXPECT_EQ(TradeModeClassName(TradeModeClass::kBondedLogistics), "bonded_logistics");
  EXPECT_EQ(*ParseTradeModeClass("cross_border_ecommerce"), TradeModeClass::kCrossBorderEcommerce);
  EXPECT_EQ(T().all().size(), 121u);
}

// Filter values by name (issue 11 item 11): "General trade" / 一般贸易 name both 10 and its
// supervision code 0110 in data/refdata/trade_modes.csv; the statistical mode is the one meant.
TEST(TradeModesTest, FindByCodeOrNameInAnyCaseOrChinese) {
  for (const char* text : {"10", "general trade", "GENERAL TRADE", " General trade ", "一般贸易"}) {
    const TradeMode* m = T().FindByCodeOrName(text);
    ASSERT_NE(m, nullptr) << text;
    EXPECT_EQ(m->code, "10") << text;
  }
  ASSERT_NE(T().FindByCodeOrName("110"), nullptr);
  EXPECT_EQ(T().FindByCodeOrName("110")->code, "0110");
  EXPECT_EQ(T().FindByCodeOrName("general"), nullptr);  // a class, not a mode's name
  EXPECT_EQ(T().FindByCodeOrName(""), nullptr);
}

TEST(EnterpriseTypesTest, CodesAndGroups) {
  const char* expected[] = {"SOE",     "FIE",     "FIE",   "FIE",  "PRIVATE",
                            "PRIVATE", "PRIVATE", "OTHER", "OTHER"};
  for (int i = 1; i <= 9; ++i) EXPECT_EQ(*E().GroupOf(std::to_string(i)), expected[i - 1]) << i;
  for (const char* g : {"PRIVATE", "FIE", "SOE", "OTHER"}) EXPECT_EQ(*E().GroupOf(g), g);
  EXPECT_EQ(*E().GroupOf("fie"), "FIE");
  EXPECT_EQ(*E().GroupOf("民营企业"), "PRIVATE");
  EXPECT_EQ(*E().GroupOf("外商投资企业"), "FIE");
  EXPECT_EQ(*E().GroupOf("国有企业"), "SOE");
  EXPECT_EQ(E().groups().size(), 4u);
  EXPECT_THAT(E().GroupOf("0"),
              StatusIs(core::StatusCode::kNotFound, HasSubstr("SOE, FIE, PRIVATE or OTHER")));
}

TEST(ExchangeRatesTest, MonthlyFrom2015) {
  const ExchangeRates& x = Reference::Builtin().exchange_rates();
  EXPECT_EQ(x.first(), core::Period::Month(2015, 1));
  ASSERT_TRUE(x.CnyPerUsd(core::Period::Month(2023, 6)).has_value());
  EXPECT_NEAR(*x.CnyPerUsd(core::Period::Month(2023, 6)), 7.1614, 1e-9);
  EXPECT_NEAR(*x.CnyPerUsd(core::Period::Year(2023)), 7.0797, 1e-3);
  EXPECT_FALSE(x.CnyPerUsd(core::Period::Month(2014, 12)).has_value());
  EXPECT_THAT(x.Require(core::Period::Month(2030, 1)),
              StatusIs(core::StatusCode::kNotFound, HasSubstr("2015-01")));
  for (const auto& [month, rate] : x.all()) {
    EXPECT_GT(rate, 6.0) << month.ToString();
    EXPECT_LT(rate, 7.5) << month.ToString();
  }
}

}  // namespace
}  // namespace tradestat::refdata
