// ingest/csv_reader.h: CsvReader, splits a stream into CSV records without copying fields.
//
// RFC 4180 quoting ("a,b" and "" inside quotes), LF or CRLF line ends, quoted newlines, an
// optional UTF-8 byte-order mark, blank lines skipped. Owns quoting and line counting only;
// what the fields mean is converter.h's business. Memory is one block buffer (grown only for a
// record longer than a block, up to kMaxRecordBytes).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "ingest/input_file.h"

namespace tradestat::ingest {

/// Longest record accepted (bytes, quoted newlines included); a longer one is a Parse error
/// naming its first line, so a file without line ends cannot exhaust memory.
inline constexpr size_t kMaxRecordBytes = 16 << 20;

class CsvReader {
 public:
  /// Bytes read per block (the buffer's starting size).
  static constexpr size_t kDefaultBlockBytes = 1 << 20;
  /// `block_bytes` is the buffer's starting size; the fuzz targets pass a small one so a run does
  /// not pay for 1 MiB of fresh pages (and so the refill / grow paths are exercised often).
  explicit CsvReader(InputFile* input, char separator = ',',
                     size_t block_bytes = kDefaultBlockBytes);

  /// Read the next record into `fields` (views valid until the next call). Returns false at the
  /// end of input. Parse error "FILE:LINE: unterminated quoted field" for a quote never closed.
  core::Result<bool> Next(std::vector<std::string_view>* fields);
  /// Line number (1-based) where the last record returned starts.
  uint64_t line() const { return record_line_; }
  /// Byte offset of field `i` of the last record from the start of its line, 1-based (for
  /// messages).
  uint64_t column_of(size_t i) const { return i < starts_.size() ? starts_[i] + 1 : 0; }

 private:
  core::Status Refill();

  InputFile* input_;
  char sep_;
  std::string buf_;
  size_t pos_ = 0, end_ = 0;
  bool eof_ = false;
  bool first_ = true;
  uint64_t line_ = 1;
  uint64_t record_line_ = 0;
  std::string scratch_;  // unescaped quoted fields
  std::vector<uint64_t> starts_;
};

}  // namespace tradestat::ingest
