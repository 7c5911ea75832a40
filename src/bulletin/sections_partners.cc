// bulletin/sections_partners.cc: trading partners (count, top partners with blocs as units,
// partner groups) and prefectures (leaders of the sub-regions against the provincial average).
#include <algorithm>

#include <fmt/format.h>

#include "bulletin/builder_internal.h"

namespace tradestat::bulletin::internal {

namespace {

// "reached X, accounting for Y of total trade, an increase of Z" from an Item's `show` list.
std::string GroupClause(Builder& b, Section& s, const Item& item, const query::QueryRequest& q,
                        const query::QueryResult& r) {
  const bool zh = b.zh;
  const query::Measures& m = r.total.m;
  const std::string id = "partners.group." + item.code;
  const std::string name = item.name.In(b.lang);
  std::vector<std::string> parts;
  for (std::string_view what : {"value", "share", "growth"}) {
    if (item.show.find(what) == std::string::npos) continue;
    if (what == "value") {
      std::string v = b.AddMoney(s, id + ".value", name, m.value, q, "total.value");
      parts.push_back(zh ? "进出口" + v : (parts.empty() ? "reached " : "") + v);
    } else if (what == "share") {
      std::string v = b.AddPercent(s, id + ".share", name + (zh ? "占比" : " share of total"),
                                   m.share_pct, false, q, "total.share_pct");
      parts.push_back(zh ? "占" + b.ReporterName() + "进出口总值的" + v
                         : "accounting for " + v + " of total trade");
    } else {
      std::string g = b.AddGrowth(s, id + ".growth", name + (zh ? "增速" : " growth"), m.growth_pct,
                                  q, "total.growth_pct");
      if (!b.no_compare) parts.push_back(g);  // no comparison data: said once in the headline
    }
  }
  if (zh) {
    std::string t = "对" + name;
    for (size_t i = 0; i < parts.size(); ++i) t += (i ? "，" : "") + parts[i];
    return t;
  }
  std::string t = "trade with " + name + " ";
  for (size_t i = 0; i < parts.size(); ++i) t += (i ? ", " : "") + parts[i];
  return t;
}

}  // namespace

core::Status WritePartners(Builder& b) {
  Section s;
  s.id = "partners";
  s.title = b.Title(s.id);
  const bool zh = b.zh;
  const std::string reporter = b.ReporterName();
  const std::string period = b.PeriodWords(false);

  query::QueryRequest qp = b.Base();
  qp.by = {"partner"};
  qp.units = b.spec.units;
  qp.top = b.spec.chart_top;
  TRADESTAT_ASSIGN_OR_RETURN(const query::QueryResult* r, b.Run(qp));
  std::vector<std::string> sentences;

  // Count of countries and regions (from the total of the same query).
  const query::Measures& tm = r->total.m;
  if (tm.partners && *tm.partners > 0) {
    std::string n =
        b.AddCount(s, "partners.count", zh ? "贸易伙伴数" : "countries and regions traded with",
                   *tm.partners, qp, "total.partners");
    std::string change;
    if (tm.partners_prev && !b.no_compare) {
      int64_t d = *tm.partners - *tm.partners_prev;
      b.AddCount(s, "partners.count_prev", zh ? "上年同期贸易伙伴数" : "a year earlier",
                 *tm.partners_prev, qp, "total.partners_prev");
      if (zh)
        change = d > 0   ? fmt::format("，比上年同期增加{}个", d)
                 : d < 0 ? fmt::format("，比上年同期减少{}个", -d)
                         : "，与上年同期持平";
      else
        change = d > 0   ? fmt::format(", {} more than a year earlier", d)
                 : d < 0 ? fmt::format(", {} fewer than a year earlier", -d)
                         : ", as many as a year earlier";
    }
    sentences.push_back(
        zh ? fmt::format("{}，{}与全球{}个国家和地区有贸易往来{}。", period, reporter, n, change)
           : fmt::format("In {}, {} traded with {} countries and regions around the world{}.",
                         period, reporter, n, change));
  }

  // The top partners, blocs counted as one.
  std::vector<std::string> names, values;
  const int top = std::min<int>(b.spec.top, static_cast<int>(r->rows.size()));
  for (int i = 0; i < top; ++i) {
    const query::ResultRow& row = r->rows[i];
    const std::string field = fmt::format("rows[partner={}]", row.keys[0].code);
    names.push_back(b.NameOf(row.keys[0]));
    b.bulletin.figures.push_back(Figure{fmt::format("partners.top.{}.code", i + 1), names.back(),
                                        "code", row.keys[0].code, names.back(), Builder::Args(qp),
                                        field + ".partner"});
    s.figures.push_back(b.bulletin.figures.back().id);
    values.push_back(b.AddMoney(s, fmt::format("partners.top.{}.value", i + 1), names.back(),
                                row.m.value, qp, field + ".value"));
  }
  if (top > 0) {
    static const char* kOrdEn[] = {
        "", "largest", "two largest", "three largest", "four largest", "five largest"};
    if (zh) {
      sentences.push_back(
          top == 1 ? fmt::format("{}为第一大贸易伙伴，进出口{}。", names[0], values[0])
                   : fmt::format("{}为前{}大贸易伙伴，分别进出口{}。", JoinList(names, b.lang),
                                 top == 2   ? "两"
                                 : top == 3 ? "三"
                                            : std::to_string(top),
                                 JoinList(values, b.lang, true)));
    } else {
      std::string rank = top <= 5 ? kOrdEn[top] : fmt::format("{} largest", top);
      sentences.push_back(
          top == 1
              ? fmt::format("{} was the largest trading partner, with imports and exports of {}.",
                            Capitalize(names[0]), values[0])
              : fmt::format("{} were the top {} trading partners, with import and export values of "
                            "{}, respectively.",
                            Capitalize(JoinList(names, b.lang)),
                            top == 3   ? "three"
                            : top == 2 ? "two"
                                       : std::to_string(top),
                            JoinList(values, b.lang)));
      (void)rank;
    }
  }

  // Partner groups.
  std::vector<std::string> clauses;
  Table gt;
  gt.title =
      zh ? "主要市场（" + b.num.MoneyUnit() + "）" : "Partner groups (" + b.num.MoneyUnit() + ")";
  gt.headers = zh ? std::vector<std::string>{"组别", "本期", "同比", "占比"}
                  : std::vector<std::string>{"group", "value", "growth", "share"};
  for (const Item& item : b.spec.partner_groups) {
    query::QueryRequest q = b.Base();
    q.where = {item.where};
    TRADESTAT_ASSIGN_OR_RETURN(const query::QueryResult* g, b.Run(q));
    if (g->total.m.value == 0 && g->total.m.value_prev.value_or(0) == 0)
      continue;  // no such trade: no sentence
    clauses.push_back(GroupClause(b, s, item, q, *g));
    gt.rows.push_back({item.name.In(b.lang), b.num.MoneyNumber(g->total.m.value),
                       b.num.Cell(g->total.m.growth_pct),
                       b.num.Percent(g->total.m.share_pct, false)});
  }
  if (!clauses.empty()) {
    if (zh) {
      std::string t = "同期，";
      for (size_t i = 0; i < clauses.size(); ++i) t += (i ? "；" : "") + clauses[i];
      sentences.push_back(t + "。");
    } else {
      std::string t = "Additionally, ";
      for (size_t i = 0; i < clauses.size(); ++i)
        t += (i == 0 ? "" : i + 1 == clauses.size() ? "; and " : "; ") + clauses[i];
      sentences.push_back(t + ".");
    }
  }
  for (const std::string& x : sentences) s.text += (s.text.empty() || zh ? "" : " ") + x;

  // Table and chart of the top partners.
  Table tab;
  tab.title = zh ? fmt::format("前{}大贸易伙伴（{}）", r->rows.size(), b.num.MoneyUnit())
                 : fmt::format("Top {} trading partners ({})", r->rows.size(), b.num.MoneyUnit());
  tab.headers = zh ? std::vector<std::string>{"位次", "贸易伙伴", "本期", "同比", "占比"}
                   : std::vector<std::string>{"rank", "partner", "value", "growth", "share"};
  tab.args = Builder::Args(qp);
  Chart c;
  c.kind = Chart::Kind::kBars;
  c.title = zh ? "主要贸易伙伴进出口（" + b.num.MoneyUnit() + "）"
               : "Top trading partners (" + b.num.MoneyUnit() + ")";
  c.unit = b.num.MoneyUnit();
  for (const query::ResultRow& row : r->rows) {
    const std::string name = b.NameOf(row.keys[0]);
    tab.rows.push_back({std::to_string(row.m.rank), Capitalize(name),
                        b.num.MoneyNumber(row.m.value), b.num.Cell(row.m.growth_pct),
                        b.num.Percent(row.m.share_pct, false)});
    c.labels.push_back(Capitalize(name.rfind("the ", 0) == 0 ? name.substr(4) : name));
    c.series.resize(1);
    c.series[0].push_back(b.num.ChartValue(row.m.value));
    c.value_labels.push_back(b.num.MoneyNumber(row.m.value));
  }
  s.tables.push_back(std::move(tab));
  if (!gt.rows.empty()) s.tables.push_back(std::move(gt));
  s.charts.push_back(std::move(c));
  b.bulletin.sections.push_back(std::move(s));
  return core::Status::Ok();
}

core::Status WriteRegions(Builder& b) {
  Section s;
  s.id = "regions";
  s.title = b.spec.titles.count(s.id) ? b.Title(s.id) : Capitalize(b.SubUnitsNoun());
  const bool zh = b.zh;
  query::QueryRequest q = b.Base();
  q.by = {"reporter"};
  q.sort = "growth_pct:desc";
  TRADESTAT_ASSIGN_OR_RETURN(const query::QueryResult* r, b.Run(q));
  if (r->rows.size() < 2) return core::Status::Ok();  // a single region: nothing to compare
  if (b.no_compare) return core::Status::Ok();        // growth by region needs a comparison period
  const query::Derived& avg = r->total.m.growth_pct;
  const double avg_v = avg.value();
  const std::string avg_noun = b.AverageNoun();
  const std::string units = b.SubUnitsNoun();
  std::string avg_text = b.AddPercent(s, "regions.average_growth",
                                      zh ? avg_noun + "平均增速" : avg_noun + " average growth",
                                      avg, SignOf(avg) < 0, q, "total.growth_pct");

  // The fastest-growing prefecture of each sub-region, kept if it beats the average.
  struct Leader {
    std::string subregion;
    const query::ResultRow* row;
  };
  std::vector<Leader> leaders;
  for (const std::string& g : b.spec.subregions) {
    const query::ResultRow* best = nullptr;
    for (const query::ResultRow& row : r->rows)  // sorted by growth, fastest first
      if (row.m.growth_pct.present && b.reference.ReporterWithin(row.keys[0].code, g)) {
        best = &row;
        break;
      }
    if (best != nullptr && best->m.growth_pct.value() > avg_v) leaders.push_back({g, best});
  }
  std::vector<std::string> areas, names, growths;
  for (size_t i = 0; i < leaders.size(); ++i) {
    const auto& l = leaders[i];
    auto it = b.spec.subregion_names.find(l.subregion);
    areas.push_back(it != b.spec.subregion_names.end()
                        ? it->second.In(b.lang)
                        : b.reference.ReporterGroupName(l.subregion, b.lang).value_or(l.subregion));
    names.push_back(b.NameOf(l.row->keys[0]));
    const std::string field = fmt::format("rows[reporter={}]", l.row->keys[0].code);
    b.bulletin.figures.push_back(Figure{fmt::format("regions.leader.{}.code", i + 1), names.back(),
                                        "code", l.row->keys[0].code, names.back(), Builder::Args(q),
                                        field + ".reporter"});
    s.figures.push_back(b.bulletin.figures.back().id);
    growths.push_back(b.AddPercent(s, fmt::format("regions.leader.{}.growth", i + 1), names.back(),
                                   l.row->m.growth_pct, false, q, field + ".growth_pct"));
  }
  // Leaders that beat a falling average may still have declined: then signed rates, no "increase".
  bool all_grew = true;
  for (const Leader& l : leaders) all_grew &= SignOf(l.row->m.growth_pct) > 0;
  if (!all_grew)
    for (size_t i = 0; i < leaders.size(); ++i)
      growths[i] = b.num.Percent(leaders[i].row->m.growth_pct, true);
  int above = 0, declining = 0;
  const query::ResultRow* worst = nullptr;
  for (const query::ResultRow& row : r->rows) {
    if (!row.m.growth_pct.present) continue;
    if (row.m.growth_pct.value() > avg_v) ++above;
    if (SignOf(row.m.growth_pct) < 0) {
      ++declining;
      worst = &row;  // sorted descending: the last declining row falls most
    }
  }
  const std::string n_above = b.AddCount(
      s, "regions.above_average",
      zh ? "增速高于" + avg_noun + "平均的" + units + "数" : units + " above the average", above, q,
      "rows[].growth_pct");
  const std::string n_all = std::to_string(r->rows.size());

  std::string t;
  if (zh) {
    if (!leaders.empty() && !all_grew)
      t = fmt::format("{}地区中，{}进出口增速{}为{}，{}好于{}平均水平（{}）。",
                      JoinList(areas, b.lang, true), JoinList(names, b.lang, true),
                      leaders.size() > 1 ? "分别" : "", JoinList(growths, b.lang, true),
                      leaders.size() > 1 ? "均" : "", avg_noun, avg_text);
    else if (!leaders.empty())
      t = fmt::format("{}地区加快发展，{}进出口{}增长{}，{}高于{}平均水平（{}）。",
                      JoinList(areas, b.lang, true), JoinList(names, b.lang, true),
                      leaders.size() > 1 ? "分别" : "", JoinList(growths, b.lang, true),
                      leaders.size() > 1 ? "均" : "", avg_noun, avg_text);
    else if (!r->rows.empty())
      t = fmt::format("各{}中增速最快的是{}（{}），{}平均{}。", units, b.NameOf(r->rows[0].keys[0]),
                      b.num.Percent(r->rows[0].m.growth_pct, true), avg_noun, avg_text);
    t += fmt::format("{}{}个{}中，{}个增速{}{}平均水平", avg_noun, n_all, units, n_above,
                     avg_v < 0 ? "好于" : "高于", avg_noun);
    if (declining > 0 && worst)
      t += fmt::format("，{}个同比下降，其中{}降幅最大（{}）", declining, b.NameOf(worst->keys[0]),
                       b.num.Percent(worst->m.growth_pct, false));
    t += "。";
  } else {
    if (!leaders.empty() && !all_grew)
      t = fmt::format("In {}, {} did better than the {} average of {}, with growth rates of {}{}.",
                      JoinList(areas, b.lang), JoinList(names, b.lang), avg_noun, avg_text,
                      JoinList(growths, b.lang), leaders.size() > 1 ? " respectively" : "");
    else if (!leaders.empty())
      t = fmt::format(
          "The report highlighted the accelerated development in {}, with {} experiencing "
          "particularly high import "
          "and export growth rates: {} of {}, outperforming the {} average growth rate of {}.",
          JoinList(areas, b.lang), JoinList(names, b.lang),
          leaders.size() > 1 ? "respective increases" : "an increase", JoinList(growths, b.lang),
          avg_noun, avg_text);
    else if (!r->rows.empty())
      t = fmt::format("The fastest growth was in {} ({}), against a {} average of {}.",
                      b.NameOf(r->rows[0].keys[0]), b.num.Percent(r->rows[0].m.growth_pct, true),
                      avg_noun, avg_text);
    t += fmt::format(" In all, {} of the {} {} {} the {} average", n_above, n_all, units,
                     avg_v < 0 ? "did better than" : "grew faster than", avg_noun);
    if (declining > 0 && worst)
      t += fmt::format(", while {} saw a decline, the largest in {} ({})", declining,
                       b.NameOf(worst->keys[0]), b.num.Percent(worst->m.growth_pct, true));
    t += ".";
    if (t[0] == ' ') t.erase(0, 1);
  }
  s.text = t;

  Table tab;
  tab.title = zh ? "各地区进出口（" + b.num.MoneyUnit() + "，按增速排序）"
                 : "Regions by growth (" + b.num.MoneyUnit() + ")";
  tab.headers = zh ? std::vector<std::string>{units, "板块", "本期", "同比", "占比"}
                   : std::vector<std::string>{"region", "sub-region", "value", "growth", "share"};
  tab.args = Builder::Args(q);
  Chart c;
  c.kind = Chart::Kind::kGrowthBars;
  c.title = zh ? "各" + units + "进出口增速（%）" : "Growth by region (%)";
  c.unit = "%";
  c.reference = avg_v;
  c.reference_label = avg_noun + " " + b.num.Percent(avg, true);
  c.series.resize(1);
  for (const query::ResultRow& row : r->rows) {
    std::string area;
    for (const std::string& g : b.spec.subregions)
      if (b.reference.ReporterWithin(row.keys[0].code, g)) {
        auto it = b.spec.subregion_names.find(g);
        area = it != b.spec.subregion_names.end() ? it->second.In(b.lang) : g;
      }
    const std::string name = row.keys[0].name.empty() ? row.keys[0].code : row.keys[0].name;
    tab.rows.push_back({name, area, b.num.MoneyNumber(row.m.value), b.num.Cell(row.m.growth_pct),
                        b.num.Percent(row.m.share_pct, false)});
    c.labels.push_back(b.NameOf(row.keys[0]));
    c.series[0].push_back(row.m.growth_pct.present ? row.m.growth_pct.value() : 0);
    c.value_labels.push_back(b.num.Percent(row.m.growth_pct, true));
  }
  s.tables.push_back(std::move(tab));
  s.charts.push_back(std::move(c));
  b.bulletin.sections.push_back(std::move(s));
  return core::Status::Ok();
}

}  // namespace tradestat::bulletin::internal
