// query/engine.h: the library entry point. Execute() answers one QueryRequest exactly.
//
// The CLI, the bulletin and the HTTP server call Execute() and then ToJson() (json.h), so the
// same request gives byte-identical JSON everywhere. Errors: InvalidArgument for a malformed or
// impossible request (naming the option), NotFound for an unknown dataset, Corruption from the
// store. Thread safety: Execute() may run concurrently on the same catalog and reference.
#pragma once

#include "core/status.h"
#include "query/dataset_source.h"
#include "query/reference_lookup.h"
#include "query/request.h"
#include "query/result.h"

namespace tradestat::query {

struct ExecuteOptions {
  int threads = 0;                // 0 = core::DefaultThreads()
  QueryBudget* budget = nullptr;  // cube.h: cancellation and a cell limit (the server's)
};

core::Result<QueryResult> Execute(const QueryRequest& request, const Catalog& catalog,
                                  const ReferenceLookup& reference,
                                  const ExecuteOptions& options = {});

}  // namespace tradestat::query
