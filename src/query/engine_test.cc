// query/engine_test.cc: Execute() over in-memory datasets: every option and the subtle rules
// (YTD, prev, blocs without double counting, share bases, dated membership, HS editions,
// partner counts, records, benchmarks) and the error messages.
#include "query/engine.h"

#include <map>
#include <set>

#include <fmt/format.h>

#include "core/testing/status_matchers.h"
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

class EngineTest : public ::testing::Test {
 protected:
  EngineTest() : ref_(refdata::Reference::Builtin()) {
    data_ = std::make_shared<MemoryDataset>("hunan", std::vector<std::string>{"CNY", "USD"});
    catalog_.Add(data_);
  }
  void Add(const char* period, const char* flow, const char* reporter, const char* partner,
           const char* hs, int64_t cny, const char* mode = "0110", const char* ent = "PRIVATE") {
    data_->Add(Record{period, flow, reporter, partner, hs, mode, ent, {cny * 100, cny * 14}});
  }
  QueryResult Run(QueryRequest r) {
    auto result = Execute(r, catalog_, ref_);
    EXPECT_TRUE(result.ok()) << result.status().ToString();
    return result.ok() ? *result : QueryResult{};
  }
  static __int128 Yuan(int64_t v) { return __int128{v} * 100; }
  const ResultRow* Row(const QueryResult& r, const std::string& code) {
    for (const auto& row : r.rows)
      if (row.keys.size() == 1 && row.keys[0].code == code) return &row;
    return nullptr;
  }

  RefdataLookup ref_;
  std::shared_ptr<MemoryDataset> data_;
  MemoryCatalog catalog_;
};

TEST_F(EngineTest, TotalsByFlowWithYearOnYearGrowth) {
  Add("2022-03", "X", "430100", "USA", "85076000", 100);
  Add("2022-03", "M", "430100", "USA", "26030000", 50);
  Add("2023-03", "X", "430100", "USA", "85076000", 120);
  Add("2023-03", "M", "430600", "DEU", "26030000", 40);
  Add("2023-07", "X", "430100", "USA", "85076000", 999);  // outside H1
  QueryRequest q;
  q.period = "2023H1";
  q.by = {"flow"};
  QueryResult r = Run(q);
  EXPECT_EQ(r.total.m.value, Yuan(160));
  EXPECT_EQ(*r.total.m.value_prev, Yuan(150));
  EXPECT_EQ(*r.total.m.balance, Yuan(80));
  EXPECT_NEAR(r.total.m.growth_pct.value(), 100.0 * 10 / 150, 1e-12);
  ASSERT_EQ(r.rows.size(), 2u);
  EXPECT_EQ(r.rows[0].keys[0].code, "X");
  EXPECT_EQ(r.rows[0].m.value, Yuan(120));
  EXPECT_NEAR(r.rows[0].m.share_pct.value(), 75.0, 1e-12);
  EXPECT_NEAR(r.rows[0].m.contribution_pp.value(), 100.0 * 20 / 150, 1e-12);
  EXPECT_EQ(*r.total.m.partners, 2);
  EXPECT_EQ(*r.total.m.partners_prev, 1);
  q.currency = "USD";
  EXPECT_EQ(Run(q).total.m.value, __int128{160} * 14);
}

TEST_F(EngineTest, YearToDateAndPreviousPeriod) {
  for (int m = 1; m <= 12; ++m) {
    Add(fmt::format("2022-{:02d}", m).c_str(), "X", "430100", "USA", "85", 10 * m);
    Add(fmt::format("2023-{:02d}", m).c_str(), "X", "430100", "USA", "85", 11 * m);
  }
  QueryRequest q;
  q.period = "2023-05:ytd";
  QueryResult r = Run(q);
  EXPECT_EQ(r.total.m.value, Yuan(11 * 15));
  EXPECT_EQ(*r.total.m.value_prev, Yuan(10 * 15));
  q.period = "2023Q1";
  q.compare = "prev";
  r = Run(q);
  EXPECT_EQ(r.total.m.value, Yuan(11 * 6));
  EXPECT_EQ(*r.total.m.value_prev, Yuan(10 * (10 + 11 + 12)));
  EXPECT_EQ(r.compare->from.ToString(), "2022-10");
  q.compare = "none";
  r = Run(q);
  EXPECT_FALSE(r.total.m.value_prev);
  EXPECT_FALSE(r.compare);
  // Monthly breakdown: each month against the same month a year earlier.
  q.compare = "yoy";
  q.by = {"period"};
  r = Run(q);
  ASSERT_EQ(r.rows.size(), 3u);
  EXPECT_EQ(r.rows[1].keys[0].code, "2023-02");
  EXPECT_EQ(*r.rows[1].m.value_prev, Yuan(20));
}

