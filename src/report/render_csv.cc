// report/render_csv.cc: exact CSV (money in currency units as decimal text, percentages unrounded).
#include "query/json.h"
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
  const int scale = r.money_scale;
  auto money = [&](std::optional<__int128> v) { return v ? query::MoneyText(*v, scale) : std::string(); };
  auto derived = [](const query::Derived& d) { return d.present ? query::DoubleText(d.value()) : std::string(); };
  std::string out;
  for (const auto& b : r.by) out += Field(b) + ",";
  out += "name,value,value_prev,growth_pct,share_pct,contribution_pp,rank,exports,imports,balance,partners,"
         "record,record_since,vs_benchmark_pp\n";
  auto line = [&](const std::vector<std::string>& keys, const std::string& name, const query::Measures& m, bool total) {
    for (const auto& k : keys) out += Field(k) + ",";
    out += Field(name) + "," + money(m.value) + "," + money(m.value_prev) + "," + derived(m.growth_pct) + "," +
           derived(m.share_pct) + "," + derived(m.contribution_pp) + "," + (total ? "" : std::to_string(m.rank)) +
           "," + money(m.exports) + "," + money(m.imports) + "," + money(m.balance) + "," +
           (m.partners ? std::to_string(*m.partners) : "") + "," +
           (m.record ? (*m.record ? "true" : "false") : "") + "," +
           (m.record_since ? std::to_string(*m.record_since) : "") + "," + derived(m.vs_benchmark_pp) + "\n";
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
