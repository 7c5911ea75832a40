// ingest/formats/encoding.h: text encodings of real-world inputs (UTF-8, ISO-8859-1, GBK/GB18030).
//
// CSV splitting works on raw bytes (',', '"', CR and LF never occur inside a GBK or Latin-1
// character); fields are converted to UTF-8 only where their text matters (headers, units,
// messages).
#pragma once

#include <string>
#include <string_view>

namespace tradestat::ingest {

bool IsValidUtf8(std::string_view text);
/// Each byte is a code point (ISO-8859-1).
std::string Latin1ToUtf8(std::string_view text);
/// GB18030 (a superset of GBK and GB2312) to UTF-8 via iconv; undecodable bytes become U+FFFD.
std::string Gb18030ToUtf8(std::string_view text);
/// UTF-8 as is; otherwise GB18030 if `chinese`, else ISO-8859-1.
std::string ToUtf8(std::string_view text, bool chinese);

}  // namespace tradestat::ingest
