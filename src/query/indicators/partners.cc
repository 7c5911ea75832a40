// query/indicators/partners.cc: partners, the count of distinct partners with non-zero trade
// ("231 countries and regions" counts customs partner codes, special codes excluded).
#include "query/indicators/indicators.h"

namespace tradestat::query::indicators {

int64_t CountPartners(const std::vector<__int128>& sums) {
  int64_t n = 0;
  for (__int128 s : sums) n += s != 0;
  return n;
}

int64_t CountPartnerSet(const uint64_t* set, const uint64_t* counted, size_t words) {
  int64_t n = 0;
  for (size_t i = 0; i < words; ++i) n += __builtin_popcountll(set[i] & counted[i]);
  return n;
}

}  // namespace tradestat::query::indicators
