// server/ref_json.h: /api/v1/ref/{countries,groups,regions,hs,categories,modes} as JSON.
//
// Parameters (all optional): search=TEXT (code prefix or name), at=YYYY-MM (group members in
// force at the end of that month; default: today's members), edition=HS2022 and parent=CODE
// (children of a section, chapter or heading, for drill-down) for hs. Unknown kinds are NotFound.
// The document and the search are refdata's (refdata/ref_json.h); this is routing only.
#pragma once

#include <map>
#include <string>

#include "core/status.h"
#include "refdata/reference.h"

namespace tradestat::server {

/// The reference list `kind` as a JSON document ({"kind": ..., "items": [...]}).
/// Errors: NotFound for an unknown kind; InvalidArgument naming `at`, `edition` or `parent`.
core::Result<std::string> RefJson(const refdata::Reference& ref, const std::string& kind,
                                  const std::map<std::string, std::string>& params);

}  // namespace tradestat::server
