// ingest/formats/aggregates.cc: recognise totals mixed with their parts, check them, keep them out,
// and store an aggregate's excess over its parts as an explicit residual.
//
// Three passes over the counted rows of one file, each grouping rows that agree on every other
// dimension:
//   1. breakdowns: partner2 / customs procedure / transport mode rows beside the row whose keys
//      are all totals (partner2 World, C00, 0): the total is kept (the store has no such
//      dimension), the parts are checked against it and kept out. Without that row exactly ONE
//      breakdown is kept (the one with the largest sum, i.e. the most complete), never several;
//   2. partners: partner World beside other partners: the partners are kept, World is checked;
//   3. commodities: TOTAL, and any code that is a prefix of another code in the group: the
//      finest codes (leaves) are kept, each aggregate is checked against the leaves under it.
// An aggregate exceeding its parts beyond the source's rounding (half a currency unit per part)
// adds a kResidual row: partner XNS ("not specified") for World, the aggregate's own code
// ("products n.e.s. at that level") for a commodity aggregate; never more than an enclosing
// aggregate leaves room for, so a published outer total is never exceeded. A group with only a
// total (a World-only or TOTAL-only file) keeps the total: it is the finest row there is.
#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>
#include <map>
#include <set>

#include "core/decimal.h"
#include "core/strings.h"
#include "ingest/formats/source_table.h"

