// python/store_binding.cc: _tradestat.Store: open/init, load, query, bulletin, info.
//
// Each method does what the matching CLI command does, with the same library calls
// (ingest::LoadFiles, query::Execute + query::ToJson, bulletin::BuildBulletin + Render,
// server::StoreInfoJson), so results and messages are the CLI's. Results cross into Python as the
// CLI's text (exact decimals); tradestat/_frames.py builds DataFrames from it. The GIL is released
// while the engine works. A Store keeps its opened snapshots (mapped, verified segments) between
// calls and reopens itself when the store's MANIFEST changes (a load from here or elsewhere).
#include <sys/stat.h>

#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <memory>
#include <mutex>
#include <string>
#include <tuple>
#include <vector>

#include <fmt/format.h>

#include "bulletin/bulletin.h"
#include "cli/store_reference.h"
#include "cli/vintage_arg.h"
#include "core/file.h"
#include "core/strings.h"
#include "ingest/loader.h"
#include "python/binding.h"
#include "query/engine.h"
#include "query/json.h"
#include "query/refdata_lookup.h"
#include "query/store_source.h"
#include "server/store_info.h"
#include "store/store.h"
#include "store/store_paths.h"

namespace tradestat::python {
namespace {

// Identity of the MANIFEST file: a commit replaces it by rename, so the inode changes.
using ManifestId = std::tuple<dev_t, ino_t, int64_t, int64_t, off_t>;
ManifestId StatManifest(const std::string& root) {
  struct stat st {};
  if (::stat(store::ManifestPath(root).c_str(), &st) != 0) return {};
  return {st.st_dev, st.st_ino, static_cast<int64_t>(st.st_mtim.tv_sec),
          static_cast<int64_t>(st.st_mtim.tv_nsec), st.st_size};
}

// One opened version of the store with its reference data and snapshot cache.
struct State {
  State(store::Store s, std::shared_ptr<const refdata::Reference> r, ManifestId id)
      : store(std::move(s)),
        reference(std::move(r)),
        lookup(*reference),
        catalog(store),
        manifest_id(id) {}
  store::Store store;
  std::shared_ptr<const refdata::Reference> reference;
  query::RefdataLookup lookup;
  query::StoreCatalog catalog;
  ManifestId manifest_id;
};

core::Result<std::shared_ptr<const State>> OpenState(const std::string& path) {
  ManifestId id = StatManifest(path);
  TRADESTAT_ASSIGN_OR_RETURN(auto s, store::Store::Open(path));
  TRADESTAT_ASSIGN_OR_RETURN(auto ref, cli::LoadStoreReference(path));
  return std::shared_ptr<const State>(std::make_shared<State>(std::move(s), std::move(ref), id));
}

std::string Str(const py::handle& v, const char* key) {
  if (!py::isinstance<py::str>(v)) throw py::type_error(fmt::format("{}: expected a str", key));
  return v.cast<std::string>();
}

std::vector<std::string> StrList(const py::handle& v, const char* key) {
  if (py::isinstance<py::str>(v)) return {v.cast<std::string>()};
  std::vector<std::string> out;
  for (const auto& item : v) out.push_back(Str(item, key));
  return out;
}

// Python keyword arguments -> QueryRequest (the CLI options without their dashes).
query::QueryRequest ToRequest(const py::dict& kw) {
  query::QueryRequest r = query::QueryRequest::Defaults();
  for (const auto& [k, v] : kw) {
    std::string key = k.cast<std::string>();
    if (v.is_none()) continue;
    if (key == "dataset")
      r.dataset = Str(v, "dataset");
    else if (key == "period")
      r.period = Str(v, "period");
    else if (key == "compare")
      r.compare = Str(v, "compare");
    else if (key == "reporter")
      r.reporter = Str(v, "reporter");
    else if (key == "flow")
      r.flow = Str(v, "flow");
    else if (key == "where")
      r.where = StrList(v, "where");
    else if (key == "by")
      r.by = StrList(v, "by");
    else if (key == "units")
      r.units = StrList(v, "units");
    else if (key == "currency")
      r.currency = Str(v, "currency");
    else if (key == "benchmark")
      r.benchmark = Str(v, "benchmark");
    else if (key == "sort")
      r.sort = Str(v, "sort");
    else if (key == "lang")
      r.lang = Str(v, "lang");
    else if (key == "top") {
      if (!py::isinstance<py::int_>(v) || py::isinstance<py::bool_>(v))
        throw py::type_error("top: expected an int");
      long long top = v.cast<long long>();
      if (top < 0 || top > 999999999)
        Raise(errors().query,
              core::Status::InvalidArgument(
                  fmt::format("--top: \"{}\"; accepted: a whole number >= 0 (0 = all rows)", top)));
      r.top = static_cast<int>(top);
    } else {
      throw py::type_error(fmt::format("query() got an unexpected keyword argument '{}'", key));
    }
  }
  return r;
}

core::Result<query::Lang> ParseLang(const std::string& text) {
  std::string lang = core::ToLower(text);
  if (lang == "en") return query::Lang::kEn;
  if (lang == "zh" || lang == "cn") return query::Lang::kZh;
  return core::Status::InvalidArgument(fmt::format("--lang: \"{}\"; accepted: en, zh", text));
}

class PyStore {
 public:
  explicit PyStore(std::shared_ptr<const State> state)
      : path_(state->store.path()), state_(std::move(state)) {}

