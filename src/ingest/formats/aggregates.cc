// ingest/formats/aggregates.cc: recognise totals mixed with their parts, check them, keep them out.
//
// Three passes over the counted rows of one file, each grouping rows that agree on every other
// dimension:
//   1. breakdowns: partner2 / customs procedure / transport mode rows beside the row whose keys
//      are all totals (partner2 World, C00, 0): the total is kept (the store has no such
//      dimension), the parts are checked against it and kept out;
//   2. partners: partner World beside other partners: the partners are kept, World is checked;
//   3. commodities: TOTAL, and any code that is a prefix of another code in the group: the
//      finest codes (leaves) are kept, each aggregate is checked against the leaves under it.
// A group with only a total (a World-only or TOTAL-only file) keeps the total: it is the finest
// row there is. Tolerance: one unit of currency per part (sources round each part to units).
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

std::string Key(const SourceRow& r, int skip) {
  std::string k;
  for (int i : {0, 1, 2, 3, 4, 5, 8}) {
    if (i == skip) continue;
    k += r.field[i];
    k += '\x1f';
  }
  return k;
}

std::string Money(__int128 minor) {
  bool neg = minor < 0;
  return (neg ? "-" : "") + core::GroupThousands(core::FormatScaled(neg ? -minor : minor, 2));
}

void Check(SourceTable* t, const SourceRow& total, __int128 parts, size_t part_count, std::string_view what,
           std::string_view parts_what) {
  if (total.minor.empty()) return;
  __int128 diff = static_cast<__int128>(total.minor[0]) - parts;
  __int128 tolerance = static_cast<__int128>(std::max<size_t>(part_count, 1)) * 100;
  if (diff <= tolerance && -diff <= tolerance) return;
  t->warnings.push_back(fmt::format(
      "{}:{}: {} row ({} {}) differs from the sum of its {} {} ({}) by {}; the parts are counted, the total is not",
      t->file, total.line, what, t->currencies.empty() ? "" : t->currencies[0], Money(total.minor[0]), part_count,
      parts_what, Money(parts), Money(diff)));
}

}  // namespace

void ClassifyAggregates(SourceTable* t) {
  size_t first_warning = t->warnings.size();
  auto counted = [&](const SourceRow& r) { return r.role == RowRole::kCounted; };

  // 1. partner2 / customs procedure / transport mode breakdowns.
  {
    std::map<std::string, std::vector<size_t>> groups;
    for (size_t i = 0; i < t->rows.size(); ++i)
      if (counted(t->rows[i])) groups[Key(t->rows[i], -1)].push_back(i);
    for (auto& [key, idx] : groups) {
      const SourceRow* total = nullptr;
      bool has_parts = false;
      for (size_t i : idx) {
        const SourceRow& r = t->rows[i];
        if (r.partner2.empty() && r.customs.empty() && r.mot.empty()) total = total ? total : &r;
        else has_parts = true;
      }
      if (!total || !has_parts) continue;
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
      static constexpr std::string_view kWhat[] = {"partner2 (second partner)", "customs procedure",
                                                   "transport mode"};
      for (int d = 0; d < 3; ++d)
        if (counts[d] > 0)
          Check(t, *total, sums[d], counts[d], fmt::format("{} total", kWhat[d]), fmt::format("{} rows", kWhat[d]));
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
      Check(t, t->rows[world.front()], parts, part_count, "partner World", "partner rows");
    }
  }

  // 3. commodity TOTAL and shorter codes beside longer codes starting with them.
  {
    std::map<std::string, std::vector<size_t>> groups;
    for (size_t i = 0; i < t->rows.size(); ++i)
      if (counted(t->rows[i])) groups[Key(t->rows[i], 4)].push_back(i);
    for (auto& [key, idx] : groups) {
      if (idx.size() < 2) continue;
      std::set<std::string> codes;  // the group's digit codes (TOTAL excluded)
      for (size_t i : idx)
        if (!t->rows[i].commodity_total) codes.insert(t->rows[i].field[4]);
      auto is_aggregate = [&](const SourceRow& r) {
        if (r.commodity_total) return !codes.empty();
        auto it = codes.upper_bound(r.field[4]);
        return it != codes.end() && core::StartsWith(*it, r.field[4]);
      };
      std::vector<size_t> aggregates, leaves;
      for (size_t i : idx) (is_aggregate(t->rows[i]) ? aggregates : leaves).push_back(i);
      if (aggregates.empty()) continue;
      for (size_t a : aggregates) {
        const SourceRow& agg = t->rows[a];
        __int128 parts = 0;
        size_t n = 0;
        for (size_t l : leaves) {
          const SourceRow& r = t->rows[l];
          if (agg.commodity_total || core::StartsWith(r.field[4], agg.field[4])) {
            ++n;
            if (!r.minor.empty()) parts += r.minor[0];
          }
        }
        Check(t, agg, parts, n,
              agg.commodity_total ? std::string("commodity TOTAL") : fmt::format("commodity {}", agg.field[4]),
              "finest commodity rows under it");
      }
      for (size_t a : aggregates) t->rows[a].role = RowRole::kCommodityTotal;
    }
  }
  // Report in file order ("FILE:LINE: ..."), whichever pass found them.
  auto line_of = [&](const std::string& w) {
    size_t colon = w.find(':', t->file.size());
    return std::strtoull(w.c_str() + colon + 1, nullptr, 10);
  };
  std::stable_sort(t->warnings.begin() + static_cast<std::ptrdiff_t>(first_warning), t->warnings.end(),
                   [&](const std::string& a, const std::string& b) { return line_of(a) < line_of(b); });
}

}  // namespace tradestat::ingest
