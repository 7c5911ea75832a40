// report/display.cc: customs display of money and percentages (rules in display.h).
#include "report/display.h"

#include <cmath>

#include <fmt/format.h>

#include "core/decimal.h"

namespace tradestat::report::display {
namespace {

__int128 Pow10(int n) {
  __int128 p = 1;
  while (n-- > 0) p *= 10;
  return p;
}

bool Zh(query::Lang lang) { return lang == query::Lang::kZh; }

// Power of ten of one display unit in currency units: million 6, billion/亿 9/8, trillion 12.
int UnitExponent(Scale scale, query::Lang lang) {
  switch (scale) {
    case Scale::kTrillion: return 12;
    case Scale::kBillion: return Zh(lang) ? 8 : 9;
    case Scale::kMillion: return Zh(lang) ? 4 : 6;
  }
  return 9;
}

std::string Trim(std::string s) {
  if (s.find('.') == std::string::npos) return s;
  while (!s.empty() && s.back() == '0') s.pop_back();
  if (!s.empty() && s.back() == '.') s.pop_back();
  return s;
}

// The value rounded to `decimals` decimals of the unit, as an integer.
__int128 RoundedUnits(__int128 minor, int money_scale, Scale scale, query::Lang lang,
                      int decimals) {
  const int shift = money_scale + UnitExponent(scale, lang) - decimals;
  if (shift >= 0) return core::DivRound(minor, Pow10(shift));
  return minor * Pow10(-shift);
}

// Tenths of a percent, rounded half away from zero from the exact ratio.
__int128 Tenths(const query::Derived& d) {
  if (d.exact) return core::DivRound(d.num * 10, d.den);
  return static_cast<__int128>(std::llround(d.approx * 10));
}

std::string ZhCurrency(const std::string& currency) {
  return currency == "CNY" || currency.empty() ? "元" : currency == "USD" ? "美元" : currency;
}

}  // namespace

Scale ScaleFor(__int128 minor, int money_scale) {
  const __int128 abs = minor < 0 ? -minor : minor;
  if (abs >= Pow10(12 + money_scale)) return Scale::kTrillion;
  if (abs >= Pow10(8 + money_scale)) return Scale::kBillion;
  return Scale::kMillion;
}

int Decimals(Scale scale, query::Lang lang) {
  if (Zh(lang) && scale != Scale::kTrillion) return 1;
  return 2;
}

std::string MoneyNumber(__int128 minor, const Style& style, Scale scale) {
  const int decimals = Decimals(scale, style.lang);
  std::string s = core::FormatScaled(
      RoundedUnits(minor, style.money_scale, scale, style.lang, decimals), decimals);
  return style.trim_zeros ? Trim(s) : s;
}

std::string MoneyNumber(__int128 minor, const Style& style) {
  return MoneyNumber(minor, style, ScaleFor(minor, style.money_scale));
}

std::string MoneyUnit(Scale scale, const Style& style) {
  if (Zh(style.lang)) {
    const char* word = scale == Scale::kTrillion ? "万亿" : scale == Scale::kBillion ? "亿" : "万";
    return word + ZhCurrency(style.currency);
  }
  const char* word = scale == Scale::kTrillion  ? "trillion"
                     : scale == Scale::kBillion ? "billion"
                                                : "million";
  if (style.currency == "CNY" || style.currency.empty()) return std::string(word) + " yuan";
  if (style.currency == "USD") return std::string(word) + " US$";
  return std::string(word) + " " + style.currency;
}

std::string Money(__int128 minor, const Style& style, Scale scale) {
  const std::string n = MoneyNumber(minor, style, scale);
  if (Zh(style.lang)) return n + MoneyUnit(scale, style);
  if (style.currency == "USD") {
    const char* word = scale == Scale::kTrillion  ? "trillion"
                       : scale == Scale::kBillion ? "billion"
                                                  : "million";
    return (n.starts_with('-') ? "-US$" + n.substr(1) : "US$" + n) + " " + word;
  }
  return n + " " + MoneyUnit(scale, style);
}

std::string Money(__int128 minor, const Style& style) {
  return Money(minor, style, ScaleFor(minor, style.money_scale));
}

std::string MoneyCell(__int128 minor, int money_scale, const std::string& currency,
                      query::Lang lang) {
  const Scale scale = ScaleFor(minor, money_scale);
  const int decimals = Decimals(scale, lang);
  const std::string n =
      core::FormatScaled(RoundedUnits(minor, money_scale, scale, lang, decimals), decimals);
  if (Zh(lang)) {
    const char* word = scale == Scale::kTrillion ? "万亿" : scale == Scale::kBillion ? "亿" : "万";
    return n + word + ZhCurrency(currency);
  }
  const char* word = scale == Scale::kTrillion ? " tn" : scale == Scale::kBillion ? " bn" : " mn";
  return n + word + (currency == "CNY" || currency.empty() ? "" : " " + currency);
}

double MoneyInScale(__int128 minor, int money_scale, Scale scale, query::Lang lang) {
  return static_cast<double>(
      static_cast<long double>(minor) /
      static_cast<long double>(Pow10(money_scale + UnitExponent(scale, lang))));
}

std::optional<Milestone> MoneyMilestone(__int128 minor, const Style& style) {
  if (minor <= 0) return std::nullopt;
  const Scale scale = ScaleFor(minor, style.money_scale);
  const __int128 unit = Pow10(style.money_scale + UnitExponent(scale, style.lang));
  const __int128 whole = minor / unit;  // whole display units, rounded down
  if (whole < 10) return std::nullopt;
  __int128 top = 1;
  while (top * 10 <= whole) top *= 10;
  const __int128 step = whole / top < 5 ? top / 10 : top;
  const __int128 m = whole / step * step;
  if (m * unit >= minor) return std::nullopt;
  Style s = style;
  Milestone out;
  out.minor = m * unit;
  const std::string n = core::FormatScaled(m, 0);
  if (Zh(style.lang))
    out.text = n + MoneyUnit(scale, s);
  else if (style.currency == "USD")
    out.text = "US$" + n + " " + MoneyUnit(scale, s).substr(0, MoneyUnit(scale, s).find(' '));
  else
    out.text = n + " " + MoneyUnit(scale, s);
  return out;
}

std::string PercentNumber(const query::Derived& d, bool sign, bool trim_zeros) {
  if (!d.present) return "";
  const __int128 t = Tenths(d);
  std::string s = core::FormatScaled(t, 1);
  if (trim_zeros) s = Trim(s);
  if (sign && t > 0) s = "+" + s;
  return s;
}

std::string Percent(const query::Derived& d, bool sign, bool trim_zeros) {
  if (!d.present) return "";
  return PercentNumber(d, sign, trim_zeros) + "%";
}

std::string PercentMagnitude(const query::Derived& d, bool trim_zeros) {
  if (!d.present) return "";
  std::string s = PercentNumber(d, false, trim_zeros);
  if (!s.empty() && s[0] == '-') s.erase(0, 1);
  return s + "%";
}

std::string Points(const query::Derived& d, query::Lang lang) {
  if (!d.present) return "";
  return PercentNumber(d, true) + (Zh(lang) ? "个百分点" : " pp");
}

int RoundedSign(const query::Derived& d) {
  if (!d.present) return 0;
  const __int128 t = Tenths(d);
  return t > 0 ? 1 : t < 0 ? -1 : 0;
}

bool IsFlat(const query::Derived& d) { return d.present && Tenths(d) == 0; }

std::string GrowthText(const query::Derived& d, query::Lang lang) {
  if (!d.present) return "";
  if (IsFlat(d)) return Zh(lang) ? "持平" : "flat";
  const bool up = RoundedSign(d) > 0;
  const std::string m = PercentMagnitude(d);
  if (Zh(lang)) return (up ? "增长" : "下降") + m;
  return (up ? "up " : "down ") + m;
}

std::string Grouped(const std::string& number) {
  size_t begin = number.find_first_of("0123456789");
  if (begin == std::string::npos) return number;
  size_t end = number.find_first_not_of("0123456789", begin);
  if (end == std::string::npos) end = number.size();
  std::string out = number.substr(0, begin);
  for (size_t i = begin; i < end; ++i) {
    if (i > begin && (end - i) % 3 == 0) out += ',';
    out += number[i];
  }
  return out + number.substr(end);
}

const char* ScaleName(Scale scale) {
  return scale == Scale::kTrillion ? "trillion" : scale == Scale::kBillion ? "billion" : "million";
}

std::string QuantityText(__int128 thousandths, const std::string& unit) {
  const std::string n = Trim(core::FormatScaled(thousandths, 3));
  return unit.empty() ? n : n + " " + unit;
}

std::string UnitValueText(const query::Derived& d) {
  if (!d.present) return "";
  if (d.exact) return core::FormatScaled(core::DivRound(d.num * 100, d.den), 2);
  return fmt::format("{:.2f}", d.approx);
}

std::string MeasureCell(const query::MeasureDef& def, const query::MeasureValue& v, int money_scale,
                        const std::string& currency, const std::string& unit, query::Lang lang) {
  using K = query::MeasureKind;
  using T = query::MeasureValue::Type;
  if (v.type == T::kNull) return "";
  switch (def.kind) {
    case K::kMoney: return MoneyCell(v.exact, money_scale, currency, lang);
    case K::kGrowthPct: return Percent(v.derived, true);
    case K::kSharePct: return Percent(v.derived, false);
    case K::kPoints: return Points(v.derived, lang);
    case K::kQuantity: return QuantityText(v.exact, unit);
    case K::kUnitValue: return UnitValueText(v.derived);
    case K::kIndex: return UnitValueText(v.derived);  // rca, trade_intensity, hhi: 2 decimals
    case K::kUnitText: return v.text;
    case K::kFlag: return v.flag ? "yes" : "no";
    case K::kRank:
    case K::kCount:
    case K::kYear: return std::to_string(v.integer);
  }
  return "";
}

}  // namespace tradestat::report::display
