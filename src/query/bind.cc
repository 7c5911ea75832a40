// query/bind.cc: ParsedRequest + dataset -> Bound (windows, segments, classes, cube spec).
#include <algorithm>
#include <set>

#include <fmt/format.h>

#include "core/strings.h"
#include "query/bind_internal.h"
#include "store/store.h"

namespace tradestat::query::internal {
namespace {

using core::Period;
using core::Status;

std::string Join(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : ", ") + s;
  return out;
}

bool IsCandidateCategory(std::string_view c) {
  return c.size() > 5 && c.substr(c.size() - 5) == "_CAND";
}

struct Evaluator {
  const ParsedRequest& p;
  const ReferenceLookup& ref;
  const Bound& b;

  bool PartnerIn(std::string_view group, std::string_view partner) const {
    if (partner.empty() || partner == b.reporter_country) return false;
    return ref.PartnerInGroup(group, partner, b.membership_at);
  }

  bool Pass(const FilterSpec& f, const std::string& code, int year) const {
    for (const std::string& v : f.values) {
      switch (f.kind) {
        case FilterKind::kPartner:
          if (code == v) return true;
          break;
        case FilterKind::kPartnerGroup:
          if (PartnerIn(v, code)) return true;
          break;
        case FilterKind::kCommodity:
          if (core::StartsWith(code, v)) return true;
          break;
        case FilterKind::kCategory:
          if (ref.CategoryContains(v, code, Period::Month(year, 1))) return true;
          break;
        case FilterKind::kTradeMode:
          if (code == v || ref.TradeModeStatistical(code).value_or("") == v) return true;
          break;
        case FilterKind::kTradeModeClass:
          if (ref.TradeModeClass(code).value_or("") == v) return true;
          break;
        case FilterKind::kEnterpriseType:
          if (code == v || ref.EnterpriseTypeGroup(code).value_or("") == v) return true;
          break;
        case FilterKind::kReporter:
          if (code == v || ref.ReporterWithin(code, v)) return true;
          break;
      }
    }
    return false;
  }

  // Values of a filter of `kind` restricting the members of a --by of the same kind.
  const std::vector<std::string>* Restriction(FilterKind kind) const {
    for (const FilterSpec& f : p.filters)
      if (f.kind == kind) return &f.values;
    return nullptr;
  }

  std::string NameOr(std::optional<std::string> name) const { return name.value_or(""); }

