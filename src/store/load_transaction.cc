// store/load_transaction.cc: buffering, spilling, and the manifest commit of a load.
#include "store/load_transaction.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <set>

#include <fmt/format.h>

#include "core/hash.h"
#include "store/segment_format.h"
#include "store/store_paths.h"

namespace tradestat::store {

struct LoadTransaction::PeriodBuffer {
  RowBatch rows;
};

std::string UtcNow() {
  std::time_t t = std::time(nullptr);
  std::tm tm;
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

Result<std::unique_ptr<LoadTransaction>> LoadTransaction::Begin(const std::string& store_path,
                                                                const std::string& dataset,
                                                                Options options) {
  if (dataset.empty() ||
      dataset.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789_-") != std::string::npos)
    return Status::InvalidArgument(fmt::format(
        "dataset name '{}' is not valid; use lower-case letters, digits, '_' and '-'", dataset));
  if (options.currencies.empty() || options.currencies.size() > static_cast<size_t>(kMaxCurrencies))
    return Status::InvalidArgument(fmt::format("a load needs 1 to {} currencies", kMaxCurrencies));
  if (!core::PathExists(ManifestPath(store_path)))
    return Status::NotFound(
        fmt::format("no store at {}; create one with 'tradestat init {}'", store_path, store_path));

  std::unique_ptr<LoadTransaction> tx(new LoadTransaction());
  tx->root_ = store_path;
  tx->dataset_ = dataset;
  tx->options_ = options;
  if (!options.dry_run) {
    TRADESTAT_ASSIGN_OR_RETURN(tx->lock_, core::FileLock::Acquire(LockPath(store_path)));
  }
  TRADESTAT_ASSIGN_OR_RETURN(std::string text, core::ReadFileToString(ManifestPath(store_path)));
  TRADESTAT_ASSIGN_OR_RETURN(tx->manifest_, ParseManifest(text, ManifestPath(store_path)));
  if (!options.dry_run)
    TRADESTAT_RETURN_IF_ERROR(RemoveUnreferencedFiles(store_path, tx->manifest_));

  tx->dictionaries_.resize(kDimCount);
  std::vector<std::string> dataset_currencies = options.currencies;
  auto it = tx->manifest_.datasets.find(dataset);
  if (it != tx->manifest_.datasets.end()) {
    tx->existing_ = it->second;
    dataset_currencies = it->second.currencies;
    std::set<std::string> have(dataset_currencies.begin(), dataset_currencies.end());
    std::set<std::string> given(options.currencies.begin(), options.currencies.end());
    if (have != given) {
      return Status::InvalidArgument(fmt::format(
          "dataset '{}' stores values in {} but the input has value columns for {}; give the same "
          "value_<currency> columns or load into another dataset",
          dataset, fmt::join(dataset_currencies, ", "), fmt::join(options.currencies, ", ")));
    }
    if (it->second.money_scale != options.money_scale)
      return Status::InvalidArgument(
          fmt::format("dataset '{}' keeps money at {} decimals (its money scale, fixed by its "
                      "first load), not {}; load "
                      "values of another precision into another dataset",
                      dataset, it->second.money_scale, options.money_scale));
    for (int d = 0; d < kDimCount; ++d) {
      const DictionaryMeta& dm = it->second.dictionaries[d];
      if (dm.file.empty()) continue;
      std::string path = store_path + "/" + dm.file;
      TRADESTAT_ASSIGN_OR_RETURN(std::string dict_text, core::ReadFileToString(path));
      if (core::HashToHex(core::Hash64(dict_text)) != dm.hash)
        return Status::Corruption(
            fmt::format("corrupt store: {}: dictionary does not match the manifest", path));
      TRADESTAT_ASSIGN_OR_RETURN(auto values, DecodeDictionary(dict_text, path));
      tx->dictionaries_[d] = Dictionary(std::move(values));
    }
  } else {
    // Optional dimensions reserve code 0 for "not given".
    for (Dim d : {Dim::kTradeMode, Dim::kEnterpriseType, Dim::kUnit}) tx->dictionary(d).Intern("");
  }
  for (const auto& c : dataset_currencies) {
    auto pos = std::find(options.currencies.begin(), options.currencies.end(), c);
    tx->currency_map_.push_back(static_cast<int>(pos - options.currencies.begin()));
  }
  tx->options_.currencies = dataset_currencies;
  return tx;
}

LoadTransaction::~LoadTransaction() {
  if (!done_) Abort();
}

const VintageMeta* LoadTransaction::FindLoadedContent(const std::string& content_hash) const {
  if (!existing_) return nullptr;
  for (const auto& v : existing_->vintages)
    for (const auto& f : v.files)
      if (f.content_hash == content_hash) return &v;
  return nullptr;
}

Status LoadTransaction::Append(const RowBatch& batch) {
  size_t n = batch.size();
  int32_t last_key = -1;
  RowBatch* bp = nullptr;
  for (size_t r = 0; r < n; ++r) {
    if (batch.period_key[r] != last_key || bp == nullptr) {
      last_key = batch.period_key[r];
      auto& slot = buffers_[last_key];
      if (!slot) slot = std::make_unique<PeriodBuffer>();
      bp = &slot->rows;
    }
    RowBatch& b = *bp;
    b.flow.push_back(batch.flow[r]);
    b.reporter.push_back(batch.reporter[r]);
    b.partner.push_back(batch.partner[r]);
    b.commodity.push_back(batch.commodity[r]);
    b.trade_mode.push_back(batch.trade_mode[r]);
    b.enterprise_type.push_back(batch.enterprise_type[r]);
    b.unit.push_back(batch.unit[r]);
    b.quantity.push_back(batch.quantity.empty() ? kNoQuantity : batch.quantity[r]);
    for (size_t c = 0; c < currency_map_.size(); ++c)
      b.values[c].push_back(batch.values[currency_map_[c]][r]);
  }
  buffered_rows_ += n;
  rows_appended_ += n;
  while (buffered_rows_ > options_.max_buffered_rows) TRADESTAT_RETURN_IF_ERROR(SpillLargest());
  return Status::Ok();
}

std::vector<core::Period> LoadTransaction::periods_written() const {
  std::set<core::Period> periods;
  for (const auto& s : new_segments_) periods.insert(s.period);
  return {periods.begin(), periods.end()};
}

Status LoadTransaction::SpillLargest() {
  int32_t best = 0;
  size_t best_rows = 0;
  for (const auto& [key, buf] : buffers_)
    if (buf && buf->rows.size() > best_rows) best = key, best_rows = buf->rows.size();
  return Spill(best);
}

Status LoadTransaction::Spill(int32_t period_key) {
  auto it = buffers_.find(period_key);
  if (it == buffers_.end() || !it->second || it->second->rows.size() == 0) return Status::Ok();
  RowBatch& b = it->second->rows;
  core::Period period = core::Period::FromKey(period_key);
  SegmentMeta meta;
  meta.period = period;
  meta.rows = b.size();
  // X and M totals, and the "of which" flows' own totals (never in X or M).
  std::array<const int64_t*, kMaxCurrencies> values{};
  for (size_t c = 0; c < currency_map_.size(); ++c) values[c] = b.values[c].data();
  FlowSums sums = SumByFlow(b.flow.data(), values, currency_map_.size(), b.size());
  meta.totals = std::move(sums.main);
  meta.sub_totals = std::move(sums.sub);
  bool any_quantity =
      std::any_of(b.quantity.begin(), b.quantity.end(), [](int64_t q) { return q != kNoQuantity; });
  if (!options_.dry_run) {
    std::vector<ColumnData> cols = SegmentColumnsOf(b, currency_map_.size());
    meta.id = manifest_.next_file_id++;
    std::string bytes =
        EncodeSegment(period, b.size(), cols, meta.id,
                      options_.segment_format ? options_.segment_format : kSegmentFormatWritten);
    meta.file = SegmentRelPath(dataset_, period, meta.id);
    meta.bytes = bytes.size();
    meta.file_hash = core::HashToHex(core::Hash64(bytes));
    std::string path = root_ + "/" + meta.file;
    TRADESTAT_RETURN_IF_ERROR(
        core::MakeDirectories(std::filesystem::path(path).parent_path().string()));
    written_files_.push_back(path);
    TRADESTAT_RETURN_IF_ERROR(core::WriteNewFile(path, bytes));
  }
  new_segments_.push_back(std::move(meta));
  has_quantity_ = has_quantity_ || any_quantity;
  buffered_rows_ -= b.size();
  it->second.reset();
  buffers_.erase(it);
  return Status::Ok();
}

Result<uint32_t> LoadTransaction::Commit(const std::vector<LoadedFile>& files) {
  std::vector<int32_t> keys;
  for (const auto& [key, buf] : buffers_) keys.push_back(key);
  for (int32_t key : keys) TRADESTAT_RETURN_IF_ERROR(Spill(key));
  for (int d = 0; d < kDimCount; ++d) {
    size_t limit = d == static_cast<int>(Dim::kCommodity) ? 0xFFFFFFFFu : 0xFFFFu;
    if (dictionaries_[d].size() > limit)
      return Status::Unsupported(fmt::format("too many distinct {} values ({}); the limit is {}",
                                             kDimNames[d], dictionaries_[d].size(), limit));
  }
  DatasetMeta meta;
  if (existing_) {
    meta = *existing_;
  } else {
    meta.name = dataset_;
    meta.created = UtcNow();
    meta.currencies = options_.currencies;
    meta.money_scale = options_.money_scale;
  }
  uint32_t vintage = meta.current_vintage() + 1;
  if (options_.dry_run) {
    done_ = true;
    return vintage;
  }
  // Dictionaries that grew get a new file; codes already used keep their meaning. The old file
  // is retired, not removed: a reader of an older manifest may still open it.
  std::vector<std::string> superseded;
  for (int d = 0; d < kDimCount; ++d) {
    DictionaryMeta& dm = meta.dictionaries[d];
    if (dictionaries_[d].size() == dm.count) continue;
    superseded.push_back(dm.file);
    std::string text = EncodeDictionary(dictionaries_[d].values());
    dm.file = DictionaryRelPath(dataset_, static_cast<Dim>(d), manifest_.next_file_id++);
    dm.count = static_cast<uint32_t>(dictionaries_[d].size());
    dm.hash = core::HashToHex(core::Hash64(text));
    std::string path = root_ + "/" + dm.file;
    TRADESTAT_RETURN_IF_ERROR(
        core::MakeDirectories(std::filesystem::path(path).parent_path().string()));
    written_files_.push_back(path);
    TRADESTAT_RETURN_IF_ERROR(core::WriteNewFile(path, text));
  }
  std::set<std::string> dirs;
  for (const auto& f : written_files_) dirs.insert(std::filesystem::path(f).parent_path().string());
  for (const auto& d : dirs) TRADESTAT_RETURN_IF_ERROR(core::SyncDirectory(d));

  VintageMeta v;
  v.id = vintage;
  v.time = UtcNow();
  v.action = options_.mode == Mode::kReplace ? "replace" : "load";
  v.files = files;
  if (options_.mode == Mode::kReplace) {
    std::set<core::Period> periods;
    for (const auto& s : new_segments_) periods.insert(s.period);
    for (auto& s : meta.segments) {
      if (!s.removed && periods.count(s.period)) s.removed = vintage;
    }
    for (const auto& p : periods) v.replaced_periods.push_back(p.ToString());
  }
  for (auto& s : new_segments_) {
    s.added = vintage;
    meta.segments.push_back(s);
  }
  meta.has_quantity = meta.has_quantity || has_quantity_;
  meta.vintages.push_back(std::move(v));
  manifest_.datasets[dataset_] = std::move(meta);
  bool committed = false;
  Status st = CommitManifest(root_, manifest_, superseded, &committed);
  if (committed) {
    written_files_.clear();  // from here on every file written belongs to the store
    done_ = true;
  }
  if (!st.ok()) return st;
  return vintage;
}

void LoadTransaction::Abort() {
  // Only files this transaction created, and only before its commit point (Commit() clears the
  // list once the manifest names them). Errors are ignored: the next writer removes leftovers.
  for (const auto& f : written_files_) (void)core::RemoveFile(f);
  written_files_.clear();
  done_ = true;
}

Status CommittedButNotSynced(const Status& sync_error) {
  return Status::Io("committed, but the directory could not be synced: " + sync_error.message() +
                    " (the new version is in place and readable; it may not survive a power loss)");
}

Status CommitManifest(const std::string& root, Manifest& manifest,
                      const std::vector<std::string>& superseded, bool* committed) {
  AdvanceGeneration(manifest, superseded, static_cast<int64_t>(std::time(nullptr)));
  bool renamed = false;
  Status st = core::WriteFileDurably(ManifestPath(root), SerializeManifest(manifest), &renamed);
  *committed = renamed;  // the rename is the commit point
  if (renamed && !st.ok()) return CommittedButNotSynced(st);
  return st;
}

Status RemoveUnreferencedFiles(const std::string& root, const Manifest& manifest) {
  std::set<std::string> referenced;
  for (const auto& [name, d] : manifest.datasets) {
    for (const auto& s : d.segments) referenced.insert(s.file);
    for (const auto& dm : d.dictionaries) referenced.insert(dm.file);
  }
  for (const auto& r : manifest.reference_files) referenced.insert(r.file);
  for (const auto& r : manifest.retired) referenced.insert(r.file);  // a reader may still use them
  namespace fs = std::filesystem;
  const std::string prefix = (fs::path(root) / "").string();  // "root/"
  std::error_code ec;
  auto walk_error = [&](const fs::path& p) {
    return Status::Io(fmt::format("cannot list {}: {}", p.string(), ec.message()));
  };
  for (const char* top : {"data", "ref"}) {
    fs::path dir = fs::path(root) / top;
    if (!fs::exists(dir, ec)) {
      if (ec) return walk_error(dir);
      continue;
    }
    fs::recursive_directory_iterator it(dir, ec), end;
    if (ec) return walk_error(dir);
    for (; it != end; it.increment(ec)) {
      if (ec) return walk_error(dir);
      if (!it->is_regular_file(ec)) continue;
      // Entries are root/top/...: strip "root/" textually (fs::relative resolves symlinks,
      // a readlink per path component per file).
      std::string full = it->path().string();
      std::string rel = full.substr(std::min(full.size(), prefix.size()));
      if (!referenced.count(rel)) (void)core::RemoveFile(it->path().string());  // best effort
    }
    if (ec) return walk_error(dir);
  }
  (void)core::RemoveFile(ManifestPath(root) + ".tmp");
  return Status::Ok();
}

}  // namespace tradestat::store
