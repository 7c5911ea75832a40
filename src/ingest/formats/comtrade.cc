// ingest/formats/comtrade.cc: UN Comtrade exports (Plus 47-column and tariff line, legacy
// 35-column, legacy bulk extract 11-column) mapped to canonical fields.
//
// Columns are found by name (case-insensitive), so column order and the cifValue/CIFValue
// spellings do not matter. Values are US$; Comtrade Plus gives up to 3 decimals, rounded here to
// cents (half away from zero). Descriptions (ISO-8859-1 in Plus downloads) are not stored.
#include <fmt/format.h>

#include <map>

#include "core/strings.h"
#include "ingest/formats/encoding.h"
#include "ingest/formats/reader_util.h"
#include "ingest/formats/source_table.h"

namespace tradestat::ingest {

using core::Status;
using namespace formats_internal;

namespace {

// Comtrade numeric codes 1 M, 2 X, 3 RX, 4 RM; Plus text codes and names through
// store::FlowFromText. Re-exports / re-imports, domestic exports, foreign imports and the Plus
// processing and temporary flows are "of which" parts of X and M: stored as their own flows, never
// added to them.
std::optional<store::Flow> ComtradeFlow(std::string_view raw) {
  std::string f = core::ToLower(core::Trim(raw));
  if (f == "1") return store::Flow::kImport;
  if (f == "2") return store::Flow::kExport;
  if (f == "3") return store::Flow::kReExport;
  if (f == "4") return store::Flow::kReImport;
  if (f == "import of goods for inward processing") return store::Flow::kImportForInward;
  if (f == "import of goods after outward processing") return store::Flow::kImportAfterOutward;
  if (f == "export of goods after inward processing") return store::Flow::kExportAfterInward;
  if (f == "export of goods for outward processing") return store::Flow::kExportForOutward;
  return store::FlowFromText(f);
}

}  // namespace

// Spreadsheets write HS chapters 01..09 as 1..9 (and headings 0101 as 101). HS codes have an even
// number of digits and never start with 00, so one dropped zero is certain when the file is HS; a
// chapter-level file (no code longer than 2 digits) is read as HS unless it says SITC. A file that
// names no classification and mixes 1-digit codes with longer ones is refused: SITC sections are
// 1 digit, so it cannot be told.
Status formats_internal::FixDroppedLeadingZeros(SourceTable* t) {
  bool sitc = false, hs = false;
  for (const auto& c : t->classifications) {
    std::string u = core::ToUpper(c);
    sitc |= !u.empty() && u[0] == 'S';
    hs |= !u.empty() && u[0] == 'H';
  }
  if (sitc) return Status::Ok();
  size_t longest = 0;
  const SourceRow* odd = nullptr;
  uint64_t odd_count = 0;
  for (const auto& r : t->rows) {
    if (r.commodity_total || !core::IsDigits(r.field[4])) continue;
    longest = std::max(longest, r.field[4].size());
    if (r.field[4].size() % 2 == 1) {
      if (!odd) odd = &r;
      ++odd_count;
    }
  }
  if (!odd) return Status::Ok();
  if (!hs && longest > 2)
    return Status::Parse(
        fmt::format("{}:{}: commodity code {} has an odd number of digits beside codes of up to {} "
                    "digits and the file names no "
                    "classification: a spreadsheet may have dropped leading zeros (HS 0101 saved "
                    "as 101), or these are SITC "
                    "codes; it cannot be told, so nothing was loaded. Download the file again (as "
                    "text), or add a "
                    "Classification column (H5, S4 ...)",
                    t->file, odd->line, odd->field[4], longest));
  uint64_t first_line = odd->line;
  std::string example = odd->field[4];
  for (auto& r : t->rows)
    if (!r.commodity_total && core::IsDigits(r.field[4]) && r.field[4].size() % 2 == 1)
      r.field[4].insert(0, "0");
  t->warnings.push_back(
      fmt::format("{}:{}: {} commodity codes with an odd number of digits (first: {}) lost a "
                  "leading zero in a spreadsheet; "
                  "read as HS codes with the zero restored ({} -> 0{})",
                  t->file, first_line, odd_count, example, example, example));
  return Status::Ok();
}

bool ScientificToDecimal(std::string_view text, std::string* out, int* significant) {
  std::string_view t = core::Trim(text);
  size_t e = t.find_first_of("eE");
  if (e == std::string_view::npos || e == 0) return false;
  std::string_view mant = t.substr(0, e), ex = t.substr(e + 1);
  if (!ex.empty() && (ex[0] == '+' || ex[0] == '-')) {
    if (ex.size() == 1 || !core::IsDigits(ex.substr(1))) return false;
  } else if (ex.empty() || !core::IsDigits(ex)) {
    return false;
  }
  if (ex.size() > 4) return false;
  int exp = std::stoi(std::string(ex));
  size_t dot = mant.find('.');
  std::string whole(mant.substr(0, dot)),
      frac(dot == std::string_view::npos ? "" : mant.substr(dot + 1));
  if (whole.empty() || !core::IsDigits(whole) || (!frac.empty() && !core::IsDigits(frac)))
    return false;
  std::string digits = whole + frac;
  int point = static_cast<int>(whole.size()) + exp;  // decimal point position in `digits`
  size_t first = digits.find_first_not_of('0');
  *significant = first == std::string::npos ? 1 : static_cast<int>(digits.size() - first);
  if (point < 0) digits.insert(0, static_cast<size_t>(-point), '0'), point = 0;
  if (point > static_cast<int>(digits.size()))
    digits.append(static_cast<size_t>(point) - digits.size(), '0');
  std::string int_part = digits.substr(0, static_cast<size_t>(point)),
              frac_part = digits.substr(static_cast<size_t>(point));
  while (!frac_part.empty() && frac_part.back() == '0') frac_part.pop_back();
  size_t nz = int_part.find_first_not_of('0');
  int_part = nz == std::string::npos ? "0" : int_part.substr(nz);
  *out = frac_part.empty() ? int_part : int_part + "." + frac_part;
  return true;
}

Status ReadComtrade(CsvReader& reader, const std::vector<std::string_view>& header,
                    const std::string& file, const FormatOptions& options,
                    const refdata::Reference& ref, SourceTable* table, ProblemList* problems) {
  // Unknown area codes: one problem per code (its first line), however many rows carry it.
  formats_internal::UnknownAreaCodes unknown_codes;
  std::vector<std::string> h = NormalizeHeader(header, /*chinese=*/false);
  std::vector<std::string> shown;
  for (auto n : header) shown.push_back(ToUtf8(core::Trim(n), false));
  bool plus = FindColumn(h, {"primaryvalue", "cmdcode"}) >= 0;
  bool legacy = !plus && FindColumn(h, {"trade value (us$)"}) >= 0;
  table->layout = plus ? "comtrade-plus" : legacy ? "comtrade-legacy" : "comtrade-extract";
  table->encoding = "UTF-8";
  table->currencies = {"USD"};

  const int c_year = FindColumn(h, {"refyear", "year"});
  const int c_month = FindColumn(h, {"refmonth"});
  const int c_period = FindColumn(h, {"period"});
  const int c_freq = FindColumn(h, {"freqcode"});
  const int c_flow = FindColumn(h, {"flowcode", "trade flow code", "trade flow"});
  const int c_flow_text =
      FindColumn(h, {"trade flow", "flowdesc"});  // Trade Flow Code 0: the text says
  const int c_type = FindColumn(h, {"typecode", "type code"});
  const int c_rep_iso = FindColumn(h, {"reporteriso", "reporter iso"});
  const int c_rep = FindColumn(h, {"reportercode", "reporter code"});
  const int c_par_iso = FindColumn(h, {"partneriso", "partner iso"});
  const int c_par = FindColumn(h, {"partnercode", "partner code"});
  const int c_par2 = FindColumn(h, {"partner2code", "2nd partner code"});
  const int c_customs = FindColumn(h, {"customscode", "customs proc. code"});
  const int c_mot = FindColumn(h, {"motcode", "mode of transport code"});
  const int c_cmd = FindColumn(h, {"cmdcode", "commodity code"});
  const int c_class = FindColumn(h, {"classificationcode", "classification"});
  const int c_value = FindColumn(
      h, {"primaryvalue", "trade value (us$)", "value", "tradevalue", "cifvalue", "fobvalue"});

  auto missing = [&](std::string_view what, std::string_view expected) {
    return Status::Parse(
        fmt::format("{}:1: {} file without a {} column; expected a column named {}", file,
                    table->layout, what, expected));
  };
  if (c_year < 0 && c_period < 0)
    return missing("period", "refYear/period (Plus) or Year/Period (legacy)");
  if (c_flow < 0) return missing("flow", "flowCode (Plus) or Trade Flow Code (legacy)");
  if (c_rep < 0 && c_rep_iso < 0) return missing("reporter", "reporterCode or Reporter Code");
  if (c_par < 0 && c_par_iso < 0) return missing("partner", "partnerCode or Partner Code");
  if (c_cmd < 0) return missing("commodity", "cmdCode or Commodity Code");
  if (c_value < 0)
    return missing("value", "primaryValue (Plus), Trade Value (US$) (legacy) or Value (extract)");

  auto name = [&](int c) { return c >= 0 ? shown[c] : std::string(); };
  table->names = {name(c_period >= 0 && !plus ? c_period : (c_year >= 0 ? c_year : c_period)),
                  name(c_flow),
                  name(c_rep_iso >= 0 ? c_rep_iso : c_rep),
                  name(c_par_iso >= 0 ? c_par_iso : c_par),
                  name(c_cmd),
                  "",
                  "",
                  "",
                  ""};
  table->value_names = {name(c_value)};

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
      AddProblem(problems, file, reader, c, name(c), what, ToUtf8(value, false));
    };

