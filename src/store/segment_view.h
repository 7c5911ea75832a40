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

struct SegmentView {
  core::Period period;
  uint64_t rows = 0;
  const uint8_t* flow = nullptr;  // Flow values
  const uint16_t* reporter = nullptr;
  const uint16_t* partner = nullptr;
  const uint32_t* commodity = nullptr;
  const uint16_t* trade_mode = nullptr;       // 0 = not given
  const uint16_t* enterprise_type = nullptr;  // 0 = not given
  const uint16_t* unit = nullptr;             // 0 = not given
  const int64_t* quantity = nullptr;          // null or kNoQuantity = not given
  std::array<const int64_t*, kMaxCurrencies> values{};  // values[i]: minor units, i-th currency

  /// Code of dimension `d` at `row` (all dimensions widened to 32 bits).
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
