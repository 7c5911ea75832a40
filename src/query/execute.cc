// query/execute.cc: Execute(): bind, scan, then fold the cube into rows, totals and indicators.
#include <algorithm>
#include <array>
#include <map>
#include <numeric>

#include <fmt/format.h>

#include "query/bind_internal.h"
#include "query/engine.h"
#include "query/indicators/indicators.h"
#include "query/indicators/structure.h"
#include "query/measures.h"
#include "query/parse.h"
#include "query/series.h"

namespace tradestat::query {
namespace {

using core::Status;
using internal::Bound;

struct Acc {
  std::vector<uint32_t> key;                                       // member id per --by dimension
  std::vector<std::array<__int128, 2>> win;                        // per window, per flow
  std::unordered_map<uint32_t, std::array<__int128, 2>> partners;  // code -> windows 0, 1
  std::vector<uint64_t>
      partner_bits;  // partner sets (Cube::PartnerBits): window 0's words, then window 1's
  uint32_t period_member = 0;
  bool has_period = false;
};

struct Folded {
  std::vector<Acc> rows;
  Acc total;
  std::vector<__int128> base_total;                     // per window
  std::map<uint32_t, std::vector<__int128>> base_rows;  // period member (or 0) -> per window
  bool partner_sets = false;  // rows and total carry partner_bits (the cube kept partner sets)
};

// Add one cell's partner set to window w (0 or 1) of `acc`.
void AddPartnerSet(Acc& acc, int w, const uint64_t* bits, uint32_t words) {
  if (acc.partner_bits.empty()) acc.partner_bits.assign(2 * size_t{words}, 0);
  uint64_t* to = acc.partner_bits.data() + size_t(w) * words;
  for (uint32_t i = 0; i < words; ++i) to[i] |= bits[i];
}

// Estimated bytes of one result row while it is folded and then returned (QueryBudget::max_bytes):
// its accumulator and sums, its entry in the key index, and the ResultRow with its key parts.
uint64_t BytesPerRow(const ParsedRequest& p, size_t windows) {
  const uint64_t by = p.by.size();
  return sizeof(Acc) + windows * sizeof(std::array<__int128, 2>) + by * sizeof(uint32_t) +  // Acc
         kSparseCellBytes + by * sizeof(uint32_t) +                                         // index
         sizeof(ResultRow) + by * (sizeof(KeyPart) + 32);  // result
}

Folded Fold(Bound& b, const Cube& cube) {
  const ParsedRequest& p = *b.parsed;
  const size_t nw = b.windows.size();
  Folded f;
  // The byte limit, checked as rows and per-row partner sums are added; over it, folding stops
  // and RunOnce reports it.
  QueryBudget* budget = b.cube.budget;
  const bool limited = budget != nullptr && budget->max_bytes > 0;
  const uint32_t partner_words = cube.partner_words();
  f.partner_sets = partner_words > 0;
  const uint64_t row_bytes = BytesPerRow(p, nw) + 2 * uint64_t{partner_words} * sizeof(uint64_t);
  uint64_t partner_cells = 0;
  bool over = false;
  auto check = [&] {
    over = budget->OverBytes(budget->cube_bytes.load() + f.rows.size() * row_bytes +
                             partner_cells * kSparseCellBytes);
  };
  f.total.win.assign(nw, {0, 0});
  f.base_total.assign(nw, 0);
  std::unordered_map<std::string, size_t> index;
  int identity_dim = -1;
  for (size_t d = 0; d < b.dims.size(); ++d)
    if (b.dims[d].identity) identity_dim = static_cast<int>(d);
  int period_by = -1;
  for (size_t i = 0; i < p.by.size(); ++i)
    if (p.by[i].kind == ByKind::kPeriod) period_by = static_cast<int>(i);

  std::vector<uint32_t> cls(b.dims.size());
  std::vector<const std::vector<uint32_t>*> lists(p.by.size());
  std::vector<uint32_t> one(p.by.size());
  std::vector<size_t> pos(p.by.size());
  std::string key_text;
  cube.ForEach([&](uint64_t slot, uint64_t key, int flow, __int128 sum) {
    if (over) return;
    if (p.flow >= 0 && flow != p.flow) return;
    const int ys = b.slot_year_set[slot];
    bool pass_all = true, pass_rows_base = true;
    for (size_t d = 0; d < b.dims.size(); ++d) {
      const CubeDim& cd = b.cube.dims[d];
      cls[d] = static_cast<uint32_t>((key / cd.stride) % cd.cardinality);
      const internal::ClassInfo& ci = b.dims[d].classes[cls[d]];
      for (size_t j = 0; j < b.dims[d].filters.size(); ++j) {
        if (ci.pass[ys][j]) continue;
        pass_all = false;
        if (!b.filter_family[b.dims[d].filters[j]]) pass_rows_base = false;
      }
    }
    int64_t partner = -1;
    if (identity_dim >= 0) {
      const internal::ClassInfo& ci = b.dims[identity_dim].classes[cls[identity_dim]];
      if (!ci.special_partner) partner = ci.partner_code;
    }
    const uint64_t* partner_set =
        partner_words > 0
            ? cube.PartnerBits((slot * cube.key_count() + key) * 2 + static_cast<uint64_t>(flow))
            : nullptr;
    for (int w : b.slot_windows[slot]) {
      f.base_total[w] += sum;
      uint32_t period_member = 0;
      if (period_by >= 0) {
        core::Period s = b.slots[slot];
        std::string label;
        if (s.is_annual()) {
          label = fmt::format(
              "{:04d}", b.windows[0].range.from.year() + s.year() - b.windows[w].range.from.year());
        } else {
          int offset = s.MonthIndex() - b.windows[w].range.from.MonthIndex();
          core::Period at = b.windows[0].range.from.AddMonths(offset);
          label = p.period.year_steps ? fmt::format("{:04d}", at.year()) : at.ToString();
        }
        period_member = b.by_members[period_by].Intern(label, label);
      }
      if (pass_rows_base) {
        auto& base = f.base_rows[period_member];
        if (base.empty()) base.assign(nw, 0);
        base[w] += sum;
      }
      if (!pass_all) continue;
      f.total.win[w][flow] += sum;
      if (partner >= 0 && w <= 1) f.total.partners[static_cast<uint32_t>(partner)][w] += sum;
      if (partner_set && w <= 1) AddPartnerSet(f.total, w, partner_set, partner_words);
      if (p.by.empty()) continue;
      // Expand the row keys: the cross product of each --by dimension's members.
      bool empty = false;
      for (size_t i = 0; i < p.by.size(); ++i) {
        const BySpec& by = p.by[i];
        if (by.kind == ByKind::kPeriod) {
          one[i] = period_member;
          lists[i] = nullptr;
        } else if (by.kind == ByKind::kFlow) {
          one[i] = static_cast<uint32_t>(flow);
          lists[i] = nullptr;
        } else {
          for (size_t d = 0; d < b.dims.size(); ++d) {
            const auto& bd = b.dims[d];
            auto it = std::find(bd.by.begin(), bd.by.end(), static_cast<int>(i));
            if (it == bd.by.end()) continue;
            lists[i] = &bd.classes[cls[d]].members[ys][it - bd.by.begin()];
          }
          if (lists[i]->empty()) empty = true;
        }
        pos[i] = 0;
      }
      if (empty) continue;
      while (true) {
        key_text.clear();
        std::vector<uint32_t> ids(p.by.size());
        for (size_t i = 0; i < p.by.size(); ++i) {
          ids[i] = lists[i] ? (*lists[i])[pos[i]] : one[i];
          key_text.append(reinterpret_cast<const char*>(&ids[i]), sizeof(uint32_t));
        }
        auto [it, inserted] = index.emplace(key_text, f.rows.size());
        if (inserted) {
          Acc acc;
          acc.key = ids;
          acc.win.assign(nw, {0, 0});
          acc.period_member = period_member;
          acc.has_period = period_by >= 0;
          f.rows.push_back(std::move(acc));
          if (limited) check();
        }
        Acc& row = f.rows[it->second];
        row.win[w][flow] += sum;
        if (partner >= 0 && w <= 1) {
          auto [pit, added] = row.partners.try_emplace(static_cast<uint32_t>(partner));
          pit->second[w] += sum;
          if (added && limited) {
            ++partner_cells;
            check();
          }
        }
        if (partner_set && w <= 1) AddPartnerSet(row, w, partner_set, partner_words);
        if (over) return;
        size_t i = 0;
        for (; i < p.by.size(); ++i) {
          if (lists[i] && ++pos[i] < lists[i]->size()) break;
          pos[i] = 0;
        }
        if (i == p.by.size()) break;
      }
    }
  });
  return f;
}

// --currency conversion (query/currency.h): each slot's cells are folded alone, then the folds are
// added converted at their slot's rate into exact sums that round once per figure. Slots without
// a rate (record years only, see Bind) are left out.
core::Result<Folded> FoldConverted(Bound& b, const Cube& cube) {
  const CurrencyConversion& conv = *b.conversion;
  const uint64_t kc = cube.key_count();
  std::vector<std::unordered_map<uint64_t, __int128>> per_slot(b.slots.size());
  cube.ForEach([&](uint64_t slot, uint64_t key, int flow, __int128 sum) {
    per_slot[slot][(slot * kc + key) * 2 + static_cast<uint64_t>(flow)] = sum;
  });
  const size_t nw = b.windows.size();
  struct Sums {
    std::vector<std::array<ConvertedSum, 2>> win;
    std::unordered_map<uint32_t, std::array<ConvertedSum, 2>> partners;
  };
  auto sized = [&] {
    Sums s;
    s.win.resize(nw);
    return s;
  };
  Folded out;
  Sums total = sized();
  std::vector<ConvertedSum> base_total(nw);
  std::map<uint32_t, std::vector<ConvertedSum>> base_rows;
  std::map<std::vector<uint32_t>, size_t> index;
  std::vector<Sums> rows;
  bool overflow = false;
  auto add = [&](ConvertedSum& to, __int128 v, const RateFraction& rate) {
    if (v != 0 && !to.Add(v, rate)) overflow = true;
  };
  auto add_acc = [&](Sums& to, const Acc& from, const RateFraction& rate) {
    for (size_t w = 0; w < nw; ++w)
      for (int fl = 0; fl < 2; ++fl) add(to.win[w][fl], from.win[w][fl], rate);
    for (const auto& [code, sums] : from.partners)
      for (int w = 0; w < 2; ++w) add(to.partners[code][w], sums[w], rate);
  };
  for (size_t slot = 0; slot < per_slot.size(); ++slot) {
    if (per_slot[slot].empty() || !conv.has_rate[slot]) continue;
    const RateFraction& rate = conv.rates[slot];
    Folded f = Fold(b, Cube::FromCells(kc, std::move(per_slot[slot])));
    add_acc(total, f.total, rate);
    for (size_t w = 0; w < nw; ++w) add(base_total[w], f.base_total[w], rate);
    for (const auto& [member, sums] : f.base_rows) {
      auto& to = base_rows[member];
      if (to.empty()) to.resize(nw);
      for (size_t w = 0; w < nw; ++w) add(to[w], sums[w], rate);
    }
    for (const Acc& acc : f.rows) {
      auto [it, inserted] = index.emplace(acc.key, out.rows.size());
      if (inserted) {
        Acc a;
        a.key = acc.key;
        a.period_member = acc.period_member;
        a.has_period = acc.has_period;
        out.rows.push_back(std::move(a));
        rows.push_back(sized());
      }
      add_acc(rows[it->second], acc, rate);
    }
  }
  if (overflow)
    return Status::InvalidArgument(fmt::format(
        "--currency {}: a converted sum does not fit in 128 bits; narrow the query", conv.to));
  auto finish = [&](Acc& to, const Sums& from) {
    to.win.assign(nw, {0, 0});
    for (size_t w = 0; w < nw; ++w)
      for (int fl = 0; fl < 2; ++fl) to.win[w][fl] = from.win[w][fl].Rounded();
    for (const auto& [code, sums] : from.partners)
      to.partners[code] = {sums[0].Rounded(), sums[1].Rounded()};
  };
  finish(out.total, total);
  for (size_t i = 0; i < out.rows.size(); ++i) finish(out.rows[i], rows[i]);
  out.base_total.assign(nw, 0);
  for (size_t w = 0; w < nw; ++w) out.base_total[w] = base_total[w].Rounded();
  for (const auto& [member, sums] : base_rows) {
    auto& to = out.base_rows[member];
    for (const ConvertedSum& s : sums) to.push_back(s.Rounded());
  }
  return out;
}

Measures MeasuresOf(const Bound& b, const Acc& acc, __int128 base,
                    std::optional<__int128> base_prev, bool partners_known, bool skip_record) {
  const ParsedRequest& p = *b.parsed;
  Measures m;
  auto val = [&](size_t w) { return acc.win[w][0] + acc.win[w][1]; };
  m.value = val(0);
  if (b.has_compare) m.value_prev = val(1);
  if (p.flow < 0) {
    m.exports = acc.win[0][0];
    m.imports = acc.win[0][1];
    m.balance = indicators::Balance(acc.win[0][0], acc.win[0][1]);
  }
  if (m.value_prev) m.growth_pct = indicators::GrowthPct(m.value, *m.value_prev);
  m.share_pct = indicators::SharePct(m.value, base);
  if (m.value_prev && base_prev)
    m.contribution_pp = indicators::ContributionPp(m.value, *m.value_prev, *base_prev);
  if (partners_known && !b.partner_identity) {  // partner sets (Bind: cube.partner_count)
    const size_t words = b.partner_mask.size();
    auto count = [&](size_t w) -> int64_t {
      if (acc.partner_bits.empty()) return 0;  // no record of non-zero value
      return indicators::CountPartnerSet(acc.partner_bits.data() + w * words, b.partner_mask.data(),
                                         words);
    };
    m.partners = count(0);
    if (b.has_compare) m.partners_prev = count(1);
  } else if (partners_known) {
    std::vector<__int128> cur, prev;
    for (const auto& [code, sums] : acc.partners) {
      cur.push_back(sums[0]);
      prev.push_back(sums[1]);
    }
    m.partners = indicators::CountPartners(cur);
    if (b.has_compare) m.partners_prev = indicators::CountPartners(prev);
  }
  if (!skip_record && !b.record_windows.empty()) {
    std::vector<std::pair<int, __int128>> years;
    for (int w : b.record_windows) years.emplace_back(b.windows[w].year, val(w));
    if (auto r = indicators::Record(b.windows[0].year, m.value, years)) {
      m.record = r->record;
      m.record_since = r->since;
    }
  }
  return m;
}

std::string FilterText(const std::vector<FilterDesc>& filters, bool zh) {
  std::string out;
  for (const auto& f : filters) {
    out += out.empty() ? (zh ? "，筛选 " : " with ") : (zh ? "，且 " : " and ");
    out += f.dim + "=";
    for (size_t i = 0; i < f.values.size(); ++i) out += (i ? "," : "") + f.values[i];
  }
  return out;
}

// A comparator for --sort; absent values sort last whatever the direction.
bool RowLess(const ResultRow& a, const ResultRow& b, const SortSpec& s) {
  auto cmp_opt = [&](std::optional<long double> x, std::optional<long double> y) -> int {
    if (!x && !y) return 0;
    if (!x) return 2;  // absent last
    if (!y) return -2;
    if (*x == *y) return 0;
    return (*x < *y) == !s.descending ? -1 : 1;
  };
  auto d = [](const Derived& v) -> std::optional<long double> {
    if (!v.present) return std::nullopt;
    return v.exact ? static_cast<long double>(v.num) / static_cast<long double>(v.den) : v.approx;
  };
  auto i128 = [](std::optional<__int128> v) -> std::optional<long double> {
    if (!v) return std::nullopt;
    return static_cast<long double>(*v);
  };
  int c = 0;
  switch (s.field) {
    case SortField::kValue:
      if (a.m.value != b.m.value) return (a.m.value < b.m.value) == !s.descending;
      break;
    case SortField::kValuePrev: c = cmp_opt(i128(a.m.value_prev), i128(b.m.value_prev)); break;
    case SortField::kGrowth: c = cmp_opt(d(a.m.growth_pct), d(b.m.growth_pct)); break;
    case SortField::kShare: c = cmp_opt(d(a.m.share_pct), d(b.m.share_pct)); break;
    case SortField::kContribution:
      c = cmp_opt(d(a.m.contribution_pp), d(b.m.contribution_pp));
      break;
    case SortField::kRank:
      c = (a.m.rank < b.m.rank) == !s.descending ? -1 : (a.m.rank == b.m.rank ? 0 : 1);
      break;
    case SortField::kBalance: c = cmp_opt(i128(a.m.balance), i128(b.m.balance)); break;
    case SortField::kPartners:
      c = cmp_opt(a.m.partners ? std::optional<long double>(*a.m.partners) : std::nullopt,
                  b.m.partners ? std::optional<long double>(*b.m.partners) : std::nullopt);
      break;
    case SortField::kName: {
      std::string na, nb;
      for (const auto& k : a.keys) na += k.name + "\x1f";
      for (const auto& k : b.keys) nb += k.name + "\x1f";
      if (na != nb) return (na < nb) == !s.descending;
      break;
    }
    case SortField::kMeasure: {
      const MeasureDef* def = FindMeasure(s.measure);
      static const QueryResult kNone;
      if (def)
        c = cmp_opt(MeasureNumber(def->get(a.m, kNone)), MeasureNumber(def->get(b.m, kNone)));
      break;
    }
    case SortField::kKey: {
      const std::string& x = a.keys[s.key_index].code;
      const std::string& y = b.keys[s.key_index].code;
      if (x != y) return (x < y) == !s.descending;
      break;
    }
  }
  if (c != 0) return c < 0;
  // Ties: larger value first, then codes ascending.
  if (a.m.value != b.m.value) return a.m.value > b.m.value;
  for (size_t k = 0; k < a.keys.size(); ++k)
    if (a.keys[k].code != b.keys[k].code) return a.keys[k].code < b.keys[k].code;
  return false;
}

struct Run {
  Folded folded;
  Bound bound;
};

// Move the partner sets of `from` into `to`, a fold of the same plan (rows matched by key).
void TakePartnerSets(Folded from, Folded& to) {
  std::map<std::vector<uint32_t>, std::vector<uint64_t>*> sets;
  for (Acc& acc : from.rows) sets[acc.key] = &acc.partner_bits;
  for (Acc& acc : to.rows)
    if (auto it = sets.find(acc.key); it != sets.end()) acc.partner_bits = std::move(*it->second);
  to.total.partner_bits = std::move(from.total.partner_bits);
  to.partner_sets = true;
}

core::Result<Run> RunOnce(const ParsedRequest& p, const DatasetSource& src,
                          const ReferenceLookup& ref, const internal::BindOptions& options) {
  Run run;
  TRADESTAT_ASSIGN_OR_RETURN(run.bound, internal::Bind(p, src, ref, options));
  TRADESTAT_ASSIGN_OR_RETURN(Cube cube, src.Scan(run.bound.cube, run.bound.segments));
  if (run.bound.conversion) {
    TRADESTAT_ASSIGN_OR_RETURN(run.folded, FoldConverted(run.bound, cube));
    // Which partners trade does not depend on the rate: partner sets come from the plain fold.
    if (cube.partner_words() > 0) TakePartnerSets(Fold(run.bound, cube), run.folded);
  } else {
    run.folded = Fold(run.bound, cube);
  }
  if (QueryBudget* budget = options.budget; budget != nullptr && budget->bytes_exceeded)
    return core::Status::InvalidArgument(
        TooManyBytesMessage(budget->bytes_needed, budget->max_bytes, nullptr));
  return run;
}

// A copy of the request reduced to its total (no breakdown), for partner counts and benchmarks.
ParsedRequest TotalOnly(const ParsedRequest& p) {
  ParsedRequest t = p;
  t.by.clear();
  t.units.clear();
  t.top = 0;
  t.sort = SortSpec{};
  t.has_benchmark = false;
  return t;
}

// --measure quantity|unit_value: sums of the quantity column per row and unit, from a scan of
// the same plan with a hidden --by unit (unless --by unit is asked), and one for the total.
struct UnitSums {
  std::map<std::string, std::array<__int128, 2>> by_unit;  // unit -> windows 0, 1
};

std::string KeyCodes(const std::vector<std::string>& codes) {
  std::string k;
  for (const std::string& c : codes) k += c + '\x1f';
  return k;
}

core::Result<std::unordered_map<std::string, UnitSums>> QuantityRows(
    const ParsedRequest& p, const DatasetSource& src, const ReferenceLookup& ref,
    const internal::BindOptions& options, bool total_only) {
  ParsedRequest q = total_only ? TotalOnly(p) : p;
  q.top = 0;
  q.has_benchmark = false;
  int unit_by = -1;
  for (size_t i = 0; i < q.by.size(); ++i)
    if (q.by[i].kind == ByKind::kUnit) unit_by = static_cast<int>(i);
  const bool hidden = unit_by < 0;
  if (hidden) {
    BySpec u;
    u.name = "unit";
    u.kind = ByKind::kUnit;
    u.dim = store::Dim::kUnit;
    q.by.push_back(u);
    unit_by = static_cast<int>(q.by.size()) - 1;
  }
  internal::BindOptions o = options;
  o.record = false;
  o.want_partner_identity = false;
  o.sum_quantity = true;
  TRADESTAT_ASSIGN_OR_RETURN(Run run, RunOnce(q, src, ref, o));
  std::unordered_map<std::string, UnitSums> out;
  for (const Acc& acc : run.folded.rows) {
    std::vector<std::string> codes;
    for (size_t i = 0; i < q.by.size(); ++i)
      if (!(hidden && static_cast<int>(i) == unit_by))
        codes.push_back(run.bound.by_members[i].members[acc.key[i]].code);
    const std::string& unit = run.bound.by_members[unit_by].members[acc.key[unit_by]].code;
    auto& sums = out[KeyCodes(codes)].by_unit[unit];
    sums[0] += acc.win[0][0] + acc.win[0][1];
    if (run.bound.has_compare) sums[1] += acc.win[1][0] + acc.win[1][1];
  }
  return out;
}

// Fill the quantity measures of `m` from its unit sums; false when the units are mixed.
bool SetQuantities(Measures& m, const UnitSums* sums, bool has_compare, int money_scale) {
  if (!sums) return true;
  std::vector<std::string> units;
  for (const auto& [unit, v] : sums->by_unit)
    if (v[0] != 0 || v[1] != 0) units.push_back(unit.empty() ? "(not given)" : unit);
  if (units.size() > 1) {
    m.mixed_units = units;
    return false;
  }
  if (units.empty()) return true;
  auto it = sums->by_unit.begin();
  while (it->second[0] == 0 && it->second[1] == 0) ++it;
  const std::array<__int128, 2>& q = it->second;
  m.unit = it->first;
  m.quantity = q[0];
  // unit value = (value / 10^scale) / (quantity / 1000)
  __int128 pow = 1;
  for (int i = 0; i < money_scale; ++i) pow *= 10;
  m.unit_value = Derived::Ratio(m.value * 1000, q[0] * pow);
  if (has_compare && m.value_prev) {
    m.quantity_prev = q[1];
    m.unit_value_prev = Derived::Ratio(*m.value_prev * 1000, q[1] * pow);
    m.volume_growth_pct = indicators::GrowthPct(q[0], q[1]);
    if (q[0] != 0 && q[1] != 0)
      m.price_growth_pct = indicators::GrowthPct(m.value * q[1], *m.value_prev * q[0]);
  }
  return true;
}

std::string Joined(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : ", ") + s;
  return out;
}
}  // namespace

