// query/indicators/benchmark.cc: vs_benchmark_pp = growth - benchmark growth, in points.
#include "query/indicators/indicators.h"

namespace tradestat::query::indicators {

Derived DifferencePp(const Derived& a, const Derived& b) {
  if (!a.present || !b.present) return {};
  if (a.exact && b.exact) {
    __int128 l, r, den;
    if (!__builtin_mul_overflow(a.num, b.den, &l) && !__builtin_mul_overflow(b.num, a.den, &r) &&
        !__builtin_mul_overflow(a.den, b.den, &den)) {
      __int128 num;
      if (!__builtin_sub_overflow(l, r, &num)) return Derived::Ratio(num, den);
    }
  }
  return Derived::Double(a.approx - b.approx);
}

}  // namespace tradestat::query::indicators
