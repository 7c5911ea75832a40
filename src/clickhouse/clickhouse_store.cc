// clickhouse/clickhouse_store.cc: tables, the manifest row, and the query backend over them.
#include "clickhouse/clickhouse_store.h"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <set>
#include <thread>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace tradestat::clickhouse {
namespace {

using core::Status;

std::string FactColumns() {
  std::string cols =
      "dataset String, segment UInt64, vintage UInt32, period Int32, flow UInt8, reporter UInt32, "
      "partner UInt32, commodity UInt32, trade_mode UInt32, enterprise_type UInt32, unit UInt32, "
      "quantity Int64";
  for (int i = 0; i < store::kMaxCurrencies; ++i) cols += fmt::format(", value{} Int64", i);
  return cols;
}

core::Result<int64_t> ParseInt(std::string_view s, std::string_view what) {
  int64_t v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size())
    return Status::Corruption(
        fmt::format("ClickHouse answered \"{}\" where {} was expected", s, what));
  return v;
}

core::Period FirstMonth(core::Period p) {
  return p.is_annual() ? core::Period::Month(p.year(), 1) : p;
}
core::Period LastMonth(core::Period p) {
  return p.is_annual() ? core::Period::Month(p.year(), 12) : p;
}
bool InRange(core::Period p, core::Period from, core::Period to) {  // as store::DatasetSnapshot
  from = FirstMonth(from);
  to = LastMonth(to);
  if (p.is_annual()) return from <= FirstMonth(p) && LastMonth(p) <= to;
  return from <= p && p <= to;
}

std::string ColumnOf(store::Dim d) {
  switch (d) {
    case store::Dim::kReporter: return "reporter";
    case store::Dim::kPartner: return "partner";
    case store::Dim::kCommodity: return "commodity";
    case store::Dim::kTradeMode: return "trade_mode";
    case store::Dim::kEnterpriseType: return "enterprise_type";
    case store::Dim::kUnit: return "unit";
  }
  return "partner";
}

