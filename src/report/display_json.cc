// report/display_json.cc: the "display" objects of the query JSON (shape in display_json.h).
#include "report/display_json.h"

#include <fmt/format.h>

#include "core/json_writer.h"
#include "query/json.h"
#include "query/measures.h"
#include "report/display.h"

namespace tradestat::report {
namespace {

// Strings escaped as every JSON writer of ours does (core/json_writer.h).
std::string Quote(const std::string& s) { return core::JsonQuote(s); }

std::string OrNull(const std::string& text) { return text.empty() ? "null" : Quote(text); }

// The scale of the money cells: that of the largest |value| of the rows, else of the total.
display::Scale ResultScale(const query::QueryResult& r) {
  __int128 largest = 0;
  auto consider = [&](__int128 v) { largest = std::max(largest, v < 0 ? -v : v); };
  for (const query::ResultRow& row : r.rows) consider(row.m.value);
  if (r.rows.empty()) consider(r.total.m.value);
  return display::ScaleFor(largest, r.money_scale);
}

display::Style StyleOf(const query::QueryResult& r) {
  display::Style s;
  s.lang = r.lang;
  s.currency = r.currency;
  s.money_scale = r.money_scale;
  return s;
}

std::string Cell(const query::MeasureDef& def, const query::MeasureValue& v,
                 const query::QueryResult& r, const query::Measures& m, display::Scale scale) {
  if (v.type == query::MeasureValue::Type::kNull) return "";
  // Money in the result's one unit (a column of figures); every other kind as any table cell.
  if (def.kind == query::MeasureKind::kMoney) {
    display::Style s = StyleOf(r);
    s.trim_zeros = false;  // a column: fixed decimals
    return display::Grouped(display::MoneyNumber(v.exact, s, scale));
  }
  return display::MeasureCell(def, v, r.money_scale, r.currency, m.unit, r.lang);
}

std::string RowDisplay(const query::QueryResult& r, const query::ResultRow* row) {
  const bool total = row == nullptr;
  const query::Measures& m = total ? r.total.m : row->m;
  const display::Scale scale = ResultScale(r);
  std::string out = "{";
  bool growth = false;
  for (const query::MeasureDef& def : query::MeasureRegistry()) {
    if (!query::MeasureApplies(def, r, total, query::MeasureWriter::kJson)) continue;
    if (def.key == "growth_pct") growth = true;
    out += fmt::format("{}{}:{}", out.size() > 1 ? "," : "", Quote(std::string(def.key)),
                       OrNull(Cell(def, def.get(m, r), r, m, scale)));
  }
  out += fmt::format("{}\"value_text\":{}", out.size() > 1 ? "," : "",
                     Quote(display::Money(m.value, StyleOf(r))));
  if (growth)
    out += fmt::format(",\"growth_text\":{}", OrNull(display::GrowthText(m.growth_pct, r.lang)));
  return out + "}";
}

std::string ResultDisplay(const query::QueryResult& r) {
  const display::Scale scale = ResultScale(r);
  return fmt::format(
      "{{\"lang\":{},\"scale\":{},\"unit\":{}}}", Quote(r.lang == query::Lang::kZh ? "zh" : "en"),
      Quote(display::ScaleName(scale)), Quote(display::MoneyUnit(scale, StyleOf(r))));
}

}  // namespace

std::string ToJsonWithDisplay(const query::QueryResult& result) {
  query::JsonExtras extras;
  extras.row_display = RowDisplay;
  extras.result_display = ResultDisplay;
  return query::ToJson(result, extras);
}

}  // namespace tradestat::report
