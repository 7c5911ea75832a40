// clickhouse/load.cc: staging load, then rows to the shards, then the manifest row.
#include "clickhouse/load.h"

#include <stdlib.h>

#include <filesystem>

#include <fmt/format.h>

#include "clickhouse/clickhouse_store.h"
#include "clickhouse/writer_lock.h"
#include "core/file.h"
#include "store/store.h"
#include "store/store_paths.h"

namespace tradestat::clickhouse {
namespace {

using core::Status;

struct StagingDir {
  std::string path;
  ~StagingDir() {
    std::error_code ec;
    if (!path.empty()) std::filesystem::remove_all(path, ec);
  }
};

core::Status WriteStagingManifest(const std::string& root, const store::Manifest& m) {
  std::error_code ec;
  std::filesystem::remove(store::ManifestPath(root), ec);
  return core::WriteFileDurably(store::ManifestPath(root), store::SerializeManifest(m));
}

const uint16_t* Col16(const store::SegmentView& v, store::Dim d) {
  switch (d) {
    case store::Dim::kReporter: return v.reporter;
    case store::Dim::kPartner: return v.partner;
    case store::Dim::kTradeMode: return v.trade_mode;
    case store::Dim::kEnterpriseType: return v.enterprise_type;
    case store::Dim::kUnit: return v.unit;
    case store::Dim::kCommodity: return nullptr;
  }
  return nullptr;
}

}  // namespace

core::Result<ingest::LoadReport> LoadFiles(const ingest::LoadOptions& options,
                                           const refdata::Reference& reference) {
  TRADESTAT_RETURN_IF_ERROR(options.Validate());
  TRADESTAT_ASSIGN_OR_RETURN(auto ch, ClickHouseStore::Connect(options.store_path));
  TRADESTAT_ASSIGN_OR_RETURN(State state, ch->ReadState());  // NotFound before any lock table
  // One writer at a time (writer_lock.h); a dry run writes nothing and takes no lock.
  std::unique_ptr<WriterLock> lock;
  if (!options.dry_run) {
    TRADESTAT_ASSIGN_OR_RETURN(lock, WriterLock::Acquire(*ch, "load"));
    TRADESTAT_ASSIGN_OR_RETURN(state, ch->ReadState());  // as the previous writer left it
  }
  if (!options.dry_run) TRADESTAT_RETURN_IF_ERROR(ch->RemoveUncommitted(state));

  // The staging store: the cluster's entry for this dataset, without dictionaries or data.
  StagingDir staging;
  const char* tmp = getenv("TMPDIR");
  std::string templ = std::string(tmp && *tmp ? tmp : "/tmp") + "/tradestat-stage-XXXXXX";
  if (mkdtemp(templ.data()) == nullptr)
    return Status::Io(fmt::format("{}: cannot create a staging directory for the load", templ));
  staging.path = templ;
  std::filesystem::remove(staging.path);
  TRADESTAT_RETURN_IF_ERROR(store::Store::Create(staging.path));
  store::Manifest stage;
  stage.next_file_id = state.manifest.next_file_id;
  auto existing = state.manifest.datasets.find(options.dataset);
  if (existing != state.manifest.datasets.end()) {
    store::DatasetMeta e = existing->second;
    for (auto& dm : e.dictionaries) dm = store::DictionaryMeta{};
    stage.datasets[options.dataset] = e;
  }
  TRADESTAT_RETURN_IF_ERROR(WriteStagingManifest(staging.path, stage));

  ingest::LoadOptions staged = options;
  staged.store_path = staging.path;
  TRADESTAT_ASSIGN_OR_RETURN(ingest::LoadReport report, ingest::LoadFiles(staged, reference));
  if (options.dry_run) return report;

  // What the staging commit produced.
  TRADESTAT_ASSIGN_OR_RETURN(auto staged_store, store::Store::Open(staging.path));
  store::Manifest after = staged_store.manifest();
  const store::DatasetMeta& ds = after.datasets.at(options.dataset);
  const uint32_t vintage = ds.current_vintage();
  TRADESTAT_ASSIGN_OR_RETURN(auto snapshot, staged_store.Dataset(options.dataset));
  // Dictionaries: the cluster's, grown by this load; staged codes are remapped through values.
  auto& dicts = state.dictionaries[options.dataset];
  std::array<std::vector<uint32_t>, store::kDimCount> remap;
  for (int d = 0; d < store::kDimCount; ++d) {
    store::Dictionary cluster_dict(dicts[d]);
    const store::Dictionary& s = snapshot->dictionary(static_cast<store::Dim>(d));
    for (uint32_t c = 0; c < s.size(); ++c) remap[d].push_back(cluster_dict.Intern(s.Value(c)));
    dicts[d] = cluster_dict.values();
  }

  // Rows, one staged segment at a time (bounded memory), in batches.
  std::vector<store::SegmentMeta> fresh;
  for (const auto& s : ds.segments)
    if (s.added == vintage) fresh.push_back(s);
  const auto& shards = ch->shards();
  const std::string insert = fmt::format(
      "INSERT INTO {} (dataset, segment, vintage, period, flow, reporter, partner, commodity, "
      "trade_mode, "
      "enterprise_type, unit, quantity{}) FORMAT TabSeparated",
      ch->LocalTable(), [] {
        std::string v;
        for (int i = 0; i < store::kMaxCurrencies; ++i) v += fmt::format(", value{}", i);
        return v;
      }());
  std::string dataset_field;
  AppendTsvField(dataset_field, options.dataset);
  const int ncur = static_cast<int>(ds.currencies.size());
  for (size_t i = 0; i < fresh.size(); ++i) {
    store::Manifest one = after;
    one.datasets[options.dataset].segments = {fresh[i]};
    TRADESTAT_RETURN_IF_ERROR(WriteStagingManifest(staging.path, one));
    TRADESTAT_ASSIGN_OR_RETURN(auto st1, store::Store::Open(staging.path));
    TRADESTAT_ASSIGN_OR_RETURN(auto snap1, st1.Dataset(options.dataset));
    TRADESTAT_ASSIGN_OR_RETURN(auto views, snap1->AllSegments());
    if (views.size() != 1)
      return Status::Internal("clickhouse load: a staged segment did not map to one view");
    const store::SegmentView& v = views[0];
    const Client& shard = shards[fresh[i].id % shards.size()];
    std::string body;
    const std::string prefix =
        fmt::format("{}\t{}\t{}\t{}\t", dataset_field, fresh[i].id, vintage, v.period.key());
    for (uint64_t r = 0; r < v.rows; ++r) {
      body += prefix;
      fmt::format_to(std::back_inserter(body), "{}", v.flow[r]);
      for (store::Dim d :
           {store::Dim::kReporter, store::Dim::kPartner, store::Dim::kCommodity,
            store::Dim::kTradeMode, store::Dim::kEnterpriseType, store::Dim::kUnit}) {
        uint32_t code = 0;
        if (d == store::Dim::kCommodity) {
          code = v.commodity ? v.commodity[r] : 0;
        } else if (const uint16_t* c = Col16(v, d)) {
          code = c[r];
        }
        const auto& m = remap[static_cast<int>(d)];
        fmt::format_to(std::back_inserter(body), "\t{}", code < m.size() ? m[code] : code);
      }
      fmt::format_to(std::back_inserter(body), "\t{}",
                     v.quantity ? v.quantity[r] : store::kNoQuantity);
      for (int c = 0; c < store::kMaxCurrencies; ++c)
        fmt::format_to(std::back_inserter(body), "\t{}",
                       c < ncur && v.values[c] ? v.values[c][r] : 0);
      body += '\n';
      if ((r + 1) % kBatchRows == 0 || r + 1 == v.rows) {
        TRADESTAT_RETURN_IF_ERROR(
            shard.Insert(insert, body)
                .WithContext(
                    fmt::format("load into {}: nothing was committed", options.store_path)));
        body.clear();
      }
    }
  }

  // The commit: the next manifest row.
  State next = state;
  next.generation = state.generation + 1;
  store::DatasetMeta meta = ds;
  for (int d = 0; d < store::kDimCount; ++d)
    meta.dictionaries[d] = store::DictionaryMeta{"", static_cast<uint32_t>(dicts[d].size()), ""};
  for (auto& s : meta.segments)
    if (s.added == vintage) s.file = fmt::format("clickhouse:{}", ch->LocalTable());
  next.manifest.datasets[options.dataset] = meta;
  next.manifest.next_file_id = after.next_file_id;
  next.manifest.generation = state.manifest.generation + 1;
  next.dictionaries[options.dataset] = dicts;
  TRADESTAT_RETURN_IF_ERROR(
      lock->Check().WithContext(fmt::format("load into {}", options.store_path)));
  TRADESTAT_RETURN_IF_ERROR(ch->Commit(next));
  return report;
}

}  // namespace tradestat::clickhouse
