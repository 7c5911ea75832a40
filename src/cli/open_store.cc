// cli/open_store.cc: OpenStoreForReading (cli/open_store.h).
#include "cli/open_store.h"

#include "cli/store_reference.h"
#include "cli/vintage_arg.h"
#include "query/store_source.h"

namespace tradestat::cli {

core::Result<OpenedStore> OpenStoreForReading(const std::string& path, const std::string& as_of) {
  OpenedStore o;
  if (clickhouse::IsClickHouseUrl(path)) {
    // --as-of on a cluster: the segments live at that vintage (rows carry segment and vintage).
    clickhouse::ClickHouseCatalog::VintageOf vintage_of;
    if (!as_of.empty())
      vintage_of = [as_of](const store::DatasetMeta& d) { return ResolveVintage(d, as_of); };
    TRADESTAT_ASSIGN_OR_RETURN(o.cluster, clickhouse::OpenCatalog(path, std::move(vintage_of)));
  } else {
    TRADESTAT_ASSIGN_OR_RETURN(store::Store s, store::Store::Open(path));
    o.embedded = std::make_unique<store::Store>(std::move(s));
    o.embedded_catalog = as_of.empty() ? std::make_unique<query::StoreCatalog>(*o.embedded)
                                       : AsOfCatalog(*o.embedded, as_of);
  }
  if (o.embedded) {
    TRADESTAT_ASSIGN_OR_RETURN(o.reference, LoadStoreReference(*o.embedded));
  } else {
    TRADESTAT_ASSIGN_OR_RETURN(o.reference, LoadStoreReference(path));
  }
  o.lookup = std::make_unique<query::RefdataLookup>(*o.reference);
  return o;
}

}  // namespace tradestat::cli