    // Period: annual rows (freqCode A, refMonth 52, Period YYYY) stay annual.
    std::string period;
    int period_col = c_period >= 0 ? c_period : c_year;
    if (plus) {
      std::string_view month = rec.At(c_month), freq = rec.At(c_freq);
      if (month == "52" || freq == "A" || freq == "a" ||
          (c_month < 0 && rec.At(c_period).size() == 4)) {
        period = std::string(c_year >= 0 ? rec.At(c_year) : rec.At(c_period).substr(0, 4));
        period_col = c_year >= 0 ? c_year : c_period;
      } else if (c_period >= 0 && rec.At(c_period).size() == 6) {
        period = std::string(rec.At(c_period));
      } else if (c_year >= 0 && !month.empty()) {
        period = fmt::format("{}{:0>2}", rec.At(c_year), month);
        period_col = c_month;
      } else {
        period = std::string(rec.At(c_period));
      }
    } else {
      period = std::string(c_period >= 0 ? rec.At(c_period) : rec.At(c_year));
    }
    row.field[0] = period;
    row.column[0] = rec.Column(period_col);

    // Services are not goods: refuse the file as a whole (typeCode S, EBOPS classification).
    std::string_view cls = rec.At(c_class);
    if (core::ToUpper(rec.At(c_type)) == "S" || core::StartsWith(core::ToUpper(cls), "EB"))
      return Status::Parse(fmt::format(
          "{}:{}: a UN Comtrade services file (typeCode {}, classification {}, code {}): tradestat "
          "loads trade in "
          "goods only; nothing was loaded",
          file, reader.line(),
          rec.At(c_type).empty() ? "-" : core::MessageExcerpt(ToUtf8(rec.At(c_type), false)),
          cls.empty() ? "-" : core::MessageExcerpt(ToUtf8(cls, false)),
          core::MessageExcerpt(ToUtf8(rec.At(c_cmd), false))));

