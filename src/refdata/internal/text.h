// refdata/internal/text.h: small text helpers shared by the refdata loaders (private).
#pragma once

#include <string>
#include <string_view>

#include "core/strings.h"

namespace tradestat::refdata::internal {

/// Case-insensitive (ASCII) substring test; non-ASCII bytes compare exactly (Chinese names).
inline bool ContainsFolded(std::string_view haystack, std::string_view needle) {
  if (needle.empty()) return true;
  return core::ToLower(haystack).find(core::ToLower(needle)) != std::string::npos;
}

/// Digits of an HS code with dots and spaces removed ("8541.40.20" -> "85414020"); empty if any
/// other character is present.
inline std::string HsDigits(std::string_view code) {
  std::string out;
  for (char c : code) {
    if (c == '.' || c == ' ') continue;
    if (c < '0' || c > '9') return {};
    out.push_back(c);
  }
  return out;
}

}  // namespace tradestat::refdata::internal
