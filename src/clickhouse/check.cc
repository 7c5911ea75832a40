// clickhouse/check.cc: `tradestat check clickhouse://...`: every segment's rows against its manifest entry.
#include "clickhouse/check.h"

#include <charconv>
#include <map>
#include <set>

#include <fmt/format.h>

#include "clickhouse/clickhouse_store.h"

namespace tradestat::clickhouse {
namespace {

using core::Status;

core::Result<int64_t> Num(std::string_view s) {
  int64_t v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size())
    return Status::Corruption(fmt::format("ClickHouse answered \"{}\" where a number was expected", s));
  return v;
}

struct Found {
  uint64_t rows = 0, negatives = 0;
  std::map<uint8_t, std::vector<__int128>> sums;  // flow -> per currency
};

}  // namespace

core::Result<std::vector<CheckLine>> CheckStore(const std::string& url, const std::string& only_dataset) {
  TRADESTAT_ASSIGN_OR_RETURN(auto ch, ClickHouseStore::Connect(url));
  TRADESTAT_ASSIGN_OR_RETURN(State state, ch->ReadState());
  std::vector<CheckLine> out;
  const int ncur = store::kMaxCurrencies;
  std::string sums, negative = "0";
  for (int c = 0; c < ncur; ++c) {
    sums += fmt::format(", sum(intDiv(value{0}, 4294967296)), sum(value{0} % 4294967296)", c);
    negative += fmt::format(" OR value{} < 0", c);
  }
  // (dataset, segment) -> what the shard holding it has.
  std::map<std::pair<std::string, uint64_t>, Found> found;
  std::set<std::string> seen;
  for (const Client& shard : ch->shards()) {
    if (!seen.insert(shard.endpoint().ToString()).second) continue;
    TRADESTAT_ASSIGN_OR_RETURN(
        std::string body,
        shard.Query(fmt::format("SELECT dataset, segment, flow, count(), countIf({}){} FROM {} GROUP BY dataset, "
                                "segment, flow FORMAT TabSeparated",
                                negative, sums, ch->LocalTable())));
    for (const auto& f : SplitTsv(body)) {
      if (f.size() != static_cast<size_t>(5 + 2 * ncur)) return Status::Corruption("ClickHouse: unexpected check row");
      TRADESTAT_ASSIGN_OR_RETURN(int64_t seg, Num(f[1]));
      TRADESTAT_ASSIGN_OR_RETURN(int64_t flow, Num(f[2]));
      TRADESTAT_ASSIGN_OR_RETURN(int64_t rows, Num(f[3]));
      TRADESTAT_ASSIGN_OR_RETURN(int64_t neg, Num(f[4]));
      Found& e = found[{UnescapeTsv(f[0]), static_cast<uint64_t>(seg)}];
      e.rows += static_cast<uint64_t>(rows);
      e.negatives += static_cast<uint64_t>(neg);
      auto& s = e.sums[static_cast<uint8_t>(flow)];
      s.assign(ncur, 0);
      for (int c = 0; c < ncur; ++c) {
        TRADESTAT_ASSIGN_OR_RETURN(int64_t hi, Num(f[5 + 2 * c]));
        TRADESTAT_ASSIGN_OR_RETURN(int64_t lo, Num(f[6 + 2 * c]));
        s[c] = static_cast<__int128>(hi) * (__int128{1} << 32) + lo;
      }
    }
  }
  for (const auto& [name, meta] : state.manifest.datasets) {
    if (!only_dataset.empty() && name != only_dataset) continue;
    out.push_back({CheckLine::kDataset, name});
    const size_t nc = meta.currencies.size();
    const uint32_t v = meta.current_vintage();
    size_t live = 0, bad = 0;
    for (const auto& s : meta.segments) {
      if (!s.LiveAt(v)) continue;
      ++live;
      auto it = found.find({name, s.id});
      const Found none;
      const Found& e = it == found.end() ? none : it->second;
      const std::string what = fmt::format("segment {} ({}) on {}", s.id, s.period.ToString(),
                                           ch->shards()[s.id % ch->shards().size()].endpoint().ToString());
      if (e.rows != s.rows) {
        ++bad;
        out.push_back({CheckLine::kFail, fmt::format("{}: {} rows on the shard, the manifest records {}", what, e.rows, s.rows)});
        continue;
      }
      if (e.negatives) {
        ++bad;
        out.push_back({CheckLine::kFail, fmt::format("{}: {} rows with a negative value", what, e.negatives)});
      }
      // The shard's sums per flow, in the form the manifest records (a flow with no rows sums to 0).
      store::FlowSums sums;
      for (auto& m : sums.main) m.assign(nc, 0);
      for (const auto& [flow, sumv] : e.sums) {
        std::vector<__int128> t(sumv.begin(), sumv.begin() + static_cast<long>(nc));
        if (store::IsMainFlow(flow)) sums.main[flow] = std::move(t);
        else sums.sub[flow] = std::move(t);
      }
      if (!store::RecordedTotalsAgree(s, sums)) {
        ++bad;
        out.push_back({CheckLine::kFail, fmt::format("{}: recorded totals differ from the sum of its rows", what)});
      }
    }
    if (bad == 0)
      out.push_back({CheckLine::kOk, fmt::format("{} segment{}: row counts and recorded totals verified on the shards, "
                                                 "no negative values",
                                                 live, live == 1 ? "" : "s")});
    out.push_back({CheckLine::kSkip,
                   "partners add up to World, months add up to years: not computed on a clickhouse:// store "
                   "(check an embedded copy: tradestat copy URL DIR --dataset NAME)"});
  }
  // Rows no manifest entry lists.
  std::set<std::pair<std::string, uint64_t>> listed;
  for (const auto& [name, meta] : state.manifest.datasets)
    for (const auto& s : meta.segments) listed.insert({name, s.id});
  uint64_t stray = 0, interrupted = 0;
  for (const auto& [key, e] : found) {
    if (listed.count(key)) continue;
    (key.second >= state.manifest.next_file_id ? interrupted : stray) += e.rows;
  }
  if (stray)
    out.push_back({CheckLine::kFail, fmt::format("{} rows on the shards belong to no committed segment", stray)});
  if (interrupted && only_dataset.empty())
    out.push_back({CheckLine::kOk, fmt::format("{} rows of an interrupted load are invisible; the next writer removes them",
                                               interrupted)});
  return out;
}

}  // namespace tradestat::clickhouse
