// clickhouse/copy.cc: dataset copies between an embedded store and a ClickHouse store (copy.h).
#include "clickhouse/copy.h"

#include <charconv>
#include <filesystem>
#include <functional>
#include <memory>
#include <set>

#include <fmt/format.h>

#include "clickhouse/clickhouse_store.h"
#include "clickhouse/writer_lock.h"
#include "core/file.h"
#include "core/hash.h"
#include "store/load_transaction.h"
#include "store/row_batch.h"
#include "store/segment_format.h"
#include "store/store.h"
#include "store/store_paths.h"

namespace tradestat::clickhouse {
namespace {

using core::Status;
using Dicts = std::array<std::vector<std::string>, store::kDimCount>;
using SegmentFn = std::function<Status(const store::SegmentMeta&, const store::RowBatch&)>;

Status CheckSegment(const std::string& where, const store::SegmentMeta& s, const store::RowBatch& b,
                    size_t ncur) {
  if (b.size() != s.rows)
    return Status::Corruption(fmt::format(
        "{}: segment {} ({}) has {} rows, its manifest entry says {}; nothing was copied", where,
        s.id, s.period.ToString(), b.size(), s.rows));
  std::array<const int64_t*, store::kMaxCurrencies> values{};
  for (size_t c = 0; c < ncur; ++c) values[c] = b.values[c].data();
  if (!store::RecordedTotalsAgree(s, store::SumByFlow(b.flow.data(), values, ncur, b.size())))
    return Status::Corruption(
        fmt::format("{}: segment {} ({}): its values do not add up to the totals of its manifest "
                    "entry; nothing was copied",
                    where, s.id, s.period.ToString()));
  return Status::Ok();
}

// ---- sources ----

struct Source {
  store::Manifest manifest;
  std::map<std::string, Dicts> dictionaries;
  std::function<Status(const std::string& dataset, const SegmentFn&)> for_each_segment;
};

template <typename T>
void Append(std::vector<T>& out, const T* p, uint64_t rows, T none) {
  if (p)
    out.insert(out.end(), p, p + rows);
  else
    out.insert(out.end(), rows, none);
}

core::Result<Source> EmbeddedSource(const std::string& path) {
  TRADESTAT_ASSIGN_OR_RETURN(store::Store st, store::Store::Open(path));
  auto shared = std::make_shared<store::Store>(std::move(st));
  Source src;
  src.manifest = shared->manifest();
  for (const auto& [name, meta] : src.manifest.datasets) {
    TRADESTAT_ASSIGN_OR_RETURN(auto snap, shared->Dataset(name));
    Dicts& d = src.dictionaries[name];
    for (int i = 0; i < store::kDimCount; ++i)
      d[i] = snap->dictionary(static_cast<store::Dim>(i)).values();
  }
  src.for_each_segment = [shared](const std::string& name, const SegmentFn& fn) -> Status {
    const store::DatasetMeta& meta = shared->manifest().datasets.at(name);
    const size_t ncur = meta.currencies.size();
    // One vintage at a time: the segments it added, mapped and checksum-verified by the store.
    for (const auto& v : meta.vintages) {
      TRADESTAT_ASSIGN_OR_RETURN(auto snap, shared->Dataset(name, v.id));
      TRADESTAT_ASSIGN_OR_RETURN(auto views, snap->AllSegments());
      const auto& metas = snap->segment_metas();
      for (size_t i = 0; i < views.size() && i < metas.size(); ++i) {
        if (metas[i].added != v.id) continue;
        const store::SegmentView& w = views[i];
        store::RowBatch b;
        Append(b.flow, w.flow, w.rows, uint8_t{0});
        Append(b.reporter, w.reporter, w.rows, uint16_t{0});
        Append(b.partner, w.partner, w.rows, uint16_t{0});
        Append(b.commodity, w.commodity, w.rows, uint32_t{0});
        Append(b.trade_mode, w.trade_mode, w.rows, uint16_t{0});
        Append(b.enterprise_type, w.enterprise_type, w.rows, uint16_t{0});
        Append(b.unit, w.unit, w.rows, uint16_t{0});
        Append(b.quantity, w.quantity, w.rows, store::kNoQuantity);
        for (size_t c = 0; c < ncur; ++c) Append(b.values[c], w.values[c], w.rows, int64_t{0});
        TRADESTAT_RETURN_IF_ERROR(CheckSegment(shared->path(), metas[i], b, ncur));
        TRADESTAT_RETURN_IF_ERROR(fn(metas[i], b));
      }
    }
    return Status::Ok();
  };
  return src;
}

core::Result<Source> ClickHouseSource(const std::string& url) {
  TRADESTAT_ASSIGN_OR_RETURN(auto ch, ClickHouseStore::Connect(url));
  TRADESTAT_ASSIGN_OR_RETURN(State state, ch->ReadState());
  Source src;
  src.manifest = state.manifest;
  src.dictionaries = state.dictionaries;
  src.for_each_segment = [ch, url, manifest = state.manifest](const std::string& name,
                                                              const SegmentFn& fn) -> Status {
    const store::DatasetMeta& meta = manifest.datasets.at(name);
    const size_t ncur = meta.currencies.size();
    std::string cols =
        "flow, reporter, partner, commodity, trade_mode, enterprise_type, unit, quantity";
    for (size_t c = 0; c < ncur; ++c) cols += fmt::format(", value{}", c);
    for (const auto& s : meta.segments) {
      const Client& shard = ch->shards()[s.id % ch->shards().size()];
      TRADESTAT_ASSIGN_OR_RETURN(
          std::string body,
          shard.Query(fmt::format("SELECT {} FROM {} WHERE dataset = {} AND segment = {} FORMAT "
                                  "TabSeparated",
                                  cols, ch->LocalTable(), Quote(name), s.id)));
      store::RowBatch b;
      const std::string where = fmt::format("{} (shard {})", url, shard.endpoint().ToString());
      for (const auto& f : SplitTsv(body)) {
        if (f.size() != 8 + ncur)
          return Status::Corruption(where + ": unexpected row shape; nothing was copied");
        int64_t x[8 + store::kMaxCurrencies];
        for (size_t i = 0; i < f.size(); ++i) {
          auto [p, ec] = std::from_chars(f[i].data(), f[i].data() + f[i].size(), x[i]);
          if (ec != std::errc() || p != f[i].data() + f[i].size())
            return Status::Corruption(where + ": a field is not a number; nothing was copied");
        }
        for (int i = 1; i <= 6; ++i)
          if (x[i] < 0 || (i != 3 && x[i] > 0xFFFF))
            return Status::Corruption(where +
                                      ": a dictionary code is out of range; nothing was copied");
        b.flow.push_back(static_cast<uint8_t>(x[0]));
        b.reporter.push_back(static_cast<uint16_t>(x[1]));
        b.partner.push_back(static_cast<uint16_t>(x[2]));
        b.commodity.push_back(static_cast<uint32_t>(x[3]));
        b.trade_mode.push_back(static_cast<uint16_t>(x[4]));
        b.enterprise_type.push_back(static_cast<uint16_t>(x[5]));
        b.unit.push_back(static_cast<uint16_t>(x[6]));
        b.quantity.push_back(x[7]);
        for (size_t c = 0; c < ncur; ++c) b.values[c].push_back(x[8 + c]);
      }
      TRADESTAT_RETURN_IF_ERROR(CheckSegment(where, s, b, ncur));
      TRADESTAT_RETURN_IF_ERROR(fn(s, b));
    }
    return Status::Ok();
  };
  return src;
}

// ---- destinations ----

class Sink {
 public:
  virtual ~Sink() = default;
  virtual const store::Manifest& manifest() const = 0;
  /// Stores the rows of `s` and returns its entry in the destination.
  virtual core::Result<store::SegmentMeta> Write(const std::string& dataset,
                                                 const store::DatasetMeta& meta,
                                                 const store::SegmentMeta& s,
                                                 const store::RowBatch& b) = 0;
  virtual Status Commit(
      const std::map<std::string, std::pair<store::DatasetMeta, Dicts>>& datasets) = 0;
};

class ClickHouseSink : public Sink {
 public:
  static core::Result<std::unique_ptr<ClickHouseSink>> Open(const std::string& url) {
    auto sink = std::make_unique<ClickHouseSink>();
    TRADESTAT_ASSIGN_OR_RETURN(sink->ch_, ClickHouseStore::Connect(url));
    TRADESTAT_ASSIGN_OR_RETURN(sink->state_, sink->ch_->ReadState());
    TRADESTAT_ASSIGN_OR_RETURN(sink->lock_, WriterLock::Acquire(*sink->ch_, "copy"));
    TRADESTAT_ASSIGN_OR_RETURN(sink->state_, sink->ch_->ReadState());
    TRADESTAT_RETURN_IF_ERROR(sink->ch_->RemoveUncommitted(sink->state_));
    sink->next_id_ = sink->state_.manifest.next_file_id;
    return sink;
  }
  const store::Manifest& manifest() const override { return state_.manifest; }
  core::Result<store::SegmentMeta> Write(const std::string& dataset, const store::DatasetMeta& meta,
                                         const store::SegmentMeta& s,
                                         const store::RowBatch& b) override {
    store::SegmentMeta out = s;
    out.id = next_id_++;
    out.file = fmt::format("clickhouse:{}", ch_->LocalTable());
    const Client& shard = ch_->shards()[out.id % ch_->shards().size()];
    std::string insert =
        "INSERT INTO " + ch_->LocalTable() +
        " (dataset, segment, vintage, period, flow, reporter, partner, commodity, trade_mode, "
        "enterprise_type, unit, quantity";
    for (int c = 0; c < store::kMaxCurrencies; ++c) insert += fmt::format(", value{}", c);
    insert += ") FORMAT TabSeparated";
    std::string prefix;
    AppendTsvField(prefix, dataset);
    prefix += fmt::format("\t{}\t{}\t{}\t", out.id, out.added, out.period.key());
    const size_t ncur = meta.currencies.size();
    std::string body;
    for (size_t r = 0; r < b.size(); ++r) {
      body += prefix;
      fmt::format_to(std::back_inserter(body), "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}", b.flow[r],
                     b.reporter[r], b.partner[r], b.commodity[r], b.trade_mode[r],
                     b.enterprise_type[r], b.unit[r], b.quantity[r]);
      for (size_t c = 0; c < static_cast<size_t>(store::kMaxCurrencies); ++c)
        fmt::format_to(std::back_inserter(body), "\t{}", c < ncur ? b.values[c][r] : 0);
      body += '\n';
      if ((r + 1) % (size_t{1} << 16) == 0 || r + 1 == b.size()) {
        TRADESTAT_RETURN_IF_ERROR(
            shard.Insert(insert, body)
                .WithContext(fmt::format("copy into {}: nothing was committed", ch_->url().text)));
        body.clear();
      }
    }
    return out;
  }
  Status Commit(
      const std::map<std::string, std::pair<store::DatasetMeta, Dicts>>& datasets) override {
    State next = state_;
    next.generation = state_.generation + 1;
    for (const auto& [name, md] : datasets) {
      store::DatasetMeta meta = md.first;
      for (int d = 0; d < store::kDimCount; ++d)
        meta.dictionaries[d] =
            store::DictionaryMeta{"", static_cast<uint32_t>(md.second[d].size()), ""};
      next.manifest.datasets[name] = meta;
      next.dictionaries[name] = md.second;
    }
    next.manifest.next_file_id = next_id_;
    next.manifest.generation = state_.manifest.generation + 1;
    TRADESTAT_RETURN_IF_ERROR(
        lock_->Check().WithContext(fmt::format("copy into {}", ch_->url().text)));
    return ch_->Commit(next);
  }

