// clickhouse/load.h: `tradestat load clickhouse://...`: the embedded loader's validation, then the
// rows streamed to the shards and one manifest row as the commit.
//
// The files go through ingest::LoadFiles into a private staging store whose manifest is the
// cluster's dataset entry (vintages, input hashes, segments; no data), so every format, every
// FILE:LINE:COLUMN error, --dry-run, --replace, --append and the refusal of a double load behave
// exactly as on the embedded store. The staged segments are then sent one at a time, in batches
// of kBatchRows rows, to the shards' trade_local tables (segment i to shard i mod N), tagged with
// their segment id and vintage; the manifest row is inserted last. A load that dies before that
// row leaves rows no manifest lists: invisible, and removed by the next writer.
#pragma once

#include "core/status.h"
#include "ingest/loader.h"
#include "refdata/reference.h"

namespace tradestat::clickhouse {

inline constexpr size_t kBatchRows = size_t{1} << 16;

/// `options.store_path` is the clickhouse:// URL.
core::Result<ingest::LoadReport> LoadFiles(const ingest::LoadOptions& options,
                                           const refdata::Reference& reference);

}  // namespace tradestat::clickhouse
