// verify/release.cc: release text (plain, Markdown, HTML) -> title and sentences.
#include "verify/release.h"

#include <cctype>
#include <cstdint>

#include "core/strings.h"

namespace tradestat::verify {
namespace {

bool StartsWithAt(std::string_view s, size_t i, std::string_view p) {
  return s.size() >= i + p.size() && s.compare(i, p.size(), p) == 0;
}

void AppendUtf8(std::string& out, uint32_t cp) {
  if (cp < 0x80)
    out += static_cast<char>(cp);
  else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

std::string DecodeEntities(std::string_view s) {
  static const std::pair<std::string_view, std::string_view> kNamed[] = {
      {"&amp;", "&"},        {"&lt;", "<"},         {"&gt;", ">"},         {"&quot;", "\""},
      {"&apos;", "'"},       {"&nbsp;", " "},       {"&ldquo;", "\u201c"}, {"&rdquo;", "\u201d"},
      {"&lsquo;", "\u2018"}, {"&rsquo;", "\u2019"}, {"&mdash;", "\u2014"}, {"&ndash;", "\u2013"}};
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '&') {
      out += s[i];
      continue;
    }
    bool done = false;
    for (const auto& [name, text] : kNamed)
      if (StartsWithAt(s, i, name)) {
        out += text;
        i += name.size() - 1;
        done = true;
        break;
      }
    if (done) continue;
    if (StartsWithAt(s, i, "&#")) {
      size_t j = i + 2;
      bool hex = j < s.size() && (s[j] == 'x' || s[j] == 'X');
      if (hex) ++j;
      uint32_t cp = 0;
      size_t k = j;
      while (k < s.size() && k < j + 8 && std::isxdigit(static_cast<unsigned char>(s[k]))) {
        if (!hex && !std::isdigit(static_cast<unsigned char>(s[k]))) break;
        cp = cp * (hex ? 16 : 10) + (std::isdigit(static_cast<unsigned char>(s[k]))
                                         ? s[k] - '0'
                                         : (std::tolower(s[k]) - 'a' + 10));
        ++k;
      }
      if (k > j && k < s.size() && s[k] == ';' && cp > 0 && cp < 0x110000) {
        AppendUtf8(out, cp);
        i = k;
        continue;
      }
    }
    out += '&';
  }
  return out;
}

bool LooksLikeHtml(std::string_view s) {
  std::string head = core::ToLower(s.substr(0, 4096));
  return head.find("<html") != std::string::npos || head.find("<p>") != std::string::npos ||
         head.find("<p ") != std::string::npos || head.find("<body") != std::string::npos ||
         head.find("<div") != std::string::npos || head.find("<h1") != std::string::npos;
}

// HTML -> text with blank lines between blocks; the title from <title> or the first <h1>.
std::string StripHtml(std::string_view s, std::string& title) {
  static const std::string_view kDrop[] = {"svg", "style", "script", "table", "nav", "figure"};
  static const std::string_view kBlock[] = {"p",       "div",    "br",     "h1", "h2", "h3",
                                            "h4",      "h5",     "h6",     "li", "tr", "section",
                                            "article", "header", "footer", "ul", "ol", "blockquote",
                                            "title",   "main",   "hr"};
  std::string out;
  size_t i = 0;
  while (i < s.size()) {
    if (s[i] != '<') {
      out += s[i++];
      continue;
    }
    size_t close = s.find('>', i);
    if (close == std::string_view::npos) {
      out += s.substr(i);
      break;
    }
    std::string_view tag = s.substr(i + 1, close - i - 1);
    bool end_tag = !tag.empty() && tag[0] == '/';
    if (end_tag) tag.remove_prefix(1);
    size_t n = 0;
    while (n < tag.size() && std::isalnum(static_cast<unsigned char>(tag[n]))) ++n;
    std::string name = core::ToLower(tag.substr(0, n));
    i = close + 1;
    if (!end_tag) {
      bool dropped = false;
      for (std::string_view d : kDrop)
        if (name == d) {
          std::string lower_rest;  // find the matching end tag, case-insensitively
          size_t pos = i;
          const std::string endtag = "</" + name;
          while (pos < s.size()) {
            size_t lt = s.find("</", pos);
            if (lt == std::string_view::npos) {
              pos = s.size();
              break;
            }
            if (core::ToLower(s.substr(lt, endtag.size())) == endtag) {
              size_t gt = s.find('>', lt);
              pos = gt == std::string_view::npos ? s.size() : gt + 1;
              break;
            }
            pos = lt + 2;
          }
          i = pos;
          dropped = true;
          out += "\n\n";
          break;
        }
      if (dropped) continue;
      if ((name == "title" || name == "h1") && title.empty()) {
        size_t end = s.find('<', i);
        title = std::string(core::Trim(
            DecodeEntities(s.substr(i, end == std::string_view::npos ? s.size() - i : end - i))));
      }
    }
    for (std::string_view b : kBlock)
      if (name == b) {
        out += name == "br" ? "\n" : "\n\n";
        break;
      }
    if (!end_tag && (name == "h1" || name == "h2" || name == "h3" || name == "title"))
      out += "#";  // a heading
  }
  return DecodeEntities(out);
}

// One Markdown line without markup; "" for rules and table rows.
std::string StripMarkdownLine(std::string_view line, bool& heading) {
  heading = false;
  line = core::Trim(line);
  if (line.empty()) return "";
  if (line[0] == '|' || line.starts_with("---") || line.starts_with("===") ||
      line.starts_with("```"))
    return "";
  if (line[0] == '#') {
    heading = true;
    while (!line.empty() && line[0] == '#') line.remove_prefix(1);
  } else if (line.starts_with("- ") || line.starts_with("* ") || line.starts_with("+ ") ||
             line.starts_with("> ")) {
    line.remove_prefix(2);
  }
  std::string out;
  for (size_t i = 0; i < line.size(); ++i) {
    char c = line[i];
    if (c == '!' && i + 1 < line.size() && line[i + 1] == '[') {  // image: dropped
      size_t close = line.find(')', i);
      if (close != std::string_view::npos) {
        i = close;
        continue;
      }
    }
    if (c == '[') {  // [text](url) -> text
      size_t mid = line.find("](", i);
      size_t close = mid == std::string_view::npos ? mid : line.find(')', mid);
      if (close != std::string_view::npos) {
        out += line.substr(i + 1, mid - i - 1);
        i = close;
        continue;
      }
    }
    if (c == '*' || c == '`') continue;
    if (c == '_' && i + 1 < line.size() && line[i + 1] == '_') {
      ++i;
      continue;
    }
    out += c;
  }
  return std::string(core::Trim(out));
}

// A text-table line of the plain renderer: columns separated by runs of spaces, few letters.
bool LooksLikeTableRow(std::string_view line) {
  int runs = 0;
  for (size_t i = 0; i + 1 < line.size(); ++i)
    if (line[i] == ' ' && line[i + 1] == ' ') {
      ++runs;
      while (i + 1 < line.size() && line[i + 1] == ' ') ++i;
    }
  if (runs >= 2) return true;
  size_t dashes = 0;
  for (char c : line) dashes += c == '-' || c == '=' || c == '+' || c == '|';
  return !line.empty() && dashes * 2 >= line.size();
}

bool EndsSentence(std::string_view s, size_t i, size_t* len) {
  // CJK full stop, exclamation and question marks.
  if (StartsWithAt(s, i, "\u3002") || StartsWithAt(s, i, "\uff01") ||
      StartsWithAt(s, i, "\uff1f")) {
    *len = 3;
    return true;
  }
  char c = s[i];
  if (c != '.' && c != '!' && c != '?') return false;
  *len = 1;
  size_t next = i + 1;
  // A closing quote may follow the stop.
  if (StartsWithAt(s, next, "\u201d") || StartsWithAt(s, next, "\u2019")) {
    next += 3;
    *len += 3;
  } else if (next < s.size() && (s[next] == '"' || s[next] == '\'' || s[next] == ')')) {
    ++next;
    ++*len;
  }
  if (next < s.size() && s[next] != ' ') return false;
  if (c == '.' && i >= 2 && (s[i - 2] == '.' || s[i - 2] == ' ') &&
      std::isupper(static_cast<unsigned char>(s[i - 1])))
    return false;  // "U.S." and initials
  return true;
}

}  // namespace

