// demo/catalog.h: the synthetic world the demo data are drawn from: prefectures and provinces
// with their trade profiles, partner weights, the commodity universe with units and prices,
// monthly exchange rates.
//
// Everything here is invented but shaped after public knowledge of Hunan's trade (Changsha's
// construction machinery, Zhuzhou's rail equipment, Yueyang's crude imports, Chenzhou's silver,
// Shaoyang's wigs ...). Nothing is a published statistic. Built once, immutable.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "core/period.h"

namespace tradestat::demo {

inline constexpr int kChapters = 100;  // index = HS chapter number (0 and 77, 98, 99 unused)

/// A prefecture (or province) and the shape of its trade.
struct Region {
  std::string code;                           // GB/T 2260
  double weight_x = 0, weight_m = 0;          // seed share of exports / imports
  std::array<double, kChapters> chapter_x{};  // seed chapter mix of exports (unnormalised)
  std::array<double, kChapters> chapter_m{};
  std::array<double, 4> enterprise{};                // SOE, FIE, PRIVATE, OTHER seed shares
  double processing = 0, bonded = 0, ecommerce = 0;  // seed shares of those trade-mode classes
};

/// One 8-digit commodity of the universe.
struct Commodity {
  std::string code;  // 8 digits
  int chapter = 0;
  const char* unit = "KG";
  double unit_price = 1;  // CNY per unit (seed)
  double weight = 0;      // seed popularity inside its chapter (Zipf by rank, anchors boosted)
};

/// A partner with its seed weights; tail partners get a steep geometric tail.
struct PartnerSeed {
  std::string code;
  double export_w = 0, import_w = 0;  // ~ billions of yuan per half year (seed scale)
  bool resource = false;              // supplies ores/fuels (import chapter tilt)
};

class Catalog {
 public:
  /// Build the catalog for `partners` (the reference's trading partners, sorted).
  static Catalog Build(const std::vector<std::string>& partners);

  const std::vector<Region>& prefectures() const { return prefectures_; }
  const std::vector<Region>& provinces() const { return provinces_; }  // 30, without Hunan
  const std::vector<Commodity>& commodities() const { return commodities_; }
  /// Indexes into commodities() of chapter `c`, in code order.
  const std::vector<int>& chapter_commodities(int c) const { return by_chapter_[c]; }
  const std::vector<PartnerSeed>& partners() const { return partners_; }
  /// Partner indexes ordered by total seed weight, largest first (activity ranks).
  const std::vector<int>& partner_rank_order() const { return rank_order_; }
  /// Chapter seed mixes of the national economy (exports, imports).
  const std::array<double, kChapters>& national_x() const { return national_x_; }
  const std::array<double, kChapters>& national_m() const { return national_m_; }

  /// CNY per USD for a month, in units of 1e-4 (63794 = 6.3794); customs-style monthly rate.
  static int64_t RateE4(core::Period month);

 private:
  std::vector<Region> prefectures_;
  std::vector<Region> provinces_;
  std::vector<Commodity> commodities_;
  std::array<std::vector<int>, kChapters> by_chapter_;
  std::vector<PartnerSeed> partners_;
  std::vector<int> rank_order_;
  std::array<double, kChapters> national_x_{};
  std::array<double, kChapters> national_m_{};
};

}  // namespace tradestat::demo
