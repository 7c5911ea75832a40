// store/segment_format.h: encoding and decoding of segment and dictionary files.
//
// Segment file (little-endian; docs/formats/store.md):
//   header (64 B): magic "TRDSEG01", u32 format, u32 column_count, u64 rows, i32 period key,
//                  u32 file id (low 32 bits of the manifest's segment id; 0 in files written
//                  before it was recorded), u64 directory hash, u64 header hash (of bytes 0..39), padding
//   directory:     column_count x 32 B: u16 column id, u8 width, u8 reserved, u32 reserved,
//                  u64 offset, u64 length, u64 XXH3 of the column bytes
//   columns:       raw fixed-width arrays, each starting on a 64-byte boundary
// Dictionary file: a header line "TRADESTAT-DICT 1 <count> <xxh3 hex of the body>" and then one
// value per line (values never contain a newline).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/period.h"
#include "core/status.h"
#include "store/types.h"

namespace tradestat::store {

inline constexpr char kSegmentMagic[8] = {'T', 'R', 'D', 'S', 'E', 'G', '0', '1'};
inline constexpr uint32_t kSegmentFormat = 1;
inline constexpr size_t kSegmentHeaderSize = 64;
inline constexpr size_t kDirectoryEntrySize = 32;

struct ColumnData {
  ColumnId id;
  uint8_t width;  // bytes per value
  std::string_view bytes;
};

/// Serialise a segment with the manifest id `file_id` recorded in its header (so a valid segment
/// copied over another is detected on open); the caller writes the bytes durably.
std::string EncodeSegment(core::Period period, uint64_t rows, const std::vector<ColumnData>& columns,
                          uint64_t file_id);
/// The id EncodeSegment records for `file_id` (never 0: 0 means "not recorded").
inline uint32_t SegmentHeaderId(uint64_t file_id) {
  auto id = static_cast<uint32_t>(file_id);
  return id == 0 ? 0xFFFFFFFFu : id;
}

struct ColumnEntry {
  ColumnId id;
  uint8_t width;
  uint64_t offset;
  uint64_t length;
  uint64_t hash;
};

struct SegmentHeader {
  core::Period period;
  uint64_t rows = 0;
  uint32_t file_id = 0;  // 0: written before ids were recorded
  std::vector<ColumnEntry> columns;
};

/// Check the header and directory of a mapped segment (not the column data). `path` is for messages.
Result<SegmentHeader> DecodeSegmentHeader(std::string_view file, const std::string& path);

/// Expected width of a column, or 0 for an unknown column id.
uint8_t ColumnWidth(ColumnId id);

std::string EncodeDictionary(const std::vector<std::string>& values);
Result<std::vector<std::string>> DecodeDictionary(std::string_view text, const std::string& path);

}  // namespace tradestat::store
