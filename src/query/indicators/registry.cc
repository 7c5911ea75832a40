// query/indicators/registry.cc: one entry per indicator (name, what, example), in JSON order.
#include "query/indicators/indicators.h"

namespace tradestat::query::indicators {

const std::vector<IndicatorInfo>& Registry() {
  static const std::vector<IndicatorInfo> kRegistry = {
      {"value", "exact sum of the period, in currency units", "336.75 bn (3367.5亿元)"},
      {"value_prev", "exact sum of the comparison period (--compare yoy|prev)", "312.97 bn"},
      {"growth_pct", "(value - value_prev) / value_prev * 100, from unrounded sums", "+7.6%"},
      {"share_pct", "value / share base * 100; the base is stated in share_base", "31.7% of total"},
      {"contribution_pp", "(value - value_prev) / base of the comparison period * 100", "+1.8 pp"},
      {"rank", "position by value, largest first, ties by code", "1"},
      {"balance", "exports - imports (flow total only)", "128.99 bn"},
      {"exports", "export value (flow total only)", "232.87 bn"},
      {"imports", "import value (flow total only)", "103.88 bn"},
      {"partners", "distinct partner codes with non-zero value, special codes excluded", "231"},
      {"partners_prev", "the same in the comparison period", "227"},
      {"record", "value is the highest for these months of any year in the dataset", "true"},
      {"record_since", "first year of the run of years the value tops", "2015"},
      {"benchmark_growth_pct", "growth of --benchmark DATASET[:REPORTER] with the same filters", "+2.1%"},
      {"vs_benchmark_pp", "growth_pct - benchmark_growth_pct", "+5.5 pp"},
  };
  return kRegistry;
}

}  // namespace tradestat::query::indicators
