// verify/render.cc: the verify report as an aligned table or as JSON.
#include <nlohmann/json.hpp>

#include <fmt/format.h>

#include "verify/verify.h"

namespace tradestat::verify {
namespace {

std::string Quote(const std::string& a) {
  bool plain = !a.empty();
  for (char c : a)
    plain &= std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == ':' ||
             c == '.' || c == ',' || c == '=' || c == '/';
  if (plain) return a;
  std::string out = "'";
  for (char c : a) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

std::string Command(const Report& r, const Check& c) {
  std::string s = "tradestat query " + Quote(r.store_label);
  for (const std::string& a : c.args) s += " " + Quote(a);
  return s;
}

// Display width: CJK characters count two columns.
size_t Width(std::string_view s) {
  size_t w = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if ((c & 0xC0) == 0x80) continue;
    w += c >= 0xE3 && c <= 0xED ? 2 : 1;
  }
  return w;
}

std::string Pad(const std::string& s, size_t w) {
  size_t n = Width(s);
  return n >= w ? s : s + std::string(w - n, ' ');
}

}  // namespace

std::string RenderTable(const Report& r, bool draft) {
  std::string out;
  out += fmt::format("verify: {}\n", r.title.empty() ? "(untitled release)" : r.title);
  out += fmt::format("dataset {}, reporter {}, period {}, benchmark {}, language {}\n", r.dataset,
                     r.reporter.empty() ? "(whole dataset)" : r.reporter, r.period,
                     r.benchmark.empty() ? "(none)" : r.benchmark,
                     r.lang == query::Lang::kZh ? "zh" : "en");
  size_t wk = 4, ws = 7, wst = 6, wr = 8;
  for (const Check& c : r.checks) {
    wk = std::max(wk, Width(FigureKindName(c.kind)));
    ws = std::max(ws, Width(c.subject));
    wst = std::max(wst, std::min<size_t>(Width(c.stated), 48));
    wr = std::max(wr, std::min<size_t>(Width(c.rounded), 40));
  }
  int last_sentence = -1;
  int n = 0;
  for (const Check& c : r.checks) {
    if (c.sentence != last_sentence) {
      out += fmt::format("\n[{}] {}\n", c.sentence + 1, r.sentences[c.sentence].text);
      last_sentence = c.sentence;
    }
    ++n;
    std::string verdict(VerdictName(c.verdict));
    if (!c.reason.empty()) verdict += ": " + c.reason;
    out += fmt::format("  {:>2}  {}  {}  {}  {}  {}\n", n,
                       Pad(std::string(FigureKindName(c.kind)), wk), Pad(c.subject, ws),
                       Pad(c.stated, wst), Pad(c.rounded, wr), verdict);
    if (!c.args.empty()) out += fmt::format("      {}   # {}\n", Command(r, c), c.field);
    if (draft && c.verdict == Verdict::kDiffers && !c.suggestion.empty())
      out += fmt::format("      suggest: {}\n", c.suggestion);
  }
  out +=
      fmt::format("\n{} figures: {} match, {} differ, {} cannot be checked, {} not data figures\n",
                  r.checks.size(), r.Count(Verdict::kMatches), r.Count(Verdict::kDiffers),
                  r.Count(Verdict::kCannotCheck), r.Count(Verdict::kNotData));
  return out;
}

std::string RenderJson(const Report& r) {
  nlohmann::ordered_json j;
  j["title"] = r.title;
  j["language"] = r.lang == query::Lang::kZh ? "zh" : "en";
  j["dataset"] = r.dataset;
  j["reporter"] = r.reporter;
  j["period"] = r.period;
  j["benchmark"] = r.benchmark;
  nlohmann::ordered_json figs = nlohmann::ordered_json::array();
  for (const Check& c : r.checks) {
    nlohmann::ordered_json f;
    f["sentence"] = r.sentences[c.sentence].text;
    f["sentence_index"] = c.sentence + 1;
    f["kind"] = FigureKindName(c.kind);
    f["stated"] = c.stated;
    f["subject"] = c.subject;
    f["flow"] = c.flow;
    f["computed"] = c.computed;
    f["rounded"] = c.rounded;
    f["status"] = VerdictName(c.verdict);
    if (!c.reason.empty()) f["reason"] = c.reason;
    if (!c.args.empty()) {
      f["query"] = c.args;
      f["command"] = Command(r, c);
      f["field"] = c.field;
    }
    if (!c.suggestion.empty()) f["suggestion"] = c.suggestion;
    figs.push_back(std::move(f));
  }
  j["figures"] = std::move(figs);
  j["summary"] = {{"matches", r.Count(Verdict::kMatches)},
                  {"differs", r.Count(Verdict::kDiffers)},
                  {"cannot_check", r.Count(Verdict::kCannotCheck)},
                  {"not_data", r.Count(Verdict::kNotData)}};
  return j.dump(2) + "\n";
}

}  // namespace tradestat::verify
