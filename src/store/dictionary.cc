// store/dictionary.cc: append-only string dictionary.
#include "store/dictionary.h"

namespace tradestat::store {

Dictionary::Dictionary(std::vector<std::string> values) : values_(std::move(values)) {
  index_.reserve(values_.size());
  for (uint32_t i = 0; i < values_.size(); ++i) index_.emplace(values_[i], i);
}

int64_t Dictionary::Find(std::string_view value) const {
  auto it = index_.find(value);
  return it == index_.end() ? -1 : static_cast<int64_t>(it->second);
}

uint32_t Dictionary::Intern(std::string_view value) {
  auto it = index_.find(value);
  if (it != index_.end()) return it->second;
  uint32_t code = static_cast<uint32_t>(values_.size());
  values_.emplace_back(value);
  index_.emplace(values_.back(), code);
  return code;
}

}  // namespace tradestat::store
