// ingest/formats/source_table.h: SourceTable, one non-canonical input file mapped to canonical
// fields.
//
// A format reader (comtrade.cc, cn_customs.cc) buffers a whole file (real exports are small) as
// SourceRows: canonical field text in RowConverter's order plus the source line and byte column
// of each field, so validation messages name the user's file, line and column. aggregates.h then
// decides which rows are parts and which are totals of other rows, before anything is converted.
// Layouts and mapping rules: docs/formats/inputs.md.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "core/strings.h"
#include "ingest/canonical_schema.h"
#include "ingest/csv_reader.h"
#include "ingest/row_converter.h"
#include "refdata/reference.h"
#include "store/types.h"

namespace tradestat::ingest {

enum class InputFormat { kAuto, kCanonical, kComtrade, kCnCustoms, kComext, kWits };

/// "auto", "canonical", "comtrade", "cn-customs", "comext", "wits" -> InputFormat; InvalidArgument
/// otherwise.
core::Result<InputFormat> ParseInputFormat(std::string_view text);
std::string_view InputFormatName(InputFormat format);

/// What a reader needs besides the file: values for columns a file may lack.
struct FormatOptions {
  std::string flow;    // --flow X|M: for China customs files without a flow column
  std::string period;  // --period YYYY-MM|YYYY: for China customs files without 数据年月
  bool unknown_partner_residual = false;  // --unknown-partner residual: unknown area codes -> XNS
  bool strict = false;                    // --strict: refuse values in scientific notation
};

/// How a row is treated. Only kCounted rows are stored.
enum class RowRole : uint8_t {
  kCounted,         // a finest row: stored and summed
  kPartnerTotal,    // partner World beside its partners: checked, kept out
  kCommodityTotal,  // TOTAL or a shorter code beside longer codes starting with it: checked, kept
                    // out
  kBreakdown,       // partner2 / customs procedure / transport mode part beside its total: kept out
  kSubFlow,         // re-export / re-import ("of which" rows of X / M): kept out
  kResidual,        // added: an aggregate's excess over its parts ("partner not specified" XNS,
                    // "products n.e.s." under the aggregate's own code): stored
};
inline constexpr int kRoleCount = 6;
/// Whether rows of this role are stored.
inline bool IsStored(RowRole role) {
  return role == RowRole::kCounted || role == RowRole::kResidual;
}

/// Slots of SourceRow::field, the order of the synthetic ColumnBinding (Field enum order).
inline constexpr int kSlotCount = 9;  // period, flow, reporter, partner, commodity, trade_mode,
                                      // enterprise_type (unused), quantity, unit

struct SourceRow {
  uint64_t line = 0;
  std::array<std::string, kSlotCount> field;
  std::array<uint32_t, kSlotCount> column{};  // 1-based byte column in the source line (0 = none)
  std::vector<std::string> value;             // one per SourceTable::currencies
  std::vector<uint32_t> value_column;
  std::vector<int64_t>
      minor;  // value in minor units (SourceTable::money_scale), for aggregate checks
  // Breakdown keys: empty = total (partner2 World, customs C00, transport mode 0) or not given.
  std::string partner2, customs, mot;
  bool partner_world = false;    // partner is World (Comtrade 0)
  bool commodity_total = false;  // commodity TOTAL (stored as "00" only when nothing finer exists)
  bool confidential =
      false;  // a confidential part under its code's digits (Comext 27SSSSSS): never an aggregate
  bool partner_group =
      false;  // partner is a group of countries (Comext EU27_2020, WITS EUN): kept out
  RowRole role = RowRole::kCounted;
  bool residual = false;  // added by ClassifyAggregates (a total's excess over its parts)
};

struct SourceTable {
  std::string file;
  std::string layout;    // "comtrade-plus", "comtrade-legacy", "comtrade-extract", "cn-customs"
  std::string encoding;  // "UTF-8", "ISO-8859-1", "GB18030"
  std::vector<std::string> currencies;        // "USD", "CNY"
  std::array<std::string, kSlotCount> names;  // source column name behind each slot (messages)
  std::vector<std::string> value_names;
  std::set<std::string> classifications;  // "H4", "S4", ...
  std::vector<SourceRow> rows;
  uint64_t data_rows = 0;
  std::vector<std::string> warnings;  // "FILE:LINE: ..." aggregate mismatches and notes
  uint64_t rounding_differences =
      0;  // totals off their parts within the source's rounding (parts kept)
  uint64_t unknown_partner_rows =
      0;  // rows of unknown area codes loaded as XNS (--unknown-partner residual)
  uint64_t scientific_values = 0;  // values written in scientific notation (precision lost)
  uint64_t merged_rows = 0;        // source rows merged into another row (a Comext quantity
                                   // observation, a WITS row of a further quantity unit)
  uint64_t not_available = 0;  // observations without a value (Comext empty OBS_VALUE): not stored
  /// Decimals of SourceRow::minor (the dataset's money scale, set by the loader before reading).
  int money_scale = store::kMoneyScale;
  /// The most significant decimals of any value as written (trailing zeros aside) and the first
  /// value with more than money_scale of them (the loader then loads again at that precision or
  /// refuses; the rounded minor units are never stored).
  int money_decimals = 0;
  uint64_t money_decimals_line = 0;
  uint32_t money_decimals_column = 0;
  std::string money_decimals_text;