// One dataset of the committed state, answering cubes with one GROUP BY on the cluster.
class ClickHouseDataset : public query::DatasetSource {
 public:
  ClickHouseDataset(std::shared_ptr<const ClickHouseStore> store, const store::DatasetMeta& meta,
                    const std::array<std::vector<std::string>, store::kDimCount>& dicts,
                    uint32_t vintage)
      : store_(std::move(store)), meta_(meta) {
    for (int d = 0; d < store::kDimCount; ++d) dictionaries_[d] = store::Dictionary(dicts[d]);
    const uint32_t v = vintage;  // rows are tagged by segment; a vintage is a set of live segments
    for (const auto& s : meta_.segments) {
      if (!s.LiveAt(v)) continue;
      auto& p = periods_[s.period.key()];
      p.rows += s.rows;
      p.ids.push_back(s.id);
    }
    tokens_.resize(periods_.size());
    size_t i = 0;
    for (auto& [key, p] : periods_) p.token = &tokens_[i++];
  }
  const std::string& name() const override { return meta_.name; }
  const std::vector<std::string>& currencies() const override { return meta_.currencies; }
  int money_scale() const override { return meta_.money_scale; }
  const store::Dictionary& dictionary(store::Dim d) const override {
    return dictionaries_[static_cast<int>(d)];
  }
  std::vector<core::Period> Periods() const override {
    std::vector<core::Period> out;
    for (const auto& [key, p] : periods_) out.push_back(core::Period::FromKey(key));
    return out;
  }
  core::Result<std::vector<store::SegmentView>> Segments(core::Period from, core::Period to,
                                                         uint64_t) const override {
    std::vector<core::Period> picked;
    std::set<int> years_with_months;
    for (const auto& [key, p] : periods_) {
      core::Period period = core::Period::FromKey(key);
      if (!InRange(period, from, to)) continue;
      picked.push_back(period);
      if (!period.is_annual()) years_with_months.insert(period.year());
    }
    std::vector<store::SegmentView> views;
    for (core::Period period : picked) {
      if (period.is_annual() && years_with_months.count(period.year())) continue;
      const PeriodInfo& p = periods_.at(period.key());
      store::SegmentView v;
      v.period = period;
      v.rows = p.rows;
      v.flow = p.token;  // identity only: the rows stay on the cluster
      views.push_back(v);
    }
    return views;
  }
  core::Result<query::Cube> Scan(const query::CubeSpec& spec,
                                 const std::vector<store::SegmentView>& views) const override {
    std::unordered_map<uint64_t, __int128> cells;
    if (views.empty()) return query::Cube::FromCells(spec.key_count, std::move(cells));
    // Every CubeSpec field is compiled (dims, currency, sum_quantity, slots, sub_flow) or has no
    // meaning on the cluster (threads, dense_cell_limit); one membership table set per dimension
    // is what bind.cc builds, and anything else is refused rather than summed wrongly.
    for (const query::CubeDim& cd : spec.dims)
      if (cd.tables.size() != 1)
        return Status::Unsupported(
            "clickhouse: a cube with several membership table sets per dimension cannot be "
            "compiled to SQL yet");
    for (uint32_t t : spec.segment_table_set)
      if (t != 0)
        return Status::Unsupported(
            "clickhouse: a cube with per-segment membership table sets cannot be compiled to "
            "SQL yet");
    std::vector<std::vector<uint64_t>> ids;
    for (const auto& v : views) ids.push_back(periods_.at(v.period.key()).ids);
    std::string sql = CubeSql(*store_, meta_.name, spec, views, ids);
    TRADESTAT_ASSIGN_OR_RETURN(std::string body, store_->ReadQuery(sql));
    for (const auto& f : SplitTsv(body)) {
      if (f.size() != 5)
        return Status::Corruption("ClickHouse: unexpected cube row: " + std::string(f[0]));
      TRADESTAT_ASSIGN_OR_RETURN(int64_t slot, ParseInt(f[0], "a slot"));
      TRADESTAT_ASSIGN_OR_RETURN(int64_t key, ParseInt(f[1], "a key"));
      TRADESTAT_ASSIGN_OR_RETURN(int64_t flow, ParseInt(f[2], "a flow"));
      TRADESTAT_ASSIGN_OR_RETURN(int64_t hi, ParseInt(f[3], "a sum"));
      TRADESTAT_ASSIGN_OR_RETURN(int64_t lo, ParseInt(f[4], "a sum"));
      uint64_t cell =
          (static_cast<uint64_t>(slot) * spec.key_count + static_cast<uint64_t>(key)) * 2 +
          static_cast<uint64_t>(flow);
      cells[cell] += static_cast<__int128>(hi) * (__int128{1} << 32) + lo;
    }
    return query::Cube::FromCells(spec.key_count, std::move(cells));
  }

 private:
  struct PeriodInfo {
    uint64_t rows = 0;
    std::vector<uint64_t> ids;
    const uint8_t* token = nullptr;
  };
  std::shared_ptr<const ClickHouseStore> store_;
  store::DatasetMeta meta_;
  std::array<store::Dictionary, store::kDimCount> dictionaries_;
  std::map<int32_t, PeriodInfo> periods_;
  std::vector<uint8_t> tokens_;
};

}  // namespace

