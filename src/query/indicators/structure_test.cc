// query/indicators/structure_test.cc: rca, trade_intensity, hhi and products_exported against
// figures worked out by hand from a small Comtrade-style dataset (three reporters, June 2023).
#include "query/indicators/structure.h"

#include <gtest/gtest.h>

#include "core/testing/status_matchers.h"
#include "query/indicators/indicators.h"
#include "query/json.h"
#include "query/refdata_lookup.h"
#include "query/testing/memory_dataset.h"

namespace tradestat::query {
namespace {

using ::testing::HasSubstr;
using testing::MemoryCatalog;
using testing::MemoryDataset;
using testing::Record;

// Exports (US$): CHN 100 = USA 50 (850760) + 20 (870380), DEU 10 (850760) + 10 (610910), VNM 10
// (850760); USA 100; DEU 200. World exports by hs6: 850760 140, 870380 250, 610910 10 (400).
// Imports: USA 142, DEU 77, CHN 220 (439); VNM reports nothing.
class StructureTest : public ::testing::Test {
 protected:
  StructureTest() : ref_(refdata::Reference::Builtin()) {
    world_ = std::make_shared<MemoryDataset>("world", std::vector<std::string>{"USD"});
    catalog_.Add(world_);
    X("CHN", "USA", "85076000", 50);
    X("CHN", "USA", "87038000", 20);
    X("CHN", "DEU", "85076000", 10);
    X("CHN", "DEU", "61091000", 10);
    X("CHN", "VNM", "85076000", 10);
    X("USA", "CHN", "87038000", 50);
    X("USA", "DEU", "87038000", 30);
    X("USA", "DEU", "85076000", 20);
    X("DEU", "CHN", "87038000", 150);
    X("DEU", "USA", "85076000", 50);
    M("USA", "CHN", "85076000", 55);
    M("USA", "CHN", "87038000", 22);
    M("USA", "DEU", "85076000", 65);
    M("DEU", "CHN", "85076000", 11);
    M("DEU", "CHN", "61091000", 11);
    M("DEU", "USA", "87038000", 33);
    M("DEU", "USA", "85076000", 22);
    M("CHN", "USA", "87038000", 55);
    M("CHN", "DEU", "87038000", 165);
  }
  void X(const char* rep, const char* par, const char* hs, int64_t usd) {
    Add("X", rep, par, hs, usd);
  }
  void M(const char* rep, const char* par, const char* hs, int64_t usd) {
    Add("M", rep, par, hs, usd);
  }
  void Add(const char* flow, const char* rep, const char* par, const char* hs, int64_t usd) {
    world_->Add(Record{"2023-06", flow, rep, par, hs, "", "", {usd * 100}});
  }
  QueryRequest Chn(std::vector<std::string> measures) {
    QueryRequest q;
    q.dataset = "world";
    q.period = "2023-06";
    q.compare = "none";
    q.reporter = "CHN";
    q.flow = "X";
    q.measures = std::move(measures);
    return q;
  }
  core::Result<QueryResult> Run(const QueryRequest& q) { return Execute(q, catalog_, ref_); }
  static const ResultRow* Row(const QueryResult& r, const std::string& code) {
    for (const auto& row : r.rows)
      if (row.keys[0].code == code) return &row;
    return nullptr;
  }
  // d == num / den exactly.
  static bool Is(const Derived& d, __int128 num, __int128 den) {
    return d.present && d.exact && d.num * den == num * d.den;
  }

