// server/store_state.cc: detects a new MANIFEST and opens the new version once.
#include "server/store_state.h"

#include "clickhouse/clickhouse_store.h"
#include "server/store_info.h"

#include <sys/stat.h>

namespace tradestat::server {
namespace {

bool StatManifest(const std::string& store_path, ManifestId& id) {
  struct stat st {};
  if (::stat((store_path + "/MANIFEST").c_str(), &st) != 0) return false;
  id.dev = st.st_dev;
  id.ino = st.st_ino;
  id.size = static_cast<uint64_t>(st.st_size);
  id.mtime_ns = static_cast<int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec;
  return true;
}

}  // namespace

StoreHolder::StoreHolder(std::string path, ReferenceLoader loader)
    : path_(std::move(path)), loader_(std::move(loader)) {}

core::Result<std::shared_ptr<const StoreVersion>> StoreHolder::OpenVersion(const ManifestId& id) {
  // The id is read before the manifest: if a commit lands in between, we hold the newer content
  // under the older id and simply reopen once more on the next request.
  std::shared_ptr<StoreVersion> v;
  if (clickhouse::IsClickHouseUrl(path_)) {  // the cluster's committed manifest row
    TRADESTAT_ASSIGN_OR_RETURN(auto catalog, clickhouse::OpenCatalog(path_));
    TRADESTAT_ASSIGN_OR_RETURN(uint64_t bytes, clickhouse::StoredBytes(path_));
    TRADESTAT_ASSIGN_OR_RETURN(clickhouse::StoreUrl url, clickhouse::ParseStoreUrl(path_));
    v = std::make_shared<StoreVersion>();
    v->info_json = StoreInfoJson(url.database, catalog->state().manifest, bytes);
    v->catalog = std::move(catalog);
  } else {
    TRADESTAT_ASSIGN_OR_RETURN(store::Store s, store::Store::Open(path_));
    v = std::make_shared<StoreVersion>(std::move(s));
    v->catalog = std::make_unique<query::StoreCatalog>(*v->store);
    v->info_json = StoreInfoJson(*v->store);
  }
  if (loader_) {
    TRADESTAT_ASSIGN_OR_RETURN(v->reference, loader_(path_));
  } else {
    v->reference = std::shared_ptr<const refdata::Reference>(&refdata::Reference::Builtin(),
                                                             [](const refdata::Reference*) {});
  }
  v->lookup = std::make_unique<query::RefdataLookup>(*v->reference);
  v->path = path_;
  v->id = id;
  v->generation = ++generation_;
  return std::shared_ptr<const StoreVersion>(std::move(v));
}

core::Result<std::shared_ptr<const StoreVersion>> StoreHolder::Current() {
  ManifestId id;
  bool have_id = StatManifest(path_, id);
  std::lock_guard<std::mutex> lock(mu_);
  if (clickhouse::IsClickHouseUrl(path_)) {
    // No file to stat: look at the cluster's newest commit at most once a second.
    auto now = std::chrono::steady_clock::now();
    if (current_ && now - checked_ < std::chrono::seconds(1)) return current_;
    checked_ = now;
    auto store = clickhouse::ClickHouseStore::Connect(path_);
    auto state =
        store.ok() ? (*store)->ReadState() : core::Result<clickhouse::State>(store.status());
    if (!state.ok()) {
      if (current_) return current_;
      return state.status();
    }
    id.size = state->generation;
    have_id = true;
  }
  if (current_ && (!have_id || current_->id == id)) return current_;
  auto opened = OpenVersion(id);
  if (!opened.ok()) {
    if (current_) return current_;  // keep serving the last good version
    return opened.status();
  }
  current_ = *opened;
  return current_;
}

}  // namespace tradestat::server