std::string CubeSql(const ClickHouseStore& store, const std::string& dataset,
                    const query::CubeSpec& spec, const std::vector<store::SegmentView>& views,
                    const std::vector<std::vector<uint64_t>>& segment_ids) {
  // slot of each period; key = sum over key dimensions of table[code] (class * stride, or
  // kExcluded); money summed as two Int64 halves so no sum can overflow (rows < 2^31 per cell).
  std::string periods, slots, ids;
  for (size_t i = 0; i < views.size(); ++i) {
    periods += fmt::format("{}{}", i ? "," : "", views[i].period.key());
    slots += fmt::format("{}{}", i ? "," : "", spec.segment_slot[i]);
    for (uint64_t id : segment_ids[i]) ids += fmt::format("{}{}", ids.empty() ? "" : ",", id);
  }
  std::string key;
  for (const query::CubeDim& cd : spec.dims) {
    const std::vector<uint64_t>& table = cd.tables.front();  // bind.cc: one table set
    std::string arr;
    arr.reserve(table.size() * 8);
    for (size_t c = 0; c < table.size(); ++c) arr += fmt::format("{}{}", c ? "," : "", table[c]);
    if (table.empty()) arr = "0";
    key += fmt::format("{}arrayElement(CAST([{}] AS Array(UInt64)), toUInt64({}) + 1)",
                       key.empty() ? "" : " + ", arr, ColumnOf(cd.dim));
  }
  if (key.empty()) key = "toUInt64(0)";
  // Quantities (thousandths) are summed like money; records without one are left out.
  const std::string value = spec.sum_quantity ? "quantity" : fmt::format("value{}", spec.currency);
  const std::string quantity_filter =
      spec.sum_quantity ? fmt::format(" AND quantity != {}", store::kNoQuantity) : std::string();
  // Flows as query::CubeSpec::sub_flow says: X and M only (an "of which" flow such as RX is never
  // added to them), or one "of which" flow summed as cube flow 0.
  const std::string flow_filter = spec.sub_flow < 0 ? std::string(" AND flow IN (0, 1)")
                                                    : fmt::format(" AND flow = {}", spec.sub_flow);
  const std::string flow_cell = spec.sub_flow < 0 ? std::string("flow") : std::string("toUInt8(0)");
  return fmt::format(
      "SELECT slot, k, fl, sum(intDiv(v, 4294967296)) AS hi, sum(v % 4294967296) AS lo FROM ("
      "SELECT transform(toUInt32(period), [{}], [{}], 4294967295) AS slot, {} AS k, {} AS fl, {} "
      "AS v "
      "FROM {} WHERE dataset = {} AND segment IN ({}) AND period IN ({}){}{}) "
      "WHERE k < {} GROUP BY slot, k, fl FORMAT TabSeparated",
      periods, slots, key, flow_cell, value, store.ReadTable(), Quote(dataset), ids, periods,
      quantity_filter, flow_filter, query::kExcluded);
}

core::Result<std::shared_ptr<ClickHouseStore>> ClickHouseStore::Connect(const std::string& url) {
  TRADESTAT_ASSIGN_OR_RETURN(StoreUrl u, ParseStoreUrl(url));
  auto s = std::make_shared<ClickHouseStore>();
  s->url_ = u;
  s->coordinator_ = Client(u.coordinator, u.user, u.password);
  for (const Endpoint& e : u.shards) s->shards_.emplace_back(e, u.user, u.password);
  return s;
}

std::string ClickHouseStore::ManifestExistsSql() const {
  return fmt::format(
      "SELECT count() FROM system.tables WHERE database = {} AND name = 'tradestat_manifest'",
      Quote(url_.database));
}

std::string ClickHouseStore::ReadTable() const {
  return url_.cluster.empty() ? LocalTable() : url_.database + ".trade";
}

