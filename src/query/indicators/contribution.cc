// query/indicators/contribution.cc: contribution_pp, the change of a row divided by the base
// period's total ("drove growth by x points").
#include "query/indicators/indicators.h"

namespace tradestat::query::indicators {

Derived ContributionPp(__int128 value, __int128 prev, __int128 base_prev) {
  return Derived::Ratio((value - prev) * 100, base_prev);
}

}  // namespace tradestat::query::indicators
