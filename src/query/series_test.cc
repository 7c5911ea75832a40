// query/series_test.cc: --by period series (years 2015..2023 and month ranges) against sums
// computed here: YoY, MoM, year to date, a missing month and a missing comparison year (marked,
// growth null), steps without data, series combined with --by partner, --flow, --where and
// --measure quantity.
#include <map>

#include <fmt/format.h>

#include "core/testing/status_matchers.h"
#include "query/engine.h"
#include "query/json.h"
#include "query/refdata_lookup.h"
#include "query/testing/memory_dataset.h"

namespace tradestat::query {
namespace {

using testing::MemoryCatalog;
using testing::MemoryDataset;
using testing::Record;

struct Fact {
  int year, month;
  const char* flow;
  const char* partner;
  int64_t fen;
  int64_t qty;  // thousandths of U
};

// growth of a over b in percent, exactly: the Derived ratio must equal (a - b) * 100 / b.
bool SameRatio(const Derived& d, __int128 num, __int128 den) {
  return d.present && d.exact && d.num * den == num * d.den;
}

class SeriesTest : public ::testing::Test {
 protected:
  SeriesTest() : ref_(refdata::Reference::Builtin()) {
    data_ = std::make_shared<MemoryDataset>("d", std::vector<std::string>{"CNY"});
    catalog_.Add(data_);
    // 2014-01..2023-12 except the whole of 2016-07 (missing month), two partners, two flows;
    // DEU exports stop after 2021 (zeros are data, not gaps).
    uint64_t seed = 7;
    for (int y = 2014; y <= 2023; ++y)
      for (int m = 1; m <= 12; ++m) {
        if (y == 2016 && m == 7) continue;
        for (const char* flow : {"X", "M"})
          for (const char* partner : {"USA", "DEU"}) {
            if (std::string(partner) == "DEU" && std::string(flow) == "X" && y > 2021) continue;
            seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
            int64_t fen = static_cast<int64_t>((seed >> 33) % 1'000'000) + 100;
            Add({y, m, flow, partner, fen, static_cast<int64_t>((seed >> 20) % 5000) + 1});
          }
      }
  }
  void Add(const Fact& f) {
    facts_.push_back(f);
    Record r{fmt::format("{:04d}-{:02d}", f.year, f.month),
             f.flow,
             "430100",
             f.partner,
             "87038000",
             "0110",
             "PRIVATE",
             {f.fen},
             "U",
             f.qty};
    data_->Add(r);
  }
  // Independent sums: months [m0, m1] of year y, flow ("" = both) and partner ("" = all).
  __int128 Sum(int y, int m0, int m1, std::string_view flow = "", std::string_view partner = "",
               bool qty = false) const {
    __int128 s = 0;
    for (const Fact& f : facts_)
      if (f.year == y && f.month >= m0 && f.month <= m1 && (flow.empty() || flow == f.flow) &&
          (partner.empty() || partner == f.partner))
        s += qty ? f.qty : f.fen;
    return s;
  }
  core::Result<QueryResult> Run(QueryRequest r) { return Execute(r, catalog_, ref_); }
  static const ResultRow* Row(const QueryResult& r, std::string_view period,
                              std::string_view partner = "") {
    for (const ResultRow& row : r.rows) {
      bool ok = true;
      for (const KeyPart& k : row.keys) {
        if (k.dim == "period" && k.code != period) ok = false;
        if (k.dim == "partner" && k.code != partner) ok = false;
      }
      if (ok) return &row;
    }
    return nullptr;
  }