core::Status ClickHouseStore::Init() const {
  TRADESTAT_ASSIGN_OR_RETURN(std::string exists, coordinator_.Query(ManifestExistsSql()));
  if (exists.rfind("1", 0) == 0)
    return Status::AlreadyExists(fmt::format("{} is already a tradestat store", url_.text));
  for (const Client& shard : shards_) {
    TRADESTAT_RETURN_IF_ERROR(
        shard.Query("CREATE DATABASE IF NOT EXISTS " + url_.database).status());
    TRADESTAT_RETURN_IF_ERROR(
        shard
            .Query(fmt::format(
                "CREATE TABLE IF NOT EXISTS {} ({}) ENGINE = MergeTree PARTITION BY period "
                "ORDER BY (dataset, period, reporter, partner, commodity)",
                LocalTable(), FactColumns()))
            .status());
  }
  TRADESTAT_RETURN_IF_ERROR(
      coordinator_.Query("CREATE DATABASE IF NOT EXISTS " + url_.database).status());
  if (!url_.cluster.empty()) {
    TRADESTAT_RETURN_IF_ERROR(
        coordinator_
            .Query(fmt::format("CREATE TABLE IF NOT EXISTS {}.trade ({}) ENGINE = Distributed({}, "
                               "{}, trade_local)",
                               url_.database, FactColumns(), url_.cluster, url_.database))
            .status());
  }
  TRADESTAT_RETURN_IF_ERROR(
      coordinator_
          .Query(fmt::format(
              "CREATE TABLE {} (generation UInt64, manifest String, dictionaries String) "
              "ENGINE = MergeTree ORDER BY generation",
              ManifestTable()))
          .status());
  State first;
  first.generation = 1;
  return Commit(first);
}

core::Result<State> ClickHouseStore::ReadState() const {
  TRADESTAT_ASSIGN_OR_RETURN(std::string exists, coordinator_.Query(ManifestExistsSql()));
  if (exists.rfind("1", 0) != 0)
    return Status::NotFound(
        fmt::format("no store at {}; create one with 'tradestat init {}'", url_.text, url_.text));
  TRADESTAT_ASSIGN_OR_RETURN(
      std::string body,
      coordinator_.Query(
          fmt::format("SELECT generation, manifest, dictionaries FROM {} ORDER BY generation DESC "
                      "LIMIT 1 FORMAT TabSeparated",
                      ManifestTable())));
  auto rows = SplitTsv(body);
  if (rows.size() != 1 || rows[0].size() != 3)
    return Status::Corruption(
        fmt::format("corrupt store: {}: the manifest table has no commit", url_.text));
  State s;
  TRADESTAT_ASSIGN_OR_RETURN(int64_t g, ParseInt(rows[0][0], "a generation"));
  s.generation = static_cast<uint64_t>(g);
  TRADESTAT_ASSIGN_OR_RETURN(s.manifest, store::ParseManifest(UnescapeTsv(rows[0][1]), url_.text));
  try {
    auto j = nlohmann::json::parse(UnescapeTsv(rows[0][2]));
    for (auto it = j.begin(); it != j.end(); ++it) {
      auto& dicts = s.dictionaries[it.key()];
      for (int d = 0; d < store::kDimCount && d < static_cast<int>(it.value().size()); ++d)
        dicts[d] = it.value()[d].get<std::vector<std::string>>();
    }
  } catch (const std::exception& e) {
    return Status::Corruption(
        fmt::format("corrupt store: {}: dictionaries: {}", url_.text, e.what()));
  }
  return s;
}

core::Status ClickHouseStore::Commit(const State& next) const {
  nlohmann::json dicts = nlohmann::json::object();
  for (const auto& [name, d] : next.dictionaries) {
    nlohmann::json a = nlohmann::json::array();
    for (const auto& values : d) a.push_back(values);
    dicts[name] = a;
  }
  std::string row = fmt::format("{}\t", next.generation);
  AppendTsvField(row, store::SerializeManifest(next.manifest));
  row += '\t';
  AppendTsvField(row, dicts.dump());
  row += '\n';
  return coordinator_.Insert(
      fmt::format("INSERT INTO {} (generation, manifest, dictionaries) FORMAT TabSeparated",
                  ManifestTable()),
      row);
}

