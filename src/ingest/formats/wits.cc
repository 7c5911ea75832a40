// ingest/formats/wits.cc: World Bank WITS trade downloads (wits.worldbank.org, "TradeValue in 1000
// USD") mapped to canonical fields.
//
// `Nomenclature,ReporterISO3,ProductCode,ReporterName,PartnerISO3,PartnerName,Year,TradeFlowName,
// TradeFlowCode,TradeValue in 1000 USD,Quantity,QtyUnit,NetWeight in KGM`, columns by name. Values
// are thousands of US$, stored exactly in US$ (x 1000). One product may have several rows, one per
// quantity unit: they are parts of one figure, merged into one row (values and net weights
// added). The quantity kept is the net weight (kg); Quantity/QtyUnit are not stored (units vary).
// Flows: Export/Import are X/M; Gross Exp./Gross Imp. are the same figures and are kept out where
// Export/Import rows exist (stored where they are the only ones); Re-Export/Re-Import are "of
// which" flows, stored as RX/RM (never added to X/M). WITS area codes that are not ISO (ZAR, ROM,
// SER, OAS, UNS ...) go through the Comtrade crosswalk; groups (EUN, WITS regions) are partner
// totals, kept out.
#include <fmt/format.h>

#include <map>

#include "core/decimal.h"
#include "core/strings.h"
#include "ingest/formats/encoding.h"
#include "ingest/formats/reader_util.h"
#include "ingest/formats/source_table.h"

