// ingest/loader.cc: drives InputFile -> CsvReader -> RowConverter -> LoadTransaction.
//
// Canonical files stream straight through. Real-world files (UN Comtrade, China customs; format
// from --format or the header, formats/source_table.h) are buffered, mapped to canonical fields,
// their aggregate rows classified and kept out (formats/aggregates.cc), and only the finest rows
// go through the same RowConverter, so validation and all-or-nothing are identical.
#include "ingest/loader.h"

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <climits>
#include <cstdio>
#include <map>
#include <set>

#include <fmt/format.h>

#include "core/file.h"
#include "core/hash.h"
#include "core/strings.h"
#include "ingest/canonical_schema.h"
#include "ingest/csv_reader.h"
#include "ingest/formats/source_table.h"
#include "ingest/input_file.h"
#include "ingest/row_converter.h"
#include "store/load_transaction.h"
#include "store/store_paths.h"

namespace tradestat::ingest {

using core::Result;
using core::Status;
using Clock = std::chrono::steady_clock;

Status LoadOptions::Validate() const {
  if (files.empty()) return Status::InvalidArgument("load: no input FILE given");
  int stdin_count = 0;
  for (const auto& f : files) stdin_count += f == "-";
  if (!format_error.empty()) return Status::InvalidArgument(format_error);
  if (stdin_count > 1)
    return Status::InvalidArgument("load: '-' (standard input) can be given only once");
  if (append && replace)
    return Status::InvalidArgument(
        "load: --append and --replace exclude each other: --append adds records to months "
        "already loaded, --replace replaces them");
  return Status::Ok();
}

namespace {

constexpr size_t kBatchRows = 1 << 16;

// Why a header that is no known layout was given: an error page or message saved as .csv, or a
// layout tradestat does not read. Empty when the header looks canonical (the canonical binder
// then says what is wrong).
std::string NotTradeData(const std::string& path, const std::vector<std::string_view>& header) {
  std::string all_names;
  for (auto h : header) all_names += core::ToLower(core::Trim(h)) + ",";
  const bool foreign = all_names.find("dataflow") != std::string::npos ||
                       all_names.find("obs_value") != std::string::npos ||
                       all_names.find("declarant") != std::string::npos ||
                       all_names.find("nomenclature") != std::string::npos ||
                       all_names.find("reporteriso3") != std::string::npos;
  if (!foreign && LooksCanonical(header)) return {};
  int canonical = 0;  // a canonical header with a typo keeps the canonical messages
  for (auto h : header) {
    std::string n = core::ToLower(core::Trim(h));
    canonical += n == "period" || n == "flow" || n == "reporter" || n == "partner" ||
                 n == "commodity" || core::StartsWith(n, "value_");
  }
  if (!foreign && canonical >= 2) return {};
  std::string joined;
  for (size_t i = 0; i < header.size(); ++i)
    joined += (i ? "," : "") + std::string(core::Trim(header[i]));
  std::string lower = core::ToLower(joined);
  std::string shown = joined.size() > 160 ? joined.substr(0, 160) + "..." : joined;
  for (std::string_view marker :
       {"<!doctype", "<html", "<?xml", "{\"error", "{\"status", "{\"message", "error:", "no data",
        "rate limit", "too many requests", "not authorized", "unauthorized", "access denied",
        "invalid subscription", "service unavailable"})
    if (lower.find(marker) != std::string::npos)
      return fmt::format(
          "{}: not trade data: the file holds a message or web page from the source (\"{}\"), "
          "saved "
          "as a data file; nothing was loaded. Download the data again",
          path, shown);
  std::string_view layout;
  if (lower.find("dataflow") != std::string::npos || lower.find("declarant") != std::string::npos)
    layout =
        " (this looks like a Eurostat Comext file, but neither an SDMX-CSV extract with OBS_VALUE "
        "nor a bulk "
        "file with PRODUCT_NC)";
  else if (lower.find("nomenclature") != std::string::npos ||
           lower.find("reporteriso3") != std::string::npos)
    layout =
        " (this looks like a World Bank WITS file, but without \"TradeValue in 1000 USD\" or "
        "ProductCode)";
  return fmt::format(
      "{}: not a recognised trade-file layout (header: {}){}; supported: canonical, comtrade-plus, "
      "comtrade-legacy, comtrade-extract, cn-customs, comext, wits; see docs/formats/inputs.md",
      path, shown, layout);
}

class Progress {
 public:
  explicit Progress(bool enabled) : enabled_(enabled), start_(Clock::now()), last_(start_) {}
  void Update(const InputFile& in, uint64_t rows, bool force = false) {
    if (!enabled_) return;
    auto now = Clock::now();
    if (!force && now - last_ < std::chrono::milliseconds(250)) return;
    last_ = now;
    double secs = std::chrono::duration<double>(now - start_).count();
    double mb = static_cast<double>(in.bytes_read()) / 1e6;
    std::string eta;
    if (in.disk_size() > 0 && in.disk_bytes_read() > 0 && secs > 0.2) {
      double frac = static_cast<double>(in.disk_bytes_read()) / static_cast<double>(in.disk_size());
      eta = fmt::format(", {:.0f}%, ETA {:.0f}s", frac * 100, secs / std::max(frac, 1e-9) - secs);
    }
    std::fprintf(stderr, "\r\033[Kloading %s: %s rows, %.0f MB/s%s", in.path().c_str(),
                 core::GroupThousands(std::to_string(rows)).c_str(), secs > 0 ? mb / secs : 0.0,
                 eta.c_str());
    std::fflush(stderr);
  }
  void Done() {
    if (enabled_) std::fprintf(stderr, "\r\033[K");
  }

