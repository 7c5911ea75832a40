// demo/det_random.h: the demo generator's only randomness: a seeded xoshiro256** stream, plus
// exp/log built from + - * / alone so every machine computes the same bits.
//
// Why not <random> and <cmath>: std::*_distribution algorithms are implementation-defined and
// libm's exp/log may differ in the last bit between C libraries; either would change the demo
// bytes from one machine to another. IEEE basic operations are exactly rounded everywhere.
#pragma once

#include <cstdint>
#include <string_view>

namespace tradestat::demo {

/// splitmix64 step: seeds the main generator and hashes keys (partner codes, commodity codes).
inline uint64_t SplitMix64(uint64_t& state) {
  uint64_t z = (state += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

/// A stable 64-bit hash of `text` mixed with `salt` (FNV-1a, then splitmix64).
inline uint64_t HashKey(std::string_view text, uint64_t salt = 0) {
  uint64_t h = 1469598103934665603ull ^ salt;
  for (unsigned char c : text) h = (h ^ c) * 1099511628211ull;
  return SplitMix64(h);
}

/// xoshiro256**: fast, 256-bit state, seeded through splitmix64. Not thread-safe; one per stream.
class Rng {
 public:
  explicit Rng(uint64_t seed) {
    for (auto& s : s_) s = SplitMix64(seed);
  }
  uint64_t Next() {
    const uint64_t result = Rotl(s_[1] * 5, 7) * 9;
    const uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = Rotl(s_[3], 45);
    return result;
  }
  /// Uniform in [0, 1) with 53 random bits.
  double Uniform() { return static_cast<double>(Next() >> 11) * 0x1.0p-53; }
  /// Uniform integer in [0, n); REQUIRES: n > 0.
  uint32_t Below(uint32_t n) { return static_cast<uint32_t>(((Next() >> 32) * n) >> 32); }
  /// Approximately standard normal (Irwin-Hall sum of 6 uniforms, rescaled); light tails.
  double Normal() {
    double s = 0;
    for (int i = 0; i < 6; ++i) s += Uniform();
    return (s - 3.0) * 1.4142135623730951;
  }

 private:
  static uint64_t Rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  uint64_t s_[4];
};

/// e^x from basic operations only (range reduction by ln 2, Taylor series to 1e-16 relative).
double DetExp(double x);
/// Natural logarithm of x > 0 from basic operations only.
double DetLog(double x);
/// x^y for x > 0.
inline double DetPow(double x, double y) { return DetExp(y * DetLog(x)); }

}  // namespace tradestat::demo
