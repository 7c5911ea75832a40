// query/currency_test.cc: --currency conversion against figures worked out by hand: month by month
// at each month's rate, summed exactly and rounded once (not total x average rate, not rounded per
// month), for totals, breakdowns, growth and series; a stored currency is never converted; a month
// without a rate is an error naming it; user rate files are validated.
#include <fmt/format.h>

#include "core/testing/status_matchers.h"
#include "query/currency.h"
#include "query/engine.h"
#include "query/json.h"
#include "query/refdata_lookup.h"
#include "query/testing/memory_dataset.h"

namespace tradestat::query {
namespace {

using core::StatusCode;
using core::testing::StatusIs;
using ::testing::HasSubstr;
using testing::MemoryCatalog;
using testing::MemoryDataset;
using testing::Record;

RateFraction R(int64_t num, int64_t den) { return RateFraction{num, den}; }

TEST(ConvertedSumTest, RoundsTheExactSumOnceHalvesAwayFromZero) {
  ConvertedSum a;  // 0.4 three times, each with another denominator: 1.2, not 0 + 0 + 0
  ASSERT_TRUE(a.Add(2, R(1, 5)));
  ASSERT_TRUE(a.Add(4, R(1, 10)));
  ASSERT_TRUE(a.Add(6, R(1, 15)));
  EXPECT_TRUE(a.Rounded() == 1);
  ConvertedSum half;  // 1/3 + 1/6 = 1/2 exactly: rounds up
  ASSERT_TRUE(half.Add(1, R(1, 3)));
  ASSERT_TRUE(half.Add(1, R(1, 6)));
  EXPECT_TRUE(half.Rounded() == 1);
  ConvertedSum neg;  // -1/3 - 1/6 = -1/2: away from zero
  ASSERT_TRUE(neg.Add(-1, R(1, 3)));
  ASSERT_TRUE(neg.Add(-1, R(1, 6)));
  EXPECT_TRUE(neg.Rounded() == -1);
  ConvertedSum below;  // 2/3 + 2/3 + 1/6 = 1.5 -> 2; minus 1/7 -> 1.357 -> 1
  ASSERT_TRUE(below.Add(2, R(1, 3)));
  ASSERT_TRUE(below.Add(2, R(1, 3)));
  ASSERT_TRUE(below.Add(1, R(1, 6)));
  EXPECT_TRUE(below.Rounded() == 2);
  ASSERT_TRUE(below.Add(-1, R(1, 7)));
  EXPECT_TRUE(below.Rounded() == 1);
  ConvertedSum mixed;  // -2.4 -> -2, -2.6 -> -3
  ASSERT_TRUE(mixed.Add(-12, R(1, 5)));
  EXPECT_TRUE(mixed.Rounded() == -2);
  ASSERT_TRUE(mixed.Add(-1, R(1, 5)));
  EXPECT_TRUE(mixed.Rounded() == -3);
  ConvertedSum multiply;  // 123.45 US$ at 7.1234 = 879.383730 yuan -> 879.38
  ASSERT_TRUE(multiply.Add(12345, R(71234, 10000)));
  EXPECT_TRUE(multiply.Rounded() == 87938);
  ConvertedSum big;  // overflow is refused, never wrapped
  EXPECT_FALSE(big.Add(static_cast<__int128>(1) << 120, R(1000, 1)));
  EXPECT_TRUE(ConvertedSum().Rounded() == 0);
}

// Two months of yuan, January at 6.2 and February at 7.0 yuan per dollar (a user rate file), a
// year later at 7.2 and 7.25.
class CurrencyTest : public ::testing::Test {
 protected:
  CurrencyTest() {
    auto ref = refdata::Reference::WithOverrides(std::vector<refdata::ReferenceFile>{
        {"exchange_rates", "my_rates.csv",
         "# test "
         "rates\nmonth,cny_per_usd\n2023-01,6.2\n2023-02,7.0\n2024-01,7.2\n2024-02,7.25\n"}});
    EXPECT_TRUE(ref.ok()) << ref.status().ToString();
    ref_ = *ref;
    lookup_ = std::make_unique<RefdataLookup>(*ref_);
    cny_ = std::make_shared<MemoryDataset>("cny", std::vector<std::string>{"CNY"});
    // 100.00 yuan to the USA in January, 200.00 to Germany in February.
    cny_->Add(Record{"2023-01", "X", "430100", "USA", "85076000", "0110", "PRIVATE", {100'00}});
    cny_->Add(Record{"2023-02", "X", "430100", "DEU", "85076000", "0110", "PRIVATE", {200'00}});
    // 360.00 and 145.00 yuan a year later.
    cny_->Add(Record{"2024-01", "X", "430100", "USA", "85076000", "0110", "PRIVATE", {360'00}});
    cny_->Add(Record{"2024-02", "X", "430100", "DEU", "85076000", "0110", "PRIVATE", {145'00}});
    // A month the rate file and the built-in table lack.
    cny_->Add(Record{"2031-01", "X", "430100", "USA", "85076000", "0110", "PRIVATE", {1'00}});
    catalog_.Add(cny_);
  }
  core::Result<QueryResult> Run(QueryRequest q) { return Execute(q, catalog_, *lookup_); }
  static const ResultRow* Row(const QueryResult& r, std::string_view code) {
    for (const ResultRow& row : r.rows)
      if (row.keys[0].code == code) return &row;
    return nullptr;
  }

  std::shared_ptr<const refdata::Reference> ref_;
  std::unique_ptr<RefdataLookup> lookup_;
  std::shared_ptr<MemoryDataset> cny_;
  MemoryCatalog catalog_;
};

TEST_F(CurrencyTest, TotalConvertsMonthByMonthNotAtTheAverageRate) {
  QueryRequest q;
  q.dataset = "cny";
  q.period = "2023-02:ytd";
  q.compare = "none";
  q.currency = "usd";
  auto r = Run(q);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  // 10000/6.2 + 20000/7.0 = 1612.903... + 2857.142... = 4470.046 cents -> 44.70 US$.
  // At the average rate 6.6 it would be 30000/6.6 = 4545.45 -> 45.45 US$.
  EXPECT_TRUE(r->total.m.value == 4470);
  EXPECT_EQ(r->currency, "USD");
  EXPECT_EQ(r->converted_from, "CNY");
  EXPECT_EQ(r->rate_source, "my_rates.csv");
  std::string json = ToJson(*r);
  EXPECT_NE(json.find("\"currency\":\"USD\""), std::string::npos) << json;
  EXPECT_NE(json.find("\"converted_from\":\"CNY\""), std::string::npos) << json;
  EXPECT_NE(json.find("\"rate_source\":\"my_rates.csv\""), std::string::npos) << json;
}

TEST_F(CurrencyTest, BreakdownAndGrowthUseEachPeriodsOwnMonths) {
  QueryRequest q;
  q.dataset = "cny";
  q.period = "2024-02:ytd";
  q.currency = "USD";
  q.by = {"partner"};
  auto r = Run(q);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  // 2024: 36000/7.2 = 5000 and 14500/7.25 = 2000 cents; 2023 (its own rates): 1612.90 -> 1613
  // and 2857.14 -> 2857, the total 4470 rounded from the exact sum.
  EXPECT_TRUE(r->total.m.value == 7000);
  ASSERT_TRUE(r->total.m.value_prev.has_value());
  EXPECT_TRUE(*r->total.m.value_prev == 4470);
  ASSERT_TRUE(r->total.m.growth_pct.present);
  EXPECT_NEAR(r->total.m.growth_pct.value(), (7000.0 - 4470.0) / 4470.0 * 100, 1e-9);
  const ResultRow* usa = Row(*r, "USA");
  const ResultRow* deu = Row(*r, "DEU");
  ASSERT_NE(usa, nullptr);
  ASSERT_NE(deu, nullptr);
  EXPECT_TRUE(usa->m.value == 5000);
  EXPECT_TRUE(*usa->m.value_prev == 1613);
  EXPECT_TRUE(deu->m.value == 2000);
  EXPECT_TRUE(*deu->m.value_prev == 2857);
}

TEST_F(CurrencyTest, SeriesStepsConvertAtTheirMonthsRates) {
  QueryRequest q;
  q.dataset = "cny";
  q.period = "2024-01..2024-02";
  q.currency = "USD";
  q.by = {"period"};
  auto r = Run(q);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  const ResultRow* jan = Row(*r, "2024-01");
  const ResultRow* feb = Row(*r, "2024-02");
  ASSERT_NE(jan, nullptr);
  ASSERT_NE(feb, nullptr);
  EXPECT_TRUE(jan->m.value == 5000);
  EXPECT_TRUE(*jan->m.value_prev == 1613);  // 10000 / 6.2
  EXPECT_TRUE(feb->m.value == 2000);
  EXPECT_TRUE(*feb->m.value_prev == 2857);  // 20000 / 7.0
  ASSERT_TRUE(feb->m.ytd_value.has_value());
  EXPECT_TRUE(*feb->m.ytd_value == 7000);
}

TEST_F(CurrencyTest, YearToDateRoundsOnceNotMonthByMonth) {
  // 0.03 yuan in each month: 3/6.2 + 3/7.0 = 0.484 + 0.429 = 0.912 cents -> 1 cent; rounding each
  // month first would give 0 + 0.
  auto small = std::make_shared<MemoryDataset>("small", std::vector<std::string>{"CNY"});
  small->Add(Record{"2023-01", "X", "430100", "USA", "85076000", "0110", "PRIVATE", {3}});
  small->Add(Record{"2023-02", "X", "430100", "USA", "85076000", "0110", "PRIVATE", {3}});
  catalog_.Add(small);
  QueryRequest q;
  q.dataset = "small";
  q.period = "2023-01..2023-02";
  q.currency = "USD";
  q.by = {"period"};
  auto r = Run(q);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_TRUE(r->total.m.value == 1);
  const ResultRow* feb = Row(*r, "2023-02");
  ASSERT_NE(feb, nullptr);
  EXPECT_TRUE(feb->m.value == 0);
  ASSERT_TRUE(feb->m.ytd_value.has_value());
  EXPECT_TRUE(*feb->m.ytd_value == 1);
}

TEST_F(CurrencyTest, MultipliesTheOtherWayAndKeepsAStoredCurrency) {
  auto usd = std::make_shared<MemoryDataset>("usd", std::vector<std::string>{"USD"});
  usd->Add(Record{"2023-01", "M", "430100", "USA", "85076000", "0110", "PRIVATE", {123'45}});
  usd->Add(Record{"2023-02", "M", "430100", "USA", "85076000", "0110", "PRIVATE", {1'01}});
  catalog_.Add(usd);
  QueryRequest q;
  q.dataset = "usd";
  q.period = "2023-02:ytd";
  q.compare = "none";
  q.currency = "CNY";
  auto r = Run(q);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  // 12345 x 6.2 + 101 x 7.0 = 76539 + 707 = 77246 fen.
  EXPECT_TRUE(r->total.m.value == 77246);
  EXPECT_EQ(r->converted_from, "USD");

  // A dataset holding both currencies answers from the stored column, unconverted.
  auto both = std::make_shared<MemoryDataset>("both", std::vector<std::string>{"CNY", "USD"});
  both->Add(
      Record{"2023-01", "X", "430100", "USA", "85076000", "0110", "PRIVATE", {700'00, 99'99}});
  catalog_.Add(both);
  q.dataset = "both";
  q.period = "2023-01";
  q.currency = "USD";
  r = Run(q);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_TRUE(r->total.m.value == 9999);
  EXPECT_EQ(r->converted_from, "");
  EXPECT_EQ(ToJson(*r).find("converted_from"), std::string::npos);
}

TEST_F(CurrencyTest, AMonthWithoutARateIsAnErrorNamingIt) {
  QueryRequest q;
  q.dataset = "cny";
  q.period = "2031-01";
  q.compare = "none";
  q.currency = "USD";
  EXPECT_THAT(Run(q), StatusIs(StatusCode::kInvalidArgument,
                               AllOf(HasSubstr("no CNY per USD rate for 2031-01"),
                                     HasSubstr("tradestat ref exchange-rates import FILE"),
                                     HasSubstr("month,cny_per_usd"))));
  q.period = "2023-01";
  q.currency = "EUR";
  EXPECT_THAT(Run(q), StatusIs(StatusCode::kInvalidArgument,
                               AllOf(HasSubstr("has no EUR values"), HasSubstr("accepted: CNY"))));
}

TEST(ExchangeRatesTest, RatesAreExactAndFilesAreValidated) {
  const refdata::ExchangeRates& x = refdata::Reference::Builtin().exchange_rates();
  auto jun = x.Exact("CNY", "USD", core::Period::Month(2023, 6));
  ASSERT_TRUE(jun.has_value());
  EXPECT_EQ(jun->units, 71614000000);  // 7.1614 exactly
  EXPECT_FALSE(x.Exact("USD", "CNY", core::Period::Month(2023, 6)).has_value());
  const refdata::Reference& ref = refdata::Reference::Builtin();
  EXPECT_THAT(
      ref.Check("exchange_rates", "r.csv", "month,cny_per_usd\n2023-01,-7\n"),
      StatusIs(StatusCode::kParse, HasSubstr("r.csv:2:9: cny_per_usd: expected a positive rate")));
  EXPECT_THAT(ref.Check("exchange_rates", "r.csv", "month,rate\n2023-01,7\n"),
              StatusIs(StatusCode::kParse, HasSubstr("QUOTE_per_BASE")));
  EXPECT_THAT(ref.Check("exchange_rates", "r.csv", "month,cny_per_usd\n2023,7\n"),
              StatusIs(StatusCode::kParse, HasSubstr("r.csv:2:1: month: expected a month")));
  EXPECT_TRUE(
      ref.Check("exchange_rates", "r.csv", "month,eur_per_usd,cny_per_usd\n2023-01,0.93,\n").ok());
}

}  // namespace
}  // namespace tradestat::query