  RefdataLookup ref_;
  std::shared_ptr<MemoryDataset> world_;
  MemoryCatalog catalog_;
};

TEST_F(StructureTest, BalassaRcaByProductAgainstTheWorld) {
  QueryRequest q = Chn({"rca"});
  q.by = {"hs6"};
  q.benchmark = "world";
  ASSERT_OK_AND_ASSIGN(QueryResult r, Run(q));
  ASSERT_EQ(r.rows.size(), 3u);
  EXPECT_TRUE(Is(Row(r, "850760")->m.rca, 2, 1));     // 0.70 / (140 / 400)
  EXPECT_TRUE(Is(Row(r, "870380")->m.rca, 32, 100));  // 0.20 / (250 / 400)
  EXPECT_TRUE(Is(Row(r, "610910")->m.rca, 4, 1));     // 0.10 / (10 / 400)
  EXPECT_TRUE(Is(r.total.m.rca, 1, 1));               // all exports over all exports
  // JSON: 4 decimals, not the full double.
  const std::string json = ToJson(r);
  EXPECT_THAT(json, HasSubstr("\"rca\":0.3200"));
  EXPECT_THAT(json, HasSubstr("\"rca\":2.0000"));
  // A product filter: the total's rca is that product's (share of all exports, no --where).
  q.by.clear();
  q.where = {"commodity=8703"};
  ASSERT_OK_AND_ASSIGN(r, Run(q));
  EXPECT_TRUE(Is(r.total.m.rca, 32, 100));
}

TEST_F(StructureTest, RcaNeedsABenchmarkAndExports) {
  QueryRequest q = Chn({"rca"});
  q.by = {"hs6"};
  EXPECT_THAT(Run(q).status().message(), HasSubstr("needs --benchmark"));
  q.benchmark = "world";
  q.flow = "total";
  EXPECT_THAT(Run(q).status().message(), HasSubstr("add --flow X"));
}

TEST_F(StructureTest, RcaIsNullWhenTheBenchmarkHasNoneOfTheProduct) {
  auto other = std::make_shared<MemoryDataset>("bench", std::vector<std::string>{"USD"});
  other->Add(Record{"2023-06", "X", "USA", "DEU", "85076000", "", "", {1000}});
  catalog_.Add(other);
  QueryRequest q = Chn({"rca"});
  q.by = {"hs6"};
  q.benchmark = "bench";
  ASSERT_OK_AND_ASSIGN(QueryResult r, Run(q));
  EXPECT_TRUE(Is(Row(r, "850760")->m.rca, 70, 100));  // 0.70 / 1
  EXPECT_FALSE(Row(r, "870380")->m.rca.present);      // zero denominator: null, never infinity
  EXPECT_THAT(ToJson(r), HasSubstr("\"rca\":null"));
}

TEST_F(StructureTest, TradeIntensityAgainstPartnersImports) {
  QueryRequest q = Chn({"trade_intensity"});
  q.by = {"partner"};
  q.benchmark = "world";
  ASSERT_OK_AND_ASSIGN(QueryResult r, Run(q));
  // (x_ij / X_i) / (m_j / M_w), M_w = 439.
  EXPECT_TRUE(Is(Row(r, "USA")->m.trade_intensity, 70 * 439, 100 * 142));
  EXPECT_TRUE(Is(Row(r, "DEU")->m.trade_intensity, 20 * 439, 100 * 77));
  EXPECT_FALSE(Row(r, "VNM")->m.trade_intensity.present);  // VNM reports no imports
  EXPECT_THAT(ToJson(r), HasSubstr("\"trade_intensity\":null"));
  // Between the reporter and one partner: --where partner=.
  q.by.clear();
  q.where = {"partner=US"};
  ASSERT_OK_AND_ASSIGN(r, Run(q));
  EXPECT_TRUE(Is(r.total.m.trade_intensity, 70 * 439, 100 * 142));
  q.where = {"commodity=85"};
  EXPECT_THAT(Run(q).status().message(), HasSubstr("add --by partner or --where partner=CODE"));
}

TEST_F(StructureTest, HhiOfPartnerAndProductRows) {
  QueryRequest q = Chn({"value", "hhi"});
  q.by = {"partner"};
  q.top = 1;  // the index is of all rows, before --top
  ASSERT_OK_AND_ASSIGN(QueryResult r, Run(q));
  EXPECT_TRUE(Is(r.total.m.hhi, 5400, 1));  // 70^2 + 20^2 + 10^2
  EXPECT_THAT(ToJson(r), HasSubstr("\"hhi\":5400.00"));
  q.by = {"hs6"};
  ASSERT_OK_AND_ASSIGN(r, Run(q));
  EXPECT_TRUE(Is(r.total.m.hhi, 5400, 1));  // 850760 70, 870380 20, 610910 10
  q.by.clear();
  EXPECT_THAT(Run(q).status().message(), HasSubstr("add --by"));
  q.by = {"partner_group"};
  EXPECT_THAT(Run(q).status().message(), HasSubstr("overlap"));
  EXPECT_FALSE(indicators::Hhi({0, 0}).present);
  EXPECT_FALSE(indicators::Hhi({5, -1}).present);
  EXPECT_TRUE(Is(indicators::Hhi({1, 1, 1, 1}), 2500, 1));
}

TEST_F(StructureTest, ProductsExportedAboveAThreshold) {
  QueryRequest q = Chn({"products_exported"});
  q.flow = "total";  // counts exports whatever the flow shown
  q.by = {"partner"};
  ASSERT_OK_AND_ASSIGN(QueryResult r, Run(q));
  EXPECT_EQ(r.total.m.products_exported, 3);
  EXPECT_EQ(Row(r, "USA")->m.products_exported, 2);
  EXPECT_EQ(Row(r, "DEU")->m.products_exported, 2);
  EXPECT_EQ(Row(r, "VNM")->m.products_exported, 1);
  EXPECT_THAT(ToJson(r), HasSubstr("\"products_exported\":3"));  // the total's
  q.products_min = "15";  // exports above US$15: 850760 (70) and 870380 (20) overall
  ASSERT_OK_AND_ASSIGN(r, Run(q));
  EXPECT_EQ(r.total.m.products_exported, 2);
  EXPECT_EQ(Row(r, "USA")->m.products_exported, 2);
  EXPECT_EQ(Row(r, "DEU")->m.products_exported, 0);
  q.products_min.clear();
  q.products_level = "hs2";  // chapters 85, 87, 61
  q.by.clear();
  ASSERT_OK_AND_ASSIGN(r, Run(q));
  EXPECT_EQ(r.total.m.products_exported, 3);
  q.products_level = "hs5";
  EXPECT_THAT(Run(q).status().message(), HasSubstr("accepted: hs2, hs4, hs6 (default), hs8"));
  q.products_level.clear();
  q.products_min = "-1";
  EXPECT_FALSE(Run(q).ok());
}

}  // namespace
}  // namespace tradestat::query
