// ingest/canonical_schema.h: the canonical CSV header: column names, aliases, required columns.
//
// Names are case-insensitive and may come in any order (docs/formats/trade_csv.md):
//   period, flow, reporter (alias region), partner, commodity (alias hs), trade_mode,
//   enterprise_type, value_<currency> (one or more, ISO 4217), quantity, unit.
#pragma once

#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "store/types.h"

namespace tradestat::ingest {

enum class Field : int8_t {
  kPeriod,
  kFlow,
  kReporter,
  kPartner,
  kCommodity,
  kTradeMode,
  kEnterpriseType,
  kQuantity,
  kUnit,
  kValue,  // one of the value_<currency> columns
};

/// Where each field sits in the input's records.
struct ColumnBinding {
  size_t column_count = 0;
  std::array<int, 9> index;             // by Field (excluding kValue); -1 = absent
  std::vector<std::string> currencies;  // upper-case ISO 4217, input order
  std::vector<int> value_index;         // record index of each currency's column
  std::vector<std::string> names;       // header as written, for messages

  int at(Field f) const { return index[static_cast<int>(f)]; }
};

/// Bind a header record. Parse error "FILE:1:COL: ..." for unknown, duplicate or missing columns.
core::Result<ColumnBinding> BindCanonicalHeader(const std::vector<std::string_view>& header,
                                                const std::string& file);

/// True if `header` looks like the canonical layout (used by format auto-detection).
bool LooksCanonical(const std::vector<std::string_view>& header);

}  // namespace tradestat::ingest
