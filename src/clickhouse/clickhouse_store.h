// clickhouse/clickhouse_store.h: a tradestat store kept in ClickHouse (one server or a cluster).
//
// Layout (docs/scale-out.md): per shard a MergeTree table `trade_local` (partitioned by month,
// ordered by dataset, period, reporter, partner, commodity; money as Int64 minor units, one
// column per currency; dimensions as dataset dictionary codes), over the cluster a Distributed
// table `trade`, and on the coordinator `tradestat_manifest`: one row per commit holding the
// store::Manifest text (datasets, vintages, input files with hashes and treatment counts,
// segments with their totals) and the dictionaries. Inserting that row is the commit point:
// rows whose `segment` id no committed manifest lists are invisible, and the next writer
// deletes them (ids at or above the manifest's next_file_id).
#pragma once

#include <array>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "clickhouse/client.h"
#include "clickhouse/url.h"
#include "core/status.h"
#include "query/dataset_source.h"
#include "store/manifest.h"
#include "store/types.h"

namespace tradestat::clickhouse {

/// The committed state: the newest manifest row.
struct State {
  uint64_t generation = 0;  // 0 = nothing committed yet
  store::Manifest manifest;
  /// dataset -> per store::Dim, the dictionary values (code = index).
  std::map<std::string, std::array<std::vector<std::string>, store::kDimCount>> dictionaries;
};

class ClickHouseStore {
 public:
  static core::Result<std::shared_ptr<ClickHouseStore>> Connect(const std::string& url);
  const StoreUrl& url() const { return url_; }
  const Client& coordinator() const { return coordinator_; }
  const std::vector<Client>& shards() const { return shards_; }
  /// The table queries read: the Distributed one with a cluster, else the local one.
  std::string ReadTable() const;
  std::string LocalTable() const { return url_.database + ".trade_local"; }
  std::string ManifestTable() const { return url_.database + ".tradestat_manifest"; }

  /// `tradestat init`: the database and tables on every shard (AlreadyExists if initialised).
  core::Status Init() const;
  /// NotFound (saying to run init) when the store was never initialised.
  core::Result<State> ReadState() const;
  /// Insert the next manifest row (the commit point).
  core::Status Commit(const State& next) const;
  /// Remove rows of loads that never committed (segment >= next_file_id) on every shard and
  /// wait until ClickHouse has applied the deletion.
  core::Status RemoveUncommitted(const State& state) const;
  /// Run `sql` on the coordinator, rewording a failed distributed read so it names the cluster.
  core::Result<std::string> ReadQuery(const std::string& sql) const;

 private:
  std::string ManifestExistsSql() const;
  StoreUrl url_;
  Client coordinator_{{}, {}, {}};
  std::vector<Client> shards_;
};

/// Catalog over the committed state read once at construction (like store::Store::Open).
class ClickHouseCatalog : public query::Catalog {
 public:
  /// Which vintage of a dataset to show (--as-of); unset = the current one.
  using VintageOf = std::function<core::Result<uint32_t>(const store::DatasetMeta&)>;
  ClickHouseCatalog(std::shared_ptr<const ClickHouseStore> store, State state,
                    VintageOf vintage_of = {})
      : store_(std::move(store)), state_(std::move(state)), vintage_of_(std::move(vintage_of)) {}
  core::Result<std::string> DefaultDataset() const override;
  core::Result<std::shared_ptr<const query::DatasetSource>> Open(
      const std::string& name) const override;
  const State& state() const { return state_; }

 private:
  std::shared_ptr<const ClickHouseStore> store_;
  State state_;
  VintageOf vintage_of_;
};

/// Compile the cube of a bound query into one GROUP BY (exposed for tests and docs).
/// `segment_ids[i]` are the store segments behind view i; views are one per period.
std::string CubeSql(const ClickHouseStore& store, const std::string& dataset,
                    const query::CubeSpec& spec, const std::vector<store::SegmentView>& views,
                    const std::vector<std::vector<uint64_t>>& segment_ids);

}  // namespace tradestat::clickhouse

namespace tradestat::clickhouse {

/// Connect and read the committed state: what a command holding a STORE URL queries.
core::Result<std::unique_ptr<ClickHouseCatalog>> OpenCatalog(
    const std::string& url, ClickHouseCatalog::VintageOf vintage_of = {});

}  // namespace tradestat::clickhouse

namespace tradestat::clickhouse {

/// `tradestat init clickhouse://...`.
core::Status InitStore(const std::string& url);
/// Every row of `dataset` live at `vintage` summed by (period, flow, reporter, partner, commodity,
/// trade mode, enterprise type) as text, one exact sum per currency: cli::CollectCells computed
/// by the cluster (for `tradestat diff`).
using CellMap = std::map<std::array<std::string, 7>, std::vector<__int128>>;
core::Result<CellMap> CollectCells(const std::string& url, const State& state,
                                   const std::string& dataset, uint32_t vintage);
/// Bytes of the store's tables on every shard (system.parts), for `info --json`'s disk_bytes.
core::Result<uint64_t> StoredBytes(const std::string& url);

}  // namespace tradestat::clickhouse
