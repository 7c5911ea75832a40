// ingest/canonical_schema.cc: header binding with clear messages for every mistake.
#include "ingest/canonical_schema.h"

#include <fmt/format.h>

#include "core/strings.h"

namespace tradestat::ingest {

using core::Result;
using core::Status;

namespace {

struct Name {
  std::string_view name;
  Field field;
};
constexpr Name kNames[] = {
    {"period", Field::kPeriod},
    {"flow", Field::kFlow},
    {"reporter", Field::kReporter},
    {"region", Field::kReporter},
    {"partner", Field::kPartner},
    {"commodity", Field::kCommodity},
    {"hs", Field::kCommodity},
    {"trade_mode", Field::kTradeMode},
    {"enterprise_type", Field::kEnterpriseType},
    {"quantity", Field::kQuantity},
    {"unit", Field::kUnit},
};
constexpr std::string_view kAccepted =
    "period, flow, reporter (or region), partner, commodity (or hs), trade_mode, enterprise_type, "
    "value_<currency> (e.g. value_cny), quantity, unit";

bool IsCurrency(std::string_view c) {
  if (c.size() != 3) return false;
  for (char ch : c)
    if (ch < 'a' || ch > 'z') return false;
  return true;
}

}  // namespace

Result<ColumnBinding> BindCanonicalHeader(const std::vector<std::string_view>& header,
                                          const std::string& file) {
  ColumnBinding b;
  b.index.fill(-1);
  b.column_count = header.size();
  size_t column = 1;  // byte column of the current name, for messages
  for (size_t i = 0; i < header.size(); ++i) {
    b.names.emplace_back(core::Trim(header[i]));
    std::string name = core::ToLower(core::Trim(header[i]));
    auto where = [&] { return fmt::format("{}:1:{}", file, column); };
    bool known = false;
    for (const Name& n : kNames) {
      if (name != n.name) continue;
      known = true;
      int& slot = b.index[static_cast<int>(n.field)];
      if (slot >= 0)
        return Status::Parse(fmt::format("{}: column \"{}\" given twice (also column {}); keep one",
                                         where(), b.names.back(), slot + 1));
      slot = static_cast<int>(i);
    }
    if (!known && core::StartsWith(name, "value_") && IsCurrency(name.substr(6))) {
      std::string cur = core::ToUpper(name.substr(6));
      for (const auto& c : b.currencies)
        if (c == cur)
          return Status::Parse(
              fmt::format("{}: column \"{}\" given twice; keep one", where(), b.names.back()));
      b.currencies.push_back(cur);
      b.value_index.push_back(static_cast<int>(i));
      known = true;
    }
    if (!known) {
      return Status::Parse(fmt::format("{}: unknown column \"{}\"; expected {}", where(),
                                       b.names.back(), kAccepted));
    }
    column += header[i].size() + 1;
  }
  for (Field f :
       {Field::kPeriod, Field::kFlow, Field::kReporter, Field::kPartner, Field::kCommodity}) {
    if (b.at(f) < 0) {
      static constexpr std::string_view kFieldNames[] = {"period", "flow", "reporter", "partner",
                                                         "commodity"};
      return Status::Parse(
          fmt::format("{}:1: missing required column \"{}\"; the header must name {}", file,
                      kFieldNames[static_cast<int>(f)], kAccepted));
    }
  }
  if (b.currencies.empty())
    return Status::Parse(
        fmt::format("{}:1: no value column; add at least one value_<currency> column such as "
                    "value_cny or value_usd",
                    file));
  if (b.currencies.size() > static_cast<size_t>(store::kMaxCurrencies))
    return Status::Parse(
        fmt::format("{}:1: more than {} value columns", file, store::kMaxCurrencies));
  return b;
}

bool LooksCanonical(const std::vector<std::string_view>& header) {
  bool period = false, partner = false;
  for (auto h : header) {
    std::string n = core::ToLower(core::Trim(h));
    period |= n == "period";
    partner |= n == "partner";
  }
  return period && partner;
}

}  // namespace tradestat::ingest