  static std::shared_ptr<PyStore> Open(const std::string& path) {
    return Guard(errors().store, [&] {
      std::shared_ptr<const State> st;
      core::Status err;
      {
        py::gil_scoped_release nogil;
        auto r = OpenState(path);
        if (r.ok())
          st = *r;
        else
          err = r.status();
      }
      Check(err, errors().store);
      return std::make_shared<PyStore>(st);
    });
  }

  static std::shared_ptr<PyStore> Init(const std::string& path) {
    Guard(errors().store, [&] { Check(store::Store::Create(path), errors().store); });
    return Open(path);
  }

  const std::string& path() const { return path_; }

  // Reopen the store now (normally automatic when its MANIFEST changes).
  void Refresh() {
    Guard(errors().store, [&] {
      std::shared_ptr<const State> st;
      core::Status err;
      {
        py::gil_scoped_release nogil;
        auto r = OpenState(path_);
        if (r.ok())
          st = *r;
        else
          err = r.status();
      }
      Check(err, errors().store);
      std::lock_guard<std::mutex> lock(mu_);
      state_ = st;
    });
  }

  std::vector<std::string> Datasets() { return Current()->store.DatasetNames(); }

  py::dict Load(const std::vector<std::string>& files, const std::string& dataset,
                const std::string& format, bool replace, bool append, bool dry_run,
                const std::string& flow, const std::string& period) {
    return Guard(errors().load, [&] {
      ingest::LoadOptions o;
      o.store_path = path_;
      o.dataset = dataset;
      o.files = files;
      o.replace = replace;
      o.append = append;
      o.dry_run = dry_run;
      o.progress = false;
      auto f = ingest::ParseInputFormat(format);
      if (!f.ok()) Raise(errors().load, core::Status::InvalidArgument(f.status().message()));
      o.format = *f;
      o.format_options.flow = flow;
      o.format_options.period = period;
      core::Result<ingest::LoadReport> report = core::Status::Internal("not run");
      {
        py::gil_scoped_release nogil;
        auto reference = cli::LoadStoreReference(path_);
        if (!reference.ok())
          report = reference.status();
        else
          report = ingest::LoadFiles(o, **reference);
      }
      ingest::LoadReport r = Check(std::move(report), errors().load);
      if (!dry_run) Refresh();
      py::list file_list;
      for (const auto& lf : r.files) {
        py::dict d;
        d["name"] = lf.name;
        d["rows"] = lf.rows;
        d["bytes"] = lf.bytes;
        d["content_hash"] = lf.content_hash;
        d["format"] = lf.format;
        d["classification"] = lf.classification;
        py::dict treatment;
        for (const auto& [k, n] : lf.treatment) treatment[py::str(k)] = n;
        d["treatment"] = treatment;
        file_list.append(d);
      }
      py::dict out;
      out["dataset"] = dataset;
      out["rows"] = r.rows;
      out["bytes"] = r.bytes;
      out["seconds"] = r.seconds;
      out["vintage"] = r.vintage;
      out["dry_run"] = dry_run;
      out["replace"] = replace;
      out["append"] = append;
      out["files"] = file_list;
      out["periods"] = r.periods;
      out["currencies"] = r.currencies;
      out["warnings"] = r.warnings;
      return out;
    });
  }

  // `tradestat query STORE ... --format json`, byte for byte.
  std::string QueryJson(const py::dict& kw, const std::string& as_of, int threads) {
    return Guard(errors().query, [&] {
      query::QueryRequest request = ToRequest(kw);
      auto st = Current();
      core::Result<std::string> text = core::Status::Internal("not run");
      {
        py::gil_scoped_release nogil;
        std::unique_ptr<query::Catalog> as_of_catalog;
        if (!as_of.empty()) as_of_catalog = cli::AsOfCatalog(st->store, as_of);
        const query::Catalog& catalog =
            as_of.empty() ? static_cast<const query::Catalog&>(st->catalog) : *as_of_catalog;
        query::ExecuteOptions exec;
        exec.threads = threads;
        auto result = query::Execute(request, catalog, st->lookup, exec);
        if (!result.ok())
          text = result.status();
        else
          text = query::ToJson(*result);
      }
      return Check(std::move(text), errors().query);
    });
  }

