// server/params.h: URL query parameters -> query::QueryRequest and the bulletin's parameters.
//
// Parameter names are the long options of `tradestat query` (period, compare, reporter, flow,
// where, by, units, currency, benchmark, top, sort, lang, dataset); where, by and units may be
// repeated, like the options. UN Comtrade-style aliases are accepted: reporterCode, flowCode,
// partnerCode (= where=partner=...), cmdCode (= where=commodity=...), maxRecords (= top).
// Unknown or repeated single-valued parameters are errors naming the parameter, so a typo never
// silently widens a query. Values are passed through unchanged: query::Execute validates them,
// which is what makes the API answer byte-for-byte like the CLI.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "query/request.h"
#include "server/http_status.h"

namespace tradestat::server {

/// Decoded URL parameters in order of appearance (name, value).
using ParamList = std::vector<std::pair<std::string, std::string>>;

/// The parameters of a request target ("/api/v1/query?period=2023-06&by=partner"), percent- and
/// '+'-decoded, in the order written (a fragment is ignored; "name" without '=' has value "").
ParamList ParseQueryString(std::string_view target);

/// Fill `out` from `params`. `extra` lists further accepted names (e.g. "format" for export);
/// their values are returned in `extra_values`. Returns false and sets `error` on a bad parameter.
bool ParseQueryParams(const ParamList& params, const std::set<std::string>& extra,
                      query::QueryRequest& out, std::map<std::string, std::string>& extra_values,
                      HttpError& error);

/// Parameters of /api/v1/bulletin (those not given keep the bulletin's defaults; an empty
/// benchmark= asks for no benchmark).
struct BulletinParams {
  std::optional<std::string> dataset;
  std::optional<std::string> period;
  std::optional<std::string> reporter;
  std::optional<std::string> benchmark;
  bool allow_partial = false;  // allow_partial=true: write a period the data do not fully cover
  std::string lang = "en";
  std::string format = "json";  // json, html, md
};

bool ParseBulletinParams(const ParamList& params, BulletinParams& out, HttpError& error);

/// Checks that only `allowed` names occur, each at most once; values go to `out`.
bool ParseSimpleParams(const ParamList& params, const std::set<std::string>& allowed,
                       std::map<std::string, std::string>& out, HttpError& error);

/// The host name of a Host header, lower-case, without port or trailing dot ("[::1]" for IPv6).
std::string HostName(std::string_view host_header);
/// Whether a request with this Host header is served: no header (HTTP/1.0), an IP literal,
/// "localhost", or a name in `allowed` (--allow-host). Other names are refused so a hostile
/// page cannot reach the server through DNS rebinding.
bool HostAllowed(std::string_view host_header, const std::vector<std::string>& allowed);
/// At most `max` bytes of `value` (cut on a UTF-8 boundary), "..." appended when cut: for
/// quoting client input in messages.
std::string Excerpt(std::string_view value, size_t max = 64);

}  // namespace tradestat::server