bool IsCjkAt(std::string_view s, size_t i) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  return c >= 0xE3 && c <= 0xE9;  // U+3000..U+9FFF: CJK punctuation and ideographs
}

std::string Normalize(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c == 0xE2 && i + 2 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0x80) {
      unsigned char d = static_cast<unsigned char>(text[i + 2]);
      if (d >= 0x98 && d <= 0x9F) {
        out += ' ';
        i += 2;
        continue;
      }  // curly quotes
    }
    if (c == 0xE3 && i + 2 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0x80) {
      unsigned char d = static_cast<unsigned char>(text[i + 2]);
      if (d >= 0x8C && d <= 0x8F) {
        out += ' ';
        i += 2;
        continue;
      }  // 「」『』
    }
    if (c == 0xEF && i + 2 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0xBC) {
      unsigned char d = static_cast<unsigned char>(text[i + 2]);
      if (d >= 0x90 && d <= 0x99) {
        out += static_cast<char>('0' + d - 0x90);
        i += 2;
        continue;
      }
      if (d == 0x85) {
        out += '%';
        i += 2;
        continue;
      }
      if (d == 0x8E) {
        out += '.';
        i += 2;
        continue;
      }
    }
    if (c == 0xC2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0xA0) {
      out += ' ';
      ++i;
      continue;
    }
    if (c == '"' || c == '\'' || c == '\t' || c == '\n' || c == '\r') {
      out += ' ';
      continue;
    }
    out += static_cast<char>(std::tolower(c));
  }
  std::string collapsed;
  for (char c : out) {
    if (c == ' ' && (collapsed.empty() || collapsed.back() == ' ')) continue;
    collapsed += c;
  }
  while (!collapsed.empty() && collapsed.back() == ' ') collapsed.pop_back();
  for (size_t p = collapsed.find("labour"); p != std::string::npos; p = collapsed.find("labour", p))
    collapsed.replace(p, 6, "labor");
  return collapsed;
}

