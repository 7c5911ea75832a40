// server/store_state.h: the store as the server sees it: one consistent version per request.
//
// StoreHolder::Current() returns a shared StoreVersion: the opened Store (one manifest), its
// query catalog and the reference data for it. Before answering, it stats MANIFEST (device,
// inode, size, mtime in ns); a load or a `ref ... import` commits a new MANIFEST by rename, which
// changes the inode, so the next request opens the new version while requests already running
// keep theirs until they finish (the shared_ptr keeps the mapped segments alive).
//
// Thread safety: Current() may be called from any thread.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "core/status.h"
#include "query/refdata_lookup.h"
#include "query/store_source.h"
#include "refdata/reference.h"
#include "store/store.h"

namespace tradestat::server {

/// Loads the reference data for a store path (built-in + the store's registered files).
using ReferenceLoader = std::function<core::Result<std::shared_ptr<const refdata::Reference>>(
    const std::string& store_path)>;

struct ManifestId {
  uint64_t dev = 0, ino = 0, size = 0;
  int64_t mtime_ns = 0;
  bool operator==(const ManifestId&) const = default;
};

/// One immutable version of the store. Never changes after construction.
struct StoreVersion {
  std::optional<store::Store> store;  // empty for a clickhouse:// store (docs/scale-out.md)
  std::unique_ptr<query::Catalog> catalog;
  std::string info_json;  // GET /api/v1/info: server::StoreInfoJson of this version
  std::string path;       // the STORE argument (directory or clickhouse:// URL)
  std::shared_ptr<const refdata::Reference> reference;
  std::unique_ptr<query::RefdataLookup> lookup;
  ManifestId id;
  uint64_t generation = 0;  // 1, 2, ... one per version opened

  StoreVersion() = default;
  explicit StoreVersion(store::Store s) : store(std::move(s)) {}
};

class StoreHolder {
 public:
  StoreHolder(std::string path, ReferenceLoader loader);

  /// The current version, reopening the store if MANIFEST changed since the last call.
  /// Errors: NotFound/Corruption/Io from Store::Open when the first open fails. When a reopen
  /// fails (a half-written store), the previous version keeps being served.
  core::Result<std::shared_ptr<const StoreVersion>> Current();

  const std::string& path() const { return path_; }

 private:
  core::Result<std::shared_ptr<const StoreVersion>> OpenVersion(const ManifestId& id);

  std::string path_;
  ReferenceLoader loader_;
  std::mutex mu_;  // guards current_ and serialises reopening
  std::shared_ptr<const StoreVersion> current_;
  uint64_t generation_ = 0;
  std::chrono::steady_clock::time_point
      checked_{};  // a clickhouse:// store: last look at its manifest row
};

}  // namespace tradestat::server
