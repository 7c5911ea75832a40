// bulletin/bulletin.h: the trade bulletin: a customs-style release written from query results.
//
// BuildBulletin() runs every figure of the release through query::Execute (never its own sums),
// keeps each figure's unrounded value, its display text and the `tradestat query` arguments that
// reproduce it, and writes narrative paragraphs whose sentences depend on the data (increase or
// decline, record or not, which regions lead). Render() lays the result out as text, Markdown,
// a self-contained HTML page with SVG charts, or JSON. What the bulletin says is chosen by a
// BulletinSpec (TOML, docs/bulletin.md). Thread safety: pure functions of their arguments.
#pragma once

#include <string>
#include <vector>

#include "bulletin/spec.h"
#include "core/status.h"
#include "query/dataset_source.h"
#include "query/reference_lookup.h"

namespace tradestat::bulletin {

struct BulletinRequest {
  std::string store_path;  // shown in the reproducing commands ("STORE" when empty)
  std::string dataset;     // empty = the store's only dataset (an error listing them if several)
  std::string reporter;    // empty = the whole dataset, named from reference data
  std::string period;      // required: 2023H1, 2023Q1, 2023-03, 2023-05:ytd, 2023 ...
  std::string benchmark;   // DATASET[:REPORTER]; empty = the spec's, else no benchmark sentence
  std::string issuer;      // overrides the spec's issuer (both languages)
  std::string date;        // dateline; empty = the spec's date, else today (UTC, YYYY-MM-DD)
  bool allow_partial = false;  // write a period the data do not fully cover, saying what it covers
  query::Lang lang = query::Lang::kEn;

  static BulletinRequest Defaults() { return BulletinRequest(); }
};

enum class Format { kText, kMarkdown, kHtml, kJson };
/// "txt"/"text", "md"/"markdown", "html", "json"; InvalidArgument otherwise.
core::Result<Format> ParseFormat(std::string_view text);

/// One number of the bulletin.
struct Figure {
  std::string id;       // "headline.total", "partners.top.2.value"
  std::string label;    // what it is, in the bulletin's language
  std::string kind;     // money, percent, points, count, flag
  std::string exact;    // unrounded, byte for byte as `tradestat query --format json` prints the
                        // field: money "336749999997.93", ratios "7.6123", counts, true/false;
                        // for kind "code" the code. Never passes through a double.
  std::string display;  // as printed in the narrative ("336.75 billion yuan", "+7.6%")
  std::vector<std::string> args;  // `tradestat query` arguments after STORE
  std::string field;              // where the value sits in that query's JSON ("total.growth_pct")
};

struct Table {
  std::string title;
  std::vector<std::string> headers;
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> args;  // the query behind the table
};

/// Chart data; bulletin/svg.h draws it.
struct Chart {
  enum class Kind { kLines, kBars, kGrowthBars } kind = Kind::kBars;
  std::string title;
  std::vector<std::string> labels;          // x categories (bars: one per bar)
  std::vector<std::string> series_names;    // lines: one per series
  std::vector<std::vector<double>> series;  // [series][label]
  std::string unit;                         // axis unit text
  double reference = 0;                     // growth bars: the average line
  std::string reference_label;
  std::vector<std::string> value_labels;  // bars: display texts
};

struct Section {
  std::string id;
  std::string title;
  std::string text;                  // the paragraph
  std::vector<std::string> figures;  // ids of the figures it uses
  std::vector<Table> tables;
  std::vector<Chart> charts;
};

struct Bulletin {
  BulletinRequest request;
  std::string title;
  std::string dateline;
  std::string currency;
  std::vector<Section> sections;
  std::vector<Figure> figures;
  const Figure* Find(std::string_view id) const;
};

/// Errors: those of query::Execute (InvalidArgument naming the option, NotFound for a dataset),
/// InvalidArgument when the spec names a section, group or category that does not exist.
core::Result<Bulletin> BuildBulletin(const BulletinRequest& request, const BulletinSpec& spec,
                                     const query::Catalog& catalog,
                                     const query::ReferenceLookup& reference);

std::string Render(const Bulletin& bulletin, Format format);

}  // namespace tradestat::bulletin