core::Status ClickHouseStore::RemoveUncommitted(const State& state) const {
  const uint64_t first_free = state.manifest.next_file_id;
  for (const Client& shard : shards_) {
    TRADESTAT_ASSIGN_OR_RETURN(std::string n,
                               shard.Query(fmt::format("SELECT count() FROM {} WHERE segment >= {}",
                                                       LocalTable(), first_free)));
    if (n.rfind("0", 0) == 0) continue;
    TRADESTAT_RETURN_IF_ERROR(shard
                                  .Query(fmt::format("ALTER TABLE {} DELETE WHERE segment >= {}",
                                                     LocalTable(), first_free))
                                  .status());
    for (int attempt = 0;; ++attempt) {
      TRADESTAT_ASSIGN_OR_RETURN(
          std::string pending,
          shard.Query(fmt::format(
              "SELECT count() FROM system.mutations WHERE database = {} AND table = 'trade_local' "
              "AND is_done = 0",
              Quote(url_.database))));
      if (pending.rfind("0", 0) == 0) break;
      if (attempt > 6000)
        return Status::Io(fmt::format(
            "ClickHouse server {}: removing the rows of an interrupted load did not finish",
            shard.endpoint().ToString()));
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
  }
  return Status::Ok();
}

core::Result<std::string> ClickHouseStore::ReadQuery(const std::string& sql) const {
  auto r = coordinator_.Query(sql);
  if (r.ok() || url_.cluster.empty()) return r;
  return Status::Io(fmt::format("cluster {}: a shard did not answer, so no figures are given: {}",
                                url_.cluster, r.status().message()));
}

core::Result<std::string> ClickHouseCatalog::DefaultDataset() const {
  const auto& ds = state_.manifest.datasets;
  if (ds.empty())
    return Status::NotFound(fmt::format("store {} has no datasets; load one with 'tradestat load'",
                                        store_->url().text));
  if (ds.size() > 1) {
    std::string list;
    for (const auto& [n, m] : ds) list += (list.empty() ? "" : ", ") + n;
    return Status::InvalidArgument(
        fmt::format("--dataset: the store holds {} datasets ({}); name one with --dataset NAME",
                    ds.size(), list));
  }
  return ds.begin()->first;
}

core::Result<std::shared_ptr<const query::DatasetSource>> ClickHouseCatalog::Open(
    const std::string& name) const {
  auto it = state_.manifest.datasets.find(name);
  if (it == state_.manifest.datasets.end()) {
    std::string list;
    for (const auto& [n, m] : state_.manifest.datasets) list += (list.empty() ? "" : ", ") + n;
    return Status::NotFound(fmt::format("--dataset: no dataset \"{}\" in the store; datasets: {}",
                                        name, list.empty() ? "(none)" : list));
  }
  static const std::array<std::vector<std::string>, store::kDimCount> kNone;
  auto d = state_.dictionaries.find(name);
  uint32_t vintage = it->second.current_vintage();
  if (vintage_of_) {
    TRADESTAT_ASSIGN_OR_RETURN(vintage, vintage_of_(it->second));
  }
  return std::shared_ptr<const query::DatasetSource>(std::make_shared<ClickHouseDataset>(
      store_, it->second, d == state_.dictionaries.end() ? kNone : d->second, vintage));
}

}  // namespace tradestat::clickhouse

namespace tradestat::clickhouse {

core::Result<std::unique_ptr<ClickHouseCatalog>> OpenCatalog(
    const std::string& url, ClickHouseCatalog::VintageOf vintage_of) {
  TRADESTAT_ASSIGN_OR_RETURN(auto store, ClickHouseStore::Connect(url));
  TRADESTAT_ASSIGN_OR_RETURN(State state, store->ReadState());
  return std::make_unique<ClickHouseCatalog>(store, std::move(state), std::move(vintage_of));
}

}  // namespace tradestat::clickhouse