  RefdataLookup ref_;
  std::shared_ptr<MemoryDataset> data_;
  MemoryCatalog catalog_;
  std::vector<Fact> facts_;
};

TEST_F(SeriesTest, YearsStepByYearWithGrowthAndCoverage) {
  QueryRequest q;
  q.period = "2015..2023";
  q.by = {"period"};
  auto r = Run(q);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_TRUE(r->series.has_value());
  EXPECT_TRUE(r->series->year_steps);
  EXPECT_EQ(r->series->steps, 9);
  ASSERT_EQ(r->rows.size(), 9u);
  EXPECT_EQ(r->rows[0].keys[0].code, "2015");  // sorted by period
  EXPECT_EQ(r->rows[8].keys[0].code, "2023");
  // 2016 lacks July; 2017's comparison (2016) lacks it too.
  EXPECT_EQ(r->series->incomplete, (std::vector<std::string>{"2016", "2017"}));
  __int128 total = 0;
  for (int y = 2015; y <= 2023; ++y) {
    const ResultRow* row = Row(*r, fmt::format("{}", y));
    ASSERT_NE(row, nullptr) << y;
    __int128 v = Sum(y, 1, 12), p = Sum(y - 1, 1, 12);
    total += v;
    EXPECT_TRUE(row->m.value == v) << y;
    ASSERT_TRUE(row->m.value_prev.has_value());
    EXPECT_TRUE(*row->m.value_prev == p) << y;
    if (y == 2016 || y == 2017) {
      EXPECT_FALSE(*row->m.step_complete) << y;
      EXPECT_FALSE(row->m.growth_pct.present) << y;  // never a growth over a missing month
      EXPECT_FALSE(row->m.contribution_pp.present) << y;
    } else {
      EXPECT_TRUE(*row->m.step_complete) << y;
      EXPECT_TRUE(SameRatio(row->m.growth_pct, (v - p) * 100, p)) << y;
    }
    EXPECT_FALSE(row->m.mom_pct.present);  // month measures only for month steps
    EXPECT_FALSE(row->m.ytd_value.has_value());
  }
  EXPECT_EQ(Row(*r, "2016")->m.step_missing, "2016-07");
  EXPECT_EQ(Row(*r, "2017")->m.step_missing, "compare 2016-07");
  EXPECT_TRUE(r->total.m.value == total);
  // The JSON says the step and hides the month-only keys.
  std::string json = ToJson(*r);
  EXPECT_NE(json.find("\"series\":{\"step\":\"year\",\"steps\":9,\"complete\":false,\"incomplete\":"
                      "[\"2016\",\"2017\"]}"),
            std::string::npos);
  EXPECT_EQ(json.find("mom_pct"), std::string::npos);
  EXPECT_NE(json.find("\"step_missing\":\"compare 2016-07\""), std::string::npos);
}

TEST_F(SeriesTest, MonthsHaveMomAndYearToDate) {
  QueryRequest q;
  q.period = "2023-01..2023-12";
  q.by = {"period"};
  q.flow = "X";
  auto r = Run(q);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->rows.size(), 12u);
  EXPECT_FALSE(r->series->year_steps);
  EXPECT_TRUE(r->series->incomplete.empty());
  for (int m = 1; m <= 12; ++m) {
    const ResultRow* row = Row(*r, fmt::format("2023-{:02d}", m));
    ASSERT_NE(row, nullptr);
    __int128 v = Sum(2023, m, m, "X");
    __int128 before = m == 1 ? Sum(2022, 12, 12, "X") : Sum(2023, m - 1, m - 1, "X");
    __int128 yoy = Sum(2022, m, m, "X");
    EXPECT_TRUE(row->m.value == v);
    EXPECT_TRUE(SameRatio(row->m.growth_pct, (v - yoy) * 100, yoy)) << m;
    ASSERT_TRUE(row->m.value_prev_month.has_value());
    EXPECT_TRUE(*row->m.value_prev_month == before) << m;
    EXPECT_TRUE(SameRatio(row->m.mom_pct, (v - before) * 100, before)) << m;
    __int128 ytd = Sum(2023, 1, m, "X"), ytd_prev = Sum(2022, 1, m, "X");
    ASSERT_TRUE(row->m.ytd_value.has_value());
    EXPECT_TRUE(*row->m.ytd_value == ytd) << m;
    EXPECT_TRUE(*row->m.ytd_value_prev == ytd_prev) << m;
    EXPECT_TRUE(SameRatio(row->m.ytd_growth_pct, (ytd - ytd_prev) * 100, ytd_prev)) << m;
    EXPECT_TRUE(*row->m.step_complete);
  }
  std::string json = ToJson(*r);
  EXPECT_NE(
      json.find("\"series\":{\"step\":\"month\",\"steps\":12,\"complete\":true,\"incomplete\":[]}"),
      std::string::npos);
}

TEST_F(SeriesTest, YearToDateStartsInJanuaryBeforeTheRangeAndMissingMonthsAreNull) {
  QueryRequest q;
  q.period = "2016-05..2017-08";
  q.by = {"period"};
  auto r = Run(q);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->rows.size(), 16u);  // 2016-07 has no data at all: a row of zeros, marked
  const ResultRow* may = Row(*r, "2016-05");
  EXPECT_TRUE(*may->m.ytd_value == Sum(2016, 1, 5));  // January..May, before the range start
  EXPECT_TRUE(*may->m.value_prev_month == Sum(2016, 4, 4));
  const ResultRow* jul = Row(*r, "2016-07");
  ASSERT_NE(jul, nullptr);
  EXPECT_TRUE(jul->m.value == 0);
  EXPECT_FALSE(*jul->m.step_complete);
  EXPECT_EQ(jul->m.step_missing, "2016-07");
  EXPECT_FALSE(jul->m.growth_pct.present);
  EXPECT_FALSE(jul->m.mom_pct.present);
  EXPECT_FALSE(jul->m.ytd_value.has_value());
  const ResultRow* aug = Row(*r, "2016-08");
  EXPECT_TRUE(*aug->m.step_complete);
  EXPECT_FALSE(aug->m.value_prev_month.has_value());  // July is not in the store
  EXPECT_FALSE(aug->m.mom_pct.present);
  EXPECT_FALSE(aug->m.ytd_value.has_value());  // January..August lacks July
  EXPECT_TRUE(*aug->m.ytd_value_prev == Sum(2015, 1, 8));
  EXPECT_FALSE(aug->m.ytd_growth_pct.present);
  const ResultRow* jan = Row(*r, "2017-01");
  EXPECT_TRUE(*jan->m.ytd_value == Sum(2017, 1, 1));  // the cumulative restarts in January
  EXPECT_TRUE(*jan->m.ytd_value_prev == Sum(2016, 1, 1));
  const ResultRow* jul17 = Row(*r, "2017-07");
  EXPECT_TRUE(*jul17->m.ytd_value == Sum(2017, 1, 7));
  EXPECT_FALSE(jul17->m.ytd_value_prev.has_value());  // 2016-01..2016-07 lacks July
  EXPECT_FALSE(jul17->m.ytd_growth_pct.present);
  EXPECT_FALSE(*jul17->m.step_complete);  // its comparison month 2016-07 is missing
  EXPECT_EQ(jul17->m.step_missing, "compare 2016-07");
  EXPECT_TRUE(
      SameRatio(jul17->m.mom_pct, (Sum(2017, 7, 7) - Sum(2017, 6, 6)) * 100, Sum(2017, 6, 6)));
}

