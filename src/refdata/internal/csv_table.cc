// refdata/internal/csv_table.cc: the CSV state machine behind CsvTable.
//
// Unquoted fields (nearly all of them) are copied with one assign; character columns for
// messages are computed only when an error is reported, from the kept byte offsets.
#include "refdata/internal/csv_table.h"

#include <fmt/format.h>

#include <cstring>

#include "core/strings.h"

namespace tradestat::refdata::internal {
namespace {

bool IsContinuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

int CharColumn(std::string_view text, size_t line_offset, size_t offset) {
  int column = 1;
  for (size_t i = line_offset; i < offset && i < text.size(); ++i)
    if (!IsContinuation(text[i])) ++column;
  return column;
}

}  // namespace

int CsvTable::ColumnOf(const CsvField& field) const {
  return CharColumn(text_, field.line_offset, field.offset);
}

core::Result<CsvTable> CsvTable::Parse(std::string_view text, std::string_view file_name) {
  CsvTable table;
  table.file_name_ = std::string(file_name);
  if (text.size() >= 3 && text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  table.text_ = text;
  if (text.size() > UINT32_MAX)
    return core::Status::Parse(fmt::format("{}: file too large", file_name));
  if (!core::IsValidUtf8(text)) {
    return core::Status::Parse(
        fmt::format("{}: not valid UTF-8 text (save the file as UTF-8)", file_name));
  }
  const size_t n = text.size();
  size_t i = 0;
  size_t line_offset = 0;
  int line = 1;
  bool have_header = false;
  while (i < n) {
    // Skip blank and comment lines at the start of a record.
    size_t eol = text.find('\n', i);
    std::string_view trimmed = core::Trim(
        text.substr(i, eol == std::string_view::npos ? std::string_view::npos : eol - i));
    if (trimmed.empty() || trimmed.front() == '#') {
      if (eol == std::string_view::npos) break;
      i = eol + 1;
      line_offset = i;
      ++line;
      continue;
    }
    CsvRow row;
    row.line = line;
    bool record_done = false;
    while (!record_done) {
      CsvField field;
      field.line = line;
      field.offset = static_cast<uint32_t>(i);
      field.line_offset = static_cast<uint32_t>(line_offset);
      if (i < n && text[i] == '"') {
        ++i;
        bool closed = false;
        while (i < n) {
          // Copy up to the next quote in one piece, counting the line ends inside it.
          size_t q = text.find('"', i);
          size_t chunk_end = q == std::string_view::npos ? n : q;
          for (size_t nl = text.find('\n', i); nl < chunk_end; nl = text.find('\n', nl + 1)) {
            ++line;
            line_offset = nl + 1;
          }
          field.text.append(text.data() + i, chunk_end - i);
          i = chunk_end;
          if (i >= n) break;
          if (i + 1 < n && text[i + 1] == '"') {  // "" is an escaped quote
            field.text.push_back('"');
            i += 2;
            continue;
          }
          ++i;
          closed = true;
          break;
        }
        if (!closed) {
          return core::Status::Parse(
              fmt::format("{}:{}:{}: quoted field is never closed (missing '\"')", file_name,
                          field.line, CharColumn(text, field.line_offset, field.offset)));
        }
        // After a closing quote only a separator or line end may follow (spaces tolerated).
        while (i < n && (text[i] == ' ' || text[i] == '\t')) ++i;
        if (i < n && text[i] != ',' && text[i] != '\n' && text[i] != '\r') {
          return core::Status::Parse(
              fmt::format("{}:{}:{}: unexpected text after a closing quote (a '\"' inside a field "
                          "must be doubled)",
                          file_name, line, CharColumn(text, line_offset, i)));
        }
      } else {
        size_t end = i;
        while (end < n && text[end] != ',' && text[end] != '\n') ++end;
        size_t stop = end;
        if (stop > i && text[stop - 1] == '\r') --stop;
        field.text.assign(text.data() + i, stop - i);
        i = end;
      }
      row.fields.push_back(std::move(field));
      if (i < n && text[i] == '\r') ++i;
      if (i >= n) {
        record_done = true;
      } else if (text[i] == ',') {
        ++i;
      } else {  // '\n'
        ++i;
        ++line;
        line_offset = i;
        record_done = true;
      }
    }
    if (!have_header) {
      for (auto& f : row.fields) table.header_.push_back(core::ToLower(core::Trim(f.text)));
      table.header_line_ = row.line;
      have_header = true;
      continue;
    }
    if (row.fields.size() != table.header_.size()) {
      return core::Status::Parse(
          fmt::format("{}:{}:1: {} fields, the header has {} (check commas and quotes)", file_name,
                      row.line, row.fields.size(), table.header_.size()));
    }
    table.rows_.push_back(std::move(row));
  }
  if (!have_header)
    return core::Status::Parse(fmt::format("{}: empty file (no header line)", file_name));
  return table;
}

int CsvTable::Column(std::string_view name) const {
  for (size_t i = 0; i < header_.size(); ++i)
    if (header_[i] == name) return static_cast<int>(i);
  return -1;
}

core::Status CsvTable::RequireColumns(const std::vector<std::string_view>& names) const {
  std::string missing;
  for (auto n : names) {
    if (Column(n) < 0) missing += (missing.empty() ? "" : ", ") + std::string(n);
  }
  if (missing.empty()) return core::Status::Ok();
  std::string expected;
  for (auto n : names) expected += (expected.empty() ? "" : ",") + std::string(n);
  return core::Status::Parse(
      fmt::format("{}:{}:1: missing column(s) {}; the header must include {}", file_name_,
                  header_line_, missing, expected));
}

std::string_view CsvTable::Get(const CsvRow& row, int col) const {
  if (col < 0 || col >= static_cast<int>(row.fields.size())) return {};
  return core::Trim(row.fields[col].text);
}

core::Status CsvTable::ErrorAt(const CsvRow& row, int col, std::string_view message) const {
  int line = row.line, column = 1;
  if (col >= 0 && col < static_cast<int>(row.fields.size())) {
    line = row.fields[col].line;
    column = ColumnOf(row.fields[col]);
  }
  std::string where = col >= 0 && col < static_cast<int>(header_.size()) ? " " + header_[col] : "";
  return core::Status::Parse(fmt::format("{}:{}:{}:{} {}", file_name_, line, column,
                                         where.empty() ? "" : where + ":", message));
}

core::Status CsvTable::ErrorAtLine(int line, std::string_view message) const {
  return core::Status::Parse(fmt::format("{}:{}:1: {}", file_name_, line, message));
}

}  // namespace tradestat::refdata::internal
