// store/store.h: Store, the embedded directory-based columnar store, and DatasetSnapshot.
//
// A store directory holds named datasets; each dataset is a set of immutable segment files
// (one period each) plus per-dimension dictionaries, all listed by one MANIFEST that a commit
// replaces atomically (docs/formats/store.md). Opening a store reads the manifest once: a
// DatasetSnapshot is one consistent version and never changes under its reader, even while a
// load commits a newer manifest.
//
// Integrity: every file carries a format version and XXH3 checksums. Segment column data are
// verified the first time a snapshot maps them (Segments()), so a damaged byte is reported as
// Corruption ("corrupt store: FILE: what"), never summed.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/file.h"
#include "core/period.h"
#include "core/status.h"
#include "store/dictionary.h"
#include "store/manifest.h"
#include "store/segment_view.h"

namespace tradestat::store {

/// Which columns a scan needs (bit i = ColumnId i); Segments() verifies only those.
using ColumnMask = uint64_t;
inline constexpr ColumnMask ColumnBit(ColumnId c) { return ColumnMask{1} << static_cast<int>(c); }
inline constexpr ColumnMask kAllColumns = ~ColumnMask{0};

/// How Segments() gives format-2 (packed) columns: decoded whole into arrays (every reader may
/// index the pointers), or as SegmentView::packed block by block (the query scan, which
/// decodes 4096-value blocks inside its loop and never holds a decoded column).
enum class Access { kWhole, kBlocks };

/// One version of one dataset: its dictionaries and the live segments at that version.
class DatasetSnapshot {
 public:
  const std::string& name() const { return meta_.name; }
  const DatasetMeta& meta() const { return meta_; }
  const std::vector<std::string>& currencies() const { return meta_.currencies; }
  /// Index of `currency` (e.g. "CNY") in currencies(), or -1.
  int CurrencyIndex(std::string_view currency) const;
  const Dictionary& dictionary(Dim d) const { return dictionaries_[static_cast<int>(d)]; }
  /// The vintage this snapshot shows.
  uint32_t vintage() const { return vintage_; }
  /// Manifest entries of the live segments, ordered by period.
  const std::vector<SegmentMeta>& segment_metas() const { return segments_; }
  /// Distinct periods present, ascending.
  std::vector<core::Period> Periods() const;

  /// Map (once) and verify the `needed` columns of the segments whose period is in [from, to]
  /// (inclusive; an annual segment matches only when the range covers its whole year, and is
  /// left out when monthly segments of the same year are picked too), in parallel. Views stay valid
  /// while *this lives. Returns Corruption naming the file if a checksum or bound does not hold.
  Result<std::vector<SegmentView>> Segments(core::Period from, core::Period to,
                                            ColumnMask needed = kAllColumns,
                                            Access access = Access::kWhole) const;
  /// Every live segment, one view per segment_metas() entry and in that order, annual and monthly
  /// alike (for checks and diffs that compare them).
  Result<std::vector<SegmentView>> AllSegments(ColumnMask needed = kAllColumns) const;
  /// The segment_metas() entries `indices` (in that order), as Segments() gives them: for a reader
  /// that walks segments itself, e.g. `tradestat check`, one at a time in a snapshot of its own.
  Result<std::vector<SegmentView>> SegmentsAt(const std::vector<size_t>& indices,
                                              ColumnMask needed = kAllColumns,
                                              Access access = Access::kWhole) const;
  /// The columns every segment of this dataset carries.
  std::vector<ColumnId> RequiredColumns() const;

 private:
  friend class Store;
  struct Mapped;
  Result<std::vector<SegmentView>> Map(const std::vector<size_t>& picked, ColumnMask needed,
                                       Access access) const;
  std::string root_;
  DatasetMeta meta_;
  uint32_t vintage_ = 0;
  std::vector<Dictionary> dictionaries_;
  std::vector<SegmentMeta> segments_;
  std::shared_ptr<std::vector<std::unique_ptr<Mapped>>> mapped_;  // parallel to segments_
};

class Store {
 public:
  /// Create an empty store at `path` (a new or empty directory).
  static Status Create(const std::string& path);
  /// Open an existing store and read its current manifest.
  static Result<Store> Open(const std::string& path);

  const std::string& path() const { return path_; }
  const Manifest& manifest() const { return manifest_; }
  std::vector<std::string> DatasetNames() const;
  bool HasDataset(const std::string& name) const { return manifest_.datasets.count(name) > 0; }

  /// The dataset as of the current manifest, or as of `vintage` (an earlier version).
  Result<std::shared_ptr<const DatasetSnapshot>> Dataset(
      const std::string& name, std::optional<uint32_t> vintage = {}) const;

  /// Total bytes of the files the current manifest references (plus kept vintages).
  Result<uint64_t> DiskBytes() const;

 private:
  std::string path_;
  Manifest manifest_;
};

}  // namespace tradestat::store
