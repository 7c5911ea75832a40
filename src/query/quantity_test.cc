// query/quantity_test.cc: --measure quantity|unit_value against sums computed here, mixed units
// (refused naming them, or grouped with --by unit), zero denominators (null, never infinity),
// and the measure registry driving the JSON writer.
#include <fmt/format.h>

#include <set>

#include "core/testing/status_matchers.h"
#include "query/engine.h"
#include "query/json.h"
#include "query/measures.h"
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

struct Fact {
  const char* period;
  const char* flow;
  const char* partner;
  const char* hs;
  int64_t fen;
  const char* unit;
  int64_t thousandths;  // store::kNoQuantity = not given
};

class QuantityTest : public ::testing::Test {
 protected:
  QuantityTest() : ref_(refdata::Reference::Builtin()) {
    data_ = std::make_shared<MemoryDataset>("d", std::vector<std::string>{"CNY"});
    catalog_.Add(data_);
  }
  void Add(const Fact& f) {
    facts_.push_back(f);
    Record r{f.period, f.flow, "430100", f.partner, f.hs, "0110", "PRIVATE", {f.fen}};
    r.unit = f.unit;
    r.quantity = f.thousandths;
    data_->Add(r);
  }
  core::Result<QueryResult> Run(QueryRequest r) { return Execute(r, catalog_, ref_); }
  // Independent sums over the facts of a period prefix, flow and hs prefix.
  __int128 Sum(bool quantity, std::string_view period_prefix, std::string_view hs_prefix = "",
               std::string_view unit = "") const {
    __int128 s = 0;
    for (const Fact& f : facts_) {
      if (std::string_view(f.period).substr(0, period_prefix.size()) != period_prefix) continue;
      if (std::string_view(f.hs).substr(0, hs_prefix.size()) != hs_prefix) continue;
      if (!unit.empty() && unit != f.unit) continue;
      if (quantity) {
        if (f.thousandths != store::kNoQuantity) s += f.thousandths;
      } else {
        s += f.fen;
      }
    }
    return s;
  }
  void Fixture() {
    // Electric cars (U = units) and batteries (KG), two years; one record without quantity.
    Add({"2022-03", "X", "USA", "87038000", 300'000'00, "U", 10'000});  // 10 cars
    Add({"2022-04", "X", "DEU", "87038000", 200'000'00, "U", 5'000});
    Add({"2023-03", "X", "USA", "87038000", 480'000'00, "U", 15'000});
    Add({"2023-05", "X", "DEU", "87038000", 390'000'00, "U", 12'000});
    Add({"2023-05", "X", "DEU", "87038000", 10'000'00, "", store::kNoQuantity});  // no quantity
    Add({"2022-03", "X", "USA", "85076000", 50'000'00, "KG", 1'000'500});
    Add({"2023-03", "X", "USA", "85076000", 70'000'00, "KG", 1'200'250});
  }

  RefdataLookup ref_;
  std::shared_ptr<MemoryDataset> data_;
  MemoryCatalog catalog_;
  std::vector<Fact> facts_;
};

TEST_F(QuantityTest, QuantityUnitValueAndDecompositionMatchIndependentSums) {
  Fixture();
  QueryRequest q;
  q.period = "2023H1";
  q.where = {"commodity=8703"};
  q.measures = {"value,unit_value"};
  auto r = Run(q);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  const Measures& m = r->total.m;
  const __int128 v = Sum(false, "2023", "8703"), vp = Sum(false, "2022", "8703");
  const __int128 qn = Sum(true, "2023", "8703"), qp = Sum(true, "2022", "8703");
  EXPECT_EQ(m.value, v);
  ASSERT_TRUE(m.quantity && m.quantity_prev);
  EXPECT_EQ(*m.quantity, qn);
  EXPECT_EQ(*m.quantity_prev, qp);
  EXPECT_EQ(m.unit, "U");
  // unit value in yuan per unit = (v / 100) / (q / 1000), as an exact ratio
  ASSERT_TRUE(m.unit_value.present && m.unit_value.exact);
  EXPECT_EQ(m.unit_value.num * (qn * 100), m.unit_value.den * (v * 1000));
  EXPECT_NEAR(m.unit_value.value(), (88000000.0 / 100) / 27.0, 1e-6);
  // (1 + g) = (1 + volume g)(1 + price g), exactly
  ASSERT_TRUE(m.volume_growth_pct.exact && m.price_growth_pct.exact && m.growth_pct.exact);
  EXPECT_NEAR(m.volume_growth_pct.value(), (27.0 / 15.0 - 1) * 100, 1e-9);
  const long double lhs = 1 + m.growth_pct.value() / 100.0L;
  const long double rhs =
      (1 + m.volume_growth_pct.value() / 100.0L) * (1 + m.price_growth_pct.value() / 100.0L);
  EXPECT_NEAR(static_cast<double>(lhs), static_cast<double>(rhs), 1e-12);
  // The JSON carries them, quantities as exact decimals with three places.
  std::string json = ToJson(*r);
  EXPECT_THAT(json, HasSubstr("\"quantity\":27.000,\"quantity_prev\":15.000,\"unit\":\"U\""));
}

TEST_F(QuantityTest, MixedUnitsAreRefusedNamingThemOrGroupedByUnit) {
  Fixture();
  QueryRequest q;
  q.period = "2023H1";
  q.measures = {"quantity"};
  EXPECT_THAT(Run(q).status(),
              StatusIs(StatusCode::kInvalidArgument, HasSubstr("several units (KG, U)")));
  q.by = {"partner"};  // USA mixes KG and U
  EXPECT_THAT(Run(q).status(),
              StatusIs(StatusCode::kInvalidArgument, HasSubstr("\"United States\"")));
  q.by = {"unit"};
  auto r = Run(q);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->rows.size(), 3u);  // U, KG and the record without unit
  for (const ResultRow& row : r->rows) {
    if (row.keys[0].code.empty()) {
      EXPECT_FALSE(row.m.quantity.has_value());  // no quantity at all: null, not 0
      continue;
    }
    EXPECT_EQ(row.m.unit, row.keys[0].code);
    EXPECT_EQ(*row.m.quantity, Sum(true, "2023", "", row.keys[0].code));
  }
  EXPECT_FALSE(r->total.m.quantity.has_value());
  EXPECT_EQ(r->total.m.mixed_units, (std::vector<std::string>{"KG", "U"}));
  // Sorting by a registered measure.
  q.by = {"unit"};
  q.sort = "quantity:desc";
  r = Run(q);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->rows[0].keys[0].code, "KG");
}

TEST_F(QuantityTest, ZeroDenominatorsGiveNull) {
  Add({"2022-03", "X", "USA", "87038000", 100, "U", 0});  // quantity zero last year
  Add({"2023-03", "X", "USA", "87038000", 100, "U", 0});  // and this year
  Add({"2023-03", "X", "JPN", "87038000", 100, "U", 2000});
  QueryRequest q;
  q.period = "2023-03";
  q.by = {"partner"};
  q.measures = {"unit_value"};
  auto r = Run(q);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  for (const ResultRow& row : r->rows) {
    if (row.keys[0].code == "USA") {
      EXPECT_FALSE(row.m.unit_value.present);
      EXPECT_FALSE(row.m.volume_growth_pct.present);
      EXPECT_FALSE(row.m.price_growth_pct.present);
    } else {
      EXPECT_DOUBLE_EQ(row.m.unit_value.value(), 0.5);  // 1 yuan / 2 units
      EXPECT_FALSE(row.m.volume_growth_pct.present);    // nothing a year earlier
    }
  }
  std::string json = ToJson(*r);
  EXPECT_EQ(json.find("inf"), std::string::npos);
  EXPECT_EQ(json.find("nan"), std::string::npos);
}

TEST_F(QuantityTest, BadMeasureNamesTheAcceptedOnes) {
  Fixture();
  QueryRequest q;
  q.period = "2023H1";
  q.measures = {"weight"};
  EXPECT_THAT(Run(q).status(),
              StatusIs(StatusCode::kInvalidArgument, HasSubstr("accepted: value, quantity")));
  q.measures = {"net_weight"};
  EXPECT_THAT(Run(q).status(), StatusIs(StatusCode::kInvalidArgument, HasSubstr("not stored")));
  q.measures = {};
  q.sort = "unit_value";
  EXPECT_THAT(Run(q).status(),
              StatusIs(StatusCode::kInvalidArgument, HasSubstr("add --measure unit_value")));
}

TEST_F(QuantityTest, EveryRegisteredMeasureIsWrittenToJson) {
  Fixture();
  data_ = std::make_shared<MemoryDataset>("bench", std::vector<std::string>{"CNY"});
  data_->Add(Record{"2023-03", "X", "430100", "USA", "87038000", "0110", "PRIVATE", {100}});
  data_->Add(Record{"2022-03", "X", "430100", "USA", "87038000", "0110", "PRIVATE", {90}});
  catalog_.Add(data_);
  QueryRequest q;
  q.period = "2023H1";
  q.by = {"unit", "period"};  // period: the series measures apply too
  q.measures = {"quantity", "unit_value"};
  q.benchmark = "bench";
  auto r = Run(q);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  std::string json = ToJson(*r);
  const std::string total = json.substr(json.find("\"total\":{\"value\""));
  for (const MeasureDef& def : MeasureRegistry()) {
    std::string key = fmt::format("\"{}\":", def.key);
    EXPECT_FALSE(def.description.empty()) << def.key;
    // The trade-structure indicators are groups of their own that need a --benchmark or a
    // breakdown this fixture does not ask for (structure_test checks their keys); any other
    // measure must be written here.
    static const std::set<std::string_view> kStructure = {"rca", "trade_intensity", "hhi",
                                                          "products_exported"};
    if (kStructure.count(def.group)) continue;
    EXPECT_TRUE(MeasureGroupAsked(def, *r)) << def.key << ": asked by this test?";
    if (def.scope != MeasureScope::kTotalOnly)
      EXPECT_THAT(json.substr(0, json.find("\"total\":{\"value\"")), HasSubstr(key));
    if (def.scope != MeasureScope::kRowsOnly) EXPECT_THAT(total, HasSubstr(key));
  }
}

}  // namespace
}  // namespace tradestat::query
