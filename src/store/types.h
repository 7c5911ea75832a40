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
#include <string>
#include <string_view>

#include "core/status.h"

namespace tradestat::store {

using core::Result;
using core::Status;

/// Trade flows. X and M are the totals; every other value is an "of which" part of one of them
/// (re-exports are part of exports, ...): stored and queryable on its own, never added into X or M
/// (docs/formats/inputs.md, "Flows"). The stored flow column is one byte; values are fixed on disk.
enum class Flow : uint8_t {
  kExport = 0,
  kImport = 1,
  kReExport = 2,            // RX
  kReImport = 3,            // RM
  kDomesticExport = 4,      // DX
  kForeignImport = 5,       // FM
  kExportAfterInward = 6,   // XIP: export after inward processing
  kExportForOutward = 7,    // XOP: export of goods for outward processing
  kImportForInward = 8,     // MIP: import of goods for inward processing
  kImportAfterOutward = 9,  // MOP: import after outward processing
  kExportTemporary = 10,    // XTP (Comtrade Plus temporary-basis flows)
  kImportTemporary = 11,    // MTP
  kExportIF = 12,           // XIF (Comtrade Plus code, kept as given)
  kImportIF = 13,           // MIF
  kExportG = 14,            // XG
  kImportG = 15,            // MG
};
inline constexpr int kFlowCount = 16;

struct FlowInfo {
  std::string_view code;  // Comtrade Plus text code, upper case
  Flow parent;            // X or M (itself for X and M)
  std::string_view name;  // English, for listings
};
/// Info per Flow value (index = value).
const FlowInfo& FlowInfoOf(Flow f);
inline std::string_view FlowCode(Flow f) { return FlowInfoOf(f).code; }
inline std::string_view FlowCode(uint8_t f) {
  return f < kFlowCount ? FlowInfoOf(static_cast<Flow>(f)).code : std::string_view("?");
}
/// Whether a stored flow value is X or M (the only flows a total adds up).
inline bool IsMainFlow(uint8_t f) { return f <= 1; }
/// A code (X, RX, ...), a Comtrade numeric code (1 M, 2 X, 3 RX, 4 RM) is NOT accepted here (the
/// readers map those), or an English name ("re-exports"), any case. nullopt when unknown.
std::optional<Flow> FlowFromText(std::string_view text);
/// "X, M, RX, RM, ..." for messages.
std::string FlowCodeList();

/// Dimensions stored as dictionary codes. The order is the on-disk column id
/// (docs/formats/store.md).
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
/// Money scale of a dataset whose manifest records none (stores written before the scale was
/// recorded) and the default of new datasets: 2 decimals (cents). A dataset's own scale is
/// DatasetMeta::money_scale, chosen at its first load (ingest/loader.h).
inline constexpr int kMoneyScale = 2;
/// The largest money scale a dataset may have: int64 values at 6 decimals still hold 9.2e12 units
/// per row.
inline constexpr int kMaxMoneyScale = 6;
/// At most this many currencies per dataset.
inline constexpr int kMaxCurrencies = 8;

}  // namespace tradestat::store
