// query/currency.cc: exact sums of converted values and the per-period rate plan.
#include "query/currency.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

#include "core/strings.h"

namespace tradestat::query {
namespace {

using U128 = unsigned __int128;

// Just enough of an unsigned big integer to compare two sums of fractions exactly: products of
// up to a few hundred 64-bit denominators, which __int128 cannot hold.
class BigUint {
 public:
  explicit BigUint(U128 v) {
    while (v != 0) {
      limbs_.push_back(static_cast<uint32_t>(v));
      v >>= 32;
    }
  }
  void Mul(uint64_t m) {
    U128 carry = 0;
    for (uint32_t& limb : limbs_) {
      U128 t = static_cast<U128>(limb) * m + carry;
      limb = static_cast<uint32_t>(t);
      carry = t >> 32;
    }
    while (carry != 0) {
      limbs_.push_back(static_cast<uint32_t>(carry));
      carry >>= 32;
    }
    Trim();
  }
  void Add(const BigUint& o) {
    if (o.limbs_.size() > limbs_.size()) limbs_.resize(o.limbs_.size(), 0);
    uint64_t carry = 0;
    for (size_t i = 0; i < limbs_.size(); ++i) {
      uint64_t t = uint64_t{limbs_[i]} + (i < o.limbs_.size() ? o.limbs_[i] : 0) + carry;
      limbs_[i] = static_cast<uint32_t>(t);
      carry = t >> 32;
    }
    if (carry) limbs_.push_back(static_cast<uint32_t>(carry));
  }
  friend int Compare(const BigUint& a, const BigUint& b) {
    if (a.limbs_.size() != b.limbs_.size()) return a.limbs_.size() < b.limbs_.size() ? -1 : 1;
    for (size_t i = a.limbs_.size(); i-- > 0;)
      if (a.limbs_[i] != b.limbs_[i]) return a.limbs_[i] < b.limbs_[i] ? -1 : 1;
    return 0;
  }

