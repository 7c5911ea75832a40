// ingest/loader.cc: drives InputFile -> CsvReader -> RowConverter -> LoadTransaction.
#include "ingest/loader.h"

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <set>

#include <fmt/format.h>

#include "core/hash.h"
#include "core/strings.h"
#include "ingest/csv_reader.h"
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
  std::set<int32_t> periods;
  store::RowBatch batch;
  std::vector<std::string_view> fields;
  Progress progress(options.progress);

  for (const std::string& name : options.files) {
    TRADESTAT_ASSIGN_OR_RETURN(auto input, InputFile::Open(name));
    CsvReader reader(input.get());
    TRADESTAT_ASSIGN_OR_RETURN(bool has_header, reader.Next(&fields));
    if (!has_header)
      return Status::Parse(fmt::format("{}:1: empty file; a header row is required ({})", input->path(),
                                       "period,flow,reporter,partner,commodity,...,value_cny"));
    TRADESTAT_ASSIGN_OR_RETURN(ColumnBinding binding, BindCanonicalHeader(fields, input->path()));
    if (!tx) {
      store::LoadTransaction::Options topts;
      topts.mode = options.replace ? store::LoadTransaction::Mode::kReplace : store::LoadTransaction::Mode::kAppend;
      topts.dry_run = options.dry_run;
      topts.currencies = binding.currencies;
      auto begun = store::LoadTransaction::Begin(options.store_path, options.dataset, topts);
      if (!begun.ok()) return begun.status().WithContext(input->path());
      tx = std::move(*begun);
      std::vector<store::Dictionary*> dicts;
      for (int d = 0; d < store::kDimCount; ++d) dicts.push_back(&tx->dictionary(static_cast<store::Dim>(d)));
      converter = std::make_unique<RowConverter>(reference, std::move(dicts));
      report.currencies = binding.currencies;
    } else if (std::set<std::string>(binding.currencies.begin(), binding.currencies.end()) !=
               std::set<std::string>(report.currencies.begin(), report.currencies.end())) {
      return Status::Parse(fmt::format("{}:1: value columns {} differ from the first file's {}; all files of one "
                                       "load need the same value_<currency> columns",
                                       input->path(), fmt::join(binding.currencies, ", "),
                                       fmt::join(report.currencies, ", ")));
    }
    // Value columns are appended in the first file's currency order.
    ColumnBinding ordered = binding;
    for (size_t c = 0; c < report.currencies.size(); ++c) {
      for (size_t k = 0; k < binding.currencies.size(); ++k)
        if (binding.currencies[k] == report.currencies[c]) ordered.value_index[c] = binding.value_index[k];
      ordered.currencies[c] = report.currencies[c];
    }
    converter->BeginFile(input->path(), ordered);

    uint64_t file_rows = 0;
    for (;;) {
      TRADESTAT_ASSIGN_OR_RETURN(bool more, reader.Next(&fields));
      if (!more) break;
      ++file_rows;
      converter->Convert(fields, reader.line(), [&](size_t i) { return reader.column_of(i); }, &batch, &problems);
      if (batch.size() >= kBatchRows) {
        for (int32_t k : batch.period_key) periods.insert(k);
        if (problems.count() == 0) TRADESTAT_RETURN_IF_ERROR(tx->Append(batch));
        batch.Clear();
        progress.Update(*input, report.rows + file_rows);
      }
    }
    for (int32_t k : batch.period_key) periods.insert(k);
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
    report.files.push_back({input->path(), hash, input->bytes_read(), file_rows});
    report.rows += file_rows;
    report.bytes += input->bytes_read();
  }
  progress.Done();
  for (int32_t k : periods) report.periods.push_back(core::Period::FromKey(k).ToString());
  if (problems.count() > 0) {
    return Status::Parse(fmt::format("{}{} problem{} found; nothing was loaded (fix the input and load again)",
                                     problems.Format(), problems.count(), problems.count() == 1 ? "" : "s"));
  }
  TRADESTAT_ASSIGN_OR_RETURN(report.vintage, tx->Commit(report.files));
  report.seconds = std::chrono::duration<double>(Clock::now() - t0).count();
  return report;
}

}  // namespace tradestat::ingest
