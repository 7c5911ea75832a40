// demo/targets.h: the numbers the demo data are calibrated to, in billions of yuan.
//
// The published H1 2023 figures (Changsha Customs, FACTS.md §2) fix most of them; the rest
// (2022 bases, the split of undisclosed remainders, prefectures other than the three named) are
// invented so that every published figure follows after customs rounding and the rest looks
// plausible. Targets sit at the centre of each figure's rounding interval. docs/demo.md.
#pragma once

#include <array>

namespace tradestat::demo::targets {

// --- Hunan, H1 2023 (index 1) and H1 2022 (index 0) ---
inline constexpr double kExports23 = 232.87, kImports23 = 103.88;  // published
inline constexpr double kTotal23 = kExports23 + kImports23;        // 336.75
inline constexpr double kTotalGrowth = 0.0761;                     // published +7.6%
inline constexpr double kImportGrowth = 0.2376;                    // published +23.8%
inline constexpr double kTotal22 = kTotal23 / (1 + kTotalGrowth);
inline constexpr double kImports22 = kImports23 / (1 + kImportGrowth);
inline constexpr double kExports22 = kTotal22 - kImports22;  // exports +1.69% (published +1.7%)

// Monthly totals; Q1 179.38 (+58.3%), Jan-Apr 243.65, Jan-May 293.4 (+26.6%) are published.
inline constexpr std::array<double, 6> kMonths23 = {58.50, 46.10, 74.78, 64.27, 49.75, 43.35};
inline constexpr double kQ1_22 = 179.38 / 1.583, kJanMay22 = 293.4 / 1.266;
inline constexpr std::array<double, 6> kMonths22 = {
    40.50, 31.80, kQ1_22 - 72.30, 56.00, kJanMay22 - kQ1_22 - 56.00, kTotal22 - kJanMay22};
// Second half of 2022 (not calibrated to anything published): monthly totals, export share.
inline constexpr std::array<double, 6> kMonthsH2_22 = {62.0, 63.0, 66.0, 60.0, 68.0, 73.86};
inline constexpr double kExportShareH2 = 0.70;

// Partner atoms (disjoint; see generator): ASEAN, USA, EU&BRI64, EU only, RCEP_SIG only (JPN
// KOR AUS NZL), AFRICA&BRI64 (EGY), AFRICA only, BRI64 only, rest of the world (residual).
inline constexpr int kAtoms = 9;
inline constexpr double kAsean23 = 70.12, kUsa23 = 33.07, kEu23 = 28.72, kRcep23 = 106.69,
                        kBri23 = 130.7, kBriGrowth = 0.161, kAfrica23 = 31.18,
                        kAfricaGrowth = 0.261;  // published
inline constexpr double kEuBri23 = 4.0, kEgy23 = 1.2;
inline constexpr std::array<double, kAtoms - 1> kAtoms23 = {
    kAsean23,           kUsa23, kEuBri23,           kEu23 - kEuBri23,
    kRcep23 - kAsean23, kEgy23, kAfrica23 - kEgy23, kBri23 - kAsean23 - kEuBri23 - kEgy23};
inline constexpr double kBri22 = kBri23 / (1 + kBriGrowth),
                        kAfrica22 = kAfrica23 / (1 + kAfricaGrowth);
inline constexpr std::array<double, kAtoms - 1> kAtoms22 = {
    62.5, 34.8, 3.6, 24.9, 33.5, 0.95, kAfrica22 - 0.95, kBri22 - 62.5 - 3.6 - 0.95};

// Prefectures in catalog order (430100 ... 433100): H1 2023 value and growth. Yueyang +32.9%,
// Chenzhou +82.1%, Huaihua +134.6% are published; Changsha is the residual.
inline constexpr std::array<double, 14> kPrefecture23 = {0,   17.0, 16.0, 14.0, 5.5, 40.0, 8.0,
                                                         0.5, 6.0,  25.0, 6.5,  6.0, 4.5,  2.0};
inline constexpr std::array<double, 14> kPrefectureGrowth = {
    0, 0.05, -0.03, 0.09, 0.18, 0.329, 0.12, 0.25, -0.06, 0.821, 0.15, 1.346, -0.10, 0.20};

// Export structure: M&E 46.4% and labour-intensive 20.3% of exports, 'three new' 3.02 (+44.7%)
// published for 2023; 2022 shares invented.
inline constexpr double kNew3_23 = 3.02, kNew3Growth = 0.447, kMeShare23 = 0.464,
                        kLaborShare23 = 0.203;
inline constexpr double kMeShare22 = 0.450, kLaborShare22 = 0.215;

// Enterprise groups SOE, FIE, PRIVATE, OTHER: private 274.28 (81.4%), SOE 40.11 (11.9%) published.
inline constexpr double kSoe23 = 40.11, kFie23 = 21.50, kPrivate23 = 274.279;
inline constexpr double kSoe22 = 38.50, kFie22 = 23.20, kOther22 = 0.90;

// Trade-mode classes by statistical mode: general (10) 81.8% of total, +3.0%; processing
// (14+15) +14.1% published; bonded logistics (33+34), other.
inline constexpr double kGeneralShare23 = 0.818, kGeneralGrowth = 0.030;
inline constexpr double kProcessing23 = 24.0, kProcessingGrowth = 0.141;
inline constexpr double kBonded23 = 30.0, kBonded22 = 18.0;

// --- National (all 31 provinces incl. Hunan), trillions -> billions ---
inline constexpr double kNatExports23 = 11464.5, kNatImports23 = 8635.5;          // 11.46 / 8.64 tn
inline constexpr double kNatExportGrowth = 0.03748, kNatImportGrowth = -0.00052;  // +3.7 / -0.1%
inline constexpr double kNatExports22 = kNatExports23 / (1 + kNatExportGrowth);
inline constexpr double kNatImports22 = kNatImports23 / (1 + kNatImportGrowth);  // total +2.08%
inline constexpr std::array<double, 6> kNatMonths23 = {3300, 2880, 3580, 3430, 3450, 3460};
inline constexpr std::array<double, 6> kNatMonths22 = {3260, 2970, 3290,
                                                       2890, 3480, 0};  // Jun: residual
inline constexpr std::array<double, 6> kNatMonthsH2_22 = {3810, 3710, 3810, 3360, 3670, 4020};
inline constexpr double kNatExportShareH2 = 0.567;
// 2021 (china only): monthly national totals and Hunan's.
inline constexpr std::array<double, 12> kNatMonths21 = {2950, 2200, 3050, 3100, 3110, 3220,
                                                        3250, 3310, 3350, 3150, 3530, 3710};
inline constexpr std::array<double, 12> kHunanMonths21 = {45, 36, 48, 48, 47, 50,
                                                          50, 52, 55, 50, 57, 60.8};
inline constexpr double kNatExportShare21 = 0.555, kHunanExportShare21 = 0.68;
// National partner atoms (ASEAN 3.08 tn +5.4%, EU 2.75 +1.9%, USA 2.25 -8.4%, Belt and Road
// 6.89 +9.8% published; splits invented); rest of the world is the residual.
inline constexpr std::array<double, kAtoms - 1> kNatAtoms23 = {3080, 2250, 330, 2420,
                                                               2950, 70,   910, 3410};
inline constexpr std::array<double, kAtoms - 1> kNatAtoms22 = {
    3080 / 1.054, 2250 / 0.916, 320, 2750 / 1.019 - 320,
    3100,         60,           827, 6890 / 1.098 - 3080 / 1.054 - 320 - 60};

}  // namespace tradestat::demo::targets
