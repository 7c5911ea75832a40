// server/http_status.h: the one place where errors become HTTP responses.
//
// Every error the API returns is JSON: {"error": {"status": 400, "code": "invalid_argument",
// "parameter": "period", "message": "..."}}. `parameter` names the request parameter at fault
// (taken from the library's "--option: ..." message prefix, or given by the server).
#pragma once

#include <string>

#include "core/status.h"

namespace tradestat::server {

/// An error ready to be sent: HTTP status, machine code, the parameter at fault (may be empty).
struct HttpError {
  int http_status = 500;
  std::string code;       // "invalid_argument", "not_found", "timeout", ...
  std::string parameter;  // "period", "top", "format"; empty when no parameter is at fault
  std::string message;
};

/// Status code -> HTTP status: InvalidArgument/Parse 400, NotFound 404, AlreadyExists 409,
/// Unsupported 501, Io/Corruption/Internal 500.
int HttpStatusFor(core::StatusCode code);

/// Convert a library Status (not OK). The parameter is taken from a leading "--name:" in the
/// message, mapped to the API's parameter name; "--" option spellings are rewritten as
/// parameter names so the message reads naturally over HTTP.
HttpError FromStatus(const core::Status& status);

/// A 400 error about one parameter.
HttpError BadParameter(std::string parameter, std::string message);

/// The JSON body of an error (one line, ends with a newline).
std::string ErrorJson(const HttpError& error);

}  // namespace tradestat::server