Release ReadRelease(std::string_view input, std::optional<query::Lang> lang) {
  Release r;
  std::string text;
  if (LooksLikeHtml(input))
    text = StripHtml(input, r.title);
  else
    text = std::string(input);

  // Lines -> paragraphs (blank-line separated), headings as their own paragraphs.
  struct Para {
    std::string text;
    int line;
    bool heading;
    std::string first_line;
  };
  std::vector<Para> paras;
  Para cur{"", 0, false, ""};
  auto flush = [&] {
    if (!core::Trim(cur.text).empty()) paras.push_back(cur);
    cur = Para{"", 0, false, ""};
  };
  int line_no = 0;
  for (std::string_view line : core::Split(text, '\n')) {
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    std::string_view trimmed = core::Trim(line);
    if (trimmed.empty()) {
      flush();
      continue;
    }
    if (LooksLikeTableRow(trimmed)) {
      flush();
      continue;
    }
    bool heading = false;
    std::string clean = StripMarkdownLine(trimmed, heading);
    if (clean.empty()) {
      flush();
      continue;
    }
    if (heading) {
      flush();
      if (r.title.empty()) r.title = clean;
      paras.push_back(Para{clean, line_no, true, clean});
      continue;
    }
    if (cur.text.empty()) {
      cur.line = line_no;
      cur.first_line = clean;
    } else {
      unsigned char last = static_cast<unsigned char>(cur.text.back());
      if (last < 0x80 && static_cast<unsigned char>(clean[0]) < 0x80) cur.text += ' ';
    }
    cur.text += clean;
  }
  flush();

  // Language: share of CJK ideographs among letters.
  if (lang)
    r.lang = *lang;
  else {
    size_t cjk = 0, latin = 0;
    for (size_t i = 0; i < text.size(); ++i) {
      unsigned char c = static_cast<unsigned char>(text[i]);
      if (c >= 0xE4 && c <= 0xE9)
        ++cjk;
      else if (std::isalpha(c))
        ++latin;
    }
    r.lang = cjk * 4 >= latin ? query::Lang::kZh : query::Lang::kEn;
  }

  // A short first paragraph without a full stop is the title.
  if (r.title.empty() && !paras.empty()) {
    const std::string& first = paras[0].text;
    size_t dummy = 0;
    bool has_stop = false;
    for (size_t i = 0; i < first.size(); ++i)
      has_stop |= EndsSentence(first, i, &dummy) || (i + 1 == first.size() && first[i] == '.');
    if (first.size() < 160 && !has_stop) {
      r.title = paras[0].first_line;
      paras[0].heading = true;
    }
  }

  int pindex = 0;
  for (Para& p : paras) {
    ++pindex;
    // A one-line paragraph without a full stop is a heading or a table caption, not a sentence.
    if (!p.heading && p.text == p.first_line && p.text.size() < 120) {
      size_t len = 0;
      bool stop = false;
      for (size_t i = 0; i < p.text.size(); ++i) stop |= EndsSentence(p.text, i, &len);
      stop |= p.text.back() == '.' || p.text.ends_with("\u3002");
      if (!stop) p.heading = true;
    }
    if (p.heading) continue;
    size_t start = 0;
    const std::string& t = p.text;
    for (size_t i = 0; i < t.size(); ++i) {
      size_t len = 0;
      if (!EndsSentence(t, i, &len)) continue;
      std::string s(core::Trim(std::string_view(t).substr(start, i + len - start)));
      if (!s.empty()) r.sentences.push_back(Sentence{s, Normalize(s), pindex, p.line});
      start = i + len;
      i += len - 1;
    }
    std::string rest(core::Trim(std::string_view(t).substr(start)));
    if (!rest.empty()) r.sentences.push_back(Sentence{rest, Normalize(rest), pindex, p.line});
  }
  return r;
}

}  // namespace tradestat::verify
