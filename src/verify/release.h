// verify/release.h: a release as sentences: plain text, Markdown or HTML, English or Chinese.
//
// ReadRelease strips HTML tags (dropping <svg>, <style>, <script> and <table> blocks, which hold
// no sentences) and Markdown markup (headings, emphasis, links, list markers, table rows), detects
// the language from the share of CJK characters, takes the title (first heading, <title>/<h1>,
// or a short first line) and splits paragraphs into sentences. Normalize() gives the matching
// form every later step works on: ASCII lower case, quotes removed, full-width digits and % made
// ASCII, "labour" spelt "labor", spaces collapsed.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "query/reference_lookup.h"

namespace tradestat::verify {

struct Sentence {
  std::string text;  // as in the release (markup removed, lines joined)
  std::string norm;  // Normalize(text)
  int paragraph = 0;
  int line = 0;  // line of the release the sentence starts on (1-based)
};

struct Release {
  query::Lang lang = query::Lang::kEn;
  std::string title;
  std::vector<Sentence> sentences;
};

/// `lang` forces the language; nullopt detects it.
Release ReadRelease(std::string_view text, std::optional<query::Lang> lang = std::nullopt);

std::string Normalize(std::string_view text);

/// True if the UTF-8 byte at `i` starts a CJK ideograph or CJK punctuation character.
bool IsCjkAt(std::string_view s, size_t i);

}  // namespace tradestat::verify
