// cli/store_reference.cc: builtin reference data + the store's registered reference files.
#include "cli/store_reference.h"

#include <set>

#include "store/reference_files.h"
#include "store/store.h"

namespace tradestat::cli {

core::Result<std::shared_ptr<const refdata::Reference>> LoadStoreReference(
    const std::string& store_path) {
  auto store = store::Store::Open(store_path);
  if (!store.ok())
    return std::shared_ptr<const refdata::Reference>(&refdata::Reference::Builtin(),
                                                     [](const refdata::Reference*) {});
  return LoadStoreReference(*store);
}

core::Result<std::shared_ptr<const refdata::Reference>> LoadStoreReference(
    const store::Store& store) {
  auto builtin = std::shared_ptr<const refdata::Reference>(&refdata::Reference::Builtin(),
                                                           [](const refdata::Reference*) {});
  if (store.manifest().reference_files.empty()) return builtin;
  std::set<std::string> kinds;
  for (const auto& meta : store.manifest().reference_files) kinds.insert(meta.kind);
  std::vector<refdata::ReferenceFile> files;  // per kind, oldest first: later files override
  for (const auto& kind : kinds) {
    TRADESTAT_ASSIGN_OR_RETURN(auto contents, store::ReadReferenceFiles(store, kind));
    for (auto& [meta, text] : contents)
      files.push_back({meta.kind, meta.source_name, std::move(text)});
  }
  return refdata::Reference::WithOverrides(files);
}

}  // namespace tradestat::cli
