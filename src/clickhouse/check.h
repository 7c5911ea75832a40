// clickhouse/check.h: `tradestat check clickhouse://...`: the checks that apply to a ClickHouse store.
//
// There are no segment files to checksum; instead every live segment's rows are counted and
// summed on its shard (per flow and currency, exact) and compared with its manifest entry, and
// negative values and rows no committed segment lists are reported. The partner/World and
// month/year sum invariants are not computed on the cluster (a "skip" line says so).
#pragma once

#include <string>
#include <vector>

#include "core/status.h"

namespace tradestat::clickhouse {

struct CheckLine {
  enum Kind { kDataset, kOk, kFail, kSkip } kind;
  std::string text;
};

core::Result<std::vector<CheckLine>> CheckStore(const std::string& url, const std::string& only_dataset);

}  // namespace tradestat::clickhouse
