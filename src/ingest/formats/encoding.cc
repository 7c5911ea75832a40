// ingest/formats/encoding.cc: UTF-8 validation and conversion (glibc iconv for GB18030).
#include "ingest/formats/encoding.h"

#include <iconv.h>

#include <cerrno>

namespace tradestat::ingest {

bool IsValidUtf8(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    auto c = static_cast<unsigned char>(s[i]);
    size_t n;
    if (c < 0x80)
      n = 0;
    else if (c >= 0xC2 && c <= 0xDF)
      n = 1;
    else if ((c >> 4) == 0xE)
      n = 2;
    else if (c >= 0xF0 && c <= 0xF4)
      n = 3;
    else
      return false;
    if (i + n >= s.size() && n > 0) return false;
    for (size_t k = 1; k <= n; ++k)
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
    i += n + 1;
  }
  return true;
}

std::string Latin1ToUtf8(std::string_view s) {
  std::string out;
  out.reserve(s.size() + 8);
  for (char ch : s) {
    auto c = static_cast<unsigned char>(ch);
    if (c < 0x80) {
      out.push_back(ch);
    } else {
      out.push_back(static_cast<char>(0xC0 | (c >> 6)));
      out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    }
  }
  return out;
}

std::string Gb18030ToUtf8(std::string_view s) {
  iconv_t cd = iconv_open("UTF-8", "GB18030");
  if (cd == reinterpret_cast<iconv_t>(-1)) return Latin1ToUtf8(s);
  std::string out;
  std::string in(s);
  char* inp = in.data();
  size_t inleft = in.size();
  char buf[256];
  while (inleft > 0) {
    char* outp = buf;
    size_t outleft = sizeof buf;
    size_t r = iconv(cd, &inp, &inleft, &outp, &outleft);
    out.append(buf, static_cast<size_t>(outp - buf));
    if (r == static_cast<size_t>(-1) && errno != E2BIG) {  // invalid or truncated sequence
      out += "\xEF\xBF\xBD";
      ++inp;
      --inleft;
    }
  }
  iconv_close(cd);
  return out;
}

std::string ToUtf8(std::string_view s, bool chinese) {
  if (IsValidUtf8(s)) return std::string(s);
  return chinese ? Gb18030ToUtf8(s) : Latin1ToUtf8(s);
}

}  // namespace tradestat::ingest
