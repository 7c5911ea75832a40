// query/measures.h: the measure registry, the one place where each measure of a query row is
// declared (name = JSON key = CSV column = --sort field, kind, table titles EN/ZH, when it
// applies, which stored column it needs, which --measure group turns it on). The JSON writer,
// the CSV/XLSX writers, the text/Markdown table and `--measure` parsing all iterate it, so a new
// measure is one entry in indicators/registry.cc plus its computation (indicators/<name>.cc).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "query/result.h"

namespace tradestat::query {

/// How a measure's value is typed and displayed.
enum class MeasureKind : uint8_t {
  kMoney,      // exact minor units; JSON exact decimal, table customs money
  kGrowthPct,  // signed percentage (+7.6%)
  kSharePct,   // unsigned percentage (31.7%)
  kPoints,     // percentage points (+5.5 pp)
  kRank,       // 1 = largest
  kCount,      // whole number
  kFlag,       // true/false
  kYear,       // a year
  kQuantity,   // exact thousandths of a unit; JSON exact decimal with 3 places
  kUnitText,   // the unit code of the quantities ("KG", "U")
  kUnitValue,  // currency units per unit of quantity: a ratio, rounded for display (2 places)
  kIndex,      // a pure ratio (rca, trade_intensity, hhi): JSON/CSV rounded (MeasureValue::places),
               // tables 2 places
};

/// Where a measure appears.
enum class MeasureScope : uint8_t { kBoth, kRowsOnly, kTotalOnly };

/// Conditions for a measure to apply (bit set).
enum MeasureNeed : uint32_t {
  kNeedNothing = 0,
  kNeedCompare = 1,     // a comparison period (--compare yoy|prev)
  kNeedBenchmark = 2,   // --benchmark
  kNeedBreakdown = 4,   // --by (table only: the rank column)
  kNeedMonthSteps = 8,  // a series by month (--by period, not --period 2015..2023)
};

/// One measure cell: null, money (minor units), quantity (thousandths), a ratio, an integer, a
/// flag or text.
struct MeasureValue {
  enum class Type : uint8_t { kNull, kMoney, kQuantity, kDerived, kInt, kBool, kText };
  Type type = Type::kNull;
  __int128 exact = 0;  // money or quantity
  Derived derived;
  int64_t integer = 0;
  bool flag = false;
  std::string text;
  int places =
      -1;  // a kDerived cell printed rounded to this many decimals in JSON/CSV (-1 = unrounded)
};

struct MeasureDef {
  std::string_view key;  // JSON key, CSV column, --sort field
  MeasureKind kind;
  MeasureScope scope;
  uint32_t needs;             // MeasureNeed bits (JSON: only kNeedBenchmark hides the key)
  std::string_view group;     // the --measure name that turns it on; "value" = default set
  std::string_view column;    // the stored column it is summed from: "value", "quantity"
  std::string_view title_en;  // table header ("" = not a table column)
  std::string_view title_zh;
  std::string_view description;  // what it is (formula), for docs and `--measure` help
  std::string_view example;
  MeasureValue (*get)(const Measures& m, const QueryResult& r);
};

/// Every measure, in JSON key order.
const std::vector<MeasureDef>& MeasureRegistry();
/// The registered measure of this key, or nullptr.
const MeasureDef* FindMeasure(std::string_view key);
/// The accepted `--measure` names ("value, quantity, unit_value, ...").
std::string MeasureGroupList();
/// The `--measure` group a name selects: a group name, or a measure key standing for its first
/// group ("volume_growth_pct" -> "unit_value"); "" when unknown.
std::string_view MeasureGroupOf(std::string_view name);
/// Whether the result asked for this measure's group (the "value" group is always computed).
bool MeasureGroupAsked(const MeasureDef& def, const QueryResult& r);

/// Where a measure is written: JSON/CSV carry every applicable key, the table only titled ones.
enum class MeasureWriter : uint8_t { kJson, kCsv, kTable };
/// Whether `def` is written for this result, in a row (`total` false) or the total.
bool MeasureApplies(const MeasureDef& def, const QueryResult& r, bool total, MeasureWriter writer);

/// The JSON text of a cell (exact decimals for money and quantities, "null" when absent).
std::string MeasureJson(const MeasureValue& v, int money_scale);
/// The CSV text of a cell (exact, "" when absent).
std::string MeasureCsv(const MeasureValue& v, int money_scale);
/// A sortable number (nullopt when absent or not numeric).
std::optional<long double> MeasureNumber(const MeasureValue& v);

}  // namespace tradestat::query
