// query/property_test.cc: random queries on random data against a naive reference
// implementation (a loop over records with no cube, classes or parallelism). Sums must be
// exactly equal; values are large enough that a double accumulator would not be.
#include <map>
#include <random>
#include <set>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "core/strings.h"
#include "core/testing/status_matchers.h"
#include "query/engine.h"
#include "query/refdata_lookup.h"
#include "query/testing/memory_dataset.h"

namespace tradestat::query {
namespace {

using testing::MemoryCatalog;
using testing::MemoryDataset;
using testing::Record;

const std::vector<std::string> kReporters = {"430100", "430600", "431000", "420100"};
const std::vector<std::string> kPartners = {"USA", "VNM", "THA", "DEU", "GBR", "FRA",
                                            "JPN", "IDN", "ZZZ", "CHN", "BRA", "PHL"};
const std::vector<std::string> kCommodities = {"85076000", "85414200", "85414020", "84713000",
                                               "61091000", "26030000", "87038000", "85414300",
                                               "64039900", "03038900"};
const std::vector<std::string> kModes = {"0110", "0615", "0214", "9610", ""};
const std::vector<std::string> kEnterprises = {"PRIVATE", "FIE", "SOE", "6", ""};

struct Naive {
  const RefdataLookup& ref;
  const std::vector<Record>& records;

