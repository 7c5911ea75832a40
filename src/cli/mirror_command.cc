// cli/mirror_command.cc: `tradestat mirror STORE --reporter A [--partner B] --period P [--by hs2]`
// (docs/query.md "Mirror statistics"): a reporter's exports and imports beside its partners'
// reports of the same trade. The library (query/mirror.h) does the work; this file parses the
// options and lays the result out as JSON or an aligned table.
#include <unistd.h>

#include <cstdio>
#include <set>

#include <fmt/format.h>

#include "cli/cli.h"
#include "cli/open_store.h"
#include "core/decimal.h"
#include "core/file.h"
#include "core/strings.h"
#include "query/mirror.h"
#include "query/refdata_lookup.h"
#include "query/store_source.h"
#include "report/display.h"
#include "report/table.h"
#include "store/store.h"

namespace tradestat::cli {
namespace {

struct MirrorOptions {
  std::string store_path;
  query::MirrorRequest request;
  std::string format;
  std::string out;
};

std::string Money(const std::optional<__int128>& v, const query::MirrorResult& r) {
  return v ? report::display::MoneyCell(*v, r.money_scale, r.currency, r.lang) : "n/a";
}

void AddFlow(std::vector<std::string>& cells, const query::MirrorFlow& f,
             const query::MirrorResult& r) {
  cells.push_back(Money(f.reported, r));
  cells.push_back(Money(f.mirror, r));
  cells.push_back(Money(f.gap, r));
  cells.push_back(f.ratio.present ? report::display::UnitValueText(f.ratio) : "n/a");
  cells.push_back(f.flag);
}

report::Table MirrorTable(const query::MirrorResult& r) {
  report::Table t;
  t.title = fmt::format("Mirror statistics: {} ({}) and its partners, {}, {}", r.reporter,
                        r.reporter_name, r.period.label, r.currency);
  t.headers = {"partner", "name"};
  if (!r.by.empty()) t.headers.insert(t.headers.end(), {r.by, "product"});
  t.headers.insert(t.headers.end(), {"exports FOB", "partner M CIF", "gap", "CIF/FOB", "flag",
                                     "imports CIF", "partner X FOB", "gap", "CIF/FOB", "flag"});
  for (size_t i = 0; i < t.headers.size(); ++i) t.numeric.push_back(i >= (r.by.empty() ? 2u : 4u));
  for (const query::MirrorRow& row : r.rows) {
    std::vector<std::string> cells = {row.partner, row.partner_name};
    if (!r.by.empty()) cells.insert(cells.end(), {row.product, row.product_name});
    AddFlow(cells, row.exports, r);
    AddFlow(cells, row.imports, r);
    t.rows.push_back(std::move(cells));
  }
  std::vector<std::string> total = {"TOTAL",
                                    fmt::format("partners compared: {}", r.partners_compared)};
  if (!r.by.empty()) total.insert(total.end(), {"", ""});
  AddFlow(total, r.total_exports, r);
  AddFlow(total, r.total_imports, r);
  t.total_row = t.rows.size();
  t.rows.push_back(std::move(total));
  t.notes.push_back(fmt::format(
      "Exports are valued FOB, imports CIF; CIF/FOB = CIF side / FOB side, flagged outside {}..{} "
      "(below_fob, "
      "above_margin).",
      core::FormatScaled(query::kMarginLowPct, 2), core::FormatScaled(query::kMarginHighPct, 2)));
  t.notes.push_back(fmt::format("Partner reports from dataset \"{}\".", r.partner_dataset));
  std::set<std::string> seen;  // one note per partner, not per product row
  for (const query::MirrorRow& row : r.rows) {
    if (!seen.insert(row.partner).second) continue;
    if (!row.partner_reports)
      t.notes.push_back(
          fmt::format("{} does not report in dataset \"{}\" for {}: no mirror figures (n/a).",
                      row.partner, r.partner_dataset, r.period.label));
    else if (!row.partner_missing.empty())
      t.notes.push_back(fmt::format("{} does not report {}: no mirror figures for {} (n/a).",
                                    row.partner, row.partner_missing, r.period.label));
  }
  if (r.exports_not_compared != 0 || r.imports_not_compared != 0)
    t.notes.push_back(
        fmt::format("Not compared (partners without full reports): exports {}, imports {}.",
                    Money(r.exports_not_compared, r), Money(r.imports_not_compared, r)));
  return t;
}

int RunMirror(const MirrorOptions& o) {
  std::string format = core::ToLower(o.format);
  if (format.empty()) format = o.out.empty() && ::isatty(STDOUT_FILENO) ? "table" : "json";
  if (format == "text") format = "table";
  if (format != "table" && format != "json" && format != "md")
    return ReportError(core::Status::InvalidArgument(
        fmt::format("--format: \"{}\"; accepted: table, json, md", o.format)));
  auto opened = OpenStoreForReading(o.store_path);  // a directory or a clickhouse:// URL
  if (!opened.ok()) return ReportError(opened.status());
  auto result = query::Mirror(o.request, opened->catalog(), *opened->lookup);
  if (!result.ok()) return ReportError(result.status());
  std::string text;
  if (format == "json")
    text = query::MirrorJson(*result);
  else if (format == "md")
    text = report::RenderMarkdown(MirrorTable(*result));
  else
    text = report::RenderText(MirrorTable(*result));
  return WriteOutput(o.out, text);
}

}  // namespace

void RegisterMirrorCommand(CLI::App& app, CommandResult& result) {
  auto o = std::make_shared<MirrorOptions>();
  CLI::App* cmd = AddCommand(
      app, result, "mirror",
      "Mirror statistics: a reporter's exports/imports beside its partners' reports of them",
      [o] { return RunMirror(*o); });
  query::MirrorRequest& r = o->request;
  cmd->add_option("STORE", o->store_path, "Store directory or clickhouse:// URL")->required();
  cmd->add_option("--dataset,-d", r.dataset,
                  "Dataset of the reporter's reports (default: the only one)");
  cmd->add_option("--partner-dataset", r.partner_dataset,
                  "Dataset of the partners' reports (default: --dataset)");
  cmd->add_option("--reporter", r.reporter, "The reporting country (e.g. CHN)")->required();
  cmd->add_option("--partner", r.partner,
                  "One partner country (default: every partner either side reports)");
  cmd->add_option("--period,-p", r.period,
                  "Period: 2023-06, 2023-01..2023-06, 2023Q2, 2023H1, 2023")
      ->required();
  cmd->add_option("--by", r.by, "Per product too: hs2, hs4, hs6 or hs8");
  cmd->add_option("--currency", r.currency,
                  "Currency both datasets hold (default: the reporter dataset's first)");
  cmd->add_option("--lang", r.lang, "Names and units: en (default) or zh");
  cmd->add_option("--format,-f", o->format,
                  "table (default on a terminal), json (default otherwise), md");
  cmd->add_option("--out,-o", o->out, "Write to FILE instead of standard output");
}

}  // namespace tradestat::cli
