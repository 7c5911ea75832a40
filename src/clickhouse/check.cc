// clickhouse/check.cc: `tradestat check clickhouse://...`: every segment's rows against its
// manifest entry, and the partners/World and months/year invariants computed by the cluster.
#include "clickhouse/check.h"

#include <algorithm>
#include <charconv>
#include <map>
#include <set>

#include <fmt/format.h>

#include "clickhouse/clickhouse_store.h"
#include "core/decimal.h"

namespace tradestat::clickhouse {
namespace {

using core::Status;

core::Result<int64_t> Num(std::string_view s) {
  int64_t v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size())
    return Status::Corruption(
        fmt::format("ClickHouse answered \"{}\" where a number was expected", s));
  return v;
}

struct Found {
  uint64_t rows = 0, negatives = 0;
  std::map<uint8_t, std::vector<__int128>> sums;  // flow -> per currency
};

// A money value of a dataset stored at `scale` decimals (DatasetMeta::money_scale).
std::string Money(__int128 v, int scale) {
  bool neg = v < 0;
  return (neg ? "-" : "") + core::FormatScaled(neg ? -v : v, scale);
}

// Rows a sum-invariant query returns at most (the rows that break it, or nearly: the SQL filter
// is approximate, in Float64, and lets through what the exact test here then decides).
constexpr int kMaxFailingRows = 100000;

// sum(v) exactly as two Int64 sums of its high and low 32 bits (ClickHouse 18 has no Int128),
// over the rows where `cond` holds: "<prefix>h<c>" and "<prefix>l<c>".
std::string SplitSums(size_t nc, const std::string& cond, const std::string& prefix) {
  std::string out;
  for (size_t c = 0; c < nc; ++c)
    out += fmt::format(
        ", sumIf(intDiv(value{0}, 4294967296), {1}) AS {2}h{0}, sumIf(value{0} % 4294967296, {1}) "
        "AS {2}l{0}",
        c, cond, prefix);
  return out;
}
// SQL: |a - b| (approximately, Float64) above `tolerance` for some currency.
std::string Breaks(size_t nc, const std::string& a, const std::string& b,
                   const std::string& tolerance) {
  std::string out;
  for (size_t c = 0; c < nc; ++c)
    out += fmt::format(
        "{0}abs(toFloat64({1}h{2} - {3}h{2}) * 4294967296 + toFloat64({1}l{2} - {3}l{2})) > ({4}) "
        "* 0.999999 - 1",
        c ? " OR " : "", a, c, b, tolerance);
  return out;
}
core::Result<__int128> Split(const std::vector<std::string_view>& f, size_t at) {
  TRADESTAT_ASSIGN_OR_RETURN(int64_t hi, Num(f[at]));
  TRADESTAT_ASSIGN_OR_RETURN(int64_t lo, Num(f[at + 1]));
  return static_cast<__int128>(hi) * (__int128{1} << 32) + lo;
}

struct Failing {
  std::vector<std::string> key;  // texts, in the order the embedded check sorts them
  size_t currency;
  std::string message;
  bool operator<(const Failing& o) const {
    return key != o.key ? key < o.key : currency < o.currency;
  }
};

// The partners/World and months/year invariants of one dataset, as `tradestat check` computes
// them on an embedded store (cli/check_command.cc): same groups, tolerances and messages.
core::Status SumInvariants(const ClickHouseStore& ch, const State& state, const std::string& name,
                           const std::string& world, std::vector<CheckLine>* out) {
  const store::DatasetMeta& meta = state.manifest.datasets.at(name);
  const size_t nc = meta.currencies.size();
  const uint32_t v = meta.current_vintage();
  // Tolerances as in the embedded check: one currency unit per part, at the dataset's scale.
  const int scale = meta.money_scale;
  int64_t unit = 1;
  for (int i = 0; i < scale; ++i) unit *= 10;
  auto Money = [scale](__int128 x) { return clickhouse::Money(x, scale); };
  static const std::array<std::vector<std::string>, store::kDimCount> kNone;
  auto d = state.dictionaries.find(name);
  const auto& dicts = d == state.dictionaries.end() ? kNone : d->second;
  auto text = [&](store::Dim dim, int64_t code) -> std::string {
    const auto& t = dicts[static_cast<int>(dim)];
    return code >= 0 && static_cast<size_t>(code) < t.size() ? t[code] : std::string();
  };
  std::string ids, world_codes;
  for (const auto& s : meta.segments)
    if (s.LiveAt(v)) ids += fmt::format("{}{}", ids.empty() ? "" : ",", s.id);
  const auto& partners = dicts[static_cast<int>(store::Dim::kPartner)];
  for (size_t c = 0; c < partners.size(); ++c)
    if (partners[c] == world) world_codes += fmt::format("{}{}", world_codes.empty() ? "" : ",", c);
  const std::string from = fmt::format("FROM {} WHERE dataset = {} AND segment IN ({})",
                                       ch.ReadTable(), Quote(name), ids);

  // Partners add up to World.
  uint64_t groups = 0;
  std::vector<Failing> failing;
  if (!ids.empty() && !world_codes.empty()) {
    const std::string w = fmt::format("partner IN ({})", world_codes),
                      o = fmt::format("partner NOT IN ({})", world_codes);
    std::string has_world;
    for (size_t c = 0; c < nc; ++c)
      has_world += fmt::format("{0}wh{1} * 4294967296 + wl{1} != 0", c ? " OR " : "", c);
    const std::string inner = fmt::format(
        "SELECT period, flow, reporter, commodity, trade_mode, enterprise_type, "
        "uniqExactIf(partner, {}) AS np{}{} {} "
        "GROUP BY period, flow, reporter, commodity, trade_mode, enterprise_type HAVING np > 0 AND "
        "({})",
        o, SplitSums(nc, w, "w"), SplitSums(nc, o, "o"), from, has_world);
    TRADESTAT_ASSIGN_OR_RETURN(
        std::string n, ch.ReadQuery("SELECT count() FROM (" + inner + ") FORMAT TabSeparated"));
    while (!n.empty() && (n.back() == '\n' || n.back() == ' ')) n.pop_back();
    TRADESTAT_ASSIGN_OR_RETURN(int64_t g, Num(n));
    groups = static_cast<uint64_t>(g);
    TRADESTAT_ASSIGN_OR_RETURN(
        std::string body,
        ch.ReadQuery(fmt::format("SELECT * FROM ({}) WHERE {} LIMIT {} FORMAT TabSeparated", inner,
                                 Breaks(nc, "w", "o", fmt::format("np * {}", unit)),
                                 kMaxFailingRows)));
    for (const auto& f : SplitTsv(body)) {
      if (f.size() != 7 + 4 * nc) return Status::Corruption("ClickHouse: unexpected check row");
      int64_t x[7];
      for (int i = 0; i < 7; ++i) {
        TRADESTAT_ASSIGN_OR_RETURN(x[i], Num(f[i]));
      }
      const std::string period = core::Period::FromKey(static_cast<int32_t>(x[0])).ToString();
      const std::string flow(store::FlowCode(static_cast<uint8_t>(x[1])));
      std::vector<std::string> key{period,
                                   flow,
                                   text(store::Dim::kReporter, x[2]),
                                   text(store::Dim::kCommodity, x[3]),
                                   text(store::Dim::kTradeMode, x[4]),
                                   text(store::Dim::kEnterpriseType, x[5])};
      for (size_t c = 0; c < nc; ++c) {
        TRADESTAT_ASSIGN_OR_RETURN(__int128 ws, Split(f, 7 + 2 * c));
        TRADESTAT_ASSIGN_OR_RETURN(__int128 os, Split(f, 7 + 2 * nc + 2 * c));
        const __int128 diff = ws - os, tolerance = static_cast<__int128>(x[6]) * unit;
        if (diff > tolerance || -diff > tolerance)
          failing.push_back(
              {key, c,
               fmt::format(
                   "partners: {} {} reporter {} commodity {}: World {} but {} partners sum to {} "
                   "(diff {})",
                   period, flow, key[2], key[3], Money(ws), x[6], Money(os), Money(diff))});
      }
    }
  }
  std::sort(failing.begin(), failing.end());
  for (const auto& f : failing) out->push_back({CheckLine::kFail, f.message});
  if (failing.empty())
    out->push_back(
        {CheckLine::kOk, fmt::format("partners add up to World in {} group{} holding both", groups,
                                     groups == 1 ? "" : "s")});

  // Months add up to years: each year stored as a year and as all twelve months.
  std::map<int, std::pair<std::string, std::string>> year_ids;  // year -> (annual ids, all ids)
  std::map<int, std::set<int>> months;
  std::set<int> annual;
  for (const auto& s : meta.segments) {
    if (!s.LiveAt(v)) continue;
    auto& [a, all] = year_ids[s.period.year()];
    all += fmt::format("{}{}", all.empty() ? "" : ",", s.id);
    if (s.period.is_annual()) {
      annual.insert(s.period.year());
      a += fmt::format("{}{}", a.empty() ? "" : ",", s.id);
    } else if (s.rows > 0) {
      months[s.period.year()].insert(s.period.month());
    }
  }
  size_t years = 0, month_failures = 0;
  for (int year : annual) {  // by number, as the embedded check orders them (4-digit years)
    if (months[year].size() != 12) continue;
    ++years;
    const auto& [a, all] = year_ids[year];
    const std::string y = fmt::format("segment IN ({})", a),
                      m = fmt::format("segment NOT IN ({})", a);
    TRADESTAT_ASSIGN_OR_RETURN(
        std::string body,
        ch.ReadQuery(fmt::format(
            "SELECT flow, reporter, partner, commodity, trade_mode, enterprise_type{}{} FROM {} "
            "WHERE "
            "dataset = {} AND segment IN ({}) GROUP BY flow, reporter, partner, commodity, "
            "trade_mode, enterprise_type HAVING {} LIMIT {} FORMAT TabSeparated",
            SplitSums(nc, y, "y"), SplitSums(nc, m, "m"), ch.ReadTable(), Quote(name), all,
            Breaks(nc, "y", "m", std::to_string(12 * unit)), kMaxFailingRows)));
    std::vector<Failing> fy;
    for (const auto& f : SplitTsv(body)) {
      if (f.size() != 6 + 4 * nc) return Status::Corruption("ClickHouse: unexpected check row");
      int64_t x[6];
      for (int i = 0; i < 6; ++i) {
        TRADESTAT_ASSIGN_OR_RETURN(x[i], Num(f[i]));
      }
      std::vector<std::string> key{std::string(store::FlowCode(static_cast<uint8_t>(x[0]))),
                                   text(store::Dim::kReporter, x[1]),
                                   text(store::Dim::kPartner, x[2]),
                                   text(store::Dim::kCommodity, x[3]),
                                   text(store::Dim::kTradeMode, x[4]),
                                   text(store::Dim::kEnterpriseType, x[5])};
      for (size_t c = 0; c < nc; ++c) {
        TRADESTAT_ASSIGN_OR_RETURN(__int128 ys, Split(f, 6 + 2 * c));
        TRADESTAT_ASSIGN_OR_RETURN(__int128 ms, Split(f, 6 + 2 * nc + 2 * c));
        const __int128 diff = ys - ms;
        if (diff > 12 * unit || diff < -12 * unit)
          fy.push_back(
              {key, c,
               fmt::format("months: {} {} {} {} {}: year {} but months sum to {} (diff {})", year,
                           key[0], key[1], key[2], key[3], Money(ys), Money(ms), Money(diff))});
      }
    }
    std::sort(fy.begin(), fy.end());
    for (const auto& f : fy) out->push_back({CheckLine::kFail, f.message});
    month_failures += fy.size();
  }
  if (month_failures == 0)
    out->push_back({CheckLine::kOk, fmt::format("months add up to years in {} year{} holding both",
                                                years, years == 1 ? "" : "s")});
  return Status::Ok();
}

}  // namespace