TEST_F(EngineTest, BlocsRankBesideCountriesWithoutDoubleCounting) {
  Add("2023-06", "X", "430100", "VNM", "85", 30);
  Add("2023-06", "X", "430100", "THA", "85", 30);
  Add("2023-06", "X", "430100", "DEU", "85", 20);
  Add("2023-06", "X", "430100", "USA", "85", 50);
  Add("2023-06", "X", "430100", "JPN", "85", 10);
  QueryRequest q;
  q.period = "2023-06";
  q.by = {"partner"};
  q.units = {"ASEAN,EU"};
  q.top = 3;
  QueryResult r = Run(q);
  ASSERT_EQ(r.rows.size(), 3u);
  EXPECT_EQ(r.rows[0].keys[0].code, "ASEAN");
  EXPECT_TRUE(r.rows[0].keys[0].unit);
  EXPECT_EQ(r.rows[0].m.value, Yuan(60));
  EXPECT_EQ(r.rows[1].keys[0].code, "USA");
  EXPECT_EQ(r.rows[2].keys[0].code, "EU");
  EXPECT_EQ(r.rows_total, 4u);
  EXPECT_EQ(r.total.m.value, Yuan(140));
  EXPECT_EQ(*r.total.m.partners, 5);
}

TEST_F(EngineTest, SharesUseTheStatedBase) {
  Add("2023-06", "X", "430100", "VNM", "85", 30);
  Add("2023-06", "X", "430100", "USA", "85", 70);
  Add("2023-06", "M", "430100", "USA", "26", 100);
  Add("2023-06", "X", "430100", "USA", "61", 100);
  QueryRequest q;
  q.period = "2023-06";
  q.where = {"partner_group=ASEAN"};
  QueryResult r = Run(q);  // ASEAN share of total trade
  EXPECT_EQ(r.total.m.value, Yuan(30));
  EXPECT_NEAR(r.total.m.share_pct.value(), 10.0, 1e-12);
  q.where = {"commodity=84,85"};
  q.flow = "X";
  r = Run(q);  // M&E share of exports
  EXPECT_NEAR(r.total.m.share_pct.value(), 50.0, 1e-12);
  EXPECT_EQ(r.total_share_base.value, Yuan(200));
  q.by = {"partner"};
  r = Run(q);  // rows: share of M&E exports (the commodity filter is kept in the row base)
  EXPECT_NEAR(Row(r, "USA")->m.share_pct.value(), 70.0, 1e-12);
  q.where = {"partner=USA"};
  r = Run(q);  // a filter on the breakdown dimension is dropped from the row base
  EXPECT_NEAR(Row(r, "USA")->m.share_pct.value(), 85.0, 1e-12);
}

TEST_F(EngineTest, GroupMembershipOnAComparableBasis) {
  Add("2019-06", "X", "430100", "GBR", "85", 100);
  Add("2019-06", "X", "430100", "DEU", "85", 100);
  Add("2020-06", "X", "430100", "GBR", "85", 100);
  Add("2020-06", "X", "430100", "DEU", "85", 150);
  QueryRequest q;
  q.period = "2020-06";
  q.where = {"partner_group=EU"};
  QueryResult r = Run(q);
  EXPECT_EQ(r.total.m.value, Yuan(150));
  EXPECT_EQ(*r.total.m.value_prev, Yuan(100));  // EU27 in both periods
  q.period = "2020-01";
  Add("2020-01", "X", "430100", "GBR", "85", 7);
  Add("2019-01", "X", "430100", "GBR", "85", 5);
  r = Run(q);
  EXPECT_EQ(r.total.m.value, Yuan(7));  // GBR still a member on 2020-01-31
  EXPECT_EQ(*r.total.m.value_prev, Yuan(5));
  // RCEP: IDN in force 2023-01-02; CHN (the reporter's country) never counts.
  Add("2023-03", "X", "430100", "IDN", "85", 10);
  Add("2022-03", "X", "430100", "IDN", "85", 8);
  Add("2023-03", "M", "430100", "CHN", "85", 1000);
  q.period = "2023-03";
  q.where = {"partner_group=RCEP"};
  r = Run(q);
  EXPECT_EQ(r.total.m.value, Yuan(10));
  EXPECT_EQ(*r.total.m.value_prev, Yuan(8));
  q.period = "2022-03";
  r = Run(q);
  EXPECT_EQ(r.total.m.value, Yuan(0));
}

