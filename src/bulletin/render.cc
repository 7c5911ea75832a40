// bulletin/render.cc: text, Markdown and JSON renderers (HTML is render_html.cc).
#include <nlohmann/json.hpp>

#include <fmt/format.h>

#include "bulletin/bulletin.h"
#include "bulletin/render_internal.h"

namespace tradestat::bulletin {
namespace internal {

std::string QueryCommand(const std::string& store, const std::vector<std::string>& args) {
  std::string out = "tradestat query " + (store.empty() ? std::string("STORE") : store);
  for (const std::string& a : args) {
    bool plain = !a.empty() && a.find_first_of(" \"'$`\\<>|&;*?()[]{}") == std::string::npos;
    out += " " + (plain ? a : "'" + a + "'");
  }
  return out;
}

}  // namespace internal

namespace {

bool Zh(const Bulletin& b) { return b.request.lang == query::Lang::kZh; }

std::string RenderText(const Bulletin& b) {
  std::string out = b.title + "\n";
  if (!b.dateline.empty()) out += b.dateline + "\n";
  out += "\n";
  for (const Section& s : b.sections) {
    if (s.text.empty()) continue;
    out += s.text + "\n\n";
  }
  return out;
}

std::string MdCell(std::string s) {
  for (size_t p; (p = s.find('|')) != std::string::npos;) s.replace(p, 1, "\\|");
  return s;
}

std::string RenderMarkdown(const Bulletin& b) {
  std::string out = "# " + b.title + "\n\n";
  if (!b.dateline.empty()) out += "*" + b.dateline + "*\n\n";
  for (const Section& s : b.sections) {
    out += "## " + s.title + "\n\n" + s.text + "\n\n";
    for (const Table& t : s.tables) {
      out += "**" + t.title + "**\n\n|";
      for (const std::string& h : t.headers) out += " " + MdCell(h) + " |";
      out += "\n|";
      for (size_t i = 0; i < t.headers.size(); ++i) out += i == 0 ? " --- |" : " ---: |";
      out += "\n";
      for (const auto& row : t.rows) {
        out += "|";
        for (const std::string& c : row) out += " " + MdCell(c) + " |";
        out += "\n";
      }
      if (!t.args.empty()) out += "\n`" + internal::QueryCommand(b.request.store_path, t.args) + "`\n";
      out += "\n";
    }
  }
  return out;
}

std::string RenderJson(const Bulletin& b) {
  using J = nlohmann::ordered_json;
  J root;
  root["title"] = b.title;
  root["date"] = b.dateline;
  root["lang"] = Zh(b) ? "zh" : "en";
  root["request"] = {{"dataset", b.request.dataset}, {"reporter", b.request.reporter},
                     {"period", b.request.period}, {"benchmark", b.request.benchmark}};
  root["currency"] = b.currency;
  J sections = J::array();
  for (const Section& s : b.sections) {
    J tables = J::array();
    for (const Table& t : s.tables)
      tables.push_back({{"title", t.title}, {"headers", t.headers}, {"rows", t.rows},
                        {"query", t.args.empty() ? J() : J(internal::QueryCommand(b.request.store_path, t.args))}});
    sections.push_back({{"id", s.id}, {"title", s.title}, {"text", s.text}, {"figures", s.figures}, {"tables", tables}});
  }
  root["sections"] = sections;
  // Figure values are written as raw JSON text (their `exact`), so "100.00" stays "100.00" and an
  // 18-digit value keeps its digits: placeholders in the tree, replaced after dumping.
  J figures = J::array();
  std::vector<std::string> raw;
  for (const Figure& f : b.figures) {
    J value;
    if (f.kind == "code") {
      value = f.exact;
    } else {
      value = fmt::format("@@tradestat-raw-{}@@", raw.size());
      raw.push_back(f.exact.empty() ? "null" : f.exact);
    }
    figures.push_back({{"id", f.id},
                       {"label", f.label},
                       {"kind", f.kind},
                       {"value", value},
                       {"exact", f.exact},
                       {"display", f.display},
                       {"query", {{"args", f.args},
                                  {"command", internal::QueryCommand(b.request.store_path, f.args) + " --format json"},
                                  {"field", f.field}}}});
  }
  root["figures"] = figures;
  std::string out = root.dump(2) + "\n";
  for (size_t i = 0; i < raw.size(); ++i) {
    const std::string key = fmt::format("\"@@tradestat-raw-{}@@\"", i);
    const size_t p = out.find(key);
    if (p != std::string::npos) out.replace(p, key.size(), raw[i]);
  }
  return out;
}

}  // namespace

std::string Render(const Bulletin& b, Format format) {
  switch (format) {
    case Format::kText: return RenderText(b);
    case Format::kMarkdown: return RenderMarkdown(b);
    case Format::kHtml: return internal::RenderHtml(b);
    case Format::kJson: return RenderJson(b);
  }
  return RenderText(b);
}

}  // namespace tradestat::bulletin
