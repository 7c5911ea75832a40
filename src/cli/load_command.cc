// cli/load_command.cc: `tradestat load STORE --dataset NAME FILE...` (all-or-nothing loading).
#include <unistd.h>

#include <cstdio>

#include <fmt/format.h>

#include "cli/cli.h"
#include "cli/store_reference.h"
#include "clickhouse/load.h"
#include "clickhouse/url.h"
#include "core/strings.h"
#include "ingest/loader.h"

namespace tradestat::cli {

namespace {

// Aggregate-row treatment per file and mismatch warnings (real-world formats only).
void PrintLoadNotes(const ingest::LoadReport& r, bool quiet) {
  size_t shown = 0;
  for (const auto& w : r.warnings) {
    if (shown++ == 20) {
      std::fprintf(
          stderr,
          "warning: ... and %zu more warnings (counts per file below and in 'tradestat info')\n",
          r.warnings.size() - 20);
      break;
    }
    std::fprintf(stderr, "warning: %s\n", w.c_str());
  }
  if (quiet) return;
  for (const auto& f : r.files) {
    if (f.format.empty()) continue;
    std::string parts;
    for (const auto& [k, n] : f.treatment)
      if (n > 0 && k != "data_rows")
        parts += fmt::format("{}{} {}", parts.empty() ? "" : ", ",
                             core::GroupThousands(std::to_string(n)), k);
    std::printf("%s: %s%s%s, %s rows: %s\n", f.name.c_str(), f.format.c_str(),
                f.classification.empty() ? "" : " ", f.classification.c_str(),
                core::GroupThousands(std::to_string(f.rows)).c_str(), parts.c_str());
  }
}

}  // namespace

void RegisterLoadCommand(CLI::App& app, CommandResult& result) {
  auto opts = std::make_shared<ingest::LoadOptions>();
  auto quiet = std::make_shared<bool>(false);
  CLI::App* cmd = AddCommand(
      app, result, "load",
      "Load canonical CSV, UN Comtrade or China customs files (plain, .gz or .zst) into a dataset",
      [opts, quiet] {
        if (!opts->format_error.empty())
          return ReportError(core::Status::InvalidArgument(opts->format_error));
        opts->progress = !*quiet && ::isatty(STDERR_FILENO);
        auto reference = LoadStoreReference(opts->store_path);
        if (!reference.ok()) return ReportError(reference.status());
        auto report = clickhouse::IsClickHouseUrl(opts->store_path)
                          ? clickhouse::LoadFiles(*opts, **reference)
                          : ingest::LoadFiles(*opts, **reference);
        if (!report.ok()) return ReportError(report.status());
        const auto& r = *report;
        PrintLoadNotes(r, *quiet);
        std::string months = r.periods.empty() ? "no periods"
                             : r.periods.size() == 1
                                 ? r.periods.front()
                                 : fmt::format("{} periods {}..{}", r.periods.size(),
                                               r.periods.front(), r.periods.back());
        double mb = static_cast<double>(r.bytes) / 1e6;
        if (opts->dry_run) {
          std::printf("dry run: %s rows in %zu file%s are valid (%s); nothing was written\n",
                      core::GroupThousands(std::to_string(r.rows)).c_str(), r.files.size(),
                      r.files.size() == 1 ? "" : "s", months.c_str());
        } else if (!*quiet) {
          std::printf(
              "%s %s rows (%.1f MB) from %zu file%s into dataset '%s' as vintage %u (%s) in %.2f "
              "s, %.0f MB/s\n",
              opts->replace ? "replaced with" : "loaded",
              core::GroupThousands(std::to_string(r.rows)).c_str(), mb, r.files.size(),
              r.files.size() == 1 ? "" : "s", opts->dataset.c_str(), r.vintage, months.c_str(),
              r.seconds, r.seconds > 0 ? mb / r.seconds : 0.0);
          if (r.money_scale != 2)
            std::printf("money is kept exact to %d decimals (the dataset's money scale)\n",
                        r.money_scale);
        }
        return kExitOk;
      });
  cmd->add_option("STORE", opts->store_path, "Store directory (created by 'tradestat init')")
      ->required();
  cmd->add_option("--dataset,-d", opts->dataset,
                  "Dataset to load into (created on first load), e.g. customs_2023")
      ->required();
  cmd->add_option("FILE", opts->files,
                  "Canonical CSV files; '-' reads standard input; .gz/.zst are decompressed")
      ->required();
  cmd->add_flag("--replace", opts->replace,
                "Replace the periods present in the input (a revision); the previous version is "
                "kept as a vintage");
  // Input formats (ingest/formats/, docs/formats/inputs.md).
  // The option writes into *format when CLI11 parses, long after this function returned: the
  // callback owns a reference so the string outlives the parse (a local one was used after free).
  auto format = std::make_shared<std::string>("auto");
  cmd->add_option(
         "--format", *format,
         "Input layout: auto (from the header), canonical, comtrade, cn-customs, comext, wits")
      ->default_val("auto")
      ->each([opts, format](const std::string& v) {
        auto f = ingest::ParseInputFormat(v);
        opts->format = f.ok() ? *f : ingest::InputFormat::kAuto;
        if (!f.ok()) opts->format_error = f.status().message();
      });
  cmd->add_option(
      "--flow", opts->format_options.flow,
      "X or M (or an \"of which\" flow such as RX), for China customs files without a flow column");
  cmd->add_option("--period", opts->format_options.period,
                  "YYYY-MM (or YYYY), for China customs files without a 数据年月 column");
  cmd->add_flag("--append", opts->append,
                "Add records to periods that already hold data (further declaration batches); "
                "without it such a load "
                "is refused, so nothing is counted twice");
  auto unknown_partner = std::make_shared<std::string>("error");
  cmd->add_option("--unknown-partner", *unknown_partner,
                  "error (default): an unknown Comtrade area code is a problem; residual: store "
                  "its rows under "
                  "partner XNS (not specified)")
      ->check(CLI::IsMember({"error", "residual"}))
      ->each([opts](const std::string& v) {
        opts->format_options.unknown_partner_residual = v == "residual";
      });
  cmd->add_flag("--strict", opts->format_options.strict,
                "Refuse values in scientific notation (spreadsheet damage) instead of loading them "
                "with a warning");
  cmd->add_option("--money-scale", opts->money_scale,
                  "Decimals kept of money values for a new dataset (0..6); default: the most any "
                  "value of its first "
                  "load has, at least 2. An existing dataset keeps its own")
      ->check(CLI::Range(0, 6));
  cmd->add_flag("--dry-run", opts->dry_run,
                "Validate every row and report, without writing anything");
  cmd->add_flag("--quiet,-q", *quiet, "Print nothing on success");
}

}  // namespace tradestat::cli