namespace tradestat::clickhouse {

core::Status InitStore(const std::string& url) {
  TRADESTAT_ASSIGN_OR_RETURN(auto store, ClickHouseStore::Connect(url));
  return store->Init();
}

core::Result<uint64_t> StoredBytes(const std::string& url) {
  TRADESTAT_ASSIGN_OR_RETURN(auto store, ClickHouseStore::Connect(url));
  uint64_t total = 0;
  std::set<std::string> seen;
  std::vector<const Client*> servers = {&store->coordinator()};
  for (const Client& s : store->shards()) servers.push_back(&s);
  for (const Client* c : servers) {
    if (!seen.insert(c->endpoint().ToString()).second) continue;
    TRADESTAT_ASSIGN_OR_RETURN(
        std::string n,
        c->Query(fmt::format("SELECT sum(bytes) FROM system.parts WHERE active AND database = {}",
                             Quote(store->url().database))));
    while (!n.empty() && (n.back() == '\n' || n.back() == ' ')) n.pop_back();
    TRADESTAT_ASSIGN_OR_RETURN(int64_t b, ParseInt(n, "a byte count"));
    total += static_cast<uint64_t>(b);
  }
  return total;
}

}  // namespace tradestat::clickhouse

namespace tradestat::clickhouse {

core::Result<CellMap> CollectCells(const std::string& url, const State& state,
                                   const std::string& dataset, uint32_t vintage) {
  TRADESTAT_ASSIGN_OR_RETURN(auto ch, ClickHouseStore::Connect(url));
  const store::DatasetMeta& meta = state.manifest.datasets.at(dataset);
  const size_t nc = meta.currencies.size();
  std::string ids, sums;
  for (const auto& s : meta.segments)
    if (s.LiveAt(vintage)) ids += fmt::format("{}{}", ids.empty() ? "" : ",", s.id);
  CellMap cells;
  if (ids.empty()) return cells;
  for (size_t c = 0; c < nc; ++c)
    sums += fmt::format(", sum(intDiv(value{0}, 4294967296)), sum(value{0} % 4294967296)", c);
  TRADESTAT_ASSIGN_OR_RETURN(
      std::string body,
      ch->ReadQuery(fmt::format(
          "SELECT period, flow, reporter, partner, commodity, trade_mode, enterprise_type{} FROM "
          "{} "
          "WHERE dataset = {} AND segment IN ({}) GROUP BY period, flow, reporter, partner, "
          "commodity, trade_mode, enterprise_type FORMAT TabSeparated",
          sums, ch->ReadTable(), Quote(dataset), ids)));
  static const std::array<std::vector<std::string>, store::kDimCount> kNone;
  auto d = state.dictionaries.find(dataset);
  const auto& dicts = d == state.dictionaries.end() ? kNone : d->second;
  auto text = [&](store::Dim dim, int64_t code) -> std::string {
    const auto& v = dicts[static_cast<int>(dim)];
    return code >= 0 && static_cast<size_t>(code) < v.size() ? v[code] : std::string();
  };
  for (const auto& f : SplitTsv(body)) {
    if (f.size() != 7 + 2 * nc) return Status::Corruption("ClickHouse: unexpected cell row");
    int64_t x[7];
    for (int i = 0; i < 7; ++i) {
      TRADESTAT_ASSIGN_OR_RETURN(x[i], ParseInt(f[i], "a code"));
    }
    std::array<std::string, 7> k{core::Period::FromKey(static_cast<int32_t>(x[0])).ToString(),
                                 std::string(store::FlowCode(static_cast<uint8_t>(x[1]))),
                                 text(store::Dim::kReporter, x[2]),
                                 text(store::Dim::kPartner, x[3]),
                                 text(store::Dim::kCommodity, x[4]),
                                 text(store::Dim::kTradeMode, x[5]),
                                 text(store::Dim::kEnterpriseType, x[6])};
    auto& v = cells[k];
    if (v.empty()) v.assign(nc, 0);
    for (size_t c = 0; c < nc; ++c) {
      TRADESTAT_ASSIGN_OR_RETURN(int64_t hi, ParseInt(f[7 + 2 * c], "a sum"));
      TRADESTAT_ASSIGN_OR_RETURN(int64_t lo, ParseInt(f[8 + 2 * c], "a sum"));
      v[c] += static_cast<__int128>(hi) * (__int128{1} << 32) + lo;
    }
  }
  return cells;
}

}  // namespace tradestat::clickhouse
