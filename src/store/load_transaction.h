// store/load_transaction.h: LoadTransaction, the only writer of datasets: all-or-nothing loads.
//
// Begin() takes the store's writer lock and reads the current manifest. Append() buffers rows
// per period and spills full buffers to new segment files (memory stays bounded whatever the
// input size). Commit() writes the grown dictionaries, fsyncs, and atomically replaces the
// manifest: that rename is the commit point. Until then no reader can see anything of the load,
// and a crash or Abort() leaves the store exactly as it was (unreferenced files are removed by
// the next writer). Not thread-safe: one thread appends.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/file.h"
#include "core/status.h"
#include "store/dictionary.h"
#include "store/manifest.h"
#include "store/row_batch.h"

namespace tradestat::store {

class LoadTransaction {
 public:
  enum class Mode { kAppend, kReplace };
  struct Options {
    Mode mode = Mode::kAppend;
    bool dry_run = false;                 // validate and count, write nothing
    std::vector<std::string> currencies;  // ISO 4217 codes of RowBatch::values, in order
    int money_scale =
        kMoneyScale;  // decimals of RowBatch::values; an existing dataset's must match
    size_t max_buffered_rows = 4u << 20;  // spill to segment files beyond this
    uint32_t segment_format = 0;          // 0: kSegmentFormatWritten; 1 raw, 2 compressed
  };

  /// Starts a load into `dataset` (created on commit if new). Blocks while another load runs.
  /// InvalidArgument if the currencies differ from the dataset's.
  static Result<std::unique_ptr<LoadTransaction>> Begin(const std::string& store_path,
                                                        const std::string& dataset,
                                                        Options options);
  ~LoadTransaction();
  LoadTransaction(const LoadTransaction&) = delete;
  LoadTransaction& operator=(const LoadTransaction&) = delete;

  /// The dataset as committed before this load, or nullptr if it is new.
  const DatasetMeta* existing() const { return existing_ ? &*existing_ : nullptr; }
  /// The dataset's dictionary for `d`; intern new values here. Codes must fit the column width.
  Dictionary& dictionary(Dim d) { return dictionaries_[static_cast<int>(d)]; }
  /// The vintage that already loaded a file with this content hash, if any.
  const VintageMeta* FindLoadedContent(const std::string& content_hash) const;

  /// Append validated rows. `values` of the batch follow Options::currencies.
  Status Append(const RowBatch& batch);
  uint64_t rows_appended() const { return rows_appended_; }
  /// Distinct periods of the segments written (or, for a dry run, counted), ascending.
  /// Complete after Commit(), which writes the last buffers.
  std::vector<core::Period> periods_written() const;

  /// Commit the load as a new vintage recording `files`. Returns the new vintage id.
  Result<uint32_t> Commit(const std::vector<LoadedFile>& files);
  /// Drop everything written so far (also done by the destructor if not committed).
  void Abort();

 private:
  struct PeriodBuffer;
  LoadTransaction() = default;
  Status Spill(int32_t period_key);
  Status SpillLargest();

  std::string root_;
  std::string dataset_;
  Options options_;
  core::FileLock lock_;
  Manifest manifest_;
  std::optional<DatasetMeta> existing_;
  std::vector<int> currency_map_;  // dataset currency i <- batch column currency_map_[i]
  std::vector<Dictionary> dictionaries_;
  std::map<int32_t, std::unique_ptr<PeriodBuffer>> buffers_;
  size_t buffered_rows_ = 0;
  uint64_t rows_appended_ = 0;
  bool has_quantity_ = false;
  std::vector<SegmentMeta> new_segments_;
  std::vector<std::string> written_files_;  // absolute paths, removed on abort
  bool done_ = false;
};

/// Remove files under the store's data/ and ref/ that no manifest entry references (leftovers of
/// interrupted loads). REQUIRES: the writer lock is held.
Status RemoveUnreferencedFiles(const std::string& root, const Manifest& manifest);

/// The error of a commit whose manifest rename succeeded but whose directory fsync did not: the
/// commit stands (nothing may be removed), the caller reports it and exits 1.
Status CommittedButNotSynced(const Status& sync_error);

/// The commit point of every writer (loads, replaces, `tradestat copy`): advances the manifest's
/// generation (retiring `superseded` files) and writes it durably over the store's manifest.
/// `*committed` is true once the rename happened: from then on the files the manifest names
/// belong to the store and must not be removed, and an error is CommittedButNotSynced.
/// REQUIRES: the writer lock is held and every new file and its directory are synced.
Status CommitManifest(const std::string& root, Manifest& manifest,
                      const std::vector<std::string>& superseded, bool* committed);

/// Current UTC time as ISO 8601 ("2026-11-28T18:04:05Z").
std::string UtcNow();

}  // namespace tradestat::store
