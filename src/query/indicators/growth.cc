// query/indicators/growth.cc: growth_pct, on unrounded sums (YTD / prior YTD - 1, never from
// monthly rates).
#include "query/indicators/indicators.h"

namespace tradestat::query::indicators {

Derived GrowthPct(__int128 value, __int128 prev) {
  return Derived::Ratio((value - prev) * 100, prev);
}

}  // namespace tradestat::query::indicators
