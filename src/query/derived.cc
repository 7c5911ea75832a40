// query/derived.cc: Derived values (exact ratios kept for display rounding).
#include "query/result.h"

namespace tradestat::query {

Derived Derived::Ratio(__int128 num, __int128 den) {
  Derived d;
  if (den == 0) return d;
  if (den < 0) {
    num = -num;
    den = -den;
  }
  d.present = true;
  d.exact = true;
  d.num = num;
  d.den = den;
  d.approx = static_cast<double>(static_cast<long double>(num) / static_cast<long double>(den));
  return d;
}

Derived Derived::Double(double v) {
  Derived d;
  d.present = true;
  d.approx = v;
  return d;
}

}  // namespace tradestat::query