    int flow_col = c_flow;
    std::optional<store::Flow> flow = ComtradeFlow(rec.At(c_flow));
    if ((!flow || rec.At(c_flow) == "0") && c_flow_text >= 0 && c_flow_text != c_flow) {
      flow =
          ComtradeFlow(rec.At(c_flow_text));  // legacy Trade Flow Code 0: the flow is in Trade Flow
      flow_col = c_flow_text;
    }
    if (!flow) {
      fail(flow_col,
           "not a Comtrade flow; expected 1/2, M/X, Import/Export, or an \"of which\" flow (3/4, "
           "RX/RM, DX, FM, "
           "XOP ..., stored as its own flow)",
           rec.At(flow_col));
      flow = store::Flow::kImport;  // the row is refused; keep a value for the rest of the checks
    }
    row.field[1] = std::string(store::FlowCode(*flow));
    row.column[1] = rec.Column(flow_col);

    // Reporter: the file's own ISO column wins; else the Comtrade code through the crosswalk.
    std::string_view rep_iso = rec.At(c_rep_iso), rep = rec.At(c_rep);
    bool rep_done = false;
    if (!rep_iso.empty()) {
      if (auto r = ref.NormalizeReporter(rep_iso); r.ok()) {
        row.field[2] = *r;
        row.column[2] = rec.Column(c_rep_iso);
        rep_done = true;
      }
    }
    if (!rep_done) {
      auto p = ref.PartnerFromComtradeCode(rep.empty() ? rep_iso : rep);
      auto r = p.ok() ? ref.NormalizeReporter(*p) : core::Result<std::string>(p.status());
      if (r.ok()) {
        row.field[2] = *r;
        row.column[2] = rec.Column(c_rep);
      } else {
        fail(c_rep >= 0 ? c_rep : c_rep_iso,
             fmt::format("reporter not a country in the Comtrade crosswalk ({})",
                         r.status().message()),
             rep.empty() ? rep_iso : rep);
      }
    }

