// core/status.h: Status and Result<T>, the one way tradestat functions report failure.
//
// We don't throw: functions that can fail return Status or Result<T> (the Arrow/Abseil shape).
// Messages say what and where ("trade.csv:1042:8: value_cny: not a number"); callers add context
// on the way up with Status::WithContext. Exceptions from the standard library are caught only at
// the program's edges (cli::Run, the HTTP handler).
#pragma once

#include <cassert>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace tradestat::core {

enum class StatusCode {
  kOk = 0,
  kInvalidArgument,  // the user asked for something malformed (bad option, bad period)
  kNotFound,         // a named thing (dataset, group, file) does not exist
  kParse,            // input data could not be read (CSV rows, reference files)
  kIo,               // the operating system refused (open, write, fsync, rename)
  kCorruption,       // a store file is damaged or foreign
  kAlreadyExists,    // e.g. a file whose content is already loaded
  kUnsupported,      // a valid request we do not implement
  kInternal,         // a bug: an invariant did not hold
};

std::string_view StatusCodeName(StatusCode code);

class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(StatusCode code, std::string message) : code_(code), message_(std::move(message)) {}

  static Status Ok() { return Status(); }
  static Status InvalidArgument(std::string m) {
    return {StatusCode::kInvalidArgument, std::move(m)};
  }
  static Status NotFound(std::string m) { return {StatusCode::kNotFound, std::move(m)}; }
  static Status Parse(std::string m) { return {StatusCode::kParse, std::move(m)}; }
  static Status Io(std::string m) { return {StatusCode::kIo, std::move(m)}; }
  static Status Corruption(std::string m) { return {StatusCode::kCorruption, std::move(m)}; }
  static Status AlreadyExists(std::string m) { return {StatusCode::kAlreadyExists, std::move(m)}; }
  static Status Unsupported(std::string m) { return {StatusCode::kUnsupported, std::move(m)}; }
  static Status Internal(std::string m) { return {StatusCode::kInternal, std::move(m)}; }

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }

  /// Return a copy whose message is "context: message" (context added on the way up).
  Status WithContext(std::string_view context) const;
  std::string ToString() const;

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
};

/// A value or the Status that explains why there is none.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}        // NOLINT: implicit by design, like arrow::Result
  Result(Status status) : v_(std::move(status)) {  // NOLINT
    assert(!std::get<Status>(v_).ok() && "Result constructed from an OK status");
  }

  bool ok() const { return std::holds_alternative<T>(v_); }
  const Status& status() const {
    static const Status kOk;
    return ok() ? kOk : std::get<Status>(v_);
  }
  T& value() & { return std::get<T>(v_); }
  const T& value() const& { return std::get<T>(v_); }
  T&& value() && { return std::get<T>(std::move(v_)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T ValueOr(T fallback) const { return ok() ? value() : std::move(fallback); }

 private:
  std::variant<T, Status> v_;
};

}  // namespace tradestat::core

#define TRADESTAT_CONCAT_INNER(a, b) a##b
#define TRADESTAT_CONCAT(a, b) TRADESTAT_CONCAT_INNER(a, b)

/// Return the Status from the enclosing function if `expr` failed.
#define TRADESTAT_RETURN_IF_ERROR(expr)     \
  do {                                      \
    ::tradestat::core::Status _st = (expr); \
    if (!_st.ok()) return _st;              \
  } while (0)

#define TRADESTAT_ASSIGN_OR_RETURN_IMPL(tmp, lhs, expr) \
  auto tmp = (expr);                                    \
  if (!tmp.ok()) return tmp.status();                   \
  lhs = std::move(tmp).value()

/// `TRADESTAT_ASSIGN_OR_RETURN(auto x, MakeX());` declares x or returns the failure.
#define TRADESTAT_ASSIGN_OR_RETURN(lhs, expr) \
  TRADESTAT_ASSIGN_OR_RETURN_IMPL(TRADESTAT_CONCAT(_result_, __LINE__), lhs, expr)

namespace tradestat::core::internal {
/// Prints "file:line: TRADESTAT_DCHECK failed: cond" to stderr and aborts.
[[noreturn]] void DcheckFailed(const char* cond, const char* file, int line);
}  // namespace tradestat::core::internal

/// For programmer mistakes only, never for user input. Checked in builds without NDEBUG (Debug,
/// the sanitizer build of tools/bootstrap.sh test): a failure names the condition and aborts.
/// In Release the condition is not evaluated (it must have no side effects).
#ifdef NDEBUG
#define TRADESTAT_DCHECK(cond) static_cast<void>(sizeof(!(cond)))
#else
#define TRADESTAT_DCHECK(cond)   \
  ((cond) ? static_cast<void>(0) \
          : ::tradestat::core::internal::DcheckFailed(#cond, __FILE__, __LINE__))
#endif
