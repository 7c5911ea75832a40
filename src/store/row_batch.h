// store/row_batch.h: RowBatch, validated records on their way into a store, one vector per column.
//
// Dimension values are codes of the dataset's dictionaries (LoadTransaction::dictionary()).
#pragma once

#include <array>
#include <cstdint>
#include <vector>

#include "store/types.h"

namespace tradestat::store {

struct RowBatch {
  std::vector<int32_t> period_key;  // core::Period::key()
  std::vector<uint8_t> flow;
  std::vector<uint16_t> reporter;
  std::vector<uint16_t> partner;
  std::vector<uint32_t> commodity;
  std::vector<uint16_t> trade_mode;
  std::vector<uint16_t> enterprise_type;
  std::vector<uint16_t> unit;
  std::vector<int64_t> quantity;  // kNoQuantity when not given
  std::array<std::vector<int64_t>, kMaxCurrencies> values;

  size_t size() const { return flow.size(); }
  void Clear() {
    period_key.clear(), flow.clear(), reporter.clear(), partner.clear(), commodity.clear();
    trade_mode.clear(), enterprise_type.clear(), unit.clear(), quantity.clear();
    for (auto& v : values) v.clear();
  }
};

}  // namespace tradestat::store
