// query/testing/memory_dataset.h: an in-memory dataset of records for engine tests.
//
// Records are appended with string dimensions; Build() freezes them into per-period columns
// and SegmentViews over vectors this object owns, like the store would map them.
#pragma once

#include <algorithm>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "query/dataset_source.h"

namespace tradestat::query::testing {

struct Record {
  std::string period;  // "2023-06" or "2023"
  std::string flow;    // "X" or "M"
  std::string reporter, partner, commodity, trade_mode, enterprise_type;
  std::vector<int64_t> values;            // minor units, per currency
  std::string unit;                       // "" = not given
  int64_t quantity = store::kNoQuantity;  // thousandths
};

class MemoryDataset : public DatasetSource {
 public:
  MemoryDataset(std::string name, std::vector<std::string> currencies)
      : name_(std::move(name)), currencies_(std::move(currencies)) {
    for (auto& d : dicts_) d.Intern("");  // code 0 = not given, as in the store
  }
  void Add(const Record& r) {
    Columns& c = by_period_[core::Period::Parse(r.period).value().key()];
    c.flow.push_back(
        static_cast<uint8_t>(store::FlowFromText(r.flow).value_or(store::Flow::kImport)));
    c.reporter.push_back(static_cast<uint16_t>(dicts_[0].Intern(r.reporter)));
    c.partner.push_back(static_cast<uint16_t>(dicts_[1].Intern(r.partner)));
    c.commodity.push_back(dicts_[2].Intern(r.commodity));
    c.trade_mode.push_back(static_cast<uint16_t>(dicts_[3].Intern(r.trade_mode)));
    c.enterprise_type.push_back(static_cast<uint16_t>(dicts_[4].Intern(r.enterprise_type)));
    c.unit.push_back(static_cast<uint16_t>(dicts_[5].Intern(r.unit)));
    c.quantity.push_back(r.quantity);
    c.values.resize(currencies_.size());
    for (size_t i = 0; i < currencies_.size(); ++i)
      c.values[i].push_back(i < r.values.size() ? r.values[i] : 0);
  }

  const std::string& name() const override { return name_; }
  const std::vector<std::string>& currencies() const override { return currencies_; }
  const store::Dictionary& dictionary(store::Dim d) const override {
    return dicts_[static_cast<int>(d)];
  }
  std::vector<core::Period> Periods() const override {
    std::vector<core::Period> out;
    for (const auto& [k, c] : by_period_) out.push_back(core::Period::FromKey(k));
    return out;
  }
  core::Result<std::vector<store::SegmentView>> Segments(core::Period from, core::Period to,
                                                         uint64_t) const override {
    std::vector<store::SegmentView> out;
    for (const auto& [k, c] : by_period_) {
      core::Period p = core::Period::FromKey(k);
      bool in = p.is_annual() ? (from.year() <= p.year() && p.year() <= to.year())
                              : (from <= p && p <= to);
      if (!in) continue;
      store::SegmentView v;
      v.period = p;
      v.rows = c.flow.size();
      v.flow = c.flow.data();
      v.reporter = c.reporter.data();
      v.partner = c.partner.data();
      v.commodity = c.commodity.data();
      v.trade_mode = c.trade_mode.data();
      v.enterprise_type = c.enterprise_type.data();
      v.unit = c.unit.data();
      v.quantity = c.quantity.data();
      for (size_t i = 0; i < c.values.size(); ++i) v.values[i] = c.values[i].data();
      out.push_back(v);
    }
    return out;
  }

 private:
  struct Columns {
    std::vector<uint8_t> flow;
    std::vector<uint16_t> reporter, partner, trade_mode, enterprise_type, unit;
    std::vector<int64_t> quantity;
    std::vector<uint32_t> commodity;
    std::vector<std::vector<int64_t>> values;
  };
  std::string name_;
  std::vector<std::string> currencies_;
  std::array<store::Dictionary, store::kDimCount> dicts_;
  std::map<int32_t, Columns> by_period_;
};

class MemoryCatalog : public Catalog {
 public:
  void Add(std::shared_ptr<MemoryDataset> d) { datasets_.push_back(std::move(d)); }
  core::Result<std::string> DefaultDataset() const override {
    if (datasets_.empty()) return core::Status::NotFound("no datasets");
    return datasets_.front()->name();
  }
  core::Result<std::shared_ptr<const DatasetSource>> Open(const std::string& name) const override {
    for (const auto& d : datasets_)
      if (d->name() == name) return std::shared_ptr<const DatasetSource>(d);
    return core::Status::NotFound("--dataset: no dataset \"" + name + "\"");
  }

 private:
  std::vector<std::shared_ptr<MemoryDataset>> datasets_;
};

}  // namespace tradestat::query::testing
