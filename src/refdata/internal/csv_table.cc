// refdata/internal/csv_table.cc: the CSV state machine behind CsvTable.
#include "refdata/internal/csv_table.h"

#include <fmt/format.h>

#include "core/strings.h"

namespace tradestat::refdata::internal {
namespace {

bool IsContinuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

}  // namespace

core::Result<CsvTable> CsvTable::Parse(std::string_view text, std::string_view file_name) {
  CsvTable table;
  table.file_name_ = std::string(file_name);
  if (text.size() >= 3 && text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  if (!core::IsValidUtf8(text)) {
    return core::Status::Parse(fmt::format("{}: not valid UTF-8 text (save the file as UTF-8)", file_name));
  }
  size_t i = 0;
  int line = 1;
  bool have_header = false;
  while (i < text.size()) {
    // Skip blank and comment lines at the start of a record.
    size_t eol = text.find('\n', i);
    std::string_view raw = text.substr(i, eol == std::string_view::npos ? std::string_view::npos : eol - i);
    std::string_view trimmed = core::Trim(raw);
    if (trimmed.empty() || trimmed.front() == '#') {
      if (eol == std::string_view::npos) break;
      i = eol + 1;
      ++line;
      continue;
    }
    CsvRow row;
    row.line = line;
    int column = 1;
    bool record_done = false;
    while (!record_done) {
      CsvField field;
      field.line = line;
      field.column = column;
      if (i < text.size() && text[i] == '"') {
        int start_line = line, start_col = column;
        ++i;
        ++column;
        bool closed = false;
        while (i < text.size()) {
          char c = text[i];
          if (c == '"') {
            if (i + 1 < text.size() && text[i + 1] == '"') {
              field.text.push_back('"');
              i += 2;
              column += 2;
              continue;
            }
            ++i;
            ++column;
            closed = true;
            break;
          }
          if (c == '\n') {
            ++line;
            column = 1;
          } else if (!IsContinuation(c)) {
            ++column;
          }
          field.text.push_back(c);
          ++i;
        }
        if (!closed) {
          return core::Status::Parse(fmt::format("{}:{}:{}: quoted field is never closed (missing '\"')",
                                                 file_name, start_line, start_col));
        }
        // After a closing quote only a separator or line end may follow (spaces tolerated).
        while (i < text.size() && (text[i] == ' ' || text[i] == '\t')) {
          ++i;
          ++column;
        }
        if (i < text.size() && text[i] != ',' && text[i] != '\n' && text[i] != '\r') {
          return core::Status::Parse(fmt::format(
              "{}:{}:{}: unexpected text after a closing quote (a '\"' inside a field must be doubled)",
              file_name, line, column));
        }
      } else {
        while (i < text.size() && text[i] != ',' && text[i] != '\n') {
          if (!IsContinuation(text[i])) ++column;
          field.text.push_back(text[i]);
          ++i;
        }
        if (!field.text.empty() && field.text.back() == '\r') field.text.pop_back();
      }
      row.fields.push_back(std::move(field));
      if (i < text.size() && text[i] == '\r') ++i;
      if (i >= text.size()) {
        record_done = true;
      } else if (text[i] == ',') {
        ++i;
        ++column;
      } else {  // '\n'
        ++i;
        ++line;
        column = 1;
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
      // Tolerate missing trailing empty fields only if all missing; report otherwise.
      return core::Status::Parse(fmt::format("{}:{}:1: {} fields, the header has {} (check commas and quotes)",
                                             file_name, row.line, row.fields.size(), table.header_.size()));
    }
    table.rows_.push_back(std::move(row));
  }
  if (!have_header) return core::Status::Parse(fmt::format("{}: empty file (no header line)", file_name));
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
  return core::Status::Parse(fmt::format("{}:{}:1: missing column(s) {}; the header must include {}", file_name_,
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
    column = row.fields[col].column;
  }
  std::string where = col >= 0 && col < static_cast<int>(header_.size()) ? " " + header_[col] : "";
  return core::Status::Parse(fmt::format("{}:{}:{}:{} {}", file_name_, line, column,
                                         where.empty() ? "" : where + ":", message));
}

core::Status CsvTable::ErrorAtLine(int line, std::string_view message) const {
  return core::Status::Parse(fmt::format("{}:{}:1: {}", file_name_, line, message));
}

}  // namespace tradestat::refdata::internal
