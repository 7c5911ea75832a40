// cli/open_store.h: a STORE argument opened for reading, embedded directory or clickhouse:// URL.
//
// Every command that queries a store (query, bulletin, verify, mirror) opens it through here, so
// a new backend or option (--as-of) reaches all of them at once.
#pragma once

#include <memory>
#include <string>

#include "clickhouse/clickhouse_store.h"
#include "core/status.h"
#include "query/dataset_source.h"
#include "query/refdata_lookup.h"
#include "refdata/reference.h"
#include "store/manifest.h"
#include "store/store.h"

namespace tradestat::cli {

/// An opened store: its catalog, manifest and reference data (built-in plus the store's files).
/// Keep it alive while the catalog is used.
struct OpenedStore {
  std::unique_ptr<store::Store> embedded;                  // null on a cluster
  std::unique_ptr<clickhouse::ClickHouseCatalog> cluster;  // null on an embedded store
  std::unique_ptr<query::Catalog> embedded_catalog;
  std::shared_ptr<const refdata::Reference> reference;
  std::unique_ptr<query::RefdataLookup> lookup;

  const query::Catalog& catalog() const {
    return cluster ? static_cast<const query::Catalog&>(*cluster) : *embedded_catalog;
  }
  const store::Manifest& manifest() const {
    return cluster ? cluster->state().manifest : embedded->manifest();
  }
};

/// Opens `path` (a store directory or a clickhouse:// URL). A non-empty `as_of` shows every
/// dataset as it stood at that vintage or date (`--as-of`, cli/vintage_arg.h).
core::Result<OpenedStore> OpenStoreForReading(const std::string& path,
                                              const std::string& as_of = "");

}  // namespace tradestat::cli