TEST_F(EngineTest, CategoriesFollowTheHsEdition) {
  Add("2021-06", "X", "430100", "USA", "85414020", 10);  // HS2017 national solar-cell line
  Add("2021-06", "X", "430100", "USA", "85414900", 99);  // not solar
  Add("2022-06", "X", "430100", "USA", "85414200", 30);  // HS2022 solar cells
  Add("2022-06", "X", "430100", "USA", "85414300", 5);
  QueryRequest q;
  q.period = "2022-06";
  q.where = {"category=NEW3_PV"};
  QueryResult r = Run(q);
  EXPECT_EQ(r.total.m.value, Yuan(35));
  EXPECT_EQ(*r.total.m.value_prev, Yuan(10));
  q.where = {};
  q.by = {"category"};
  r = Run(q);
  const ResultRow* pv = Row(r, "NEW3_PV");
  ASSERT_NE(pv, nullptr);
  EXPECT_EQ(pv->m.value, Yuan(35));
  const ResultRow* me = Row(r, "ME");
  ASSERT_NE(me, nullptr);
  EXPECT_EQ(me->m.value, Yuan(35));  // categories overlap: ME holds the solar cells too
}

TEST_F(EngineTest, PartnerCountLeavesSpecialCodesOut) {
  Add("2023-06", "X", "430100", "USA", "85", 1);
  Add("2023-06", "X", "430100", "ZZZ", "85", 1);
  Add("2023-06", "X", "430100", "JPN", "85", 0);
  Add("2023-06", "M", "430100", "KOR", "85", 3);
  QueryRequest q;
  q.period = "2023-06";
  EXPECT_EQ(*Run(q).total.m.partners, 2);
  q.by = {"hs8"};  // large breakdowns count partners in a second pass
  EXPECT_EQ(*Run(q).total.m.partners, 2);
}

