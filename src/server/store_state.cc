// server/store_state.cc: detects a new MANIFEST and opens the new version once.
#include "server/store_state.h"

#include <sys/stat.h>

namespace tradestat::server {
namespace {

bool StatManifest(const std::string& store_path, ManifestId& id) {
  struct stat st{};
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
  TRADESTAT_ASSIGN_OR_RETURN(store::Store s, store::Store::Open(path_));
  auto v = std::make_shared<StoreVersion>(std::move(s));
  v->catalog = std::make_unique<query::StoreCatalog>(v->store);
  if (loader_) {
    TRADESTAT_ASSIGN_OR_RETURN(v->reference, loader_(path_));
  } else {
    v->reference = std::shared_ptr<const refdata::Reference>(&refdata::Reference::Builtin(),
                                                             [](const refdata::Reference*) {});
  }
  v->lookup = std::make_unique<query::RefdataLookup>(*v->reference);
  v->id = id;
  v->generation = ++generation_;
  return std::shared_ptr<const StoreVersion>(std::move(v));
}

core::Result<std::shared_ptr<const StoreVersion>> StoreHolder::Current() {
  ManifestId id;
  bool have_id = StatManifest(path_, id);
  std::lock_guard<std::mutex> lock(mu_);
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
