// cli/check_command.cc: `tradestat check STORE [--dataset D]`: verify the store's invariants.
//
// For each dataset (current vintage): every live segment's checksums (by mapping and verifying
// all columns) and its recorded totals against its rows; no negative values; where a partner
// World row and individual partners are both stored for the same period, flow, reporter and
// commodity, the partners add up to World; where a year and all twelve of its months are both
// stored, the months add up to the year. Tolerance for the sums: one currency unit per part
// (sources round each part). Exit 0 when everything holds, 1 on any violation.
//
// Memory is bounded whatever the store's size: segments are read one at a time, each in a
// snapshot of its own that is dropped when it has been read (no mapping, no decoded column
// outlives its segment), in blocks of store::kBlockRows rows. The sum invariants aggregate one
// period (partners) or one year (months) at a time in hash tables keyed by dictionary codes,
// in as many passes over that period's segments as keep a table under kKeysPerPass keys.
// Codes are replaced by the rank of their text, so the keys group and order exactly as the
// texts the messages show, and the output is the same as aggregating by text.
#include <algorithm>
#include <cstdio>
#include <map>
#include <memory>
#include <set>

#include <fmt/format.h>

#include "cli/cli.h"
#include "cli/store_reference.h"
#include "clickhouse/check.h"
#include "clickhouse/url.h"
#include "core/decimal.h"
#include "store/store.h"