// Past 2^21 cells (hs6 x partner x months x flows) partners are no longer kept distinct in the
// cube: every row still gets exact counts (from the scan's partner sets), computed here
// independently from the records, and --sort partners orders by them.
TEST_F(EngineTest, PartnerCountsForEveryRowOfALargeBreakdown) {
  const std::vector<std::string> partners = {
      "USA", "DEU", "JPN", "KOR", "FRA", "GBR", "ITA", "ESP", "NLD", "BEL",
      "CHE", "AUT", "SWE", "NOR", "DNK", "FIN", "POL", "CZE", "HUN", "ROU",
      "BGR", "GRC", "PRT", "IRL", "CAN", "MEX", "BRA", "ARG", "CHL", "PER",
      "COL", "AUS", "NZL", "IND", "PAK", "BGD", "VNM", "THA", "MYS", "SGP"};
  const int kCodes = 13000;  // 2 months x 2 flows x 13000 hs6 x 42 partner codes > 2^21
  ASSERT_GT(uint64_t{2} * 2 * kCodes * (partners.size() + 2), uint64_t{1} << 21);
  std::map<std::string, std::set<std::string>> cur, prev;  // hs6 -> partners with non-zero value
  for (int i = 0; i < kCodes; ++i) {
    const std::string hs6 = fmt::format("{:06d}", 100000 + i);
    const std::string hs8 = hs6 + "10";
    const int n = 1 + (i * 7) % 40, n_prev = i % 3;
    for (int k = 0; k < n; ++k) {
      const std::string& partner = partners[(i + 3 * k) % 40];
      const int64_t value = (i + k) % 11 == 0 ? 0 : 1 + (i + k) % 5;  // a zero value is no trade
      Add("2023-06", k % 2 ? "M" : "X", "430100", partner.c_str(), hs8.c_str(), value);
      if (value != 0) cur[hs6].insert(partner);
    }
    for (int k = 0; k < n_prev; ++k) {
      const std::string& partner = partners[(2 * i + k) % 40];
      Add("2022-06", "X", "430100", partner.c_str(), hs8.c_str(), 2);
      prev[hs6].insert(partner);
    }
    Add("2023-06", "X", "430100", "ZZZ", hs8.c_str(), 1);  // a special code: never counted
  }
  QueryRequest q;
  q.period = "2023-06";
  q.by = {"hs6"};
  QueryResult r = Run(q);
  ASSERT_EQ(r.rows.size(), static_cast<size_t>(kCodes));
  std::set<std::string> all;
  for (const auto& [hs6, set] : cur) all.insert(set.begin(), set.end());
  ASSERT_TRUE(r.total.m.partners.has_value());
  EXPECT_EQ(*r.total.m.partners, static_cast<int64_t>(all.size()));
  for (const ResultRow& row : r.rows) {
    const std::string& hs6 = row.keys[0].code;
    ASSERT_TRUE(row.m.partners.has_value()) << hs6;
    ASSERT_TRUE(row.m.partners_prev.has_value()) << hs6;
    EXPECT_EQ(*row.m.partners, static_cast<int64_t>(cur[hs6].size())) << hs6;
    EXPECT_EQ(*row.m.partners_prev, static_cast<int64_t>(prev[hs6].size())) << hs6;
  }

  // --sort partners: the most partners first, ties by value; ascending with "-partners".
  q.sort = "partners";
  q.top = 5;
  r = Run(q);
  size_t most = 0;
  for (const auto& [hs6, set] : cur) most = std::max(most, set.size());
  ASSERT_EQ(r.rows.size(), 5u);
  EXPECT_EQ(*r.rows[0].m.partners, static_cast<int64_t>(most));
  for (size_t i = 1; i < r.rows.size(); ++i) {
    EXPECT_GE(*r.rows[i - 1].m.partners, *r.rows[i].m.partners);
    if (*r.rows[i - 1].m.partners == *r.rows[i].m.partners)
      EXPECT_GE(r.rows[i - 1].m.value, r.rows[i].m.value);
  }
  q.sort = "-partners";
  r = Run(q);
  ASSERT_EQ(r.rows.size(), 5u);
  size_t fewest = most;
  for (const auto& [hs6, set] : cur) fewest = std::min(fewest, set.size());
  EXPECT_EQ(*r.rows[0].m.partners, static_cast<int64_t>(fewest));
  for (size_t i = 1; i < r.rows.size(); ++i)
    EXPECT_LE(*r.rows[i - 1].m.partners, *r.rows[i].m.partners);

  // Exports only: the partner sets follow the flow.
  q.sort = "";
  q.top = 0;
  q.flow = "X";
  r = Run(q);
  std::map<std::string, std::set<std::string>> cur_x;
  for (int i = 0; i < kCodes; ++i)
    for (int k = 0; k < 1 + (i * 7) % 40; k += 2)
      if ((i + k) % 11 != 0)
        cur_x[fmt::format("{:06d}", 100000 + i)].insert(partners[(i + 3 * k) % 40]);
  for (const ResultRow& row : r.rows) {
    ASSERT_TRUE(row.m.partners.has_value());
    EXPECT_EQ(*row.m.partners, static_cast<int64_t>(cur_x[row.keys[0].code].size()))
        << row.keys[0].code;
  }
}

TEST_F(EngineTest, RecordFlagAndSince) {
  Add("2020-06", "X", "430100", "USA", "85", 100);
  Add("2021-06", "X", "430100", "USA", "85", 300);
  Add("2022-06", "X", "430100", "USA", "85", 150);
  Add("2023-06", "X", "430100", "USA", "85", 200);
  QueryRequest q;
  q.period = "2023-06";
  QueryResult r = Run(q);
  EXPECT_FALSE(*r.total.m.record);
  EXPECT_EQ(*r.total.m.record_since, 2022);
  q.period = "2021-06";
  r = Run(q);
  EXPECT_TRUE(*r.total.m.record);
  EXPECT_EQ(*r.total.m.record_since, 2020);
}

