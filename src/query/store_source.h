// query/store_source.h: Catalog and DatasetSource over a store::Store (the normal case).
#pragma once

#include <memory>

#include "query/dataset_source.h"
#include "store/store.h"

namespace tradestat::query {

class StoreCatalog : public Catalog {
 public:
  /// `store` must outlive this catalog and the sources it opens.
  explicit StoreCatalog(const store::Store& store) : store_(store) {}
  core::Result<std::string> DefaultDataset() const override;
  core::Result<std::shared_ptr<const DatasetSource>> Open(const std::string& name) const override;

 private:
  const store::Store& store_;
};

/// A DatasetSource over one snapshot.
std::shared_ptr<const DatasetSource> SnapshotSource(std::shared_ptr<const store::DatasetSnapshot> snapshot);

}  // namespace tradestat::query