  void Members(int by_index, const std::string& code, int year, MemberTable& table,
               std::vector<uint32_t>& out) const {
    const BySpec& by = p.by[by_index];
    Lang lang = p.lang;
    out.clear();
    auto not_given = [&] {
      out.push_back(table.Intern("", lang == Lang::kZh ? "(未填)" : "(not given)"));
    };
    switch (by.kind) {
      case ByKind::kPeriod:
      case ByKind::kFlow: return;
      case ByKind::kReporter:
        out.push_back(table.Intern(code, NameOr(ref.ReporterName(code, lang))));
        return;
      case ByKind::kReporterGroup:
        for (const std::string& g : ref.ReporterGroups())
          if (ref.ReporterWithin(code, g))
            out.push_back(table.Intern(g, NameOr(ref.ReporterGroupName(g, lang))));
        return;
      case ByKind::kPartner:
        for (const std::string& u : p.units)
          if (PartnerIn(u, code)) {
            out.push_back(table.Intern(u, NameOr(ref.PartnerGroupName(u, lang)), true));
            return;
          }
        if (code.empty()) return not_given();
        out.push_back(table.Intern(code, NameOr(ref.PartnerName(code, lang))));
        return;
      case ByKind::kPartnerGroup: {
        const auto* only = Restriction(FilterKind::kPartnerGroup);
        for (const std::string& g : only ? *only : ref.PartnerGroups())
          if (PartnerIn(g, code))
            out.push_back(table.Intern(g, NameOr(ref.PartnerGroupName(g, lang))));
        return;
      }
      case ByKind::kHs: {
        if (code.empty()) return not_given();
        std::string prefix = code.substr(0, std::min<size_t>(code.size(), by.hs_digits));
        auto it = table.index.find(prefix);
        if (it != table.index.end())
          out.push_back(it->second);
        else
          out.push_back(table.Intern(prefix, NameOr(ref.CommodityName(prefix, lang))));
        return;
      }
      case ByKind::kCategory: {
        const auto* only = Restriction(FilterKind::kCategory);
        std::vector<std::string> all;
        if (!only) {
          for (const std::string& c : ref.Categories())
            if (!IsCandidateCategory(c)) all.push_back(c);
        }
        for (const std::string& c : only ? *only : all)
          if (ref.CategoryContains(c, code, Period::Month(year, 1)))
            out.push_back(table.Intern(c, NameOr(ref.CategoryName(c, lang))));
        return;
      }
      case ByKind::kTradeMode: {
        if (code.empty()) return not_given();
        std::string stat = ref.TradeModeStatistical(code).value_or(code);
        out.push_back(table.Intern(stat, NameOr(ref.TradeModeName(stat, lang))));
        return;
      }
      case ByKind::kTradeModeClass: {
        const auto* only = Restriction(FilterKind::kTradeModeClass);
        std::string cls = ref.TradeModeClass(code).value_or("unknown");
        if (only && std::find(only->begin(), only->end(), cls) == only->end()) return;
        out.push_back(table.Intern(cls, cls));
        return;
      }
      case ByKind::kEnterpriseType:
        if (code.empty()) return not_given();
        out.push_back(table.Intern(code, NameOr(ref.EnterpriseTypeName(code, lang))));
        return;
      case ByKind::kUnit:
        if (code.empty()) return not_given();
        out.push_back(table.Intern(code, code));
        return;
    }
  }
};

Status ValidateFilterValues(const ParsedRequest& p, const DatasetSource& src,
                            const ReferenceLookup& ref) {
  for (const FilterSpec& f : p.filters) {
    for (const std::string& v : f.values) {
      switch (f.kind) {
        case FilterKind::kPartner:
          if (src.dictionary(store::Dim::kPartner).Find(v) < 0 && !ref.PartnerName(v, Lang::kEn))
            return Status::InvalidArgument(fmt::format(
                "--where partner: unknown partner code \"{}\"; use customs partner codes such as "
                "USA, DEU (or --where partner_group=GROUP)",
                core::MessageExcerpt(v)));
          break;
        case FilterKind::kPartnerGroup:
          if (!ref.IsPartnerGroup(v))
            return Status::InvalidArgument(
                fmt::format("--where partner_group: unknown group \"{}\"; accepted: {}",
                            core::MessageExcerpt(v), Join(ref.PartnerGroups())));
          break;
        case FilterKind::kCategory:
          if (!ref.IsCategory(v))
            return Status::InvalidArgument(
                fmt::format("--where category: unknown category \"{}\"; accepted: {}",
                            core::MessageExcerpt(v), Join(ref.Categories())));
          break;
        case FilterKind::kTradeModeClass:
          if (!ref.IsTradeModeClass(v))
            return Status::InvalidArgument(fmt::format(
                "--where trade_mode_class: unknown class \"{}\"; accepted: general, processing, "
                "bonded_logistics, cross_border_ecommerce, other, excluded",
                core::MessageExcerpt(v)));
          break;
        case FilterKind::kReporter:
          if (src.dictionary(store::Dim::kReporter).Find(v) < 0 && !ref.IsKnownReporterScope(v))
            return Status::InvalidArgument(
                fmt::format("--where reporter: unknown reporter or region group \"{}\"",
                            core::MessageExcerpt(v)));
          break;
        default: break;
      }
    }
  }
  for (const std::string& u : p.units)
    if (!ref.IsPartnerGroup(u))
      return Status::InvalidArgument(fmt::format("--units: unknown group \"{}\"; accepted: {}",
                                                 core::MessageExcerpt(u),
                                                 Join(ref.PartnerGroups())));
  return Status::Ok();
}

Status MakeWindows(const ParsedRequest& p, const DatasetSource& src, bool record, Bound& b) {
  b.windows.push_back({p.period, p.period.from.year()});
  if (p.compare_range) {
    b.windows.push_back({*p.compare_range, p.compare_range->from.year()});
    b.has_compare = true;
  }
  if (!record) return Status::Ok();
  std::vector<Period> periods = src.Periods();
  std::set<int32_t> keys;
  std::set<int> years;
  for (Period q : periods) {
    keys.insert(q.key());
    years.insert(q.year());
  }
  auto covered = [&](const PeriodRange& r) {
    for (Period m = r.from; m <= r.to; m = m.AddMonths(1))
      if (!keys.count(m.key()) &&
          !(keys.count(Period::Year(m.year()).key()) && r.Contains(Period::Year(m.year()))))
        return false;
    return true;
  };
  if (!covered(p.period)) return Status::Ok();
  for (int y : years) {
    int k = y - p.period.from.year();
    PeriodRange r = p.period.ShiftYears(k);
    if (!covered(r)) continue;
    if (k == 0) {
      b.record_windows.push_back(0);
    } else if (b.has_compare && r == b.windows[1].range) {
      b.record_windows.push_back(1);
    } else {
      b.windows.push_back({r, y});
      b.record_windows.push_back(static_cast<int>(b.windows.size()) - 1);
    }
  }
  if (b.record_windows.size() < 2) b.record_windows.clear();
  return Status::Ok();
}

}  // namespace

