// store/manifest.h: Manifest, the one file that says what a store contains at a version.
//
// The manifest lists datasets, their dictionaries, segments (with the vintage that added and the
// one that removed each) and vintages (each load or replace). It is JSON behind a header line
// carrying the format version and an XXH3 checksum of the JSON (docs/formats/store.md).
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/period.h"
#include "core/status.h"
#include "store/types.h"

namespace tradestat::store {

inline constexpr int kManifestFormat = 1;

/// One input file of a load, identified by the hash of its (decompressed) content.
struct LoadedFile {
  std::string name;          // as given on the command line
  std::string content_hash;  // XXH3-64 hex of the decompressed bytes
  uint64_t bytes = 0;        // decompressed bytes
  uint64_t rows = 0;         // data rows
  // Additive fields (manifest format 1 stays readable both ways; see docs/formats/store.md),
  // written only for files read through a format reader (ingest/formats/):
  std::string format;  // "comtrade-plus", "comtrade-legacy", "comtrade-extract", "cn-customs"
  std::string classification;  // source classification codes, e.g. "H4,H5,H6" or "S4"
  /// How the rows were treated: data_rows, counted, partner_total, commodity_total, breakdown,
  /// sub_flow, rejected, aggregate_mismatches.
  std::vector<std::pair<std::string, uint64_t>> treatment;
};

/// One committed change of a dataset (vintage 1 is the first load).
struct VintageMeta {
  uint32_t id = 0;
  std::string time;    // UTC, ISO 8601
  std::string action;  // "load" or "replace"
  std::vector<LoadedFile> files;
  std::vector<std::string>
      replaced_periods;  // for "replace": the periods whose segments it removed
};

/// One immutable segment file: the records of one period from one load.
struct SegmentMeta {
  uint64_t id = 0;
  core::Period period;
  std::string file;  // relative to the store root
  uint64_t rows = 0;
  uint64_t bytes = 0;
  std::string file_hash;            // XXH3-64 hex of the whole file
  uint32_t added = 0;               // vintage that added it
  std::optional<uint32_t> removed;  // vintage that removed it (replaced), if any
  /// Sum of values per flow (0 = X, 1 = M) and currency, in minor units (for info and checks).
  /// Only X and M rows: an "of which" flow (RX, DX, ...) is never in these.
  std::array<std::vector<__int128>, 2> totals;
  /// Sums of the "of which" flows present in the segment, per flow value and currency (additive
  /// manifest field "sub_totals": {"RX": ["..."]}; absent = none).
  std::map<uint8_t, std::vector<__int128>> sub_totals;

  bool LiveAt(uint32_t vintage) const {
    return added <= vintage && (!removed || *removed > vintage);
  }
};

/// The per-flow sums a SegmentMeta records (`totals`, `sub_totals`), computed from its rows: the
/// one home for loads (recording them), copies and `check` (comparing them).
struct FlowSums {
  std::array<std::vector<__int128>, 2> main;     // X, M: one sum per currency
  std::map<uint8_t, std::vector<__int128>> sub;  // each "of which" flow present in the rows
};
/// Sums `rows` values of each of the first `currencies` columns by flow.
FlowSums SumByFlow(const uint8_t* flow, const std::array<const int64_t*, kMaxCurrencies>& values,
                   size_t currencies, uint64_t rows);
/// True when a manifest entry's recorded totals equal `sums` (X/M totals never recorded, as in
/// early manifests, are not compared).
bool RecordedTotalsAgree(const SegmentMeta& meta, const FlowSums& sums);

struct DictionaryMeta {
  std::string file;  // relative to the store root; empty when the dictionary is empty
  uint32_t count = 0;
  std::string hash;
};

struct DatasetMeta {
  std::string name;
  std::string created;
  std::vector<std::string> currencies;  // ISO 4217, in column order
  /// Decimals of the stored money values (10^-money_scale units): fixed at the first load, from
  /// the inputs' precision or --money-scale; manifest field "money_scale", absent = 2.
  int money_scale = kMoneyScale;
  bool has_quantity = false;  // some segment carries quantities (the column is per segment)
  std::array<DictionaryMeta, kDimCount> dictionaries;
  std::vector<VintageMeta> vintages;
  std::vector<SegmentMeta> segments;

  uint32_t current_vintage() const { return vintages.empty() ? 0 : vintages.back().id; }
};

/// A user reference file registered in the store (e.g. partner groups), versioned like data.
struct ReferenceFileMeta {
  uint32_t id = 0;
  std::string kind;  // "groups", "categories", "hs", ...
  std::string file;  // relative to the store root
  std::string hash;
  std::string time;
  std::string source_name;
};

/// A file the manifest no longer references (a dictionary superseded by a grown one) that is
/// kept for readers that may still use an older manifest (docs/formats/store.md, "Cleanup").
struct RetiredFile {
  std::string file;         // relative to the store root
  uint64_t generation = 0;  // the manifest generation that stopped referencing it
  int64_t unix_time = 0;    // when that generation was committed
};

/// Superseded files are kept while fewer than this many newer manifests were committed...
inline constexpr uint64_t kKeepRetiredGenerations = 16;
/// ...or for at least this long after they were superseded.
inline constexpr int64_t kKeepRetiredSeconds = 3600;

struct Manifest {
  uint64_t next_file_id = 1;
  uint64_t generation = 0;  // commits so far (additive field; absent in older stores = 0)
  std::map<std::string, DatasetMeta> datasets;
  std::vector<ReferenceFileMeta> reference_files;
  std::vector<RetiredFile> retired;
};

/// Start the next manifest generation at `unix_time`: bumps `generation`, records `superseded`
/// files as retired, and drops retired entries old enough that no reader can still use them.
void AdvanceGeneration(Manifest& manifest, const std::vector<std::string>& superseded,
                       int64_t unix_time);

/// Parse manifest text read from `path` (used in messages). Corruption on any damage.
Result<Manifest> ParseManifest(std::string_view text, const std::string& path);
std::string SerializeManifest(const Manifest& manifest);

}  // namespace tradestat::store
