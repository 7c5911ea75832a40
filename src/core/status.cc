// core/status.cc: names and formatting of Status.
#include "core/status.h"

#include <cstdio>
#include <cstdlib>

namespace tradestat::core {

std::string_view StatusCodeName(StatusCode code) {
  switch (code) {
    case StatusCode::kOk: return "ok";
    case StatusCode::kInvalidArgument: return "invalid argument";
    case StatusCode::kNotFound: return "not found";
    case StatusCode::kParse: return "parse error";
    case StatusCode::kIo: return "i/o error";
    case StatusCode::kCorruption: return "corrupt store";
    case StatusCode::kAlreadyExists: return "already exists";
    case StatusCode::kUnsupported: return "unsupported";
    case StatusCode::kInternal: return "internal error";
  }
  return "unknown";
}

Status Status::WithContext(std::string_view context) const {
  if (ok()) return *this;
  std::string m(context);
  m += ": ";
  m += message_;
  return Status(code_, std::move(m));
}

std::string Status::ToString() const {
  if (ok()) return "ok";
  return message_;
}

}  // namespace tradestat::core

namespace tradestat::core::internal {

void DcheckFailed(const char* cond, const char* file, int line) {
  std::fprintf(stderr, "%s:%d: TRADESTAT_DCHECK failed: %s\n", file, line, cond);
  std::abort();
}

}  // namespace tradestat::core::internal
