// ingest/formats/cn_customs.cc: China customs statistics query-platform exports
// (stats.customs.gov.cn).
//
// GBK/GB18030 (UTF-8 accepted), all fields quoted, "1,234" thousands separators, a trailing
// empty column, "?" for missing. Columns by their Chinese names; the month (数据年月) and the
// flow may be absent and then come from --period / --flow. Reporter is China (CHN), or the
// registration place (注册地编码) mapped to a GB/T 2260 code where the file has it.
#include <fmt/format.h>

#include "core/strings.h"
#include "ingest/formats/encoding.h"
#include "ingest/formats/reader_util.h"
#include "ingest/formats/source_table.h"

namespace tradestat::ingest {

using core::Status;
using namespace formats_internal;

namespace {

// Units of the platform (第一/第二计量单位) -> short codes of the canonical `unit` column.
struct UnitName {
  std::string_view zh, code;
};
constexpr UnitName kUnits[] = {
    {"千克", "KG"},   {"克", "G"},    {"吨", "T"},    {"个", "PCS"},    {"件", "PCS"},
    {"只", "PCS"},    {"台", "SET"},  {"套", "SET"},  {"辆", "VEH"},    {"架", "UNIT"},
    {"艘", "UNIT"},   {"升", "L"},    {"千升", "KL"}, {"米", "M"},      {"平方米", "M2"},
    {"立方米", "M3"}, {"对", "PAIR"}, {"双", "PAIR"}, {"条", "PCS"},    {"张", "PCS"},
    {"头", "HEAD"},   {"千瓦", "KW"}, {"克拉", "CT"}, {"千个", "KPCS"}, {"卷", "ROLL"},
    {"块", "PCS"},    {"根", "PCS"},  {"副", "PAIR"}, {"片", "PCS"},    {"支", "PCS"},
};

std::string_view UnitCode(std::string_view zh) {
  for (const auto& u : kUnits)
    if (u.zh == zh) return u.code;
  return {};
}

// 注册地编码: 2 digits = province, 4 = prefecture, 5 = customs' domestic region code (first four
// digits are the GB/T 2260 prefecture), 6 = a GB/T 2260 code already.
std::string RegionToGbt2260(std::string_view code) {
  if (!core::IsDigits(code)) return std::string(code);
  switch (code.size()) {
    case 2: return std::string(code) + "0000";
    case 4: return std::string(code) + "00";
    case 5: return std::string(code.substr(0, 4)) + "00";
    default: return std::string(code);
  }
}

}  // namespace

Status ReadCnCustoms(CsvReader& reader, const std::vector<std::string_view>& header,
                     const std::string& file, const FormatOptions& options,
                     const refdata::Reference& ref, SourceTable* table, ProblemList* problems) {
  std::vector<std::string> h = NormalizeHeader(header, /*chinese=*/true);
  bool utf8 = true;
  for (auto n : header) utf8 &= IsValidUtf8(n);
  table->layout = "cn-customs";
  table->encoding = utf8 ? "UTF-8" : "GB18030";

  const int c_period = FindColumn(h, {"数据年月", "年月", "日期"});
  const int c_cmd = FindColumn(h, {"商品编码", "编码"});
  const int c_par = FindColumn(h, {"贸易伙伴编码", "国别编码", "国家编码"});
  const int c_par_name = FindColumn(h, {"贸易伙伴名称", "国别名称", "国家名称"});
  const int c_mode = FindColumn(h, {"贸易方式编码"});
  const int c_region = FindColumn(h, {"注册地编码", "收发货人注册地编码"});
  const int c_qty = FindColumn(h, {"第一数量"});
  const int c_unit = FindColumn(h, {"第一计量单位"});
  const int c_flow = FindColumn(h, {"进出口", "进出口标志", "贸易流向", "流向"});
  const int c_cny = FindColumn(h, {"人民币", "人民币(元)", "人民币（元）", "金额(人民币)"});
  const int c_usd = FindColumn(h, {"美元", "美元(元)", "美元（元）", "金额(美元)"});

  auto expected =
      "数据年月,商品编码,商品名称,贸易伙伴编码,贸易伙伴名称,...,第一数量,第一计量单位,...,人民币 "
      "(or 美元)";
  if (c_cmd < 0)
    return Status::Parse(
        fmt::format("{}:1: China customs file without a 商品编码 (commodity code) column; "
                    "expected a header like {}",
                    file, expected));
  if (c_par < 0 && c_par_name < 0)
    return Status::Parse(
        fmt::format("{}:1: China customs file without a 贸易伙伴编码 (partner code) column; "
                    "expected a header like {}",
                    file, expected));
  if (c_cny < 0 && c_usd < 0)
    return Status::Parse(
        fmt::format("{}:1: China customs file without a value column 人民币 (CNY) or 美元 "
                    "(USD); expected a header like {}",
                    file, expected));
  if (c_period < 0 && options.period.empty())
    return Status::InvalidArgument(
        fmt::format("{}:1: the file has no 数据年月 (month) column; give the period it covers with "
                    "--period YYYY-MM "
                    "(or YYYY)",
                    file));
  std::string flow_opt;
  if (!options.flow.empty()) {
    // X or M, or an "of which" flow (RX re-exports, DX domestic exports ...): its own flow, never
    // in X/M.
    if (auto f = store::FlowFromText(options.flow))
      flow_opt = std::string(store::FlowCode(*f));
    else
      return Status::InvalidArgument(
          fmt::format("--flow: \"{}\" is not a flow; expected X or M (or an \"of which\" flow: {})",
                      options.flow, store::FlowCodeList().substr(6)));
  }
  if (c_flow < 0 && flow_opt.empty())
    return Status::InvalidArgument(
        fmt::format("{}:1: the file has no flow column (进出口); say whether it holds imports or "
                    "exports with --flow M "
                    "or --flow X",
                    file));

  std::vector<std::string> shown;
  for (auto n : header) shown.push_back(ToUtf8(core::Trim(n), true));
  auto name = [&](int c) { return c >= 0 ? shown[c] : std::string(); };
  table->names = {c_period >= 0 ? name(c_period) : "--period",
                  c_flow >= 0 ? name(c_flow) : "--flow",
                  c_region >= 0 ? name(c_region) : "reporter",
                  name(c_par >= 0 ? c_par : c_par_name),
                  name(c_cmd),
                  name(c_mode),
                  "",
                  c_qty >= 0 && c_unit >= 0 ? name(c_qty) : "",
                  c_qty >= 0 && c_unit >= 0 ? name(c_unit) : ""};
  if (c_cny >= 0) {
    table->currencies.push_back("CNY");
    table->value_names.push_back(name(c_cny));
  }
  if (c_usd >= 0) {
    table->currencies.push_back("USD");
    table->value_names.push_back(name(c_usd));
  }
  const std::string world =
      ref.PartnerFromComtradeCode("0").ok() ? *ref.PartnerFromComtradeCode("0") : "WLD";

  std::vector<std::string_view> f;
  for (;;) {
    TRADESTAT_ASSIGN_OR_RETURN(bool more,
                               NextSourceRecord(reader, header.size(), file, &f, table, problems));
    if (!more) break;
    const SourceRecord rec{f, reader};
    SourceRow row;
    row.line = reader.line();
    bool ok = true;
    auto fail = [&](int c, std::string_view what, std::string_view value) {
      ok = false;
      AddProblem(problems, file, reader, c, name(c), what, ToUtf8(value, true));
    };

    if (c_period >= 0) {
      std::string p(rec.At(c_period));
      // 2023年01月 / 2023-01 / 202301
      std::string digits;
      for (char ch : p)
        if (ch >= '0' && ch <= '9') digits.push_back(ch);
      row.field[0] = digits.size() == 6 || digits.size() == 4 ? digits : p;
      row.column[0] = rec.Column(c_period);
    } else {
      row.field[0] = options.period;
    }

    if (c_flow >= 0) {
      std::string fl = ToUtf8(rec.At(c_flow), true);
      row.field[1] = fl;  // 进口/出口, import/export: RowConverter validates
      row.column[1] = rec.Column(c_flow);
    } else {
      row.field[1] = flow_opt;
    }

    if (c_region >= 0 && !rec.At(c_region).empty() && rec.At(c_region) != "?") {
      row.field[2] = RegionToGbt2260(rec.At(c_region));
      row.column[2] = rec.Column(c_region);
    } else {
      row.field[2] = "CHN";
    }

    std::string par_name = c_par_name >= 0 ? ToUtf8(rec.At(c_par_name), true) : std::string();
    std::string_view par = rec.At(c_par);
    row.partner_world =
        par_name == "总值" || par_name == "合计" || par_name == "全球" || par_name == "世界";
    if (row.partner_world) {
      row.field[3] = world;
    } else if (!par.empty() && par != "?") {
      auto r = ref.PartnerFromCustomsCode(par);
      if (r.ok())
        row.field[3] = *r;
      else
        fail(c_par, fmt::format("not a China customs partner code ({})", r.status().message()),
             par);
    } else {
      auto r = ref.NormalizePartner(par_name);
      if (r.ok())
        row.field[3] = *r;
      else
        fail(c_par_name >= 0 ? c_par_name : c_par,
             "no partner code and the name is not a known country", par_name);
    }
    row.column[3] = rec.Column(c_par >= 0 ? c_par : c_par_name);

    std::string cmd = ToUtf8(rec.At(c_cmd), true);
    row.commodity_total = cmd == "总值" || cmd == "合计" || core::ToUpper(cmd) == "TOTAL";
    row.field[4] = row.commodity_total ? "00" : cmd;
    row.column[4] = rec.Column(c_cmd);

    if (c_mode >= 0 && rec.At(c_mode) != "?") {
      row.field[5] = std::string(rec.At(c_mode));
      row.column[5] = rec.Column(c_mode);
    }

    if (c_qty >= 0 && c_unit >= 0) {
      std::string q, why;
      if (!NormalizeQuantity(rec.At(c_qty), true, &q, &why)) fail(c_qty, why, rec.At(c_qty));
      std::string unit = ToUtf8(rec.At(c_unit), true);
      std::string_view code = UnitCode(unit);
      if (!q.empty() && code.empty() && unit != "?" && !unit.empty()) {
        bool ascii = true;
        for (unsigned char ch : unit) ascii &= ch < 0x80;
        if (!ascii)
          fail(c_unit,
               "unknown unit of quantity; expected 千克, 吨, 个, 台, 升 ... (see "
               "docs/formats/inputs.md)",
               unit);
        else
          code = unit;
      }
      if (code.empty()) q.clear();  // a quantity without a unit is not stored
      row.field[7] = q;
      row.column[7] = rec.Column(c_qty);
      row.field[8] = q.empty() ? std::string() : std::string(code);
      row.column[8] = rec.Column(c_unit);
    }

    for (int c : {c_cny, c_usd}) {
      if (c < 0) continue;
      std::string value, why;
      int64_t minor = 0;
      if (rec.At(c) == "?" || rec.At(c).empty()) {
        fail(c,
             "missing value (\"?\" or empty); the platform suppressed it, so the row cannot be "
             "loaded",
             rec.At(c));
      } else if (!NormalizeMoney(rec.At(c), /*thousands=*/true, table, reader.line(), rec.Column(c),
                                 &value, &why)) {
        fail(c, why, rec.At(c));
      } else if (core::ParseScaled(value, table->money_scale, &minor) != core::DecimalError::kOk) {
        fail(c, "too large for a money amount", rec.At(c));
      }
      row.value.push_back(value);
      row.value_column.push_back(rec.Column(c));
      row.minor.push_back(minor);
    }
    if (ok) table->rows.push_back(std::move(row));
  }
  return Status::Ok();
}

}  // namespace tradestat::ingest
