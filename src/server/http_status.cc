// server/http_status.cc: Status codes -> HTTP codes and the JSON error body.
#include "server/http_status.h"

#include <nlohmann/json.hpp>

namespace tradestat::server {

int HttpStatusFor(core::StatusCode code) {
  switch (code) {
    case core::StatusCode::kOk: return 200;
    case core::StatusCode::kInvalidArgument: return 400;
    case core::StatusCode::kParse: return 400;
    case core::StatusCode::kNotFound: return 404;
    case core::StatusCode::kAlreadyExists: return 409;
    case core::StatusCode::kUnsupported: return 501;
    case core::StatusCode::kIo: return 500;
    case core::StatusCode::kCorruption: return 500;
    case core::StatusCode::kInternal: return 500;
  }
  return 500;
}

namespace {

std::string CodeName(core::StatusCode code) {
  switch (code) {
    case core::StatusCode::kOk: return "ok";
    case core::StatusCode::kInvalidArgument: return "invalid_argument";
    case core::StatusCode::kParse: return "parse";
    case core::StatusCode::kNotFound: return "not_found";
    case core::StatusCode::kAlreadyExists: return "already_exists";
    case core::StatusCode::kUnsupported: return "unsupported";
    case core::StatusCode::kIo: return "io";
    case core::StatusCode::kCorruption: return "corruption";
    case core::StatusCode::kInternal: return "internal";
  }
  return "internal";
}

bool IsNameChar(char c) {
  return (c >= 'a' && c <= 'z') || c == '_' || c == '-' || (c >= '0' && c <= '9');
}

}  // namespace

HttpError FromStatus(const core::Status& status) {
  HttpError e;
  e.http_status = HttpStatusFor(status.code());
  e.code = CodeName(status.code());
  const std::string& m = status.message();
  // "--period: ..." -> parameter "period"; an option named later in the message does not count.
  if (m.rfind("--", 0) == 0) {
    size_t end = 2;
    while (end < m.size() && IsNameChar(m[end])) ++end;
    e.parameter = m.substr(2, end - 2);
  }
  // Rewrite "--option" spellings as parameter names ("--by" -> "by").
  std::string out;
  out.reserve(m.size());
  for (size_t i = 0; i < m.size(); ++i) {
    if (m[i] == '-' && i + 2 < m.size() && m[i + 1] == '-' && m[i + 2] >= 'a' && m[i + 2] <= 'z' &&
        (i == 0 || m[i - 1] == ' ' || m[i - 1] == '(' || m[i - 1] == '\'' || m[i - 1] == '"')) {
      ++i;
      continue;
    }
    out += m[i];
  }
  e.message = out;
  return e;
}

HttpError BadParameter(std::string parameter, std::string message) {
  HttpError e;
  e.http_status = 400;
  e.code = "invalid_argument";
  e.message = parameter + ": " + message;
  e.parameter = std::move(parameter);
  return e;
}

std::string ErrorJson(const HttpError& error) {
  nlohmann::ordered_json j;
  j["error"]["status"] = error.http_status;
  j["error"]["code"] = error.code;
  if (!error.parameter.empty()) j["error"]["parameter"] = error.parameter;
  j["error"]["message"] = error.message;
  // Replace invalid UTF-8 rather than throw: messages quote user input.
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

}  // namespace tradestat::server