 private:
  bool enabled_;
  Clock::time_point start_, last_;
};

}  // namespace

namespace {

// One pass of a load with money parsed at `scale` decimals. With `fixed` false, values needing
// more decimals set *needed (nothing is committed) and the caller loads again at that scale.
Result<LoadReport> LoadAt(const LoadOptions& options, const refdata::Reference& reference,
                          int scale, bool fixed, const std::string& fixed_why, int* needed) {
  auto t0 = Clock::now();
  LoadReport report;
  std::unique_ptr<store::LoadTransaction> tx;
  std::unique_ptr<RowConverter> converter;
  ProblemList problems(options.max_problems);
  std::set<std::string> hashes_in_this_load;
  store::RowBatch batch;
  std::vector<std::string_view> fields;
  Progress progress(options.progress);
  std::set<int32_t> input_periods;  // period keys of this load, for the double-counting check
  auto note_periods = [&](const store::RowBatch& b) {
    int32_t last = INT32_MIN;
    for (int32_t k : b.period_key)
      if (k != last) input_periods.insert(last = k);
  };

  // Starts the transaction with the first file's currencies, or checks a later file's match.
  auto begin = [&](const std::string& path, const std::vector<std::string>& currencies) -> Status {
    if (!tx) {
      store::LoadTransaction::Options topts;
      topts.mode = options.replace ? store::LoadTransaction::Mode::kReplace
                                   : store::LoadTransaction::Mode::kAppend;
      topts.dry_run = options.dry_run;
      topts.currencies = currencies;
      topts.money_scale = scale;
      auto begun = store::LoadTransaction::Begin(options.store_path, options.dataset, topts);
      if (!begun.ok()) return begun.status();  // a store error names the store file, not the input
      tx = std::move(*begun);
      std::vector<store::Dictionary*> dicts;
      for (int d = 0; d < store::kDimCount; ++d)
        dicts.push_back(&tx->dictionary(static_cast<store::Dim>(d)));
      converter = std::make_unique<RowConverter>(reference, std::move(dicts));
      converter->SetMoneyScale(scale, fixed, fixed_why);
      report.currencies = currencies;
      report.money_scale = scale;
    } else if (std::set<std::string>(currencies.begin(), currencies.end()) !=
               std::set<std::string>(report.currencies.begin(), report.currencies.end())) {
      return Status::Parse(
          fmt::format("{}:1: value columns {} differ from the first file's {}; all files of one "
                      "load need the same value_<currency> columns",
                      path, fmt::join(currencies, ", "), fmt::join(report.currencies, ", ")));
    }
    return Status::Ok();
  };
  // Value columns are appended in the first file's currency order.
  auto order = [&](const ColumnBinding& binding) {
    ColumnBinding ordered = binding;
    for (size_t c = 0; c < report.currencies.size(); ++c) {
      for (size_t k = 0; k < binding.currencies.size(); ++k)
        if (binding.currencies[k] == report.currencies[c])
          ordered.value_index[c] = binding.value_index[k];
      ordered.currencies[c] = report.currencies[c];
    }
    return ordered;
  };

  for (const std::string& name : options.files) {
    TRADESTAT_ASSIGN_OR_RETURN(auto input, InputFile::Open(name));
    CsvReader reader(input.get());
    TRADESTAT_ASSIGN_OR_RETURN(bool has_header, reader.Next(&fields));
    if (!has_header)
      return Status::Parse(fmt::format("{}:1: empty file; a header row is required ({})",
                                       input->path(),
                                       "period,flow,reporter,partner,commodity,...,value_cny"));
    InputFormat format =
        options.format == InputFormat::kAuto ? DetectFormat(fields) : options.format;
    uint64_t file_rows = 0;
    store::LoadedFile record;
    if (format == InputFormat::kCanonical && options.format == InputFormat::kAuto) {
      std::string why = NotTradeData(input->path(), fields);
      if (!why.empty()) return Status::Parse(why);
    }
    if (format == InputFormat::kCanonical) {
      TRADESTAT_ASSIGN_OR_RETURN(ColumnBinding binding, BindCanonicalHeader(fields, input->path()));
      TRADESTAT_RETURN_IF_ERROR(begin(input->path(), binding.currencies));
      converter->BeginFile(input->path(), order(binding));
      for (;;) {
        TRADESTAT_ASSIGN_OR_RETURN(bool more, reader.Next(&fields));
        if (!more) break;
        ++file_rows;
        converter->Convert(
            fields, reader.line(), [&](size_t i) { return reader.column_of(i); }, &batch,
            &problems);
        if (batch.size() >= kBatchRows) {
          if (problems.count() == 0 && converter->needed_money_scale() <= scale) {
            note_periods(batch);
            TRADESTAT_RETURN_IF_ERROR(tx->Append(batch));
          }
          batch.Clear();
          progress.Update(*input, report.rows + file_rows);
        }
      }
    } else {
      // Real-world exports are small: buffer the file, decide which rows are totals of others,
      // then validate and store only the finest rows through the same RowConverter.
      SourceTable table;
      table.file = input->path();
      table.money_scale = scale;
      std::vector<std::string_view> header = fields;
      std::vector<std::string> header_copy(header.begin(), header.end());
      std::vector<std::string_view> header_views(header_copy.begin(), header_copy.end());
      if (format == InputFormat::kComtrade) {
        TRADESTAT_RETURN_IF_ERROR(ReadComtrade(reader, header_views, input->path(),
                                               options.format_options, reference, &table,
                                               &problems));
      } else if (format == InputFormat::kComext) {
        TRADESTAT_RETURN_IF_ERROR(ReadComext(reader, header_views, input->path(),
                                             options.format_options, reference, &table, &problems));
      } else if (format == InputFormat::kWits) {
        TRADESTAT_RETURN_IF_ERROR(ReadWits(reader, header_views, input->path(),
                                           options.format_options, reference, &table, &problems));
      } else {
        TRADESTAT_RETURN_IF_ERROR(ReadCnCustoms(reader, header_views, input->path(),
                                                options.format_options, reference, &table,
                                                &problems));
      }
      ClassifyAggregates(&table);
      TRADESTAT_RETURN_IF_ERROR(begin(input->path(), table.currencies));
      converter->BeginFile(input->path(), order(table.Binding()));
      if (table.money_decimals >
          scale) {  // the rounded minor units of the readers are never stored
        std::string why = converter->MoneyDecimalsProblem(table.money_decimals);
        if (!why.empty())
          problems.Add({input->path(), table.money_decimals_line, table.money_decimals_column,
                        fmt::format("{}: {} (value \"{}\")",
                                    table.value_names.empty() ? "value" : table.value_names[0], why,
                                    core::MessageExcerpt(table.money_decimals_text))});
      }
      std::vector<std::string_view> slots(kSlotCount + table.currencies.size());
      for (const SourceRow& row : table.rows) {
        if (!IsStored(row.role)) continue;
        for (int i = 0; i < kSlotCount; ++i) slots[i] = row.field[i];
        for (size_t c = 0; c < row.value.size(); ++c) slots[kSlotCount + c] = row.value[c];
        converter->Convert(
            slots, row.line,
            [&](size_t i) -> uint64_t {
              return i < static_cast<size_t>(kSlotCount) ? row.column[i]
                                                         : row.value_column[i - kSlotCount];
            },
            &batch, &problems);
      }
      file_rows = table.data_rows;
      record.format = table.layout;
      record.classification = fmt::format("{}", fmt::join(table.classifications, ","));
      record.treatment = table.Counts();
      for (auto& w : table.warnings) report.warnings.push_back(std::move(w));
    }
    if (problems.count() == 0 && converter->needed_money_scale() <= scale) {
      note_periods(batch);
      TRADESTAT_RETURN_IF_ERROR(tx->Append(batch));
    }
    batch.Clear();
    progress.Update(*input, report.rows + file_rows, true);

    std::string hash = core::HashToHex(input->ContentHash());
    if (file_rows == 0)
      problems.Add({input->path(), 2, 0, "no data rows after the header; nothing to load"});
    if (!hashes_in_this_load.insert(hash).second)
      return Status::AlreadyExists(
          fmt::format("{}: the same content is given twice in this load", input->path()));
    if (!options.replace) {
      if (const store::VintageMeta* v = tx->FindLoadedContent(hash)) {
        std::string as;
        for (const auto& f : v->files)
          if (f.content_hash == hash) as = f.name;
        return Status::AlreadyExists(
            fmt::format("{}: this content was already loaded into dataset '{}' on {} (vintage {}, "
                        "as {}); nothing was "
                        "loaded. Use --replace to load a revision of those months",
                        input->path(), options.dataset, v->time, v->id, as));
      }
    }
    record.name = input->path();
    record.content_hash = hash;
    record.bytes = input->bytes_read();
    record.rows = file_rows;
    report.files.push_back(std::move(record));
    report.rows += file_rows;
    report.bytes += input->bytes_read();
  }
  progress.Done();
  if (problems.count() > 0) {
    return Status::Parse(
        fmt::format("{}{} problem{} found; nothing was loaded (fix the input and load again)",
                    problems.Format(), problems.count(), problems.count() == 1 ? "" : "s"));
  }
  if (converter && converter->needed_money_scale() > scale) {
    *needed = converter->needed_money_scale();
    return Status::Unsupported("money scale too small");  // LoadFiles loads again at *needed
  }
  // No silent double counting: months that already hold data need --append or --replace.
  if (tx && !options.replace && !options.append && tx->existing() != nullptr) {
    const store::DatasetMeta& ds = *tx->existing();
    std::map<int32_t, uint32_t> held;  // period key -> vintage that added its first live segment
    for (const auto& seg : ds.segments)
      if (seg.LiveAt(ds.current_vintage()) && input_periods.count(seg.period.key())) {
        auto [it, fresh] = held.emplace(seg.period.key(), seg.added);
        if (!fresh) it->second = std::min(it->second, seg.added);
      }
    if (!held.empty()) {
      std::vector<std::string> months;
      std::set<uint32_t> vintages;
      for (const auto& [key, v] : held) {
        if (months.size() < 12) months.push_back(core::Period::FromKey(key).ToString());
        vintages.insert(v);
      }
      std::vector<std::string> earlier;
      for (const auto& v : ds.vintages)
        if (vintages.count(v.id))
          for (const auto& f : v.files)
            earlier.push_back(fmt::format("{} (vintage {}, {})", f.name, v.id, v.time));
      return Status::AlreadyExists(
          fmt::format("{}: {} {}{} already {} data in dataset '{}', loaded from {}; nothing was "
                      "loaded (loading them again would "
                      "count them twice). Use --append to add more records for those periods (such "
                      "as further declaration "
                      "batches) or --replace to load a revision",
                      fmt::join(options.files, ", "),
                      held.size() == 1 ? "period" : fmt::format("{} periods", held.size()),
                      fmt::join(months, ", "), held.size() > months.size() ? ", ..." : "",
                      held.size() == 1 ? "holds" : "hold", options.dataset,
                      earlier.empty() ? std::string("an earlier load")
                                      : fmt::format("{}", fmt::join(earlier, "; "))));
    }
  }
  TRADESTAT_ASSIGN_OR_RETURN(report.vintage, tx->Commit(report.files));
  for (core::Period p : tx->periods_written()) report.periods.push_back(p.ToString());
  report.seconds = std::chrono::duration<double>(Clock::now() - t0).count();
  return report;
}

}  // namespace

Result<LoadReport> LoadFiles(const LoadOptions& options, const refdata::Reference& reference) {
  TRADESTAT_RETURN_IF_ERROR(options.Validate());
  if (options.money_scale < -1 || options.money_scale > store::kMaxMoneyScale)
    return Status::InvalidArgument(
        fmt::format("--money-scale: {} is not 0..{} (the decimals of money values)",
                    options.money_scale, store::kMaxMoneyScale));
  // The scale: an existing dataset's (fixed by its first load), else the declared one, else the
  // inputs' own precision (at least cents), found by the first pass.
  int scale = options.money_scale >= 0 ? options.money_scale : store::kMoneyScale;
  bool fixed = options.money_scale >= 0;
  std::string why = fmt::format("--money-scale {}; give a larger --money-scale (at most {})", scale,
                                store::kMaxMoneyScale);
  if (auto text = core::ReadFileToString(store::ManifestPath(options.store_path)); text.ok()) {
    auto manifest = store::ParseManifest(*text, store::ManifestPath(options.store_path));
    if (manifest.ok()) {
      if (auto it = manifest->datasets.find(options.dataset); it != manifest->datasets.end()) {
        if (options.money_scale < 0)
          scale = it->second.money_scale;  // else Begin refuses a different one
        fixed = true;
        why = fmt::format(
            "dataset '{}' (its money scale, fixed by its first load); load these values into a new "
            "dataset, which takes the file's precision",
            options.dataset);
      }
    }
  }
  int needed = 0;
  auto report = LoadAt(options, reference, scale, fixed, why, &needed);
  if (needed <= scale) return report;
  if (std::find(options.files.begin(), options.files.end(), "-") != options.files.end())
    return Status::InvalidArgument(
        fmt::format("-: values with {} decimals need money scale {}, and standard input cannot be "
                    "read twice; nothing was "
                    "loaded. Give --money-scale {}",
                    needed, needed, needed));
  return LoadAt(options, reference, needed, true,
                fmt::format("the other values of this load ({} decimals)", needed), &needed);
}

}  // namespace tradestat::ingest