namespace tradestat::cli {
namespace {

using u128 = unsigned __int128;
using store::ColumnId;

// Keys one hash pass holds at most (about 60 MiB with two currencies): a period or year with
// more rows is aggregated in several passes, each taking one hash partition of the keys.
constexpr uint64_t kKeysPerPass = uint64_t{1} << 19;
constexpr size_t kShown = 50;  // violations printed; the rest are counted

// A money value of a dataset stored at `scale` decimals (DatasetMeta::money_scale).
std::string Money(__int128 v, int scale) {
  bool neg = v < 0;
  return (neg ? "-" : "") + core::FormatScaled(neg ? -v : v, scale);
}

// One currency unit in minor units at `scale` decimals: the tolerance per summed part.
__int128 CurrencyUnit(int scale) {
  __int128 unit = 1;
  for (int i = 0; i < scale; ++i) unit *= 10;
  return unit;
}

struct Report {
  size_t violations = 0;
  size_t shown = 0;
  void Fail(const std::string& what) {
    ++violations;
    if (shown++ < kShown) std::printf("  FAIL %s\n", what.c_str());
  }
  // `n` violations beyond those printed (their messages are not built).
  void Count(size_t n) { violations += n, shown += n; }
  size_t Printable() const { return shown < kShown ? kShown - shown : 0; }
  void Ok(const std::string& what) { std::printf("  ok   %s\n", what.c_str()); }
};

// A dimension's codes as the rank of their text among the dimension's texts (and "", the text
// of an absent column or an unknown code): equal texts get one rank, ranks order as texts do.
struct Ranks {
  std::vector<uint32_t> of_code;
  std::vector<std::string> text;  // by rank
  uint32_t empty = 0;             // rank of ""
  uint32_t Of(uint32_t code) const { return code < of_code.size() ? of_code[code] : empty; }
};

Ranks RankTexts(std::vector<std::string> by_code) {
  Ranks r;
  r.text = by_code;
  r.text.push_back("");
  std::sort(r.text.begin(), r.text.end());
  r.text.erase(std::unique(r.text.begin(), r.text.end()), r.text.end());
  auto rank = [&](const std::string& t) {
    return static_cast<uint32_t>(std::lower_bound(r.text.begin(), r.text.end(), t) -
                                 r.text.begin());
  };
  r.of_code.reserve(by_code.size());
  for (const auto& t : by_code) r.of_code.push_back(rank(t));
  r.empty = rank("");
  return r;
}

Ranks RankDictionary(const store::Dictionary& d) {
  std::vector<std::string> texts;
  texts.reserve(d.size());
  for (uint32_t c = 0; c < d.size(); ++c) texts.push_back(d.Value(c));
  return RankTexts(std::move(texts));
}

// Field widths of a key in bits: ranks of 16-bit codes need 17 bits (65,536 codes and ""),
// of 32-bit codes 33.
constexpr int kW16 = 17, kW32 = 33, kWFlow = 8;
constexpr u128 Mask(int bits) { return (u128{1} << bits) - 1; }

// The ranks of one row, in the order the checks' text keys sort.
struct Row {
  uint32_t flow, reporter, partner;
  uint64_t commodity;
  uint32_t trade_mode, enterprise_type;
};

// (flow, reporter, commodity, trade mode, enterprise type): a partners group within a period.
u128 GroupKey(const Row& r) {
  u128 k = r.flow;
  k = k << kW16 | r.reporter;
  k = k << kW32 | r.commodity;
  k = k << kW16 | r.trade_mode;
  return k << kW16 | r.enterprise_type;
}
// (flow, reporter, partner, commodity, trade mode, enterprise type): a cell within a year.
u128 CellKey(const Row& r) {
  u128 k = r.flow;
  k = k << kW16 | r.reporter;
  k = k << kW16 | r.partner;
  k = k << kW32 | r.commodity;
  k = k << kW16 | r.trade_mode;
  return k << kW16 | r.enterprise_type;
}
Row FromGroupKey(u128 k) {
  Row r{};
  r.enterprise_type = static_cast<uint32_t>(k & Mask(kW16)), k >>= kW16;
  r.trade_mode = static_cast<uint32_t>(k & Mask(kW16)), k >>= kW16;
  r.commodity = static_cast<uint64_t>(k & Mask(kW32)), k >>= kW32;
  r.reporter = static_cast<uint32_t>(k & Mask(kW16)), k >>= kW16;
  r.flow = static_cast<uint32_t>(k & Mask(kWFlow));
  return r;
}
Row FromCellKey(u128 k) {
  Row r{};
  r.enterprise_type = static_cast<uint32_t>(k & Mask(kW16)), k >>= kW16;
  r.trade_mode = static_cast<uint32_t>(k & Mask(kW16)), k >>= kW16;
  r.commodity = static_cast<uint64_t>(k & Mask(kW32)), k >>= kW32;
  r.partner = static_cast<uint32_t>(k & Mask(kW16)), k >>= kW16;
  r.reporter = static_cast<uint32_t>(k & Mask(kW16)), k >>= kW16;
  r.flow = static_cast<uint32_t>(k & Mask(kWFlow));
  return r;
}

uint64_t Mix(u128 k) {
  uint64_t h = static_cast<uint64_t>(k) * 0x9E3779B97F4A7C15ULL ^ static_cast<uint64_t>(k >> 64);
  h ^= h >> 33, h *= 0xff51afd7ed558ccdULL, h ^= h >> 33, h *= 0xc4ceb9fe1a85ec53ULL;
  return h ^ (h >> 33);
}
// Which of `passes` hash partitions a key belongs to (high bits: the table probes the low ones).
size_t PartitionOf(uint64_t hash, size_t passes) { return passes == 1 ? 0 : (hash >> 40) % passes; }

// Open-addressing map from a key to a dense index (0, 1, ... in order of first sight).
class KeyIndex {
 public:
  uint32_t Find(u128 key, uint64_t hash, bool* added) {
    if ((keys_.size() + 1) * 2 > slots_.size()) Grow();
    const size_t mask = slots_.size() - 1;
    for (size_t i = hash & mask;; i = (i + 1) & mask) {
      const uint32_t s = slots_[i];
      if (s == kEmpty) {
        slots_[i] = static_cast<uint32_t>(keys_.size());
        keys_.push_back(key);
        *added = true;
        return slots_[i];
      }
      if (keys_[s] == key) {
        *added = false;
        return s;
      }
    }
  }
  const std::vector<u128>& keys() const { return keys_; }

