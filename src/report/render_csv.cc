// report/render_csv.cc: exact CSV (money in currency units as decimal text, percentages unrounded).
#include "query/json.h"
#include "query/measures.h"
#include "report/table.h"

namespace tradestat::report {
namespace {

std::string Field(const std::string& s) {
  if (s.find_first_of(",\"\n\r") == std::string::npos) return s;
  std::string o = "\"";
  for (char c : s) o += c == '"' ? std::string("\"\"") : std::string(1, c);
  return o + "\"";
}

}  // namespace

std::string RenderCsv(const query::QueryResult& r) {
  using query::MeasureRegistry;
  const int scale = r.money_scale;
  std::vector<const query::MeasureDef*> cols;  // every applicable registered measure
  for (const auto& def : MeasureRegistry())
    if (query::MeasureApplies(def, r, false, query::MeasureWriter::kCsv)) cols.push_back(&def);
  std::string out;
  for (const auto& b : r.by) out += Field(b) + ",";
  out += "name";
  for (const auto* def : cols) out += "," + std::string(def->key);
  out += "\n";
  auto line = [&](const std::vector<std::string>& keys, const std::string& name,
                  const query::Measures& m, bool total) {
    for (const auto& k : keys) out += Field(k) + ",";
    out += Field(name);
    for (const auto* def : cols) {
      out += ",";
      bool here = (def->scope != query::MeasureScope::kRowsOnly || !total) &&
                  (def->scope != query::MeasureScope::kTotalOnly || total);
      if (here) out += Field(query::MeasureCsv(def->get(m, r), scale));
    }
    out += "\n";
  };
  for (const auto& row : r.rows) {
    std::vector<std::string> keys;
    std::string name;
    for (const auto& k : row.keys) {
      keys.push_back(k.code);
      if (!name.empty()) name += " / ";
      name += k.name.empty() ? k.code : k.name;
    }
    line(keys, name, row.m, false);
  }
  line(std::vector<std::string>(r.by.size()), "TOTAL", r.total.m, true);
  return out;
}

}  // namespace tradestat::report