 private:
  std::shared_ptr<ClickHouseStore> ch_;
  State state_;
  std::unique_ptr<WriterLock> lock_;
  uint64_t next_id_ = 0;
};

class EmbeddedSink : public Sink {
 public:
  static core::Result<std::unique_ptr<EmbeddedSink>> Open(const std::string& path) {
    auto sink = std::make_unique<EmbeddedSink>();
    sink->root_ = path;
    std::error_code ec;
    if (!std::filesystem::exists(store::ManifestPath(path), ec))
      TRADESTAT_RETURN_IF_ERROR(store::Store::Create(path));
    TRADESTAT_ASSIGN_OR_RETURN(sink->lock_, core::FileLock::Acquire(store::LockPath(path)));
    TRADESTAT_ASSIGN_OR_RETURN(store::Store st, store::Store::Open(path));
    sink->manifest_ = st.manifest();
    return sink;
  }
  ~EmbeddedSink() override {
    for (const auto& f : written_) (void)core::RemoveFile(f);  // not committed
  }
  const store::Manifest& manifest() const override { return manifest_; }
  core::Result<store::SegmentMeta> Write(const std::string& dataset, const store::DatasetMeta& meta,
                                         const store::SegmentMeta& s,
                                         const store::RowBatch& b) override {
    std::vector<store::ColumnData> cols = store::SegmentColumnsOf(b, meta.currencies.size());
    store::SegmentMeta out = s;
    out.id = manifest_.next_file_id++;
    std::string bytes =
        store::EncodeSegment(s.period, b.size(), cols, out.id, store::kSegmentFormatWritten);
    out.file = store::SegmentRelPath(dataset, s.period, out.id);
    out.bytes = bytes.size();
    out.file_hash = core::HashToHex(core::Hash64(bytes));
    TRADESTAT_RETURN_IF_ERROR(WriteNew(out.file, bytes));
    return out;
  }
  Status Commit(
      const std::map<std::string, std::pair<store::DatasetMeta, Dicts>>& datasets) override {
    for (const auto& [name, md] : datasets) {
      store::DatasetMeta meta = md.first;
      for (int d = 0; d < store::kDimCount; ++d) {
        store::DictionaryMeta& dm = meta.dictionaries[d];
        dm = store::DictionaryMeta{};
        if (md.second[d].empty()) continue;
        std::string text = store::EncodeDictionary(md.second[d]);
        dm.file =
            store::DictionaryRelPath(name, static_cast<store::Dim>(d), manifest_.next_file_id++);
        dm.count = static_cast<uint32_t>(md.second[d].size());
        dm.hash = core::HashToHex(core::Hash64(text));
        TRADESTAT_RETURN_IF_ERROR(WriteNew(dm.file, text));
      }
      manifest_.datasets[name] = meta;
    }
    for (const auto& d : dirs_) TRADESTAT_RETURN_IF_ERROR(core::SyncDirectory(d));
    bool committed = false;
    Status st = store::CommitManifest(root_, manifest_, {}, &committed);
    if (committed) written_.clear();  // the copy is the store's now, even if the sync failed
    return st;
  }

