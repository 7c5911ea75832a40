// ingest/formats/comtrade.cc: UN Comtrade exports (Plus 47-column and tariff line, legacy 35-column,
// legacy bulk extract 11-column) mapped to canonical fields.
//
// Columns are found by name (case-insensitive), so column order and the cifValue/CIFValue
// spellings do not matter. Values are US$; Comtrade Plus gives up to 3 decimals, rounded here to
// cents (half away from zero). Descriptions (ISO-8859-1 in Plus downloads) are not stored.
#include <fmt/format.h>

#include "core/strings.h"
#include "ingest/formats/encoding.h"
#include "ingest/formats/reader_util.h"
#include "ingest/formats/source_table.h"

namespace tradestat::ingest {

using core::Status;
using namespace formats_internal;

namespace {

enum class FlowKind { kExport, kImport, kSub, kUnknown };

FlowKind ComtradeFlow(std::string_view raw) {
  std::string f = core::ToLower(core::Trim(raw));
  if (f == "2" || f == "x" || f == "export" || f == "exports") return FlowKind::kExport;
  if (f == "1" || f == "m" || f == "import" || f == "imports") return FlowKind::kImport;
  // Re-exports / re-imports and Plus processing flows are "of which" parts of X and M.
  if (f == "3" || f == "4" || f == "rx" || f == "rm" || f == "re-export" || f == "re-exports" ||
      f == "re-import" || f == "re-imports" || f == "dx" || f == "fm" || f == "mip" || f == "mop" ||
      f == "xip" || f == "xop" || f == "mif" || f == "xif")
    return FlowKind::kSub;
  return FlowKind::kUnknown;
}

}  // namespace

Status ReadComtrade(CsvReader& reader, const std::vector<std::string_view>& header, const std::string& file,
                    const refdata::Reference& ref, SourceTable* table, ProblemList* problems) {
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
  const int c_rep_iso = FindColumn(h, {"reporteriso", "reporter iso"});
  const int c_rep = FindColumn(h, {"reportercode", "reporter code"});
  const int c_par_iso = FindColumn(h, {"partneriso", "partner iso"});
  const int c_par = FindColumn(h, {"partnercode", "partner code"});
  const int c_par2 = FindColumn(h, {"partner2code", "2nd partner code"});
  const int c_customs = FindColumn(h, {"customscode", "customs proc. code"});
  const int c_mot = FindColumn(h, {"motcode", "mode of transport code"});
  const int c_cmd = FindColumn(h, {"cmdcode", "commodity code"});
  const int c_class = FindColumn(h, {"classificationcode", "classification"});
  const int c_value = FindColumn(h, {"primaryvalue", "trade value (us$)", "value", "tradevalue", "cifvalue", "fobvalue"});

  auto missing = [&](std::string_view what, std::string_view expected) {
    return Status::Parse(fmt::format("{}:1: {} file without a {} column; expected a column named {}", file,
                                     table->layout, what, expected));
  };
  if (c_year < 0 && c_period < 0) return missing("period", "refYear/period (Plus) or Year/Period (legacy)");
  if (c_flow < 0) return missing("flow", "flowCode (Plus) or Trade Flow Code (legacy)");
  if (c_rep < 0 && c_rep_iso < 0) return missing("reporter", "reporterCode or Reporter Code");
  if (c_par < 0 && c_par_iso < 0) return missing("partner", "partnerCode or Partner Code");
  if (c_cmd < 0) return missing("commodity", "cmdCode or Commodity Code");
  if (c_value < 0) return missing("value", "primaryValue (Plus), Trade Value (US$) (legacy) or Value (extract)");

  auto name = [&](int c) { return c >= 0 ? shown[c] : std::string(); };
  table->names = {name(c_period >= 0 && !plus ? c_period : (c_year >= 0 ? c_year : c_period)),
                  name(c_flow), name(c_rep_iso >= 0 ? c_rep_iso : c_rep), name(c_par_iso >= 0 ? c_par_iso : c_par),
                  name(c_cmd), "", "", "", ""};
  table->value_names = {name(c_value)};

  std::vector<std::string_view> f;
  for (;;) {
    TRADESTAT_ASSIGN_OR_RETURN(bool more, NextSourceRecord(reader, header.size(), file, &f, table, problems));
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
      if (month == "52" || freq == "A" || freq == "a" || (c_month < 0 && rec.At(c_period).size() == 4)) {
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

    FlowKind flow = ComtradeFlow(rec.At(c_flow));
    if (flow == FlowKind::kUnknown) {
      fail(c_flow, "not a Comtrade flow; expected 1/2, M/X, Import/Export (re-exports 3/4, RX/RM are kept out)",
           rec.At(c_flow));
    }
    row.field[1] = flow == FlowKind::kExport ? "X" : "M";
    row.column[1] = rec.Column(c_flow);
    if (flow == FlowKind::kSub) row.role = RowRole::kSubFlow;

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
      auto p = ref.PartnerFromComtradeCode(rep);
      auto r = p.ok() ? ref.NormalizeReporter(*p) : core::Result<std::string>(p.status());
      if (r.ok()) {
        row.field[2] = *r;
        row.column[2] = rec.Column(c_rep);
      } else {
        fail(c_rep >= 0 ? c_rep : c_rep_iso,
             fmt::format("reporter not a country in the Comtrade crosswalk ({})", r.status().message()),
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
      if (r.ok()) {
        row.field[3] = *r;
        row.column[3] = rec.Column(c_par);
      } else {
        fail(c_par >= 0 ? c_par : c_par_iso,
             fmt::format("partner code not in the Comtrade crosswalk ({})", r.status().message()),
             par.empty() ? par_iso : par);
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
    if (c_class >= 0 && !rec.At(c_class).empty()) table->classifications.insert(std::string(rec.At(c_class)));

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
    if (!NormalizeMoney(vtext, /*thousands=*/false, &value, &why)) fail(vcol, why, vtext);
    int64_t minor = 0;
    if (ok && core::ParseScaled(value, store::kMoneyScale, &minor) != core::DecimalError::kOk)
      fail(vcol, "too large for a money amount", vtext);
    row.value = {value};
    row.value_column = {rec.Column(vcol)};
    row.minor = {minor};
    if (ok) table->rows.push_back(std::move(row));
  }
  return Status::Ok();
}

}  // namespace tradestat::ingest