core::Result<std::vector<CheckLine>> CheckStore(const std::string& url,
                                                const std::string& only_dataset,
                                                const std::string& world) {
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
        shard.Query(fmt::format(
            "SELECT dataset, segment, flow, count(), countIf({}){} FROM {} GROUP BY dataset, "
            "segment, flow FORMAT TabSeparated",
            negative, sums, ch->LocalTable())));
    for (const auto& f : SplitTsv(body)) {
      if (f.size() != static_cast<size_t>(5 + 2 * ncur))
        return Status::Corruption("ClickHouse: unexpected check row");
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
      const std::string what =
          fmt::format("segment {} ({}) on {}", s.id, s.period.ToString(),
                      ch->shards()[s.id % ch->shards().size()].endpoint().ToString());
      if (e.rows != s.rows) {
        ++bad;
        out.push_back(
            {CheckLine::kFail, fmt::format("{}: {} rows on the shard, the manifest records {}",
                                           what, e.rows, s.rows)});
        continue;
      }
      if (e.negatives) {
        ++bad;
        out.push_back({CheckLine::kFail,
                       fmt::format("{}: {} rows with a negative value", what, e.negatives)});
      }
      // The shard's sums per flow, in the form the manifest records (a flow with no rows sums to
      // 0).
      store::FlowSums sums;
      for (auto& m : sums.main) m.assign(nc, 0);
      for (const auto& [flow, sumv] : e.sums) {
        std::vector<__int128> t(sumv.begin(), sumv.begin() + static_cast<long>(nc));
        if (store::IsMainFlow(flow))
          sums.main[flow] = std::move(t);
        else
          sums.sub[flow] = std::move(t);
      }
      if (!store::RecordedTotalsAgree(s, sums)) {
        ++bad;
        out.push_back({CheckLine::kFail,
                       fmt::format("{}: recorded totals differ from the sum of its rows", what)});
      }
    }
    if (bad == 0)
      out.push_back(
          {CheckLine::kOk,
           fmt::format("{} segment{}: row counts and recorded totals verified on the shards, "
                       "no negative values",
                       live, live == 1 ? "" : "s")});
    TRADESTAT_RETURN_IF_ERROR(SumInvariants(*ch, state, name, world, &out));
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
    out.push_back({CheckLine::kFail,
                   fmt::format("{} rows on the shards belong to no committed segment", stray)});
  if (interrupted && only_dataset.empty())
    out.push_back(
        {CheckLine::kOk,
         fmt::format("{} rows of an interrupted load are invisible; the next writer removes them",
                     interrupted)});
  return out;
}

}  // namespace tradestat::clickhouse
