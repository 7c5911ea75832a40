// query/period_spec.cc: parsing of --period and --compare.
#include "query/period_spec.h"

#include <fmt/format.h>

#include "core/strings.h"

namespace tradestat::query {
namespace {

constexpr std::string_view kPeriodForms =
    "accepted forms: 2023-06, 2023-01..2023-06, 2015..2023, 2023Q2, 2023H1, 2023, 2023-06:ytd";

core::Status BadPeriod(std::string_view spec, std::string_view why = {}) {
  return core::Status::InvalidArgument(fmt::format(
      "--period: {}\"{}\"; {}", why.empty() ? "" : fmt::format("{}: ", why), spec, kPeriodForms));
}

core::Result<core::Period> ParseMonth(std::string_view text) {
  if (text.size() != 7 || text[4] != '-' || !core::IsDigits(text.substr(0, 4)) ||
      !core::IsDigits(text.substr(5, 2)))
    return core::Status::InvalidArgument("not a month");
  auto p = core::Period::Parse(text);
  if (!p.ok()) return core::Status::InvalidArgument(p.status().message());
  return *p;
}

core::Result<int> ParseYear(std::string_view text) {
  if (text.size() != 4 || !core::IsDigits(text)) return core::Status::InvalidArgument("not a year");
  int y = std::stoi(std::string(text));
  if (y < 1900 || y > 2999) return core::Status::InvalidArgument("year out of range");
  return y;
}

}  // namespace

bool PeriodRange::Contains(core::Period period) const {
  if (period.is_annual())
    return from <= core::Period::Month(period.year(), 1) &&
           core::Period::Month(period.year(), 12) <= to;
  return from <= period && period <= to;
}

PeriodRange PeriodRange::ShiftYears(int years) const {
  PeriodRange r;
  r.from = from.AddYears(years);
  r.to = to.AddYears(years);
  // Relabel in the same form by shifting the year digits of the label.
  r.label = label;
  r.year_steps = year_steps;
  if (label.size() >= 4 && core::IsDigits(std::string_view(label).substr(0, 4))) {
    std::string out;
    for (size_t i = 0; i < label.size();) {
      if (i + 4 <= label.size() && core::IsDigits(std::string_view(label).substr(i, 4)) &&
          (i == 0 || label[i - 1] == '.')) {
        out += fmt::format("{:04d}", std::stoi(label.substr(i, 4)) + years);
        i += 4;
      } else {
        out += label[i++];
      }
    }
    r.label = out;
  }
  return r;
}

core::Result<PeriodRange> ParsePeriodSpec(std::string_view spec) {
  std::string_view s = core::Trim(spec);
  PeriodRange r;
  r.label = std::string(s);
  if (s.empty()) return BadPeriod(spec, "empty");
  if (auto dots = s.find(".."); dots != std::string_view::npos) {
    if (dots == 4 && s.size() == 10) {  // a range of years: 2015..2023
      auto ya = ParseYear(s.substr(0, 4));
      auto yb = ParseYear(s.substr(6));
      if (!ya.ok() || !yb.ok()) return BadPeriod(spec, "a range of years joins two years");
      if (*yb < *ya) return BadPeriod(spec, "range ends before it starts");
      r.from = core::Period::Month(*ya, 1);
      r.to = core::Period::Month(*yb, 12);
      r.year_steps = true;
      return r;
    }
    auto a = ParseMonth(s.substr(0, dots));
    auto b = ParseMonth(s.substr(dots + 2));
    if (!a.ok() || !b.ok()) return BadPeriod(spec, "a range joins two months");
    if (*b < *a) return BadPeriod(spec, "range ends before it starts");
    r.from = *a;
    r.to = *b;
    return r;
  }
  if (s.size() > 4 && (s.substr(s.size() - 4) == ":ytd" || s.substr(s.size() - 4) == ":YTD")) {
    auto m = ParseMonth(s.substr(0, s.size() - 4));
    if (!m.ok()) return BadPeriod(spec, "year to date needs a month");
    r.from = core::Period::Month(m->year(), 1);
    r.to = *m;
    return r;
  }
  if (s.size() == 4) {
    auto y = ParseYear(s);
    if (!y.ok()) return BadPeriod(spec);
    r.from = core::Period::Month(*y, 1);
    r.to = core::Period::Month(*y, 12);
    return r;
  }
  if (s.size() == 6 && (s[4] == 'Q' || s[4] == 'q' || s[4] == 'H' || s[4] == 'h')) {
    auto y = ParseYear(s.substr(0, 4));
    int n = s[5] - '0';
    bool quarter = s[4] == 'Q' || s[4] == 'q';
    if (!y.ok() || n < 1 || n > (quarter ? 4 : 2)) return BadPeriod(spec);
    int len = quarter ? 3 : 6;
    r.from = core::Period::Month(*y, (n - 1) * len + 1);
    r.to = core::Period::Month(*y, n * len);
    r.label = fmt::format("{}{}{}", *y, quarter ? 'Q' : 'H', n);
    return r;
  }
  auto m = ParseMonth(s);
  if (!m.ok()) return BadPeriod(spec);
  r.from = r.to = *m;
  return r;
}

core::Result<CompareMode> ParseCompareMode(std::string_view text) {
  std::string t = core::ToLower(core::Trim(text));
  if (t == "yoy") return CompareMode::kYoy;
  if (t == "prev") return CompareMode::kPrev;
  if (t == "none") return CompareMode::kNone;
  return core::Status::InvalidArgument(
      fmt::format("--compare: \"{}\"; accepted forms: yoy, prev, none", text));
}

std::string_view CompareModeName(CompareMode mode) {
  switch (mode) {
    case CompareMode::kYoy: return "yoy";
    case CompareMode::kPrev: return "prev";
    case CompareMode::kNone: return "none";
  }
  return "none";
}

std::optional<PeriodRange> ComparisonRange(const PeriodRange& range, CompareMode mode) {
  switch (mode) {
    case CompareMode::kNone: return std::nullopt;
    case CompareMode::kYoy: return range.ShiftYears(-1);
    case CompareMode::kPrev: {
      PeriodRange r;
      r.to = range.from.AddMonths(-1);
      r.from = range.from.AddMonths(-range.months());
      r.label = r.from == r.to ? r.from.ToString()
                               : fmt::format("{}..{}", r.from.ToString(), r.to.ToString());
      return r;
    }
  }
  return std::nullopt;
}

}  // namespace tradestat::query
