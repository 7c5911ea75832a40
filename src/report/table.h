// report/table.h: the generic table model of a query result and its renderers.
//
// QueryTable() turns a QueryResult into display cells (customs rounding, report/display.h); the
// text and Markdown renderers lay those out. CSV and XLSX are written from the result itself so
// they carry exact, unrounded numbers (CSV as text, XLSX as numbers).
#pragma once

#include <string>
#include <vector>

#include "core/status.h"
#include "query/result.h"

namespace tradestat::report {

struct Table {
  std::string title;
  std::vector<std::string> headers;
  std::vector<bool> numeric;  // per column: right-aligned
  std::vector<std::vector<std::string>> rows;
  size_t total_row = static_cast<size_t>(-1);  // index of the total row, if any
  std::vector<std::string> notes;
};

Table QueryTable(const query::QueryResult& result);

/// Aligned plain text (CJK counted as two columns).
std::string RenderText(const Table& table);
/// GitHub-flavoured Markdown table plus notes.
std::string RenderMarkdown(const Table& table);
/// RFC 4180 CSV with exact values: codes, names, money in currency units, unrounded percentages.
std::string RenderCsv(const query::QueryResult& result);
/// A real spreadsheet (libxlsxwriter): numbers as numbers, percentages with 1-decimal format.
/// Written inside a private directory (mkdtemp, mode 0700) beside `path`, then renamed onto it:
/// concurrent writers (threads or processes, same path or not) never share a file name, a reader
/// of `path` sees the old file or a whole new one, and the directory is removed on every path.
core::Status WriteXlsx(const query::QueryResult& result, const std::string& path);
/// The same workbook as bytes (the server's export), built in a private directory under $TMPDIR
/// (or /tmp) that is removed before returning; safe to call from many threads at once.
core::Result<std::string> XlsxBytes(const query::QueryResult& result);

/// Display width of UTF-8 text in terminal columns.
size_t DisplayWidth(std::string_view s);

}  // namespace tradestat::report