TEST_F(EngineTest, BenchmarkGap) {
  Add("2022-06", "X", "430100", "USA", "85", 100);
  Add("2023-06", "X", "430100", "USA", "85", 110);
  Add("2022-06", "X", "430600", "USA", "85", 100);
  Add("2023-06", "X", "430600", "USA", "85", 150);
  QueryRequest q;
  q.period = "2023-06";
  q.by = {"reporter"};
  q.benchmark = "hunan:430000";
  QueryResult r = Run(q);
  ASSERT_TRUE(r.benchmark);
  EXPECT_NEAR(r.benchmark->growth_pct.value(), 30.0, 1e-12);
  EXPECT_NEAR(Row(r, "430600")->m.vs_benchmark_pp.value(), 20.0, 1e-12);
  EXPECT_NEAR(Row(r, "430100")->m.vs_benchmark_pp.value(), -20.0, 1e-12);
  q.reporter = "430600";
  q.by = {};
  EXPECT_NEAR(Run(q).total.m.vs_benchmark_pp.value(), 20.0, 1e-12);
}

TEST_F(EngineTest, ReporterScopeIsHierarchical) {
  Add("2023-06", "X", "430100", "USA", "85", 1);
  Add("2023-06", "X", "430600", "USA", "85", 2);
  Add("2023-06", "X", "420100", "USA", "85", 4);
  QueryRequest q;
  q.period = "2023-06";
  q.reporter = "430000";
  EXPECT_EQ(Run(q).total.m.value, Yuan(3));
  q.reporter = "DONGTING";
  EXPECT_EQ(Run(q).total.m.value, Yuan(2));
}

TEST_F(EngineTest, ExactBeyondDoublePrecision) {
  const int64_t big = (int64_t{1} << 62) / 100;  // near the int64 limit in minor units
  for (int i = 0; i < 8; ++i) Add("2023-06", "X", "430100", "USA", "85", big + i);
  QueryRequest q;
  q.period = "2023-06";
  __int128 expect = 0;
  for (int i = 0; i < 8; ++i) expect += Yuan(big + i);
  EXPECT_EQ(Run(q).total.m.value, expect);
  EXPECT_NE(ToJson(Run(q)).find(MoneyText(expect, 2)), std::string::npos);
}

TEST_F(EngineTest, BadArgumentsNameTheOption) {
  Add("2023-06", "X", "430100", "USA", "85", 1);
  auto err = [&](QueryRequest q) { return Execute(q, catalog_, ref_).status(); };
  QueryRequest q;
  q.period = "2023-06";
  QueryRequest b = q;
  b.flow = "both";
  EXPECT_THAT(err(b), StatusIs(StatusCode::kInvalidArgument, HasSubstr("--flow")));
  b = q;
  b.by = {"country"};
  EXPECT_THAT(err(b), StatusIs(StatusCode::kInvalidArgument, HasSubstr("--by")));
  b = q;
  b.where = {"partner_group=NAFTA"};
  EXPECT_THAT(err(b), StatusIs(StatusCode::kInvalidArgument, HasSubstr("ASEAN")));
  b = q;
  b.where = {"commodity=85a"};
  EXPECT_THAT(err(b), StatusIs(StatusCode::kInvalidArgument, HasSubstr("--where commodity")));
  b = q;
  b.units = {"ASEAN"};
  EXPECT_THAT(err(b), StatusIs(StatusCode::kInvalidArgument, HasSubstr("--by partner")));
  b = q;
  b.currency = "EUR";
  EXPECT_THAT(err(b), StatusIs(StatusCode::kInvalidArgument, HasSubstr("CNY, USD")));
  b = q;
  b.sort = "size";
  EXPECT_THAT(err(b), StatusIs(StatusCode::kInvalidArgument, HasSubstr("--sort")));
  b = q;
  b.dataset = "nope";
  EXPECT_THAT(err(b), StatusIs(StatusCode::kNotFound, HasSubstr("nope")));
}

TEST_F(EngineTest, JsonIsDeterministic) {
  Add("2022-06", "X", "430100", "USA", "85", 100);
  Add("2023-06", "X", "430100", "USA", "85", 107);
  QueryRequest q;
  q.period = "2023-06";
  q.by = {"partner"};
  std::string a = ToJson(Run(q));
  EXPECT_EQ(a, ToJson(Run(q)));
  EXPECT_NE(a.find("\"growth_pct\":7"), std::string::npos) << a;
  EXPECT_NE(a.find("\"partner\":\"USA\""), std::string::npos) << a;
}

}  // namespace
}  // namespace tradestat::query