  /// The ColumnBinding that makes RowConverter read SourceRow slots.
  ColumnBinding Binding() const;
  /// Rows per role, as stored in the manifest ("counted", "partner_total", ...).
  std::vector<std::pair<std::string, uint64_t>> Counts() const;
};

std::string_view RowRoleName(RowRole role);

/// Which layout `header` is (raw bytes, any encoding); kCanonical when nothing else matches.
InputFormat DetectFormat(const std::vector<std::string_view>& header);

/// Read the rest of a UN Comtrade file (Plus 47-column, tariff line, legacy 35-column, legacy
/// bulk extract 11-column) whose header is `header`. Bad fields go to `problems`; a header
/// lacking a needed column is a Parse error "FILE:1: ...".
/// One data record of a source file as the readers see it: the trimmed field of a column
/// index ("" for an absent column, index -1) and its byte column for messages.
struct SourceRecord {
  const std::vector<std::string_view>& fields;
  const CsvReader& reader;

  std::string_view At(int c) const {
    return c >= 0 ? core::Trim(fields[static_cast<size_t>(c)]) : std::string_view();
  }
  uint32_t Column(int c) const {
    return c >= 0 ? static_cast<uint32_t>(reader.column_of(static_cast<size_t>(c))) : 0u;
  }
};

/// The next well-formed data record of a source file, shared by the readers: drops the empty
/// field a trailing comma adds (Comtrade Plus and the customs platform end lines with one),
/// counts every row, and records a problem for (and skips) a record whose number of fields
/// differs from the header's. Returns false at the end of input.
core::Result<bool> NextSourceRecord(CsvReader& reader, size_t header_fields,
                                    const std::string& file, std::vector<std::string_view>* fields,
                                    SourceTable* table, ProblemList* problems);

core::Status ReadComtrade(CsvReader& reader, const std::vector<std::string_view>& header,
                          const std::string& file, const FormatOptions& options,
                          const refdata::Reference& reference, SourceTable* table,
                          ProblemList* problems);

/// "1.12339E+11" -> "112339000000" (exact decimal text of what the notation says) and the number of
/// significant digits it kept. False for text that is not a non-negative number in E notation.
bool ScientificToDecimal(std::string_view text, std::string* out, int* significant);

/// Read the rest of a China customs query-platform export (GBK/GB18030 or UTF-8).
core::Status ReadCnCustoms(CsvReader& reader, const std::vector<std::string_view>& header,
                           const std::string& file, const FormatOptions& options,
                           const refdata::Reference& reference, SourceTable* table,
                           ProblemList* problems);

/// Read the rest of a Eurostat Comext file: an SDMX-CSV extract (DATAFLOW,...,indicators,
/// TIME_PERIOD,OBS_VALUE) or a bulk full file (DECLARANT,PARTNER,PRODUCT_NC,FLOW,...). Values EUR.
core::Status ReadComext(CsvReader& reader, const std::vector<std::string_view>& header,
                        const std::string& file, const FormatOptions& options,
                        const refdata::Reference& reference, SourceTable* table,
                        ProblemList* problems);

/// Read the rest of a World Bank WITS trade download (TradeValue in 1000 USD).
core::Status ReadWits(CsvReader& reader, const std::vector<std::string_view>& header,
                      const std::string& file, const FormatOptions& options,
                      const refdata::Reference& reference, SourceTable* table,
                      ProblemList* problems);

/// Mark aggregate and breakdown rows of `table` (RowRole), check that their parts add up within
/// the source's rounding and append a warning "FILE:LINE: ..." for each total that does not.
void ClassifyAggregates(SourceTable* table);

}  // namespace tradestat::ingest
