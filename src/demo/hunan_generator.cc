// demo/hunan_generator.cc: record-level data of Hunan's 14 prefectures, 2022-01..2023-06.
//
// Phase 1 draws records from the catalog's profiles (prefecture -> chapter -> commodity,
// partner by flow and kind of goods, trade mode, enterprise type, a log-normal value). Phase 2
// rakes the record values, cell by cell, so that every calibrated total (targets.h) holds: the
// cells are the combinations of the classes the published figures are about. Phase 3 rounds to
// fen, converts to USD at the month's rate and derives quantities from unit prices.
#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "demo/internal/generator.h"
#include "demo/raker.h"
#include "demo/targets.h"

namespace tradestat::demo::internal {
namespace {

namespace t = targets;

constexpr double kBn = 1e9;

struct Draft {
  int32_t period;
  uint8_t flow;
  uint8_t enterprise;
  uint8_t prefecture;
  uint16_t partner;
  uint16_t mode;
  uint32_t commodity;
  double value;        // yuan (seed, then fitted)
  double price_noise;  // multiplies the unit price for this record
  int cell;
};

// Trade-mode dictionary of the hunan dataset (index 0 = not given).
const char* const kModes[] = {"",     "0110", "0214", "0615", "1233", "5034",
                              "6033", "9610", "9710", "9810", "1210", "9739"};
enum ModeIndex {
  kGeneral = 1,
  kProc14,
  kProc15,
  kBond1233,
  kBond5034,
  kBond6033,
  kEc9610,
  kEc9710,
  kEc9810,
  kEc1210,
  kOtherTrade
};

bool IsBulk(int ch) {
  switch (ch) {
    case 10:
    case 12:
    case 15:
    case 23:
    case 25:
    case 26:
    case 27:
    case 31:
    case 44:
    case 47:
    case 72:
    case 74:
    case 75:
    case 76:
    case 79:
    case 81: return true;
    default: return false;
  }
}
bool IsResourceImport(int ch) {
  return ch == 25 || ch == 26 || ch == 27 || ch == 10 || ch == 12 || ch == 47 ||
         (ch >= 71 && ch <= 81);
}
bool AllowsEcommerce(int ch) {
  return !(IsBulk(ch) || ch == 86 || ch == 88 || ch == 89 || ch == 28 || ch == 29);
}

// Declaration sizes by chapter: log-normal median (yuan) and sigma.
struct SizeModel {
  double median, sigma;
  double mean() const { return median * DetExp(sigma * sigma / 2); }
};
SizeModel SizeOf(int ch) {
  if (IsBulk(ch)) return {2000000, 1.3};
  if (ch == 86 || ch == 88 || ch == 89) return {6000000, 1.6};
  if (ch >= 84 && ch <= 90) return {300000, 1.8};
  return {120000, 1.4};
}

// How many partners (by activity rank) may trade in a month: 227 partners in H1 2022, 222 in
// Q1 2023 and 231 in H1 2023 (published counts), a few more in the second half of 2022.
int MaxRank(core::Period p) {
  if (p.year() == 2022) return p.month() <= 6 ? 227 : 236;
  return p.month() <= 3 ? 222 : 231;
}

class HunanGenerator {
 public:
  HunanGenerator(const DemoOptions& o, const DemoReference& r, const Catalog& c)
      : opt_(o), ref_(r), cat_(c), rng_(o.seed ^ 0x48554E414Eull) {}

  core::Status Run(DemoDataset* out);

 private:
  void DrawMonth(core::Period month);
  Draft DrawRecord(core::Period month, int flow, int pref, int forced_partner);
  const AliasTable& PartnerTable(int max_rank, int flow, bool resource);
  void EnsureCoverage(const std::vector<core::Period>& months, int min_rank, int max_rank);
  core::Status Calibrate();

