// query/parse.cc: option texts -> ParsedRequest.
#include "query/parse.h"

#include <algorithm>

#include <fmt/format.h>

#include "core/strings.h"
#include "query/measures.h"
#include "store/types.h"

namespace tradestat::query {
namespace {

using core::Status;

constexpr std::string_view kByList =
    "period, flow, reporter, reporter_group, partner, partner_group, hs2, hs4, hs6, hs8, "
    "category, trade_mode, trade_mode_class, enterprise_type, unit";
constexpr std::string_view kWhereList =
    "partner, partner_group, commodity, category, trade_mode, trade_mode_class, "
    "enterprise_type, reporter";

std::vector<std::string> SplitList(std::string_view text) {
  std::vector<std::string> out;
  for (std::string_view part : core::Split(text, ',')) {
    part = core::Trim(part);
    if (!part.empty()) out.emplace_back(part);
  }
  return out;
}

core::Result<BySpec> ParseBy(std::string_view name) {
  BySpec b;
  b.name = std::string(name);
  using store::Dim;
  if (name == "period")
    b.kind = ByKind::kPeriod;
  else if (name == "flow")
    b.kind = ByKind::kFlow;
  else if (name == "reporter") {
    b.kind = ByKind::kReporter;
    b.dim = Dim::kReporter;
  } else if (name == "reporter_group") {
    b.kind = ByKind::kReporterGroup;
    b.dim = Dim::kReporter;
  } else if (name == "partner") {
    b.kind = ByKind::kPartner;
    b.dim = Dim::kPartner;
  } else if (name == "partner_group") {
    b.kind = ByKind::kPartnerGroup;
    b.dim = Dim::kPartner;
  } else if (name == "hs2" || name == "hs4" || name == "hs6" || name == "hs8") {
    b.kind = ByKind::kHs;
    b.dim = Dim::kCommodity;
    b.hs_digits = name[2] - '0';
  } else if (name == "category") {
    b.kind = ByKind::kCategory;
    b.dim = Dim::kCommodity;
  } else if (name == "trade_mode") {
    b.kind = ByKind::kTradeMode;
    b.dim = Dim::kTradeMode;
  } else if (name == "trade_mode_class") {
    b.kind = ByKind::kTradeModeClass;
    b.dim = Dim::kTradeMode;
  } else if (name == "enterprise_type") {
    b.kind = ByKind::kEnterpriseType;
    b.dim = Dim::kEnterpriseType;
  } else if (name == "unit") {
    b.kind = ByKind::kUnit;
    b.dim = Dim::kUnit;
  } else
    return Status::InvalidArgument(
        fmt::format("--by: unknown dimension \"{}\"; accepted: {}", name, kByList));
  return b;
}

core::Result<FilterSpec> ParseWhere(std::string_view text) {
  auto eq = text.find('=');
  if (eq == std::string_view::npos)
    return Status::InvalidArgument(fmt::format(
        "--where: \"{}\" is not DIM=VALUE[,VALUE...]; DIM is one of: {}", text, kWhereList));
  std::string_view dim = core::Trim(text.substr(0, eq));
  FilterSpec f;
  f.name = std::string(dim);
  using store::Dim;
  if (dim == "partner") {
    f.kind = FilterKind::kPartner;
    f.dim = Dim::kPartner;
  } else if (dim == "partner_group") {
    f.kind = FilterKind::kPartnerGroup;
    f.dim = Dim::kPartner;
  } else if (dim == "commodity" || dim == "hs") {
    f.kind = FilterKind::kCommodity;
    f.dim = Dim::kCommodity;
    f.name = "commodity";
  } else if (dim == "category") {
    f.kind = FilterKind::kCategory;
    f.dim = Dim::kCommodity;
  } else if (dim == "trade_mode") {
    f.kind = FilterKind::kTradeMode;
    f.dim = Dim::kTradeMode;
  } else if (dim == "trade_mode_class") {
    f.kind = FilterKind::kTradeModeClass;
    f.dim = Dim::kTradeMode;
  } else if (dim == "enterprise_type") {
    f.kind = FilterKind::kEnterpriseType;
    f.dim = Dim::kEnterpriseType;
  } else if (dim == "reporter") {
    f.kind = FilterKind::kReporter;
    f.dim = Dim::kReporter;
  } else
    return Status::InvalidArgument(fmt::format(
        "--where: unknown dimension \"{}\" in \"{}\"; accepted: {}", dim, text, kWhereList));
  f.values = SplitList(text.substr(eq + 1));
  if (f.values.empty())
    return Status::InvalidArgument(
        fmt::format("--where: no value in \"{}\"; write DIM=VALUE[,VALUE...]", text));
  for (std::string& v : f.values) {
    if (f.kind == FilterKind::kCommodity) {
      if (!core::IsDigits(v) || v.size() > 10)
        return Status::InvalidArgument(
            fmt::format("--where commodity: \"{}\" is not an HS code prefix; accepted: 2 to 10 "
                        "digits (85, 8507)",
                        v));
    } else if (f.kind == FilterKind::kPartner || f.kind == FilterKind::kPartnerGroup ||
               f.kind == FilterKind::kCategory) {
      v = core::ToUpper(v);
    } else if (f.kind == FilterKind::kTradeModeClass) {
      v = core::ToLower(v);
    }
  }
  return f;
}

core::Result<SortSpec> ParseSort(std::string_view text, const std::vector<BySpec>& by) {
  SortSpec s;
  s.given = true;
  std::string_view field = text;
  std::string_view dir;
  if (auto colon = text.find(':'); colon != std::string_view::npos) {
    field = text.substr(0, colon);
    dir = text.substr(colon + 1);
  }
  if (!field.empty() && field[0] == '-') {  // "-value" = ascending
    field.remove_prefix(1);
    dir = "asc";
  }
  bool numeric = true;
  if (field == "value")
    s.field = SortField::kValue;
  else if (field == "value_prev")
    s.field = SortField::kValuePrev;
  else if (field == "growth_pct" || field == "growth")
    s.field = SortField::kGrowth;
  else if (field == "share_pct" || field == "share")
    s.field = SortField::kShare;
  else if (field == "contribution_pp" || field == "contribution")
    s.field = SortField::kContribution;
  else if (field == "rank") {
    s.field = SortField::kRank;
    numeric = false;
  } else if (field == "balance")
    s.field = SortField::kBalance;
  else if (field == "partners")
    s.field = SortField::kPartners;
  else if (field == "name") {
    s.field = SortField::kName;
    numeric = false;
  } else if (const MeasureDef* m = FindMeasure(field); m && m->kind != MeasureKind::kUnitText) {
    s.field = SortField::kMeasure;
    s.measure = std::string(m->key);
  } else {
    bool found = false;
    for (size_t i = 0; i < by.size(); ++i) {
      if (by[i].name == field || (field == "code" && i == 0)) {
        s.field = SortField::kKey;
        s.key_index = static_cast<int>(i);
        numeric = false;
        found = true;
        break;
      }
    }
    if (!found)
      return Status::InvalidArgument(fmt::format(
          "--sort: unknown field \"{}\"; accepted: value, value_prev, growth_pct, share_pct, "
          "contribution_pp, rank, balance, partners, name, code, a --by dimension or another "
          "measure (quantity, unit_value...), optionally with :asc or :desc",
          field));
  }
  if (dir.empty())
    s.descending = numeric;
  else if (dir == "asc")
    s.descending = false;
  else if (dir == "desc")
    s.descending = true;
  else
    return Status::InvalidArgument(
        fmt::format("--sort: direction \"{}\"; accepted: asc, desc (e.g. value:desc)", dir));
  s.text = fmt::format("{}:{}", field, s.descending ? "desc" : "asc");
  return s;
}

}  // namespace

std::string_view ByDimensionList() { return kByList; }
std::string_view WhereDimensionList() { return kWhereList; }

core::Result<ParsedRequest> ParseRequest(const QueryRequest& r) {
  ParsedRequest p;
  p.dataset = r.dataset;
  if (core::Trim(r.period).empty())
    return Status::InvalidArgument(
        "--period is required; accepted forms: 2023-06, 2023-01..2023-06, 2015..2023, 2023Q2, "
        "2023H1, 2023, "
        "2023-06:ytd");
  TRADESTAT_ASSIGN_OR_RETURN(p.period, ParsePeriodSpec(r.period));
  TRADESTAT_ASSIGN_OR_RETURN(p.compare, ParseCompareMode(r.compare.empty() ? "yoy" : r.compare));
  p.compare_range = ComparisonRange(p.period, p.compare);

  std::string flow = core::ToLower(core::Trim(r.flow));
  if (flow.empty() || flow == "total") {
    p.flow = -1;
    p.flow_name = "total";
  } else if (auto f = store::FlowFromText(flow)) {
    const auto v = static_cast<uint8_t>(*f);
    p.flow = store::IsMainFlow(v) ? v : 0;
    p.sub_flow = store::IsMainFlow(v) ? -1 : v;
    p.flow_name = std::string(store::FlowCode(v));
  } else
    return Status::InvalidArgument(
        fmt::format("--flow: \"{}\"; accepted: total, X (exports), M (imports), or an \"of which\" "
                    "flow ({}), any case",
                    r.flow, store::FlowCodeList().substr(6)));

  p.reporter = std::string(core::Trim(r.reporter));
  for (const std::string& w : r.where) {
    TRADESTAT_ASSIGN_OR_RETURN(FilterSpec f, ParseWhere(w));
    p.filters.push_back(std::move(f));
  }
  for (const std::string& item : r.by) {
    for (const std::string& name : SplitList(item)) {
      TRADESTAT_ASSIGN_OR_RETURN(BySpec b, ParseBy(core::ToLower(name)));
      for (const BySpec& other : p.by)
        if (other.name == b.name)
          return Status::InvalidArgument(fmt::format("--by: \"{}\" given twice", b.name));
      p.by.push_back(b);
    }
  }
  for (const std::string& item : r.units)
    for (const std::string& u : SplitList(item)) p.units.push_back(core::ToUpper(u));
  if (!p.units.empty()) {
    bool by_partner = false;
    for (const BySpec& b : p.by) by_partner |= b.kind == ByKind::kPartner;
    if (!by_partner)
      return Status::InvalidArgument(
          "--units: blocs are ranking units of --by partner; add --by partner (e.g. --by partner "
          "--units ASEAN,EU)");
  }
  p.currency = core::ToUpper(core::Trim(r.currency));
  if (!r.benchmark.empty()) {
    p.has_benchmark = true;
    std::string_view b = core::Trim(r.benchmark);
    auto colon = b.find(':');
    p.benchmark_dataset = std::string(b.substr(0, colon));
    if (colon != std::string_view::npos) p.benchmark_reporter = std::string(b.substr(colon + 1));
    if (p.benchmark_dataset.empty())
      return Status::InvalidArgument(
          fmt::format("--benchmark: \"{}\"; accepted: DATASET or DATASET:REPORTER", r.benchmark));
  }
  if (r.top < 0)
    return Status::InvalidArgument(fmt::format("--top: {}; accepted: a whole number >= 0", r.top));
  p.top = r.top;
  if (!r.sort.empty()) {
    TRADESTAT_ASSIGN_OR_RETURN(p.sort, ParseSort(core::Trim(r.sort), p.by));
  } else {
    bool by_period = !p.by.empty() && p.by[0].kind == ByKind::kPeriod;
    p.sort.field = by_period ? SortField::kKey : SortField::kValue;
    p.sort.descending = !by_period;
    p.sort.text = by_period ? "period:asc" : "value:desc";
  }
  if (!r.measures.empty()) p.value_shown = false;
  for (const std::string& item : r.measures) {
    for (const std::string& raw : SplitList(item)) {
      std::string name = core::ToLower(raw);
      if (name == "net_weight")
        return Status::InvalidArgument(
            "--measure net_weight: net weight is not stored yet (no net-weight column in the "
            "store); "
            "accepted: " +
            MeasureGroupList());
      std::string_view group = MeasureGroupOf(name);
      if (group.empty())
        return Status::InvalidArgument(fmt::format(
            "--measure: unknown measure \"{}\"; accepted: {}", raw, MeasureGroupList()));
      if (group == "value") {
        p.value_shown = true;
        continue;
      }
      if (std::find(p.measures.begin(), p.measures.end(), group) == p.measures.end())
        p.measures.emplace_back(group);
    }
  }
  for (const MeasureDef& d : MeasureRegistry())
    if (d.column == "quantity")
      for (const std::string& g : p.measures)
        if (d.group.find(g) != std::string_view::npos) p.want_quantity = true;
  if (p.sort.field == SortField::kMeasure) {
    const MeasureDef* d = FindMeasure(p.sort.measure);
    if (d && d->column == "quantity" && !p.want_quantity)
      return Status::InvalidArgument(fmt::format("--sort {}: add --measure {} to compute it",
                                                 p.sort.measure, MeasureGroupOf(p.sort.measure)));
  }
  std::string lang = core::ToLower(core::Trim(r.lang));
  if (lang.empty() || lang == "en")
    p.lang = Lang::kEn;
  else if (lang == "zh" || lang == "zh-cn" || lang == "cn")
    p.lang = Lang::kZh;
  else
    return Status::InvalidArgument(fmt::format("--lang: \"{}\"; accepted: en, zh", r.lang));
  return p;
}

}  // namespace tradestat::query
