// core/period.h: Period, a calendar month or a whole year, the unit stores are partitioned by.
//
// A monthly record has month 1..12; an annual record (annual-only sources such as UN Comtrade
// annual files) has month 0 and is never spread over months. Periods order chronologically and
// print as "2023-06" or "2023".
#pragma once

#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/status.h"

namespace tradestat::core {

class Period {
 public:
  constexpr Period() = default;
  static constexpr Period Month(int year, int month) { return Period(year, month); }
  static constexpr Period Year(int year) { return Period(year, 0); }
  /// From the compact key year*100+month (month 0 = annual).
  static constexpr Period FromKey(int32_t key) { return Period(key / 100, key % 100); }

  /// Parse "2023-06", "202306" (months) or "2023" (a year). Rejects month 13, year 0800 etc.
  static Result<Period> Parse(std::string_view text);

  constexpr int year() const { return year_; }
  constexpr int month() const { return month_; }
  constexpr bool is_annual() const { return month_ == 0; }
  constexpr bool valid() const {
    return year_ >= 1900 && year_ <= 2999 && month_ >= 0 && month_ <= 12;
  }
  constexpr int32_t key() const { return year_ * 100 + month_; }
  /// Months since year 0, for month arithmetic; REQUIRES: !is_annual().
  constexpr int32_t MonthIndex() const { return year_ * 12 + (month_ - 1); }
  static constexpr Period FromMonthIndex(int32_t index) {
    return Period(index / 12, index % 12 + 1);
  }
  constexpr Period AddMonths(int n) const { return FromMonthIndex(MonthIndex() + n); }
  constexpr Period AddYears(int n) const { return Period(year_ + n, month_); }

  std::string ToString() const;

  constexpr auto operator<=>(const Period&) const = default;

 private:
  constexpr Period(int year, int month)
      : year_(static_cast<int16_t>(year)), month_(static_cast<int8_t>(month)) {}
  int16_t year_ = 0;
  int8_t month_ = 0;
};

}  // namespace tradestat::core
