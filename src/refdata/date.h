// refdata/date.h: Date, a calendar day, the unit of dated reference facts (memberships).
//
// Memberships start and end on days (the UK left the EU on 2020-01-31), while trade records are
// monthly: Date::EndOf(period) is the day a monthly (or annual) record is judged at. Dates print
// and parse as "2020-01-31". Trivially copyable; no time zone.
#pragma once

#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/period.h"
#include "core/status.h"

namespace tradestat::refdata {

class Date {
 public:
  constexpr Date() = default;
  /// REQUIRES: a valid calendar day (use Parse for user input).
  static constexpr Date Of(int year, int month, int day) { return Date(year, month, day); }
  /// The earliest and latest representable days: open ends of a membership.
  static constexpr Date Min() { return Date(1, 1, 1); }
  static constexpr Date Max() { return Date(9999, 12, 31); }

  /// Parse "YYYY-MM-DD" (a real calendar day between 1800 and 2999). InvalidArgument otherwise.
  static core::Result<Date> Parse(std::string_view text);
  /// Last day of a month, or 31 December for an annual period.
  static Date EndOf(core::Period period);
  /// First day of a month, or 1 January for an annual period.
  static Date StartOf(core::Period period);

  constexpr int year() const { return year_; }
  constexpr int month() const { return month_; }
  constexpr int day() const { return day_; }
  /// yyyymmdd as an integer, ordered like the dates.
  constexpr int32_t key() const { return year_ * 10000 + month_ * 100 + day_; }
  Date NextDay() const;
  Date PreviousDay() const;
  /// The month containing this day.
  core::Period month_period() const { return core::Period::Month(year_, month_); }

  std::string ToString() const;
  constexpr auto operator<=>(const Date&) const = default;

  static int DaysInMonth(int year, int month);

 private:
  constexpr Date(int y, int m, int d)
      : year_(static_cast<int16_t>(y)),
        month_(static_cast<int8_t>(m)),
        day_(static_cast<int8_t>(d)) {}
  int16_t year_ = 1;
  int8_t month_ = 1;
  int8_t day_ = 1;
};

}  // namespace tradestat::refdata