    std::string_view par_iso = rec.At(c_par_iso), par = rec.At(c_par);
    row.partner_world = par == "0" || par_iso == "W00" || par_iso == "WLD";
    bool par_done = false;
    if (!par_iso.empty() && par_iso != "W00") {
      if (auto r = ref.NormalizePartner(par_iso); r.ok()) {
        row.field[3] = *r;
        row.column[3] = rec.Column(c_par_iso);
        par_done = true;
      }
    }
    if (!par_done) {
      auto r = ref.PartnerFromComtradeCode(par);
      if (!r.ok() && par.empty() && !par_iso.empty())
        r = ref.PartnerFromComtradeCode(par_iso);  // ZA1, EUR, _X
      if (r.ok()) {
        row.field[3] = *r;
        row.column[3] = rec.Column(c_par);
      } else if (options.unknown_partner_residual) {
        // --unknown-partner residual: the row is kept, under "partner not specified".
        row.field[3] = "XNS";
        row.column[3] = rec.Column(c_par >= 0 ? c_par : c_par_iso);
        ++table->unknown_partner_rows;
        std::string code(par.empty() ? par_iso : par);
        if (unknown_codes.FirstKept(code))
          table->warnings.push_back(
              fmt::format("{}:{}: partner code {} is not a known UN Comtrade area; its rows are "
                          "stored under partner XNS (not specified), --unknown-partner residual",
                          file, reader.line(), core::MessageExcerpt(ToUtf8(code, false))));
      } else {
        int c = c_par >= 0 ? c_par : c_par_iso;
        std::string code(par.empty() ? par_iso : par);
        unknown_codes.Note(
            false, code, reader.line(), rec.Column(c), name(c),
            fmt::format("partner code not in the Comtrade crosswalk ({})", r.status().message()));
        ok = false;
      }
    }

    std::string_view cmd = rec.At(c_cmd);
    row.commodity_total = core::ToUpper(cmd) == "TOTAL";
    row.field[4] = row.commodity_total ? "00" : std::string(cmd);
    row.column[4] = rec.Column(c_cmd);

    std::string_view p2 = rec.At(c_par2), cu = rec.At(c_customs), mo = rec.At(c_mot);
    row.partner2 = (p2.empty() || p2 == "0") ? "" : std::string(p2);
    row.customs = (cu.empty() || cu == "C00") ? "" : std::string(cu);
    row.mot = (mo.empty() || mo == "0") ? "" : std::string(mo);
    if (c_class >= 0 && !rec.At(c_class).empty())
      table->classifications.insert(std::string(rec.At(c_class)));

    std::string value, why;
    int vcol = c_value;
    std::string_view vtext = rec.At(c_value);
    if (vtext.empty() && plus) {  // Plus leaves primaryValue empty only when cif/fob carry it
      for (int alt : {FindColumn(h, {"cifvalue"}), FindColumn(h, {"fobvalue"})})
        if (alt >= 0 && !rec.At(alt).empty()) {
          vcol = alt;
          vtext = rec.At(alt);
          break;
        }
    }
    std::string sci;
    int significant = 0;
    if (vtext.find_first_of("eE") != std::string_view::npos &&
        ScientificToDecimal(vtext, &sci, &significant)) {
      if (options.strict) {
        fail(vcol,
             fmt::format("scientific notation keeps only {} significant digits (a spreadsheet "
                         "re-save); --strict "
                         "refuses it: download the file again",
                         significant),
             vtext);
      } else {
        ++table->scientific_values;
        table->warnings.push_back(
            fmt::format("{}:{}: {} {} is in scientific notation (a spreadsheet re-save): stored as "
                        "{}, the {} significant digits "
                        "it kept; the source's exact value is lost (download the file again, or "
                        "--strict to refuse)",
                        file, reader.line(), name(vcol), core::MessageExcerpt(ToUtf8(vtext, false)),
                        core::MessageExcerpt(sci), significant));
        vtext = sci;
      }
    }
    if (ok && !NormalizeMoney(vtext, /*thousands=*/false, table, reader.line(), rec.Column(vcol),
                              &value, &why))
      fail(vcol, why, vtext);
    int64_t minor = 0;
    if (ok && core::ParseScaled(value, table->money_scale, &minor) != core::DecimalError::kOk)
      fail(vcol, "too large for a money amount", vtext);
    row.value = {value};
    row.value_column = {rec.Column(vcol)};
    row.minor = {minor};
    if (ok) table->rows.push_back(std::move(row));
  }
  unknown_codes.Report(file, problems);
  return FixDroppedLeadingZeros(table);
}

}  // namespace tradestat::ingest
