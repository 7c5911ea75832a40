// query/indicators/structure.cc: the pure parts of the trade-structure indicators: the ratio of
// two shares (rca, trade_intensity) and the Herfindahl-Hirschman index of a breakdown's rows.
#include "query/indicators/indicators.h"

namespace tradestat::query::indicators {
namespace {

__int128 Abs(__int128 v) { return v < 0 ? -v : v; }

__int128 Gcd(__int128 a, __int128 b) {
  a = Abs(a);
  b = Abs(b);
  while (b != 0) {
    __int128 t = a % b;
    a = b;
    b = t;
  }
  return a == 0 ? 1 : a;
}

}  // namespace

Derived Quotient(const Derived& a, const Derived& b) {
  if (!a.present || !b.present) return {};
  if (b.exact ? b.num == 0 : b.approx == 0) return {};  // null, never infinity
  if (a.exact && b.exact) {
    // (a.num / a.den) / (b.num / b.den), reduced first so the products stay within 128 bits.
    const __int128 g1 = Gcd(a.num, b.num), g2 = Gcd(a.den, b.den);
    __int128 num, den;
    if (!__builtin_mul_overflow(a.num / g1, b.den / g2, &num) &&
        !__builtin_mul_overflow(a.den / g2, b.num / g1, &den))
      return Derived::Ratio(num, den);
  }
  return Derived::Double(a.approx / b.approx);
}

Derived Hhi(const std::vector<__int128>& values) {
  __int128 sum = 0;
  for (__int128 v : values) {
    if (v < 0) return {};
    sum += v;
  }
  if (sum == 0) return {};
  // 10000 * sum(v^2) / sum^2, exact while it fits; else in long double.
  __int128 squares = 0, den;
  bool fits = !__builtin_mul_overflow(sum, sum, &den);
  for (__int128 v : values) {
    __int128 sq;
    if (!fits || __builtin_mul_overflow(v, v, &sq) ||
        __builtin_add_overflow(squares, sq, &squares)) {
      fits = false;
      break;
    }
  }
  __int128 num;
  if (fits && !__builtin_mul_overflow(squares, static_cast<__int128>(10000), &num))
    return Derived::Ratio(num, den);
  long double acc = 0;
  for (__int128 v : values) {
    const long double s = static_cast<long double>(v) / static_cast<long double>(sum) * 100;
    acc += s * s;
  }
  return Derived::Double(static_cast<double>(acc));
}

}  // namespace tradestat::query::indicators
