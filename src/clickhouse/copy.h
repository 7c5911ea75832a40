// clickhouse/copy.h: `tradestat copy SOURCE_STORE DEST_STORE [--dataset NAME]...`, embedded <->
// ClickHouse.
//
// Copies whole datasets with their history: the manifest entry (vintages with their input
// files, hashes and treatment counts, segments with their totals, added/removed vintages) is
// carried over verbatim and every segment's rows are re-homed (new segment ids; on ClickHouse
// segment i goes to shard i mod N, in the embedded store to a new segment file). The source is
// verified as the store verifies it (embedded: segment checksums; ClickHouse: each segment's
// row count and per-flow, per-currency totals against its manifest entry), the destination
// takes its writer lock, and one commit at the end makes all copied datasets visible at once;
// a copy that fails or is killed leaves the destination as it was. A dataset the destination
// already holds is refused (copy does not merge). Both directions and both backends work, so
// `info`, `query` and `bulletin` answer the same on source and destination.
#pragma once

#include <string>
#include <vector>

#include "core/status.h"

namespace tradestat::clickhouse {

struct CopyReport {
  struct Dataset {
    std::string name;
    size_t vintages = 0, segments = 0;
    uint64_t rows = 0;
  };
  std::vector<Dataset> datasets;
};

/// `datasets` empty = every dataset of the source.
core::Result<CopyReport> CopyStore(const std::string& source, const std::string& dest,
                                   const std::vector<std::string>& datasets);

}  // namespace tradestat::clickhouse
