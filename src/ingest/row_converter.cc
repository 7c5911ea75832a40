// ingest/row_converter.cc: normalisation of each dimension (run once per distinct raw value).
#include "ingest/row_converter.h"

#include <algorithm>

#include "core/strings.h"

namespace tradestat::ingest {

std::string Problem::ToString() const {
  if (column == 0) return fmt::format("{}:{}: {}", file, line, message);
  return fmt::format("{}:{}:{}: {}", file, line, column, message);
}

std::string ProblemList::Format() const {
  std::string out;
  for (const auto& p : kept_) out += p.ToString() + "\n";
  if (count_ > kept_.size())
    out += fmt::format("... and {} more problems\n", count_ - kept_.size());
  return out;
}

RowConverter::RowConverter(const refdata::Reference& reference,
                           std::vector<store::Dictionary*> dictionaries)
    : ref_(reference), dicts_(std::move(dictionaries)) {}

void RowConverter::BeginFile(const std::string& file, const ColumnBinding& binding) {
  file_ = file;
  binding_ = binding;
}

void RowConverter::SetMoneyScale(int scale, bool fixed, std::string fixed_why) {
  money_scale_ = scale;
  scale_fixed_ = fixed;
  fixed_why_ = std::move(fixed_why);
}

std::string RowConverter::MoneyDecimalsProblem(std::string_view text) {
  std::string_view t = core::Trim(text);
  const size_t dot = t.find('.');
  const size_t last = t.find_last_not_of('0');
  return MoneyDecimalsProblem(
      dot == std::string_view::npos || last <= dot ? 0 : static_cast<int>(last - dot));
}

std::string RowConverter::MoneyDecimalsProblem(int decimals) {
  if (decimals > store::kMaxMoneyScale)
    return fmt::format("{} decimals; money is kept to at most {} decimals", decimals,
                       store::kMaxMoneyScale);
  if (!scale_fixed_) {
    needed_scale_ = std::max(needed_scale_, decimals);
    return {};
  }
  return fmt::format("{} decimals, more than the {} of {}", decimals, money_scale_, fixed_why_);
}

namespace {

constexpr size_t kMaxValueBytes = 256;

bool IsUnitCode(std::string_view s) {
  if (s.empty() || s.size() > 12) return false;
  for (char c : s)
    if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' ||
          c == '-' || c == '.'))
      return false;
  return true;
}

}  // namespace

RowConverter::CacheEntry RowConverter::Normalize(Field field, std::string_view raw_in) {
  std::string_view raw = core::Trim(raw_in);
  auto error = [&](std::string message) {
    errors_.push_back(std::move(message));
    return CacheEntry{0, static_cast<int32_t>(errors_.size() - 1)};
  };
  auto intern = [&](store::Dim d, std::string_view value) {
    return CacheEntry{dicts_[static_cast<int>(d)]->Intern(value), -1};
  };
  // Every dimension value is a short code or name: refuse binary text and oversized values here,
  // once per distinct value, before a reference lookup quotes them back.
  if (size_t nul = raw.find('\0'); nul != std::string_view::npos)
    return error(
        fmt::format("NUL byte at byte {} of the value; the file looks binary or UTF-16, save it as "
                    "UTF-8 CSV",
                    nul + 1));
  if (size_t bad = core::InvalidUtf8Offset(raw); bad != std::string_view::npos)
    return error(fmt::format(
        "invalid UTF-8 at byte {} of the value; save the file as UTF-8 (GBK and Latin-1 "
        "exports are read with --format cn-customs / comtrade)",
        bad + 1));
  if (raw.size() > kMaxValueBytes)
    return error(fmt::format("value of {} bytes is too long; codes and names are at most {} bytes",
                             raw.size(), kMaxValueBytes));
  switch (field) {
    case Field::kPeriod: {
      auto p = core::Period::Parse(raw);
      if (!p.ok())
        return error("not a period; expected YYYY-MM (or YYYYMM, or YYYY for annual data)");
      return CacheEntry{static_cast<uint32_t>(p->key()), -1};
    }
    case Field::kFlow: {
      if (auto f = store::FlowFromText(raw)) return CacheEntry{static_cast<uint32_t>(*f), -1};
      return error(fmt::format(
          "not a flow; expected X or M (also export/import, E/I, 出口/进口), or an \"of "
          "which\" flow: {}",
          store::FlowCodeList().substr(6)));
    }
    case Field::kReporter: {
      if (raw.empty())
        return error(
            "empty reporter; give a GB/T 2260 region code (6 digits) or an ISO alpha-3 country");
      auto r = ref_.NormalizeReporter(raw);
      if (!r.ok()) return error(r.status().message());
      return intern(store::Dim::kReporter, *r);
    }
    case Field::kPartner: {
      if (raw.empty())
        return error("empty partner; give an ISO 3166 code (alpha-3, alpha-2 or numeric)");
      auto r = ref_.NormalizePartner(raw);
      if (!r.ok()) return error(r.status().message());
      return intern(store::Dim::kPartner, *r);
    }
    case Field::kCommodity: {
      std::string code;
      for (char c : raw)
        if (c != '.' && c != ' ') code.push_back(c);
      if (!core::IsDigits(code) || code.size() < 2 || code.size() > 10)
        return error("not a commodity code; expected 2 to 10 digits (dots and spaces are removed)");
      return intern(store::Dim::kCommodity, code);
    }
    case Field::kTradeMode: {
      if (raw.empty()) return CacheEntry{0, -1};
      if (!core::IsDigits(raw) || (raw.size() != 2 && raw.size() != 4))
        return error(
            "not a trade mode code; expected a 4-digit supervision code (e.g. 0110) or a 2-digit "
            "statistical code (see 'tradestat ref modes')");
      return intern(store::Dim::kTradeMode, raw);
    }
    case Field::kEnterpriseType: {
      if (raw.empty()) return CacheEntry{0, -1};
      std::string code = core::ToUpper(raw);
      if (ref_.enterprise_types().Find(code) == nullptr &&
          ref_.enterprise_types().FindGroup(code) == nullptr)
        return error(
            "unknown enterprise type; expected a code 1-9 or a group SOE, FIE, PRIVATE, OTHER "
            "(see 'tradestat ref modes')");
      return intern(store::Dim::kEnterpriseType, code);
    }
    case Field::kUnit: {
      if (raw.empty()) return CacheEntry{0, -1};
      if (!IsUnitCode(raw))
        return error("not a unit code; expected a short code such as KG, PCS, L");
      return intern(store::Dim::kUnit, core::ToUpper(raw));
    }
    default: break;
  }
  return error("internal: unexpected field");
}

}  // namespace tradestat::ingest
