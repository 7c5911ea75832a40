// query/coverage.cc: months of a period present in a dataset (query/coverage.h).
#include "query/coverage.h"

#include <set>

#include <fmt/format.h>

namespace tradestat::query {
namespace {

std::vector<core::Period> Missing(const std::set<int32_t>& months, const std::set<int>& years,
                                  const PeriodRange& r) {
  std::vector<core::Period> out;
  for (int32_t i = r.from.MonthIndex(); i <= r.to.MonthIndex(); ++i) {
    const core::Period p = core::Period::FromMonthIndex(i);
    if (!months.count(i) && !years.count(p.year())) out.push_back(p);
  }
  return out;
}

}  // namespace

Coverage CheckCoverage(const std::vector<core::Period>& present, const PeriodRange& period,
                       const std::optional<PeriodRange>& compare) {
  std::set<int32_t> months;
  std::set<int> years;
  Coverage c;
  for (const core::Period& p : present) {
    const core::Period lo = p.is_annual() ? core::Period::Month(p.year(), 1) : p;
    const core::Period hi = p.is_annual() ? core::Period::Month(p.year(), 12) : p;
    if (p.is_annual())
      years.insert(p.year());
    else
      months.insert(p.MonthIndex());
    if (!c.first || lo < *c.first) c.first = lo;
    if (!c.last || hi > *c.last) c.last = hi;
  }
  c.missing = Missing(months, years, period);
  if (compare) c.missing_compare = Missing(months, years, *compare);
  return c;
}

std::string MonthListText(const std::vector<core::Period>& months) {
  std::string out;
  for (size_t i = 0; i < months.size();) {
    size_t j = i;
    while (j + 1 < months.size() && months[j + 1].MonthIndex() == months[j].MonthIndex() + 1) ++j;
    out += (out.empty() ? "" : ", ") + months[i].ToString();
    if (j > i) out += ".." + months[j].ToString();
    i = j + 1;
  }
  return out;
}

std::string CoverageGapText(const Coverage& c, const PeriodRange& period,
                            const std::optional<PeriodRange>& compare) {
  if (c.complete()) return "";
  std::string what;
  if (!c.missing.empty())
    what = fmt::format("period {} lacks {}", period.label, MonthListText(c.missing));
  if (!c.missing_compare.empty() && compare)
    what += fmt::format("{}comparison period {} lacks {}", what.empty() ? "" : "; ", compare->label,
                        MonthListText(c.missing_compare));
  const std::string held =
      c.first ? fmt::format("{}..{}", c.first->ToString(), c.last->ToString()) : "no months";
  return fmt::format("{}; the data hold {}", what, held);
}

namespace {

std::string RangeCoverageJson(const PeriodRange& r, const std::vector<core::Period>& missing) {
  const int32_t months = r.to.MonthIndex() - r.from.MonthIndex() + 1;
  std::string list;
  for (const core::Period& m : missing)
    list += fmt::format("{}\"{}\"", list.empty() ? "" : ",", m.ToString());
  return fmt::format("{{\"label\":\"{}\",\"months\":{},\"present\":{},\"missing\":[{}]}}", r.label,
                     months, months - static_cast<int32_t>(missing.size()), list);
}

}  // namespace

std::string CoverageJson(const Coverage& c, const PeriodRange& period,
                         const std::optional<PeriodRange>& compare) {
  std::string data = c.first ? fmt::format("{{\"first\":\"{}\",\"last\":\"{}\"}}",
                                           c.first->ToString(), c.last->ToString())
                             : "null";
  return fmt::format("{{\"complete\":{},\"period\":{},\"compare\":{},\"data\":{}}}",
                     c.complete() ? "true" : "false", RangeCoverageJson(period, c.missing),
                     compare ? RangeCoverageJson(*compare, c.missing_compare) : "null", data);
}

}  // namespace tradestat::query
