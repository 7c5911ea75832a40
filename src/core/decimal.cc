// core/decimal.cc: exact decimal parsing and printing without floating point.
#include "core/decimal.h"

#include <limits>

namespace tradestat::core {

std::string_view DecimalErrorText(DecimalError error, int scale) {
  switch (error) {
    case DecimalError::kOk: return "ok";
    case DecimalError::kEmpty: return "empty value; write 0 if the value is zero";
    case DecimalError::kNegative: return "negative value; values must be >= 0";
    case DecimalError::kNotANumber:
      return "not a number; write digits with an optional '.' and no thousands separators or "
             "exponent";
    case DecimalError::kTooManyDecimals:
      return scale == 2 ? "more than 2 decimals; money is exact to the cent (fen)"
                        : "too many decimals for this column";
    case DecimalError::kOverflow: return "number too large";
  }
  return "invalid number";
}

DecimalError ParseScaled(std::string_view text, int scale, int64_t* out) {
  size_t b = 0, e = text.size();
  while (b < e && text[b] == ' ') ++b;
  while (e > b && text[e - 1] == ' ') --e;
  if (b == e) return DecimalError::kEmpty;
  if (text[b] == '-') return DecimalError::kNegative;
  if (text[b] == '+') ++b;
  constexpr uint64_t kMax = static_cast<uint64_t>(std::numeric_limits<int64_t>::max());
  uint64_t v = 0;
  bool any_digit = false;
  size_t i = b;
  for (; i < e && text[i] >= '0' && text[i] <= '9'; ++i) {
    uint64_t digit = static_cast<uint64_t>(text[i] - '0');
    if (v > (kMax - digit) / 10) return DecimalError::kOverflow;
    v = v * 10 + digit;
    any_digit = true;
  }
  int decimals = 0;
  if (i < e && text[i] == '.') {
    ++i;
    for (; i < e && text[i] >= '0' && text[i] <= '9'; ++i) {
      any_digit = true;
      if (decimals < scale) {
        uint64_t digit = static_cast<uint64_t>(text[i] - '0');
        if (v > (kMax - digit) / 10) return DecimalError::kOverflow;
        v = v * 10 + digit;
        ++decimals;
      } else if (text[i] != '0') {
        return DecimalError::kTooManyDecimals;
      }
    }
  }
  if (i != e || !any_digit) return DecimalError::kNotANumber;
  for (; decimals < scale; ++decimals) {
    if (v > kMax / 10) return DecimalError::kOverflow;
    v *= 10;
  }
  *out = static_cast<int64_t>(v);
  return DecimalError::kOk;
}

std::string Int128ToString(__int128 value) {
  if (value == 0) return "0";
  bool neg = value < 0;
  unsigned __int128 u =
      neg ? -static_cast<unsigned __int128>(value) : static_cast<unsigned __int128>(value);
  char buf[48];
  int n = 0;
  while (u > 0) {
    buf[n++] = static_cast<char>('0' + static_cast<int>(u % 10));
    u /= 10;
  }
  std::string s;
  if (neg) s.push_back('-');
  while (n > 0) s.push_back(buf[--n]);
  return s;
}

std::string FormatScaled(__int128 value, int scale) {
  bool neg = value < 0;
  std::string digits = Int128ToString(neg ? -value : value);
  if (scale <= 0) return (neg ? "-" : "") + digits;
  if (static_cast<int>(digits.size()) <= scale) digits.insert(0, scale - digits.size() + 1, '0');
  digits.insert(digits.size() - scale, 1, '.');
  return (neg ? "-" : "") + digits;
}

__int128 DivRound(__int128 value, __int128 divisor) {
  if (divisor < 0) {
    value = -value;
    divisor = -divisor;
  }
  __int128 q = value / divisor, r = value % divisor;
  if (r < 0) r = -r;
  if (2 * r >= divisor) q += value < 0 ? -1 : 1;
  return q;
}

}  // namespace tradestat::core