uint32_t MemberTable::Intern(const std::string& code, const std::string& name, bool unit) {
  auto it = index.find(code);
  if (it != index.end()) return it->second;
  uint32_t id = static_cast<uint32_t>(members.size());
  members.push_back(KeyPart{"", code, name, unit});
  index.emplace(code, id);
  return id;
}

std::string FlowName(int flow, Lang lang) {
  if (lang == Lang::kZh) return flow == 0 ? "出口" : "进口";
  return flow == 0 ? "exports" : "imports";
}

// Levenshtein distance, for near matches of an unknown code.
size_t EditDistance(std::string_view a, std::string_view b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t prev = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t cur = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] == b[j - 1] ? 0 : 1)});
      prev = cur;
    }
  }
  return row[b.size()];
}

// Partner filter values in any spelling load accepts (US, 840, 842, 美国, United States) become
// the canonical code; a value naming no partner is an error with the nearest codes of the dataset.
core::Result<std::shared_ptr<const ParsedRequest>> NormalizePartnerFilters(
    const ParsedRequest& p, const DatasetSource& src, const ReferenceLookup& ref) {
  auto out = std::make_shared<ParsedRequest>(p);
  const store::Dictionary& partners = src.dictionary(store::Dim::kPartner);
  // A reporter given by another spelling than its code ("43", "Hunan", "湖南省", "CN"): the code.
  const store::Dictionary& reporters = src.dictionary(store::Dim::kReporter);
  auto canonical_reporter = [&](std::string& v) {
    if (v.empty() || reporters.Find(v) >= 0 || ref.IsKnownReporterScope(v)) return;
    if (auto c = ref.CanonicalReporter(v)) v = *c;
  };
  canonical_reporter(out->reporter);
  for (FilterSpec& f : out->filters) {
    if (f.kind == FilterKind::kTradeMode) {  // codes or names in either language, any case
      for (std::string& v : f.values) {
        if (auto c = ref.CanonicalTradeMode(v)) {
          v = *c;
        } else if (src.dictionary(store::Dim::kTradeMode).Find(v) < 0) {
          return Status::InvalidArgument(
              fmt::format("--where trade_mode: unknown trade mode \"{}\"; accepted: a 2-digit "
                          "statistical code (10), a 4-digit "
                          "supervision code (0110, 9610) or their English or Chinese names in any "
                          "case (general trade, 一般贸易); "
                          "see 'tradestat ref modes'",
                          core::MessageExcerpt(v)));
        }
      }
      continue;
    }
    if (f.kind == FilterKind::kEnterpriseType) {
      for (std::string& v : f.values) {
        if (auto c = ref.CanonicalEnterpriseType(v)) {
          v = *c;
          continue;
        }
        const store::Dictionary& types = src.dictionary(store::Dim::kEnterpriseType);
        bool known = types.Find(v) >= 0 || ref.EnterpriseTypeName(v, Lang::kEn).has_value();
        for (const std::string& code : types.values())
          known |= ref.EnterpriseTypeGroup(code).value_or("") == v;
        if (!known) {
          return Status::InvalidArgument(
              fmt::format("--where enterprise_type: unknown enterprise type \"{}\"; accepted: a "
                          "code 1-9, a group SOE, FIE, "
                          "PRIVATE, OTHER, or their English or Chinese names in any case (private, "
                          "民营企业); see 'tradestat ref "
                          "modes'",
                          core::MessageExcerpt(v)));
        }
      }
      continue;
    }
    if (f.kind == FilterKind::kReporter) {
      for (std::string& v : f.values) canonical_reporter(v);
      continue;
    }
    if (f.kind != FilterKind::kPartner) continue;
    for (std::string& v : f.values) {
      if (partners.Find(v) >= 0 || ref.IsPartnerGroup(v)) continue;
      if (auto c = ref.CanonicalPartner(v)) {
        v = *c;
        continue;
      }
      if (ref.PartnerName(v, Lang::kEn))
        continue;  // a known code this dataset does not hold: matches nothing, truly
      std::vector<std::pair<size_t, std::string>> near;
      for (const std::string& code : partners.values())
        if (!code.empty()) near.emplace_back(EditDistance(v, code), code);
      std::sort(near.begin(), near.end());
      std::vector<std::string> shown;
      for (const auto& [d, code] : near)
        if (shown.size() < 5 && d <= 2) shown.push_back(code);
      return Status::InvalidArgument(fmt::format(
          "--where partner: unknown partner \"{}\"; accepted: ISO alpha-3, alpha-2 or numeric "
          "codes, UN Comtrade "
          "codes, English or Chinese names (USA, US, 840, 842, 美国){}",
          core::MessageExcerpt(v),
          shown.empty() ? std::string()
                        : fmt::format("; nearest in dataset \"{}\": {}", src.name(), Join(shown))));
    }
  }
  return std::shared_ptr<const ParsedRequest>(std::move(out));
}

