// query/indicators/rank.cc: rank by value, largest first, ties by the row's codes.
#include <algorithm>
#include <numeric>

#include "query/indicators/indicators.h"

namespace tradestat::query::indicators {

void AssignRanks(std::vector<ResultRow>& rows) {
  std::vector<size_t> order(rows.size());
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    if (rows[a].m.value != rows[b].m.value) return rows[a].m.value > rows[b].m.value;
    for (size_t k = 0; k < rows[a].keys.size(); ++k)
      if (rows[a].keys[k].code != rows[b].keys[k].code)
        return rows[a].keys[k].code < rows[b].keys[k].code;
    return a < b;
  });
  for (size_t i = 0; i < order.size(); ++i) rows[order[i]].m.rank = static_cast<int>(i + 1);
}

}  // namespace tradestat::query::indicators
