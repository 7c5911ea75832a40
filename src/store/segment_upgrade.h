// store/segment_upgrade.h: UpgradeSegments, rewriting a store's older-format segments in the
// format loads write now (`tradestat upgrade STORE`).
//
// All or nothing through the store's commit point (CommitManifest): the new segment files are
// written and synced first, then one manifest swap points every entry at them. Until that rename
// readers and a crash see the old store; after it the new one. Manifest entries keep their
// period, rows, vintages (added/removed) and totals; only id, file, bytes and file_hash change.
// The old files are retired like superseded dictionaries (a reader of the previous manifest may
// still be mapping them) and removed by a later writer (docs/formats/store.md, "Cleanup").
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/status.h"
#include "store/types.h"

namespace tradestat::store {

struct UpgradeReport {
  struct Dataset {
    std::string name;
    uint64_t segments = 0;      // every segment of every vintage
    uint64_t rewritten = 0;     // of them, rewritten in the current format
    uint64_t bytes_before = 0;  // of the rewritten segments
    uint64_t bytes_after = 0;
  };
  std::vector<Dataset> datasets;  // in manifest order
  uint32_t format = 0;            // the segment format written
  bool committed = false;         // false: nothing needed rewriting, the store is unchanged

  uint64_t rewritten() const {
    uint64_t n = 0;
    for (const auto& d : datasets) n += d.rewritten;
    return n;
  }
};

/// Rewrites every segment of `store_path` whose format is older than kSegmentFormatWritten.
/// Takes the store's writer lock (waits while a load runs, as loads do). Each segment is checked
/// against its manifest entry (size, whole-file hash) before it is read, and its rewritten
/// columns are decoded back and compared with the old ones before anything is committed.
/// Idempotent: on an upgraded store it writes nothing and returns committed = false.
Result<UpgradeReport> UpgradeSegments(const std::string& store_path);

}  // namespace tradestat::store
