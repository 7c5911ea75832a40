// verify/extract.cc: numbers with units and the words around them -> figure statements.
#include "verify/extract.h"

#include <algorithm>
#include <cctype>
#include <cstring>
#include <optional>

#include "verify/release.h"

namespace tradestat::verify {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// Skip spaces from i.
size_t SkipSpaces(std::string_view s, size_t i) {
  while (i < s.size() && s[i] == ' ') ++i;
  return i;
}

bool At(std::string_view s, size_t i, std::string_view w) {
  return s.size() >= i + w.size() && s.compare(i, w.size(), w) == 0;
}

// The last position where one of `words` (whole words when ASCII) occurs in s, or npos.
size_t LastWord(std::string_view s, std::initializer_list<std::string_view> words,
                size_t* len = nullptr) {
  size_t best = std::string_view::npos, best_len = 0;
  for (std::string_view w : words) {
    for (size_t p = s.rfind(w); p != std::string_view::npos;
         p = p == 0 ? std::string_view::npos : s.rfind(w, p - 1)) {
      bool ascii = IsAlpha(w.front());
      if (ascii && p > 0 && IsAlpha(s[p - 1])) continue;
      if (best == std::string_view::npos || p + w.size() > best + best_len) {
        best = p;
        best_len = w.size();
      }
      break;
    }
  }
  if (len) *len = best_len;
  return best;
}

const std::initializer_list<std::string_view> kShareWords = {
    "accounting for", "accounted for", "accounts for", "account for",
    "share of",       "proportion of", "\u5360"};  // 占
const std::initializer_list<std::string_view> kUpWords =
    {"increase",  "increased",    "increases",    "up by", "up ",
     "grew",      "growth",       "grow",         "rose",  "rise",
     "higher by", "\u589e\u957f", "\u589e\u901f", "\u589e"};  // 增长 增速 增
const std::initializer_list<std::string_view> kDownWords = {
    "decrease", "decreased", "decreases",    "decline",      "declined",
    "down by",  "down ",     "fell",         "fall",         "drop",
    "dropped",  "shrank",    "\u4e0b\u964d", "\u51cf\u5c11", "\u964d"};  // 下降 减少 降

struct Unit {
  std::string_view text;
  int pow10;
  const char* currency;
};
// Longest first within each language.
constexpr Unit kMoneyUnits[] = {
    {"trillion yuan", 12, "CNY"},
    {"billion yuan", 9, "CNY"},
    {"million yuan", 6, "CNY"},
    {"trillion us dollars", 12, "USD"},
    {"billion us dollars", 9, "USD"},
    {"million us dollars", 6, "USD"},
    {"trillion dollars", 12, "USD"},
    {"billion dollars", 9, "USD"},
    {"million dollars", 6, "USD"},
    {"trillion rmb", 12, "CNY"},
    {"billion rmb", 9, "CNY"},
    {"million rmb", 6, "CNY"},
    {"yuan", 0, "CNY"},
    {"\u4e07\u4ebf\u7f8e\u5143", 12, "USD"},
    {"\u4ebf\u7f8e\u5143", 8, "USD"},
    {"\u4e07\u7f8e\u5143", 4, "USD"},
    {"\u7f8e\u5143", 0, "USD"},
    {"\u4e07\u4ebf\u5143", 12, "CNY"},
    {"\u4ebf\u5143", 8, "CNY"},
    {"\u4e07\u5143", 4, "CNY"},
    {"\u5143", 0, "CNY"},
};
// After US$ / $ / RMB: "US$ 12.3 billion".
constexpr Unit kBareScale[] = {{"trillion", 12, ""},     {"billion", 9, ""}, {"million", 6, ""},
                               {"\u4e07\u4ebf", 12, ""}, {"\u4ebf", 8, ""},  {"\u4e07", 4, ""}};

constexpr std::string_view kCountNouns[] = {"countries and regions",
                                            "countries and territories",
                                            "countries",
                                            "economies",
                                            "\u4e2a\u56fd\u5bb6\u548c\u5730\u533a",
                                            "\u4e2a\u56fd\u5bb6(\u5730\u533a)",
                                            "\u4e2a\u56fd\u5bb6\u548c\u5730\u533a",
                                            "\u56fd\u5bb6\u548c\u5730\u533a",
                                            "\u4e2a\u8d38\u6613\u4f19\u4f34"};

// Chinese date/period suffixes that make a number no figure: 年 月 日 季度 个月 号.
constexpr std::string_view kDateSuffixes[] = {"\u5e74",       "\u6708",       "\u65e5",
                                              "\u5b63\u5ea6", "\u4e2a\u6708", "\u53f7"};

int CountWord(std::string_view w) {
  static const char* kWords[] = {"",    "one",   "two",   "three", "four", "five",
                                 "six", "seven", "eight", "nine",  "ten"};
  for (int i = 1; i <= 10; ++i)
    if (w == kWords[i]) return i;
  static const char* kZh[] = {"",       "\u4e00", "\u4e24", "\u4e09", "\u56db", "\u4e94",
                              "\u516d", "\u4e03", "\u516b", "\u4e5d", "\u5341"};
  for (int i = 1; i <= 10; ++i)
    if (w == kZh[i]) return i;
  if (w == "\u4e8c") return 2;
  if (!w.empty() && std::all_of(w.begin(), w.end(), IsDigit))
    return std::atoi(std::string(w).c_str());
  return 0;
}

void FindRankings(std::string_view s, std::vector<Figure>& out) {
  // English: "top three trading partners", "three largest trading partners", "largest trading
  // partner".
  for (size_t p = s.find("trading partner"); p != std::string_view::npos;
       p = s.find("trading partner", p + 1)) {
    std::string_view before = s.substr(0, p);
    while (!before.empty() && before.back() == ' ') before.remove_suffix(1);
    int n = 0;
    size_t begin = p;
    auto last_word = [&](std::string_view b) {
      size_t sp = b.rfind(' ');
      return sp == std::string_view::npos ? b : b.substr(sp + 1);
    };
    std::string_view w = last_word(before);
    if (w == "largest" || w == "biggest") {
      std::string_view b2 = before.substr(0, before.size() - w.size());
      while (!b2.empty() && b2.back() == ' ') b2.remove_suffix(1);
      std::string_view w2 = last_word(b2);
      n = CountWord(w2);
      if (n == 0) n = 1;
      begin = (n > 1 ? b2.size() - w2.size() : before.size() - w.size());
    } else if (int k = CountWord(w); k > 0) {
      std::string_view b2 = before.substr(0, before.size() - w.size());
      while (!b2.empty() && b2.back() == ' ') b2.remove_suffix(1);
      if (last_word(b2) == "top") {
        n = k;
        begin = b2.size() - 3;
      }
    } else if (w == "top") {
      n = 1;
      begin = before.size() - 3;
    }
    if (n > 0) {
      Figure f;
      f.kind = FigureKind::kRank;
      f.begin = begin;
      f.end = p + std::strlen("trading partner");
      if (f.end < s.size() && s[f.end] == 's') ++f.end;
      f.text = std::string(s.substr(f.begin, f.end - f.begin));
      f.rank_n = n;
      f.subject_end = f.begin;
      out.push_back(f);
    }
  }
  // Chinese: 前三大贸易伙伴, 第一大贸易伙伴, 最大贸易伙伴.
  const std::string_view kZhPartner = "\u5927\u8d38\u6613\u4f19\u4f34";  // 大贸易伙伴
  for (size_t p = s.find(kZhPartner); p != std::string_view::npos; p = s.find(kZhPartner, p + 1)) {
    int n = 0;
    size_t begin = p;
    if (p >= 3 && At(s, p - 3, "\u6700")) {
      n = 1;
      begin = p - 3;
    }  // 最大
    else {
      // 前 + count, or 第一
      for (size_t back = 3; back <= 6 && back <= p; back += 3) {
        std::string_view num = s.substr(p - back, back);
        int k = CountWord(num);
        if (k == 0) {
          size_t d = p;  // digits
          while (d > 0 && IsDigit(s[d - 1])) --d;
          if (d < p) {
            num = s.substr(d, p - d);
            k = CountWord(num);
            back = p - d;
          }
        }
        if (k > 0 && p >= back + 3) {
          std::string_view lead = s.substr(p - back - 3, 3);
          if (lead == "\u524d") {
            n = k;
            begin = p - back - 3;
            break;
          }  // 前
          if (lead == "\u7b2c" && k == 1) {
            n = 1;
            begin = p - back - 3;
            break;
          }  // 第一
        }
      }
    }
    if (n > 0) {
      Figure f;
      f.kind = FigureKind::kRank;
      f.begin = begin;
      f.end = p + kZhPartner.size();
      f.text = std::string(s.substr(f.begin, f.end - f.begin));
      f.rank_n = n;
      f.subject_end = f.begin;
      out.push_back(f);
    }
  }
}

void FindRecords(std::string_view s, std::vector<Figure>& out) {
  for (std::string_view w :
       {"record high", "all-time high", "historic high", "record level",
        "\u5386\u53f2\u540c\u671f\u65b0\u9ad8", "\u5386\u53f2\u65b0\u9ad8",
        "\u540c\u671f\u65b0\u9ad8", "\u540c\u671f\u6700\u9ad8", "\u521b\u65b0\u9ad8"}) {
    size_t p = s.find(w);
    if (p == std::string_view::npos) continue;
    bool inside = false;
    for (const Figure& f : out)
      inside |= f.kind == FigureKind::kRecord && p < f.end && f.begin < p + w.size();
    if (inside) continue;
    Figure f;
    f.kind = FigureKind::kRecord;
    f.begin = p;
    f.end = p + w.size();
    f.text = std::string(w);
    f.subject_end = p;
    out.push_back(f);
  }
}

}  // namespace