 private:
  void Trim() {
    while (!limbs_.empty() && limbs_.back() == 0) limbs_.pop_back();
  }
  std::vector<uint32_t> limbs_;  // little-endian
};

struct Part {
  uint64_t rem;  // 0 <= rem < den
  uint64_t den;
};

// Sign of F - k/2 where F = sum rem/den over `parts` (F >= 0). A long double estimate decides
// unless it is within 1e-6 of the threshold; then the comparison is exact, over the common
// denominator: 2 * sum(rem * prod(other dens)) against k * prod(dens).
int CompareHalves(const std::vector<Part>& parts, long double approx, int64_t k) {
  if (k < 0) return 1;
  const long double diff = approx - static_cast<long double>(k) / 2;
  if (diff > 1e-6L) return 1;
  if (diff < -1e-6L) return -1;
  BigUint left(0), right(static_cast<U128>(k));
  for (size_t i = 0; i < parts.size(); ++i) {
    BigUint term(static_cast<U128>(parts[i].rem) * 2);
    for (size_t j = 0; j < parts.size(); ++j)
      if (j != i) term.Mul(parts[j].den);
    left.Add(term);
    right.Mul(parts[i].den);
  }
  return Compare(left, right);
}

__int128 Pow10(int n) {
  __int128 p = 1;
  while (n-- > 0) p *= 10;
  return p;
}

RateFraction Reduced(__int128 num, __int128 den) {
  __int128 a = num, b = den;
  while (b != 0) {
    __int128 t = a % b;
    a = b;
    b = t;
  }
  return RateFraction{num / a, den / a};
}

}  // namespace

bool ConvertedSum::Add(__int128 value, const RateFraction& rate) {
  if (rate.den <= 0 || rate.num <= 0 ||
      rate.den > static_cast<__int128>(std::numeric_limits<uint64_t>::max()))
    return false;
  __int128 product = 0;
  if (__builtin_mul_overflow(value, rate.num, &product)) return false;
  for (auto& [den, sum] : groups_) {
    if (den != rate.den) continue;
    return !__builtin_add_overflow(sum, product, &sum);
  }
  groups_.emplace_back(rate.den, product);
  return true;
}

__int128 ConvertedSum::Rounded() const {
  __int128 whole = 0;  // sum of floor(sum / den)
  std::vector<Part> parts;
  long double approx = 0;  // F = sum of the remainders' fractions, 0 <= F < parts.size()
  for (const auto& [den, sum] : groups_) {
    __int128 q = sum / den, r = sum % den;
    if (r < 0) {
      r += den;
      q -= 1;
    }
    whole += q;
    if (r == 0) continue;
    parts.push_back(Part{static_cast<uint64_t>(r), static_cast<uint64_t>(den)});
    approx +=
        static_cast<long double>(parts.back().rem) / static_cast<long double>(parts.back().den);
  }
  if (parts.empty()) return whole;
  const auto n = static_cast<int64_t>(parts.size());
  // The exact sum is S = whole + F. Is S >= 0?
  bool non_negative =
      whole >= 0 ||
      (-whole <= n && CompareHalves(parts, approx, static_cast<int64_t>(-whole) * 2) >= 0);
  if (non_negative) {
    // round(S) = whole + t, t the largest integer with t - 1/2 <= F.
    auto t = static_cast<int64_t>(std::floor(approx + 0.5L));
    if (t < 0) t = 0;
    while (t > 0 && CompareHalves(parts, approx, 2 * t - 1) < 0) --t;
    while (CompareHalves(parts, approx, 2 * t + 1) >= 0) ++t;
    return whole + t;
  }
  // Halves away from zero below zero: whole + c, c the smallest integer with F <= c + 1/2.
  auto c = static_cast<int64_t>(std::ceil(approx - 0.5L));
  if (c < 0) c = 0;
  while (CompareHalves(parts, approx, 2 * c + 1) > 0) ++c;
  while (c > 0 && CompareHalves(parts, approx, 2 * c - 1) <= 0) --c;
  return whole + c;
}

bool CanConvert(const refdata::ExchangeRates& rates, const std::string& a, const std::string& b) {
  return rates.HasPair(a, b) || rates.HasPair(b, a);
}

core::Result<CurrencyConversion> PlanConversion(const refdata::ExchangeRates& rates,
                                                const std::string& from, const std::string& to,
                                                const std::vector<core::Period>& periods,
                                                const std::vector<bool>& required) {
  CurrencyConversion c;
  c.from = from;
  c.to = to;
  // A table of `to` per `from` multiplies; one of `from` per `to` divides.
  const bool multiply = rates.HasPair(to, from);
  const std::string& quote = multiply ? to : from;
  const std::string& base = multiply ? from : to;
  const std::string column = core::ToLower(quote) + "_per_" + core::ToLower(base);
  const __int128 scale = Pow10(refdata::kRateScale);
  auto missing = [&](core::Period asked, core::Period month) {
    auto [first, last] = rates.Range(quote, base);
    std::string covered = rates.HasPair(quote, base)
                              ? fmt::format("the {} per {} rates known cover {} to {}", quote, base,
                                            first.ToString(), last.ToString())
                              : fmt::format("no {} per {} rates are known", quote, base);
    std::string what =
        asked.is_annual()
            ? fmt::format("{} (annual data need all twelve monthly rates; {} is missing)",
                          asked.ToString(), month.ToString())
            : asked.ToString();
    return core::Status::InvalidArgument(
        fmt::format("--currency {}: no {} per {} rate for {}; {}: import a rate file that has it "
                    "with 'tradestat ref "
                    "exchange-rates import FILE --store STORE' (columns month,{}; docs/query.md "
                    "\"Currency conversion\")",
                    to, quote, base, what, covered, column));
  };
  for (size_t i = 0; i < periods.size(); ++i) {
    const core::Period p = periods[i];
    __int128 units = 0;
    __int128 months = 1;
    core::Period absent;
    bool found = true;
    auto take = [&](core::Period m) {
      auto r = rates.Exact(quote, base, m);
      if (!r) {
        if (found) absent = m;
        found = false;
        return;
      }
      units += r->units;
      std::string s(r->source);
      if (std::find(c.sources.begin(), c.sources.end(), s) == c.sources.end())
        c.sources.push_back(s);
    };
    if (p.is_annual()) {
      months = 12;
      for (int m = 1; m <= 12; ++m) take(core::Period::Month(p.year(), m));
    } else {
      take(p);
    }
    if (!found) {
      if (i < required.size() && required[i]) return missing(p, absent);
      c.rates.push_back(RateFraction{});
      c.has_rate.push_back(false);
      continue;
    }
    // The rate is units / (months * 10^scale) quote per base (the mean over an annual period).
    c.rates.push_back(multiply ? Reduced(units, months * scale) : Reduced(months * scale, units));
    c.has_rate.push_back(true);
  }
  return c;
}

}  // namespace tradestat::query
