// demo/china_generator.cc: the national benchmark, 31 provinces x partners x HS chapters x
// months, 2021-01..2023-06.
//
// Hunan's rows (reporter 430000) from 2022 on are the hunan dataset summed by month, flow,
// partner and chapter, so both datasets agree exactly (RMB and USD alike). The other 30
// provinces, and Hunan in 2021, are drawn coarsely and raked to the national totals (targets.h)
// minus Hunan's: national H1 2023 is 20.10 tn, +2.1%, exports +3.7%, imports -0.1%.
#include <algorithm>
#include <map>
#include <tuple>

#include <fmt/format.h>

#include "demo/internal/generator.h"
#include "demo/raker.h"
#include "demo/targets.h"

namespace tradestat::demo::internal {
namespace {

namespace t = targets;
constexpr double kBn = 1e9;

struct Cell {
  int32_t period;
  uint8_t flow;
  uint16_t reporter;  // index into the china reporters (0 = Hunan)
  uint16_t partner;
  uint16_t chapter;
  double value;
  int cell;
};

}  // namespace

core::Status GenerateChina(const DemoOptions& options, const DemoReference& ref,
                           const Catalog& catalog, const DemoDataset& hunan, DemoDataset* out) {
  Rng rng(options.seed ^ 0x4348494E41ull);
  const auto& partners = catalog.partners();
  std::vector<std::string> partner_codes;
  for (const auto& p : partners) partner_codes.push_back(p.code);
  TRADESTAT_ASSIGN_OR_RETURN(std::vector<int> atoms, PartnerAtoms(ref, partner_codes, kLastMonth));

  out->name = "china";
  out->reporters = {"430000"};
  for (const auto& p : catalog.provinces()) out->reporters.push_back(p.code);
  out->partners = partner_codes;
  out->commodities.clear();
  std::vector<uint32_t> chapter_index(kChapters, 0);
  for (int ch = 1; ch < kChapters; ++ch) {
    if (catalog.chapter_commodities(ch).empty()) continue;
    chapter_index[ch] = static_cast<uint32_t>(out->commodities.size());
    out->commodities.push_back(fmt::format("{:02d}", ch));
  }
  out->trade_modes = {""};
  out->units = {""};

  // Hunan's own rows: the hunan dataset summed to (month, flow, partner, chapter).
  std::map<std::tuple<int32_t, int, int, int>, std::pair<int64_t, int64_t>> hunan_sums;
  std::map<int32_t, std::array<double, 2>> hunan_month_flow;
  std::array<double, 2 * t::kAtoms> hunan_atoms{};
  for (const auto& r : hunan.rows) {
    const int ch =
        (hunan.commodities[r.commodity][0] - '0') * 10 + (hunan.commodities[r.commodity][1] - '0');
    auto& s = hunan_sums[{r.period, r.flow, r.partner, ch}];
    s.first += r.value_cny;
    s.second += r.value_usd;
    hunan_month_flow[r.period][r.flow] += static_cast<double>(r.value_cny) / 100;
    const int w = WindowOf(core::Period::FromKey(r.period));
    if (w >= 0)
      hunan_atoms[w * t::kAtoms + atoms[r.partner]] += static_cast<double>(r.value_cny) / 100;
  }

  // Draw the other provinces (and Hunan before the hunan dataset starts).
  std::vector<double> prov_w;
  for (const auto& p : catalog.provinces()) prov_w.push_back(p.weight_x);
  double max_w = *std::max_element(prov_w.begin(), prov_w.end());
  std::array<AliasTable, 2> partner_tables;
  for (int f = 0; f < 2; ++f) {
    std::vector<double> w;
    for (size_t i = 0; i < partners.size(); ++i) {
      const bool active =
          static_cast<int>(std::find(catalog.partner_rank_order().begin(),
                                     catalog.partner_rank_order().end(), static_cast<int>(i)) -
                           catalog.partner_rank_order().begin()) < 236;
      w.push_back(active ? (f == 0 ? partners[i].export_w : partners[i].import_w) : 0);
    }
    partner_tables[f] = AliasTable(w);
  }
  std::vector<std::array<AliasTable, 2>> chapter_tables(out->reporters.size());
  for (size_t r = 0; r < out->reporters.size(); ++r) {
    for (int f = 0; f < 2; ++f) {
      std::array<double, kChapters> mix{};
      if (r == 0) {  // Hunan before 2022: its prefectures' mixes weighted by size
        for (const auto& p : catalog.prefectures())
          for (int c = 0; c < kChapters; ++c)
            mix[c] += (f == 0 ? p.chapter_x[c] * p.weight_x : p.chapter_m[c] * p.weight_m);
      } else {
        mix = f == 0 ? catalog.provinces()[r - 1].chapter_x : catalog.provinces()[r - 1].chapter_m;
      }
      for (int c = 0; c < kChapters; ++c)
        if (catalog.chapter_commodities(c).empty()) mix[c] = 0;
      chapter_tables[r][f] = AliasTable(std::vector<double>(mix.begin(), mix.end()));
    }
  }

  Raker raker;
  // 0: flow totals of the other provinces per window.
  const double hx22 = [&] {
    double s = 0;
    for (int m = 1; m <= 6; ++m) s += hunan_month_flow[202200 + m][0];
    return s;
  }();
  const double hm22 = [&] {
    double s = 0;
    for (int m = 1; m <= 6; ++m) s += hunan_month_flow[202200 + m][1];
    return s;
  }();
  const double hx23 = [&] {
    double s = 0;
    for (int m = 1; m <= 6; ++m) s += hunan_month_flow[202300 + m][0];
    return s;
  }();
  const double hm23 = [&] {
    double s = 0;
    for (int m = 1; m <= 6; ++m) s += hunan_month_flow[202300 + m][1];
    return s;
  }();
  raker.AddPartition("national flow",
                     {t::kNatExports22 * kBn - hx22, t::kNatImports22 * kBn - hm22,
                      t::kNatExports23 * kBn - hx23, t::kNatImports23 * kBn - hm23});
  // 1: month totals 2022-01..2023-06 of the other provinces.
  std::array<double, 6> nat22 = t::kNatMonths22;
  nat22[5] =
      t::kNatExports22 + t::kNatImports22 - (nat22[0] + nat22[1] + nat22[2] + nat22[3] + nat22[4]);
  std::vector<double> months;
  for (int i = 0; i < 18; ++i) {
    const core::Period p = kFirstMonth.AddMonths(i);
    const double nat = i < 6    ? nat22[i]
                       : i < 12 ? t::kNatMonthsH2_22[i - 6]
                                : t::kNatMonths23[i - 12];
    months.push_back(nat * kBn - hunan_month_flow[p.key()][0] - hunan_month_flow[p.key()][1]);
  }
  raker.AddPartition("national month", months);
  // 2: partner atoms per window (national minus Hunan; the rest of the world is the residual).
  std::vector<double> atom_targets(2 * t::kAtoms);
  for (int w = 0; w < 2; ++w) {
    double sum = 0;
    for (int a = 0; a < t::kAtoms - 1; ++a) {
      const double nat = (w == 0 ? t::kNatAtoms22[a] : t::kNatAtoms23[a]) * kBn;
      atom_targets[w * t::kAtoms + a] = nat - hunan_atoms[w * t::kAtoms + a];
      sum += nat;
    }
    const double nat_total =
        (w == 0 ? t::kNatExports22 + t::kNatImports22 : t::kNatExports23 + t::kNatImports23) * kBn;
    atom_targets[w * t::kAtoms + t::kAtoms - 1] =
        nat_total - sum - hunan_atoms[w * t::kAtoms + t::kAtoms - 1];
  }
  raker.AddPartition("national partner", atom_targets);
  // 3: flows of 2022 H2.
  double h2 = 0, hunan_h2x = 0, hunan_h2m = 0;
  for (int m = 7; m <= 12; ++m) {
    h2 += t::kNatMonthsH2_22[m - 7];
    hunan_h2x += hunan_month_flow[202200 + m][0];
    hunan_h2m += hunan_month_flow[202200 + m][1];
  }
  raker.AddPartition("national 2022 H2", {h2 * t::kNatExportShareH2 * kBn - hunan_h2x,
                                          h2 * (1 - t::kNatExportShareH2) * kBn - hunan_h2m});
  // 4: 2021 by month and flow, all provinces; 5: Hunan 2021 by month and flow.
  std::vector<double> nat21, hun21;
  for (int m = 0; m < 12; ++m) {
    nat21.push_back(t::kNatMonths21[m] * t::kNatExportShare21 * kBn);
    nat21.push_back(t::kNatMonths21[m] * (1 - t::kNatExportShare21) * kBn);
    hun21.push_back(t::kHunanMonths21[m] * t::kHunanExportShare21 * kBn);
    hun21.push_back(t::kHunanMonths21[m] * (1 - t::kHunanExportShare21) * kBn);
  }
  if (options.china_first_month.year() == 2021) {
    raker.AddPartition("national 2021", nat21);
    raker.AddPartition("hunan 2021", hun21);
  }

  std::vector<Cell> cells;
  const core::Period first = options.china_first_month;
  for (core::Period m = first; m <= kLastMonth; m = m.AddMonths(1)) {
    const bool y2021 = m.year() == 2021;
    std::map<std::tuple<int, int, int, int>, double> drawn;  // (reporter, flow, partner, chapter)
    for (size_t r = y2021 ? 0 : 1; r < out->reporters.size(); ++r) {
      const double share = r == 0 ? 1.7 : prov_w[r - 1];
      const int k = 40 + static_cast<int>(options.china_rows_per_province_month * share / max_w);
      for (int f = 0; f < 2; ++f) {
        for (int i = 0; i < k; ++i) {
          const int p = partner_tables[f].Sample(rng);
          const int ch = chapter_tables[r][f].Sample(rng);
          drawn[{static_cast<int>(r), f, p, ch}] += share * DetExp(1.0 * rng.Normal());
        }
      }
    }
    const int w = WindowOf(m);
    for (const auto& [key, value] : drawn) {
      const auto [r, f, p, ch] = key;
      Raker::Classes c;
      c.fill(-1);
      if (y2021) {
        c[4] = static_cast<int16_t>((m.month() - 1) * 2 + f);
        if (r == 0) c[5] = static_cast<int16_t>((m.month() - 1) * 2 + f);
      } else {
        c[1] = static_cast<int16_t>(m.MonthIndex() - kFirstMonth.MonthIndex());
        if (w >= 0) {
          c[0] = static_cast<int16_t>(w * 2 + f);
          c[2] = static_cast<int16_t>(w * t::kAtoms + atoms[p]);
        } else {
          c[3] = static_cast<int16_t>(f);
        }
      }
      Cell cell{m.key(),
                static_cast<uint8_t>(f),
                static_cast<uint16_t>(r),
                static_cast<uint16_t>(p),
                static_cast<uint16_t>(ch),
                value,
                0};
      cell.cell = raker.Cell(c);
      raker.AddSeed(cell.cell, value);
      cells.push_back(cell);
    }
  }
  TRADESTAT_RETURN_IF_ERROR(raker.Solve().WithContext("generating the china demo dataset"));

  // Rows, by period: Hunan's sums first (from 2022), then the drawn cells.
  out->rows.clear();
  auto hunan_it = hunan_sums.begin();
  size_t ci = 0;
  for (core::Period m = first; m <= kLastMonth; m = m.AddMonths(1)) {
    const int64_t rate = Catalog::RateE4(m);
    for (; hunan_it != hunan_sums.end() && std::get<0>(hunan_it->first) == m.key(); ++hunan_it) {
      const auto& [period, flow, partner, ch] = hunan_it->first;
      DemoRow r;
      r.period = period;
      r.flow = static_cast<uint8_t>(flow);
      r.reporter = 0;
      r.partner = static_cast<uint16_t>(partner);
      r.commodity = chapter_index[ch];
      r.value_cny = hunan_it->second.first;
      r.value_usd = hunan_it->second.second;
      out->rows.push_back(r);
    }
    for (; ci < cells.size() && cells[ci].period == m.key(); ++ci) {
      const Cell& c = cells[ci];
      DemoRow r;
      r.period = c.period;
      r.flow = c.flow;
      r.reporter = c.reporter;
      r.partner = c.partner;
      r.commodity = chapter_index[c.chapter];
      r.value_cny =
          std::max<int64_t>(100, static_cast<int64_t>(c.value * raker.factor(c.cell) * 100 + 0.5));
      r.value_usd = UsdCents(r.value_cny, rate);
      out->rows.push_back(r);
    }
  }
  return core::Status::Ok();
}

}  // namespace tradestat::demo::internal