 private:
  static constexpr uint32_t kEmpty = ~uint32_t{0};
  void Grow() {
    slots_.assign(std::max<size_t>(1024, slots_.size() * 2), kEmpty);
    const size_t mask = slots_.size() - 1;
    for (uint32_t s = 0; s < keys_.size(); ++s) {
      size_t i = Mix(keys_[s]) & mask;
      while (slots_[i] != kEmpty) i = (i + 1) & mask;
      slots_[i] = s;
    }
  }
  std::vector<uint32_t> slots_;
  std::vector<u128> keys_;
};

// A sum that breaks an invariant; `key` orders the messages as the text keys would.
struct Failure {
  u128 key;
  size_t currency;
  __int128 a, b;
  uint64_t parts;
  bool operator<(const Failure& o) const {
    return key != o.key ? key < o.key : currency < o.currency;
  }
};
// The first `keep` failures in key order (those printed) and how many there are in all.
class Failures {
 public:
  explicit Failures(size_t keep) : keep_(keep) {}
  void Add(const Failure& f) {
    ++total_;
    if (keep_ == 0) return;
    items_.push_back(f);
    if (items_.size() >= 2 * keep_ + 64) Trim();
  }
  size_t total() const { return total_; }
  std::vector<Failure> First() {
    Trim();
    std::sort(items_.begin(), items_.end());
    return items_;
  }

 private:
  void Trim() {
    if (items_.size() <= keep_) return;
    std::nth_element(items_.begin(), items_.begin() + static_cast<long>(keep_), items_.end());
    items_.resize(keep_);
  }
  size_t keep_, total_ = 0;
  std::vector<Failure> items_;
};
// Prints the first failures and counts the others.
template <typename Message>
void Emit(Failures& f, Report* rep, Message message) {
  const auto first = f.First();
  for (const auto& x : first) rep->Fail(message(x));
  rep->Count(f.total() - first.size());
}

// Rows [start, start + rows) of a segment, each column decoded (null: the column is absent).
struct Block {
  uint64_t start = 0, rows = 0;
  const uint8_t* flow = nullptr;
  const uint16_t *reporter = nullptr, *partner = nullptr, *trade_mode = nullptr,
                 *enterprise_type = nullptr;
  const uint32_t* commodity = nullptr;
  std::array<const int64_t*, store::kMaxCurrencies> values{};
};

struct BlockBuffers {
  std::array<uint8_t, store::kBlockRows> flow;
  std::array<std::array<uint16_t, store::kBlockRows>, 4> c16;
  std::array<uint32_t, store::kBlockRows> commodity;
  std::array<std::array<int64_t, store::kBlockRows>, store::kMaxCurrencies> values;
};

template <typename T>
const T* BlockOf(const store::SegmentView& s, ColumnId id, const T* raw, uint64_t block,
                 uint64_t start, T* buf) {
  if (raw != nullptr) return raw + start;
  const store::PackedColumn* p = s.packed[static_cast<size_t>(id)];
  if (p == nullptr) return nullptr;
  store::DecodeBlock(*p, block, buf);
  return buf;
}

// One dataset of the store, read segment by segment.
class DatasetReader {
 public:
  DatasetReader(const store::Store& store, std::string name, size_t currencies)
      : store_(store),
        name_(std::move(name)),
        nc_(currencies),
        buf_(std::make_unique<BlockBuffers>()) {}

