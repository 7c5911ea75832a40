// store/types.cc: names of the record dimensions.
#include "store/types.h"

namespace tradestat::store {

std::optional<Dim> DimFromName(std::string_view name) {
  for (int i = 0; i < kDimCount; ++i)
    if (kDimNames[i] == name) return static_cast<Dim>(i);
  return std::nullopt;
}

}  // namespace tradestat::store