 private:
  Status WriteNew(const std::string& rel, std::string_view bytes) {
    std::string path = root_ + "/" + rel;
    std::string dir = std::filesystem::path(path).parent_path().string();
    TRADESTAT_RETURN_IF_ERROR(core::MakeDirectories(dir));
    dirs_.insert(dir);
    written_.push_back(path);
    return core::WriteNewFile(path, bytes);
  }
  std::string root_;
  core::FileLock lock_;
  store::Manifest manifest_;
  std::vector<std::string> written_;
  std::set<std::string> dirs_;
};

}  // namespace

core::Result<CopyReport> CopyStore(const std::string& source, const std::string& dest,
                                   const std::vector<std::string>& datasets) {
  if (source == dest) return Status::InvalidArgument("copy: SOURCE and DEST are the same store");
  Source src;
  if (IsClickHouseUrl(source)) {
    TRADESTAT_ASSIGN_OR_RETURN(src, ClickHouseSource(source));
  } else {
    TRADESTAT_ASSIGN_OR_RETURN(src, EmbeddedSource(source));
  }
  std::vector<std::string> names = datasets;
  if (names.empty())
    for (const auto& [n, m] : src.manifest.datasets) names.push_back(n);
  if (names.empty()) return Status::NotFound(fmt::format("copy: {} holds no datasets", source));
  for (const auto& n : names)
    if (!src.manifest.datasets.count(n)) {
      std::string list;
      for (const auto& [k, m] : src.manifest.datasets) list += (list.empty() ? "" : ", ") + k;
      return Status::NotFound(
          fmt::format("--dataset: no dataset \"{}\" in {}; datasets: {}", n, source, list));
    }
  std::unique_ptr<Sink> sink;
  if (IsClickHouseUrl(dest)) {
    TRADESTAT_ASSIGN_OR_RETURN(sink, ClickHouseSink::Open(dest));
  } else {
    TRADESTAT_ASSIGN_OR_RETURN(sink, EmbeddedSink::Open(dest));
  }
  for (const auto& n : names)
    if (sink->manifest().datasets.count(n))
      return Status::AlreadyExists(
          fmt::format("copy: {} already holds a dataset \"{}\"; copy does not merge: remove it "
                      "there or copy into another store",
                      dest, n));
  CopyReport report;
  std::map<std::string, std::pair<store::DatasetMeta, Dicts>> out;
  for (const auto& n : names) {
    store::DatasetMeta meta = src.manifest.datasets.at(n);
    std::vector<store::SegmentMeta> segments;
    CopyReport::Dataset r{n, meta.vintages.size(), 0, 0};
    TRADESTAT_RETURN_IF_ERROR(src.for_each_segment(
        n, [&](const store::SegmentMeta& s, const store::RowBatch& b) -> Status {
          TRADESTAT_ASSIGN_OR_RETURN(store::SegmentMeta w, sink->Write(n, meta, s, b));
          segments.push_back(std::move(w));
          r.segments++;
          r.rows += b.size();
          return Status::Ok();
        }));
    if (segments.size() != meta.segments.size())
      return Status::Corruption(
          fmt::format("copy: {}: dataset {} lists {} segments, {} were found; nothing was copied",
                      source, n, meta.segments.size(), segments.size()));
    meta.segments = std::move(segments);
    out[n] = {meta, src.dictionaries[n]};
    report.datasets.push_back(r);
  }
  TRADESTAT_RETURN_IF_ERROR(sink->Commit(out));
  return report;
}

}  // namespace tradestat::clickhouse
