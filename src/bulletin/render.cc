// bulletin/render.cc: text, Markdown and JSON renderers (HTML is render_html.cc).

#include <fmt/format.h>

#include "bulletin/bulletin.h"
#include "bulletin/render_internal.h"
#include "core/json_writer.h"

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
      if (!t.args.empty())
        out += "\n`" + internal::QueryCommand(b.request.store_path, t.args) + "`\n";
      out += "\n";
    }
  }
  return out;
}

std::string RenderJson(const Bulletin& b) {
  core::JsonWriter j(2);
  j.BeginObject();
  j.Member("title", b.title);
  j.Member("date", b.dateline);
  j.Member("lang", Zh(b) ? "zh" : "en");
  j.Key("request").BeginObject();
  j.Member("dataset", b.request.dataset).Member("reporter", b.request.reporter);
  j.Member("period", b.request.period).Member("benchmark", b.request.benchmark);
  j.EndObject();
  j.Member("currency", b.currency);
  j.Key("sections").BeginArray();
  for (const Section& s : b.sections) {
    j.BeginObject();
    j.Member("id", s.id).Member("title", s.title).Member("text", s.text);
    j.Key("figures").StringArray(s.figures);
    j.Key("tables").BeginArray();
    for (const Table& t : s.tables) {
      j.BeginObject();
      j.Member("title", t.title);
      j.Key("headers").StringArray(t.headers);
      j.Key("rows").BeginArray();
      for (const auto& row : t.rows) j.StringArray(row);
      j.EndArray();
      j.Key("query");
      if (t.args.empty())
        j.Null();
      else
        j.String(internal::QueryCommand(b.request.store_path, t.args));
      j.EndObject();
    }
    j.EndArray();
    j.EndObject();
  }
  j.EndArray();
  // Figure values are their `exact` text written as a JSON number (core::JsonWriter::Number), so
  // "100.00" stays "100.00" and an 18-digit value keeps its digits; codes are strings.
  j.Key("figures").BeginArray();
  for (const Figure& f : b.figures) {
    j.BeginObject();
    j.Member("id", f.id).Member("label", f.label).Member("kind", f.kind);
    j.Key("value");
    if (f.kind == "code")
      j.String(f.exact);
    else
      j.Number(f.exact);
    j.Member("exact", f.exact).Member("display", f.display);
    j.Key("query").BeginObject();
    j.Key("args").StringArray(f.args);
    j.Member("command", internal::QueryCommand(b.request.store_path, f.args) + " --format json");
    j.Member("field", f.field);
    j.EndObject();
    j.EndObject();
  }
  j.EndArray();
  j.EndObject();
  return j.Take() + "\n";
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
