// python/module.cc: the _tradestat extension module: exception classes and registration.
//
// A thin layer over the libraries the CLI calls (docs/python.md); the DataFrames are built by the
// pure-Python package tradestat/ from the same JSON the CLI prints.
#include <pybind11/pybind11.h>

#include "core/status.h"
#include "python/binding.h"

namespace tradestat::python {

Errors& errors() {
  static Errors e;
  return e;
}

// The status kind as a Python identifier-like string (exc.code).
const char* CodeName(core::StatusCode code) {
  switch (code) {
    case core::StatusCode::kOk: return "ok";
    case core::StatusCode::kInvalidArgument: return "invalid_argument";
    case core::StatusCode::kNotFound: return "not_found";
    case core::StatusCode::kParse: return "parse";
    case core::StatusCode::kIo: return "io";
    case core::StatusCode::kCorruption: return "corruption";
    case core::StatusCode::kAlreadyExists: return "already_exists";
    case core::StatusCode::kUnsupported: return "unsupported";
    case core::StatusCode::kInternal: return "internal";
  }
  return "unknown";
}

void Raise(PyObject* type, const core::Status& status) {
  py::object cls = py::reinterpret_borrow<py::object>(type);
  py::object exc = cls(status.message());
  exc.attr("code") = py::str(CodeName(status.code()));
  PyErr_SetObject(type, exc.ptr());
  throw py::error_already_set();
}

namespace {

PyObject* NewError(py::module_& m, const char* name, PyObject* base, const char* doc) {
  std::string qualified = std::string("tradestat.") + name;
  PyObject* type = PyErr_NewExceptionWithDoc(qualified.c_str(), doc, base, nullptr);
  if (type == nullptr) throw py::error_already_set();
  Py_INCREF(type);  // kept for the life of the process (errors())
  m.add_object(name, py::reinterpret_borrow<py::object>(type));
  return type;
}

}  // namespace

void InitModule(py::module_& m) {
  m.doc() = "tradestat engine bindings (use the `tradestat` package, not this module)";
  Errors& e = errors();
  e.error =
      NewError(m, "Error", PyExc_Exception,
               "Base of every tradestat error; str() is the CLI's message, .code the status kind.");
  e.store = NewError(m, "StoreError", e.error, "A store could not be created, opened or read.");
  e.load = NewError(m, "LoadError", e.error,
                    "A load was refused (FILE:LINE:COLUMN: ...); nothing was written.");
  e.query =
      NewError(m, "QueryError", e.error, "A query request was invalid or could not be answered.");
  e.bulletin = NewError(m, "BulletinError", e.error, "A bulletin could not be written.");
  e.reference =
      NewError(m, "ReferenceError", e.error, "Unknown reference item or bad lookup argument.");
  RegisterStore(m);
  RegisterReference(m);
}

}  // namespace tradestat::python

PYBIND11_MODULE(_tradestat, m) { tradestat::python::InitModule(m); }
