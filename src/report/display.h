// report/display.h: the one place that says how numbers are written for people (customs style).
//
// Used by the bulletin (text, tables, charts), the query tables (report/table.cc) and, through
// them, the server. Rules (docs/bulletin.md "Units"):
//   money   from 1 trillion: trillion yuan / 万亿元, 2 decimals
//           from 100 million: billion yuan (2 decimals) / 亿元 (1 decimal)
//           below: million yuan (2 decimals) / 万元 (1 decimal)
//           USD: "US$46.07 billion" / "46.1亿美元"; other currencies "46.07 billion EUR" /
//           "46.1亿EUR" trailing zeros dropped when `trim_zeros` (20.10 -> 20.1, 1307.0 -> 1307)
//   percent and points: always rounded to 1 decimal, half away from zero, from the exact ratio
//           (-0.06 -> "-0.1"); a change is "flat" only when it rounds to 0.0.
// The unit is chosen once per value from its magnitude; tables and charts that need one unit
// for a column pass a Scale explicitly (ScaleFor(the largest value)).
// Pure functions; thread-safe.
#pragma once

#include <optional>
#include <string>

#include "query/measures.h"
#include "query/result.h"

namespace tradestat::report::display {

/// Magnitude of a money display: million/万, billion/亿, trillion/万亿.
enum class Scale { kMillion, kBillion, kTrillion };

struct Style {
  query::Lang lang = query::Lang::kEn;
  std::string currency = "CNY";     // ISO code of the values
  int money_scale = 2;              // decimals of the stored minor units
  bool trim_zeros = true;           // drop trailing zeros of money decimals (20.10 -> 20.1)
  bool trim_percent_zeros = false;  // "+3.0%" -> "+3%": only when a bulletin spec asks
};

/// The scale customs would use for `minor` (by absolute value).
Scale ScaleFor(__int128 minor, int money_scale);
/// Decimals shown at a scale: 2, except 亿 and 万 in Chinese (1).
int Decimals(Scale scale, query::Lang lang);

/// The number in the given (or its own) scale: "336.75" / "3367.5" / "20.1".
std::string MoneyNumber(__int128 minor, const Style& style, Scale scale);
std::string MoneyNumber(__int128 minor, const Style& style);
/// The unit words of a scale: "billion yuan", "万亿元", "billion US$", "亿美元".
std::string MoneyUnit(Scale scale, const Style& style);
/// Number and unit as in a sentence: "336.75 billion yuan", "3367.5亿元", "US$46.07 billion".
std::string Money(__int128 minor, const Style& style, Scale scale);
std::string Money(__int128 minor, const Style& style);
/// A table cell (fixed decimals, short unit, never trimmed): "336.75 bn", "20.10 tn",
/// "1.42 mn", "3367.5亿元", "46.1亿美元"; other currencies add " USD"-style suffixes in English.
std::string MoneyCell(__int128 minor, int money_scale, const std::string& currency,
                      query::Lang lang);
/// The value in units of `scale` as a double, for chart geometry only (never for text).
double MoneyInScale(__int128 minor, int money_scale, Scale scale, query::Lang lang);

/// A round number just below a total, for "surpassed 330 billion yuan": in the total's own
/// scale, two significant digits when the first is below 5, else one; absent when the value is
/// under 10 display units or already round.
struct Milestone {
  std::string text;    // "330 billion yuan" / "3300亿元"
  __int128 minor = 0;  // the threshold in minor units (exact)
};
std::optional<Milestone> MoneyMilestone(__int128 minor, const Style& style);

/// The percentage rounded to 1 decimal, without "%": "7.6", "-0.1", "+7.6" (`sign`), "10.0",
/// "0.0"; "" when absent. One decimal always, as customs writes them; `trim_zeros` ("10.0" ->
/// "10") only for a bulletin whose spec asks for it (Style::trim_percent_zeros).
std::string PercentNumber(const query::Derived& d, bool sign, bool trim_zeros = false);
/// The same with "%": "+7.6%", "31.7%"; "" when absent.
std::string Percent(const query::Derived& d, bool sign, bool trim_zeros = false);
/// Magnitude with "%" ("0.1%" for -0.06): for sentences that carry the direction in words.
std::string PercentMagnitude(const query::Derived& d, bool trim_zeros = false);
/// "+5.5 pp" / "+5.5个百分点"; "" when absent.
std::string Points(const query::Derived& d, query::Lang lang);
/// Sign after rounding to 1 decimal: -1, 0 (flat, or absent), +1.
int RoundedSign(const query::Derived& d);
/// True when present and rounding to 0.0 ("flat" / "持平").
bool IsFlat(const query::Derived& d);

/// Growth in words as a headline says it: "up 7.6%", "up 10.0%", "down 0.1%" (-0.06), "flat" /
/// "增长7.6%", "下降0.1%", "持平"; "" when absent.
std::string GrowthText(const query::Derived& d, query::Lang lang);
/// Thousands separators in the integer part: "1234567.5" -> "1,234,567.5" (text unchanged
/// otherwise).
std::string Grouped(const std::string& number);
/// "trillion" / "billion" / "million": the scale's name in the API.
const char* ScaleName(Scale scale);

/// A quantity of thousandths: "120000 U", "1234.5 KG" (exact, trailing zeros dropped).
std::string QuantityText(__int128 thousandths, const std::string& unit);
/// A unit value (currency units per unit) rounded half away from zero to 2 decimals: "25166.67".
std::string UnitValueText(const query::Derived& d);
/// One table cell of a registered measure, by its kind (query/measures.h); "" when absent.
std::string MeasureCell(const query::MeasureDef& def, const query::MeasureValue& v, int money_scale,
                        const std::string& currency, const std::string& unit, query::Lang lang);

}  // namespace tradestat::report::display