core::Result<Bound> Bind(const ParsedRequest& p_in, const DatasetSource& src,
                         const ReferenceLookup& ref, const BindOptions& options) {
  Bound b;
  TRADESTAT_ASSIGN_OR_RETURN(b.normalized, NormalizePartnerFilters(p_in, src, ref));
  const ParsedRequest& p = *b.normalized;
  b.parsed = &p;
  b.source = &src;
  // Currency.
  const auto& currencies = src.currencies();
  std::string convert_to;  // --currency not stored: converted from b.currency (query/currency.h)
  if (!p.currency.empty()) {
    auto it = std::find(currencies.begin(), currencies.end(), p.currency);
    if (it == currencies.end()) {
      const refdata::ExchangeRates* rates = ref.Rates();
      auto from = currencies.end();
      if (rates != nullptr)
        from = std::find_if(currencies.begin(), currencies.end(), [&](const std::string& c) {
          return CanConvert(*rates, c, p.currency);
        });
      if (from == currencies.end())
        return Status::InvalidArgument(fmt::format(
            "--currency: dataset \"{}\" has no {} values and no exchange rates convert {} into {}; "
            "accepted: {}, or import a rate file with 'tradestat ref exchange-rates import FILE "
            "--store "
            "STORE' (docs/query.md \"Currency conversion\")",
            src.name(), p.currency, Join(currencies), p.currency, Join(currencies)));
      it = from;
      convert_to = p.currency;
    }
    b.currency = static_cast<int>(it - currencies.begin());
  }
  if (currencies.empty())
    return Status::InvalidArgument(fmt::format("dataset \"{}\" has no value columns", src.name()));
  // Scope.
  const store::Dictionary& reporters = src.dictionary(store::Dim::kReporter);
  if (!p.reporter.empty() && reporters.Find(p.reporter) < 0 &&
      !ref.IsKnownReporterScope(p.reporter))
    return Status::InvalidArgument(fmt::format(
        "--reporter: unknown reporter \"{}\"; accepted: a reporter code of dataset \"{}\"{}, a "
        "region containing some or a region group (see 'tradestat ref regions')",
        core::MessageExcerpt(p.reporter), src.name(),
        reporters.size() > 0 ? fmt::format(" (e.g. {})", reporters.Value(0)) : std::string()));
  TRADESTAT_RETURN_IF_ERROR(ValidateFilterValues(p, src, ref));
  if (!p.reporter.empty()) {
    b.reporter_country = ref.ReporterCountry(p.reporter);
  } else {
    for (const std::string& r : reporters.values())
      if (!r.empty()) {
        b.reporter_country = ref.ReporterCountry(r);
        break;
      }
  }
  b.membership_at = p.period.to;
  TRADESTAT_RETURN_IF_ERROR(MakeWindows(p, src, options.record, b));

  // Which store dimensions are keys.
  std::vector<store::Dim> key_dims;
  auto add_dim = [&](store::Dim d) {
    if (std::find(key_dims.begin(), key_dims.end(), d) == key_dims.end()) key_dims.push_back(d);
  };
  bool year_dependent = false;
  for (const BySpec& by : p.by) {
    if (by.on_dim()) add_dim(by.dim);
    year_dependent |= by.kind == ByKind::kCategory;
  }
  for (const FilterSpec& f : p.filters) {
    add_dim(f.dim);
    year_dependent |= f.kind == FilterKind::kCategory;
  }
  if (!p.reporter.empty()) add_dim(store::Dim::kReporter);
  for (size_t f = 0; f < p.filters.size(); ++f) {
    bool family = false;
    for (const BySpec& by : p.by) family |= by.on_dim() && by.dim == p.filters[f].dim;
    b.filter_family.push_back(family);
  }

  // Segments of every window, deduplicated.
  store::ColumnMask mask = store::ColumnBit(store::ColumnId::kFlow) |
                           store::ColumnBit(options.sum_quantity ? store::ColumnId::kQuantity
                                                                 : store::ValueColumn(b.currency)) |
                           store::ColumnBit(store::DimColumn(store::Dim::kPartner));
  for (store::Dim d : key_dims) mask |= store::ColumnBit(store::DimColumn(d));
  std::set<const void*> seen;
  for (const Window& w : b.windows) {
    TRADESTAT_ASSIGN_OR_RETURN(auto segs, src.Segments(w.range.from, w.range.to, mask));
    for (const auto& s : segs) {
      if (s.rows == 0 || !seen.insert(s.token ? s.token : s.flow).second) continue;
      b.segments.push_back(s);
    }
  }
  std::set<int32_t> slot_keys;
  for (const auto& s : b.segments) slot_keys.insert(s.period.key());
  for (int32_t k : slot_keys) b.slots.push_back(Period::FromKey(k));
  std::set<int> slot_years;
  for (Period s : b.slots) {
    std::vector<int> ws;
    for (size_t w = 0; w < b.windows.size(); ++w)
      if (b.windows[w].range.Contains(s)) ws.push_back(static_cast<int>(w));
    b.slot_windows.push_back(ws);
    slot_years.insert(s.year());
  }
  if (!convert_to.empty() && !options.sum_quantity) {
    // Every month of the period and its comparison needs a rate; a record year without one only
    // loses the record flag.
    std::vector<bool> required;
    for (const auto& ws : b.slot_windows)
      required.push_back(std::any_of(ws.begin(), ws.end(), [](int w) { return w <= 1; }));
    TRADESTAT_ASSIGN_OR_RETURN(b.conversion, PlanConversion(*ref.Rates(), currencies[b.currency],
                                                            convert_to, b.slots, required));
    for (bool has : b.conversion->has_rate)
      if (!has) b.record_windows.clear();
  }
  if (year_dependent) {
    b.year_set_years.assign(slot_years.begin(), slot_years.end());
    if (b.year_set_years.empty()) b.year_set_years.push_back(p.period.to.year());
  } else {
    b.year_set_years.push_back(p.period.to.year());
  }
  for (Period s : b.slots) {
    auto it = std::find(b.year_set_years.begin(), b.year_set_years.end(), s.year());
    b.slot_year_set.push_back(year_dependent ? static_cast<int>(it - b.year_set_years.begin()) : 0);
  }

  b.by_members.resize(p.by.size());
  for (size_t i = 0; i < p.by.size(); ++i) {
    if (p.by[i].kind == ByKind::kFlow && p.sub_flow >= 0) {
      // Only the "of which" flow is scanned (as cube flow 0).
      const auto sub = static_cast<store::Flow>(p.sub_flow);
      b.by_members[i].Intern(std::string(store::FlowCode(sub)),
                             std::string(store::FlowInfoOf(sub).name));
    } else if (p.by[i].kind == ByKind::kFlow) {
      b.by_members[i].Intern("X", FlowName(0, p.lang));
      b.by_members[i].Intern("M", FlowName(1, p.lang));
    }
  }

  Evaluator ev{p, ref, b};
  auto build_dim = [&](store::Dim d, bool identity) {
    BoundDim bd;
    bd.dim = d;
    bd.identity = identity;
    for (size_t i = 0; i < p.by.size(); ++i)
      if (p.by[i].on_dim() && p.by[i].dim == d) bd.by.push_back(static_cast<int>(i));
    for (size_t i = 0; i < p.filters.size(); ++i)
      if (p.filters[i].dim == d) bd.filters.push_back(static_cast<int>(i));
    const store::Dictionary& dict = src.dictionary(d);
    bd.class_of_code.assign(std::max<size_t>(dict.size(), 1), kNoClass);
    std::unordered_map<std::string, uint32_t> by_signature;
    std::vector<uint32_t> ids;
    std::string sig;
    for (uint32_t code = 0; code < dict.size(); ++code) {
      const std::string& value = dict.Value(code);
      if (d == store::Dim::kReporter && !p.reporter.empty() && value != p.reporter &&
          !ref.ReporterWithin(value, p.reporter))
        continue;
      ClassInfo info;
      sig.clear();
      for (int year : b.year_set_years) {
        std::vector<std::vector<uint32_t>> members;
        for (int by : bd.by) {
          ev.Members(by, value, year, b.by_members[by], ids);
          members.push_back(ids);
          sig += fmt::format("{}:", ids.size());
          for (uint32_t id : ids) sig += fmt::format("{},", id);
        }
        std::vector<char> pass;
        for (int f : bd.filters) {
          bool ok = ev.Pass(p.filters[f], value, year);
          pass.push_back(ok);
          sig += ok ? '1' : '0';
        }
        info.members.push_back(std::move(members));
        info.pass.push_back(std::move(pass));
        sig += '|';
      }
      if (identity) {
        sig += fmt::format("#{}", code);
        info.partner_code = code;
        info.special_partner = value.empty() || ref.IsSpecialPartner(value);
      }
      auto [it, inserted] = by_signature.emplace(sig, static_cast<uint32_t>(bd.classes.size()));
      if (inserted) bd.classes.push_back(std::move(info));
      bd.class_of_code[code] = it->second;
    }
    return bd;
  };

  uint64_t other_keys = 1;
  for (store::Dim d : key_dims) {
    if (d == store::Dim::kPartner) continue;
    b.dims.push_back(build_dim(d, false));
    other_keys *= std::max<size_t>(b.dims.back().classes.size(), 1);
  }
  uint64_t partner_codes = std::max<size_t>(src.dictionary(store::Dim::kPartner).size(), 1);
  b.partner_identity =
      options.want_partner_identity &&
      uint64_t{std::max<size_t>(b.slots.size(), 1)} * 2 * other_keys * partner_codes <=
          kDenseCellLimit;
  bool partner_key =
      std::find(key_dims.begin(), key_dims.end(), store::Dim::kPartner) != key_dims.end();
  if (partner_key || b.partner_identity)
    b.dims.push_back(build_dim(store::Dim::kPartner, b.partner_identity));
  if (options.want_partner_identity && !b.partner_identity && !options.sum_quantity) {
    // Too many cells to keep partners distinct in the cube: the scan keeps per-cell partner sets
    // instead (CubeSpec::partner_count); special codes are left out when they are counted.
    const store::Dictionary& partners = src.dictionary(store::Dim::kPartner);
    b.cube.partner_count = static_cast<uint32_t>(partners.size());
    b.partner_mask.assign((partners.size() + 63) / 64, 0);
    for (uint32_t code = 0; code < partners.size(); ++code) {
      const std::string& value = partners.Value(code);
      if (!value.empty() && !ref.IsSpecialPartner(value))
        b.partner_mask[code >> 6] |= uint64_t{1} << (code & 63);
    }
  }

  // Cube spec: single table per dimension (classes already cover every year).
  b.cube.currency = b.currency;
  b.cube.sum_quantity = options.sum_quantity;
  b.cube.sub_flow = p.sub_flow;
  b.cube.threads = options.threads;
  b.cube.budget = options.budget;
  for (const BoundDim& bd : b.dims) {
    CubeDim cd;
    cd.dim = bd.dim;
    cd.cardinality = static_cast<uint32_t>(std::max<size_t>(bd.classes.size(), 1));
    std::vector<uint64_t> table(bd.class_of_code.size());
    for (size_t c = 0; c < table.size(); ++c)
      table[c] = bd.class_of_code[c] == kNoClass ? kExcluded : bd.class_of_code[c];
    cd.tables.push_back(std::move(table));
    b.cube.dims.push_back(std::move(cd));
  }
  b.cube.slot_count = static_cast<uint32_t>(b.slots.size());
  for (const auto& s : b.segments) {
    auto it = std::lower_bound(b.slots.begin(), b.slots.end(), s.period);
    b.cube.segment_slot.push_back(static_cast<uint32_t>(it - b.slots.begin()));
    b.cube.segment_table_set.push_back(0);
  }
  b.cube.Finalize();
  return b;
}

}  // namespace tradestat::query::internal
