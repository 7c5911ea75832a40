// ingest/formats/reader_util.h: helpers shared by the format readers (private to ingest/formats).
#pragma once

#include <cstdint>
#include <initializer_list>
#include <map>
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

/// A file's unknown reporter and partner codes: one problem per code, at the first line that
/// carries it, however many rows do (the Comtrade, Comext and WITS readers).
class UnknownAreaCodes {
 public:
  /// One more row carrying `code`; the first row's place and `why` are what is reported.
  void Note(bool reporter, std::string_view code, uint64_t line, uint64_t column,
            std::string_view column_name, std::string_view why);
  /// With --unknown-partner residual: true the first time `code` is seen (warn once per code);
  /// such codes are kept, not reported by Report().
  bool FirstKept(std::string_view code) {
    return codes_.emplace("P" + std::string(code), Entry{}).second;
  }
  /// "COLUMN: WHY (value "CODE"); N rows carry this code", and for a partner how to keep its rows.
  void Report(const std::string& file, ProblemList* problems) const;

 private:
  struct Entry {
    uint64_t line = 0, column = 0, rows = 0;
    std::string column_name, why;
  };
  std::map<std::string, Entry> codes_;  // "R" or "P", then the code as read
};

}  // namespace tradestat::ingest::formats_internal