std::string_view FigureKindName(FigureKind kind) {
  switch (kind) {
    case FigureKind::kMoney: return "amount";
    case FigureKind::kBalance: return "balance";
    case FigureKind::kThreshold: return "threshold";
    case FigureKind::kGrowth: return "growth";
    case FigureKind::kShare: return "share";
    case FigureKind::kPoints: return "gap";
    case FigureKind::kCount: return "count";
    case FigureKind::kRank: return "ranking";
    case FigureKind::kRecord: return "record";
    case FigureKind::kNotData: return "not data";
    case FigureKind::kUnknown: return "unknown";
  }
  return "";
}

std::vector<FlowWord> FindFlowWords(std::string_view s) {
  struct W {
    std::string_view w;
    const char* flow;
  };
  static const W kWords[] = {{"imports and exports", "total"},
                             {"import and export", "total"},
                             {"exports and imports", "total"},
                             {"export and import", "total"},
                             {"foreign trade", "total"},
                             {"total trade", "total"},
                             {"trade", "total"},
                             {"exports", "X"},
                             {"export", "X"},
                             {"exported", "X"},
                             {"imports", "M"},
                             {"import", "M"},
                             {"imported", "M"},
                             {"\u8fdb\u51fa\u53e3", "total"},
                             {"\u5916\u8d38", "total"},
                             {"\u51fa\u53e3", "X"},
                             {"\u8fdb\u53e3", "M"}};
  std::vector<char> taken(s.size(), 0);
  std::vector<FlowWord> out;
  for (const W& w : kWords) {
    for (size_t p = s.find(w.w); p != std::string_view::npos; p = s.find(w.w, p + 1)) {
      if (IsAlpha(w.w.front()) && p > 0 && IsAlpha(s[p - 1])) continue;
      size_t e = p + w.w.size();
      if (IsAlpha(w.w.back()) && e < s.size() && IsAlpha(s[e]) && s[e] != 's' && s[e] != 'e')
        continue;
      bool free = true;
      for (size_t i = p; i < e && free; ++i) free = !taken[i];
      if (!free) continue;
      for (size_t i = p; i < e; ++i) taken[i] = 1;
      out.push_back(FlowWord{p, w.flow});
    }
  }
  std::sort(out.begin(), out.end(),
            [](const FlowWord& a, const FlowWord& b) { return a.pos < b.pos; });
  return out;
}