  // Maps and verifies the `needed` columns of segment `index` (of segment_metas()) in a snapshot
  // of its own, dropped on return, and calls fn(block) for its blocks in row order.
  template <typename Fn>
  core::Status ForEachBlock(size_t index, store::ColumnMask needed, Fn&& fn) {
    TRADESTAT_ASSIGN_OR_RETURN(auto snap, store_.Dataset(name_));
    TRADESTAT_ASSIGN_OR_RETURN(auto views,
                               snap->SegmentsAt({index}, needed, store::Access::kBlocks));
    const store::SegmentView& s = views.at(0);
    BlockBuffers& b = *buf_;
    Block blk;
    for (uint64_t i = 0, start = 0; start < s.rows; ++i, start += store::kBlockRows) {
      blk.start = start;
      blk.rows = std::min<uint64_t>(store::kBlockRows, s.rows - start);
      blk.flow = BlockOf(s, ColumnId::kFlow, s.flow, i, start, b.flow.data());
      blk.reporter = BlockOf(s, ColumnId::kReporter, s.reporter, i, start, b.c16[0].data());
      blk.partner = BlockOf(s, ColumnId::kPartner, s.partner, i, start, b.c16[1].data());
      blk.commodity = BlockOf(s, ColumnId::kCommodity, s.commodity, i, start, b.commodity.data());
      blk.trade_mode = BlockOf(s, ColumnId::kTradeMode, s.trade_mode, i, start, b.c16[2].data());
      blk.enterprise_type =
          BlockOf(s, ColumnId::kEnterpriseType, s.enterprise_type, i, start, b.c16[3].data());
      for (size_t c = 0; c < nc_; ++c)
        blk.values[c] = BlockOf(s, store::ValueColumn(static_cast<int>(c)), s.values[c], i, start,
                                b.values[c].data());
      fn(blk);
    }
    return core::Status::Ok();
  }

  // The columns the sum invariants read.
  store::ColumnMask SumColumns() const {
    store::ColumnMask m = 0;
    for (ColumnId id : {ColumnId::kFlow, ColumnId::kReporter, ColumnId::kPartner,
                        ColumnId::kCommodity, ColumnId::kTradeMode, ColumnId::kEnterpriseType})
      m |= store::ColumnBit(id);
    for (size_t c = 0; c < nc_; ++c) m |= store::ColumnBit(store::ValueColumn(static_cast<int>(c)));
    return m;
  }