namespace tradestat::ingest {

using core::Status;
using namespace formats_internal;

namespace {

// WITS codes that are not ISO alpha-3, as UN Comtrade area codes.
struct WitsArea {
  std::string_view wits, comtrade;
};
constexpr WitsArea kWitsAreas[] = {
    {"ZAR", "180"}, {"ROM", "642"}, {"TMP", "626"}, {"SER", "688"}, {"MNT", "499"},
    {"SUD", "729"}, {"OAS", "490"}, {"BUN", "837"}, {"FRE", "838"}, {"SPE", "839"},
    {"UNS", "899"}, {"NES", "899"}, {"SVU", "810"}, {"YUG", "890"}, {"CSK", "200"},
    {"DDR", "278"}, {"ANT", "530"}, {"SCG", "891"}, {"KSV", "412"}, {"EUN", "97"},
};
// Country groups of WITS (EU, World Bank regions and income groups): totals over partners.
constexpr std::string_view kWitsGroups[] = {"EUN", "EAS", "ECS", "LCN", "MEA", "NAC", "SAS", "SSF",
                                            "ARB", "EAP", "ECA", "LAC", "MNA", "SSA", "HIC", "LIC",
                                            "LMC", "UMC", "MIC", "OED", "EMU", "EUU", "ALL"};

enum class Flow { kExport, kImport, kGrossExport, kGrossImport, kSub, kUnknown };

Flow WitsFlow(std::string_view name, std::string_view code) {
  std::string n = core::ToLower(core::Trim(name));
  if (n == "export" || n == "exports") return Flow::kExport;
  if (n == "import" || n == "imports") return Flow::kImport;
  if (n == "gross exp." || n == "gross exports" || n == "gross export") return Flow::kGrossExport;
  if (n == "gross imp." || n == "gross imports" || n == "gross import") return Flow::kGrossImport;
  if (n == "re-export" || n == "re-exports" || n == "re-import" || n == "re-imports")
    return Flow::kSub;
  if (!n.empty()) return Flow::kUnknown;
  // Without a name: the Comtrade regime codes.
  std::string_view c = core::Trim(code);
  if (c == "1") return Flow::kImport;
  if (c == "2") return Flow::kExport;
  if (c == "3" || c == "4") return Flow::kSub;
  return Flow::kUnknown;
}

}  // namespace

Status ReadWits(CsvReader& reader, const std::vector<std::string_view>& header,
                const std::string& file, const FormatOptions& options,
                const refdata::Reference& ref, SourceTable* table, ProblemList* problems) {
  std::vector<std::string> h = NormalizeHeader(header, /*chinese=*/false);
  std::vector<std::string> shown;
  for (auto n : header) shown.push_back(ToUtf8(core::Trim(n), false));
  table->layout = "wits";
  table->encoding = "UTF-8";
  table->currencies = {"USD"};

  const int c_nom = FindColumn(h, {"nomenclature"});
  const int c_rep = FindColumn(h, {"reporteriso3"});
  const int c_par = FindColumn(h, {"partneriso3"});
  const int c_cmd = FindColumn(h, {"productcode"});
  const int c_year = FindColumn(h, {"year"});
  const int c_flow_name = FindColumn(h, {"tradeflowname"});
  const int c_flow_code = FindColumn(h, {"tradeflowcode"});
  const int c_value = FindColumn(h, {"tradevalue in 1000 usd", "trade value in 1000 usd"});
  const int c_weight = FindColumn(h, {"netweight in kgm"});

  auto missing = [&](std::string_view what, std::string_view expected) {
    return Status::Parse(fmt::format(
        "{}:1: WITS file without a {} column; expected a column named {}", file, what, expected));
  };
  if (c_rep < 0) return missing("reporter", "ReporterISO3");
  if (c_par < 0) return missing("partner", "PartnerISO3");
  if (c_cmd < 0) return missing("product", "ProductCode");
  if (c_year < 0) return missing("period", "Year");
  if (c_flow_name < 0 && c_flow_code < 0) return missing("flow", "TradeFlowName or TradeFlowCode");
  if (c_value < 0) return missing("value", "TradeValue in 1000 USD");

  auto name = [&](int c) { return c >= 0 ? shown[static_cast<size_t>(c)] : std::string(); };
  const int c_flow = c_flow_name >= 0 ? c_flow_name : c_flow_code;
  table->names = {name(c_year),
                  name(c_flow),
                  name(c_rep),
                  name(c_par),
                  name(c_cmd),
                  "",
                  "",
                  c_weight >= 0 ? name(c_weight) : "",
                  c_weight >= 0 ? "unit" : ""};
  table->value_names = {name(c_value)};
  const std::string world =
      ref.PartnerFromComtradeCode("0").ok() ? *ref.PartnerFromComtradeCode("0") : "WLD";

  formats_internal::UnknownAreaCodes unknown;
  // The row of each cell (reporter, partner, product, year, flow kind): rows of further quantity
  // units merge into it.
  std::map<std::string, size_t> cell;
  std::vector<bool> weight_known;
  std::vector<int> kind;  // Flow per row
  uint64_t multi_unit = 0, multi_first = 0;

  auto area = [&](std::string_view raw, bool reporter, std::string* out, std::string* why) -> int {
    std::string c = core::ToUpper(core::Trim(raw));
    if (!reporter && (c == "WLD" || c == "WORLD")) return 1;
    for (auto g : kWitsGroups)
      if (c == g && !(reporter && c == "EUN")) {
        if (reporter) {
          *why = "a country group is not a reporter (EUN, the EU, is accepted)";
          return -1;
        }
        *out = c;
        return 2;
      }
    std::string code = c;
    for (const auto& a : kWitsAreas)
      if (c == a.wits) {
        auto p = ref.PartnerFromComtradeCode(a.comtrade);
        if (p.ok()) code = *p;
      }
    auto r = reporter ? ref.NormalizeReporter(code) : ref.NormalizePartner(code);
    if (!r.ok()) {
      *why = std::string(r.status().message());
      return -1;
    }
    *out = *r;
    return 0;
  };

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
    row.field[0] = std::string(rec.At(c_year));
    row.column[0] = rec.Column(c_year);

    Flow flow = WitsFlow(rec.At(c_flow_name), rec.At(c_flow_code));
    if (flow == Flow::kUnknown)
      fail(c_flow,
           "not a WITS trade flow; expected Export, Import, Gross Exp., Gross Imp., Re-Export or "
           "Re-Import",
           rec.At(c_flow));
    row.field[1] = (flow == Flow::kExport || flow == Flow::kGrossExport) ? "X" : "M";
    if (flow == Flow::kSub) {  // Re-Export / Re-Import: stored as the "of which" flows RX / RM
      std::string n = core::ToLower(rec.At(c_flow_name));
      row.field[1] =
          n.find("export") != std::string::npos || rec.At(c_flow_code) == "3" ? "RX" : "RM";
    }
    row.column[1] = rec.Column(c_flow);

    for (int slot : {2, 3}) {
      int c = slot == 2 ? c_rep : c_par;
      std::string code, why;
      int k = area(rec.At(c), slot == 2, &code, &why);
      row.column[slot] = rec.Column(c);
      if (k == 1) {
        row.partner_world = true;
        row.field[slot] = world;
      } else if (k == 2) {
        row.partner_group = true;
        row.field[slot] = code;
      } else if (k == 0) {
        row.field[slot] = code;
      } else if (slot == 3 && options.unknown_partner_residual) {
        row.field[slot] = "XNS";
        ++table->unknown_partner_rows;
        std::string key = "P" + std::string(rec.At(c));
        if (unknown.FirstKept(key.substr(1)))
          table->warnings.push_back(
              fmt::format("{}:{}: partner code {} is not a known area; its rows are stored under "
                          "partner XNS (not specified), --unknown-partner residual",
                          file, reader.line(), core::MessageExcerpt(ToUtf8(key.substr(1), false))));
      } else {
        unknown.Note(
            slot == 2, rec.At(c), reader.line(), rec.Column(c), name(c),
            fmt::format("{} code not known ({})", slot == 2 ? "reporter" : "partner", why));
        ok = false;
      }
    }

    std::string cmd(rec.At(c_cmd));
    std::string up = core::ToUpper(cmd);
    row.commodity_total = up == "TOTAL" || up == "ALL" || up == "999999";
    row.field[4] = row.commodity_total ? "00" : cmd;
    row.column[4] = rec.Column(c_cmd);
    if (c_nom >= 0 && !rec.At(c_nom).empty())
      table->classifications.insert(std::string(rec.At(c_nom)));

    std::string value, why;
    int64_t minor = 0;
    std::string_view v = rec.At(c_value);
    if (!NormalizeMoney(ShiftDecimal(v, 3), false, table, reader.line(), rec.Column(c_value),
                        &value, &why))
      fail(c_value, why, v);
    else if (core::ParseScaled(value, table->money_scale, &minor) != core::DecimalError::kOk)
      fail(c_value, "too large for a money amount", v);
    std::string weight;
    int64_t weight_milli = store::kNoQuantity;
    if (c_weight >= 0) {
      std::string_view w = rec.At(c_weight);
      if (!NormalizeQuantity(w, false, &weight, &why))
        fail(c_weight, why, w);
      else if (!weight.empty() && core::ParseScaled(weight, store::kQuantityScale, &weight_milli) !=
                                      core::DecimalError::kOk)
        fail(c_weight, "too large for a quantity", w);
    }
    if (!ok) continue;

    std::string key = fmt::format("{}|{}|{}|{}|{}|{}", row.field[0], static_cast<int>(flow),
                                  row.field[2], row.field[3], row.field[4], row.commodity_total);
    auto [it, fresh] = cell.emplace(key, table->rows.size());
    if (!fresh) {  // one more quantity unit of the same figure: values (and net weights) add
      SourceRow& r = table->rows[it->second];
      ++table->merged_rows;
      if (multi_unit++ == 0) multi_first = reader.line();
      r.minor[0] += minor;
      r.value[0] = core::FormatScaled(r.minor[0], table->money_scale);
      if (weight_known[it->second] && weight_milli != store::kNoQuantity) {
        int64_t sum = 0;
        (void)core::ParseScaled(r.field[7], store::kQuantityScale, &sum);
        r.field[7] =
            core::FormatScaled(static_cast<__int128>(sum) + weight_milli, store::kQuantityScale);
      } else {
        weight_known[it->second] = false;
        r.field[7].clear(), r.field[8].clear();
      }
      continue;
    }
    row.value = {value};
    row.value_column = {rec.Column(c_value)};
    row.minor = {minor};
    if (weight_milli != store::kNoQuantity) {
      row.field[7] = weight;
      row.column[7] = rec.Column(c_weight);
      row.field[8] = "KG";
    }
    weight_known.push_back(weight_milli != store::kNoQuantity);
    kind.push_back(static_cast<int>(flow));
    table->rows.push_back(std::move(row));
  }
  unknown.Report(file, problems);
  if (multi_unit > 0)
    table->warnings.push_back(fmt::format(
        "{}:{}: {} rows are a further quantity unit of a product already given (WITS writes one "
        "row per unit): "
        "their values and net weights are added to it, never counted as another product",
        file, multi_first, multi_unit));
  // Gross Exp./Gross Imp. beside Export/Import rows of the same cell: the same figure, kept out.
  std::map<std::string, bool> plain;
  auto cell_of = [&](const SourceRow& r) {
    return fmt::format("{}|{}|{}|{}|{}|{}", r.field[0], r.field[1], r.field[2], r.field[3],
                       r.field[4], r.commodity_total);
  };
  for (size_t i = 0; i < table->rows.size(); ++i)
    if (kind[i] == static_cast<int>(Flow::kExport) || kind[i] == static_cast<int>(Flow::kImport))
      plain[cell_of(table->rows[i])] = true;
  uint64_t gross_out = 0, gross_first = 0;
  for (size_t i = 0; i < table->rows.size(); ++i) {
    bool gross = kind[i] == static_cast<int>(Flow::kGrossExport) ||
                 kind[i] == static_cast<int>(Flow::kGrossImport);
    if (gross && plain.count(cell_of(table->rows[i]))) {
      table->rows[i].role = RowRole::kSubFlow;
      if (gross_out++ == 0) gross_first = table->rows[i].line;
    }
  }
  if (gross_out > 0)
    table->warnings.push_back(
        fmt::format("{}:{}: {} Gross Exp./Gross Imp. rows repeat the Export/Import rows of the "
                    "same product and partner: kept "
                    "out (counted as sub_flow), never added",
                    file, gross_first, gross_out));
  bool hs = false;
  for (const auto& c : table->classifications) hs |= !c.empty() && (c[0] == 'H' || c[0] == 'h');
  if (!hs) return Status::Ok();
  return FixDroppedLeadingZeros(table);
}

}  // namespace tradestat::ingest
