// cli/vintage_arg.cc: vintage arguments and the as-of catalog.
#include "cli/vintage_arg.h"

#include <fmt/format.h>

#include "core/strings.h"
#include "query/store_source.h"

namespace tradestat::cli {

core::Result<uint32_t> ResolveVintage(const store::DatasetMeta& d, const std::string& text_in,
                                      std::string_view option) {
  std::string text(core::Trim(text_in));
  std::string digits =
      (!text.empty() && (text[0] == 'v' || text[0] == 'V')) ? text.substr(1) : text;
  if (!digits.empty() && core::IsDigits(digits) && digits.size() <= 9) {
    uint32_t id = static_cast<uint32_t>(std::stoul(digits));
    for (const auto& v : d.vintages)
      if (v.id == id) return id;
    return core::Status::NotFound(fmt::format("{}: dataset '{}' has no vintage {} (vintages 1..{})",
                                              option, d.name, id, d.current_vintage()));
  }
  // Manifest times are "YYYY-MM-DDTHH:MM:SSZ": string order is time order.
  bool date_only = text.size() == 10 && text[4] == '-' && text[7] == '-';
  bool date_time = text.size() >= 16 && text[4] == '-' && text[7] == '-' && text[10] == 'T';
  if (!date_only && !date_time)
    return core::Status::InvalidArgument(
        fmt::format("{}: \"{}\" is neither a vintage number (3) nor a date (2026-11-28 or "
                    "2026-11-28T18:00:00Z)",
                    option, text));
  std::string limit = date_only ? text + "T23:59:59Z" : text;
  uint32_t found = 0;
  for (const auto& v : d.vintages)
    if (v.time <= limit) found = v.id;
  if (found == 0)
    return core::Status::NotFound(
        fmt::format("{}: dataset '{}' did not exist yet on {} (first load {})", option, d.name,
                    text, d.vintages.empty() ? "-" : d.vintages.front().time));
  return found;
}

namespace {

class AsOf : public query::Catalog {
 public:
  AsOf(const store::Store& store, std::string as_of)
      : store_(store), inner_(store), as_of_(std::move(as_of)) {}
  core::Result<std::string> DefaultDataset() const override { return inner_.DefaultDataset(); }
  core::Result<std::shared_ptr<const query::DatasetSource>> Open(
      const std::string& name) const override {
    if (!store_.HasDataset(name)) return inner_.Open(name);  // its NotFound message
    TRADESTAT_ASSIGN_OR_RETURN(uint32_t v,
                               ResolveVintage(store_.manifest().datasets.at(name), as_of_));
    TRADESTAT_ASSIGN_OR_RETURN(auto snapshot, store_.Dataset(name, v));
    return query::SnapshotSource(std::move(snapshot));
  }

 private:
  const store::Store& store_;
  query::StoreCatalog inner_;
  std::string as_of_;
};

}  // namespace

core::Result<Cells> CollectCells(const store::DatasetSnapshot& snap) {
  TRADESTAT_ASSIGN_OR_RETURN(auto segments, snap.AllSegments());
  Cells cells;
  size_t nc = snap.currencies().size();
  auto text = [&](store::Dim d, uint32_t code) -> std::string {
    const auto& dict = snap.dictionary(d);
    return code < dict.size() ? dict.Value(code) : std::string();
  };
  for (const auto& s : segments) {
    std::string period = s.period.ToString();
    for (uint64_t r = 0; r < s.rows; ++r) {
      CellKey k{period,
                std::string(store::FlowCode(s.flow[r])),
                text(store::Dim::kReporter, s.reporter[r]),
                text(store::Dim::kPartner, s.partner[r]),
                text(store::Dim::kCommodity, s.commodity[r]),
                s.trade_mode ? text(store::Dim::kTradeMode, s.trade_mode[r]) : std::string(),
                s.enterprise_type ? text(store::Dim::kEnterpriseType, s.enterprise_type[r])
                                  : std::string()};
      auto& v = cells[k];
      if (v.empty()) v.assign(nc, 0);
      for (size_t c = 0; c < nc; ++c) v[c] += s.values[c][r];
    }
  }
  return cells;
}

std::unique_ptr<query::Catalog> AsOfCatalog(const store::Store& store, std::string as_of) {
  return std::make_unique<AsOf>(store, std::move(as_of));
}

}  // namespace tradestat::cli
