// query/indicators/share.cc: share_pct, of the base the result states (share_base).
#include "query/indicators/indicators.h"

namespace tradestat::query::indicators {

Derived SharePct(__int128 value, __int128 base) { return Derived::Ratio(value * 100, base); }

}  // namespace tradestat::query::indicators
