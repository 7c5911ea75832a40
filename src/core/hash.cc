// core/hash.cc: XXH3 wrappers (libxxhash).
#include "core/hash.h"

#include <xxhash.h>

#include <fmt/format.h>

namespace tradestat::core {

uint64_t Hash64(const void* data, size_t size) { return XXH3_64bits(data, size); }

std::string HashToHex(uint64_t hash) { return fmt::format("{:016x}", hash); }

StreamingHash::StreamingHash() : state_(XXH3_createState()) {
  XXH3_64bits_reset(static_cast<XXH3_state_t*>(state_));
}
StreamingHash::~StreamingHash() { XXH3_freeState(static_cast<XXH3_state_t*>(state_)); }
void StreamingHash::Update(const void* data, size_t size) {
  XXH3_64bits_update(static_cast<XXH3_state_t*>(state_), data, size);
}
uint64_t StreamingHash::Digest() const {
  return XXH3_64bits_digest(static_cast<XXH3_state_t*>(state_));
}

}  // namespace tradestat::core
