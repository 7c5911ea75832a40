// verify/verify.cc: figure statements -> queries -> verdicts.
#include "verify/verify.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <memory>

#include <fmt/format.h>

#include "core/decimal.h"
#include "core/strings.h"
#include "query/engine.h"
#include "query/json.h"
#include "query/period_spec.h"

namespace tradestat::verify {
namespace {

using core::Status;

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

bool At(std::string_view s, size_t i, std::string_view w) {
  return s.size() >= i + w.size() && s.compare(i, w.size(), w) == 0;
}

__int128 Pow10(int e) {
  __int128 v = 1;
  for (int i = 0; i < e; ++i) v *= 10;
  return v;
}

__int128 Abs(__int128 v) { return v < 0 ? -v : v; }

// a / b rounded half away from zero (b > 0).
__int128 RoundDiv(__int128 a, __int128 b) {
  __int128 q = Abs(a) / b, r = Abs(a) % b;
  if (2 * r >= b) ++q;
  return a < 0 ? -q : q;
}

__int128 ParseDigits(const std::string& digits) {
  __int128 v = 0;
  for (char c : digits) v = v * 10 + (c - '0');
  return v;
}

std::string FormatFixed(__int128 q, int decimals) { return core::FormatScaled(q, decimals); }

std::string WithUnit(const std::string& number, const std::string& unit) {
  if (unit.empty()) return number;
  if (unit == "%") return number + "%";
  const unsigned char c = static_cast<unsigned char>(unit[0]);
  return c >= 0x80 ? number + unit : number + " " + unit;
}

// ---- period ---------------------------------------------------------------------------------

struct MonthSpan {
  int m1 = 0, m2 = 0;
};

int MonthNumber(std::string_view w) {
  static const char* kMonths[] = {"january",   "february", "march",    "april",
                                  "may",       "june",     "july",     "august",
                                  "september", "october",  "november", "december"};
  for (int i = 0; i < 12; ++i)
    if (w.starts_with(kMonths[i])) return i + 1;
  return 0;
}

int NumberWord(std::string_view w) {
  static const char* kEn[] = {"",      "one",   "two",  "three", "four",   "five",  "six",
                              "seven", "eight", "nine", "ten",   "eleven", "twelve"};
  for (int i = 1; i <= 12; ++i)
    if (w == kEn[i]) return i;
  static const char* kZh[] = {"",       "\u4e00",       "\u4e8c",      "\u4e09", "\u56db",
                              "\u4e94", "\u516d",       "\u4e03",      "\u516b", "\u4e5d",
                              "\u5341", "\u5341\u4e00", "\u5341\u4e8c"};
  for (int i = 12; i >= 1; --i)
    if (w == kZh[i]) return i;
  if (w == "\u4e24") return 2;
  if (!w.empty() && std::all_of(w.begin(), w.end(), IsDigit) && w.size() <= 2)
    return std::stoi(std::string(w));
  return 0;
}

std::optional<MonthSpan> FindSpan(std::string_view s) {
  struct P {
    std::string_view w;
    int m1, m2;
  };
  static const P kFixed[] = {{"first three quarters", 1, 9}, {"first half", 1, 6},
                             {"second half", 7, 12},         {"first quarter", 1, 3},
                             {"second quarter", 4, 6},       {"third quarter", 7, 9},
                             {"fourth quarter", 10, 12},     {"full year", 1, 12},
                             {"whole year", 1, 12},          {"\u524d\u4e09\u5b63\u5ea6", 1, 9},
                             {"\u4e0a\u534a\u5e74", 1, 6},   {"\u4e0b\u534a\u5e74", 7, 12},
                             {"\u4e00\u5b63\u5ea6", 1, 3},   {"\u4e8c\u5b63\u5ea6", 4, 6},
                             {"\u4e09\u5b63\u5ea6", 7, 9},   {"\u56db\u5b63\u5ea6", 10, 12},
                             {"\u5168\u5e74", 1, 12}};
  size_t best = std::string_view::npos;
  MonthSpan span;
  auto consider = [&](size_t pos, int m1, int m2) {
    if (pos != std::string_view::npos && (best == std::string_view::npos || pos < best) &&
        m1 >= 1 && m2 >= m1 && m2 <= 12) {
      best = pos;
      span = {m1, m2};
    }
  };
  for (const P& p : kFixed) consider(s.find(p.w), p.m1, p.m2);
  // "first five months", "first 5 months"
  for (size_t p = s.find("first "); p != std::string_view::npos; p = s.find("first ", p + 1)) {
    size_t a = p + 6, b = s.find(' ', a);
    if (b == std::string_view::npos) break;
    if (s.compare(b, 7, " months") == 0) consider(p, 1, NumberWord(s.substr(a, b - a)));
  }
  // "january to may", "january-may", "from january to may"
  for (size_t p = s.find("january"); p != std::string_view::npos; p = s.find("january", p + 1)) {
    size_t q = p + 7;
    if (At(s, q, " to "))
      q += 4;
    else if (At(s, q, "-") || At(s, q, "\u2013"))
      q += At(s, q, "-") ? 1 : 3;
    else
      continue;
    consider(p, 1, MonthNumber(s.substr(q)));
  }
  // 前5个月, 前五个月
  for (size_t p = s.find("\u524d"); p != std::string_view::npos; p = s.find("\u524d", p + 1)) {
    size_t q = s.find("\u4e2a\u6708", p);
    if (q == std::string_view::npos || q - p > 12) continue;
    consider(p, 1, NumberWord(s.substr(p + 3, q - p - 3)));
  }
  // 1-5月, 1至5月
  for (size_t p = 0; p + 1 < s.size(); ++p) {
    if (s[p] != '1' || (p > 0 && IsDigit(s[p - 1])) || IsDigit(s[p + 1])) continue;
    size_t q = p + 1;
    if (At(s, q, "-"))
      ++q;
    else if (At(s, q, "\u81f3"))
      q += 3;
    else
      continue;
    size_t d = q;
    while (d < s.size() && IsDigit(s[d])) ++d;
    if (d > q && At(s, d, "\u6708")) consider(p, 1, std::stoi(std::string(s.substr(q, d - q))));
  }
  if (best == std::string_view::npos) return std::nullopt;
  return span;
}

struct YearFound {
  int year = 0;
  int date_month = 0;  // when the year came from a date (the release date)
};

std::optional<YearFound> FindYear(std::string_view s) {
  std::optional<YearFound> date;
  for (size_t p = 0; p + 4 <= s.size(); ++p) {
    if ((p > 0 && (IsDigit(s[p - 1]) || std::isalpha(static_cast<unsigned char>(s[p - 1])))) ||
        !(At(s, p, "19") || At(s, p, "20")))
      continue;
    if (!IsDigit(s[p + 2]) || !IsDigit(s[p + 3]) || (p + 4 < s.size() && IsDigit(s[p + 4])))
      continue;
    const int y = std::stoi(std::string(s.substr(p, 4)));
    size_t q = p + 4;
    bool is_date = false;
    int month = 0;
    if (q + 1 < s.size() && (s[q] == '-' || s[q] == '/' || s[q] == '.') && IsDigit(s[q + 1])) {
      size_t d = q + 1;
      while (d < s.size() && IsDigit(s[d])) ++d;
      month = std::stoi(std::string(s.substr(q + 1, d - q - 1)));
      is_date = d < s.size() && (s[d] == '-' || s[d] == '/' || s[d] == '.');
      if (!is_date) month = 0;
    } else if (At(s, q, "\u5e74")) {  // 2023年7月19日 is a date; 2023年上半年 is not
      size_t d = q + 3;
      size_t e = d;
      while (e < s.size() && IsDigit(s[e])) ++e;
      if (e > d && At(s, e, "\u6708")) {
        size_t f = e + 3, g = f;
        while (g < s.size() && IsDigit(s[g])) ++g;
        if (g > f && At(s, g, "\u65e5")) {
          is_date = true;
          month = std::stoi(std::string(s.substr(d, e - d)));
        }
      }
    }
    if (!is_date) return YearFound{y, 0};
    if (!date) date = YearFound{y, month};
  }
  return date;
}

std::string SpecOf(int y, MonthSpan m) {
  if (m.m1 == 1 && m.m2 == 12) return std::to_string(y);
  if (m.m1 == 1 && m.m2 == 6) return fmt::format("{}H1", y);
  if (m.m1 == 7 && m.m2 == 12) return fmt::format("{}H2", y);
  if ((m.m1 - 1) % 3 == 0 && m.m2 == m.m1 + 2) return fmt::format("{}Q{}", y, (m.m1 + 2) / 3);
  if (m.m1 == 1) return fmt::format("{}-{:02d}:ytd", y, m.m2);
  if (m.m1 == m.m2) return fmt::format("{}-{:02d}", y, m.m1);
  return fmt::format("{}-{:02d}..{}-{:02d}", y, m.m1, y, m.m2);
}

// ---- lists -------------------------------------------------------------------------------------

// True if the text between two names only separates them (", ", " and ", "、", "和").
bool IsListGap(std::string_view gap) {
  std::string packed;
  for (std::string_view tok : core::Split(gap, ' '))
    if (!tok.empty() && tok != "the") packed += tok;
  static const std::string_view kSeps[] = {",",      ",and",   "and",          "\u3001", "\u548c",
                                           "\u53ca", "\u4e0e", "\u4ee5\u53ca", "&"};
  for (std::string_view s : kSeps)
    if (packed == s) return true;
  return false;
}

struct NameList {
  std::vector<int> mentions;  // indices into the sentence's mentions
  size_t begin = 0, end = 0;
};

std::vector<NameList> ListsOf(std::string_view norm, const std::vector<Mention>& ms) {
  std::vector<NameList> out;
  for (size_t i = 0; i < ms.size(); ++i) {
    if (!out.empty() && !out.back().mentions.empty()) {
      const Mention& prev = ms[out.back().mentions.back()];
      if (prev.end <= ms[i].begin && IsListGap(norm.substr(prev.end, ms[i].begin - prev.end)) &&
          ms[i].subject.kind != SubjectKind::kScope &&
          ms[i].subject.kind != SubjectKind::kNational) {
        out.back().mentions.push_back(static_cast<int>(i));
        out.back().end = ms[i].end;
        continue;
      }
    }
    out.push_back(NameList{{static_cast<int>(i)}, ms[i].begin, ms[i].end});
  }
  return out;
}

// True if `pos` lies inside a parenthesis that closes before `limit`: "the three new products
// (electric vehicles, ...) reached X" is about the products, not the vehicles.
bool InsideClosedParen(std::string_view s, size_t pos, size_t limit) {
  size_t open = std::string_view::npos;
  for (std::string_view o : {"(", "\uff08"}) {
    size_t p = s.rfind(o, pos);
    if (p != std::string_view::npos && (open == std::string_view::npos || p > open)) open = p;
  }
  if (open == std::string_view::npos) return false;
  for (std::string_view c : {")", "\uff09"}) {
    size_t p = s.find(c, open);
    if (p != std::string_view::npos && p < pos) return false;  // closed before the mention
  }
  for (std::string_view c : {")", "\uff09"}) {
    size_t p = s.find(c, pos);
    if (p != std::string_view::npos && p < limit) return true;
  }
  return false;
}

bool IsValueKind(FigureKind k) {
  return k == FigureKind::kMoney || k == FigureKind::kGrowth || k == FigureKind::kShare ||
         k == FigureKind::kPoints || k == FigureKind::kCount || k == FigureKind::kBalance;
}

// ---- the engine --------------------------------------------------------------------------------

std::vector<std::string> ArgsOf(const query::QueryRequest& q) {
  std::vector<std::string> a = {"--dataset", q.dataset, "--period", q.period};
  if (!q.reporter.empty()) {
    a.push_back("--reporter");
    a.push_back(q.reporter);
  }
  if (q.flow != "total") {
    a.push_back("--flow");
    a.push_back(q.flow);
  }
  for (const std::string& w : q.where) {
    a.push_back("--where");
    a.push_back(w);
  }
  for (const std::string& b : q.by) {
    a.push_back("--by");
    a.push_back(b);
  }
  if (!q.units.empty()) {
    std::string u;
    for (const std::string& x : q.units) u += (u.empty() ? "" : ",") + x;
    a.push_back("--units");
    a.push_back(u);
  }
  if (q.top > 0) {
    a.push_back("--top");
    a.push_back(std::to_string(q.top));
  }
  if (!q.currency.empty()) {
    a.push_back("--currency");
    a.push_back(q.currency);
  }
  if (!q.benchmark.empty()) {
    a.push_back("--benchmark");
    a.push_back(q.benchmark);
  }
  return a;
}

class Runner {
 public:
  Runner(const query::Catalog& catalog, const query::ReferenceLookup& reference)
      : catalog_(catalog), reference_(reference) {}
  const core::Result<query::QueryResult>& Run(const query::QueryRequest& q) {
    std::string key;
    for (const std::string& a : ArgsOf(q)) key += a + '\x1f';
    auto it = cache_.find(key);
    if (it == cache_.end()) it = cache_.emplace(key, query::Execute(q, catalog_, reference_)).first;
    return it->second;
  }

