// query/series.h: the series measures of a `--by period` query: month-on-month growth, the
// cumulative year to date beside each month, and which steps the store does not fully cover.
//
// Execute() folds the rows (one per step, a month or a year for --period 2015..2023) as usual,
// then scans the months these measures need (series::MonthsNeeded) and calls series::Fill. Steps
// the store does not fully cover (or whose comparison it does not) are marked and their growth
// is null, never a growth over missing months. Private to src/query.
#pragma once

#include <map>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/period.h"
#include "query/result.h"

namespace tradestat::query::series {

/// One month of one row key: its value and the value of the same month a year earlier.
struct MonthSums {
  __int128 cur = 0;
  __int128 prev = 0;
};
/// Row key without its period part (series::OtherKey) -> month index -> sums.
using SeriesMonths = std::unordered_map<std::string, std::map<int32_t, MonthSums>>;

/// The key of a row from the codes of its other --by dimensions, in order.
std::string OtherKey(const std::vector<std::string>& codes);

/// The months the month-step measures read: from January of the first step's year, or the month
/// before the first step when that is earlier, to the last step.
PeriodRange MonthsNeeded(const PeriodRange& period);

/// Fill the series measures of r.rows and r.series. `period_key` is the index of period in the
/// row keys; `months` the sums of MonthsNeeded (null for year steps); `present` the periods the
/// dataset holds. When period is the only --by dimension, steps without any data get a row of
/// zeros, so every step of the range is listed.
void Fill(QueryResult& r, size_t period_key, const SeriesMonths* months,
          const std::vector<core::Period>& present);

}  // namespace tradestat::query::series
