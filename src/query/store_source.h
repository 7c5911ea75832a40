// query/store_source.h: Catalog and DatasetSource over a store::Store (the normal case).
#pragma once

#include <map>
#include <memory>
#include <mutex>

#include "query/dataset_source.h"
#include "store/store.h"

namespace tradestat::query {

/// Snapshots are opened once per dataset name and cached (a Store shows one manifest version),
/// so repeated queries reuse mapped and verified segments. Thread-safe.
class StoreCatalog : public Catalog {
 public:
  /// `store` must outlive this catalog and the sources it opens.
  explicit StoreCatalog(const store::Store& store) : store_(store) {}
  core::Result<std::string> DefaultDataset() const override;
  core::Result<std::shared_ptr<const DatasetSource>> Open(const std::string& name) const override;

 private:
  const store::Store& store_;
  mutable std::mutex mu_;
  mutable std::map<std::string, std::shared_ptr<const DatasetSource>> open_;
};

/// A DatasetSource over one snapshot.
std::shared_ptr<const DatasetSource> SnapshotSource(
    std::shared_ptr<const store::DatasetSnapshot> snapshot);

}  // namespace tradestat::query
