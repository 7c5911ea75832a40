// ingest/formats/reader_util.h: helpers shared by the format readers (private to ingest/formats).
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "ingest/formats/source_table.h"

namespace tradestat::ingest::formats_internal {

/// Header names, trimmed, lower-cased, UTF-8.
std::vector<std::string> NormalizeHeader(const std::vector<std::string_view>& header, bool chinese);
/// Index of the first of `names` (lower case) present in `header`, or -1.
int FindColumn(const std::vector<std::string>& header,
               std::initializer_list<std::string_view> names);

/// Normalise a money amount for RowConverter: "1,234" (when `thousands`) -> "1234"; a value with
/// more decimals than table->money_scale is rounded half away from zero to it and noted in
/// `table` (money_decimals, at `line` and `column`) so the loader never stores the rounding.
/// Returns false with `why` for text that is not a non-negative number.
bool NormalizeMoney(std::string_view raw, bool thousands, SourceTable* table, uint64_t line,
                    uint32_t column, std::string* out, std::string* why);
/// Same for quantities (thousandths); "?" and "" give "".
bool NormalizeQuantity(std::string_view raw, bool thousands, std::string* out, std::string* why);

/// Exact decimal text times 10^places ("1.5", 3 -> "1500"; "123", 2 -> "12300"); text as is when
/// it is not a plain non-negative decimal (the caller's validation then names it).
std::string ShiftDecimal(std::string_view text, int places);

/// HS codes that lost a leading zero in a spreadsheet get it back (one warning per file); an
/// ambiguous file is a Parse error. Left alone for SITC (comtrade.cc).
core::Status FixDroppedLeadingZeros(SourceTable* table);

/// Record a problem for field `index` of the current record.
void AddProblem(ProblemList* problems, const std::string& file, const CsvReader& reader, int index,
                std::string_view column_name, std::string_view what, std::string_view value);

}  // namespace tradestat::ingest::formats_internal
