// cli/vintage_arg.h: --as-of / --from / --to: a vintage number or a date, resolved per dataset.
//
// "3" (or "v3") names vintage 3; a date "2026-11-28" or time "2026-11-28T18:00:00Z" names the
// last vintage committed at or before it (a date alone means the end of that day, UTC).
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/status.h"
#include "query/dataset_source.h"
#include "store/manifest.h"
#include "store/store.h"

namespace tradestat::cli {

/// InvalidArgument when `text` is neither; NotFound when the dataset had no vintage by then.
core::Result<uint32_t> ResolveVintage(const store::DatasetMeta& dataset, const std::string& text,
                                      std::string_view option = "--as-of");

/// A query::Catalog showing every dataset as it stood at `as_of` (tradestat query --as-of).
std::unique_ptr<query::Catalog> AsOfCatalog(const store::Store& store, std::string as_of);

/// Period, flow (X/M), reporter, partner, commodity, trade mode, enterprise type (as text).
using CellKey = std::array<std::string, 7>;
/// Sum of values (minor units, one per dataset currency) per distinct key.
using Cells = std::map<CellKey, std::vector<__int128>>;

/// Every row of `snapshot` summed by CellKey (verifies the segments it reads).
core::Result<Cells> CollectCells(const store::DatasetSnapshot& snapshot);

}  // namespace tradestat::cli
