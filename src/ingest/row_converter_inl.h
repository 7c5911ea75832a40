// ingest/row_converter_inl.h: the per-record hot path of RowConverter (inlined into the loader).
#pragma once

#include <fmt/format.h>

#include "core/decimal.h"
#include "core/period.h"
#include "core/strings.h"

namespace tradestat::ingest {

template <typename ColumnOf>
void RowConverter::Convert(const std::vector<std::string_view>& fields, uint64_t line,
                           ColumnOf column_of, store::RowBatch* out, ProblemList* problems) {
  if (fields.size() != binding_.column_count) {
    problems->Add({file_, line, 0,
                   fmt::format("expected {} fields as in the header, found {}",
                               binding_.column_count, fields.size())});
    return;
  }
  bool ok = true;
  auto fail = [&](int index, std::string_view what, std::string_view value) {
    ok = false;
    problems->Add({file_, line, column_of(static_cast<size_t>(index)),
                   fmt::format("{}: {} (value \"{}\")", core::MessageExcerpt(binding_.names[index]),
                               what, core::MessageExcerpt(value))});
  };
  CacheEntry codes[9];
  for (Field f : {Field::kPeriod, Field::kFlow, Field::kReporter, Field::kPartner,
                  Field::kCommodity, Field::kTradeMode, Field::kEnterpriseType, Field::kUnit}) {
    int idx = binding_.at(f);
    if (idx < 0) {
      codes[static_cast<int>(f)] = {0, -1};  // optional, not given
      continue;
    }
    CacheEntry e = Lookup(f, fields[idx]);
    if (e.error >= 0) fail(idx, errors_[e.error], fields[idx]);
    codes[static_cast<int>(f)] = e;
  }
  int64_t values[store::kMaxCurrencies];
  for (size_t c = 0; c < binding_.currencies.size(); ++c) {
    int idx = binding_.value_index[c];
    core::DecimalError err = core::ParseScaled(fields[idx], money_scale_, &values[c]);
    if (err == core::DecimalError::kTooManyDecimals) {
      values[c] = 0;  // counted in needed_money_scale(); this load is run again at that scale
      if (std::string why = MoneyDecimalsProblem(fields[idx]); !why.empty())
        fail(idx, why, fields[idx]);
    } else if (err != core::DecimalError::kOk) {
      fail(idx, core::DecimalErrorText(err, money_scale_), fields[idx]);
    }
  }
  int64_t quantity = store::kNoQuantity;
  if (int idx = binding_.at(Field::kQuantity); idx >= 0 && !fields[idx].empty()) {
    core::DecimalError err = core::ParseScaled(fields[idx], store::kQuantityScale, &quantity);
    if (err != core::DecimalError::kOk) {
      std::string_view text = err == core::DecimalError::kTooManyDecimals
                                  ? "more than 3 decimals; quantities are kept to thousandths"
                                  : core::DecimalErrorText(err, store::kQuantityScale);
      fail(idx, text, fields[idx]);
    }
  }
  if (!ok) return;
  out->period_key.push_back(static_cast<int32_t>(codes[static_cast<int>(Field::kPeriod)].code));
  out->flow.push_back(static_cast<uint8_t>(codes[static_cast<int>(Field::kFlow)].code));
  out->reporter.push_back(static_cast<uint16_t>(codes[static_cast<int>(Field::kReporter)].code));
  out->partner.push_back(static_cast<uint16_t>(codes[static_cast<int>(Field::kPartner)].code));
  out->commodity.push_back(codes[static_cast<int>(Field::kCommodity)].code);
  out->trade_mode.push_back(static_cast<uint16_t>(codes[static_cast<int>(Field::kTradeMode)].code));
  out->enterprise_type.push_back(
      static_cast<uint16_t>(codes[static_cast<int>(Field::kEnterpriseType)].code));
  out->unit.push_back(static_cast<uint16_t>(codes[static_cast<int>(Field::kUnit)].code));
  out->quantity.push_back(quantity);
  for (size_t c = 0; c < binding_.currencies.size(); ++c) out->values[c].push_back(values[c]);
}

inline RowConverter::CacheEntry RowConverter::Lookup(Field field, std::string_view raw) {
  Cache& cache = caches_[static_cast<int>(field)];
  if (const CacheEntry* hit = cache.Find(raw)) return *hit;
  return cache.Insert(raw, Normalize(field, raw));
}

}  // namespace tradestat::ingest
