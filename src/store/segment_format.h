// store/segment_format.h: encoding and decoding of segment and dictionary files.
//
// Segment file (little-endian; docs/formats/store.md):
//   header (64 B): magic "TRDSEG01", u32 format, u32 column_count, u64 rows, i32 period key,
//                  u32 file id (low 32 bits of the manifest's segment id; 0 in files written
//                  before it was recorded), u64 directory hash, u64 header hash (of bytes 0..39),
//                  padding
//   directory:     column_count x 32 B: u16 column id, u8 width, u8 encoding (format 2; reserved
//                  in format 1), u32 reserved, u64 offset, u64 length, u64 XXH3 of the column bytes
//   columns:       each starting on a 64-byte boundary. Format 1: raw fixed-width arrays.
//                  Format 2: per column one of raw, block-packed (frame of reference + bit
//                  packing per block of kPackBlockRows values), block-packed then zstd (read
//                  only), or group-packed (frame of reference per block, bit width per group of
//                  128 values: what loads write).
// Dictionary file: a header line "TRADESTAT-DICT 1 <count> <xxh3 hex of the body>" and then one
// value per line (values never contain a newline).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/period.h"
#include "core/status.h"
#include "store/row_batch.h"
#include "store/segment_view.h"
#include "store/types.h"

namespace tradestat::store {

inline constexpr char kSegmentMagic[8] = {'T', 'R', 'D', 'S', 'E', 'G', '0', '1'};
inline constexpr uint32_t kSegmentFormat = 2;     // written by this build; 1 and 2 are read
inline constexpr uint32_t kSegmentFormatRaw = 1;  // the uncompressed layout (tests, `upgrade`)
/// What loads, `copy` and `upgrade` write: format 2 with every packable column group-packed and
/// no zstd. The 10 M-row bench store is 2.6x smaller than format 1 and a query process takes
/// about format 1's CPU (the scan decodes 4096-value blocks in its loop from fewer bytes);
/// zstd on the columns a scan reads doubled that CPU (whole-column decompression, page faults),
/// and every column is one some query reads (bench/results/2026-12-02-10M-format2-default.txt).
inline constexpr uint32_t kSegmentFormatWritten = kSegmentFormat;
inline constexpr uint32_t kPackBlockRows = 4096;
static_assert(kPackBlockRows == kBlockRows);

/// How a format-2 column is stored (the directory entry's encoding byte).
enum class ColumnEncoding : uint8_t { kRaw = 0, kPacked = 1, kPackedZstd = 2, kGrouped = 3 };
inline constexpr size_t kSegmentHeaderSize = 64;
inline constexpr size_t kDirectoryEntrySize = 32;

struct ColumnData {
  ColumnId id;
  uint8_t width;  // bytes per value
  std::string_view bytes;
};

/// The columns of a segment holding `batch` (views into it): the dimension columns, the
/// quantities when any row has one, and the first `currencies` value columns. Loads and
/// `tradestat copy` both write segments through this, so a column is added in one place.
std::vector<ColumnData> SegmentColumnsOf(const RowBatch& batch, size_t currencies);

/// Serialise a segment with the manifest id `file_id` recorded in its header (so a valid segment
/// copied over another is detected on open); the caller writes the bytes durably.
/// `format` 2 packs each column where that is smaller than raw, as `packed_as` (kGrouped; the
/// earlier kPacked and kPackedZstd only for tests of their readers); 1 writes the old raw layout
/// (kept for tests of old stores).
std::string EncodeSegment(core::Period period, uint64_t rows,
                          const std::vector<ColumnData>& columns, uint64_t file_id,
                          uint32_t format = kSegmentFormatWritten,
                          ColumnEncoding packed_as = ColumnEncoding::kGrouped);
/// The id EncodeSegment records for `file_id` (never 0: 0 means "not recorded").
inline uint32_t SegmentHeaderId(uint64_t file_id) {
  auto id = static_cast<uint32_t>(file_id);
  return id == 0 ? 0xFFFFFFFFu : id;
}

struct ColumnEntry {
  ColumnId id;
  uint8_t width;
  ColumnEncoding encoding = ColumnEncoding::kRaw;
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

/// Check the header and directory of a mapped segment (not the column data). `path` is for
/// messages.
Result<SegmentHeader> DecodeSegmentHeader(std::string_view file, const std::string& path);

/// Decode a column whose bytes passed their checksum into `out` (rows * width bytes). For a raw
/// column this is a copy; callers scan raw columns in place instead. Bounds-checked: a
/// malformed body is Corruption, never a read outside `file`.
Status DecodeColumn(std::string_view file, const ColumnEntry& column, uint64_t rows, void* out,
                    const std::string& path);

/// Prepare a packed (format-2, non-raw) column whose bytes passed their checksum for block
/// decoding (DecodeBlock in segment_view.h): a zstd column is decompressed into `scratch`, the
/// block table is bounds-checked into `block_offsets`; `out` points into `file`/`scratch`/
/// `block_offsets`, which must outlive it. A malformed body is Corruption.
Status OpenPackedColumn(std::string_view file, const ColumnEntry& column, uint64_t rows,
                        std::unique_ptr<char[]>* scratch, std::vector<uint64_t>* block_offsets,
                        PackedColumn* out, const std::string& path);

/// Expected width of a column, or 0 for an unknown column id.
uint8_t ColumnWidth(ColumnId id);

std::string EncodeDictionary(const std::vector<std::string>& values);
Result<std::vector<std::string>> DecodeDictionary(std::string_view text, const std::string& path);

}  // namespace tradestat::store
