// query/currency.h: --currency conversion, exact: the monthly rates of each period scanned and
// sums of converted values that round once, at the end.
//
// A value v (minor units) of month m converts to v * num_m / den_m minor units of the target
// currency, num/den the exact rate (refdata/exchange_rates.h keeps rates as exact decimals). The
// converted sums of many months are exact rationals: ConvertedSum keeps one numerator per
// distinct denominator in __int128 and rounds the total half away from zero only when asked, so
// a converted figure is the exact month-by-month conversion rounded once (never total x average
// rate, never per-month rounding). Docs: docs/query.md "Currency conversion".
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "core/period.h"
#include "core/status.h"
#include "refdata/exchange_rates.h"

namespace tradestat::query {

/// An exact conversion factor: target minor units = source minor units * num / den (num, den > 0).
struct RateFraction {
  __int128 num = 1;
  __int128 den = 1;
};

/// A sum of converted values, exact until Rounded().
class ConvertedSum {
 public:
  /// Adds value * rate.num / rate.den; false if the product overflows 128 bits (nothing added).
  bool Add(__int128 value, const RateFraction& rate);
  /// The exact sum rounded to an integer, halves away from zero.
  __int128 Rounded() const;
  bool empty() const { return groups_.empty(); }

 private:
  std::vector<std::pair<__int128, __int128>> groups_;  // (den, sum of value * num)
};

/// How one query's periods convert from one currency to another.
struct CurrencyConversion {
  std::string from;                  // the stored currency converted ("CNY")
  std::string to;                    // the currency asked for ("USD")
  std::vector<RateFraction> rates;   // per period of `periods`
  std::vector<bool> has_rate;        // false: no rate (only allowed where `required` was false)
  std::vector<std::string> sources;  // the rate files used, distinct, in order of first use
};

/// The rates to convert `from` into `to` for each of `periods` (months, or years: the exact mean
/// of the year's twelve monthly rates), from a table of `to` per `from` (multiply) or `from` per
/// `to` (divide). A period with required[i] true and no rate is InvalidArgument naming the month
/// and what to do; other periods without a rate get has_rate false.
core::Result<CurrencyConversion> PlanConversion(const refdata::ExchangeRates& rates,
                                                const std::string& from, const std::string& to,
                                                const std::vector<core::Period>& periods,
                                                const std::vector<bool>& required);

/// True if `rates` can convert between `a` and `b` (a table of either direction).
bool CanConvert(const refdata::ExchangeRates& rates, const std::string& a, const std::string& b);

}  // namespace tradestat::query
