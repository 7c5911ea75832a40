// store/dictionary.h: Dictionary, the append-only code <-> string table of one dimension.
//
// Codes are dense from 0 and never change once assigned, so segments written by earlier loads
// stay valid under later (larger) dictionaries. For optional dimensions code 0 is "" (not given).
// Thread safety: const methods are safe concurrently; Intern is not.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace tradestat::store {

class Dictionary {
 public:
  Dictionary() = default;
  explicit Dictionary(std::vector<std::string> values);

  size_t size() const { return values_.size(); }
  const std::string& Value(uint32_t code) const { return values_[code]; }
  const std::vector<std::string>& values() const { return values_; }
  /// Code of `value`, or -1 if absent.
  int64_t Find(std::string_view value) const;
  /// Code of `value`, adding it if absent.
  uint32_t Intern(std::string_view value);

 private:
  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  std::vector<std::string> values_;
  std::unordered_map<std::string, uint32_t, Hash, std::equal_to<>> index_;
};

}  // namespace tradestat::store
