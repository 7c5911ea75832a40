// ingest/code_cache.h: CodeCache, raw field text -> validated code, on the per-row hot path.
//
// Field values in trade data are short codes (partner "USA", commodity "85076000"), so keys of
// up to 16 bytes live inline in an open-addressing table and are compared as two 64-bit words;
// longer keys fall back to a std::unordered_map. Several times faster than
// std::unordered_map<std::string, ...> here, which dominated load profiles.
#pragma once

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace tradestat::ingest {

template <typename Value>
class CodeCache {
 public:
  CodeCache() : slots_(64), mask_(63) {}

  /// Pointer to the cached value for `key`, or nullptr.
  const Value* Find(std::string_view key) const {
    if (key.size() > 16) {
      auto it = long_.find(std::string(key));
      return it == long_.end() ? nullptr : &it->second;
    }
    uint64_t a, b;
    Pack(key, &a, &b);
    uint32_t len = static_cast<uint32_t>(key.size()) + 1;
    for (size_t i = Hash(a, b, len) & mask_;; i = (i + 1) & mask_) {
      const Slot& s = slots_[i];
      if (s.len == 0) return nullptr;
      if (s.len == len && s.a == a && s.b == b) return &s.value;
    }
  }

  /// Insert (key must not be present); returns the stored value.
  const Value& Insert(std::string_view key, Value value) {
    if (key.size() > 16) return long_.emplace(std::string(key), std::move(value)).first->second;
    if ((size_ + 1) * 2 > slots_.size()) Grow();
    uint64_t a, b;
    Pack(key, &a, &b);
    return Place(a, b, static_cast<uint32_t>(key.size()) + 1, std::move(value));
  }

 private:
  struct Slot {
    uint64_t a = 0, b = 0;
    uint32_t len = 0;  // key length + 1; 0 = empty slot
    Value value{};
  };

  static void Pack(std::string_view key, uint64_t* a, uint64_t* b) {
    char buf[16] = {0};
    std::memcpy(buf, key.data(), key.size());
    std::memcpy(a, buf, 8);
    std::memcpy(b, buf + 8, 8);
  }
  static size_t Hash(uint64_t a, uint64_t b, uint32_t len) {
    uint64_t h = (a ^ (b * 0x9E3779B97F4A7C15ull) ^ len) * 0xBF58476D1CE4E5B9ull;
    return static_cast<size_t>(h ^ (h >> 31));
  }
  const Value& Place(uint64_t a, uint64_t b, uint32_t len, Value value) {
    size_t i = Hash(a, b, len) & mask_;
    while (slots_[i].len != 0) i = (i + 1) & mask_;
    slots_[i] = Slot{a, b, len, std::move(value)};
    ++size_;
    return slots_[i].value;
  }
  void Grow() {
    std::vector<Slot> old = std::move(slots_);
    slots_.assign(old.size() * 2, Slot{});
    mask_ = slots_.size() - 1;
    size_ = 0;
    for (Slot& s : old)
      if (s.len != 0) Place(s.a, s.b, s.len, std::move(s.value));
  }

  std::vector<Slot> slots_;
  size_t mask_;
  size_t size_ = 0;
  std::unordered_map<std::string, Value> long_;
};

}  // namespace tradestat::ingest