 private:
  const query::Catalog& catalog_;
  const query::ReferenceLookup& reference_;
  std::map<std::string, core::Result<query::QueryResult>> cache_;
};

struct Context {
  const VerifyOptions* options;
  const query::ReferenceLookup* reference;
  Runner* runner;
  std::string dataset, reporter, period, benchmark, reporter_country;
  std::string national_country;  // a national release: the country it is about (whole dataset)
  query::Lang lang = query::Lang::kEn;
};

Subject Effective(const Context& cx, const Subject& s) {
  if (!cx.national_country.empty() &&
      (s.kind == SubjectKind::kNational ||
       (s.kind == SubjectKind::kPartner && s.code == cx.national_country)))
    return Subject{SubjectKind::kScope, "", s.name};
  if (s.kind == SubjectKind::kRegion && !cx.reporter.empty() && s.code == cx.reporter)
    return Subject{SubjectKind::kScope, "", s.name};
  if (s.kind == SubjectKind::kPartner &&
      (s.code == cx.reporter || (!cx.reporter_country.empty() && s.code == cx.reporter_country) ||
       (cx.reporter.empty() && s.code == cx.reporter_country)))
    return Subject{SubjectKind::kScope, "", s.name};
  return s;
}

std::string SubjectText(const Subject& s) {
  if (s.kind == SubjectKind::kScope) return "total";
  if (s.kind == SubjectKind::kNational) return "benchmark";
  return fmt::format("{} {}", SubjectKindName(s.kind), s.code);
}

query::QueryRequest BaseQuery(const Context& cx) {
  query::QueryRequest q;
  q.dataset = cx.dataset;
  q.period = cx.period;
  q.reporter = cx.reporter;
  return q;
}

void ApplySubject(query::QueryRequest& q, const Subject& s) {
  switch (s.kind) {
    case SubjectKind::kRegion:
    case SubjectKind::kRegionGroup: q.where.push_back("reporter=" + s.code); break;
    case SubjectKind::kPartner: q.where.push_back("partner=" + s.code); break;
    case SubjectKind::kPartnerGroup: q.where.push_back("partner_group=" + s.code); break;
    case SubjectKind::kCategory: q.where.push_back("category=" + s.code); break;
    case SubjectKind::kTradeMode: q.where.push_back("trade_mode=" + s.code); break;
    case SubjectKind::kTradeModeClass: q.where.push_back("trade_mode_class=" + s.code); break;
    case SubjectKind::kEnterprise: q.where.push_back("enterprise_type=" + s.code); break;
    default: break;
  }
}

// Replace the `nth` occurrence of `number` in `original` by `with`.
std::string ReplaceNth(const std::string& original, const std::string& number, int nth,
                       const std::string& with) {
  size_t p = original.find(number);
  for (int i = 0; i < nth && p != std::string::npos; ++i) p = original.find(number, p + 1);
  if (p == std::string::npos) return "";
  std::string out = original;
  out.replace(p, number.size(), with);
  return out;
}

int OccurrenceIndex(std::string_view norm, const std::string& number, size_t before) {
  int n = 0;
  for (size_t p = norm.find(number); p != std::string_view::npos && p < before;
       p = norm.find(number, p + 1))
    ++n;
  return n;
}

void CompareMoney(Check& c, const Figure& f, __int128 computed, int scale, bool threshold) {
  c.computed = core::FormatScaled(computed, scale);
  const int k = f.decimals;
  const int e = f.unit_pow10 - k + scale;
  const __int128 stated = ParseDigits(f.digits) * (f.negative ? -1 : 1);
  __int128 q;
  bool match;
  if (e >= 0) {
    const __int128 unit = Pow10(e);
    q = RoundDiv(computed, unit);
    if (threshold)
      match = f.strict_lower ? computed >= stated * unit : computed <= stated * unit;
    else
      match = Abs(2 * computed - 2 * stated * unit) <= unit;
  } else {
    q = computed * Pow10(-e);
    match = threshold ? (f.strict_lower ? q >= stated : q <= stated) : q == stated;
  }
  std::string unit = f.unit;
  if (f.currency == "USD" && unit.find("dollar") == std::string::npos &&
      unit.find("\u7f8e\u5143") == std::string::npos)
    unit = unit.empty() ? "US dollars" : unit + " US dollars";
  c.rounded = WithUnit(FormatFixed(q, k), unit);
  c.verdict = match ? Verdict::kMatches : Verdict::kDiffers;
}

void ComparePercent(Check& c, const Figure& f, const query::Derived& d, const std::string& unit) {
  const int k = f.decimals;
  const __int128 stated = ParseDigits(f.digits) * (f.negative ? -1 : 1);
  c.computed = query::DoubleText(d.value());
  __int128 q;
  bool match;
  if (d.exact) {
    q = RoundDiv(d.num * Pow10(k), d.den);
    match = Abs(2 * d.num * Pow10(k) - 2 * stated * d.den) <= d.den;
  } else {
    const double scaled = d.value() * static_cast<double>(Pow10(k));
    q = static_cast<__int128>(scaled < 0 ? scaled - 0.5 : scaled + 0.5);
    match = std::abs(scaled - static_cast<double>(stated)) <= 0.5 + 1e-9;
  }
  c.rounded = WithUnit(FormatFixed(q, k), unit);
  c.verdict = match ? Verdict::kMatches : Verdict::kDiffers;
}

std::string Suggest(const Sentence& s, const Figure& f, const Check& c) {
  if (f.number.empty() || c.rounded.empty()) return "";
  std::string number = c.rounded;
  size_t cut = number.find_first_not_of("-+0123456789.,");
  number = number.substr(0, cut);
  if (f.kind == FigureKind::kGrowth || f.kind == FigureKind::kPoints ||
      f.kind == FigureKind::kBalance) {
    if (!number.empty() && number[0] == '-') number.erase(0, 1);
  }
  std::string out =
      ReplaceNth(s.text, f.number, OccurrenceIndex(s.norm, f.number, f.begin), number);
  if (f.kind == FigureKind::kGrowth && !c.rounded.empty() && (c.rounded[0] == '-') != f.negative)
    out += c.rounded[0] == '-' ? " [the change is a decrease]" : " [the change is an increase]";
  if (f.kind == FigureKind::kThreshold) out += " [the value does not pass this threshold]";
  return out;
}

}  // namespace

std::string_view VerdictName(Verdict v) {
  switch (v) {
    case Verdict::kMatches: return "matches";
    case Verdict::kDiffers: return "differs";
    case Verdict::kCannotCheck: return "cannot check";
    case Verdict::kNotData: return "not a data figure";
  }
  return "";
}

int Report::Count(Verdict v) const {
  int n = 0;
  for (const Check& c : checks) n += c.verdict == v;
  return n;
}

int ExitCode(const Report& report) { return report.Count(Verdict::kDiffers) > 0 ? 1 : 0; }

std::string DetectPeriod(const Release& release) {
  std::vector<std::string> texts;
  texts.push_back(Normalize(release.title));
  for (const Sentence& s : release.sentences) texts.push_back(s.norm);
  std::optional<MonthSpan> span;
  for (const std::string& t : texts)
    if ((span = FindSpan(t))) break;
  std::optional<YearFound> year;
  std::optional<YearFound> date_year;
  for (const std::string& t : texts) {
    auto y = FindYear(t);
    if (!y) continue;
    if (y->date_month == 0) {
      year = y;
      break;
    }
    if (!date_year) date_year = y;
  }
  if (!year && date_year) {
    year = date_year;
    const int last = span ? span->m2 : 12;
    if (last >= year->date_month) year->year -= 1;  // a release dated early next year
  }
  if (!year) return "";
  return SpecOf(year->year, span.value_or(MonthSpan{1, 12}));
}

core::Result<Report> Verify(const Release& release, const VerifyOptions& options,
                            const query::Catalog& catalog, const query::ReferenceLookup& reference,
                            const Lexicon& lexicon) {
  Report rep;
  rep.store_label = options.store_label;
  rep.lang = release.lang;
  rep.title = release.title;
  rep.sentences = release.sentences;
  Runner runner(catalog, reference);
  Context cx;
  cx.options = &options;
  cx.reference = &reference;
  cx.runner = &runner;
  cx.lang = release.lang;
  // Without --dataset: the store's default, or (several datasets) the one where the release's
  // reporter has data, chosen below.
  core::Status no_default = Status::Ok();
  if (!options.dataset.empty())
    cx.dataset = options.dataset;
  else if (auto d = catalog.DefaultDataset(); d.ok())
    cx.dataset = *d;
  else if (!options.datasets.empty()) {
    cx.dataset = options.datasets[0];
    no_default = d.status();
  } else
    return d.status();
  TRADESTAT_RETURN_IF_ERROR(catalog.Open(cx.dataset).status());
  cx.period = options.period.empty() ? DetectPeriod(release) : options.period;
  if (cx.period.empty())
    return Status::InvalidArgument(
        "verify: the release states no period that tradestat can read (no year, or no \"first "
        "half\" / "
        "上半年 ...); give --period, e.g. --period 2023H1 or --period 2023-06:ytd");
  TRADESTAT_RETURN_IF_ERROR(query::ParsePeriodSpec(cx.period).status().WithContext("--period"));

  std::vector<std::vector<Mention>> mentions;
  std::vector<std::vector<Figure>> figures;
  std::vector<std::vector<FlowWord>> flows;
  bool compares = false;
  for (const Sentence& s : release.sentences) {
    mentions.push_back(lexicon.Find(s.norm));
    figures.push_back(ExtractFigures(s.norm));
    flows.push_back(FindFlowWords(s.norm));
    for (const Mention& m : mentions.back()) compares |= m.subject.kind == SubjectKind::kNational;
    for (const Figure& f : figures.back()) compares |= f.kind == FigureKind::kPoints;
  }
  // The benchmark: given, or another dataset of the store when the release compares.
  cx.benchmark = options.benchmark;
  if (cx.benchmark.empty() && compares)
    for (const std::string& d : options.datasets)
      if (d != cx.dataset) {
        cx.benchmark = d;
        break;
      }

  // The reporter (and, when not given, the dataset): the first region or country the text names
  // that has data; among datasets, the one where it is the largest part of the whole.
  cx.reporter = options.reporter;
  if (cx.reporter.empty() || options.dataset.empty()) {
    std::vector<Mention> candidates = lexicon.Find(Normalize(release.title));
    for (const auto& ms : mentions) candidates.insert(candidates.end(), ms.begin(), ms.end());
    std::vector<std::string> datasets;
    if (!options.dataset.empty())
      datasets = {options.dataset};
    else {
      datasets.push_back(cx.dataset);
      for (const std::string& d : options.datasets)
        if (d != cx.dataset) datasets.push_back(d);
    }
    std::vector<std::string> codes;
    if (!cx.reporter.empty())
      codes = {cx.reporter};
    else
      for (const Mention& m : candidates)
        if ((m.subject.kind == SubjectKind::kRegion || m.subject.kind == SubjectKind::kPartner) &&
            std::find(codes.begin(), codes.end(), m.subject.code) == codes.end() &&
            codes.size() < 6)
          codes.push_back(m.subject.code);
    bool found = false;
    // A country named in the title or first sentence (中国, China) is a national release: the
    // whole of the largest dataset.
    std::vector<Mention> head = lexicon.Find(Normalize(release.title));
    if (!mentions.empty()) head.insert(head.end(), mentions[0].begin(), mentions[0].end());
    if (cx.reporter.empty() && !head.empty() && head[0].subject.kind == SubjectKind::kPartner) {
      __int128 best = 0;
      for (const std::string& d : datasets) {
        query::QueryRequest q = BaseQuery(cx);
        q.dataset = d;
        q.reporter.clear();
        const auto& r = runner.Run(q);
        if (r.ok() && r->total.m.value > best) {
          best = r->total.m.value;
          cx.dataset = d;
          found = true;
        }
      }
      if (found) {
        cx.national_country = head[0].subject.code;
        codes.clear();
      }
    }
    for (const std::string& code : codes) {
      double best_share = -1;
      for (const std::string& d : datasets) {
        query::QueryRequest q = BaseQuery(cx);
        q.dataset = d;
        q.reporter = code;
        const auto& r = runner.Run(q);
        if (!r.ok() || r->total.m.value == 0) continue;
        query::QueryRequest whole = q;
        whole.reporter.clear();
        const auto& w = runner.Run(whole);
        const double share =
            w.ok() && w->total.m.value != 0
                ? static_cast<double>(r->total.m.value) / static_cast<double>(w->total.m.value)
                : 0;
        if (share > best_share) {
          best_share = share;
          cx.dataset = d;
          cx.reporter = code;
          found = true;
        }
      }
      if (found) break;
    }
  }
  if (!no_default.ok() && cx.reporter.empty() && cx.national_country.empty())
    return no_default;  // nothing to choose by
  if (!cx.national_country.empty() && options.benchmark.empty()) cx.benchmark.clear();
  if (cx.benchmark == cx.dataset && options.benchmark.empty()) {
    cx.benchmark.clear();
    for (const std::string& d : options.datasets)
      if (d != cx.dataset && compares) {
        cx.benchmark = d;
        break;
      }
  }
  cx.reporter_country = reference.ReporterCountry(cx.reporter);
  rep.dataset = cx.dataset;
  rep.reporter = cx.reporter;
  rep.period = cx.period;
  rep.benchmark = cx.benchmark;

  std::vector<std::vector<NameList>> lists;
  for (size_t si = 0; si < release.sentences.size(); ++si)
    lists.push_back(ListsOf(release.sentences[si].norm, mentions[si]));

  for (size_t si = 0; si < release.sentences.size(); ++si) {
    const Sentence& sen = release.sentences[si];
    const std::string& norm = sen.norm;
    const std::vector<Mention>& ms = mentions[si];
    const std::vector<Figure>& fs = figures[si];
    const bool respectively = norm.find("respective") != std::string::npos ||
                              norm.find("\u5206\u522b") != std::string::npos;

    // Subjects given by "respectively" lists: runs of same-kind figures separated only by commas.
    std::vector<std::optional<Subject>> paired(fs.size());
    std::vector<std::string> pairing_error(fs.size());
    if (respectively) {
      for (size_t i = 0; i < fs.size();) {
        if (!IsValueKind(fs[i].kind)) {
          ++i;
          continue;
        }
        size_t j = i + 1;
        while (j < fs.size() && fs[j].kind == fs[i].kind && fs[j - 1].end <= fs[j].begin &&
               IsListGap(std::string_view(norm).substr(fs[j - 1].end, fs[j].begin - fs[j - 1].end)))
          ++j;
        const size_t n = j - i;
        if (n >= 2) {
          const NameList* found = nullptr;
          const std::vector<Mention>* found_ms = &ms;
          for (const NameList& l : lists[si])
            if (l.mentions.size() == n && l.end <= fs[i].begin) found = &l;
          if (!found && si > 0)
            for (const NameList& l : lists[si - 1])
              if (l.mentions.size() == n) {
                found = &l;
                found_ms = &mentions[si - 1];
              }
          for (size_t k = 0; k < n; ++k) {
            if (found)
              paired[i + k] = (*found_ms)[found->mentions[k]].subject;
            else
              pairing_error[i + k] = fmt::format(
                  "{} figures \"respectively\" but no list of {} names to pair them with", n, n);
          }
        }
        i = j;
      }
    }

    for (size_t fi = 0; fi < fs.size(); ++fi) {
      const Figure& f = fs[fi];
      Check c;
      c.sentence = static_cast<int>(si);
      c.kind = f.kind;
      c.stated = f.text;
      if (f.kind == FigureKind::kNotData) {
        c.verdict = Verdict::kNotData;
        c.reason = fmt::format("\"{}\" counts something the data do not hold", f.text);
        rep.checks.push_back(std::move(c));
        continue;
      }
      if (f.kind == FigureKind::kUnknown) {
        c.verdict = Verdict::kCannotCheck;
        c.reason = "a number whose meaning tradestat cannot tell (no unit, share or growth word)";
        rep.checks.push_back(std::move(c));
        continue;
      }
      query::QueryRequest q = BaseQuery(cx);

      // Ranking: the names right before (or after) "top three trading partners".
      if (f.kind == FigureKind::kRank) {
        const NameList* list = nullptr;
        for (const NameList& l : lists[si])
          if (l.end <= f.begin && f.begin - l.end <= 40) list = &l;
        if (!list)
          for (const NameList& l : lists[si])
            if (l.begin >= f.end && l.begin - f.end <= 40) {
              list = &l;
              break;
            }
        if (!list) {
          c.verdict = Verdict::kCannotCheck;
          c.reason = "a ranking without the names of the partners";
          rep.checks.push_back(std::move(c));
          continue;
        }
        std::vector<std::string> codes, units, names;
        bool ok = true;
        for (int mi : list->mentions) {
          const Subject& s = ms[mi].subject;
          if (s.kind != SubjectKind::kPartner && s.kind != SubjectKind::kPartnerGroup) ok = false;
          codes.push_back(s.code);
          names.push_back(s.name);
          if (s.kind == SubjectKind::kPartnerGroup) units.push_back(s.code);
        }
        std::string stated_codes;
        for (const std::string& x : codes) stated_codes += (stated_codes.empty() ? "" : ",") + x;
        c.stated = fmt::format("{} ({})", f.text, stated_codes);
        c.subject = "partners";
        c.flow = "total";
        if (!ok || static_cast<int>(codes.size()) != f.rank_n) {
          c.verdict = Verdict::kCannotCheck;
          c.reason = !ok ? "a ranking that names something other than partners"
                         : fmt::format("the ranking names {} partners for a top {}", codes.size(),
                                       f.rank_n);
          rep.checks.push_back(std::move(c));
          continue;
        }
        q.by = {"partner"};
        q.units = units;
        q.top = f.rank_n;
        c.args = ArgsOf(q);
        c.field = "rows[].partner";
        const auto& r = runner.Run(q);
        if (!r.ok()) {
          c.verdict = Verdict::kCannotCheck;
          c.reason = r.status().message();
          rep.checks.push_back(std::move(c));
          continue;
        }
        std::string got;
        std::vector<std::string> got_names;
        for (const query::ResultRow& row : r->rows) {
          got += (got.empty() ? "" : ",") + row.keys[0].code;
          got_names.push_back(row.keys[0].name.empty() ? row.keys[0].code : row.keys[0].name);
        }
        c.computed = got;
        c.rounded = got;
        c.verdict = got == stated_codes ? Verdict::kMatches : Verdict::kDiffers;
        if (c.verdict == Verdict::kDiffers) {
          std::string n;
          for (size_t i = 0; i < got_names.size(); ++i) n += (i ? ", " : "") + got_names[i];
          c.suggestion = fmt::format("the top {} trading partners are {}", f.rank_n, n);
        }
        rep.checks.push_back(std::move(c));
        continue;
      }

      // What it is about.
      Subject subject;
      if (paired[fi])
        subject = *paired[fi];
      else if (!pairing_error[fi].empty()) {
        c.verdict = Verdict::kCannotCheck;
        c.reason = pairing_error[fi];
        rep.checks.push_back(std::move(c));
        continue;
      } else {
        for (const Mention& m : ms) {
          if (m.end > f.subject_end) break;
          if (InsideClosedParen(norm, m.begin, f.begin)) continue;
          if (f.kind == FigureKind::kPoints && m.subject.kind == SubjectKind::kNational) continue;
          subject = m.subject;
        }
        // "trade with Narnia reached ...": a named subject that is not in the reference data.
        size_t last_mention_end = 0;
        for (const Mention& m : ms)
          if (m.end <= f.subject_end) last_mention_end = m.end;
        for (std::string_view w : {"trade with ", "exports to ", "imports from ", "\u5bf9"}) {
          size_t p = norm.rfind(w, f.subject_end);
          if (p == std::string::npos || p + w.size() > f.subject_end || p < last_mention_end)
            continue;
          size_t a = p + w.size();
          if (w == "\u5bf9" &&
              (At(norm, a, "\u5916") || At(norm, a, "\u6bd4") || At(norm, a, "\u4e8e")))
            continue;
          bool named = false;
          for (const Mention& m : ms) named |= m.begin >= a && m.begin <= a + 4;
          if (named) continue;
          size_t e = a;
          while (e < f.subject_end && e < a + 40 && norm[e] != ',' && !At(norm, e, "\uff0c")) ++e;
          c.verdict = Verdict::kCannotCheck;
          c.reason = fmt::format("unknown subject \"{}\" (not in the reference data)",
                                 core::Trim(norm.substr(a, e - a)));
          break;
        }
        if (!c.reason.empty()) {
          rep.checks.push_back(std::move(c));
          continue;
        }
      }
      subject = Effective(cx, subject);
      c.subject = SubjectText(subject);
      if (subject.kind == SubjectKind::kRegion && !cx.reporter.empty() &&
          !reference.ReporterWithin(subject.code, cx.reporter)) {
        c.verdict = Verdict::kCannotCheck;
        c.reason = fmt::format("{} is not within the reporter {}", subject.code, cx.reporter);
        rep.checks.push_back(std::move(c));
        continue;
      }

      // Flow: the nearest flow word before it (for shares, the base after it wins).
      std::string flow = "total";
      for (const FlowWord& w : flows[si])
        if (w.pos < f.begin) flow = w.flow;
      if (f.kind == FigureKind::kShare) {
        size_t stop = norm.size();
        for (std::string_view sep : {",", ";", "\uff0c", "\uff1b", "\u3002"}) {
          size_t p = norm.find(sep, f.end);
          if (p != std::string::npos) stop = std::min(stop, p);
        }
        for (const FlowWord& w : flows[si])
          if (w.pos >= f.end && w.pos < stop) {
            flow = w.flow;
            break;
          }
      }
      if (f.kind == FigureKind::kCount || f.kind == FigureKind::kBalance ||
          f.kind == FigureKind::kRecord)
        flow = "total";
      if (f.kind == FigureKind::kThreshold && subject.kind == SubjectKind::kScope) {
      }  // keeps its flow
      q.flow = flow;
      c.flow = flow;
      const bool national = subject.kind == SubjectKind::kNational;
      // "广东省进出口占全国的36.7%" / "36.7% of the national total": a share of the benchmark, not
      // of the reporter's own trade (the bulletin's levels section writes these).
      bool of_benchmark = false;
      if (f.kind == FigureKind::kShare && !national && !cx.benchmark.empty()) {
        size_t stop = norm.size();
        for (std::string_view sep : {",", ";", "\uff0c", "\uff1b", "\u3002"}) {
          size_t p = norm.find(sep, f.end);
          if (p != std::string::npos) stop = std::min(stop, p);
        }
        const size_t from = std::min(f.subject_end, f.begin);
        const std::string_view base = std::string_view(norm).substr(from, stop - from);
        for (std::string_view w :
             {"\u5168\u56fd", "national", "nation's", "the country's"})  // 全国
          if (base.find(w) != std::string_view::npos) of_benchmark = true;
      }
      if (f.kind == FigureKind::kShare) {
        // "合计占全国的67.4%" / "together 81.1% of the total": the share of several subjects
        // summed.
        size_t from = 0;  // the clause the figure is in
        for (std::string_view sep : {",", ";", "\uff0c", "\uff1b", "\u3002"}) {
          const size_t p = std::string_view(norm).substr(0, f.begin).rfind(sep);
          if (p != std::string_view::npos) from = std::max(from, p + sep.size());
        }
        const std::string_view before = std::string_view(norm).substr(from, f.begin - from);
        bool combined = false;
        for (std::string_view w : {"\u5408\u8ba1", "together", "combined"})  // 合计
          if (before.find(w) != std::string_view::npos) combined = true;
        if (combined) {
          c.verdict = Verdict::kCannotCheck;
          c.reason =
              "a combined share of several subjects: this version checks the share of one subject "
              "only";
          rep.checks.push_back(std::move(c));
          continue;
        }
      }
      if (!national) ApplySubject(q, subject);
      if (of_benchmark) q.benchmark = cx.benchmark;
      if ((national || f.kind == FigureKind::kPoints) && cx.benchmark.empty()) {
        c.verdict = Verdict::kCannotCheck;
        c.reason =
            "compares with a benchmark but the store has no other dataset; give --benchmark "
            "DATASET";
        rep.checks.push_back(std::move(c));
        continue;
      }
      if (national || f.kind == FigureKind::kPoints) q.benchmark = cx.benchmark;
      if ((f.kind == FigureKind::kMoney || f.kind == FigureKind::kThreshold ||
           f.kind == FigureKind::kBalance) &&
          f.currency != "CNY")
        q.currency = f.currency;
      c.args = ArgsOf(q);
      const auto& r = runner.Run(q);
      if (!r.ok()) {
        c.verdict = Verdict::kCannotCheck;
        c.reason = fmt::format("dimension or value not in the data: {}", r.status().message());
        rep.checks.push_back(std::move(c));
        continue;
      }
      const query::Measures& m = r->total.m;
      const bool filtered = !q.where.empty();
      if (filtered && m.value == 0 && (!m.value_prev || *m.value_prev == 0)) {
        c.verdict = Verdict::kCannotCheck;
        c.reason =
            fmt::format("no data for {} in {} (dimension not in the data?)", c.subject, cx.dataset);
        rep.checks.push_back(std::move(c));
        continue;
      }
      switch (f.kind) {
        case FigureKind::kMoney:
        case FigureKind::kThreshold:
          if (national) {
            c.field = "benchmark.value";
            CompareMoney(c, f, r->benchmark ? r->benchmark->value : 0, r->money_scale,
                         f.kind == FigureKind::kThreshold);
          } else {
            c.field = "total.value";
            CompareMoney(c, f, m.value, r->money_scale, f.kind == FigureKind::kThreshold);
          }
          break;
        case FigureKind::kBalance: {
          c.field = "total.balance";
          if (!m.balance) {
            c.reason = "no balance for a single flow";
            break;
          }
          CompareMoney(c, f, *m.balance, r->money_scale, false);
          break;
        }
        case FigureKind::kGrowth: {
          const query::Derived& d =
              national && r->benchmark ? r->benchmark->growth_pct : m.growth_pct;
          c.field = national ? "benchmark.growth_pct" : "total.growth_pct";
          if (!d.present) {
            c.reason = "no comparison period in the data";
            break;
          }
          ComparePercent(c, f, d, "%");
          break;
        }
        case FigureKind::kShare:
          if (of_benchmark) {  // exact: the scope's value over the benchmark's whole value
            c.field = "benchmark.value";
            const query::Derived d = r->benchmark
                                         ? query::Derived::Ratio(m.value * 100, r->benchmark->value)
                                         : query::Derived{};
            if (!d.present) {
              c.reason = "the benchmark has no trade in this period";
              break;
            }
            ComparePercent(c, f, d, "%");
            break;
          }
          c.field = "total.share_pct";
          if (!m.share_pct.present) {
            c.reason = "no share base in the data";
            break;
          }
          ComparePercent(c, f, m.share_pct, "%");
          break;
        case FigureKind::kPoints:
          c.field = "total.vs_benchmark_pp";
          if (!m.vs_benchmark_pp.present) {
            c.reason = "the benchmark has no growth rate for this period";
            break;
          }
          ComparePercent(c, f, m.vs_benchmark_pp, f.unit);
          break;
        case FigureKind::kCount:
          c.field = "total.partners";
          if (!m.partners) {
            c.reason = "no partner count in the data";
            break;
          }
          c.computed = std::to_string(*m.partners);
          c.rounded = c.computed;
          c.verdict = c.computed == f.digits ? Verdict::kMatches : Verdict::kDiffers;
          break;
        case FigureKind::kRecord:
          c.field = "total.record";
          if (!m.record) {
            c.reason = "the data hold no earlier years to compare with";
            break;
          }
          c.computed = *m.record ? "true" : "false";
          c.rounded = *m.record ? "a record" : "not a record";
          c.verdict = *m.record ? Verdict::kMatches : Verdict::kDiffers;
          if (!*m.record)
            c.suggestion = "remove the record claim: the value is not the highest for these months";
          break;
        default: break;
      }
      if (c.verdict == Verdict::kDiffers && c.suggestion.empty()) c.suggestion = Suggest(sen, f, c);
      rep.checks.push_back(std::move(c));
    }
  }
  return rep;
}

}  // namespace tradestat::verify
