// core/period.cc: parsing and printing of Period.
#include "core/period.h"

#include <fmt/format.h>

namespace tradestat::core {
namespace {

bool AllDigits(std::string_view s) {
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return !s.empty();
}

int ToInt(std::string_view s) {
  int v = 0;
  for (char c : s) v = v * 10 + (c - '0');
  return v;
}

}  // namespace

Result<Period> Period::Parse(std::string_view text) {
  std::string_view year_text, month_text;
  if (text.size() == 7 && text[4] == '-') {
    year_text = text.substr(0, 4);
    month_text = text.substr(5, 2);
  } else if (text.size() == 6) {
    year_text = text.substr(0, 4);
    month_text = text.substr(4, 2);
  } else if (text.size() == 4) {
    year_text = text;
  } else {
    return Status::Parse(
        fmt::format("not a period (value \"{}\"); expected YYYY-MM, YYYYMM or YYYY", text));
  }
  if (!AllDigits(year_text) || (!month_text.empty() && !AllDigits(month_text)))
    return Status::Parse(
        fmt::format("not a period (value \"{}\"); expected YYYY-MM, YYYYMM or YYYY", text));
  Period p(ToInt(year_text), month_text.empty() ? 0 : ToInt(month_text));
  if (!month_text.empty() && p.month() == 0)
    return Status::Parse(fmt::format("month 00 in period \"{}\"; months run 01 to 12", text));
  if (!p.valid())
    return Status::Parse(
        fmt::format("period out of range (value \"{}\"); years 1900-2999, months 01-12", text));
  return p;
}

std::string Period::ToString() const {
  if (is_annual()) return fmt::format("{:04d}", year_);
  return fmt::format("{:04d}-{:02d}", year_, month_);
}

}  // namespace tradestat::core
