// python/binding.h: shared pieces of the _tradestat extension: exception types and the error edge.
//
// The library reports failure as core::Status; here a Status becomes a Python exception of the
// family the call belongs to (LoadError, QueryError ...), carrying the CLI's message unchanged and
// the status code name in `.code`. Guard() is the edge: no C++ exception ever leaves a binding.
#pragma once

#include <pybind11/pybind11.h>

#include <exception>
#include <new>
#include <string>

#include "core/status.h"

namespace tradestat::python {

namespace py = pybind11;

/// The exception classes, created once in module.cc (ts.Error and its subclasses).
struct Errors {
  PyObject* error = nullptr;      // Error: base of everything tradestat raises
  PyObject* store = nullptr;      // StoreError: open/init/info
  PyObject* load = nullptr;       // LoadError: load refused (store unchanged)
  PyObject* query = nullptr;      // QueryError: bad request or failed query
  PyObject* bulletin = nullptr;   // BulletinError
  PyObject* reference = nullptr;  // ReferenceError: unknown group, country, bad --at
};
Errors& errors();

/// Raise `type` with status.message() as its text and .code = "InvalidArgument" etc.
[[noreturn]] void Raise(PyObject* type, const core::Status& status);

template <typename T>
T Check(core::Result<T> r, PyObject* type) {
  if (!r.ok()) Raise(type, r.status());
  return std::move(r).value();
}
inline void Check(const core::Status& st, PyObject* type) {
  if (!st.ok()) Raise(type, st);
}

/// Run `f`, turning any escaping C++ exception into a Python exception of `type`.
template <typename F>
auto Guard(PyObject* type, F&& f) -> decltype(f()) {
  try {
    return f();
  } catch (py::error_already_set&) {
    throw;
  } catch (py::builtin_exception&) {
    throw;
  } catch (const std::bad_alloc&) {
    throw;  // pybind11 maps it to MemoryError
  } catch (const std::exception& e) {
    Raise(type, core::Status::Internal(std::string("internal error: ") + e.what()));
  } catch (...) {
    Raise(type, core::Status::Internal("internal error: unknown C++ exception"));
  }
}

void RegisterStore(py::module_& m);
void RegisterReference(py::module_& m);

}  // namespace tradestat::python
