// bulletin/sections_overview.cc: the headline paragraph (total, record, growth, gap to the
// benchmark) and the exports/imports paragraph, with the monthly trend chart.
#include <string>

#include <fmt/format.h>

#include "bulletin/builder_internal.h"
#include "query/json.h"

namespace tradestat::bulletin::internal {

namespace {

std::string MonthLabel(const std::string& period, bool zh) {
  static const char* kEn[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                              "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  if (period.size() != 7) return period;
  int m = std::stoi(period.substr(5, 2));
  if (m < 1 || m > 12) return period;
  return zh ? fmt::format("{}月", m) : kEn[m - 1];
}

std::vector<std::string> Row(Builder& b, const std::string& name, const query::Measures& m) {
  return {name, b.num.MoneyNumber(m.value), m.value_prev ? b.num.MoneyNumber(*m.value_prev) : "",
          b.num.Cell(m.growth_pct), b.num.Percent(m.share_pct, false)};
}

}  // namespace

core::Status WriteHeadline(Builder& b) {
  Section s;
  s.id = "headline";
  s.title = b.Title(s.id);
  const bool zh = b.zh;
  query::QueryRequest q = b.Base();
  q.benchmark = b.benchmark;
  TRADESTAT_ASSIGN_OR_RETURN(const query::QueryResult* r, b.Run(q));
  const query::Measures& m = r->total.m;
  const std::string reporter = b.ReporterName();
  const std::string period = b.PeriodWords(false);
  const std::string total =
      b.AddMoney(s, "headline.total", zh ? "进出口总值" : "total imports and exports", m.value, q,
                 "total.value");
  const bool no_compare = !m.value_prev || *m.value_prev == 0;  // no data for the comparison period
  const std::string growth =
      b.AddGrowth(s, "headline.growth", zh ? "同比增速" : "growth on a year earlier", m.growth_pct,
                  q, "total.growth_pct");
  const std::string verb = b.num.GrowthVerb(m.growth_pct);
  const bool up = SignOf(m.growth_pct) > 0;
  // "Record high" only over enough years of the same months (spec record_min_years); else "the
  // highest since YYYY" when the data reach back to an earlier, higher year.
  const int years = static_cast<int>(r->record_years.size());
  const bool record = m.record.value_or(false) && years >= b.spec.record_min_years;
  // The figure is the query's flag; when too few years hold it back, the text claims nothing.
  if (record == m.record.value_or(false))
    b.AddFlag(s, "headline.record", zh ? "历史同期最高" : "record high for these months", record, q,
              "total.record");
  std::string since;
  if (!record && !m.record.value_or(false) && m.record_since && years >= 2 && up)
    since = zh ? fmt::format("，为{}年以来同期最高", *m.record_since)
               : fmt::format(", the highest since {}", *m.record_since);
  std::string milestone;
  if (up) {
    if (auto ms = b.num.Milestone(m.value)) {
      milestone = ms->text;
      b.bulletin.figures.push_back(
          Figure{"headline.milestone", zh ? "突破的整数关口" : "round threshold passed",
                 "threshold", query::MoneyText(ms->minor, b.num.style().money_scale), milestone,
                 Builder::Args(q), "total.value"});
      s.figures.push_back("headline.milestone");
    }
  }

  std::string bench;  // the clause comparing with the benchmark
  const std::string bnoun = b.BenchmarkNoun();
  if (r->benchmark && r->benchmark->growth_pct.present && m.growth_pct.present) {
    const query::Derived& bg = r->benchmark->growth_pct;
    std::string bg_text =
        b.AddPercent(s, "headline.benchmark_growth", zh ? bnoun + "外贸增速" : bnoun + " growth",
                     bg, SignOf(bg) < 0, q, "benchmark.growth_pct");
    std::string gap =
        b.AddPoints(s, "headline.vs_benchmark_pp",
                    zh ? "高于" + bnoun + "增速(百分点)" : "points above the " + bnoun + " rate",
                    m.vs_benchmark_pp, q, "total.vs_benchmark_pp");
    const int gs = report::display::RoundedSign(m.vs_benchmark_pp);
    if (zh) {
      bench = gs > 0 ? fmt::format("，高于{}外贸增速{}个百分点（{}{}）", bnoun, gap, bnoun,
                                   b.num.Growth(bg))
              : gs < 0 ? fmt::format("，低于{}外贸增速{}个百分点（{}{}）", bnoun, gap, bnoun,
                                     b.num.Growth(bg))
                       : fmt::format("，与{}外贸增速（{}）持平", bnoun, bg_text);
    } else {
      bench =
          gs > 0
              ? fmt::format(
                    ", surpassing the {} foreign trade growth rate of {} by {} percentage points",
                    bnoun, bg_text, gap)
          : gs < 0
              ? fmt::format(", {} percentage points below the {} foreign trade growth rate of {}",
                            gap, bnoun, bg_text)
              : fmt::format(", in line with the {} foreign trade growth rate of {}", bnoun,
                            bg_text);
    }
  }
  const std::string issuer = b.Issuer();
  // Coverage (only with --allow-partial) and a comparison period without data, said once.
  std::string note;
  if (!b.coverage.missing.empty())
    note += zh ? fmt::format("注：本期数据仅覆盖至{}，缺{}。",
                             b.coverage.last ? b.coverage.last->ToString() : "-",
                             query::MonthListText(b.coverage.missing))
               : fmt::format(" Note: the data cover {} only partly; {} missing.", b.period->label,
                             query::MonthListText(b.coverage.missing));
  if (no_compare && b.compare)
    note +=
        zh ? fmt::format("上年同期（{}）无数据，不作同比。", b.compare->label)
           : fmt::format(" There are no data for {}, so no comparison is made.", b.compare->label);
  else if (!b.coverage.missing_compare.empty())
    note += zh ? fmt::format("对比期{}缺{}。", b.compare->label,
                             query::MonthListText(b.coverage.missing_compare))
               : fmt::format(" The comparison period {} lacks {}.", b.compare->label,
                             query::MonthListText(b.coverage.missing_compare));
  if (!b.bench_coverage.complete() && !bench.empty()) {
    std::vector<core::Period> lacks = b.bench_coverage.missing_compare;  // earlier months first
    lacks.insert(lacks.end(), b.bench_coverage.missing.begin(), b.bench_coverage.missing.end());
    note += zh ? fmt::format("{}基准数据缺{}。", bnoun, query::MonthListText(lacks))
               : fmt::format(" The {} benchmark lacks {}.", bnoun, query::MonthListText(lacks));
  }
  if (zh) {
    std::string t = issuer.empty() ? "据海关统计，" : fmt::format("据{}统计，", issuer);
    t += fmt::format("{}{}进出口总值", period, reporter);
    t += milestone.empty() ? total : fmt::format("突破{}，达{}", milestone, total);
    if (record) t += "，创历史同期新高";
    t += since;
    if (no_compare)
      t += "。";
    else
      t += fmt::format("，同比{}{}。", growth, bench);
    s.text = t + note;
  } else {
    std::string t = fmt::format("{}'s imports and exports in {} ", reporter, period);
    t += milestone.empty() ? "amounted to " + total : "surpassed " + milestone;
    if (record) t += ", reaching a record high";
    t += since;
    t += issuer.empty() ? ", according to customs statistics"
                        : fmt::format(", according to a report by {}", issuer);
    if (no_compare) {
      if (!milestone.empty()) t += ", at " + total;
      t += ".";
    } else {
      t += ". The total value of imports and exports";
      if (!milestone.empty()) t += ", " + total + ",";
      t += fmt::format(" {} compared to the same period last year{}.", verb, bench);
    }
    s.text = t + note;
  }

  // Table: total, exports, imports, benchmark.
  Table tab;
  tab.title = zh ? "进出口总体情况（" + b.num.MoneyUnit() + "）"
                 : "Imports and exports (" + b.num.MoneyUnit() + ")";
  tab.headers = zh ? std::vector<std::string>{"项目", "本期", "上年同期", "同比", "占比"}
                   : std::vector<std::string>{"", "value", "a year earlier", "growth", "share"};
  tab.args = Builder::Args(q);
  tab.rows.push_back(Row(b, zh ? "进出口" : "Total", m));
  if (r->benchmark) {
    query::Measures bm;
    bm.value = r->benchmark->value;
    bm.value_prev = r->benchmark->value_prev;
    bm.growth_pct = r->benchmark->growth_pct;
    tab.rows.push_back(Row(b, zh ? bnoun + "（基准）" : Capitalize(bnoun) + " (benchmark)", bm));
  }
  s.tables.push_back(tab);

  // Monthly trend: this year against the same months a year earlier.
  query::QueryRequest qm = b.Base();
  qm.by = {"period"};
  TRADESTAT_ASSIGN_OR_RETURN(const query::QueryResult* rm, b.Run(qm));
  Chart c;
  c.kind = Chart::Kind::kLines;
  c.title = zh ? "月度进出口（" + b.num.MoneyUnit() + "）"
               : "Monthly imports and exports (" + b.num.MoneyUnit() + ")";
  c.unit = b.num.MoneyUnit();
  const std::string cur = r->period.from.year() == r->period.to.year()
                              ? std::to_string(r->period.from.year())
                              : r->period.label;
  const std::string prev = r->compare ? (r->compare->from.year() == r->compare->to.year()
                                             ? std::to_string(r->compare->from.year())
                                             : r->compare->label)
                                      : "";
  c.series_names = {cur, prev};
  c.series.resize(2);
  Table mt;
  mt.title = zh ? "月度进出口（" + b.num.MoneyUnit() + "）"
                : "Monthly imports and exports (" + b.num.MoneyUnit() + ")";
  mt.headers = zh ? std::vector<std::string>{"月份", cur, prev, "同比"}
                  : std::vector<std::string>{"month", cur, prev, "growth"};
  mt.args = Builder::Args(qm);
  for (const query::ResultRow& row : rm->rows) {
    const std::string& period_code = row.keys.empty() ? "" : row.keys[0].code;
    c.labels.push_back(MonthLabel(period_code, zh));
    c.series[0].push_back(b.num.ChartValue(row.m.value));
    c.series[1].push_back(row.m.value_prev ? b.num.ChartValue(*row.m.value_prev) : 0);
    mt.rows.push_back({period_code, b.num.MoneyNumber(row.m.value),
                       row.m.value_prev ? b.num.MoneyNumber(*row.m.value_prev) : "",
                       b.num.Cell(row.m.growth_pct)});
  }
  s.charts.push_back(std::move(c));
  s.tables.push_back(std::move(mt));
  b.bulletin.sections.push_back(std::move(s));
  return core::Status::Ok();
}

core::Status WriteFlows(Builder& b) {
  Section s;
  s.id = "flows";
  s.title = b.Title(s.id);
  const bool zh = b.zh;
  query::QueryRequest q = b.Base();
  q.by = {"flow"};
  TRADESTAT_ASSIGN_OR_RETURN(const query::QueryResult* r, b.Run(q));
  std::string x_value, x_growth, m_value, m_growth;
  Table tab;
  tab.title = zh ? "出口和进口（" + b.num.MoneyUnit() + "）"
                 : "Exports and imports (" + b.num.MoneyUnit() + ")";
  tab.headers =
      zh ? std::vector<std::string>{"", "本期", "上年同期", "同比", "占比"}
         : std::vector<std::string>{"", "value", "a year earlier", "growth", "share of total"};
  tab.args = Builder::Args(q);
  for (const query::ResultRow& row : r->rows) {
    const std::string code = row.keys[0].code;
    const bool x = code == "X";
    const std::string id = x ? "flows.exports" : "flows.imports";
    const std::string label = zh ? (x ? "出口" : "进口") : (x ? "exports" : "imports");
    const std::string field = fmt::format("rows[flow={}]", code);
    (x ? x_value : m_value) = b.AddMoney(s, id, label, row.m.value, q, field + ".value");
    (x ? x_growth : m_growth) = b.AddGrowth(s, id + "_growth", label + (zh ? "增速" : " growth"),
                                            row.m.growth_pct, q, field + ".growth_pct");
    tab.rows.push_back(Row(b, label, row.m));
  }
  const __int128 balance = r->total.m.balance.value_or(0);
  const std::string bal = b.AddMoney(s, "flows.balance", zh ? "贸易差额" : "trade balance",
                                     balance < 0 ? -balance : balance, q, "total.balance");
  if (b.no_compare) {  // no growth to state: the headline said so once
    s.text = zh ? fmt::format("其中，出口{}，进口{}，贸易{}{}。", x_value, m_value,
                              balance >= 0 ? "顺差" : "逆差", bal)
                : fmt::format("Exports were {} and imports {}, leaving a trade {} of {}.", x_value,
                              m_value, balance >= 0 ? "surplus" : "deficit", bal);
  } else if (zh) {
    s.text = fmt::format("其中，出口{}，{}；进口{}，{}；贸易{}{}。", x_value, x_growth, m_value,
                         m_growth, balance >= 0 ? "顺差" : "逆差", bal);
  } else {
    s.text =
        fmt::format("Exports were {}, {}, and imports {}, {}, leaving a trade {} of {}.", x_value,
                    x_growth, m_value, m_growth, balance >= 0 ? "surplus" : "deficit", bal);
  }
  s.tables.push_back(std::move(tab));
  b.bulletin.sections.push_back(std::move(s));
  return core::Status::Ok();
}

}  // namespace tradestat::bulletin::internal
