// report/table.cc: QueryResult -> Table of display strings.
#include "report/table.h"

#include <fmt/format.h>

#include "query/measures.h"
#include "report/display.h"

namespace tradestat::report {
namespace {

using query::Lang;

struct Labels {
  const char *name, *total;  // measure titles come from the registry (query/measures.h)
};
const Labels kEn = {"name", "TOTAL"};
const Labels kZh = {"名称", "合计"};

}  // namespace

Table QueryTable(const query::QueryResult& r) {
  const Labels& L = r.lang == Lang::kZh ? kZh : kEn;
  const bool cmp = r.compare.has_value();
  Table t;
  std::string flow = r.flow == "total" ? (r.lang == Lang::kZh ? "进出口" : "trade")
                     : r.flow == "X"   ? (r.lang == Lang::kZh ? "出口" : "exports")
                                       : (r.lang == Lang::kZh ? "进口" : "imports");
  t.title = fmt::format("{} · {} {}{} · {} · {}", r.dataset, r.period.label,
                        cmp ? (r.lang == Lang::kZh ? "对比 " : "vs ") : "",
                        cmp ? r.compare->label : "", r.currency, flow);
  if (!r.reporter.empty()) t.title += fmt::format(" · {} {}", r.reporter, r.reporter_name);
  for (const auto& f : r.filters) {
    t.title += fmt::format(" · {}=", f.dim);
    for (size_t i = 0; i < f.values.size(); ++i) t.title += (i ? "," : "") + f.values[i];
  }
  auto add = [&](const std::string& h, bool numeric) {
    t.headers.push_back(h);
    t.numeric.push_back(numeric);
  };
  for (const auto& b : r.by) add(b, false);
  add(L.name, false);
  // Measure columns: the titled measures of the registry that apply (query/measures.h).
  std::vector<const query::MeasureDef*> cols;
  for (const auto& def : query::MeasureRegistry())
    if (query::MeasureApplies(def, r, false, query::MeasureWriter::kTable) ||
        query::MeasureApplies(def, r, true,
                              query::MeasureWriter::kTable)) {  // a total-only column (hhi)
      cols.push_back(&def);
      add(std::string(r.lang == Lang::kZh ? def.title_zh : def.title_en), true);
    }

  auto cells = [&](const query::Measures& m, bool total) {
    std::vector<std::string> c;
    for (const auto* def : cols) {
      if ((def->scope == query::MeasureScope::kRowsOnly && total) ||
          (def->scope == query::MeasureScope::kTotalOnly && !total)) {
        c.emplace_back();
        continue;
      }
      c.push_back(
          display::MeasureCell(*def, def->get(m, r), r.money_scale, r.currency, m.unit, r.lang));
    }
    return c;
  };
  for (const auto& row : r.rows) {
    std::vector<std::string> line;
    std::string name;
    for (const auto& k : row.keys) {
      line.push_back(k.code.empty() ? "-" : k.code);
      if (!name.empty()) name += " / ";
      name += k.name.empty() ? k.code : k.name;
    }
    line.push_back(name);
    for (auto& c : cells(row.m, false)) line.push_back(std::move(c));
    t.rows.push_back(std::move(line));
  }
  {
    std::vector<std::string> line(r.by.size(), "");
    if (!line.empty()) line[0] = L.total;
    line.push_back(r.by.empty() ? L.total : "");
    for (auto& c : cells(r.total.m, true)) line.push_back(std::move(c));
    t.total_row = t.rows.size();
    t.rows.push_back(std::move(line));
  }
  const bool zh = r.lang == Lang::kZh;
  if (r.rows_total > r.rows.size())
    t.notes.push_back(fmt::format(fmt::runtime(zh ? "显示前 {} 行，共 {} 行" : "top {} of {} rows"),
                                  r.rows.size(), r.rows_total));
  if (!r.by.empty())
    t.notes.push_back(fmt::format(
        fmt::runtime(zh ? "行占比基数：{}（{}）" : "row shares of: {} ({})"),
        r.rows_share_base.description,
        display::MoneyCell(r.rows_share_base.value, r.money_scale, r.currency, r.lang)));
  t.notes.push_back(
      fmt::format(fmt::runtime(zh ? "合计占比基数：{}（{}）" : "total share of: {} ({})"),
                  r.total_share_base.description,
                  display::MoneyCell(r.total_share_base.value, r.money_scale, r.currency, r.lang)));
  const auto& m = r.total.m;
  if (!m.mixed_units.empty()) {
    std::string units;
    for (const auto& u : m.mixed_units) units += (units.empty() ? "" : ", ") + u;
    t.notes.push_back(
        fmt::format(fmt::runtime(zh ? "合计数量未相加：计量单位不同（{}）"
                                    : "total quantity not summed: several units ({})"),
                    units));
  }
  if (m.balance)
    t.notes.push_back(fmt::format(
        fmt::runtime(zh ? "出口 {}，进口 {}，差额 {}" : "exports {}, imports {}, balance {}"),
        display::MoneyCell(*m.exports, r.money_scale, r.currency, r.lang),
        display::MoneyCell(*m.imports, r.money_scale, r.currency, r.lang),
        display::MoneyCell(*m.balance, r.money_scale, r.currency, r.lang)));
  if (m.partners)
    t.notes.push_back(
        m.partners_prev
            ? fmt::format(fmt::runtime(zh ? "贸易伙伴 {} 个（比较期 {} 个）"
                                          : "partners {} ({} in the comparison period)"),
                          *m.partners, *m.partners_prev)
            : fmt::format(fmt::runtime(zh ? "贸易伙伴 {} 个" : "partners {}"), *m.partners));
  if (m.record && (*m.record || *m.record_since < r.period.to.year()))
    t.notes.push_back(*m.record
                          ? fmt::format(fmt::runtime(zh ? "历史同期最高（数据自 {} 年）"
                                                        : "record high (data since {})"),
                                        *m.record_since)
                          : fmt::format(fmt::runtime(zh ? "{} 年以来同期最高" : "highest since {}"),
                                        *m.record_since));
  if (r.benchmark)
    t.notes.push_back(fmt::format(
        fmt::runtime(zh ? "基准 {}{} 增速 {}" : "benchmark {}{} growth {}"), r.benchmark->dataset,
        r.benchmark->reporter.empty() ? "" : ":" + r.benchmark->reporter,
        display::Percent(r.benchmark->growth_pct, true)));
  return t;
}

}  // namespace tradestat::report
