// ingest/loader.cc: drives InputFile -> CsvReader -> RowConverter -> LoadTransaction.
//
// Canonical files stream straight through. Real-world files (UN Comtrade, China customs; format
// from --format or the header, formats/source_table.h) are buffered, mapped to canonical fields,
// their aggregate rows classified and kept out (formats/aggregates.cc), and only the finest rows
// go through the same RowConverter, so validation and all-or-nothing are identical.
#include "ingest/loader.h"

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <set>

#include <fmt/format.h>

#include "core/hash.h"
#include "core/strings.h"
#include "ingest/csv_reader.h"
#include "ingest/formats/source_table.h"
#include "ingest/input_file.h"
#include "ingest/row_converter.h"
#include "store/load_transaction.h"

namespace tradestat::ingest {

using core::Result;
using core::Status;
using Clock = std::chrono::steady_clock;

Status LoadOptions::Validate() const {
  if (files.empty()) return Status::InvalidArgument("load: no input FILE given");
  int stdin_count = 0;
  for (const auto& f : files) stdin_count += f == "-";
  if (!format_error.empty()) return Status::InvalidArgument(format_error);
  if (stdin_count > 1) return Status::InvalidArgument("load: '-' (standard input) can be given only once");
  return Status::Ok();
}

namespace {

constexpr size_t kBatchRows = 1 << 16;

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
                 core::GroupThousands(std::to_string(rows)).c_str(), secs > 0 ? mb / secs : 0.0, eta.c_str());
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

Result<LoadReport> LoadFiles(const LoadOptions& options, const refdata::Reference& reference) {
  TRADESTAT_RETURN_IF_ERROR(options.Validate());
  auto t0 = Clock::now();
  LoadReport report;
  std::unique_ptr<store::LoadTransaction> tx;
  std::unique_ptr<RowConverter> converter;
  ProblemList problems(options.max_problems);
  std::set<std::string> hashes_in_this_load;
  store::RowBatch batch;
  std::vector<std::string_view> fields;
  Progress progress(options.progress);

  // Starts the transaction with the first file's currencies, or checks a later file's match.
  auto begin = [&](const std::string& path, const std::vector<std::string>& currencies) -> Status {
    if (!tx) {
      store::LoadTransaction::Options topts;
      topts.mode = options.replace ? store::LoadTransaction::Mode::kReplace : store::LoadTransaction::Mode::kAppend;
      topts.dry_run = options.dry_run;
      topts.currencies = currencies;
      auto begun = store::LoadTransaction::Begin(options.store_path, options.dataset, topts);
      if (!begun.ok()) return begun.status().WithContext(path);
      tx = std::move(*begun);
      std::vector<store::Dictionary*> dicts;
      for (int d = 0; d < store::kDimCount; ++d) dicts.push_back(&tx->dictionary(static_cast<store::Dim>(d)));
      converter = std::make_unique<RowConverter>(reference, std::move(dicts));
      report.currencies = currencies;
    } else if (std::set<std::string>(currencies.begin(), currencies.end()) !=
               std::set<std::string>(report.currencies.begin(), report.currencies.end())) {
      return Status::Parse(fmt::format("{}:1: value columns {} differ from the first file's {}; all files of one "
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
        if (binding.currencies[k] == report.currencies[c]) ordered.value_index[c] = binding.value_index[k];
      ordered.currencies[c] = report.currencies[c];
    }
    return ordered;
  };

  for (const std::string& name : options.files) {
    TRADESTAT_ASSIGN_OR_RETURN(auto input, InputFile::Open(name));
    CsvReader reader(input.get());
    TRADESTAT_ASSIGN_OR_RETURN(bool has_header, reader.Next(&fields));
    if (!has_header)
      return Status::Parse(fmt::format("{}:1: empty file; a header row is required ({})", input->path(),
                                       "period,flow,reporter,partner,commodity,...,value_cny"));
    InputFormat format = options.format == InputFormat::kAuto ? DetectFormat(fields) : options.format;
    uint64_t file_rows = 0;
    store::LoadedFile record;
    if (format == InputFormat::kCanonical) {
      TRADESTAT_ASSIGN_OR_RETURN(ColumnBinding binding, BindCanonicalHeader(fields, input->path()));
      TRADESTAT_RETURN_IF_ERROR(begin(input->path(), binding.currencies));
      converter->BeginFile(input->path(), order(binding));
      for (;;) {
        TRADESTAT_ASSIGN_OR_RETURN(bool more, reader.Next(&fields));
        if (!more) break;
        ++file_rows;
        converter->Convert(fields, reader.line(), [&](size_t i) { return reader.column_of(i); }, &batch, &problems);
        if (batch.size() >= kBatchRows) {
          if (problems.count() == 0) TRADESTAT_RETURN_IF_ERROR(tx->Append(batch));
          batch.Clear();
          progress.Update(*input, report.rows + file_rows);
        }
      }
    } else {
      // Real-world exports are small: buffer the file, decide which rows are totals of others,
      // then validate and store only the finest rows through the same RowConverter.
      SourceTable table;
      table.file = input->path();
      std::vector<std::string_view> header = fields;
      std::vector<std::string> header_copy(header.begin(), header.end());
      std::vector<std::string_view> header_views(header_copy.begin(), header_copy.end());
      if (format == InputFormat::kComtrade) {
        TRADESTAT_RETURN_IF_ERROR(ReadComtrade(reader, header_views, input->path(), reference, &table, &problems));
      } else {
        TRADESTAT_RETURN_IF_ERROR(
            ReadCnCustoms(reader, header_views, input->path(), options.format_options, reference, &table, &problems));
      }
      ClassifyAggregates(&table);
      TRADESTAT_RETURN_IF_ERROR(begin(input->path(), table.currencies));
      converter->BeginFile(input->path(), order(table.Binding()));
      std::vector<std::string_view> slots(kSlotCount + table.currencies.size());
      for (const SourceRow& row : table.rows) {
        if (row.role != RowRole::kCounted) continue;
        for (int i = 0; i < kSlotCount; ++i) slots[i] = row.field[i];
        for (size_t c = 0; c < row.value.size(); ++c) slots[kSlotCount + c] = row.value[c];
        converter->Convert(
            slots, row.line,
            [&](size_t i) -> uint64_t {
              return i < static_cast<size_t>(kSlotCount) ? row.column[i] : row.value_column[i - kSlotCount];
            },
            &batch, &problems);
      }
      file_rows = table.data_rows;
      record.format = table.layout;
      record.classification = fmt::format("{}", fmt::join(table.classifications, ","));
      record.treatment = table.Counts();
      for (auto& w : table.warnings) report.warnings.push_back(std::move(w));
    }
    if (problems.count() == 0) TRADESTAT_RETURN_IF_ERROR(tx->Append(batch));
    batch.Clear();
    progress.Update(*input, report.rows + file_rows, true);

    std::string hash = core::HashToHex(input->ContentHash());
    if (file_rows == 0)
      problems.Add({input->path(), 2, 0, "no data rows after the header; nothing to load"});
    if (!hashes_in_this_load.insert(hash).second)
      return Status::AlreadyExists(fmt::format("{}: the same content is given twice in this load", input->path()));
    if (!options.replace) {
      if (const store::VintageMeta* v = tx->FindLoadedContent(hash)) {
        std::string as;
        for (const auto& f : v->files)
          if (f.content_hash == hash) as = f.name;
        return Status::AlreadyExists(fmt::format(
            "{}: this content was already loaded into dataset '{}' on {} (vintage {}, as {}); nothing was "
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
    return Status::Parse(fmt::format("{}{} problem{} found; nothing was loaded (fix the input and load again)",
                                     problems.Format(), problems.count(), problems.count() == 1 ? "" : "s"));
  }
  TRADESTAT_ASSIGN_OR_RETURN(report.vintage, tx->Commit(report.files));
  for (core::Period p : tx->periods_written()) report.periods.push_back(p.ToString());
  report.seconds = std::chrono::duration<double>(Clock::now() - t0).count();
  return report;
}

}  // namespace tradestat::ingest
