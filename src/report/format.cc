// report/format.cc: display rounding on exact ratios (core::DivRound: halves away from zero).
#include "report/format.h"

#include <cmath>

#include <fmt/format.h>

#include "core/decimal.h"

namespace tradestat::report {
namespace {

__int128 Pow10(int n) {
  __int128 p = 1;
  while (n-- > 0) p *= 10;
  return p;
}

// value (in 10^-decimals units) -> "123.45"
std::string Fixed(__int128 v, int decimals) { return core::FormatScaled(v, decimals); }

}  // namespace

std::string FormatMoney(__int128 minor, int scale, const std::string& currency, query::Lang lang) {
  __int128 abs = minor < 0 ? -minor : minor;
  if (lang == query::Lang::kZh) {
    std::string unit = currency == "CNY" ? "元" : currency == "USD" ? "美元" : currency;
    if (abs >= Pow10(7 + scale) / 2)  // >= 0.05亿: 亿 with 1 decimal
      return Fixed(core::DivRound(minor, Pow10(7 + scale)), 1) + "亿" + unit;
    return Fixed(core::DivRound(minor, Pow10(3 + scale)), 1) + "万" + unit;
  }
  std::string unit = currency == "CNY" || currency.empty() ? "" : " " + currency;
  if (abs >= Pow10(7 + scale) / 2)  // >= 0.005 bn: billions with 2 decimals
    return Fixed(core::DivRound(minor, Pow10(7 + scale)), 2) + " bn" + unit;
  return Fixed(core::DivRound(minor, Pow10(4 + scale)), 2) + " mn" + unit;
}

std::string FormatPercentNumber(const query::Derived& d, bool sign) {
  if (!d.present) return "";
  std::string text;
  bool positive;
  if (d.exact) {
    __int128 a = d.num < 0 ? -d.num : d.num;
    bool small = a * 10 < d.den;  // |x| < 0.1
    int decimals = small ? 2 : 1;
    __int128 r = core::DivRound(d.num * Pow10(decimals), d.den);
    text = Fixed(r, decimals);
    positive = r > 0;
  } else {
    double x = d.approx;
    int decimals = std::fabs(x) < 0.1 ? 2 : 1;
    double scaled = x * (decimals == 2 ? 100 : 10);
    __int128 r = static_cast<__int128>(std::llround(scaled));
    text = Fixed(r, decimals);
    positive = r > 0;
  }
  if (sign && positive) text = "+" + text;
  return text;
}

std::string FormatPercent(const query::Derived& d, bool sign) {
  if (!d.present) return "";
  return FormatPercentNumber(d, sign) + "%";
}

std::string FormatPoints(const query::Derived& d, query::Lang lang) {
  if (!d.present) return "";
  return FormatPercentNumber(d, true) + (lang == query::Lang::kZh ? "个百分点" : " pp");
}

}  // namespace tradestat::report
