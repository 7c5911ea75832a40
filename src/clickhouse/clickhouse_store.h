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
  ClickHouseCatalog(std::shared_ptr<const ClickHouseStore> store, State state)
      : store_(std::move(store)), state_(std::move(state)) {}
  core::Result<std::string> DefaultDataset() const override;
  core::Result<std::shared_ptr<const query::DatasetSource>> Open(const std::string& name) const override;
  const State& state() const { return state_; }

 private:
  std::shared_ptr<const ClickHouseStore> store_;
  State state_;
};

/// Compile the cube of a bound query into one GROUP BY (exposed for tests and docs).
/// `segment_ids[i]` are the store segments behind view i; views are one per period.
std::string CubeSql(const ClickHouseStore& store, const std::string& dataset, const query::CubeSpec& spec,
                    const std::vector<store::SegmentView>& views,
                    const std::vector<std::vector<uint64_t>>& segment_ids);

}  // namespace tradestat::clickhouse

namespace tradestat::clickhouse {

/// Connect and read the committed state: what a command holding a STORE URL queries.
core::Result<std::unique_ptr<ClickHouseCatalog>> OpenCatalog(const std::string& url);

}  // namespace tradestat::clickhouse

namespace tradestat::clickhouse {

/// `tradestat init clickhouse://...`.
core::Status InitStore(const std::string& url);

}  // namespace tradestat::clickhouse