  bool InGroup(const std::string& g, const std::string& partner, core::Period at) const {
    return partner != "CHN" && ref.PartnerInGroup(g, partner, at);
  }
  bool Pass(const std::string& dim, const std::vector<std::string>& values, const Record& r,
            int year, core::Period at) const {
    for (const auto& v : values) {
      if (dim == "partner" && r.partner == v) return true;
      if (dim == "commodity" && core::StartsWith(r.commodity, v)) return true;
      if (dim == "partner_group" && InGroup(v, r.partner, at)) return true;
      if (dim == "reporter" && ref.ReporterWithin(r.reporter, v)) return true;
      if (dim == "category" && ref.CategoryContains(v, r.commodity, core::Period::Month(year, 1)))
        return true;
      if (dim == "trade_mode" &&
          (r.trade_mode == v || ref.TradeModeStatistical(r.trade_mode).value_or("") == v))
        return true;
      if (dim == "enterprise_type" &&
          (r.enterprise_type == v || ref.EnterpriseTypeGroup(r.enterprise_type).value_or("") == v))
        return true;
    }
    return false;
  }
  std::vector<std::string> Keys(
      const std::string& by, const Record& r, const QueryRequest& q,
      const std::vector<std::pair<std::string, std::vector<std::string>>>& where, core::Period at,
      const PeriodRange& win, const PeriodRange& cur) const {
    core::Period p = core::Period::Parse(r.period).value();
    if (by == "flow") return {r.flow};
    if (by == "reporter") return {r.reporter};
    if (by == "period")
      return {cur.from.AddMonths(p.MonthIndex() - win.from.MonthIndex()).ToString()};
    if (by == "partner") {
      for (const auto& u : q.units)
        if (InGroup(u, r.partner, at)) return {u};
      return {r.partner};
    }
    if (by == "hs2" || by == "hs4") return {r.commodity.substr(0, by == "hs2" ? 2 : 4)};
    if (by == "trade_mode") {
      if (r.trade_mode.empty()) return {""};
      return {ref.TradeModeStatistical(r.trade_mode).value_or(r.trade_mode)};
    }
    if (by == "enterprise_type") return {r.enterprise_type};
    std::vector<std::string> out;
    if (by == "partner_group") {
      std::vector<std::string> groups = ref.PartnerGroups();
      for (const auto& [d, v] : where)
        if (d == "partner_group") {
          groups = v;
          break;
        }
      for (const auto& g : groups)
        if (InGroup(g, r.partner, at)) out.push_back(g);
    }
    if (by == "category") {  // a category filter restricts the category rows to its values
      std::vector<std::string> cats = ref.Categories();
      for (const auto& [d, v] : where)
        if (d == "category") {
          cats = v;
          break;
        }
      for (const auto& c : cats)
        if (ref.CategoryContains(c, r.commodity, core::Period::Month(p.year(), 1)))
          out.push_back(c);
    }
    return out;
  }
};

TEST(PropertyTest, RandomQueriesMatchANaiveImplementation) {
  RefdataLookup ref(refdata::Reference::Builtin());
  std::mt19937_64 rng(20230719);
  auto pick = [&](const std::vector<std::string>& v) { return v[rng() % v.size()]; };
  auto data = std::make_shared<MemoryDataset>("d", std::vector<std::string>{"CNY"});
  std::vector<Record> records;
  for (int i = 0; i < 3000; ++i) {
    Record r;
    r.period = fmt::format("{}-{:02d}", 2021 + rng() % 3, 1 + rng() % 12);
    r.flow = rng() % 3 ? "X" : "M";
    r.reporter = pick(kReporters);
    r.partner = pick(kPartners);
    r.commodity = pick(kCommodities);
    r.trade_mode = pick(kModes);
    r.enterprise_type = pick(kEnterprises);
    int64_t v = rng() % 20 == 0 ? 0 : static_cast<int64_t>(rng() % (int64_t{1} << 60));
    r.values = {v};
    data->Add(r);
    records.push_back(r);
  }
  MemoryCatalog catalog;
  catalog.Add(data);
  Naive naive{ref, records};

  const std::vector<std::string> periods = {"2022-06", "2023H1",      "2022Q3",
                                            "2023",    "2022-05:ytd", "2022-11..2023-02"};
  const std::vector<std::string> compares = {"yoy", "prev", "none"};
  const std::vector<std::string> flows = {"total", "X", "M"};
  const std::vector<std::string> bys = {"flow",          "reporter",   "partner",         "hs2",
                                        "hs4",           "trade_mode", "enterprise_type", "period",
                                        "partner_group", "category"};
  const std::vector<std::pair<std::string, std::vector<std::string>>> wheres = {
      {"partner", {"USA", "VNM"}},
      {"commodity", {"85"}},
      {"commodity", {"8541", "61"}},
      {"partner_group", {"ASEAN"}},
      {"partner_group", {"EU", "RCEP"}},
      {"reporter", {"430000"}},
      {"reporter", {"430600"}},
      {"category", {"ME"}},
      {"category", {"NEW3"}},
      {"trade_mode", {"10"}},
      {"trade_mode", {"0615"}},
      {"enterprise_type", {"PRIVATE"}}};

  for (int iter = 0; iter < 300; ++iter) {
    QueryRequest q;
    q.period = pick(periods);
    q.compare = pick(compares);
    q.flow = pick(flows);
    std::set<std::string> chosen;
    for (int n = rng() % 3; n > 0; --n) chosen.insert(pick(bys));
    for (const auto& b : chosen) q.by.push_back(b);
    std::vector<std::pair<std::string, std::vector<std::string>>> where;
    for (int n = rng() % 3; n > 0; --n) {
      auto w = wheres[rng() % wheres.size()];
      where.push_back(w);
      q.where.push_back(w.first + "=" + fmt::format("{}", fmt::join(w.second, ",")));
    }
    if (chosen.count("partner") && rng() % 2) q.units = {"ASEAN", "EU"};
    SCOPED_TRACE(
        fmt::format("query {}: --period {} --compare {} --flow {} --by {} --where {} --units {}",
                    iter, q.period, q.compare, q.flow, fmt::join(q.by, ","),
                    fmt::join(q.where, " "), fmt::join(q.units, ",")));
    ASSERT_OK_AND_ASSIGN(QueryResult res, Execute(q, catalog, ref));

    PeriodRange cur = ParsePeriodSpec(q.period).value();
    auto cmp = ComparisonRange(cur, ParseCompareMode(q.compare).value());
    core::Period at = cur.to;
    std::map<std::vector<std::string>, std::array<__int128, 2>> expect;
    std::array<__int128, 2> total{0, 0}, base{0, 0};
    for (const Record& r : records) {
      core::Period p = core::Period::Parse(r.period).value();
      if (q.flow != "total" && r.flow != q.flow) continue;
      for (int w = 0; w < (cmp ? 2 : 1); ++w) {
        const PeriodRange& win = w == 0 ? cur : *cmp;
        if (!win.Contains(p)) continue;
        base[w] += r.values[0];
        bool pass = true;
        for (const auto& [dim, values] : where)
          pass = pass && naive.Pass(dim, values, r, p.year(), at);
        if (!pass) continue;
        total[w] += r.values[0];
        if (q.by.empty() || r.values[0] == 0) continue;
        std::vector<std::vector<std::string>> tuples = {{}};
        for (const auto& by : q.by) {
          std::vector<std::vector<std::string>> next;
          for (const auto& k : naive.Keys(by, r, q, where, at, win, cur))
            for (auto t : tuples) {
              t.push_back(k);
              next.push_back(t);
            }
          tuples = next;
        }
        for (const auto& t : tuples) expect[t][w] += r.values[0];
      }
    }
    EXPECT_EQ(res.total.m.value, total[0]);
    EXPECT_EQ(res.total_share_base.value, base[0]);
    if (cmp) {
      ASSERT_TRUE(res.total.m.value_prev);
      EXPECT_EQ(*res.total.m.value_prev, total[1]);
    }
    if (q.by.empty()) continue;
    std::map<std::vector<std::string>, std::array<__int128, 2>> got;
    for (const auto& row : res.rows) {
      std::vector<std::string> key;
      for (const auto& k : row.keys) key.push_back(k.code);
      got[key] = {row.m.value, row.m.value_prev.value_or(0)};
    }
    EXPECT_EQ(got.size(), expect.size());
    for (const auto& [key, sums] : expect) {
      auto it = got.find(key);
      ASSERT_NE(it, got.end()) << "missing row " << fmt::format("{}", fmt::join(key, "/"));
      EXPECT_TRUE(it->second[0] == sums[0]) << fmt::format("{}", fmt::join(key, "/"));
      if (cmp) {
        EXPECT_TRUE(it->second[1] == sums[1]) << fmt::format("{}", fmt::join(key, "/"));
      }
    }
  }
}

}  // namespace
}  // namespace tradestat::query
