// core/strings.h: small string helpers used across modules (ASCII case, trimming, splitting).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace tradestat::core {

std::string ToLower(std::string_view s);
std::string ToUpper(std::string_view s);
std::string_view Trim(std::string_view s);
std::vector<std::string_view> Split(std::string_view s, char sep);
bool StartsWith(std::string_view s, std::string_view prefix);
bool IsDigits(std::string_view s);
/// Group the integer digits of a decimal string by thousands: "1234567.5" -> "1,234,567.5".
std::string GroupThousands(std::string_view decimal);
/// True if s is valid UTF-8 (reference files and CSV text must be).
bool IsValidUtf8(std::string_view s);
/// Byte offset of the first byte that is not valid UTF-8, or npos when all of s is valid.
size_t InvalidUtf8Offset(std::string_view s);
/// `value` as quoted in an error message: at most `max` bytes (cut on a character boundary,
/// "... (N bytes)" appended when cut), control characters and bytes that are not UTF-8 shown as
/// \xNN, so a huge, binary or NUL-laden field never floods or truncates the report.
std::string MessageExcerpt(std::string_view value, size_t max = 48);

}  // namespace tradestat::core
