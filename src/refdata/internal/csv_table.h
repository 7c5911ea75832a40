// refdata/internal/csv_table.h: a small RFC 4180 CSV reader for reference files, private to
// refdata. Keeps line and column of every field so errors read "file:line:column: what".
//
// Accepts a UTF-8 BOM, '\n' or "\r\n" line ends, quoted fields with "" escapes and embedded
// newlines, blank lines, and comment lines starting with '#' (the source notes). The first
// non-comment line is the header. Files must be valid UTF-8.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace tradestat::refdata::internal {

struct CsvField {
  std::string text;
  int line = 0;
  uint32_t offset = 0;       // byte offset of the field's first character in the text
  uint32_t line_offset = 0;  // byte offset of the start of its line
};

struct CsvRow {
  int line = 0;
  std::vector<CsvField> fields;
};

class CsvTable {
 public:
  /// Parse `text`; `file_name` is used in messages. Parse errors for unterminated quotes,
  /// invalid UTF-8, rows with a different number of fields than the header.
  /// REQUIRES: `text` outlives the table (error columns are computed from it on demand).
  static core::Result<CsvTable> Parse(std::string_view text, std::string_view file_name);

  /// Index of a header column, or -1.
  int Column(std::string_view name) const;
  /// Parse error naming the header line when a required column is missing.
  core::Status RequireColumns(const std::vector<std::string_view>& names) const;
  /// Field `col` of `row` trimmed; empty when col < 0.
  std::string_view Get(const CsvRow& row, int col) const;
  /// "file:line:column: message" as a Parse status, pointing at field `col` of `row`.
  core::Status ErrorAt(const CsvRow& row, int col, std::string_view message) const;
  core::Status ErrorAtLine(int line, std::string_view message) const;

  const std::vector<CsvRow>& rows() const { return rows_; }
  const std::vector<std::string>& header() const { return header_; }
  const std::string& file_name() const { return file_name_; }

 private:
  /// 1-based column in characters (not bytes) of a field, for messages.
  int ColumnOf(const CsvField& field) const;

  std::string_view text_;
  std::string file_name_;
  std::vector<std::string> header_;
  int header_line_ = 0;
  std::vector<CsvRow> rows_;
};

}  // namespace tradestat::refdata::internal
