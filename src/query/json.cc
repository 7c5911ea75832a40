// query/json.cc: the query JSON's layout and key order; strings and exact money are written by
// core/json_writer.h (128-bit money as decimal text, never through a double).
#include "query/json.h"

#include <charconv>

#include <fmt/format.h>

#include "core/decimal.h"
#include "core/json_writer.h"
#include "query/measures.h"

namespace tradestat::query {
namespace {

std::string Quote(std::string_view s) { return core::JsonQuote(s); }

class Obj {
 public:
  explicit Obj(std::string* out, const char* sep = ",") : out_(out), sep_(sep) { *out_ += "{"; }
  void Key(std::string_view k) {
    *out_ += first_ ? "" : sep_;
    first_ = false;
    *out_ += Quote(k) + ":";
  }
  void Raw(std::string_view k, std::string_view raw) {
    Key(k);
    *out_ += raw;
  }
  void Str(std::string_view k, std::string_view v) { Raw(k, Quote(v)); }
  void Close() { *out_ += "}"; }

 private:
  std::string* out_;
  const char* sep_;
  bool first_ = true;
};

void WriteMeasures(Obj& o, const Measures& m, int scale, bool total, const QueryResult& r) {
  // Every key comes from the measure registry (query/measures.h), in its order.
  for (const MeasureDef& def : MeasureRegistry())
    if (MeasureApplies(def, r, total, MeasureWriter::kJson))
      o.Raw(def.key, MeasureJson(def.get(m, r), scale));
}

std::string RangeJson(const PeriodRange& p, const char* mode) {
  std::string out;
  Obj o(&out);
  if (mode) o.Str("mode", mode);
  o.Str("from", p.from.ToString());
  o.Str("to", p.to.ToString());
  o.Str("label", p.label);
  o.Close();
  return out;
}

std::string FiltersJson(const std::vector<FilterDesc>& filters) {
  std::string out = "[";
  for (size_t i = 0; i < filters.size(); ++i) {
    if (i) out += ",";
    Obj o(&out);
    o.Str("dim", filters[i].dim);
    std::string values = "[";
    for (size_t j = 0; j < filters[i].values.size(); ++j)
      values += (j ? "," : "") + Quote(filters[i].values[j]);
    o.Raw("values", values + "]");
    o.Close();
  }
  return out + "]";
}

std::string StringArray(const std::vector<std::string>& v) {
  std::string out = "[";
  for (size_t i = 0; i < v.size(); ++i) out += (i ? "," : "") + Quote(v[i]);
  return out + "]";
}

std::string ShareBaseJson(const ShareBase& b, int scale, bool with_filters) {
  std::string out;
  Obj o(&out);
  o.Str("description", b.description);
  if (with_filters) o.Raw("filters", FiltersJson(b.filters));
  o.Raw("value", MoneyText(b.value, scale));
  o.Raw("value_prev", b.value_prev ? MoneyText(*b.value_prev, scale) : "null");
  o.Close();
  return out;
}

}  // namespace

std::string MoneyText(__int128 minor_units, int scale) {
  return core::JsonExact(minor_units, scale);
}

std::string DerivedText(const Derived& d) { return d.present ? DoubleText(d.value()) : "null"; }

std::string DoubleText(double v) {
  char buf[64];
  auto res = std::to_chars(buf, buf + sizeof(buf), v);
  std::string s(buf, res.ptr);
  if (s == "-0") s = "0";
  return s;
}

std::string ToJson(const QueryResult& r) { return ToJson(r, JsonExtras{}); }

std::string ToJson(const QueryResult& r, const JsonExtras& extras) {
  const int scale = r.money_scale;
  std::string out;
  Obj o(&out, ",\n");
  o.Str("dataset", r.dataset);
  o.Raw("period", RangeJson(r.period, nullptr));
  o.Raw("compare", r.compare
                       ? RangeJson(*r.compare, std::string(CompareModeName(r.compare_mode)).c_str())
                       : "null");
  o.Raw("coverage", CoverageJson(r.coverage, r.period, r.compare));
  o.Str("currency", r.currency);
  if (!r.converted_from.empty()) {  // --currency conversion (docs/query.md "Currency conversion")
    o.Str("converted_from", r.converted_from);
    o.Str("rate_source", r.rate_source);
  }
  o.Str("flow", r.flow);
  {
    std::string scope;
    Obj s(&scope);
    s.Raw("reporter", r.reporter.empty() ? "null" : Quote(r.reporter));
    s.Raw("reporter_name", r.reporter.empty() ? "null" : Quote(r.reporter_name));
    s.Raw("filters", FiltersJson(r.filters));
    s.Raw("by", StringArray(r.by));
    s.Raw("units", StringArray(r.units));
    s.Close();
    o.Raw("scope", scope);
  }
  {
    std::string base;
    Obj s(&base);
    if (!r.by.empty()) s.Raw("rows", ShareBaseJson(r.rows_share_base, scale, true));
    s.Raw("total", ShareBaseJson(r.total_share_base, scale, false));
    s.Close();
    o.Raw("share_base", base);
  }
  if (r.benchmark) {
    std::string bench;
    Obj s(&bench);
    s.Str("dataset", r.benchmark->dataset);
    s.Raw("reporter", r.benchmark->reporter.empty() ? "null" : Quote(r.benchmark->reporter));
    s.Raw("value", MoneyText(r.benchmark->value, scale));
    s.Raw("value_prev",
          r.benchmark->value_prev ? MoneyText(*r.benchmark->value_prev, scale) : "null");
    s.Raw("growth_pct", DerivedText(r.benchmark->growth_pct));
    s.Close();
    o.Raw("benchmark", bench);
  } else {
    o.Raw("benchmark", "null");
  }
  if (r.series) {
    std::string series;
    Obj s(&series);
    s.Str("step", r.series->year_steps ? "year" : "month");
    s.Raw("steps", std::to_string(r.series->steps));
    s.Raw("complete", r.series->incomplete.empty() ? "true" : "false");
    s.Raw("incomplete", StringArray(r.series->incomplete));
    s.Close();
    o.Raw("series", series);
  }
  o.Str("sort", r.sort);
  o.Raw("top", r.top > 0 ? std::to_string(r.top) : "null");
  o.Raw("rows_total", std::to_string(r.rows_total));
  {
    std::string years = "[";
    for (size_t i = 0; i < r.record_years.size(); ++i)
      years += (i ? "," : "") + std::to_string(r.record_years[i]);
    o.Raw("record_years", years + "]");
  }
  o.Key("rows");
  out += "[";
  for (size_t i = 0; i < r.rows.size(); ++i) {
    out += i ? ",\n " : "\n ";
    const ResultRow& row = r.rows[i];
    Obj ro(&out);
    std::string name;
    for (const KeyPart& k : row.keys) {
      ro.Str(k.dim, k.code);
      if (!name.empty()) name += " / ";
      name += k.name.empty() ? k.code : k.name;
    }
    ro.Str("name", name);
    if (row.keys.size() > 1)
      for (const KeyPart& k : row.keys) ro.Str(k.dim + "_name", k.name);
    for (const KeyPart& k : row.keys)
      if (k.unit) ro.Raw("unit", "true");
    WriteMeasures(ro, row.m, scale, false, r);
    if (extras.row_display) ro.Raw("display", extras.row_display(r, &row));
    ro.Close();
  }
  out += r.rows.empty() ? "]" : "\n]";
  {
    std::string total;
    Obj t(&total);
    WriteMeasures(t, r.total.m, scale, true, r);
    if (extras.row_display) t.Raw("display", extras.row_display(r, nullptr));
    t.Close();
    o.Raw("total", total);
  }
  if (extras.result_display) o.Raw("display", extras.result_display(r));
  o.Close();
  out += "\n";
  return out;
}

}  // namespace tradestat::query
