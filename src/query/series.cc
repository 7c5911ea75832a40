// query/series.cc: series::Fill, MoM, year to date and step coverage of --by period rows.
#include "query/series.h"

#include <set>

#include <fmt/format.h>

#include "query/coverage.h"
#include "query/indicators/indicators.h"

namespace tradestat::query::series {
namespace {

using core::Period;

// The months of one step: a month, or the 12 months of a year ("2015").
PeriodRange StepRange(const std::string& code, bool* is_month) {
  PeriodRange s;
  auto p = Period::Parse(code);
  *is_month = p.ok() && !p->is_annual();
  if (!p.ok()) return s;
  if (p->is_annual()) {
    s.from = Period::Month(p->year(), 1);
    s.to = Period::Month(p->year(), 12);
  } else {
    s.from = s.to = *p;
  }
  s.label = code;
  return s;
}

PeriodRange Shift(const PeriodRange& r, int months) {
  PeriodRange s;
  s.from = r.from.AddMonths(months);
  s.to = r.to.AddMonths(months);
  s.label = s.from == s.to ? s.from.ToString()
                           : fmt::format("{}..{}", s.from.ToString(), s.to.ToString());
  return s;
}

}  // namespace

std::string OtherKey(const std::vector<std::string>& codes) {
  std::string k;
  for (const std::string& c : codes) k += c + '\x1f';
  return k;
}

PeriodRange MonthsNeeded(const PeriodRange& period) {
  PeriodRange r;
  Period jan = Period::Month(period.from.year(), 1);
  Period before = period.from.AddMonths(-1);
  r.from = before < jan ? before : jan;
  r.to = period.to;
  r.label = fmt::format("{}..{}", r.from.ToString(), r.to.ToString());
  return r;
}

void Fill(QueryResult& r, size_t period_key, const SeriesMonths* months,
          const std::vector<Period>& present) {
  std::set<int32_t> held;  // month indexes the dataset covers (annual segments cover their year)
  for (Period p : present) {
    if (p.is_annual()) {
      for (int m = 1; m <= 12; ++m) held.insert(Period::Month(p.year(), m).MonthIndex());
    } else {
      held.insert(p.MonthIndex());
    }
  }
  auto covered = [&](Period from, Period to) {
    for (Period m = from; m <= to; m = m.AddMonths(1))
      if (!held.count(m.MonthIndex())) return false;
    return true;
  };
  const int compare_offset =
      r.compare ? r.compare->from.MonthIndex() - r.period.from.MonthIndex() : 0;

  // Every step of the range gets a row when period is the only breakdown.
  if (r.by.size() == 1) {
    std::set<std::string> have;
    for (const ResultRow& row : r.rows) have.insert(row.keys[period_key].code);
    std::vector<std::string> steps;
    if (r.period.year_steps) {
      for (int y = r.period.from.year(); y <= r.period.to.year(); ++y)
        steps.push_back(fmt::format("{:04d}", y));
    } else {
      for (Period m = r.period.from; m <= r.period.to; m = m.AddMonths(1))
        steps.push_back(m.ToString());
    }
    for (const std::string& s : steps) {
      if (have.count(s)) continue;
      ResultRow row;
      KeyPart k;
      k.dim = r.by[0];
      k.code = k.name = s;
      row.keys.push_back(k);
      if (r.compare) row.m.value_prev = 0;
      r.rows.push_back(std::move(row));
    }
    r.rows_total = r.rows.size();
  }

  SeriesInfo info;
  info.year_steps = r.period.year_steps;
  std::set<std::string> steps, incomplete;
  for (ResultRow& row : r.rows) {
    Measures& m = row.m;
    const std::string& code = row.keys[period_key].code;
    bool is_month = false;
    PeriodRange step = StepRange(code, &is_month);
    steps.insert(code);
    std::optional<PeriodRange> cmp;
    if (r.compare) cmp = Shift(step, compare_offset);
    Coverage cov = CheckCoverage(present, step, cmp);
    m.step_complete = cov.complete();
    if (!cov.complete()) {
      incomplete.insert(code);
      std::string text;
      if (!cov.missing.empty()) text = MonthListText(cov.missing);
      if (!cov.missing_compare.empty())
        text += (text.empty() ? "compare " : "; compare ") + MonthListText(cov.missing_compare);
      m.step_missing = text;
      // Never a growth over months the store does not hold.
      m.growth_pct = Derived();
      m.contribution_pp = Derived();
      m.vs_benchmark_pp = Derived();
      m.volume_growth_pct = Derived();
      m.price_growth_pct = Derived();
    }
    if (!months || !is_month) continue;
    std::vector<std::string> codes;
    for (size_t i = 0; i < row.keys.size(); ++i)
      if (i != period_key) codes.push_back(row.keys[i].code);
    static const std::map<int32_t, MonthSums> kNone;
    auto it = months->find(OtherKey(codes));
    const auto& sums = it == months->end() ? kNone : it->second;
    auto at = [&](Period p) {
      auto s = sums.find(p.MonthIndex());
      return s == sums.end() ? MonthSums{} : s->second;
    };
    const Period month = step.from;
    const Period before = month.AddMonths(-1);
    const bool month_held = covered(month, month);
    if (covered(before, before)) {
      m.value_prev_month = at(before).cur;
      if (month_held) m.mom_pct = indicators::GrowthPct(m.value, *m.value_prev_month);
    }
    const Period jan = Period::Month(month.year(), 1);
    if (covered(jan, month)) {
      __int128 sum = 0;
      for (Period p = jan; p <= month; p = p.AddMonths(1)) sum += at(p).cur;
      m.ytd_value = sum;
    }
    if (covered(jan.AddMonths(-12), month.AddMonths(-12))) {
      __int128 sum = 0;
      for (Period p = jan; p <= month; p = p.AddMonths(1)) sum += at(p).prev;
      m.ytd_value_prev = sum;
    }
    if (m.ytd_value && m.ytd_value_prev)
      m.ytd_growth_pct = indicators::GrowthPct(*m.ytd_value, *m.ytd_value_prev);
  }
  info.steps = static_cast<int>(steps.size());
  info.incomplete.assign(incomplete.begin(), incomplete.end());
  r.series = info;
}

}  // namespace tradestat::query::series
