// query/indicators/registry.cc: the measure registry (query/measures.h), one entry per measure
// in JSON key order, and the cell formatting every writer shares.
#include <fmt/format.h>

#include "core/decimal.h"
#include "query/json.h"
#include "query/measures.h"

namespace tradestat::query {
namespace {

using T = MeasureValue::Type;

MeasureValue Money(std::optional<__int128> v) {
  MeasureValue c;
  if (v) {
    c.type = T::kMoney;
    c.exact = *v;
  }
  return c;
}
MeasureValue Quantity(std::optional<__int128> v) {
  MeasureValue c;
  if (v) {
    c.type = T::kQuantity;
    c.exact = *v;
  }
  return c;
}
MeasureValue Ratio(const Derived& d) {
  MeasureValue c;
  if (d.present) {
    c.type = T::kDerived;
    c.derived = d;
  }
  return c;
}
// A pure ratio printed with `places` decimals in JSON/CSV (not full double precision).
MeasureValue Index(const Derived& d, int places) {
  MeasureValue c = Ratio(d);
  c.places = places;
  return c;
}
MeasureValue Int(std::optional<int64_t> v) {
  MeasureValue c;
  if (v) {
    c.type = T::kInt;
    c.integer = *v;
  }
  return c;
}
MeasureValue Flag(std::optional<bool> v) {
  MeasureValue c;
  if (v) {
    c.type = T::kBool;
    c.flag = *v;
  }
  return c;
}
MeasureValue Text(const std::string& s) {
  MeasureValue c;
  if (!s.empty()) {
    c.type = T::kText;
    c.text = s;
  }
  return c;
}

constexpr MeasureScope kBoth = MeasureScope::kBoth;
constexpr MeasureScope kRows = MeasureScope::kRowsOnly;
constexpr MeasureScope kTotal = MeasureScope::kTotalOnly;
using K = MeasureKind;

// Groups: "value" = the default measures; "quantity unit_value" = on with either.
const std::vector<MeasureDef> kRegistry = {
    {"value", K::kMoney, kBoth, kNeedNothing, "value", "value", "value", "金额",
     "exact sum of the period, in currency units", "336.75 bn (3367.5亿元)",
     [](const Measures& m, const QueryResult&) { return Money(m.value); }},
    {"value_prev", K::kMoney, kBoth, kNeedCompare, "value", "value", "prev", "比较期",
     "exact sum of the comparison period (--compare yoy|prev)", "312.97 bn",
     [](const Measures& m, const QueryResult&) { return Money(m.value_prev); }},
    {"growth_pct", K::kGrowthPct, kBoth, kNeedCompare, "value", "value", "growth", "增速",
     "(value - value_prev) / value_prev * 100, from unrounded sums; null when value_prev is 0",
     "+7.6%", [](const Measures& m, const QueryResult&) { return Ratio(m.growth_pct); }},
    {"share_pct", K::kSharePct, kBoth, kNeedNothing, "value", "value", "share", "占比",
     "value / share base * 100; the base is stated in share_base", "31.7% of total",
     [](const Measures& m, const QueryResult&) { return Ratio(m.share_pct); }},
    {"contribution_pp", K::kPoints, kBoth, kNeedCompare, "value", "value", "contrib.", "拉动",
     "(value - value_prev) / base of the comparison period * 100", "+1.8 pp",
     [](const Measures& m, const QueryResult&) { return Ratio(m.contribution_pp); }},
    {"rank", K::kRank, kRows, kNeedBreakdown, "value", "value", "rank", "排名",
     "position by value, largest first, ties by code", "1",
     [](const Measures& m, const QueryResult&) { return Int(m.rank); }},
    {"exports", K::kMoney, kBoth, kNeedNothing, "value", "value", "", "",
     "export value (flow total only)", "232.87 bn",
     [](const Measures& m, const QueryResult&) { return Money(m.exports); }},
    {"imports", K::kMoney, kBoth, kNeedNothing, "value", "value", "", "",
     "import value (flow total only)", "103.88 bn",
     [](const Measures& m, const QueryResult&) { return Money(m.imports); }},
    {"balance", K::kMoney, kBoth, kNeedNothing, "value", "value", "", "",
     "exports - imports (flow total only)", "128.99 bn",
     [](const Measures& m, const QueryResult&) { return Money(m.balance); }},
    {"partners", K::kCount, kBoth, kNeedNothing, "value", "value", "", "",
     "distinct partner codes with non-zero value, special codes excluded", "231",
     [](const Measures& m, const QueryResult&) { return Int(m.partners); }},
    {"partners_prev", K::kCount, kBoth, kNeedNothing, "value", "value", "", "",
     "the same in the comparison period", "227",
     [](const Measures& m, const QueryResult&) { return Int(m.partners_prev); }},
    {"record", K::kFlag, kBoth, kNeedNothing, "value", "value", "", "",
     "value is the highest for these months of any year in the dataset", "true",
     [](const Measures& m, const QueryResult&) { return Flag(m.record); }},
    {"record_since", K::kYear, kBoth, kNeedNothing, "value", "value", "", "",
     "first year of the run of years the value tops", "2015",
     [](const Measures& m, const QueryResult&) {
       return Int(m.record_since ? std::optional<int64_t>(*m.record_since) : std::nullopt);
     }},
    {"benchmark_growth_pct", K::kGrowthPct, kTotal, kNeedBenchmark, "value", "value", "", "",
     "growth of --benchmark DATASET[:REPORTER] with the same filters", "+2.1%",
     [](const Measures&, const QueryResult& r) {
       return r.benchmark ? Ratio(r.benchmark->growth_pct) : MeasureValue();
     }},
    {"vs_benchmark_pp", K::kPoints, kBoth, kNeedBenchmark, "value", "value", "vs bench", "比基准",
     "growth_pct - benchmark_growth_pct", "+5.5 pp",
     [](const Measures& m, const QueryResult&) { return Ratio(m.vs_benchmark_pp); }},
    // --measure quantity | unit_value
    {"quantity", K::kQuantity, kBoth, kNeedNothing, "quantity unit_value", "quantity", "quantity",
     "数量",
     "sum of the stored quantities (3 decimals) of one unit; null when the units differ (use --by "
     "unit)",
     "120000 U", [](const Measures& m, const QueryResult&) { return Quantity(m.quantity); }},
    {"quantity_prev", K::kQuantity, kBoth, kNeedCompare, "quantity unit_value", "quantity",
     "prev qty", "比较期数量", "the same in the comparison period", "66667 U",
     [](const Measures& m, const QueryResult&) { return Quantity(m.quantity_prev); }},
    {"unit", K::kUnitText, kBoth, kNeedNothing, "quantity unit_value", "quantity", "", "",
     "the unit of quantity and quantity_prev", "U",
     [](const Measures& m, const QueryResult&) { return Text(m.unit); }},
    {"unit_value", K::kUnitValue, kBoth, kNeedNothing, "unit_value", "quantity", "unit value",
     "单价", "value / quantity, currency units per unit (exact ratio; tables round to 2 decimals)",
     "25166.67 CNY/U", [](const Measures& m, const QueryResult&) { return Ratio(m.unit_value); }},
    {"unit_value_prev", K::kUnitValue, kBoth, kNeedCompare, "unit_value", "quantity", "", "",
     "value_prev / quantity_prev", "25000.00",
     [](const Measures& m, const QueryResult&) { return Ratio(m.unit_value_prev); }},
    {"volume_growth_pct", K::kGrowthPct, kBoth, kNeedCompare, "unit_value", "quantity", "volume",
     "数量增速", "(quantity - quantity_prev) / quantity_prev * 100", "+80.0%",
     [](const Measures& m, const QueryResult&) { return Ratio(m.volume_growth_pct); }},
    {"price_growth_pct", K::kGrowthPct, kBoth, kNeedCompare, "unit_value", "quantity", "price",
     "价格增速",
     "(unit_value / unit_value_prev - 1) * 100 = (value * quantity_prev / (value_prev * quantity) "
     "- 1) * 100; "
     "(1 + growth) = (1 + volume growth) * (1 + price growth)",
     "+0.7%", [](const Measures& m, const QueryResult&) { return Ratio(m.price_growth_pct); }},
    // Series (--by period; query/series.h): on by themselves, rows only.
    {"value_prev_month", K::kMoney, kRows, kNeedMonthSteps, "series", "value", "", "",
     "the value of the month before the step (null when the store lacks it)", "112.00",
     [](const Measures& m, const QueryResult&) { return Money(m.value_prev_month); }},
    {"mom_pct", K::kGrowthPct, kRows, kNeedMonthSteps, "series", "value", "MoM", "环比",
     "(value - value_prev_month) / value_prev_month * 100; null when 0 or not covered", "+3.2%",
     [](const Measures& m, const QueryResult&) { return Ratio(m.mom_pct); }},
    {"ytd_value", K::kMoney, kRows, kNeedMonthSteps, "series", "value", "YTD", "累计",
     "sum of January..this month of the same year (null when the store lacks one of them)",
     "1203.00", [](const Measures& m, const QueryResult&) { return Money(m.ytd_value); }},
    {"ytd_value_prev", K::kMoney, kRows, kNeedMonthSteps, "series", "value", "", "",
     "the same months a year earlier", "1100.00",
     [](const Measures& m, const QueryResult&) { return Money(m.ytd_value_prev); }},
    {"ytd_growth_pct", K::kGrowthPct, kRows, kNeedMonthSteps, "series", "value", "YTD growth",
     "累计增速", "(ytd_value - ytd_value_prev) / ytd_value_prev * 100", "+9.4%",
     [](const Measures& m, const QueryResult&) { return Ratio(m.ytd_growth_pct); }},
    {"step_complete", K::kFlag, kRows, kNeedNothing, "series", "value", "", "",
     "the store holds every month of the step and of its comparison; when false the growths are "
     "null",
     "true", [](const Measures& m, const QueryResult&) { return Flag(m.step_complete); }},
    {"step_missing", K::kUnitText, kRows, kNeedNothing, "series", "value", "not covered",
     "缺数月份", "the months the store lacks, e.g. \"2015-07..2015-12; compare 2014-01..2014-12\"",
     "null", [](const Measures& m, const QueryResult&) { return Text(m.step_missing); }},
    // Trade-structure indicators (query/indicators/structure.h; docs/query.md "Indicators"): each
    // its own --measure group.
    {"rca", K::kIndex, kBoth, kNeedBenchmark, "rca", "value", "RCA", "显性比较优势",
     "Balassa: (x_ij / X_i) / (x_wj / X_w), the row's share of the reporter's exports over its "
     "share "
     "of the --benchmark's exports (--flow X); null when the benchmark's share is 0",
     "1.85", [](const Measures& m, const QueryResult&) { return Index(m.rca, 4); }},
    {"trade_intensity", K::kIndex, kBoth, kNeedBenchmark, "trade_intensity", "value", "intensity",
     "贸易强度",
     "(x_ij / X_i) / (m_j / M_w): partner j's share of the reporter's exports over j's share of "
     "the "
     "imports reported in the --benchmark (--flow X, --by partner or --where partner=); null when "
     "j "
     "reports no imports there",
     "2.40", [](const Measures& m, const QueryResult&) { return Index(m.trade_intensity, 4); }},
    {"hhi", K::kIndex, kTotal, kNeedBreakdown, "hhi", "value", "HHI", "赫芬达尔指数",
     "Herfindahl-Hirschman index of the rows: sum of (row value / sum of rows * 100)^2, 0..10000, "
     "before --top; null without --by, with --by period or a negative row",
     "2450.00", [](const Measures& m, const QueryResult&) { return Index(m.hhi, 2); }},
    {"products_exported", K::kCount, kBoth, kNeedNothing, "products_exported", "value", "products",
     "出口商品数",
     "HS codes at --products-level (default hs6) whose exports exceed --products-min (default 0)",
     "4312", [](const Measures& m, const QueryResult&) { return Int(m.products_exported); }},
};

// An exact ratio rounded half away from zero to `places` decimals ("1.8500"); the double when
// the scaled numerator would not fit.
std::string RoundedText(const Derived& d, int places) {
  __int128 pow = 1;
  for (int i = 0; i < places; ++i) pow *= 10;
  __int128 scaled;
  if (d.exact && !__builtin_mul_overflow(d.num, pow, &scaled))
    return core::FormatScaled(core::DivRound(scaled, d.den), places);
  return fmt::format("{:.{}f}", d.approx, places);
}

bool HasToken(std::string_view list, std::string_view token) {
  size_t pos = 0;
  while (pos <= list.size()) {
    size_t end = list.find(' ', pos);
    if (end == std::string_view::npos) end = list.size();
    if (list.substr(pos, end - pos) == token) return true;
    pos = end + 1;
  }
  return false;
}

}  // namespace

const std::vector<MeasureDef>& MeasureRegistry() { return kRegistry; }

const MeasureDef* FindMeasure(std::string_view key) {
  for (const MeasureDef& d : kRegistry)
    if (d.key == key) return &d;
  return nullptr;
}

std::string MeasureGroupList() {
  return "value, quantity, unit_value, rca, trade_intensity, hhi, products_exported (or a measure "
         "key such as "
         "volume_growth_pct)";
}

std::string_view MeasureGroupOf(std::string_view name) {
  for (const MeasureDef& d : kRegistry)
    if (HasToken(d.group, name)) return name;
  const MeasureDef* d = FindMeasure(name);
  if (!d) return "";
  std::string_view g = d->group;
  return g.substr(0, g.find(' '));
}

bool MeasureGroupAsked(const MeasureDef& def, const QueryResult& r) {
  if (def.group == "value") return true;
  if (def.group == "series") return r.series.has_value();
  for (const std::string& g : r.measures)
    if (HasToken(def.group, g)) return true;
  return false;
}

bool MeasureApplies(const MeasureDef& def, const QueryResult& r, bool total, MeasureWriter writer) {
  if (!MeasureGroupAsked(def, r)) return false;
  if (writer == MeasureWriter::kCsv) return true;  // stable columns, empty where not applicable
  if (def.scope == MeasureScope::kRowsOnly && total && writer == MeasureWriter::kJson) return false;
  if (def.scope == MeasureScope::kTotalOnly && !total) return false;
  if ((def.needs & kNeedBenchmark) && !r.benchmark) return false;
  if ((def.needs & kNeedMonthSteps) && r.series && r.series->year_steps) return false;
  if (writer == MeasureWriter::kTable) {
    if (def.title_en.empty()) return false;
    if (def.group == "value" && !r.value_shown) return false;
    if ((def.needs & kNeedCompare) && !r.compare) return false;
    if ((def.needs & kNeedBreakdown) && r.by.empty()) return false;
  }
  return true;
}

std::string MeasureJson(const MeasureValue& v, int money_scale) {
  switch (v.type) {
    case T::kNull: return "null";
    case T::kMoney: return MoneyText(v.exact, money_scale);
    case T::kQuantity: return MoneyText(v.exact, 3);
    case T::kDerived:
      return v.places >= 0 ? RoundedText(v.derived, v.places) : DerivedText(v.derived);
    case T::kInt: return std::to_string(v.integer);
    case T::kBool: return v.flag ? "true" : "false";
    case T::kText: {
      std::string out = "\"";
      for (char c : v.text) {
        if (c == '"' || c == '\\') out += '\\';
        out += c;
      }
      return out + "\"";
    }
  }
  return "null";
}

std::string MeasureCsv(const MeasureValue& v, int money_scale) {
  if (v.type == T::kNull) return "";
  if (v.type == T::kText) return v.text;
  return MeasureJson(v, money_scale);
}

std::optional<long double> MeasureNumber(const MeasureValue& v) {
  switch (v.type) {
    case T::kMoney:
    case T::kQuantity: return static_cast<long double>(v.exact);
    case T::kDerived:
      return v.derived.exact
                 ? static_cast<long double>(v.derived.num) / static_cast<long double>(v.derived.den)
                 : v.derived.approx;
    case T::kInt: return static_cast<long double>(v.integer);
    case T::kBool: return v.flag ? 1 : 0;
    default: return std::nullopt;
  }
}

}  // namespace tradestat::query
