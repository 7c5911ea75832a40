// ingest/formats/comext.cc: Eurostat Comext files (SDMX-CSV extracts and bulk full files) mapped to
// canonical fields. Values are EUR; quantities in kg (unit KG).
//
// SDMX-CSV (ec.europa.eu/eurostat databrowser, dataset DS-045409 ...) has one observation per line:
// `DATAFLOW,LAST
// UPDATE,freq,reporter,partner,product,flow,indicators,TIME_PERIOD,OBS_VALUE[,OBS_FLAG]` with
// indicators VALUE_IN_EUROS, QUANTITY_IN_100KG, SUPPLEMENTARY_QUANTITY; the lines of one cell are
// merged into one row (value, and the quantity times 100 in kg). Labels ("M:Monthly", "freq:Time
// frequency") are reduced to their codes. The bulk full files have one cell per line:
// `DECLARANT[_ISO],PARTNER[_ISO],PRODUCT_NC,FLOW,STAT_PROCEDURE,PERIOD,VALUE_IN_EUROS,QUANTITY_IN_KG,...`
// (or the newer REPORTER, VALUE_EUR, QUANTITY_KG spellings). Areas are ISO alpha-2 with Eurostat's
// exceptions (EL Greece, UK United Kingdom, Q* not specified / stores and provisions); partner
// aggregates (EU27_2020, EXTRA_EU27_2020 ...) are kept out; WORLD is partner World. Layouts and
// rules: docs/formats/inputs.md.
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

// "M:Monthly" -> "M" (SDMX-CSV with labels); codes themselves never hold ':'.
std::string_view CodeOf(std::string_view s) {
  s = core::Trim(s);
  size_t colon = s.find(':');
  return colon == std::string_view::npos ? s : core::Trim(s.substr(0, colon));
}

// Comext partner aggregates: groups of partner countries, never a country of their own.
bool IsPartnerAggregate(std::string_view code) {
  std::string c = core::ToUpper(code);
  return c.find('_') != std::string::npos || c == "EU" || c == "EFTA" ||
         core::StartsWith(c, "EXTRA") || core::StartsWith(c, "INTRA") ||
         (c.size() > 2 && (core::StartsWith(c, "EU") || core::StartsWith(c, "EA")));
}

enum class AreaKind { kCountry, kWorld, kGroup, kError };

// An area code of Comext -> canonical partner (or reporter) code.
AreaKind ComextArea(const refdata::Reference& ref, std::string_view raw, bool reporter,
                    std::string* out, std::string* why) {
  std::string c = core::ToUpper(CodeOf(raw));
  if (c == "WORLD" || c == "WLD" || c == "WL")
    return reporter ? (*why = "WORLD is not a reporter", AreaKind::kError) : AreaKind::kWorld;
  if (core::IsDigits(c)) {
    *why =
        "a numeric Eurostat GEONOM code; tradestat reads ISO codes: use the file's *_ISO columns "
        "(DECLARANT_ISO, "
        "PARTNER_ISO) or download with ISO codes";
    return AreaKind::kError;
  }
  if (c == "EL") c = "GR";  // Eurostat's code for Greece
  if (c == "UK") c = "GB";
  if (c == "XS") c = "RS";  // Serbia in older Comext files
  if (reporter) {
    if (c == "EU27_2020" || c == "EU")
      c = "XEU";  // the EU as one reporter (a group reporter)
    else if (IsPartnerAggregate(c)) {
      *why =
          "a reporter aggregate other than EU27_2020 (the EU); load its member states' rows or the "
          "EU27_2020 rows";
      return AreaKind::kError;
    }
    auto r = ref.NormalizeReporter(c);
    if (!r.ok()) {
      *why = std::string(r.status().message());
      return AreaKind::kError;
    }
    *out = *r;
    return AreaKind::kCountry;
  }
  if (IsPartnerAggregate(c)) {
    *out = c;
    return AreaKind::kGroup;
  }
  // Q* codes: QP high seas, QQ/QR/QS stores and provisions (bunkers), QU..QZ not specified /
  // secret.
  if (c.size() == 2 && c[0] == 'Q') c = (c == "QQ" || c == "QR" || c == "QS") ? "XBU" : "XNS";
  auto r = ref.NormalizePartner(c);
  if (!r.ok()) {
    *why = std::string(r.status().message());
    return AreaKind::kError;
  }
  *out = *r;
  return AreaKind::kCountry;
}

}  // namespace

