// clickhouse/url.h: the store URL
// clickhouse://HOST:PORT/DATABASE[?cluster=NAME&shards=H:P,H:P&user=U&password=P].
//
// PORT is the server's HTTP port. With `cluster`, the data lives in per-shard tables behind a
// Distributed table; `shards` lists each shard's HTTP endpoint (ClickHouse tells only their
// TCP ports, and tables are created shard by shard: no ZooKeeper, no ON CLUSTER).
#pragma once

#include <string>
#include <vector>

#include "core/status.h"

namespace tradestat::clickhouse {

struct Endpoint {
  std::string host;
  int port = 8123;
  std::string ToString() const { return host + ":" + std::to_string(port); }
};

struct StoreUrl {
  std::string text;  // as given
  Endpoint coordinator;
  std::string database;
  std::string cluster;           // empty: a single server, no Distributed table
  std::vector<Endpoint> shards;  // with a cluster: every shard (the coordinator may be one)
  std::string user, password;
};

/// True if `store` names a ClickHouse store (starts with "clickhouse://").
bool IsClickHouseUrl(const std::string& store);
/// InvalidArgument naming what is wrong with the URL.
core::Result<StoreUrl> ParseStoreUrl(const std::string& text);

}  // namespace tradestat::clickhouse
