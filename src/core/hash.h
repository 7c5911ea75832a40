// core/hash.h: 64-bit content hashes (XXH3) for file checksums and load identity.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace tradestat::core {

uint64_t Hash64(const void* data, size_t size);
inline uint64_t Hash64(std::string_view s) { return Hash64(s.data(), s.size()); }
/// 16 lower-case hex digits.
std::string HashToHex(uint64_t hash);

/// Incremental XXH3-64 over a stream (e.g. the decompressed bytes of an input file).
class StreamingHash {
 public:
  StreamingHash();
  ~StreamingHash();
  StreamingHash(const StreamingHash&) = delete;
  StreamingHash& operator=(const StreamingHash&) = delete;
  void Update(const void* data, size_t size);
  uint64_t Digest() const;

 private:
  void* state_;
};

}  // namespace tradestat::core
