// query/store_source.cc: DatasetSource over a DatasetSnapshot.
#include "query/store_source.h"

#include <fmt/format.h>

namespace tradestat::query {
namespace {

class SnapshotDataset : public DatasetSource {
 public:
  explicit SnapshotDataset(std::shared_ptr<const store::DatasetSnapshot> s) : s_(std::move(s)) {}
  const std::string& name() const override { return s_->name(); }
  const std::vector<std::string>& currencies() const override { return s_->currencies(); }
  int money_scale() const override { return s_->meta().money_scale; }
  const store::Dictionary& dictionary(store::Dim d) const override { return s_->dictionary(d); }
  std::vector<core::Period> Periods() const override { return s_->Periods(); }
  core::Result<std::vector<store::SegmentView>> Segments(core::Period from, core::Period to,
                                                         uint64_t columns) const override {
    return s_->Segments(from, to, columns, store::Access::kBlocks);  // the scan decodes blocks
  }

 private:
  std::shared_ptr<const store::DatasetSnapshot> s_;
};

}  // namespace

std::shared_ptr<const DatasetSource> SnapshotSource(
    std::shared_ptr<const store::DatasetSnapshot> snapshot) {
  return std::make_shared<SnapshotDataset>(std::move(snapshot));
}

core::Result<std::string> StoreCatalog::DefaultDataset() const {
  auto names = store_.DatasetNames();
  if (names.empty())
    return core::Status::NotFound(
        fmt::format("store {} has no datasets; load one with 'tradestat load'", store_.path()));
  if (names.size() > 1) {
    // Never a silent choice: the alphabetically first of several is rarely the one meant.
    std::string list;
    for (const auto& n : names) list += (list.empty() ? "" : ", ") + n;
    return core::Status::InvalidArgument(
        fmt::format("--dataset: the store holds {} datasets ({}); name one with --dataset NAME",
                    names.size(), list));
  }
  return names.front();
}

core::Result<std::shared_ptr<const DatasetSource>> StoreCatalog::Open(
    const std::string& name) const {
  if (!store_.HasDataset(name)) {
    std::string list;
    for (const auto& n : store_.DatasetNames()) list += (list.empty() ? "" : ", ") + n;
    return core::Status::NotFound(
        fmt::format("--dataset: no dataset \"{}\" in the store; datasets: {}", name,
                    list.empty() ? "(none)" : list));
  }
  std::lock_guard<std::mutex> lock(mu_);
  auto it = open_.find(name);
  if (it != open_.end()) return it->second;
  TRADESTAT_ASSIGN_OR_RETURN(auto snapshot, store_.Dataset(name));
  auto source = SnapshotSource(std::move(snapshot));
  open_.emplace(name, source);
  return source;
}

}  // namespace tradestat::query
