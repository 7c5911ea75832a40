// ingest/formats/source_table.cc: format names, detection, the synthetic binding, shared helpers.
#include "ingest/formats/source_table.h"

#include <fmt/format.h>

#include "core/decimal.h"
#include "core/strings.h"
#include "ingest/formats/encoding.h"
#include "ingest/formats/reader_util.h"
#include "store/types.h"

namespace tradestat::ingest {

using core::Result;
using core::Status;

Result<InputFormat> ParseInputFormat(std::string_view text) {
  std::string t = core::ToLower(core::Trim(text));
  if (t == "auto") return InputFormat::kAuto;
  if (t == "canonical") return InputFormat::kCanonical;
  if (t == "comtrade") return InputFormat::kComtrade;
  if (t == "cn-customs" || t == "cn_customs") return InputFormat::kCnCustoms;
  if (t == "comext") return InputFormat::kComext;
  if (t == "wits") return InputFormat::kWits;
  return Status::InvalidArgument(
      fmt::format("--format: unknown format \"{}\"; expected auto, canonical, comtrade, "
                  "cn-customs, comext or wits",
                  text));
}

std::string_view InputFormatName(InputFormat format) {
  switch (format) {
    case InputFormat::kAuto: return "auto";
    case InputFormat::kCanonical: return "canonical";
    case InputFormat::kComtrade: return "comtrade";
    case InputFormat::kCnCustoms: return "cn-customs";
    case InputFormat::kComext: return "comext";
    case InputFormat::kWits: return "wits";
  }
  return "?";
}

std::string_view RowRoleName(RowRole role) {
  switch (role) {
    case RowRole::kCounted: return "counted";
    case RowRole::kPartnerTotal: return "partner_total";
    case RowRole::kCommodityTotal: return "commodity_total";
    case RowRole::kBreakdown: return "breakdown";
    case RowRole::kSubFlow: return "sub_flow";
    case RowRole::kResidual: return "residual";
  }
  return "?";
}

ColumnBinding SourceTable::Binding() const {
  ColumnBinding b;
  b.column_count = kSlotCount + currencies.size();
  for (int i = 0; i < kSlotCount; ++i) b.index[i] = names[i].empty() ? -1 : i;
  b.currencies = currencies;
  for (size_t c = 0; c < currencies.size(); ++c)
    b.value_index.push_back(kSlotCount + static_cast<int>(c));
  b.names.assign(names.begin(), names.end());
  for (const auto& n : value_names) b.names.push_back(n);
  return b;
}

std::vector<std::pair<std::string, uint64_t>> SourceTable::Counts() const {
  uint64_t by_role[kRoleCount] = {};
  for (const auto& r : rows) ++by_role[static_cast<int>(r.role)];
  std::vector<std::pair<std::string, uint64_t>> out;
  out.emplace_back("data_rows", data_rows);
  for (int i = 0; i < kRoleCount; ++i)
    out.emplace_back(std::string(RowRoleName(static_cast<RowRole>(i))), by_role[i]);
  uint64_t accounted = rows.size() + merged_rows + not_available;
  uint64_t in = data_rows + by_role[static_cast<int>(RowRole::kResidual)];
  out.emplace_back("rejected", in > accounted ? in - accounted : 0);
  uint64_t mismatches = 0;
  for (const auto& w : warnings) mismatches += w.find("differs from the sum") != std::string::npos;
  out.emplace_back("aggregate_mismatches", mismatches);
  out.emplace_back("rounding_differences", rounding_differences);
  if (unknown_partner_rows > 0) out.emplace_back("unknown_partner", unknown_partner_rows);
  if (scientific_values > 0) out.emplace_back("scientific_notation", scientific_values);
  if (merged_rows > 0) out.emplace_back("merged", merged_rows);
  if (not_available > 0) out.emplace_back("not_available", not_available);
  // "Of which" flows (RX, DX, ...): stored as their own flows, never in X or M.
  uint64_t of_which = 0;
  for (const auto& r : rows) of_which += IsStored(r.role) && r.field[1] != "X" && r.field[1] != "M";
  if (of_which > 0) out.emplace_back("of_which", of_which);
  return out;
}

InputFormat DetectFormat(const std::vector<std::string_view>& header) {
  auto names = formats_internal::NormalizeHeader(header, /*chinese=*/true);
  auto has = [&](std::string_view n) { return formats_internal::FindColumn(names, {n}) >= 0; };
  if (has("primaryvalue") || has("cmdcode") || (has("reporter code") && has("commodity code")) ||
      has("trade value (us$)"))
    return InputFormat::kComtrade;
  if (has("商品编码") && (has("贸易伙伴编码") || has("贸易伙伴名称")))
    return InputFormat::kCnCustoms;
  // Eurostat Comext: SDMX-CSV (labels "freq:Time frequency" allowed) or the bulk full files.
  bool dataflow = false, obs_value = false;
  for (const auto& n : names) {
    std::string_view code = std::string_view(n).substr(0, n.find(':'));
    dataflow |= code == "dataflow";
    obs_value |= code == "obs_value";
  }
  if (dataflow && obs_value) return InputFormat::kComext;
  if (has("product_nc") && (has("declarant") || has("declarant_iso") || has("reporter")))
    return InputFormat::kComext;
  if (has("tradevalue in 1000 usd") || (has("reporteriso3") && has("productcode")))
    return InputFormat::kWits;
  return InputFormat::kCanonical;
}

namespace formats_internal {

std::vector<std::string> NormalizeHeader(const std::vector<std::string_view>& header,
                                         bool chinese) {
  std::vector<std::string> out;
  for (auto h : header) out.push_back(core::ToLower(core::Trim(ToUtf8(core::Trim(h), chinese))));
  return out;
}

int FindColumn(const std::vector<std::string>& header,
               std::initializer_list<std::string_view> names) {
  for (auto n : names)
    for (size_t i = 0; i < header.size(); ++i)
      if (header[i] == n) return static_cast<int>(i);
  return -1;
}

namespace {

// Removes thousands separators, checking the groups ("1,234,567" yes, "12,34" no).
bool StripThousands(std::string_view s, std::string* out) {
  out->clear();
  size_t dot = s.find('.');
  std::string_view whole = s.substr(0, dot);
  if (whole.find(',') != std::string_view::npos) {
    size_t first = whole.find(',');
    if (first == 0 || first > 3) return false;
    for (size_t i = first; i < whole.size(); i += 4)
      if (whole[i] != ',' || i + 4 > whole.size() || (i + 4 < whole.size() && whole[i + 4] != ','))
        return false;
  }
  for (char c : whole)
    if (c != ',') out->push_back(c);
  if (dot != std::string_view::npos) out->append(s.substr(dot));
  return true;
}

bool Normalize(std::string_view raw, bool thousands, int scale, std::string* out,
               std::string* why) {
  std::string_view s = core::Trim(raw);
  std::string digits;
  if (thousands) {
    if (!StripThousands(s, &digits)) {
      *why = "thousands separators not in groups of three";
      return false;
    }
  } else {
    digits.assign(s);
  }
  if (digits.empty()) {
    *why = "empty; a number is required";
    return false;
  }
  if (digits[0] == '-') {
    *why = "negative; values must be >= 0";
    return false;
  }
  size_t dot = digits.find('.');
  std::string_view whole = std::string_view(digits).substr(0, dot);
  std::string_view frac =
      dot == std::string::npos ? std::string_view() : std::string_view(digits).substr(dot + 1);
  if (whole.empty() || !core::IsDigits(whole) || (!frac.empty() && !core::IsDigits(frac)) ||
      (dot != std::string::npos && frac.empty())) {
    *why = "not a number";
    return false;
  }
  if (frac.size() <= static_cast<size_t>(scale)) {
    *out = digits;
    return true;
  }
  // Round half away from zero to `scale` decimals (Comtrade Plus gives up to 3 decimals of US$).
  std::string kept = std::string(whole) + std::string(frac.substr(0, scale));
  bool up = frac[scale] >= '5';
  if (up) {
    int i = static_cast<int>(kept.size()) - 1;
    while (i >= 0 && kept[i] == '9') kept[i--] = '0';
    if (i < 0)
      kept.insert(kept.begin(), '1');
    else
      ++kept[i];
  }
  size_t whole_len = kept.size() - static_cast<size_t>(scale);
  *out = scale == 0 ? kept : kept.substr(0, whole_len) + "." + kept.substr(whole_len);
  return true;
}

}  // namespace

bool NormalizeMoney(std::string_view raw, bool thousands, SourceTable* table, uint64_t line,
                    uint32_t column, std::string* out, std::string* why) {
  std::string exact;
  if (!Normalize(raw, thousands, 64, &exact, why)) return false;  // 64: never rounds
  const size_t dot = exact.find('.');
  const size_t last = exact.find_last_not_of('0');
  const int decimals = dot == std::string::npos || last <= dot ? 0 : static_cast<int>(last - dot);
  if (decimals > table->money_scale && decimals > table->money_decimals) {
    if (table->money_decimals <= table->money_scale) {
      table->money_decimals_line = line;
      table->money_decimals_column = column;
      table->money_decimals_text = std::string(core::Trim(raw));
    }
    table->money_decimals = decimals;
  }
  return Normalize(exact, false, table->money_scale, out, why);
}

bool NormalizeQuantity(std::string_view raw, bool thousands, std::string* out, std::string* why) {
  std::string_view s = core::Trim(raw);
  if (s.empty() || s == "?") {
    out->clear();
    return true;
  }
  return Normalize(s, thousands, store::kQuantityScale, out, why);
}

std::string ShiftDecimal(std::string_view text, int places) {
  std::string_view t = core::Trim(text);
  size_t dot = t.find('.');
  std::string whole(t.substr(0, dot)), frac(dot == std::string_view::npos ? "" : t.substr(dot + 1));
  if (whole.empty() || !core::IsDigits(whole) || (!frac.empty() && !core::IsDigits(frac)) ||
      (dot != std::string_view::npos && frac.empty()))
    return std::string(t);
  while (static_cast<int>(frac.size()) < places) frac.push_back('0');
  whole += frac.substr(0, static_cast<size_t>(places));
  frac = frac.substr(static_cast<size_t>(places));
  size_t nz = whole.find_first_not_of('0');
  whole = nz == std::string::npos ? "0" : whole.substr(nz);
  return frac.empty() ? whole : whole + "." + frac;
}

void AddProblem(ProblemList* problems, const std::string& file, const CsvReader& reader, int index,
                std::string_view column_name, std::string_view what, std::string_view value) {
  problems->Add(
      {file, reader.line(), index >= 0 ? reader.column_of(static_cast<size_t>(index)) : 0,
       fmt::format("{}: {} (value \"{}\")", column_name, what, core::MessageExcerpt(value))});
}

}  // namespace formats_internal
core::Result<bool> NextSourceRecord(CsvReader& reader, size_t header_fields,
                                    const std::string& file, std::vector<std::string_view>* fields,
                                    SourceTable* table, ProblemList* problems) {
  for (;;) {
    TRADESTAT_ASSIGN_OR_RETURN(bool more, reader.Next(fields));
    if (!more) return false;
    ++table->data_rows;
    if (fields->size() == header_fields + 1 && core::Trim(fields->back()).empty())
      fields->pop_back();
    if (fields->size() == header_fields) return true;
    problems->Add({file, reader.line(), 0,
                   fmt::format("expected {} fields as in the header, found {}", header_fields,
                               fields->size())});
  }
}

void formats_internal::UnknownAreaCodes::Note(bool reporter, std::string_view code, uint64_t line,
                                              uint64_t column, std::string_view column_name,
                                              std::string_view why) {
  Entry& e = codes_[(reporter ? "R" : "P") + std::string(code)];
  if (e.rows++ > 0) return;
  e.line = line;
  e.column = column;
  e.column_name = std::string(column_name);
  e.why = std::string(why);
}

void formats_internal::UnknownAreaCodes::Report(const std::string& file,
                                                ProblemList* problems) const {
  for (const auto& [key, e] : codes_) {
    if (e.rows == 0) continue;  // kept under XNS (FirstKept)
    const bool reporter = key[0] == 'R';
    problems->Add(
        {file, e.line, e.column,
         fmt::format("{}: {} (value \"{}\"){}{}", e.column_name, e.why,
                     core::MessageExcerpt(ToUtf8(key.substr(1), false)),
                     e.rows > 1 ? fmt::format("; {} rows carry this code", e.rows) : std::string(),
                     reporter ? ""
                              : "; or load with --unknown-partner residual to store them under "
                                "partner XNS (not specified)")});
  }
}

}  // namespace tradestat::ingest