  // `tradestat bulletin STORE ... --format F [--spec FILE]`.
  std::string Bulletin(const py::dict& kw, const std::string& lang, const std::string& format,
                       const std::string& spec_path) {
    return Guard(errors().bulletin, [&] {
      bulletin::BulletinRequest r = bulletin::BulletinRequest::Defaults();
      r.store_path = path_;
      for (const auto& [k, v] : kw) {
        std::string key = k.cast<std::string>();
        if (v.is_none()) continue;
        if (key == "dataset")
          r.dataset = Str(v, "dataset");
        else if (key == "reporter")
          r.reporter = Str(v, "reporter");
        else if (key == "period")
          r.period = Str(v, "period");
        else if (key == "benchmark")
          r.benchmark = Str(v, "benchmark");
        else if (key == "issuer")
          r.issuer = Str(v, "issuer");
        else if (key == "date")
          r.date = Str(v, "date");
        else if (key == "allow_partial")
          r.allow_partial = v.cast<bool>();
        else
          throw py::type_error(
              fmt::format("bulletin() got an unexpected keyword argument '{}'", key));
      }
      r.lang = Check(ParseLang(lang), errors().bulletin);
      bulletin::Format fmt_kind = Check(bulletin::ParseFormat(format), errors().bulletin);
      core::Result<bulletin::BulletinSpec> spec = bulletin::BulletinSpec::Default();
      if (!spec_path.empty()) {
        auto text = core::ReadFileToString(spec_path);
        if (!text.ok()) Raise(errors().bulletin, text.status().WithContext("--spec"));
        spec = bulletin::BulletinSpec::Parse(*text, spec_path);
      }
      Check(spec.status(), errors().bulletin);
      auto st = Current();
      core::Result<std::string> out = core::Status::Internal("not run");
      {
        py::gil_scoped_release nogil;
        auto b = bulletin::BuildBulletin(r, *spec, st->catalog, st->lookup);
        if (!b.ok())
          out = b.status();
        else
          out = bulletin::Render(*b, fmt_kind);
      }
      return Check(std::move(out), errors().bulletin);
    });
  }

  // `tradestat info STORE --json`.
  std::string InfoJson() {
    return Guard(errors().store, [&] {
      auto st = Current();
      py::gil_scoped_release nogil;
      return server::StoreInfoJson(st->store);
    });
  }

  // The store's reference data (built-in plus files registered in the store).
  std::shared_ptr<const refdata::Reference> Reference() { return Current()->reference; }

 private:
  std::shared_ptr<const State> Current() {
    std::shared_ptr<const State> st;
    {
      std::lock_guard<std::mutex> lock(mu_);
      st = state_;
    }
    if (StatManifest(path_) != st->manifest_id) {
      Refresh();
      std::lock_guard<std::mutex> lock(mu_);
      st = state_;
    }
    return st;
  }

  std::string path_;
  std::mutex mu_;
  std::shared_ptr<const State> state_;
};

}  // namespace

py::object MakeReference(std::shared_ptr<const refdata::Reference> ref);  // ref_binding.cc

void RegisterStore(py::module_& m) {
  py::class_<PyStore, std::shared_ptr<PyStore>>(m, "Store")
      .def_static("open", &PyStore::Open, py::arg("path"))
      .def_static("init", &PyStore::Init, py::arg("path"))
      .def_property_readonly("path", &PyStore::path)
      .def("refresh", &PyStore::Refresh)
      .def("datasets", &PyStore::Datasets)
      .def("load", &PyStore::Load, py::arg("files"), py::arg("dataset"), py::arg("format") = "auto",
           py::arg("replace") = false, py::arg("append") = false, py::arg("dry_run") = false,
           py::arg("flow") = "", py::arg("period") = "")
      .def("query_json", &PyStore::QueryJson, py::arg("request"), py::arg("as_of") = "",
           py::arg("threads") = 0)
      .def("bulletin", &PyStore::Bulletin, py::arg("request"), py::arg("lang") = "en",
           py::arg("format") = "text", py::arg("spec") = "")
      .def("info_json", &PyStore::InfoJson)
      .def("reference", [](PyStore& s) { return MakeReference(s.Reference()); });
}

}  // namespace tradestat::python