core::Result<QueryResult> Execute(const QueryRequest& request, const Catalog& catalog,
                                  const ReferenceLookup& ref, const ExecuteOptions& options) {
  TRADESTAT_ASSIGN_OR_RETURN(ParsedRequest p, ParseRequest(request));
  if (p.dataset.empty()) {
    TRADESTAT_ASSIGN_OR_RETURN(p.dataset, catalog.DefaultDataset());
  }
  TRADESTAT_ASSIGN_OR_RETURN(auto src, catalog.Open(p.dataset));
  bool by_period = false;
  for (const BySpec& by : p.by) by_period |= by.kind == ByKind::kPeriod;
  internal::BindOptions bind_options;
  bind_options.threads = options.threads;
  bind_options.budget = options.budget;
  bind_options.record = !by_period;
  TRADESTAT_ASSIGN_OR_RETURN(Run run, RunOnce(p, *src, ref, bind_options));
  Bound& b = run.bound;
  Folded& f = run.folded;

  QueryResult r;
  r.dataset = p.dataset;
  r.period = p.period;
  r.compare = p.compare_range;
  r.compare_mode = p.compare;
  r.coverage = CheckCoverage(src->Periods(), p.period, p.compare_range);
  r.currency = src->currencies()[b.currency];
  r.money_scale = src->money_scale();
  if (b.conversion) {
    r.currency = b.conversion->to;
    r.converted_from = b.conversion->from;
    for (const std::string& s : b.conversion->sources)
      r.rate_source += (r.rate_source.empty() ? "" : "; ") + s;
  }
  r.flow = p.flow_name;
  r.lang = p.lang;
  // The reporter as bound: its code when it was given by name or 2-digit province code.
  r.reporter = b.normalized ? b.normalized->reporter : p.reporter;
  if (!r.reporter.empty()) {
    r.reporter_name = ref.ReporterName(r.reporter, p.lang)
                          .value_or(ref.ReporterGroupName(r.reporter, p.lang).value_or(""));
  }
  for (const FilterSpec& fs : p.filters) r.filters.push_back({fs.name, fs.values});
  for (const BySpec& by : p.by) r.by.push_back(by.name);
  r.units = p.units;
  r.sort = p.sort.text;
  r.top = p.top;

  // Share bases.
  const bool cmp = b.has_compare;
  r.total_share_base.value = f.base_total[0];
  if (cmp) r.total_share_base.value_prev = f.base_total[1];
  // Share-base descriptions follow --lang like the names do (the JSON carries the same text).
  const bool zh = p.lang == Lang::kZh;
  const char* flow_zh = p.flow_name == "X" ? "出口" : p.flow_name == "M" ? "进口" : "进出口";
  r.total_share_base.description =
      zh ? fmt::format("范围内{}总值，不计 --where 筛选", flow_zh)
         : fmt::format("all trade of the scope in flow {}, without --where filters", p.flow_name);
  std::vector<FilterDesc> kept;
  for (size_t i = 0; i < p.filters.size(); ++i)
    if (!b.filter_family[i]) kept.push_back({p.filters[i].name, p.filters[i].values});
  r.rows_share_base.filters = kept;
  r.rows_share_base.description =
      zh ? fmt::format("范围内{}总值{}{}", flow_zh, FilterText(kept, true),
                       by_period ? (p.period.year_steps ? "，同年" : "，同月") : "")
         : fmt::format("trade of the scope in flow {}{}{}", p.flow_name, FilterText(kept, false),
                       by_period
                           ? (p.period.year_steps ? ", in the same year" : ", in the same month")
                           : "");
  auto base_of = [&](uint32_t period_member) -> const std::vector<__int128>& {
    static const std::vector<__int128> kZero(16, 0);
    auto it = f.base_rows.find(period_member);
    return it == f.base_rows.end() ? kZero : it->second;
  };
  if (!by_period) {
    const auto& base = base_of(0);
    r.rows_share_base.value = base[0];
    if (cmp) r.rows_share_base.value_prev = base[1];
  }

  // Total.
  bool partners_known = b.partner_identity || f.partner_sets;
  r.total.m = MeasuresOf(b, f.total, f.base_total[0],
                         cmp ? std::optional<__int128>(f.base_total[1]) : std::nullopt,
                         partners_known, false);
  if (!partners_known) {
    ParsedRequest t = TotalOnly(p);
    internal::BindOptions o = bind_options;
    o.record = false;
    TRADESTAT_ASSIGN_OR_RETURN(Run pr, RunOnce(t, *src, ref, o));
    if (pr.bound.partner_identity) {
      Measures pm = MeasuresOf(pr.bound, pr.folded.total, 0, std::nullopt, true, true);
      r.total.m.partners = pm.partners;
      r.total.m.partners_prev = pm.partners_prev;
    }
  }

  // Rows.
  for (const Acc& acc : f.rows) {
    if (acc.win[0][0] + acc.win[0][1] == 0 && (!cmp || acc.win[1][0] + acc.win[1][1] == 0))
      continue;
    ResultRow row;
    for (size_t i = 0; i < p.by.size(); ++i) {
      KeyPart k = b.by_members[i].members[acc.key[i]];
      k.dim = p.by[i].name;
      row.keys.push_back(std::move(k));
    }
    const auto& base = base_of(acc.has_period ? acc.period_member : 0);
    row.m = MeasuresOf(b, acc, base[0], cmp ? std::optional<__int128>(base[1]) : std::nullopt,
                       partners_known, by_period);
    r.rows.push_back(std::move(row));
  }
  r.rows_total = r.rows.size();
  for (int w : b.record_windows) r.record_years.push_back(b.windows[w].year);
  std::sort(r.record_years.begin(), r.record_years.end());

  // Quantities (--measure quantity|unit_value).
  r.measures = p.measures;
  r.value_shown = p.value_shown;
  if (p.want_quantity) {
    TRADESTAT_ASSIGN_OR_RETURN(auto totals, QuantityRows(p, *src, ref, bind_options, true));
    auto t = totals.find(KeyCodes({}));
    if (!SetQuantities(r.total.m, t == totals.end() ? nullptr : &t->second, cmp, r.money_scale) &&
        p.by.empty())
      return Status::InvalidArgument(fmt::format(
          "--measure: the total has quantities in several units ({}); quantities are summed within "
          "one unit only: add --by unit (or narrow with --where commodity=...)",
          Joined(r.total.m.mixed_units)));
    if (!p.by.empty()) {
      TRADESTAT_ASSIGN_OR_RETURN(auto rows, QuantityRows(p, *src, ref, bind_options, false));
      for (ResultRow& row : r.rows) {
        std::vector<std::string> codes;
        for (const KeyPart& k : row.keys) codes.push_back(k.code);
        auto it = rows.find(KeyCodes(codes));
        if (!SetQuantities(row.m, it == rows.end() ? nullptr : &it->second, cmp, r.money_scale)) {
          std::string name;
          for (const KeyPart& k : row.keys)
            name += (name.empty() ? "" : " / ") + (k.name.empty() ? k.code : k.name);
          return Status::InvalidArgument(fmt::format(
              "--measure: row \"{}\" has quantities in several units ({}); quantities are summed "
              "within one unit only: add --by unit",
              name, Joined(row.m.mixed_units)));
        }
      }
    }
  }

  // Benchmark.
  if (p.has_benchmark) {
    TRADESTAT_ASSIGN_OR_RETURN(auto bsrc, catalog.Open(p.benchmark_dataset));
    ParsedRequest t = TotalOnly(p);
    t.dataset = p.benchmark_dataset;
    t.reporter = p.benchmark_reporter;
    internal::BindOptions o = bind_options;
    o.record = false;
    o.want_partner_identity = false;
    auto br = RunOnce(t, *bsrc, ref, o);
    if (!br.ok()) return br.status().WithContext(fmt::format("--benchmark {}", request.benchmark));
    BenchmarkInfo bi;
    bi.dataset = p.benchmark_dataset;
    bi.reporter = p.benchmark_reporter;
    const Acc& bt = br->folded.total;
    bi.value = bt.win[0][0] + bt.win[0][1];
    if (br->bound.has_compare) {
      bi.value_prev = bt.win[1][0] + bt.win[1][1];
      bi.growth_pct = indicators::GrowthPct(bi.value, *bi.value_prev);
    }
    r.total.m.vs_benchmark_pp = indicators::DifferencePp(r.total.m.growth_pct, bi.growth_pct);
    for (ResultRow& row : r.rows)
      row.m.vs_benchmark_pp = indicators::DifferencePp(row.m.growth_pct, bi.growth_pct);
    r.benchmark = bi;
  }

  // Series (--by period): MoM and year to date from the months they need, step coverage.
  if (by_period) {
    size_t period_key = 0;
    while (p.by[period_key].kind != ByKind::kPeriod) ++period_key;
    std::optional<series::SeriesMonths> months;
    if (!p.period.year_steps) {
      months.emplace();
      // Each month's value and the same month a year earlier, per row key without its period.
      auto collect = [&](const Run& from) {
        for (const Acc& acc : from.folded.rows) {
          std::vector<std::string> codes;
          std::string month;
          for (size_t i = 0; i < p.by.size(); ++i) {
            const std::string& code = from.bound.by_members[i].members[acc.key[i]].code;
            if (i == period_key)
              month = code;
            else
              codes.push_back(code);
          }
          auto per = core::Period::Parse(month);
          if (!per.ok() || per->is_annual()) continue;
          series::MonthSums& s = (*months)[series::OtherKey(codes)][per->MonthIndex()];
          s.cur += acc.win[0][0] + acc.win[0][1];
          s.prev += acc.win[1][0] + acc.win[1][1];
        }
      };
      // The steps' own months are the rows just folded when they compare year on year; only the
      // months before the range (January onwards, and the month before the first step) are
      // scanned again.
      const PeriodRange needed = series::MonthsNeeded(p.period);
      const bool reuse = p.compare == CompareMode::kYoy;
      ParsedRequest q = p;
      q.top = 0;
      q.sort = SortSpec{};
      q.has_benchmark = false;
      q.period = needed;
      if (reuse) {
        q.period.to = p.period.from.AddMonths(-1);
        q.period.label = fmt::format("{}..{}", q.period.from.ToString(), q.period.to.ToString());
      }
      q.compare = CompareMode::kYoy;
      q.compare_range = ComparisonRange(q.period, CompareMode::kYoy);
      internal::BindOptions o = bind_options;
      o.record = false;
      o.want_partner_identity = false;
      TRADESTAT_ASSIGN_OR_RETURN(Run sr, RunOnce(q, *src, ref, o));
      collect(sr);
      if (reuse) collect(run);
    }
    series::Fill(r, period_key, months ? &*months : nullptr, src->Periods());
    if (b.conversion && !p.period.year_steps) {
      // Converted year-to-date sums come from one conversion of all their months, rounded once,
      // not from the months' rounded values: one scan per step month (query/currency.h).
      ParsedRequest q = TotalOnly(p);
      q.by = p.by;
      q.units = p.units;
      q.by.erase(q.by.begin() + static_cast<std::ptrdiff_t>(period_key));
      q.compare = CompareMode::kYoy;
      internal::BindOptions o = bind_options;
      o.record = false;
      o.want_partner_identity = false;
      std::map<std::string, std::map<std::string, std::array<__int128, 2>>>
          ytd;  // step -> key -> sums
      for (ResultRow& row : r.rows) {
        if (!row.m.ytd_value) continue;
        const std::string& step = row.keys[period_key].code;
        if (!ytd.count(step)) {
          auto per = core::Period::Parse(step);
          if (!per.ok() || per->is_annual()) continue;
          q.period.from = core::Period::Month(per->year(), 1);
          q.period.to = *per;
          q.period.label = fmt::format("{}..{}", q.period.from.ToString(), step);
          q.compare_range = ComparisonRange(q.period, CompareMode::kYoy);
          TRADESTAT_ASSIGN_OR_RETURN(Run yr, RunOnce(q, *src, ref, o));
          auto& sums = ytd[step];
          sums[KeyCodes({})] = {yr.folded.total.win[0][0] + yr.folded.total.win[0][1],
                                yr.folded.total.win[1][0] + yr.folded.total.win[1][1]};
          for (const Acc& acc : yr.folded.rows) {
            std::vector<std::string> codes;
            for (size_t i = 0; i < q.by.size(); ++i)
              codes.push_back(yr.bound.by_members[i].members[acc.key[i]].code);
            sums[KeyCodes(codes)] = {acc.win[0][0] + acc.win[0][1], acc.win[1][0] + acc.win[1][1]};
          }
        }
        std::vector<std::string> codes;
        for (size_t i = 0; i < row.keys.size(); ++i)
          if (i != period_key) codes.push_back(row.keys[i].code);
        auto it = ytd[step].find(KeyCodes(codes));
        std::array<__int128, 2> v =
            it == ytd[step].end() ? std::array<__int128, 2>{0, 0} : it->second;
        row.m.ytd_value = v[0];
        if (row.m.ytd_value_prev) {
          row.m.ytd_value_prev = v[1];
          row.m.ytd_growth_pct = indicators::GrowthPct(v[0], v[1]);
        }
      }
    }
  }

  // Trade-structure indicators (--measure rca|trade_intensity|hhi|products_exported), before --top.
  TRADESTAT_RETURN_IF_ERROR(indicators::AddStructureMeasures(request, p, catalog, ref, options, r));

  // Rows without counts (a backend that keeps no partner sets) cannot be ordered by them.
  if (p.sort.field == SortField::kPartners && !partners_known && !r.rows.empty())
    return Status::InvalidArgument(
        "--sort partners: this dataset's backend counts partners only for smaller breakdowns; "
        "narrow --by or "
        "the period, or sort by another field");
  indicators::AssignRanks(r.rows);
  std::sort(r.rows.begin(), r.rows.end(),
            [&](const ResultRow& x, const ResultRow& y) { return RowLess(x, y, p.sort); });
  if (p.top > 0 && r.rows.size() > static_cast<size_t>(p.top)) r.rows.resize(p.top);
  return r;
}

}  // namespace tradestat::query
