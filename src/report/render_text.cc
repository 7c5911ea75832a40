// report/render_text.cc: aligned text and Markdown renderings of a Table.
#include <algorithm>

#include "report/table.h"

namespace tradestat::report {
namespace {

uint32_t NextCodepoint(std::string_view s, size_t& i) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  int len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : 4;
  uint32_t cp = len == 1 ? c : len == 2 ? (c & 0x1F) : len == 3 ? (c & 0x0F) : (c & 0x07);
  for (int k = 1; k < len && i + k < s.size(); ++k)
    cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
  i += len;
  return cp;
}

std::string Pad(const std::string& s, size_t width, bool right) {
  size_t w = DisplayWidth(s);
  std::string fill(width > w ? width - w : 0, ' ');
  return right ? fill + s : s + fill;
}

}  // namespace

size_t DisplayWidth(std::string_view s) {
  size_t w = 0;
  for (size_t i = 0; i < s.size();) {
    uint32_t cp = NextCodepoint(s, i);
    w += (cp >= 0x1100 &&
          (cp <= 0x115F || (cp >= 0x2E80 && cp <= 0xA4CF) || (cp >= 0xAC00 && cp <= 0xD7A3) ||
           (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFE30 && cp <= 0xFE4F) ||
           (cp >= 0xFF00 && cp <= 0xFF60) || (cp >= 0xFFE0 && cp <= 0xFFE6)))
             ? 2
             : 1;
  }
  return w;
}

std::string RenderText(const Table& t) {
  std::vector<size_t> width(t.headers.size(), 0);
  for (size_t c = 0; c < t.headers.size(); ++c) width[c] = DisplayWidth(t.headers[c]);
  for (const auto& row : t.rows)
    for (size_t c = 0; c < row.size() && c < width.size(); ++c)
      width[c] = std::max(width[c], DisplayWidth(row[c]));
  std::string out = t.title + "\n\n";
  auto line = [&](const std::vector<std::string>& cells) {
    std::string l;
    for (size_t c = 0; c < cells.size(); ++c) {
      if (c) l += "  ";
      l += Pad(cells[c], width[c], t.numeric[c]);
    }
    while (!l.empty() && l.back() == ' ') l.pop_back();
    out += l + "\n";
  };
  line(t.headers);
  size_t total = 0;
  for (size_t w : width) total += w;
  std::string rule(total + 2 * (width.empty() ? 0 : width.size() - 1), '-');
  out += rule + "\n";
  for (size_t r = 0; r < t.rows.size(); ++r) {
    if (r == t.total_row && r > 0) out += rule + "\n";
    line(t.rows[r]);
  }
  if (!t.notes.empty()) out += "\n";
  for (const auto& n : t.notes) out += n + "\n";
  return out;
}

std::string RenderMarkdown(const Table& t) {
  auto esc = [](const std::string& s) {
    std::string o;
    for (char c : s) o += c == '|' ? std::string("\\|") : std::string(1, c);
    return o;
  };
  std::string out = "**" + esc(t.title) + "**\n\n|";
  for (const auto& h : t.headers) out += " " + esc(h) + " |";
  out += "\n|";
  for (bool n : t.numeric) out += n ? " ---: |" : " --- |";
  out += "\n";
  for (size_t r = 0; r < t.rows.size(); ++r) {
    out += "|";
    for (const auto& c : t.rows[r])
      out += " " + (r == t.total_row && !c.empty() ? "**" + esc(c) + "**" : esc(c)) + " |";
    out += "\n";
  }
  if (!t.notes.empty()) out += "\n";
  for (const auto& n : t.notes) out += "- " + esc(n) + "\n";
  return out;
}

}  // namespace tradestat::report