std::vector<Figure> ExtractFigures(std::string_view s) {
  std::vector<Figure> out;
  size_t prev_end = 0;
  std::optional<Figure> prev_pct;
  size_t i = 0;
  while (i < s.size()) {
    if (!IsDigit(s[i]) || (i > 0 && (IsAlpha(s[i - 1]) || IsDigit(s[i - 1]) || s[i - 1] == '.'))) {
      ++i;
      continue;
    }
    size_t start = i, j = i;
    while (j < s.size() && IsDigit(s[j])) ++j;
    while (j + 3 < s.size() + 0 && s[j] == ',' && IsDigit(s[j + 1]) && IsDigit(s[j + 2]) &&
           IsDigit(s[j + 3]) && (j + 4 >= s.size() || !IsDigit(s[j + 4])))
      j += 4;
    int decimals = 0;
    if (j + 1 < s.size() && s[j] == '.' && IsDigit(s[j + 1])) {
      ++j;
      while (j < s.size() && IsDigit(s[j])) {
        ++j;
        ++decimals;
      }
    }
    std::string number(s.substr(start, j - start));
    std::string digits;
    for (char c : number)
      if (IsDigit(c)) digits += c;
    i = j;
    // Dates and periods: 2023-07-19, 1-6月, 2023年, 2023h1, 7th.
    if (j < s.size() && (s[j] == '-' || s[j] == '/' || s[j] == ':') && j + 1 < s.size() &&
        IsDigit(s[j + 1])) {
      while (i < s.size() && (IsDigit(s[i]) || s[i] == '-' || s[i] == '/' || s[i] == ':')) ++i;
      continue;
    }
    if (start > 0 && (s[start - 1] == '-' || s[start - 1] == '/') && start > 1 &&
        IsDigit(s[start - 2]))
      continue;
    if (j < s.size() && IsAlpha(s[j]) &&
        (s[j] == 'h' || s[j] == 'q' || At(s, j, "st") || At(s, j, "nd") || At(s, j, "rd") ||
         At(s, j, "th")))
      continue;
    bool date = false;
    for (std::string_view suf : kDateSuffixes) date |= At(s, j, suf);
    if (date) continue;

    Figure f;
    f.begin = start;
    f.number = number;
    f.digits = digits;
    f.decimals = decimals;
    // A sign or currency before the number.
    size_t pre = start;
    std::string currency;
    {
      size_t k = pre;
      while (k > 0 && s[k - 1] == ' ') --k;
      if (k >= 3 && At(s, k - 3, "us$")) {
        currency = "USD";
        f.begin = k - 3;
      } else if (k >= 1 && s[k - 1] == '$') {
        currency = "USD";
        f.begin = k - 1;
      } else if (k >= 4 && At(s, k - 4, "rmb ")) {
        currency = "CNY";
        f.begin = k - 4;
      } else if (k >= 3 && At(s, k - 3, "rmb")) {
        currency = "CNY";
        f.begin = k - 3;
      } else if (k >= 3 && At(s, k - 3, "usd")) {
        currency = "USD";
        f.begin = k - 3;
      }
      if (start > 0 && s[start - 1] == '-') {
        f.negative = true;
        f.begin = start - 1;
      } else if (start >= 3 && At(s, start - 3, "\u2212")) {
        f.negative = true;
        f.begin = start - 3;
      } else if (start > 0 && s[start - 1] == '+')
        f.begin = start - 1;
    }
    size_t k = SkipSpaces(s, j);
    std::string_view lead = s.substr(prev_end, start - prev_end);
    bool matched = false;
    // Percent and points.
    const bool points_word = At(s, k, "percentage point") || At(s, k, "\u4e2a\u767e\u5206\u70b9") ||
                             At(s, k, "points") || At(s, k, "pp ") || At(s, k, "pp,") ||
                             At(s, k, "pp.");
    if (!points_word && (At(s, k, "%") || At(s, k, "per cent") || At(s, k, "percent"))) {
      size_t e = At(s, k, "%") ? k + 1 : k + (At(s, k, "percent") ? 7 : 8);
      size_t k2 = SkipSpaces(s, e);
      if (At(s, k2, "percentage point")) {  // "5.5% percentage points" is rare; treat as points
        e = k2 + 16;
      }
      f.end = e;
      f.unit = "%";
      size_t share_pos = LastWord(lead, kShareWords);
      size_t up_len = 0, down_len = 0;
      size_t up_pos = LastWord(lead, kUpWords, &up_len),
             down_pos = LastWord(lead, kDownWords, &down_len);
      size_t growth_pos = std::string_view::npos;
      bool down = false;
      if (up_pos != std::string_view::npos) growth_pos = up_pos;
      if (down_pos != std::string_view::npos &&
          (growth_pos == std::string_view::npos || down_pos > growth_pos)) {
        growth_pos = down_pos;
        down = true;
      }
      std::string_view between = lead;
      while (!between.empty() && (between.back() == ' ')) between.remove_suffix(1);
      bool separator_only =
          prev_pct.has_value() && prev_pct->end == prev_end &&
          (between == "," || between == ", and" || between == "and" || between == "," ||
           between == "\u3001" || between == "\u548c" || between == "\u53ca" ||
           between == ", and" || between == "and" || between == ",and" || between == "");
      if (separator_only) {
        f.kind = prev_pct->kind;
        f.negative = f.negative || prev_pct->negative;
      } else if (share_pos != std::string_view::npos &&
                 (growth_pos == std::string_view::npos || share_pos > growth_pos)) {
        f.kind = FigureKind::kShare;
        f.subject_end = prev_end + share_pos;
      } else if (growth_pos != std::string_view::npos) {
        f.kind = FigureKind::kGrowth;
        if (down) f.negative = true;
      } else if (prev_pct.has_value()) {
        f.kind = prev_pct->kind;
      } else if (std::string_view before = s.substr(0, start);
                 LastWord(before, kUpWords) != std::string_view::npos ||
                 LastWord(before, kDownWords) != std::string_view::npos) {
        // "4 saw a decline, the largest in X (-10%)": the growth word earlier in the sentence.
        f.kind = FigureKind::kGrowth;
        size_t up = LastWord(before, kUpWords), dn = LastWord(before, kDownWords);
        if (dn != std::string_view::npos && (up == std::string_view::npos || dn > up))
          f.negative = true;
      } else {
        f.kind = FigureKind::kUnknown;
      }
      matched = true;
    } else if (points_word) {
      f.kind = FigureKind::kPoints;
      f.unit = "percentage points";
      f.end = At(s, k, "percentage point") ? k + 16
              : At(s, k, "points")         ? k + 6
              : At(s, k, "pp")             ? k + 2
                                           : k + 12;
      if (f.end < s.size() && s[f.end] == 's') ++f.end;
      std::string_view around = s.substr(prev_end, std::min(s.size(), f.end + 40) - prev_end);
      size_t below = LastWord(
          around, {"below", "lower", "slower", "less than", "\u4f4e\u4e8e", "\u6162\u4e8e"});
      if (below != std::string_view::npos) f.negative = true;
      matched = true;
    }
    if (!matched) {
      for (const Unit& u : kMoneyUnits) {
        if (!At(s, k, u.text)) continue;
        if (IsAlpha(u.text.back()) && k + u.text.size() < s.size() && IsAlpha(s[k + u.text.size()]))
          continue;
        f.unit_pow10 = u.pow10;
        f.currency = currency.empty() ? u.currency : currency;
        f.unit = std::string(u.text);
        f.end = k + u.text.size();
        matched = true;
        break;
      }
      if (!matched && !currency.empty()) {
        f.currency = currency;
        f.end = j;
        for (const Unit& u : kBareScale)
          if (At(s, k, u.text)) {
            f.unit_pow10 = u.pow10;
            f.unit = std::string(u.text);
            f.end = k + u.text.size();
            break;
          }
        matched = true;
      }
      if (!matched) {
        for (const Unit& u : kBareScale) {  // "330 billion" followed later by nothing: yuan assumed
          if (!At(s, k, u.text) || !IsAlpha(u.text.front())) continue;
          size_t e = k + u.text.size();
          if (e < s.size() && IsAlpha(s[e])) continue;
          f.unit_pow10 = u.pow10;
          f.currency = "CNY";
          f.unit = std::string(u.text);
          f.end = e;
          matched = true;
          break;
        }
      }
      if (matched) {
        f.kind = FigureKind::kMoney;
        std::string_view near = lead.size() > 30 ? lead.substr(lead.size() - 30) : lead;
        size_t th = LastWord(near, {"surpassed", "surpassing", "surpass", "exceeded", "exceeding",
                                    "exceed", "more than", "over", "topped", "passed",
                                    "\u7a81\u7834", "\u8d85\u8fc7", "\u903e", "\u8d85"});
        size_t le = LastWord(near, {"less than", "below", "under", "\u4e0d\u8db3", "\u4f4e\u4e8e"});
        size_t bal = LastWord(near, {"surplus", "deficit", "\u987a\u5dee", "\u9006\u5dee"});
        auto tail_ok = [&](size_t pos, size_t word_max) {  // the word sits right before the number
          return pos != std::string_view::npos && near.size() - pos <= word_max + 4;
        };
        if (tail_ok(th, 10))
          f.kind = FigureKind::kThreshold;
        else if (tail_ok(le, 10)) {
          f.kind = FigureKind::kThreshold;
          f.strict_lower = false;
        } else if (bal != std::string_view::npos) {
          f.kind = FigureKind::kBalance;
          size_t def = LastWord(near, {"deficit", "\u9006\u5dee"});
          f.negative = def != std::string_view::npos && def == bal;
        }
      }
    }
    if (!matched && decimals == 0) {
      for (std::string_view noun : kCountNouns) {
        if (!At(s, k, noun)) continue;
        f.kind = FigureKind::kCount;
        f.unit = std::string(noun);
        f.end = k + noun.size();
        matched = true;
        break;
      }
      if (!matched) {
        if (digits.size() == 4 && digits >= "1900" && digits <= "2100") continue;  // a year
        f.kind = FigureKind::kNotData;
        // The noun it counts: the next words up to punctuation (three English words or a few
        // Chinese characters).
        size_t e = k;
        int words = 0;
        while (e < s.size()) {
          unsigned char c = static_cast<unsigned char>(s[e]);
          if (c == ',' || c == '.' || c == ';' || c == ':' || c == ')' || c == '(' ||
              IsDigit(static_cast<char>(c)))
            break;
          if (c >= 0x80) {
            if (At(s, e, "\uff0c") || At(s, e, "\u3002") || At(s, e, "\u3001") ||
                At(s, e, "\uff1b") || At(s, e, "\uff08") || At(s, e, "\uff09") || e - k >= 18)
              break;
            e += c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
            continue;
          }
          if (c == ' ' && ++words >= 4) break;
          ++e;
        }
        f.end = e;
        matched = true;
      }
    }
    if (!matched) {
      f.kind = FigureKind::kUnknown;
      f.end = j;
    }
    while (f.end > f.begin && s[f.end - 1] == ' ') --f.end;
    if (f.subject_end == 0) f.subject_end = f.begin;
    f.text = std::string(s.substr(f.begin, f.end - f.begin));
    out.push_back(f);
    if (f.unit == "%")
      prev_pct = out.back();
    else if (f.kind != FigureKind::kNotData)
      prev_pct.reset();
    prev_end = f.end;
    i = std::max(i, f.end);
  }
  FindRankings(s, out);
  FindRecords(s, out);
  std::stable_sort(out.begin(), out.end(),
                   [](const Figure& a, const Figure& b) { return a.begin < b.begin; });
  return out;
}

}  // namespace tradestat::verify
