// refdata/date.cc: calendar arithmetic for Date (proleptic Gregorian).
#include "refdata/date.h"

#include <fmt/format.h>

#include "core/strings.h"

namespace tradestat::refdata {

int Date::DaysInMonth(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month == 2) {
    bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return leap ? 29 : 28;
  }
  return kDays[month - 1];
}

core::Result<Date> Date::Parse(std::string_view text) {
  std::string_view t = core::Trim(text);
  auto bad = [&] {
    return core::Status::InvalidArgument(fmt::format(
        "not a date \"{}\": expected YYYY-MM-DD, e.g. 2020-01-31", core::MessageExcerpt(text)));
  };
  if (t.size() != 10 || t[4] != '-' || t[7] != '-') return bad();
  auto num = [](std::string_view s) {
    int v = 0;
    for (char c : s) v = v * 10 + (c - '0');
    return v;
  };
  std::string_view ys = t.substr(0, 4), ms = t.substr(5, 2), ds = t.substr(8, 2);
  if (!core::IsDigits(ys) || !core::IsDigits(ms) || !core::IsDigits(ds)) return bad();
  int y = num(ys), m = num(ms), d = num(ds);
  if (y < 1800 || y > 2999 || m < 1 || m > 12 || d < 1 || d > DaysInMonth(y, m)) return bad();
  return Date(y, m, d);
}

Date Date::EndOf(core::Period period) {
  if (period.is_annual()) return Date(period.year(), 12, 31);
  return Date(period.year(), period.month(), DaysInMonth(period.year(), period.month()));
}

Date Date::StartOf(core::Period period) {
  return Date(period.year(), period.is_annual() ? 1 : period.month(), 1);
}

Date Date::NextDay() const {
  if (day_ < DaysInMonth(year_, month_)) return Date(year_, month_, day_ + 1);
  if (month_ < 12) return Date(year_, month_ + 1, 1);
  return Date(year_ + 1, 1, 1);
}

Date Date::PreviousDay() const {
  if (day_ > 1) return Date(year_, month_, day_ - 1);
  if (month_ > 1) return Date(year_, month_ - 1, DaysInMonth(year_, month_ - 1));
  return Date(year_ - 1, 12, 31);
}

std::string Date::ToString() const { return fmt::format("{:04}-{:02}-{:02}", year_, month_, day_); }

}  // namespace tradestat::refdata
