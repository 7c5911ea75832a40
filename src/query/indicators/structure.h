// query/indicators/structure.h: the trade-structure indicators of `query` (issue 17): rca,
// trade_intensity, hhi and products_exported (docs/query.md "Indicators").
//
// They need figures the main scan does not give (the benchmark's rows, the reporter's exports by
// HS code, the partners' own imports), so each is computed from further Execute() calls on
// reduced requests (no indicator asked, so no recursion) and written into the result's rows and
// total before they are ranked, sorted and cut to --top.
#pragma once

#include "core/status.h"
#include "query/engine.h"
#include "query/parse.h"

namespace tradestat::query::indicators {

/// Fills rca, trade_intensity, hhi and products_exported for the groups `p.measures` asks for;
/// InvalidArgument (naming the measure and what to add) when one cannot be defined for the request.
core::Status AddStructureMeasures(const QueryRequest& request, const ParsedRequest& p,
                                  const Catalog& catalog, const ReferenceLookup& ref,
                                  const ExecuteOptions& options, QueryResult& r);

}  // namespace tradestat::query::indicators
