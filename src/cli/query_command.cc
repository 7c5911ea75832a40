// cli/query_command.cc: `tradestat query STORE --period SPEC [options]` (docs/query.md).
//
// A thin shell: options fill a query::QueryRequest, query::Execute answers it, and a renderer
// prints it. All validation happens in the library so the bulletin and the server behave alike.
#include <unistd.h>

#include <cstdio>

#include <fmt/format.h>

#include "cli/cli.h"
#include "cli/open_store.h"
#include "cli/store_reference.h"
#include "cli/vintage_arg.h"
#include "clickhouse/clickhouse_store.h"
#include "core/file.h"
#include "core/strings.h"
#include "query/engine.h"
#include "query/json.h"
#include "query/parse.h"
#include "query/refdata_lookup.h"
#include "query/store_source.h"
#include "report/display_json.h"
#include "report/table.h"
#include "store/store.h"

namespace tradestat::cli {
namespace {

struct QueryOptions {
  std::string store_path;
  query::QueryRequest request;
  std::string format;
  std::string out;
  std::string top;
  int threads = 0;
  uint64_t max_bytes = 0;  // --max-query-bytes (query::QueryBudget::max_bytes); 0 = no limit
  std::string as_of;       // --as-of (issue 6): a vintage number or date; empty = current
  bool display = false;    // --display: JSON with display text (report/display_json.h)
};

core::Result<std::string> ResolveFormat(const QueryOptions& o) {
  std::string f = core::ToLower(o.format);
  if (f.empty()) {
    auto ends = [&](std::string_view ext) {
      return o.out.size() > ext.size() && o.out.substr(o.out.size() - ext.size()) == ext;
    };
    if (ends(".xlsx")) return std::string("xlsx");
    if (ends(".csv")) return std::string("csv");
    if (ends(".md")) return std::string("md");
    if (ends(".json")) return std::string("json");
    if (ends(".txt")) return std::string("table");
    return std::string(o.out.empty() && ::isatty(STDOUT_FILENO) ? "table" : "json");
  }
  if (f == "table" || f == "text" || f == "csv" || f == "json" || f == "md" || f == "markdown" ||
      f == "xlsx")
    return f == "text" ? std::string("table") : f == "markdown" ? std::string("md") : f;
  return core::Status::InvalidArgument(
      fmt::format("--format: \"{}\"; accepted: table, csv, json, md, xlsx", o.format));
}

int RunQuery(QueryOptions o) {
  if (!o.top.empty()) {
    if (!core::IsDigits(o.top) || o.top.size() > 9)
      return ReportError(core::Status::InvalidArgument(
          fmt::format("--top: \"{}\"; accepted: a whole number >= 0 (0 = all rows)", o.top)));
    o.request.top = std::stoi(o.top);
  }
  auto format = ResolveFormat(o);
  if (!format.ok()) return ReportError(format.status());
  if (*format == "xlsx" && o.out.empty())
    return ReportError(
        core::Status::InvalidArgument("--format xlsx: a spreadsheet needs --out FILE.xlsx"));
  if (o.display && *format != "json")
    return ReportError(core::Status::InvalidArgument(fmt::format(
        "--display: adds display text to JSON only; use it with --format json (not {})", *format)));
  // A clickhouse:// STORE is answered by the cluster (clickhouse/, docs/scale-out.md); --as-of
  // (cli/vintage_arg.h) shows every dataset as it stood at that vintage or date.
  auto opened = OpenStoreForReading(o.store_path, o.as_of);
  if (!opened.ok()) return ReportError(opened.status());
  const query::Catalog& catalog = opened->catalog();
  const query::ReferenceLookup& lookup = *opened->lookup;
  query::ExecuteOptions exec;
  exec.threads = o.threads;
  query::QueryBudget budget;
  budget.max_bytes = o.max_bytes;
  if (o.max_bytes > 0) exec.budget = &budget;
  auto result = query::Execute(o.request, catalog, lookup, exec);
  if (!result.ok() && budget.bytes_exceeded)
    return ReportError(core::Status::InvalidArgument(query::TooManyBytesMessage(
        budget.bytes_needed, budget.max_bytes, "the limit of --max-query-bytes")));
  if (!result.ok()) return ReportError(result.status());
  // A period (or its comparison period) the data do not fully cover is answered, never silently:
  // the JSON carries "coverage" and stderr says what is missing (growth against a partial period).
  if (!result->coverage.complete())
    std::fprintf(stderr,
                 "tradestat: warning: --period %s: dataset \"%s\" does not fully cover it (%s); "
                 "totals and growth "
                 "use only the months present\n",
                 result->period.label.c_str(), result->dataset.c_str(),
                 query::CoverageGapText(result->coverage, result->period, result->compare).c_str());

  if (*format == "xlsx") {
    core::Status st = report::WriteXlsx(*result, o.out);
    return st.ok() ? kExitOk : ReportError(st);
  }
  std::string text;
  if (*format == "json")
    text = o.display ? report::ToJsonWithDisplay(*result) : query::ToJson(*result);
  else if (*format == "csv")
    text = report::RenderCsv(*result);
  else if (*format == "md")
    text = report::RenderMarkdown(report::QueryTable(*result));
  else
    text = report::RenderText(report::QueryTable(*result));
  return WriteOutput(o.out, text);
}

}  // namespace

void RegisterQueryCommand(CLI::App& app, CommandResult& result) {
  auto o = std::make_shared<QueryOptions>();
  CLI::App* cmd =
      AddCommand(app, result, "query",
                 "Compute totals, breakdowns and indicators (growth, shares, ranks...) exactly",
                 [o] { return RunQuery(*o); });
  query::QueryRequest& r = o->request;
  cmd->add_option("STORE", o->store_path, "Store directory")->required();
  cmd->add_option("--dataset,-d", r.dataset, "Dataset (default: the only one in the store)");
  cmd->add_option(
         "--period,-p", r.period,
         "Period: 2023-06, 2023-01..2023-06, 2015..2023, 2023Q2, 2023H1, 2023, 2023-06:ytd")
      ->required();
  cmd->add_option("--compare", r.compare, "yoy (same months a year earlier, default), prev, none");
  cmd->add_option("--reporter", r.reporter,
                  "Reporter code, or a region or group containing reporters (a province code "
                  "covers its prefectures)");
  cmd->add_option("--flow", r.flow,
                  "total (X+M, default), X (exports), M (imports), or an \"of which\" flow: RX, "
                  "RM, DX, FM, ... (any case; never part of X or M)");
  cmd->add_option("--where", r.where,
                  std::string("Filter DIM=V[,V...] (repeatable); DIM: ") +
                      std::string(query::WhereDimensionList()));
  cmd->add_option(
      "--by", r.by,
      std::string("Breakdown, one or more of: ") + std::string(query::ByDimensionList()));
  cmd->add_option("--units", r.units,
                  "With --by partner: blocs ranked as single partners, e.g. ASEAN,EU");
  cmd->add_option("--currency", r.currency,
                  "Currency of the values (default: the dataset's first)");
  cmd->add_option("--benchmark", r.benchmark,
                  "DATASET[:REPORTER] whose growth rows are compared with");
  cmd->add_option("--top", o->top, "Keep the first N rows after sorting");
  cmd->add_option(
      "--sort", r.sort,
      "FIELD[:asc|desc]: value, value_prev, growth_pct, share_pct, contribution_pp, rank, balance, "
      "partners, name or a --by dimension");
  cmd->add_option("--measure", r.measures,
                  "Measures: value (default), quantity (sum within one unit), unit_value (value / "
                  "quantity, volume_growth_pct, price_growth_pct), rca, trade_intensity, hhi, "
                  "products_exported "
                  "(docs/query.md \"Indicators\"); several with commas");
  cmd->add_option(
      "--products-level", r.products_level,
      "With --measure products_exported: the HS level counted, hs2, hs4, hs6 (default) or hs8");
  cmd->add_option(
      "--products-min", r.products_min,
      "With --measure products_exported: count codes whose exports exceed this amount (default 0)");
  cmd->add_option("--lang", r.lang, "Names and units: en (default) or zh");
  cmd->add_option("--format,-f", o->format,
                  "table (default on a terminal), json (default otherwise), csv, md, xlsx");
  cmd->add_option("--out,-o", o->out,
                  "Write to FILE instead of standard output (format from the extension)");
  cmd->add_option("--threads", o->threads, "Worker threads (default: all cores)");
  cmd->add_option("--max-query-bytes", o->max_bytes,
                  "Refuse the query (exit 2) once its estimated memory (cube and result rows) "
                  "would pass SIZE, "
                  "e.g. 2GiB (default: no limit)")
      ->transform(CLI::AsSizeValue(true));
  cmd->add_flag(
      "--display", o->display,
      "With --format json: add each figure's display text (units, rounding, language) as the "
      "bulletin writes it (docs/query.md \"Display text\")");
  cmd->add_option("--as-of", o->as_of,
                  "Answer as the store stood then: a vintage number (3) or a date (2026-11-28)");
}

}  // namespace tradestat::cli
