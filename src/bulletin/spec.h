// bulletin/spec.h: BulletinSpec, what a bulletin says: sections, groups, categories, ranking
// units and wording, read from TOML (docs/bulletin.md). The default spec (default_spec.toml,
// compiled in) is generic: no issuer, date, benchmark or context paragraphs of its own.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "core/status.h"
#include "query/reference_lookup.h"

namespace tradestat::bulletin {

/// Text in both languages.
struct Wording {
  std::string en, zh;
  const std::string& In(query::Lang lang) const {
    return lang == query::Lang::kZh && !zh.empty() ? zh : en;
  }
  bool empty() const { return en.empty() && zh.empty(); }
};

/// A subset of trade named in a sentence: a --where filter and how it is described.
struct Item {
  std::string code;                   // group, category or class code (for ids and tables)
  std::string where;                  // the --where filter, e.g. "partner_group=RCEP_SIG"
  Wording name;                       // as written in a sentence
  Wording label;                      // short, for tables and charts (default: name)
  std::string show = "value,growth";  // value, growth, share (comma-separated, in that order)
};

struct BulletinSpec {
  Wording title;     // "{reporter}", "{period}" are replaced
  Wording issuer;    // who releases it ("[bulletin] issuer", alias "source"); empty = "according
                     // to customs statistics" / 据海关统计
  Wording reporter;  // name in sentences; empty = the reference name
  std::string date;  // dateline; empty = the request's date (default today)
  std::string benchmark;     // DATASET[:REPORTER] used when the request gives none; empty = none
  int record_min_years = 3;  // "record high" needs this many years of the same months
  bool trim_zeros = true;    // money: 130.70 -> 130.7 (as customs prints)
  // Percentages and points keep 1 decimal (+3.0%) unless the spec asks to trim them, as some
  // published releases do (+3%).
  bool trim_percent_zeros = false;
  std::vector<std::string> sections;
  std::map<std::string, Wording> titles;  // section id -> title

  // partners
  std::vector<std::string> units;  // blocs ranked as partners
  int top = 3;
  int chart_top = 10;
  std::vector<Item> partner_groups;
  std::map<std::string, Wording> names;  // short names of partners and units (USA, ASEAN...)

  // regions
  std::vector<std::string> subregions;
  std::map<std::string, Wording> subregion_names;
  int leading = 3;  // sub-units named as the largest at national level (0 = none)

  // products (shares of `product_flow`)
  std::string product_flow = "X";
  std::vector<Item> product_shares;
  std::vector<Item> product_growth;  // value and growth sentences ('three new')
  Wording growth_intro;              // lead-in of the growth sentence

  // trade modes and enterprise types
  std::vector<Item> trade_modes;
  std::vector<Item> enterprises;

  // free text
  std::map<std::string, Wording> texts;  // section id -> paragraph

  /// The compiled-in default (default_spec.toml).
  static core::Result<BulletinSpec> Default();
  /// Parse TOML; `name` is used in messages ("spec.toml:12:3: ...").
  static core::Result<BulletinSpec> Parse(std::string_view toml, std::string_view name);
  /// The default's text, for `tradestat bulletin --print-spec`.
  static std::string_view DefaultText();
};

}  // namespace tradestat::bulletin