 private:
  const store::Store& store_;
  std::string name_;
  size_t nc_;
  std::unique_ptr<BlockBuffers> buf_;
};

void AddFlowSums(store::FlowSums* into, const store::FlowSums& part) {
  for (int f = 0; f < 2; ++f)
    for (size_t c = 0; c < part.main[f].size(); ++c) into->main[f][c] += part.main[f][c];
  for (const auto& [flow, v] : part.sub) {
    auto& t = into->sub[flow];
    if (t.empty()) t.assign(v.size(), 0);
    for (size_t c = 0; c < v.size(); ++c) t[c] += v[c];
  }
}

struct DimRanks {
  Ranks flow, reporter, partner, commodity, trade_mode, enterprise_type;
  Row Of(const Block& b, uint64_t r) const {
    return Row{
        flow.Of(b.flow[r]),
        reporter.Of(b.reporter[r]),
        partner.Of(b.partner[r]),
        commodity.Of(b.commodity[r]),
        b.trade_mode ? trade_mode.Of(b.trade_mode[r]) : trade_mode.empty,
        b.enterprise_type ? enterprise_type.Of(b.enterprise_type[r]) : enterprise_type.empty};
  }
};

void CheckDataset(const store::Store& store, const std::string& name, const std::string& world,
                  Report* rep) {
  std::printf("dataset %s:\n", name.c_str());
  auto snap = store.Dataset(name);
  if (!snap.ok()) return rep->Fail(snap.status().message());
  const auto& metas = (*snap)->segment_metas();
  const size_t nc = (*snap)->currencies().size();
  const int scale = (*snap)->meta().money_scale;
  const __int128 unit = CurrencyUnit(scale);
  auto Money = [scale](__int128 v) { return cli::Money(v, scale); };
  DatasetReader reader(store, name, nc);

  DimRanks ranks;
  {
    std::vector<std::string> flows;
    for (int f = 0; f < 256; ++f) flows.emplace_back(store::FlowCode(static_cast<uint8_t>(f)));
    ranks.flow = RankTexts(std::move(flows));
    ranks.reporter = RankDictionary((*snap)->dictionary(store::Dim::kReporter));
    ranks.partner = RankDictionary((*snap)->dictionary(store::Dim::kPartner));
    ranks.commodity = RankDictionary((*snap)->dictionary(store::Dim::kCommodity));
    ranks.trade_mode = RankDictionary((*snap)->dictionary(store::Dim::kTradeMode));
    ranks.enterprise_type = RankDictionary((*snap)->dictionary(store::Dim::kEnterpriseType));
  }
  const auto& pt = ranks.partner.text;
  const auto wit = std::lower_bound(pt.begin(), pt.end(), world);
  const bool world_known = wit != pt.end() && *wit == world;
  const uint32_t world_rank = static_cast<uint32_t>(wit - pt.begin());

  // 1. Checksums, negative values and recorded totals, segment by segment. A segment that does
  // not verify is the only message: the messages of the segments before it are held until then.
  std::vector<std::string> held;
  uint64_t negatives = 0;
  std::vector<bool> has_world(metas.size(), false);
  for (size_t i = 0; i < metas.size(); ++i) {
    store::FlowSums sums;
    for (auto& m : sums.main) m.assign(nc, 0);
    bool world_rows = false;
    core::Status st = reader.ForEachBlock(i, store::kAllColumns, [&](const Block& b) {
      for (uint64_t r = 0; r < b.rows; ++r)
        for (size_t c = 0; c < nc; ++c) {
          const int64_t v = b.values[c][r];
          if (v < 0 && negatives++ < 5)
            held.push_back(fmt::format("negative value {} in {} row {}", Money(v), metas[i].file,
                                       b.start + r + 1));
        }
      // X and M, and the "of which" flows (RX, DX, ...) which are never in X or M.
      AddFlowSums(&sums, store::SumByFlow(b.flow, b.values, nc, b.rows));
      if (world_known && !world_rows)
        for (uint64_t r = 0; r < b.rows; ++r)
          world_rows |= ranks.partner.Of(b.partner[r]) == world_rank;
    });
    if (!st.ok()) return rep->Fail(fmt::format("segment checksums: {}", st.message()));
    has_world[i] = world_rows;
    for (int f = 0; f < 2; ++f)
      if (!metas[i].totals[f].empty() && metas[i].totals[f] != sums.main[f])
        held.push_back(fmt::format("{}: recorded {} totals differ from the sum of its rows",
                                   metas[i].file, f ? "M" : "X"));
    if (sums.sub != metas[i].sub_totals)
      held.push_back(fmt::format(
          "{}: recorded \"of which\" flow totals differ from the sum of its rows", metas[i].file));
  }
  for (const auto& m : held) rep->Fail(m);
  if (held.empty())
    rep->Ok(fmt::format("{} segment{}: checksums and recorded totals verified, no negative values",
                        metas.size(), metas.size() == 1 ? "" : "s"));

  // Segments by period text (the order of the messages), with their rows.
  struct Part {
    std::vector<size_t> segments;
    uint64_t rows = 0;
    bool has_world = false;
  };
  std::map<std::string, Part> by_period;
  for (size_t i = 0; i < metas.size(); ++i) {
    Part& p = by_period[metas[i].period.ToString()];
    p.segments.push_back(i);
    p.rows += metas[i].rows;
    p.has_world |= has_world[i];
  }
  const store::ColumnMask sum_columns = reader.SumColumns();
  auto passes_for = [](uint64_t rows) {
    return std::max<size_t>(1, (rows + kKeysPerPass - 1) / kKeysPerPass);
  };

  // 2. Partners add up to World: per period, per (flow, reporter, commodity, trade mode,
  // enterprise type) holding a World row, World against the sum of the other partners.
  size_t groups = 0, partner_violations = 0;
  for (const auto& [period, part] : by_period) {
    if (!part.has_world) continue;  // no group of this period holds World
    Failures failures(rep->Printable());
    const size_t passes = passes_for(part.rows);
    for (size_t pass = 0; pass < passes; ++pass) {
      KeyIndex group_index, partner_cells;
      std::vector<__int128> world_sum, other_sum;  // per group, per currency
      std::vector<uint64_t> partners;              // per group: distinct partners other than World
      for (size_t i : part.segments) {
        core::Status st = reader.ForEachBlock(i, sum_columns, [&](const Block& b) {
          for (uint64_t r = 0; r < b.rows; ++r) {
            const Row row = ranks.Of(b, r);
            const u128 g = GroupKey(row);
            const uint64_t h = Mix(g);
            if (PartitionOf(h, passes) != pass) continue;
            bool added;
            const uint32_t gi = group_index.Find(g, h, &added);
            if (added) {
              world_sum.resize(world_sum.size() + nc, 0),
                  other_sum.resize(other_sum.size() + nc, 0);
              partners.push_back(0);
            }
            const bool is_world = world_known && row.partner == world_rank;
            __int128* sum = (is_world ? world_sum : other_sum).data() + gi * nc;
            for (size_t c = 0; c < nc; ++c) sum[c] += b.values[c][r];
            if (!is_world) {
              const u128 cell = g << kW16 | row.partner;
              partner_cells.Find(cell, Mix(cell), &added);
              partners[gi] += added;
            }
          }
        });
        if (!st.ok()) return rep->Fail(st.message());  // changed under the check
      }
      const auto& keys = group_index.keys();
      for (size_t gi = 0; gi < keys.size(); ++gi) {
        const __int128* w = world_sum.data() + gi * nc;
        const __int128* o = other_sum.data() + gi * nc;
        if (std::all_of(w, w + nc, [](__int128 x) { return x == 0; }) || partners[gi] == 0)
          continue;
        ++groups;
        const __int128 tolerance = static_cast<__int128>(partners[gi]) * unit;
        for (size_t c = 0; c < nc; ++c) {
          const __int128 d = w[c] - o[c];
          if (d > tolerance || -d > tolerance)
            failures.Add({keys[gi], c, w[c], o[c], partners[gi]});
        }
      }
    }
    partner_violations += failures.total();
    Emit(failures, rep, [&, &period = period](const Failure& f) {
      const Row g = FromGroupKey(f.key);
      return fmt::format(
          "partners: {} {} reporter {} commodity {}: World {} but {} partners sum to {} (diff {})",
          period, ranks.flow.text[g.flow], ranks.reporter.text[g.reporter],
          ranks.commodity.text[g.commodity], Money(f.a), f.parts, Money(f.b), Money(f.a - f.b));
    });
  }
  if (partner_violations == 0)
    rep->Ok(fmt::format("partners add up to World in {} group{} holding both", groups,
                        groups == 1 ? "" : "s"));

  // 3. Months add up to years: per year stored both as a year and as all twelve months, per
  // cell (flow, reporter, partner, commodity, trade mode, enterprise type), year against months.
  std::map<std::string, std::set<int>> months_of_year;
  std::set<std::string> annual_years;
  for (const auto& m : metas) {
    const std::string y = std::to_string(m.period.year());
    if (m.period.is_annual())
      annual_years.insert(y);
    else if (m.rows > 0)
      months_of_year[y].insert(m.period.month());
  }
  size_t years = 0, month_violations = 0;
  for (const auto& year : annual_years) {
    if (months_of_year[year].size() != 12) continue;
    ++years;
    std::vector<size_t> segments;
    uint64_t rows = 0;
    for (size_t i = 0; i < metas.size(); ++i)
      if (std::to_string(metas[i].period.year()) == year)
        segments.push_back(i), rows += metas[i].rows;
    Failures failures(rep->Printable());
    const size_t passes = passes_for(rows);
    for (size_t pass = 0; pass < passes; ++pass) {
      KeyIndex cells;
      std::vector<__int128> year_sum, month_sum;  // per cell, per currency
      for (size_t i : segments) {
        const bool annual = metas[i].period.is_annual();
        core::Status st = reader.ForEachBlock(i, sum_columns, [&](const Block& b) {
          for (uint64_t r = 0; r < b.rows; ++r) {
            const u128 k = CellKey(ranks.Of(b, r));
            const uint64_t h = Mix(k);
            if (PartitionOf(h, passes) != pass) continue;
            bool added;
            const uint32_t ci = cells.Find(k, h, &added);
            if (added)
              year_sum.resize(year_sum.size() + nc, 0), month_sum.resize(month_sum.size() + nc, 0);
            __int128* sum = (annual ? year_sum : month_sum).data() + ci * nc;
            for (size_t c = 0; c < nc; ++c) sum[c] += b.values[c][r];
          }
        });
        if (!st.ok()) return rep->Fail(st.message());
      }
      const auto& keys = cells.keys();
      for (size_t ci = 0; ci < keys.size(); ++ci)
        for (size_t c = 0; c < nc; ++c) {
          const __int128 d = year_sum[ci * nc + c] - month_sum[ci * nc + c];
          if (d > 12 * unit || d < -12 * unit)
            failures.Add({keys[ci], c, year_sum[ci * nc + c], month_sum[ci * nc + c], 12});
        }
    }
    month_violations += failures.total();
    Emit(failures, rep, [&](const Failure& f) {
      const Row k = FromCellKey(f.key);
      return fmt::format("months: {} {} {} {} {}: year {} but months sum to {} (diff {})", year,
                         ranks.flow.text[k.flow], ranks.reporter.text[k.reporter],
                         ranks.partner.text[k.partner], ranks.commodity.text[k.commodity],
                         Money(f.a), Money(f.b), Money(f.a - f.b));
    });
  }
  if (month_violations == 0)
    rep->Ok(fmt::format("months add up to years in {} year{} holding both", years,
                        years == 1 ? "" : "s"));
}

int RunCheck(const std::string& path, const std::string& dataset) {
  if (clickhouse::IsClickHouseUrl(path)) {  // computed on the shards (clickhouse/check.h)
    auto ref = LoadStoreReference(path);
    auto w =
        ref.ok() ? (*ref)->PartnerFromComtradeCode("0") : core::Result<std::string>(ref.status());
    auto lines = clickhouse::CheckStore(path, dataset, w.ok() ? *w : "WLD");
    if (!lines.ok()) return ReportError(lines.status());
    Report rep;
    for (const auto& l : *lines) {
      if (l.kind == clickhouse::CheckLine::kDataset)
        std::printf("dataset %s:\n", l.text.c_str());
      else if (l.kind == clickhouse::CheckLine::kOk)
        rep.Ok(l.text);
      else if (l.kind == clickhouse::CheckLine::kFail)
        rep.Fail(l.text);
      else
        std::printf("  skip %s\n", l.text.c_str());
    }
    std::printf("%s: %zu violation%s\n", rep.violations ? "FAILED" : "OK", rep.violations,
                rep.violations == 1 ? "" : "s");
    return rep.violations ? kExitFailure : kExitOk;
  }
  auto store = store::Store::Open(path);
  if (!store.ok()) return ReportError(store.status());
  auto reference = LoadStoreReference(path);
  if (!reference.ok()) return ReportError(reference.status());
  auto w = (*reference)->PartnerFromComtradeCode("0");
  std::string world = w.ok() ? *w : "WLD";
  Report rep;
  for (const auto& name : store->DatasetNames()) {
    if (!dataset.empty() && name != dataset) continue;
    CheckDataset(*store, name, world, &rep);
  }
  if (rep.shown > kShown) std::printf("  ... and %zu more violations\n", rep.shown - kShown);
  std::printf("%s: %zu violation%s\n", rep.violations ? "FAILED" : "OK", rep.violations,
              rep.violations == 1 ? "" : "s");
  return rep.violations ? kExitFailure : kExitOk;
}

}  // namespace

void RegisterCheckCommand(CLI::App& app, CommandResult& result) {
  auto path = std::make_shared<std::string>();
  auto dataset = std::make_shared<std::string>();
  CLI::App* cmd = AddCommand(
      app, result, "check",
      "Verify invariants: checksums, no negative values, partners add up to World, months to years",
      [=] { return RunCheck(*path, *dataset); });
  cmd->add_option("STORE", *path, "Store directory")->required();
  cmd->add_option("--dataset,-d", *dataset, "Check only this dataset");
}

}  // namespace tradestat::cli
