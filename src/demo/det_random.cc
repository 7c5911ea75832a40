// demo/det_random.cc: exp and log from IEEE basic operations (see det_random.h).
#include "demo/det_random.h"

namespace tradestat::demo {

namespace {
constexpr double kLn2 = 0.6931471805599453;
}

double DetExp(double x) {
  if (x > 700) x = 700;
  if (x < -700) return 0;
  // x = k ln2 + r, |r| <= ln2/2; e^r by Taylor series; e^x = 2^k e^r.
  long k = static_cast<long>(x / kLn2 + (x >= 0 ? 0.5 : -0.5));
  double r = x - static_cast<double>(k) * kLn2;
  double term = 1, sum = 1;
  for (int i = 1; i < 22; ++i) {
    term = term * r / i;
    sum += term;
  }
  double scale = 1;
  const double base = k >= 0 ? 2.0 : 0.5;
  for (long i = 0; i < (k >= 0 ? k : -k); ++i) scale *= base;
  return sum * scale;
}

double DetLog(double x) {
  if (x <= 0) return -745;
  // x = m 2^e with m in [0.75, 1.5); log m = 2 atanh((m-1)/(m+1)) by its series.
  int e = 0;
  while (x >= 1.5) x *= 0.5, ++e;
  while (x < 0.75) x *= 2.0, --e;
  const double s = (x - 1) / (x + 1), s2 = s * s;
  double term = s, sum = 0;
  for (int i = 1; i < 60; i += 2) {
    sum += term / i;
    term *= s2;
  }
  return 2 * sum + e * kLn2;
}

}  // namespace tradestat::demo
