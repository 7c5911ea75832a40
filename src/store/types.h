// store/types.h: the record model every module shares: flows, dictionary dimensions, columns.
//
// A record is (period, flow, reporter, partner, commodity, trade_mode, enterprise_type, unit,
// quantity, value per currency). Dimension values are strings in files and dictionary codes in
// the store; code 0 of the optional dimensions (trade_mode, enterprise_type, unit) means "not
// given". Money is int64 minor units (fen, cents); quantity is int64 thousandths.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

#include "core/status.h"

namespace tradestat::store {

using core::Result;
using core::Status;

enum class Flow : uint8_t { kExport = 0, kImport = 1 };

inline std::string_view FlowCode(Flow f) { return f == Flow::kExport ? "X" : "M"; }

/// Dimensions stored as dictionary codes. The order is the on-disk column id (docs/formats/store.md).
enum class Dim : uint8_t {
  kReporter = 0,
  kPartner = 1,
  kCommodity = 2,
  kTradeMode = 3,
  kEnterpriseType = 4,
  kUnit = 5,
};
inline constexpr int kDimCount = 6;
inline constexpr std::array<std::string_view, kDimCount> kDimNames = {
    "reporter", "partner", "commodity", "trade_mode", "enterprise_type", "unit"};
std::optional<Dim> DimFromName(std::string_view name);

/// Column ids inside a segment file.
enum class ColumnId : uint16_t {
  kFlow = 0,
  kReporter = 1,
  kPartner = 2,
  kCommodity = 3,
  kTradeMode = 4,
  kEnterpriseType = 5,
  kUnit = 6,
  kQuantity = 7,
  kValueBase = 16,  // kValueBase + i is the value in the dataset's i-th currency
};
inline ColumnId DimColumn(Dim d) { return static_cast<ColumnId>(static_cast<int>(d) + 1); }
inline ColumnId ValueColumn(int currency_index) {
  return static_cast<ColumnId>(static_cast<int>(ColumnId::kValueBase) + currency_index);
}

/// Scale of stored quantities: 3 decimals (thousandths of the unit).
inline constexpr int kQuantityScale = 3;
/// Stored quantity meaning "not given" (sums skip it).
inline constexpr int64_t kNoQuantity = INT64_MIN;
/// Money scale: 2 decimals (minor units).
inline constexpr int kMoneyScale = 2;
/// At most this many currencies per dataset.
inline constexpr int kMaxCurrencies = 8;

}  // namespace tradestat::store