  const DemoOptions& opt_;
  const DemoReference& ref_;
  const Catalog& cat_;
  Rng rng_;
  std::vector<int> rank_;  // partner index -> activity rank
  std::map<int, AliasTable> partner_tables_;
  std::array<AliasTable, 2 * 14> chapter_tables_;
  std::array<AliasTable, kChapters> commodity_tables_;
  std::array<AliasTable, 2> pref_tables_;
  std::map<int32_t, std::vector<Draft>> drafts_;  // by period key
};

const AliasTable& HunanGenerator::PartnerTable(int max_rank, int flow, bool resource) {
  const int key = max_rank * 4 + flow * 2 + resource;
  auto it = partner_tables_.find(key);
  if (it != partner_tables_.end()) return it->second;
  std::vector<double> w(cat_.partners().size());
  for (size_t i = 0; i < w.size(); ++i) {
    if (rank_[i] >= max_rank) continue;
    const auto& p = cat_.partners()[i];
    if (flow == 0)
      w[i] = p.export_w;
    else
      w[i] = p.import_w * (resource ? (p.resource ? 3.0 : 0.3) : (p.resource ? 0.6 : 1.0));
  }
  return partner_tables_.emplace(key, AliasTable(w)).first->second;
}

Draft HunanGenerator::DrawRecord(core::Period month, int flow, int pref, int forced_partner) {
  const Region& region = cat_.prefectures()[pref];
  Draft d{};
  d.period = month.key();
  d.flow = static_cast<uint8_t>(flow);
  d.prefecture = static_cast<uint8_t>(pref);
  const int ch = chapter_tables_[pref * 2 + flow].Sample(rng_);
  const auto& in_chapter = cat_.chapter_commodities(ch);
  d.commodity = in_chapter[commodity_tables_[ch].Sample(rng_)];
  const bool resource = flow == 1 && IsResourceImport(ch);
  d.partner = static_cast<uint16_t>(
      forced_partner >= 0 ? forced_partner
                          : PartnerTable(MaxRank(month), flow, resource).Sample(rng_));
  // Trade mode: the prefecture's processing / bonded / e-commerce shares, the rest general.
  double u = rng_.Uniform();
  int mode = kGeneral;
  if (u < region.processing)
    mode = rng_.Uniform() < 0.8 ? kProc15 : kProc14;
  else if ((u -= region.processing) < region.bonded) {
    const double v = rng_.Uniform();
    mode = v < 0.5 ? kBond5034 : v < 0.8 ? kBond1233 : kBond6033;
  } else if ((u -= region.bonded) < region.ecommerce) {
    const double v = rng_.Uniform();
    if (AllowsEcommerce(ch))
      mode = flow == 1 ? (v < 0.7 ? kEc1210 : kEc9610)
                       : (v < 0.45   ? kEc9610
                          : v < 0.75 ? kEc9710
                                     : kEc9810);
  } else if (u - region.ecommerce < 0.02) {
    mode = kOtherTrade;
  }
  d.mode = static_cast<uint16_t>(mode);
  // Enterprise: group by the prefecture's mix, then the type digit inside the group.
  double e = rng_.Uniform() * (region.enterprise[0] + region.enterprise[1] + region.enterprise[2] +
                               region.enterprise[3]);
  const double v = rng_.Uniform();
  if (e < region.enterprise[0])
    d.enterprise = 1;
  else if ((e -= region.enterprise[0]) < region.enterprise[1])
    d.enterprise = v < 0.6 ? 4 : v < 0.95 ? 3 : 2;
  else if ((e -= region.enterprise[1]) < region.enterprise[2])
    d.enterprise = v < 0.9 ? 6 : v < 0.97 ? 7 : 5;
  else
    d.enterprise = v < 0.8 ? 9 : 8;
  // Value: log-normal, large for bulk goods and capital equipment, small for parcels.
  const SizeModel size = SizeOf(ch);
  double median = size.median;
  if (mode == kEc9610 || mode == kEc1210) median *= 0.2;
  d.value = median * DetExp(size.sigma * rng_.Normal());
  d.price_noise = 0.8 + 0.45 * rng_.Uniform();
  return d;
}

void HunanGenerator::DrawMonth(core::Period month) {
  // Fewer declarations around the Spring Festival (2022-02-01, 2023-01-22).
  double season = 1.0;
  if (month.month() == 2) season = month.year() == 2022 ? 0.75 : 0.85;
  if (month.month() == 1) season = month.year() == 2023 ? 0.85 : 0.95;
  const int n = static_cast<int>(opt_.hunan_records_per_month * season);
  auto& out = drafts_[month.key()];
  out.reserve(out.size() + n);
  for (int i = 0; i < n; ++i) {
    const int flow = rng_.Uniform() < 0.64 ? 0 : 1;
    const int pref = pref_tables_[flow].Sample(rng_);
    out.push_back(DrawRecord(month, flow, pref, -1));
  }
}

// Every partner ranked [min_rank, max_rank) must trade at least once within `months`.
void HunanGenerator::EnsureCoverage(const std::vector<core::Period>& months, int min_rank,
                                    int max_rank) {
  std::vector<bool> seen(cat_.partners().size(), false);
  for (const auto& m : months)
    for (const auto& d : drafts_[m.key()]) seen[d.partner] = true;
  for (size_t p = 0; p < seen.size(); ++p) {
    if (seen[p] || rank_[p] < min_rank || rank_[p] >= max_rank) continue;
    const auto& ps = cat_.partners()[p];
    const core::Period m = months[HashKey(ps.code, months.front().key()) % months.size()];
    const int flow = ps.export_w >= ps.import_w ? 0 : 1;
    const int pref = pref_tables_[flow].Sample(rng_);
    Draft d = DrawRecord(m, flow, pref, static_cast<int>(p));
    drafts_[m.key()].push_back(d);
  }
}

core::Status HunanGenerator::Calibrate() {
  TRADESTAT_ASSIGN_OR_RETURN(std::vector<int> atoms, PartnerAtoms(
                                                         ref_,
                                                         [&] {
                                                           std::vector<std::string> codes;
                                                           for (const auto& p : cat_.partners())
                                                             codes.push_back(p.code);
                                                           return codes;
                                                         }(),
                                                         kLastMonth));

  // Export class of each commodity: 0 'three new' (inside M&E), 1 other M&E, 2 labour-intensive,
  // 3 other. Judged in the month's HS edition; all hunan months are HS 2022.
  const core::Period judge = kLastMonth;
  std::vector<int8_t> product(cat_.commodities().size());
  for (size_t i = 0; i < product.size(); ++i) {
    const std::string& code = cat_.commodities()[i].code;
    const bool new3 = ref_.InCategory("NEW3", code, judge);
    const bool me = ref_.InCategory("ME", code, judge);
    const bool labor = ref_.InCategory("LABOR", code, judge);
    if ((new3 && !me) || (me && labor))
      return core::Status::Internal("demo calibration: categories overlap unexpectedly at " + code);
    product[i] = new3 ? 0 : me ? 1 : labor ? 2 : 3;
  }
  int enterprise_group[10];
  for (int e = 1; e <= 9; ++e) {
    const std::string g = ref_.EnterpriseGroup(std::to_string(e));
    enterprise_group[e] = g == "SOE" ? 0 : g == "FIE" ? 1 : g == "PRIVATE" ? 2 : 3;
  }
  int mode_class[std::size(kModes)];
  for (size_t m = 1; m < std::size(kModes); ++m) {
    const std::string s = ref_.StatisticalMode(kModes[m]);
    if (s.empty())
      return core::Status::Internal(fmt::format("demo: trade mode {} is not counted", kModes[m]));
    mode_class[m] = s == "10" ? 0 : (s == "14" || s == "15") ? 1 : (s == "33" || s == "34") ? 2 : 3;
  }

  Raker raker;
  // Partition 0: flow totals per window.
  raker.AddPartition(
      "flow", {t::kExports22 * kBn, t::kImports22 * kBn, t::kExports23 * kBn, t::kImports23 * kBn});
  // 1: month totals of the two windows.
  std::vector<double> months;
  for (double v : t::kMonths22) months.push_back(v * kBn);
  for (double v : t::kMonths23) months.push_back(v * kBn);
  raker.AddPartition("month", months);
  // 2: prefectures; Changsha (index 0) is the residual.
  std::vector<double> prefs(28);
  double rest22 = 0, rest23 = 0;
  for (int p = 1; p < 14; ++p) {
    prefs[14 + p] = t::kPrefecture23[p] * kBn;
    prefs[p] = t::kPrefecture23[p] / (1 + t::kPrefectureGrowth[p]) * kBn;
    rest22 += prefs[p];
    rest23 += prefs[14 + p];
  }
  prefs[0] = t::kTotal22 * kBn - rest22;
  prefs[14] = t::kTotal23 * kBn - rest23;
  raker.AddPartition("prefecture", prefs);
  // 3: partner atoms; the rest of the world is the residual.
  std::vector<double> atom_targets(2 * t::kAtoms);
  double a22 = 0, a23 = 0;
  for (int a = 0; a < t::kAtoms - 1; ++a) {
    atom_targets[a] = t::kAtoms22[a] * kBn;
    atom_targets[t::kAtoms + a] = t::kAtoms23[a] * kBn;
    a22 += atom_targets[a];
    a23 += atom_targets[t::kAtoms + a];
  }
  atom_targets[t::kAtoms - 1] = t::kTotal22 * kBn - a22;
  atom_targets[2 * t::kAtoms - 1] = t::kTotal23 * kBn - a23;
  raker.AddPartition("partner", atom_targets);
  // 4: export structure.
  const double new3_22 = t::kNew3_23 / (1 + t::kNew3Growth);
  raker.AddPartition(
      "exports by product",
      {new3_22 * kBn, (t::kMeShare22 * t::kExports22 - new3_22) * kBn,
       t::kLaborShare22 * t::kExports22 * kBn,
       (1 - t::kMeShare22 - t::kLaborShare22) * t::kExports22 * kBn, t::kNew3_23 * kBn,
       (t::kMeShare23 * t::kExports23 - t::kNew3_23) * kBn, t::kLaborShare23 * t::kExports23 * kBn,
       (1 - t::kMeShare23 - t::kLaborShare23) * t::kExports23 * kBn});
  // 5: enterprise groups.
  raker.AddPartition(
      "enterprise",
      {t::kSoe22 * kBn, t::kFie22 * kBn, (t::kTotal22 - t::kSoe22 - t::kFie22 - t::kOther22) * kBn,
       t::kOther22 * kBn, t::kSoe23 * kBn, t::kFie23 * kBn, t::kPrivate23 * kBn,
       (t::kTotal23 - t::kSoe23 - t::kFie23 - t::kPrivate23) * kBn});
  // 6: trade-mode classes (by statistical mode).
  const double gen23 = t::kGeneralShare23 * t::kTotal23, gen22 = gen23 / (1 + t::kGeneralGrowth);
  const double proc22 = t::kProcessing23 / (1 + t::kProcessingGrowth);
  raker.AddPartition("trade mode", {gen22 * kBn, proc22 * kBn, t::kBonded22 * kBn,
                                    (t::kTotal22 - gen22 - proc22 - t::kBonded22) * kBn,
                                    gen23 * kBn, t::kProcessing23 * kBn, t::kBonded23 * kBn,
                                    (t::kTotal23 - gen23 - t::kProcessing23 - t::kBonded23) * kBn});
  // 7: second half of 2022 by month and flow.
  std::vector<double> h2;
  for (double v : t::kMonthsH2_22) {
    h2.push_back(v * t::kExportShareH2 * kBn);
    h2.push_back(v * (1 - t::kExportShareH2) * kBn);
  }
  raker.AddPartition("2022 H2", h2);

  for (auto& [key, list] : drafts_) {
    const core::Period month = core::Period::FromKey(key);
    const int w = WindowOf(month);
    for (auto& d : list) {
      Raker::Classes c;
      c.fill(-1);
      if (w >= 0) {
        c[0] = static_cast<int16_t>(w * 2 + d.flow);
        c[1] = static_cast<int16_t>(w * 6 + month.month() - 1);
        c[2] = static_cast<int16_t>(w * 14 + d.prefecture);
        c[3] = static_cast<int16_t>(w * t::kAtoms + atoms[d.partner]);
        if (d.flow == 0) c[4] = static_cast<int16_t>(w * 4 + product[d.commodity]);
        c[5] = static_cast<int16_t>(w * 4 + enterprise_group[d.enterprise]);
        c[6] = static_cast<int16_t>(w * 4 + mode_class[d.mode]);
      } else {
        c[7] = static_cast<int16_t>((month.month() - 7) * 2 + d.flow);
      }
      d.cell = raker.Cell(c);
      raker.AddSeed(d.cell, d.value);
    }
  }
  TRADESTAT_RETURN_IF_ERROR(raker.Solve());
  for (auto& [key, list] : drafts_)
    for (auto& d : list) d.value *= raker.factor(d.cell);
  return core::Status::Ok();
}

core::Status HunanGenerator::Run(DemoDataset* out) {
  const auto& partners = cat_.partners();
  rank_.assign(partners.size(), 0);
  for (size_t r = 0; r < cat_.partner_rank_order().size(); ++r)
    rank_[cat_.partner_rank_order()[r]] = static_cast<int>(r);
  for (int f = 0; f < 2; ++f) {
    std::vector<double> w;
    for (const auto& p : cat_.prefectures())
      w.push_back(DetPow(f == 0 ? p.weight_x : p.weight_m, 0.8));
    pref_tables_[f] = AliasTable(w);
    for (size_t p = 0; p < cat_.prefectures().size(); ++p) {
      const auto& mix = f == 0 ? cat_.prefectures()[p].chapter_x : cat_.prefectures()[p].chapter_m;
      // The mixes are value shares: draw chapters in proportion to value / mean record size.
      std::vector<double> cw(kChapters);
      for (int c = 0; c < kChapters; ++c)
        cw[c] = cat_.chapter_commodities(c).empty() ? 0 : mix[c] / SizeOf(c).mean();
      chapter_tables_[p * 2 + f] = AliasTable(cw);
    }
  }
  for (int ch = 0; ch < kChapters; ++ch) {
    std::vector<double> w;
    for (int i : cat_.chapter_commodities(ch)) w.push_back(cat_.commodities()[i].weight);
    commodity_tables_[ch] = AliasTable(w);
  }

  std::vector<core::Period> h1_22, q1_23, q2_23;
  for (core::Period m = kFirstMonth; m <= kLastMonth; m = m.AddMonths(1)) {
    DrawMonth(m);
    if (WindowOf(m) == 0) h1_22.push_back(m);
    if (m.year() == 2023) (m.month() <= 3 ? q1_23 : q2_23).push_back(m);
  }
  EnsureCoverage(h1_22, 0, MaxRank(h1_22.front()));
  EnsureCoverage(q1_23, 0, MaxRank(q1_23.front()));
  EnsureCoverage(q2_23, MaxRank(q1_23.front()), MaxRank(q2_23.front()));
  TRADESTAT_RETURN_IF_ERROR(Calibrate());

  // Dictionaries and rows.
  out->name = "hunan";
  out->reporters.clear();
  for (const auto& p : cat_.prefectures()) out->reporters.push_back(p.code);
  out->partners.clear();
  for (const auto& p : partners) out->partners.push_back(p.code);
  out->commodities.clear();
  for (const auto& c : cat_.commodities()) out->commodities.push_back(c.code);
  out->trade_modes.assign(std::begin(kModes), std::end(kModes));
  out->units = {""};
  std::map<std::string, uint16_t> unit_index;
  std::vector<uint16_t> commodity_unit(cat_.commodities().size());
  for (size_t i = 0; i < commodity_unit.size(); ++i) {
    const std::string u = cat_.commodities()[i].unit;
    auto [it, inserted] = unit_index.try_emplace(u, static_cast<uint16_t>(out->units.size()));
    if (inserted) out->units.push_back(u);
    commodity_unit[i] = it->second;
  }
  std::vector<bool> counted;
  for (const auto& u : out->units) counted.push_back(u == "PCS" || u == "SET" || u == "PAIR");
  out->rows.clear();
  size_t total = 0;
  for (const auto& [key, list] : drafts_) total += list.size();
  out->rows.reserve(total);
  for (const auto& [key, list] : drafts_) {
    const int64_t rate = Catalog::RateE4(core::Period::FromKey(key));
    for (const auto& d : list) {
      DemoRow r;
      r.period = d.period;
      r.flow = d.flow;
      r.enterprise = d.enterprise;
      r.reporter = d.prefecture;
      r.partner = d.partner;
      r.trade_mode = d.mode;
      r.commodity = d.commodity;
      r.unit = commodity_unit[d.commodity];
      r.value_cny = std::max<int64_t>(100, static_cast<int64_t>(d.value * 100 + 0.5));
      r.value_usd = UsdCents(r.value_cny, rate);
      const double qty = d.value / (cat_.commodities()[d.commodity].unit_price * d.price_noise);
      // Pieces, sets and pairs are whole numbers (at least one); measures keep 3 decimals.
      r.quantity = counted[r.unit] ? std::max<int64_t>(1, static_cast<int64_t>(qty + 0.5)) * 1000
                                   : std::max<int64_t>(1, static_cast<int64_t>(qty * 1000 + 0.5));
      out->rows.push_back(r);
    }
  }
  return core::Status::Ok();
}

}  // namespace

core::Status GenerateHunan(const DemoOptions& options, const DemoReference& ref,
                           const Catalog& catalog, DemoDataset* out) {
  HunanGenerator g(options, ref, catalog);
  return g.Run(out).WithContext("generating the hunan demo dataset");
}

}  // namespace tradestat::demo::internal