TEST_F(SeriesTest, CombinesWithPartnerBreakdownAndWhere) {
  QueryRequest q;
  q.period = "2021..2023";
  q.by = {"period", "partner"};
  q.flow = "X";
  auto r = Run(q);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  for (int y = 2021; y <= 2023; ++y) {
    const ResultRow* usa = Row(*r, fmt::format("{}", y), "USA");
    ASSERT_NE(usa, nullptr);
    EXPECT_TRUE(usa->m.value == Sum(y, 1, 12, "X", "USA"));
    EXPECT_TRUE(*usa->m.value_prev == Sum(y - 1, 1, 12, "X", "USA"));
  }
  // DEU exports stop after 2021: 2022 is a row (value 0 against 2021), 2023 is no row.
  const ResultRow* deu22 = Row(*r, "2022", "DEU");
  ASSERT_NE(deu22, nullptr);
  EXPECT_TRUE(deu22->m.value == 0);
  EXPECT_TRUE(SameRatio(deu22->m.growth_pct, -100 * Sum(2021, 1, 12, "X", "DEU"),
                        Sum(2021, 1, 12, "X", "DEU")));
  EXPECT_EQ(Row(*r, "2023", "DEU"), nullptr);

  q.period = "2023-01..2023-03";
  q.by = {"partner", "period"};
  q.where = {"partner=USA"};
  auto m = Run(q);
  ASSERT_TRUE(m.ok()) << m.status().ToString();
  ASSERT_EQ(m->rows.size(), 3u);
  for (const ResultRow& row : m->rows) {
    int month = std::stoi(row.keys[1].code.substr(5));
    EXPECT_TRUE(*row.m.ytd_value == Sum(2023, 1, month, "X", "USA"));
    __int128 before =
        month == 1 ? Sum(2022, 12, 12, "X", "USA") : Sum(2023, month - 1, month - 1, "X", "USA");
    EXPECT_TRUE(*row.m.value_prev_month == before);
  }
}

TEST_F(SeriesTest, QuantitySeries) {
  QueryRequest q;
  q.period = "2018..2020";
  q.by = {"period"};
  q.measures = {"value,quantity"};
  auto r = Run(q);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  for (int y = 2018; y <= 2020; ++y) {
    const ResultRow* row = Row(*r, fmt::format("{}", y));
    ASSERT_NE(row, nullptr);
    ASSERT_TRUE(row->m.quantity.has_value());
    EXPECT_TRUE(*row->m.quantity == Sum(y, 1, 12, "", "", true));
    EXPECT_TRUE(*row->m.quantity_prev == Sum(y - 1, 1, 12, "", "", true));
  }
}

TEST_F(SeriesTest, StepsWithoutDataAreListedAndMarked) {
  QueryRequest q;
  q.period = "2022..2025";
  q.by = {"period"};
  auto r = Run(q);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->rows.size(), 4u);
  const ResultRow* y24 = Row(*r, "2024");
  ASSERT_NE(y24, nullptr);
  EXPECT_TRUE(y24->m.value == 0);
  EXPECT_FALSE(*y24->m.step_complete);
  EXPECT_EQ(y24->m.step_missing, "2024-01..2024-12");
  EXPECT_FALSE(y24->m.growth_pct.present);
  EXPECT_EQ(Row(*r, "2025")->m.step_missing, "2025-01..2025-12; compare 2024-01..2024-12");
  EXPECT_EQ(r->series->incomplete, (std::vector<std::string>{"2024", "2025"}));
}

TEST_F(SeriesTest, YearRangeParses) {
  QueryRequest q;
  q.period = "2023..2015";
  EXPECT_FALSE(Run(q).ok());
  q.period = "2015..2023";  // without --by period: the nine years summed, against 2014..2022
  auto r = Run(q);
  ASSERT_TRUE(r.ok());
  __int128 v = 0, p = 0;
  for (int y = 2015; y <= 2023; ++y) {
    v += Sum(y, 1, 12);
    p += Sum(y - 1, 1, 12);
  }
  EXPECT_TRUE(r->total.m.value == v);
  EXPECT_TRUE(*r->total.m.value_prev == p);
  EXPECT_EQ(r->compare->label, "2014..2022");
  EXPECT_FALSE(r->series.has_value());
}

}  // namespace
}  // namespace tradestat::query
