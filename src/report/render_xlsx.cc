// report/render_xlsx.cc: a real spreadsheet via libxlsxwriter: money as numbers in currency
// units, percentages as fractions with a percent format, one header row, a notes sheet.
#include <xlsxwriter.h>

#include <fmt/format.h>

#include "query/measures.h"
#include "report/table.h"

namespace tradestat::report {

core::Status WriteXlsx(const query::QueryResult& r, const std::string& path) {
  lxw_workbook* wb = workbook_new(path.c_str());
  if (!wb) return core::Status::Io(fmt::format("--out {}: cannot create the workbook", path));
  lxw_worksheet* ws = workbook_add_worksheet(wb, "query");
  lxw_format* bold = workbook_add_format(wb);
  format_set_bold(bold);
  lxw_format* money = workbook_add_format(wb);
  format_set_num_format(money, "#,##0.00");
  lxw_format* pct = workbook_add_format(wb);
  format_set_num_format(pct, "0.0%");
  lxw_format* pp = workbook_add_format(wb);
  format_set_num_format(pp, "0.0");
  double unit = 1;
  for (int i = 0; i < r.money_scale; ++i) unit *= 10;

  std::vector<const query::MeasureDef*> cols;  // every applicable registered measure
  for (const auto& def : query::MeasureRegistry())
    if (query::MeasureApplies(def, r, false, query::MeasureWriter::kCsv)) cols.push_back(&def);
  std::vector<std::string> headers = r.by;
  headers.push_back("name");
  for (const auto* def : cols) headers.emplace_back(def->key);
  for (size_t c = 0; c < headers.size(); ++c) worksheet_write_string(ws, 0, static_cast<lxw_col_t>(c), headers[c].c_str(), bold);

  auto write_row = [&](lxw_row_t row, const std::vector<std::string>& keys, const std::string& name,
                       const query::Measures& m, bool total) {
    lxw_col_t c = 0;
    for (const auto& k : keys) worksheet_write_string(ws, row, c++, k.c_str(), nullptr);
    worksheet_write_string(ws, row, c++, name.c_str(), total ? bold : nullptr);
    using K = query::MeasureKind;
    using T = query::MeasureValue::Type;
    for (const auto* def : cols) {
      const lxw_col_t col = c++;
      if ((def->scope == query::MeasureScope::kRowsOnly && total) ||
          (def->scope == query::MeasureScope::kTotalOnly && !total))
        continue;
      query::MeasureValue v = def->get(m, r);
      if (v.type == T::kNull) continue;
      if (v.type == T::kText) {
        worksheet_write_string(ws, row, col, v.text.c_str(), nullptr);
      } else if (v.type == T::kBool) {
        worksheet_write_boolean(ws, row, col, v.flag, nullptr);
      } else if (v.type == T::kMoney) {
        worksheet_write_number(ws, row, col, static_cast<double>(static_cast<long double>(v.exact) / unit), money);
      } else if (v.type == T::kQuantity) {
        worksheet_write_number(ws, row, col, static_cast<double>(static_cast<long double>(v.exact) / 1000), money);
      } else if (v.type == T::kDerived) {
        const bool percent = def->kind == K::kGrowthPct || def->kind == K::kSharePct;
        worksheet_write_number(ws, row, col, v.derived.value() / (percent ? 100 : 1),
                               percent ? pct : def->kind == K::kPoints ? pp : money);
      } else {
        worksheet_write_number(ws, row, col, static_cast<double>(v.integer), nullptr);
      }
    }
  };
  lxw_row_t row = 1;
  for (const auto& rr : r.rows) {
    std::vector<std::string> keys;
    std::string name;
    for (const auto& k : rr.keys) {
      keys.push_back(k.code);
      if (!name.empty()) name += " / ";
      name += k.name.empty() ? k.code : k.name;
    }
    write_row(row++, keys, name, rr.m, false);
  }
  write_row(row, std::vector<std::string>(r.by.size()), "TOTAL", r.total.m, true);
  worksheet_set_column(ws, 0, static_cast<lxw_col_t>(headers.size()), 14, nullptr);

  lxw_worksheet* notes = workbook_add_worksheet(wb, "about");
  Table t = QueryTable(r);
  worksheet_write_string(notes, 0, 0, t.title.c_str(), bold);
  for (size_t i = 0; i < t.notes.size(); ++i)
    worksheet_write_string(notes, static_cast<lxw_row_t>(i + 1), 0, t.notes[i].c_str(), nullptr);
  lxw_error err = workbook_close(wb);
  if (err != LXW_NO_ERROR)
    return core::Status::Io(fmt::format("--out {}: {}", path, lxw_strerror(err)));
  return core::Status::Ok();
}

}  // namespace tradestat::report
