// server/store_info.h: the summary of a store that `tradestat info` prints and /api/v1/info serves.
//
// One implementation for both, so the CLI's `info --json` and the API answer the same bytes.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "core/period.h"
#include "store/store.h"

namespace tradestat::server {

/// Rows, periods, totals per flow (X, M) and currency, and bytes of one dataset at its current
/// vintage.
struct DatasetSummary {
  uint64_t rows = 0;
  std::map<core::Period, uint64_t> period_rows;
  std::array<std::vector<__int128>, 2> totals;
  /// "Of which" flows held (RX, DX, ...): their totals per currency, never part of `totals`.
  std::map<uint8_t, std::vector<__int128>> sub_totals;
  uint64_t bytes = 0;
};

/// The flow codes a dataset holds at its current vintage: X and M, then the "of which" flows.
std::vector<std::string> FlowsHeld(const store::DatasetMeta& dataset,
                                   const DatasetSummary& summary);

DatasetSummary Summarise(const store::DatasetMeta& dataset);

/// `tradestat info --json`: store path, disk bytes, datasets with periods, totals and vintages.
/// Money is written as exact decimal JSON numbers. Ends with a newline.
std::string StoreInfoJson(const store::Store& store);
/// The same from a manifest (a clickhouse:// store: its database name and bytes on the shards).
std::string StoreInfoJson(const std::string& store_name, const store::Manifest& manifest,
                          uint64_t disk_bytes);

}  // namespace tradestat::server
