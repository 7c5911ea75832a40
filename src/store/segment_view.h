// store/segment_view.h: SegmentView, the read-only columnar view that queries scan.
//
// A segment holds the records of one period (a month, or a year for annual data) from one load.
// Every pointer addresses `rows` consecutive values (memory-mapped from the segment file, or
// vectors in tests). The view owns nothing; it stays valid while its DatasetSnapshot lives.
#pragma once

#include <array>
#include <cstdint>

#include "core/period.h"
#include "store/types.h"

namespace tradestat::store {

/// A format-2 column read block by block (its bytes passed their checksum and its block table
/// its bounds checks): `body` is the packed body (in the mapped file, or the snapshot's
/// decompressed copy of a zstd column), `block_offset[b]` the byte offset of block b's values.
struct PackedColumn {
  const char* body = nullptr;
  const uint64_t* block_offset = nullptr;
  uint64_t rows = 0;
  uint8_t width = 0;     // bytes per decoded value: 1, 2, 4 or 8
  bool grouped = false;  // encoding 3: a bit width per group of 128 values (segment_format.cc)
};
/// Rows per block of a PackedColumn (segment_format.h kPackBlockRows).
inline constexpr uint64_t kBlockRows = 4096;
/// Decode block `block` (rows [block*kBlockRows, ...) of the column) into `out`, which holds
/// kBlockRows values of the column's width. Defined in segment_format.cc.
void DecodeBlock(const PackedColumn& column, uint64_t block, void* out);

struct SegmentView {
  core::Period period;
  uint64_t rows = 0;
  const uint8_t* flow = nullptr;  // Flow values
  const uint16_t* reporter = nullptr;
  const uint16_t* partner = nullptr;
  const uint32_t* commodity = nullptr;
  const uint16_t* trade_mode = nullptr;                 // 0 = not given
  const uint16_t* enterprise_type = nullptr;            // 0 = not given
  const uint16_t* unit = nullptr;                       // 0 = not given
  const int64_t* quantity = nullptr;                    // null or kNoQuantity = not given
  std::array<const int64_t*, kMaxCurrencies> values{};  // values[i]: minor units, i-th currency
  /// Block access (DatasetSnapshot::Segments with Access::kBlocks): packed[ColumnId] is set for
  /// a needed column stored packed, whose pointer above is then null; the scan decodes it one
  /// block at a time (query/cube.cc). Null for raw columns, whose pointers address the map.
  std::array<const PackedColumn*, 16 + kMaxCurrencies> packed{};
  /// Identifies the segment's data (the same segment mapped twice has the same token).
  const void* token = nullptr;

  /// Code of dimension `d` at `row` (all dimensions widened to 32 bits; whole-column views only).
  uint32_t Code(Dim d, uint64_t row) const {
    switch (d) {
      case Dim::kReporter: return reporter[row];
      case Dim::kPartner: return partner[row];
      case Dim::kCommodity: return commodity[row];
      case Dim::kTradeMode: return trade_mode[row];
      case Dim::kEnterpriseType: return enterprise_type[row];
      case Dim::kUnit: return unit[row];
    }
    return 0;
  }
};

}  // namespace tradestat::store
