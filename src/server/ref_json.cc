// server/ref_json.cc: /api/v1/ref/KIND: routes the query parameters to refdata::RefList, the one
// JSON form of reference data (refdata/ref_json.h), shared with `tradestat ref --json`.
#include "server/ref_json.h"

#include <fmt/format.h>

#include "refdata/ref_json.h"

namespace tradestat::server {
namespace {

std::string Get(const std::map<std::string, std::string>& p, const std::string& k) {
  auto it = p.find(k);
  return it == p.end() ? std::string() : it->second;
}

}  // namespace

core::Result<std::string> RefJson(const refdata::Reference& ref, const std::string& kind,
                                  const std::map<std::string, std::string>& params) {
  refdata::RefListRequest request;
  request.kind = kind;
  request.search = Get(params, "search");
  request.at = Get(params, "at");
  request.edition = Get(params, "edition");
  request.parent = Get(params, "parent");
  request.include_opt_in = true;  // the API lists every category; opt_in marks the candidates
  auto json = refdata::RefList(ref, request);
  if (!json.ok()) {
    if (json.status().code() == core::StatusCode::kNotFound)
      return core::Status::NotFound(
          fmt::format("/api/v1/ref/{}: {}", kind, json.status().message()));
    return json.status();
  }
  return json->dump() + "\n";
}

}  // namespace tradestat::server
