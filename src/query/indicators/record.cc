// query/indicators/record.cc: record and record_since ("a record high", "highest since 2015").
#include "query/indicators/indicators.h"

#include <algorithm>

namespace tradestat::query::indicators {

std::optional<RecordFlag> Record(int year, __int128 value,
                                 const std::vector<std::pair<int, __int128>>& years) {
  if (years.size() < 2) return std::nullopt;
  RecordFlag f;
  f.record = true;
  int first = year;
  int last_higher = 0;  // latest earlier year reaching the value
  for (const auto& [y, v] : years) {
    if (y == year) continue;
    first = std::min(first, y);
    if (v >= value) {
      f.record = false;
      if (y < year) last_higher = std::max(last_higher, y);
    }
  }
  f.since = last_higher > 0 ? last_higher + 1 : first;
  return f;
}

}  // namespace tradestat::query::indicators
