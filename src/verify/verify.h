// verify/verify.h: check every figure of a release against the data (`tradestat verify`).
//
// Verify() reads each sentence, resolves what every figure is about (reporter, partner, bloc,
// region, category, flow, trade mode, enterprise type; "respectively" lists paired in order),
// recomputes it with query::Execute and compares it with the tolerance its stated precision
// implies: "130.7 billion" matches a value within 0.05 billion, "31.7%" one within 0.05 points,
// "surpassed 330 billion" is an inequality, counts and rankings are exact. Each check carries
// the `tradestat query` arguments that reproduce it. Docs: docs/verify.md.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "query/dataset_source.h"
#include "query/reference_lookup.h"
#include "verify/extract.h"
#include "verify/lexicon.h"
#include "verify/release.h"

namespace tradestat::verify {

struct VerifyOptions {
  std::string store_label = "STORE";  // shown in the reproducing commands
  std::string dataset;                // empty: the store's default dataset
  std::string reporter;               // empty: found in the text, else the whole dataset
  std::string period;                 // empty: found in the title or text
  std::string benchmark;              // empty: another dataset of the store when the text compares
  std::vector<std::string> datasets;  // the store's datasets (for the default benchmark)
};

enum class Verdict { kMatches, kDiffers, kCannotCheck, kNotData };
std::string_view VerdictName(Verdict v);

struct Check {
  int sentence = 0;  // index into Release::sentences
  FigureKind kind = FigureKind::kUnknown;
  std::string stated;    // as written ("70.12 billion yuan", "ASEAN, USA, EU")
  std::string subject;   // what it is about ("partner_group ASEAN")
  std::string flow;      // total, X, M
  std::string computed;  // exact ("70118345678.12", "7.5912...", "true", "ASEAN,USA,EU")
  std::string rounded;   // computed at the stated precision and unit ("70.12 billion yuan")
  Verdict verdict = Verdict::kCannotCheck;
  std::string reason;             // for cannot check / not data
  std::vector<std::string> args;  // `tradestat query` arguments after STORE
  std::string field;              // where the value sits in that query's JSON
  std::string suggestion;         // differs: the sentence with the corrected figure
};

struct Report {
  std::string store_label;
  std::string dataset, reporter, period, benchmark;
  query::Lang lang = query::Lang::kEn;
  std::string title;
  std::vector<Sentence> sentences;
  std::vector<Check> checks;
  int Count(Verdict v) const;
};

/// Errors: InvalidArgument when no period can be found (give --period) or an option is malformed,
/// NotFound for an unknown dataset. Figures that cannot be recomputed are checks, not errors.
core::Result<Report> Verify(const Release& release, const VerifyOptions& options,
                            const query::Catalog& catalog, const query::ReferenceLookup& reference,
                            const Lexicon& lexicon);

/// The period a release is about ("2023H1"), from its title and text; empty if none is stated.
std::string DetectPeriod(const Release& release);

/// Aligned text for a terminal; with `draft`, the suggested wording for differing figures.
std::string RenderTable(const Report& report, bool draft);
std::string RenderJson(const Report& report);
/// 0 when every checkable figure matches, 1 when any differs.
int ExitCode(const Report& report);

}  // namespace tradestat::verify
