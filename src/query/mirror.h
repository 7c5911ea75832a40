// query/mirror.h: mirror statistics (issue 17): what a reporter says it exported to each partner
// beside what the partner says it imported from the reporter, and the reverse, from the country
// reports of one or two datasets of a store (Comtrade-style: several reporters).
//
// Exports are valued FOB and imports CIF (the IMTS convention the sources follow; the store
// records no valuation per dataset), so a partner's imports normally exceed the reporter's
// exports by the freight and insurance margin: the ratio mirror imports / reported exports is the
// CIF/FOB ratio, screened against a plausible margin (kMarginLow..kMarginHigh). Figures are only
// given for months both sides cover: a dataset missing a month of the period is refused, and a
// partner that does not report (or lacks a month) gets nulls and says why, never a silent zero.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "query/engine.h"
#include "query/period_spec.h"

namespace tradestat::query {

struct MirrorRequest {
  std::string dataset;  // --dataset: the reporter's reports; empty = the store's only dataset
  std::string
      partner_dataset;   // --partner-dataset: the partners' reports; empty = the same dataset
  std::string reporter;  // --reporter A: a country code (required)
  std::string partner;   // --partner B; empty = every partner A reports or that reports A
  std::string period;    // --period (required), as `query`
  std::string by;        // --by hs2|hs4|hs6|hs8; empty = per partner
  std::string currency;  // --currency; empty = the reporter dataset's first; both must hold it
  std::string lang = "en";
};

/// The screening band of the CIF/FOB ratio: below 1 the imports lack any freight margin, above
/// kMarginHigh the gap is larger than freight and insurance explain.
inline constexpr int kMarginLowPct = 100;
inline constexpr int kMarginHighPct = 120;

/// One direction: a value as the reporter gives it beside the partner's mirror of it.
struct MirrorFlow {
  std::optional<__int128> reported;  // as A reports it (exports FOB / imports CIF)
  std::optional<__int128>
      mirror;  // as B reports it (imports CIF / exports FOB); null when B is not comparable
  std::optional<__int128> gap;  // CIF side - FOB side
  Derived ratio;                // CIF side / FOB side; null when the FOB side is 0 or absent
  std::string flag;             // "" (no ratio), "ok", "below_fob", "above_margin"
};

struct MirrorRow {
  std::string partner, partner_name;
  std::string product, product_name;  // with --by
  bool partner_reports = false;       // B has records in the partner dataset in the period
  std::string partner_missing;        // months of the period B lacks ("" = all)
  MirrorFlow exports;                 // A's exports to B (FOB) vs B's imports from A (CIF)
  MirrorFlow imports;                 // A's imports from B (CIF) vs B's exports to A (FOB)
};

struct MirrorResult {
  std::string dataset, partner_dataset;
  std::string reporter, reporter_name;
  PeriodRange period;
  std::string currency;
  int money_scale = 2;
  std::string by;
  Lang lang = Lang::kEn;
  std::vector<MirrorRow> rows;  // by partner (then product), largest reported exports first
  MirrorFlow total_exports;     // over the rows whose partner is comparable
  MirrorFlow total_imports;
  int partners_compared = 0;
  std::vector<std::string> partners_not_reporting;  // codes; their rows carry nulls
  std::vector<std::string> partners_incomplete;     // report, but not every month of the period
  __int128 exports_not_compared = 0;                // A's exports to the partners above
  __int128 imports_not_compared = 0;
};

core::Result<MirrorResult> Mirror(const MirrorRequest& request, const Catalog& catalog,
                                  const ReferenceLookup& ref, const ExecuteOptions& options = {});

/// The JSON of `tradestat mirror` (docs/query.md "Mirror statistics"); ratios with 4 decimals.
std::string MirrorJson(const MirrorResult& result);

}  // namespace tradestat::query