Status ReadComext(CsvReader& reader, const std::vector<std::string_view>& header,
                  const std::string& file, const FormatOptions& options,
                  const refdata::Reference& ref, SourceTable* table, ProblemList* problems) {
  std::vector<std::string> h;
  std::vector<std::string> shown;
  for (auto n : header) {
    std::string u = ToUtf8(core::Trim(n), false);
    shown.push_back(u);
    h.push_back(core::ToLower(std::string(CodeOf(u))));
  }
  const bool sdmx = FindColumn(h, {"obs_value"}) >= 0;
  table->layout = sdmx ? "comext-sdmx" : "comext-bulk";
  table->encoding = "UTF-8";
  table->currencies = {"EUR"};
  table->classifications.insert("CN");

  const int c_period = FindColumn(h, {"time_period", "period"});
  const int c_rep = FindColumn(h, {"declarant_iso", "reporter_iso", "reporter", "declarant"});
  const int c_par = FindColumn(h, {"partner_iso", "partner"});
  const int c_cmd = FindColumn(h, {"product_nc", "product"});
  const int c_flow = FindColumn(h, {"flow"});
  const int c_proc = FindColumn(h, {"stat_procedure", "stat_regime"});
  const int c_ind = FindColumn(h, {"indicators", "indicator"});
  const int c_obs = FindColumn(h, {"obs_value"});
  const int c_freq = FindColumn(h, {"freq"});
  const int c_value = sdmx ? c_obs : FindColumn(h, {"value_in_euros", "value_eur"});
  const int c_qty = sdmx ? c_obs : FindColumn(h, {"quantity_in_kg", "quantity_kg"});

  auto missing = [&](std::string_view what, std::string_view expected) {
    return Status::Parse(
        fmt::format("{}:1: Eurostat Comext {} file without a {} column; expected a column named {}",
                    file, sdmx ? "SDMX-CSV" : "bulk", what, expected));
  };
  if (c_period < 0) return missing("period", sdmx ? "TIME_PERIOD" : "PERIOD");
  if (c_rep < 0)
    return missing("reporter", sdmx ? "reporter" : "DECLARANT_ISO, DECLARANT or REPORTER");
  if (c_par < 0) return missing("partner", sdmx ? "partner" : "PARTNER_ISO or PARTNER");
  if (c_cmd < 0) return missing("product", sdmx ? "product" : "PRODUCT_NC");
  if (c_flow < 0) return missing("flow", "flow (1 imports, 2 exports)");
  if (sdmx && c_ind < 0)
    return missing("indicators", "indicators (VALUE_IN_EUROS, QUANTITY_IN_100KG)");
  if (c_value < 0) return missing("value", "VALUE_IN_EUROS (or VALUE_EUR)");

  auto name = [&](int c) { return c >= 0 ? shown[static_cast<size_t>(c)] : std::string(); };
  table->names = {name(c_period),
                  name(c_flow),
                  name(c_rep),
                  name(c_par),
                  name(c_cmd),
                  "",
                  "",
                  c_qty >= 0 ? (sdmx ? name(c_obs) + " (QUANTITY_IN_100KG)" : name(c_qty)) : "",
                  c_qty >= 0 ? "unit" : ""};
  table->value_names = {sdmx ? name(c_obs) + " (VALUE_IN_EUROS)" : name(c_value)};

  const std::string world =
      ref.PartnerFromComtradeCode("0").ok() ? *ref.PartnerFromComtradeCode("0") : "WLD";
  // SDMX: the row of each cell (reporter, partner, product, flow, period), for merging its lines.
  std::map<std::string, size_t> cell;
  std::vector<bool> has_value;
  uint64_t supplementary = 0;
  // Unknown area codes: one problem per code (its first line).
  formats_internal::UnknownAreaCodes unknown;

  std::vector<std::string_view> f;
  for (;;) {
    TRADESTAT_ASSIGN_OR_RETURN(bool more,
                               NextSourceRecord(reader, header.size(), file, &f, table, problems));
    if (!more) break;
    const SourceRecord rec{f, reader};
    bool ok = true;
    auto fail = [&](int c, std::string_view what, std::string_view value) {
      ok = false;
      AddProblem(problems, file, reader, c, name(c), what, ToUtf8(value, false));
    };
    std::string indicator = sdmx ? core::ToUpper(CodeOf(rec.At(c_ind))) : std::string();
    enum { kValue, kQuantity100, kOther } what = kValue;
    if (sdmx) {
      if (indicator == "VALUE_IN_EUROS" || indicator == "VALUE_EUR")
        what = kValue;
      else if (indicator == "QUANTITY_IN_100KG")
        what = kQuantity100;
      else if (indicator == "SUPPLEMENTARY_QUANTITY" || indicator == "SUP_QUANTITY")
        what = kOther;
      else {
        fail(c_ind,
             "not a Comext indicator; expected VALUE_IN_EUROS, QUANTITY_IN_100KG or "
             "SUPPLEMENTARY_QUANTITY",
             rec.At(c_ind));
        continue;
      }
      if (what == kOther) {
        ++supplementary;
        ++table->merged_rows;
        continue;
      }
      if (CodeOf(rec.At(c_obs)).empty()) {  // a confidential or missing observation
        ++table->not_available;
        continue;
      }
    }

    SourceRow row;
    row.line = reader.line();
    // Period: 2023-01, 202301, 2023M01; annual 2023 or bulk 202352.
    std::string digits;
    for (char ch : CodeOf(rec.At(c_period)))
      if (ch >= '0' && ch <= '9') digits.push_back(ch);
    std::string freq = core::ToUpper(CodeOf(rec.At(c_freq)));
    if (digits.size() == 6 && digits.substr(4) == "52") digits.resize(4);
    if (freq == "A" && digits.size() >= 4) digits.resize(4);
    row.field[0] =
        digits.size() == 4 || digits.size() == 6 ? digits : std::string(rec.At(c_period));
    row.column[0] = rec.Column(c_period);

    std::string flow = core::ToUpper(CodeOf(rec.At(c_flow)));
    if (flow == "1" || flow == "IMPORT" || flow == "IMPORTS" || flow == "M")
      row.field[1] = "M";
    else if (flow == "2" || flow == "EXPORT" || flow == "EXPORTS" || flow == "X")
      row.field[1] = "X";
    else
      fail(c_flow, "not a Comext flow; expected 1 (imports) or 2 (exports)", rec.At(c_flow));
    row.column[1] = rec.Column(c_flow);

    auto area = [&](int c, bool reporter, int slot) {
      std::string code, why;
      AreaKind k = ComextArea(ref, rec.At(c), reporter, &code, &why);
      row.column[slot] = rec.Column(c);
      if (k == AreaKind::kWorld) {
        row.partner_world = true;
        row.field[slot] = world;
      } else if (k == AreaKind::kGroup) {
        row.partner_group = true;
        row.field[slot] = code;
      } else if (k == AreaKind::kCountry) {
        row.field[slot] = code;
      } else if (!reporter && options.unknown_partner_residual &&
                 !core::IsDigits(CodeOf(rec.At(c)))) {
        row.field[slot] = "XNS";
        ++table->unknown_partner_rows;
        std::string key = "P" + std::string(CodeOf(rec.At(c)));
        if (unknown.FirstKept(key.substr(1)))
          table->warnings.push_back(
              fmt::format("{}:{}: partner code {} is not a known area; its rows are stored under "
                          "partner XNS (not specified), --unknown-partner residual",
                          file, reader.line(), core::MessageExcerpt(key.substr(1))));
      } else {
        unknown.Note(reporter, CodeOf(rec.At(c)), reader.line(), rec.Column(c), name(c),
                     fmt::format("{} code not known ({})", reporter ? "reporter" : "partner", why));
        ok = false;
      }
    };
    area(c_rep, true, 2);
    area(c_par, false, 3);

    std::string cmd = core::ToUpper(CodeOf(rec.At(c_cmd)));
    row.commodity_total = cmd == "TOTAL";
    // Confidential trade is published under the code's digits followed by S (2709SSSS, 27SSSSSS):
    // a part of its chapter or heading, stored under those digits, never an aggregate.
    size_t s = cmd.find('S');
    if (!row.commodity_total && s != std::string::npos && s >= 2 &&
        core::IsDigits(cmd.substr(0, s)) && cmd.find_first_not_of('S', s) == std::string::npos) {
      row.confidential = true;
      cmd.resize(s);
    }
    row.field[4] = row.commodity_total ? "00" : cmd;
    row.column[4] = rec.Column(c_cmd);

    if (c_proc >=
        0) {  // statistical procedures (normal, inward/outward processing): disjoint parts
      std::string_view p = CodeOf(rec.At(c_proc));
      row.customs = p.empty() ? "" : "P" + std::string(p);
    }

    // Value (EUR) and quantity (kg).
    std::string value, quantity, why;
    int64_t minor = 0;
    if (what == kValue) {
      std::string_view v = CodeOf(rec.At(c_value));
      if (!NormalizeMoney(v, false, table, reader.line(), rec.Column(c_value), &value, &why))
        fail(c_value, why, v);
      else if (core::ParseScaled(value, table->money_scale, &minor) != core::DecimalError::kOk)
        fail(c_value, "too large for a money amount", v);
    }
    if (c_qty >= 0 && (what == kQuantity100 || !sdmx)) {
      std::string_view q = CodeOf(rec.At(c_qty));
      std::string text = sdmx ? ShiftDecimal(q, 2) : std::string(q);
      if (!NormalizeQuantity(text, false, &quantity, &why)) fail(c_qty, why, q);
    }
    if (!ok) continue;

    if (sdmx) {
      std::string key = fmt::format("{}|{}|{}|{}|{}|{}", row.field[0], row.field[1], row.field[2],
                                    row.field[3], row.field[4], row.confidential);
      auto [it, fresh] = cell.emplace(key, table->rows.size());
      if (!fresh) {
        SourceRow& r = table->rows[it->second];
        ++table->merged_rows;
        if (what == kValue) {
          if (has_value[it->second]) {
            problems->Add(
                {file, reader.line(), rec.Column(c_ind),
                 fmt::format(
                     "{}: a second VALUE_IN_EUROS observation for the same cell (first at line {})",
                     name(c_ind), r.line)});
            continue;
          }
          has_value[it->second] = true;
          r.value = {value};
          r.value_column = {rec.Column(c_value)};
          r.minor = {minor};
          r.line = reader.line();
        } else {
          r.field[7] = quantity;
          r.column[7] = rec.Column(c_qty);
          r.field[8] = quantity.empty() ? "" : "KG";
        }
        continue;
      }
      has_value.push_back(what == kValue);
    }
    row.value = {what == kValue ? value : "0"};
    row.value_column = {rec.Column(c_value)};
    row.minor = {minor};
    row.field[7] = quantity;
    row.column[7] = rec.Column(c_qty);
    row.field[8] = quantity.empty() ? "" : "KG";
    table->rows.push_back(std::move(row));
  }
  unknown.Report(file, problems);
  if (sdmx) {
    // A cell with a quantity but no value observation: nothing to store for it.
    std::vector<SourceRow> kept;
    uint64_t dropped = 0, first = 0;
    for (size_t i = 0; i < table->rows.size(); ++i) {
      if (has_value[i]) {
        kept.push_back(std::move(table->rows[i]));
      } else {
        ++dropped;
        if (first == 0) first = table->rows[i].line;
      }
    }
    if (table->not_available > 0)
      table->warnings.push_back(
          fmt::format("{}: {} observations have no value (OBS_VALUE empty: confidential or "
                      "not available) and are not stored",
                      file, table->not_available));
    table->rows = std::move(kept);
    if (dropped > 0) {
      table->not_available += dropped;
      table->warnings.push_back(
          fmt::format("{}:{}: {} cells have a QUANTITY_IN_100KG observation but no "
                      "VALUE_IN_EUROS one: not stored (counted as not_available)",
                      file, first, dropped));
    }
    if (supplementary > 0)
      table->warnings.push_back(
          fmt::format("{}: {} SUPPLEMENTARY_QUANTITY observations are not stored (units vary "
                      "by product; the quantity kept is QUANTITY_IN_100KG, in kg)",
                      file, supplementary));
  }
  return Status::Ok();
}

}  // namespace tradestat::ingest
