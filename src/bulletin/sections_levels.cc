// bulletin/sections_levels.cc: the levels above and below the reporter (issue 10 item 7): its
// share of the benchmark and its rank among the benchmark's sub-units (a province in the nation, a
// prefecture in its province), and at national level the largest sub-units with their combined
// share. Each sentence is written only when the store holds the data it needs; every figure is a
// field of one `tradestat query`.
#include <fmt/format.h>

#include "bulletin/builder_internal.h"

namespace tradestat::bulletin::internal {
namespace {

std::string OrdinalEn(int n) {
  static const char* kWords[] = {"",      "first",   "second", "third", "fourth", "fifth",
                                 "sixth", "seventh", "eighth", "ninth", "tenth"};
  if (n >= 1 && n <= 10) return kWords[n];
  const int t = n % 100;
  const char* suffix = (t >= 11 && t <= 13) ? "th"
                       : n % 10 == 1        ? "st"
                       : n % 10 == 2        ? "nd"
                       : n % 10 == 3        ? "rd"
                                            : "th";
  return fmt::format("{}{}", n, suffix);
}

std::string CountZh(int n) {
  static const char* kWords[] = {"", "一", "两", "三", "四", "五", "六", "七", "八", "九", "十"};
  return n >= 1 && n <= 10 ? kWords[n] : std::to_string(n);
}

// "Guangdong accounted for 36.7% of the national total, ranking first among the 31 provinces,
// autonomous regions and municipalities." Needs the benchmark broken down by reporter with the
// reporter as one of its rows (e.g. --benchmark nation on a dataset by province).
core::Status ShareAndRank(Builder& b, Section& s, std::vector<std::string>& sentences) {
  if (b.benchmark.empty() || b.scope.empty()) return core::Status::Ok();
  const Builder::Level level = b.scope_level;
  if (level != Builder::Level::kProvince && level != Builder::Level::kPrefecture &&
      level != Builder::Level::kCounty)
    return core::Status::Ok();
  query::QueryRequest q;
  q.dataset = b.bench_dataset;
  q.reporter = b.bench_reporter;
  q.period = b.request.period;
  q.by = {"reporter"};
  q.lang = b.zh ? "zh" : "en";
  TRADESTAT_ASSIGN_OR_RETURN(const query::QueryResult* r, b.Run(q));
  const query::ResultRow* row = nullptr;
  for (const query::ResultRow& x : r->rows)
    if (!x.keys.empty() && x.keys[0].code == b.scope) row = &x;
  if (row == nullptr || r->rows.size() < 2 || row->m.value == 0 || !row->m.share_pct.present)
    return core::Status::Ok();
  const std::string field = fmt::format("rows[reporter={}]", b.scope);
  const std::string bnoun = b.BenchmarkNoun();
  const std::string units = b.UnitsNoun(level);
  const std::string share = b.AddPercent(
      s, "levels.share", b.zh ? "占" + bnoun + "比重" : "share of the " + bnoun + " total",
      row->m.share_pct, false, q, field + ".share_pct");
  b.AddCount(s, "levels.rank", b.zh ? "在" + bnoun + units + "中的位次" : "rank among the " + units,
             row->m.rank, q, field + ".rank");
  const std::string n = std::to_string(r->rows.size());
  const std::string name = b.ReporterName();
  if (b.zh)
    sentences.push_back(fmt::format("{}进出口占{}的{}，居{}{}个{}第{}位。", name, bnoun, share,
                                    bnoun, n, units, row->m.rank));
  else
    sentences.push_back(
        fmt::format("{} accounted for {} of the {} total, ranking {} among the {} {}.",
                    Capitalize(name), share, bnoun, OrdinalEn(row->m.rank), n, units));
  return core::Status::Ok();
}

// "Among the provinces, ..., Guangdong, Jiangsu and Zhejiang traded most, with X, Y and Z
// respectively, together 61.2% of the national total." National level only, with sub-units.
core::Status Leading(Builder& b, Section& s, std::vector<std::string>& sentences) {
  if (b.scope_level != Builder::Level::kCountry || b.spec.leading <= 0) return core::Status::Ok();
  if (b.sub_level != Builder::Level::kProvince && b.sub_level != Builder::Level::kPrefecture &&
      b.sub_level != Builder::Level::kCounty)
    return core::Status::Ok();
  query::QueryRequest q = b.Base();
  q.by = {"reporter"};
  q.top = b.spec.leading;
  TRADESTAT_ASSIGN_OR_RETURN(const query::QueryResult* r, b.Run(q));
  if (r->rows_total <= static_cast<size_t>(b.spec.leading))
    return core::Status::Ok();  // all of them: no "leading"
  std::vector<std::string> names, values, codes;
  for (size_t i = 0; i < r->rows.size(); ++i) {
    const query::ResultRow& row = r->rows[i];
    if (row.m.value <= 0) break;
    const std::string field = fmt::format("rows[reporter={}]", row.keys[0].code);
    names.push_back(b.NameOf(row.keys[0]));
    codes.push_back(row.keys[0].code);
    b.bulletin.figures.push_back(Figure{fmt::format("levels.leading.{}.code", i + 1), names.back(),
                                        "code", row.keys[0].code, names.back(), Builder::Args(q),
                                        field + ".reporter"});
    s.figures.push_back(b.bulletin.figures.back().id);
    values.push_back(b.AddMoney(s, fmt::format("levels.leading.{}.value", i + 1), names.back(),
                                row.m.value, q, field + ".value"));
  }
  if (names.size() < 2) return core::Status::Ok();
  query::QueryRequest qc = b.Base();
  std::string where = "reporter=";
  for (size_t i = 0; i < codes.size(); ++i) where += (i ? "," : "") + codes[i];
  qc.where = {where};
  TRADESTAT_ASSIGN_OR_RETURN(const query::QueryResult* c, b.Run(qc));
  const std::string avg = b.AverageNoun();
  const std::string units = b.SubUnitsNoun();
  const std::string share =
      b.AddPercent(s, "levels.leading_share", b.zh ? "合计占比" : "combined share",
                   c->total.m.share_pct, false, qc, "total.share_pct");
  if (b.zh)
    sentences.push_back(fmt::format("分{}看，{}进出口居前{}位，分别为{}，合计占{}进出口总值的{}。",
                                    units, JoinList(names, b.lang),
                                    CountZh(static_cast<int>(names.size())),
                                    JoinList(values, b.lang, true), avg, share));
  else
    sentences.push_back(fmt::format(
        "Among the {}, {} traded most, with {} respectively, together {} of the {} total.", units,
        JoinList(names, b.lang), JoinList(values, b.lang), share, avg));
  return core::Status::Ok();
}

}  // namespace

core::Status WriteLevels(Builder& b) {
  Section s;
  s.id = "levels";
  s.title = b.Title(s.id);
  std::vector<std::string> sentences;
  TRADESTAT_RETURN_IF_ERROR(ShareAndRank(b, s, sentences));
  TRADESTAT_RETURN_IF_ERROR(Leading(b, s, sentences));
  if (sentences.empty()) return core::Status::Ok();  // nothing the data can say: left out
  for (const std::string& x : sentences) s.text += (s.text.empty() || b.zh ? "" : " ") + x;
  b.bulletin.sections.push_back(std::move(s));
  return core::Status::Ok();
}

}  // namespace tradestat::bulletin::internal
