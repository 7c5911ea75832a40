// core/decimal.h: exact decimal text <-> scaled integers (money in minor units, quantities).
//
// Money is never a float: "1234.56" yuan is stored as 123456 fen. Parsing is on the load hot
// path, so it returns a small error enum instead of a Status; ingest turns it into a message.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace tradestat::core {

enum class DecimalError : uint8_t {
  kOk = 0,
  kEmpty,            // no digits at all
  kNegative,         // a leading minus sign
  kNotANumber,       // letters, thousands separators, exponents ...
  kTooManyDecimals,  // more significant decimals than the scale allows
  kOverflow,         // does not fit in int64 once scaled
};

/// Human explanation of a DecimalError, with what to do about it.
std::string_view DecimalErrorText(DecimalError error, int scale);

/// Parse a non-negative decimal ("12", "12.5", "12.50") into an integer of 10^-scale units.
/// Surrounding spaces are ignored; trailing zeros beyond `scale` are accepted ("1.500" at scale 2).
DecimalError ParseScaled(std::string_view text, int scale, int64_t* out);

/// Format an integer of 10^-scale units exactly ("123456", 2 -> "1234.56"); no grouping.
std::string FormatScaled(__int128 value, int scale);

/// Round value / divisor to the nearest integer, halves away from zero (customs display rounding).
__int128 DivRound(__int128 value, __int128 divisor);

/// Decimal text of a 128-bit integer.
std::string Int128ToString(__int128 value);

}  // namespace tradestat::core
