// clickhouse/check.h: `tradestat check clickhouse://...`: the checks that apply to a ClickHouse
// store.
//
// There are no segment files to checksum; instead every live segment's rows are counted and
// summed on its shard (per flow and currency, exact) and compared with its manifest entry, and
// negative values and rows no committed segment lists are reported. The partner/World and
// month/year sum invariants are computed by the cluster (GROUP BY over the Distributed table,
// exact sums as high and low 32-bit halves), with the groups, tolerances and messages of the
// embedded check (cli/check_command.cc); at most 100,000 breaking rows are fetched per invariant.
#pragma once

#include <string>
#include <vector>

#include "core/status.h"

namespace tradestat::clickhouse {

struct CheckLine {
  enum Kind { kDataset, kOk, kFail, kSkip } kind;
  std::string text;
};

/// `world`: the partner code of World (the reference's Comtrade partner 0).
core::Result<std::vector<CheckLine>> CheckStore(const std::string& url,
                                                const std::string& only_dataset,
                                                const std::string& world);

}  // namespace tradestat::clickhouse
