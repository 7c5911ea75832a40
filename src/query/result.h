// query/result.h: QueryResult, the exact answer of one query (rendered by json.h and report/).
//
// Money is kept as exact minor units (__int128); derived percentages keep their exact ratio so
// renderers can round half away from zero from unrounded values (customs display rounding).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "query/coverage.h"
#include "query/period_spec.h"
#include "query/reference_lookup.h"

namespace tradestat::query {

/// A derived percentage or point value: exact num/den when both are integers, else a double.
struct Derived {
  bool present = false;
  bool exact = false;
  __int128 num = 0;
  __int128 den = 1;
  double approx = 0;

  static Derived Ratio(__int128 num, __int128 den);  // absent when den == 0
  static Derived Double(double v);
  double value() const { return approx; }
};

struct KeyPart {
  std::string dim;    // the --by dimension: "partner", "hs4", "period"...
  std::string code;   // "USA", "8507", "2023-06", "ASEAN" (a unit)
  std::string name;   // display name in the request's language ("" if unknown)
  bool unit = false;  // a bloc ranked as one partner (--units)
};

struct Measures {
  __int128 value = 0;
  std::optional<__int128> value_prev;
  std::optional<__int128> balance;  // X - M, only when the flow is total
  std::optional<__int128> exports, imports;
  Derived growth_pct;
  Derived share_pct;
  Derived contribution_pp;
  int rank = 0;                     // 1 = largest value; 0 for the total
  std::optional<int64_t> partners;  // distinct non-special partners with non-zero value
  std::optional<int64_t> partners_prev;
  std::optional<bool> record;       // highest for these months of any year in the dataset
  std::optional<int> record_since;  // first year of the run of years it is highest since
  Derived vs_benchmark_pp;
  // Quantity measures (--measure quantity|unit_value|...): sums of stored thousandths within one
  // unit; absent when not asked for, when no record has a quantity, or when units are mixed.
  std::optional<__int128> quantity;  // thousandths of `unit`
  std::optional<__int128> quantity_prev;
  std::string unit;                      // the one unit of the quantities ("" = none/mixed)
  std::vector<std::string> mixed_units;  // the units found when more than one (then no quantity)
  Derived unit_value;                    // value / quantity, currency units per unit
  Derived unit_value_prev;
  Derived volume_growth_pct;  // quantity growth
  Derived price_growth_pct;   // unit value growth: (1+value g) = (1+volume g)(1+price g)
  // Series measures (--by period, query/series.h): month steps only, except step_*.
  std::optional<__int128> value_prev_month;  // the month before this step
  Derived mom_pct;                           // month-on-month growth
  std::optional<__int128> ytd_value;         // January..this month of the same year
  std::optional<__int128> ytd_value_prev;    // the same months a year earlier
  Derived ytd_growth_pct;
  std::optional<bool> step_complete;  // the store covers the step and its comparison
  std::string step_missing;           // what it lacks ("" when complete)
  // Trade-structure indicators (--measure rca|hhi|products_exported|trade_intensity,
  // query/indicators/structure.h); null unless asked and defined.
  Derived rca;                               // Balassa: row's export share / benchmark's
  Derived trade_intensity;                   // (x_ij / X_i) / (m_j / M_w)
  Derived hhi;                               // total only: sum of squared row shares, 0..10000
  std::optional<int64_t> products_exported;  // HS codes with exports above --products-min
};

struct ResultRow {
  std::vector<KeyPart> keys;
  Measures m;
};

struct FilterDesc {
  std::string dim;
  std::vector<std::string> values;
};

struct ShareBase {
  std::string description;          // e.g. "all trade of the scope and flow"
  std::vector<FilterDesc> filters;  // the filters the base keeps
  __int128 value = 0;
  std::optional<__int128> value_prev;
};

struct BenchmarkInfo {
  std::string dataset;
  std::string reporter;  // empty = whole dataset
  __int128 value = 0;
  std::optional<__int128> value_prev;
  Derived growth_pct;
};

/// A series (--by period): one row per step, a month or a year (--period 2015..2023).
struct SeriesInfo {
  bool year_steps = false;
  int steps = 0;                        // distinct steps in the rows
  std::vector<std::string> incomplete;  // steps not fully covered (or their comparison)
};

struct QueryResult {
  std::string dataset;
  PeriodRange period;
  std::optional<PeriodRange> compare;
  CompareMode compare_mode = CompareMode::kYoy;
  std::string currency;
  /// Set when --currency asked for a currency the dataset does not hold: the stored currency the
  /// values were converted from, month by month, and the rate files used (query/currency.h).
  std::string converted_from;
  std::string rate_source;
  int money_scale = 2;  // decimals of the stored minor units
  std::string flow;     // "total", "X", "M"
  Lang lang = Lang::kEn;

  std::string reporter;  // scope; empty = whole dataset
  std::string reporter_name;
  std::vector<FilterDesc> filters;
  std::vector<std::string> by;
  std::vector<std::string> units;
  std::string sort;  // the effective sort, e.g. "value:desc"
  int top = 0;

  ShareBase rows_share_base;
  ShareBase total_share_base;
  std::optional<BenchmarkInfo> benchmark;
  std::vector<int> record_years;     // years compared for the record flag
  Coverage coverage;                 // months of the period and comparison period the data lack
  std::optional<SeriesInfo> series;  // set when --by period

  /// Optional measure groups asked for with --measure, in registry names ("quantity", ...);
  /// empty = the default measures only. `value_shown` is false when --measure omits value.
  std::vector<std::string> measures;
  bool value_shown = true;

  std::vector<ResultRow> rows;
  size_t rows_total = 0;  // rows before --top
  ResultRow total;
};

}  // namespace tradestat::query