namespace tradestat::ingest {

namespace {

// Rows agreeing on every dimension but `skip`. The unit is not a dimension here: a total and its
// parts may carry a quantity or not (Comext observations), and values add across units.
std::string Key(const SourceRow& r, int skip) {
  std::string k;
  for (int i : {0, 1, 2, 3, 4, 5}) {
    if (i == skip) continue;
    k += r.field[i];
    k += '\x1f';
  }
  return k;
}

std::string Money(int scale, __int128 minor) {
  bool neg = minor < 0;
  return (neg ? "-" : "") + core::GroupThousands(core::FormatScaled(neg ? -minor : minor, scale));
}

// Half a currency unit per part (at least one minor unit) in the table's minor units.
__int128 Tolerance(int scale, size_t part_count) {
  __int128 unit = 1;
  for (int i = 0; i < scale; ++i) unit *= 10;
  return static_cast<__int128>(std::max<size_t>(part_count, 1)) * std::max<__int128>(unit / 2, 1);
}

// A residual row: a copy of `total` (same line, same keys) holding `amount`.
void AddResidual(SourceTable* t, const SourceRow& total, __int128 amount, std::string_view partner,
                 RowRole role) {
  SourceRow r = total;
  r.role = role;
  r.residual = true;
  r.partner_world = false;
  if (role == RowRole::kResidual) r.commodity_total = false;  // a commodity residual: final
  if (!partner.empty()) r.field[3] = std::string(partner);
  r.field[7].clear(),
      r.field[8].clear();  // a residual of value only: the total's quantity is not its own
  r.partner2.clear(), r.customs.clear(), r.mot.clear();
  r.value = {core::FormatScaled(amount, t->money_scale)};
  r.minor = {static_cast<int64_t>(amount)};
  r.value.resize(total.value.size(), "0");
  r.minor.resize(total.minor.size(), 0);
  t->rows.push_back(std::move(r));
}

// Compares a kept-out total with its parts. Returns the excess beyond rounding (0 within it or
// when the parts exceed the total); writes a warning saying what is stored unless `residual_as`
// is given, in which case the caller decides and words it.
__int128 Check(SourceTable* t, const SourceRow& total, __int128 parts, size_t part_count,
               std::string_view what, std::string_view parts_what, std::string_view stored) {
  if (total.minor.empty()) return 0;
  __int128 diff = static_cast<__int128>(total.minor[0]) - parts;
  if (diff == 0) return 0;
  if (diff <= Tolerance(t->money_scale, part_count) &&
      -diff <= Tolerance(t->money_scale, part_count)) {
    ++t->rounding_differences;
    return 0;
  }
  if (diff > 0) return diff;
  t->warnings.push_back(fmt::format(
      "{}:{}: {} row ({} {}) differs from the sum of its {} {} ({}) by {}; {}", t->file, total.line,
      what, t->currencies.empty() ? "" : t->currencies[0], Money(t->money_scale, total.minor[0]),
      part_count, parts_what, Money(t->money_scale, parts), Money(t->money_scale, diff), stored));
  return 0;
}

void Warn(SourceTable* t, const SourceRow& total, __int128 parts, size_t part_count,
          std::string_view what, std::string_view parts_what, __int128 diff,
          std::string_view stored) {
  t->warnings.push_back(fmt::format(
      "{}:{}: {} row ({} {}) differs from the sum of its {} {} ({}) by {}; {}", t->file, total.line,
      what, t->currencies.empty() ? "" : t->currencies[0], Money(t->money_scale, total.minor[0]),
      part_count, parts_what, Money(t->money_scale, parts), Money(t->money_scale, diff), stored));
}

}  // namespace

void ClassifyAggregates(SourceTable* t) {
  size_t first_warning = t->warnings.size();
  auto counted = [&](const SourceRow& r) { return r.role == RowRole::kCounted; };
  static constexpr std::string_view kWhat[] = {"partner2 (second partner)", "customs procedure",
                                               "transport mode"};

  // 0. partner groups (Comext EU27_2020, EXTRA_EU27_2020; WITS EUN): totals over partner
  //    countries, never a partner of their own: kept out, whatever else the file holds.
  {
    std::map<std::string, uint64_t> groups;
    uint64_t first_line = 0;
    for (auto& r : t->rows)
      if (r.partner_group && counted(r)) {
        r.role = RowRole::kPartnerTotal;
        if (groups[r.field[3]]++ == 0 && first_line == 0) first_line = r.line;
      }
    if (!groups.empty()) {
      std::string list;
      for (const auto& [code, n] : groups)
        list += fmt::format("{}{} ({} rows)", list.empty() ? "" : ", ", code, n);
      t->warnings.push_back(
          fmt::format("{}:{}: partner groups {} are totals over partner countries: kept out, not "
                      "stored (the World and "
                      "country rows are)",
                      t->file, first_line, list));
    }
  }

  // 1. partner2 / customs procedure / transport mode breakdowns.
  {
    std::map<std::string, std::vector<size_t>> groups;
    for (size_t i = 0; i < t->rows.size(); ++i)
      if (counted(t->rows[i])) groups[Key(t->rows[i], -1)].push_back(i);
    for (auto& [key, idx] : groups) {
      const SourceRow* total = nullptr;
      bool has_parts = false;
      // Rows by breakdown pattern (bit 0 partner2, 1 customs, 2 transport mode).
      std::map<int, std::vector<size_t>> by_pattern;
      std::map<int, __int128> pattern_sum;
      for (size_t i : idx) {
        const SourceRow& r = t->rows[i];
        int mask = !r.partner2.empty() | (!r.customs.empty() << 1) | (!r.mot.empty() << 2);
        if (mask == 0) {
          total = total ? total : &r;
        } else {
          has_parts = true;
          by_pattern[mask].push_back(i);
          if (!r.minor.empty()) pattern_sum[mask] += r.minor[0];
        }
      }
      if (!has_parts) continue;
      if (!total) {
        if (by_pattern.size() < 2) continue;  // one breakdown only: it is the figure
        // Several breakdowns of the same figure and no all-of-them row: keep exactly one, the
        // single-dimension breakdown with the largest sum (the most complete); never add them.
        int keep = -1;
        for (auto& [mask, rows] : by_pattern) {
          bool single = (mask & (mask - 1)) == 0;
          if (!single) continue;
          if (keep < 0 || pattern_sum[mask] > pattern_sum[keep]) keep = mask;
        }
        if (keep < 0) keep = by_pattern.begin()->first;
        std::string others;
        for (auto& [mask, rows] : by_pattern) {
          if (mask == keep) continue;
          for (size_t i : rows) t->rows[i].role = RowRole::kBreakdown;
          std::string name;
          for (int d = 0; d < 3; ++d)
            if (mask & (1 << d)) name += (name.empty() ? "" : " x ") + std::string(kWhat[d]);
          others += fmt::format("{}{} ({} rows, {})", others.empty() ? "" : ", ", name, rows.size(),
                                Money(t->money_scale, pattern_sum[mask]));
        }
        std::string kept;
        for (int d = 0; d < 3; ++d)
          if (keep & (1 << d)) kept += (kept.empty() ? "" : " x ") + std::string(kWhat[d]);
        const SourceRow& first = t->rows[by_pattern[keep].front()];
        t->warnings.push_back(fmt::format(
            "{}:{}: no all-of-them row for reporter {} period {} flow {} partner {} commodity {}; "
            "of its breakdowns "
            "the {} breakdown ({} rows, {}) is stored, the others are kept out, never added: {}",
            t->file, first.line, first.field[2], first.field[0], first.field[1], first.field[3],
            first.field[4], kept, by_pattern[keep].size(), Money(t->money_scale, pattern_sum[keep]),
            others));
        continue;
      }
      __int128 sums[3] = {0, 0, 0};
      size_t counts[3] = {0, 0, 0};
      for (size_t i : idx) {
        SourceRow& r = t->rows[i];
        if (&r == total || (r.partner2.empty() && r.customs.empty() && r.mot.empty())) continue;
        r.role = RowRole::kBreakdown;
        int d = !r.partner2.empty() + !r.customs.empty() + !r.mot.empty();
        if (d != 1 || r.minor.empty()) continue;
        int which = !r.partner2.empty() ? 0 : !r.customs.empty() ? 1 : 2;
        sums[which] += r.minor[0];
        ++counts[which];
      }
      for (int d = 0; d < 3; ++d)
        if (counts[d] > 0) {
          __int128 excess = Check(t, *total, sums[d], counts[d], fmt::format("{} total", kWhat[d]),
                                  fmt::format("{} rows", kWhat[d]),
                                  "the total row is stored, its breakdown rows are not");
          if (excess > 0)
            Warn(t, *total, sums[d], counts[d], fmt::format("{} total", kWhat[d]),
                 fmt::format("{} rows", kWhat[d]), excess,
                 "the total row is stored, its breakdown rows are not");
        }
    }
  }

  // 2. partner World beside its partners.
  {
    std::map<std::string, std::vector<size_t>> groups;
    for (size_t i = 0; i < t->rows.size(); ++i)
      if (counted(t->rows[i])) groups[Key(t->rows[i], 3)].push_back(i);
    for (auto& [key, idx] : groups) {
      std::vector<size_t> world;
      __int128 parts = 0;
      size_t part_count = 0;
      for (size_t i : idx) {
        const SourceRow& r = t->rows[i];
        if (r.partner_world) {
          world.push_back(i);
        } else {
          ++part_count;
          if (!r.minor.empty()) parts += r.minor[0];
        }
      }
      if (world.empty() || part_count == 0) continue;
      for (size_t i : world) t->rows[i].role = RowRole::kPartnerTotal;
      SourceRow w = t->rows[world.front()];
      for (size_t k = 1; k < world.size(); ++k)  // World rows of several procedures: one total
        if (!w.minor.empty() && !t->rows[world[k]].minor.empty())
          w.minor[0] += t->rows[world[k]].minor[0];
      __int128 excess = Check(t, w, parts, part_count, "partner World", "partner rows",
                              "the partner rows are stored, the World row is not");
      if (excess > 0 && t->currencies.size() != 1) {
        Warn(t, w, parts, part_count, "partner World", "partner rows", excess,
             "the partner rows are stored, the World row is not");
      } else if (excess > 0) {
        Warn(t, w, parts, part_count, "partner World", "partner rows", excess,
             fmt::format("stored as the partner rows plus a residual of {} under partner XNS (not "
                         "specified)",
                         Money(t->money_scale, excess)));
        // Counted for now, so the commodity pass treats residuals of World TOTAL and World chapters
        // as one more partner's hierarchy; marked kResidual at the end.
        AddResidual(t, w, excess, "XNS", RowRole::kCounted);
      }
    }
  }

  // 3. commodity TOTAL and shorter codes beside longer codes starting with them.
  {
    std::map<std::string, std::vector<size_t>> groups;
    for (size_t i = 0; i < t->rows.size(); ++i)
      if (counted(t->rows[i])) groups[Key(t->rows[i], 4)].push_back(i);
    for (auto& [key, idx] : groups) {
      if (idx.size() < 2) continue;
      const bool residuals_allowed = t->currencies.size() == 1;
      std::set<std::string> codes;  // the group's digit codes (TOTAL excluded)
      for (size_t i : idx)
        if (!t->rows[i].commodity_total) codes.insert(t->rows[i].field[4]);
      auto is_aggregate = [&](const SourceRow& r) {
        if (r.confidential) return false;
        if (r.commodity_total) return !codes.empty();
        auto it = codes.upper_bound(r.field[4]);
        return it != codes.end() && core::StartsWith(*it, r.field[4]);
      };
      std::vector<size_t> aggregates, leaves;
      for (size_t i : idx) (is_aggregate(t->rows[i]) ? aggregates : leaves).push_back(i);
      if (aggregates.empty()) continue;
      auto under = [&](const SourceRow& agg, const SourceRow& r) {
        return agg.commodity_total || (core::StartsWith(r.field[4], agg.field[4]) && &agg != &r);
      };
      // Published value minus everything stored under it, per aggregate (room for residuals). Rows
      // of one aggregate code that differ only in a breakdown the store does not keep (Comext
      // statistical procedure) are one aggregate: their values are added.
      const std::vector<size_t> all_aggregates = aggregates;
      std::vector<SourceRow> snapshot;
      {
        std::map<std::string, size_t> first_of;
        std::vector<size_t> unique;
        for (size_t a : aggregates) {
          const SourceRow& r = t->rows[a];
          auto [it, fresh] =
              first_of.emplace(r.commodity_total ? std::string() : r.field[4], snapshot.size());
          if (fresh) {
            unique.push_back(a);
            snapshot.push_back(r);
          } else if (!r.minor.empty() && !snapshot[it->second].minor.empty()) {
            snapshot[it->second].minor[0] += r.minor[0];
          }
        }
        aggregates = std::move(unique);
      }
      std::vector<__int128> leaf_sum(aggregates.size(), 0), residual(aggregates.size(), 0);
      std::vector<size_t> leaf_count(aggregates.size(), 0);
      for (size_t k = 0; k < aggregates.size(); ++k)
        for (size_t l : leaves) {
          const SourceRow& r = t->rows[l];
          if (under(snapshot[k], r)) {
            ++leaf_count[k];
            if (!r.minor.empty()) leaf_sum[k] += r.minor[0];
          }
        }
      // Deepest first (longest code; TOTAL last): the residual of an aggregate is its excess over
      // the leaves and residuals under it, never more than any enclosing aggregate has room for.
      std::vector<size_t> order(aggregates.size());
      for (size_t k = 0; k < order.size(); ++k) order[k] = k;
      auto depth = [&](size_t k) {
        return snapshot[k].commodity_total ? -1 : static_cast<int>(snapshot[k].field[4].size());
      };
      std::stable_sort(order.begin(), order.end(),
                       [&](size_t a, size_t b) { return depth(a) > depth(b); });
      auto inner_residuals = [&](size_t k) {
        __int128 s = 0;
        for (size_t j = 0; j < aggregates.size(); ++j)
          if (j != k && residual[j] != 0 && depth(j) > depth(k) && under(snapshot[k], snapshot[j]))
            s += residual[j];
        return s;
      };
      for (size_t k : order) {
        const SourceRow& agg = snapshot[k];
        if (agg.minor.empty()) continue;
        __int128 parts = leaf_sum[k] + inner_residuals(k);
        std::string what = agg.commodity_total ? std::string("commodity TOTAL")
                                               : fmt::format("commodity {}", agg.field[4]);
        __int128 excess =
            Check(t, agg, parts, leaf_count[k], what, "finest commodity rows under it",
                  "the finest rows are stored, the aggregate row is not");
        if (excess <= 0) continue;
        __int128 room = excess;
        for (size_t j = 0; j < aggregates.size(); ++j) {
          if (j == k || depth(j) >= depth(k) || !under(snapshot[j], agg) ||
              snapshot[j].minor.empty())
            continue;
          __int128 slack = snapshot[j].minor[0] - leaf_sum[j] - inner_residuals(j);
          room = std::min(room, slack);
        }
        if (residuals_allowed && room > Tolerance(t->money_scale, leaf_count[k])) {
          residual[k] = room;
          Warn(t, agg, parts, leaf_count[k], what, "finest commodity rows under it", excess,
               fmt::format("stored as those rows plus a residual of {} under commodity {} "
                           "(products n.e.s. at that "
                           "level){}",
                           Money(t->money_scale, room), agg.field[4],
                           room < excess
                               ? "; the rest would exceed the enclosing aggregate and is not stored"
                               : ""));
        } else {
          Warn(t, agg, parts, leaf_count[k], what, "finest commodity rows under it", excess,
               "the finest rows are stored, the aggregate row is not (an enclosing aggregate "
               "leaves no room for a "
               "residual)");
        }
      }
      for (size_t a : all_aggregates) t->rows[a].role = RowRole::kCommodityTotal;
      for (size_t k = 0; k < aggregates.size(); ++k)
        if (residual[k] != 0) AddResidual(t, snapshot[k], residual[k], "", RowRole::kResidual);
    }
  }
  for (auto& r : t->rows)
    if (r.residual && r.role == RowRole::kCounted) r.role = RowRole::kResidual;
  // Report in file order ("FILE:LINE: ..."), whichever pass found them.
  auto line_of = [&](const std::string& w) {
    size_t colon = w.find(':', t->file.size());
    return std::strtoull(w.c_str() + colon + 1, nullptr, 10);
  };
  std::stable_sort(
      t->warnings.begin() + static_cast<std::ptrdiff_t>(first_warning), t->warnings.end(),
      [&](const std::string& a, const std::string& b) { return line_of(a) < line_of(b); });
}

}  // namespace tradestat::ingest
