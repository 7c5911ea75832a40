// demo/catalog.cc: the invented trade profiles behind the demo data (see catalog.h).
#include "demo/catalog.h"

#include <algorithm>
#include <cstring>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include "demo/det_random.h"

namespace tradestat::demo {
namespace {

constexpr const char kHs6[] =
#include "demo/hs6_codes.inc"
    ;

using ChapterMix = std::array<double, kChapters>;

// "84:18 85:16 ..." -> chapter weights.
ChapterMix Mix(std::string_view spec) {
  ChapterMix m{};
  size_t i = 0;
  while (i < spec.size()) {
    while (i < spec.size() && spec[i] == ' ') ++i;
    if (i >= spec.size()) break;
    int ch = (spec[i] - '0') * 10 + (spec[i + 1] - '0');
    i += 3;
    double w = 0, scale = 0;
    for (; i < spec.size() && spec[i] != ' '; ++i) {
      if (spec[i] == '.') {
        scale = 1;
        continue;
      }
      w = w * 10 + (spec[i] - '0');
      if (scale > 0) scale *= 10;
    }
    m[ch] += scale > 0 ? w / scale : w;
  }
  return m;
}

// Hunan's overall shape; each prefecture mixes it with its own specialities.
constexpr std::string_view kHunanX =
    "84:18 85:16 87:4 86:2 90:2 89:0.5 88:0.3 91:0.2 61:5 62:4 63:2 64:5 42:2 94:3 95:2.5 39:3 "
    "52:0.8 54:0.6 55:0.5 56:0.4 58:0.3 60:0.4 72:3 73:3 76:1 81:1.5 71:3 28:1.5 29:1.5 38:1 36:2 "
    "67:1.5 69:1.5 09:0.8 03:0.5 07:0.5 08:0.3 16:0.5 20:0.5 24:0.3 44:0.8 46:0.3 48:0.8 40:1 "
    "70:0.8 83:0.8 82:1 96:0.5 30:0.5 33:0.4 74:0.5 79:0.4 25:0.4 26:0.2 27:0.3 97:0.05";
constexpr std::string_view kHunanM =
    "26:14 27:6 85:14 84:10 90:3 87:3 74:5 71:4 12:4 10:1.5 02:2 03:1 08:2 15:1 29:3 39:3 38:1.5 "
    "30:1.5 44:1.5 47:1.5 40:1 72:2 75:1 76:1 81:1 28:1.5 23:0.5 33:0.5 22:0.3 17:0.3 52:0.3 "
    "41:0.5 31:0.8 25:0.8 88:1 89:0.2 86:0.1 05:0.3 07:0.3 24:0.3 61:0.2 64:0.2 95:0.1";
constexpr std::string_view kNationalX =
    "85:25 84:16 87:5 61:3 62:2.5 63:3 64:2 94:3 95:2 39:4 73:3.5 72:2.5 90:3 29:2.5 28:1 38:1 "
    "44:0.5 48:1 40:1 42:1 54:1 55:0.6 60:0.8 52:0.6 69:1 70:1 76:1.5 82:1 83:1 89:1.5 03:0.5 "
    "16:0.5 27:1.5 30:0.5 33:0.3 96:0.8 86:0.3 88:0.3 91:0.2 71:0.8 74:0.5 81:0.3 67:0.2 36:0.2";
constexpr std::string_view kNationalM =
    "85:25 27:17 26:8 84:8 90:4 87:2.5 29:4 39:3 12:3 71:2 74:3 02:1.2 03:1 08:1 10:0.8 15:0.5 "
    "30:2 33:0.8 38:1.5 40:0.6 44:0.6 47:1 72:0.8 75:0.5 76:0.5 81:0.3 88:1.5 23:0.5 28:1 "
    "22:0.3 04:0.4 17:0.2 31:0.5 25:0.5 41:0.2 52:0.2 86:0.1 89:0.1";

struct PrefectureSpec {
  const char* code;
  double weight_x, weight_m;
  const char* special_x;  // speciality chapters, mixed 60:40 with the Hunan shape
  const char* special_m;
  std::array<double, 4> enterprise;  // SOE FIE PRIVATE OTHER
  double processing, bonded, ecommerce;
};

// Seed shapes (invented): value shares, speciality chapters, ownership and trade-mode mix.
const PrefectureSpec kPrefectures[] = {
    {"430100",
     57,
     50,
     "84:30 85:14 87:8 36:5 61:3 62:3 30:1 95:2 94:2",
     "85:30 84:20 90:8 12:6 02:5 08:3 30:4 87:5",
     {0.10, 0.07, 0.826, 0.004},
     0.05,
     0.10,
     0.05},
    {"430200",
     5.5,
     3.5,
     "86:30 69:12 81:8 84:10 88:6 82:4",
     "26:10 81:8 84:6 86:3",
     {0.22, 0.10, 0.68, 0.002},
     0.04,
     0.05,
     0.02},
    {"430300",
     4.5,
     5.0,
     "72:35 73:12 85:8 84:6",
     "26:40 27:10 72:4",
     {0.30, 0.12, 0.58, 0.002},
     0.03,
     0.06,
     0.01},
    {"430400",
     4.2,
     4.5,
     "85:30 74:8 28:6 29:4",
     "85:35 74:10 26:6",
     {0.08, 0.20, 0.72, 0.002},
     0.30,
     0.10,
     0.02},
    {"430500",
     1.9,
     1.0,
     "67:40 42:8 64:8 96:10 44:3",
     "05:20 67:10 85:4",
     {0.02, 0.03, 0.95, 0.002},
     0.08,
     0.02,
     0.08},
    {"430600",
     8.0,
     22.0,
     "29:20 39:12 27:10 03:3 84:8",
     "27:45 12:12 10:6 29:5 44:4",
     {0.40, 0.08, 0.52, 0.002},
     0.02,
     0.18,
     0.02},
    {"430700",
     2.6,
     1.8,
     "84:14 24:6 48:8 09:4 62:8",
     "24:25 84:10 47:5",
     {0.18, 0.10, 0.72, 0.002},
     0.04,
     0.05,
     0.03},
    {"430800",
     0.15,
     0.05,
     "09:20 20:10 46:10 97:8",
     "85:5 22:3",
     {0.03, 0.02, 0.95, 0.002},
     0.01,
     0.01,
     0.06},
    {"430900",
     1.6,
     1.2,
     "09:15 46:10 85:10 63:8 84:6",
     "44:20 47:10 85:5",
     {0.05, 0.08, 0.87, 0.002},
     0.05,
     0.04,
     0.04},
    {"431000",
     5.0,
     8.0,
     "71:35 79:8 81:8 85:10 28:5",
     "26:30 71:25 74:6 85:8",
     {0.08, 0.06, 0.86, 0.002},
     0.22,
     0.30,
     0.03},
    {"431100",
     1.8,
     1.4,
     "85:14 64:10 94:8 16:4",
     "85:10 26:8",
     {0.04, 0.08, 0.88, 0.002},
     0.10,
     0.05,
     0.04},
    {"431200",
     1.3,
     2.2,
     "44:8 85:8 84:6 20:6",
     "08:30 07:8 10:6 44:14 26:6",
     {0.06, 0.04, 0.90, 0.002},
     0.03,
     0.25,
     0.04},
    {"431300",
     1.4,
     1.5,
     "72:30 81:20 73:8 84:6",
     "26:40 27:10",
     {0.25, 0.05, 0.70, 0.002},
     0.02,
     0.04,
     0.01},
    {"433100",
     0.5,
     0.4,
     "81:10 28:10 09:10 22:8",
     "26:40",
     {0.12, 0.03, 0.85, 0.002},
     0.02,
     0.03,
     0.04},
};

// Other provinces: GB/T 2260 code and an invented share of the national total.
const std::pair<const char*, double> kProvinces[] = {
    {"110000", 9.0},  {"120000", 2.0},  {"130000", 1.4},  {"140000", 0.5},  {"150000", 0.4},
    {"210000", 1.9},  {"220000", 0.4},  {"230000", 0.7},  {"310000", 10.4}, {"320000", 12.9},
    {"330000", 12.1}, {"340000", 2.0},  {"350000", 4.8},  {"360000", 1.6},  {"370000", 8.0},
    {"410000", 2.0},  {"420000", 1.6},  {"440000", 19.8}, {"450000", 1.6},  {"460000", 0.6},
    {"500000", 1.7},  {"510000", 2.4},  {"520000", 0.2},  {"530000", 0.6},  {"540000", 0.02},
    {"610000", 1.0},  {"620000", 0.15}, {"630000", 0.02}, {"640000", 0.05}, {"650000", 0.9},
};

// Partner seeds: code, exports, imports (~bn yuan per half year), resource supplier.
struct PartnerSpec {
  const char* code;
  double x, m;
  bool resource;
};
const PartnerSpec kPartners[] = {
    {"USA", 27, 6, false},     {"HKG", 17, 0.6, false},    {"VNM", 12, 4, false},
    {"IND", 8, 0.8, false},    {"KOR", 7, 6, false},       {"JPN", 7, 5, false},
    {"RUS", 7, 3, true},       {"MYS", 6, 4, false},       {"THA", 6, 3, false},
    {"IDN", 6, 4, true},       {"DEU", 5.5, 4, false},     {"NLD", 4, 0.5, false},
    {"GBR", 4, 0.8, false},    {"AUS", 4, 7, true},        {"PHL", 4, 1.5, false},
    {"SGP", 3.5, 1.5, false},  {"ARE", 4, 1, true},        {"SAU", 3, 2, true},
    {"BRA", 4, 6, true},       {"MEX", 3, 0.5, false},     {"NGA", 2.5, 0.4, true},
    {"ZAF", 2.5, 4, true},     {"TUR", 2.5, 0.3, false},   {"BGD", 2, 0.2, false},
    {"PAK", 2, 0.2, false},    {"CAN", 2.5, 1.2, true},    {"FRA", 2.5, 1, false},
    {"ITA", 2, 1, false},      {"ESP", 2, 0.3, false},     {"POL", 2, 0.3, false},
    {"CHL", 1.5, 2, true},     {"KAZ", 2, 1, true},        {"TWN", 2, 4, false},
    {"EGY", 1.2, 0.1, false},  {"KEN", 1, 0.1, false},     {"GHA", 1, 0.4, true},
    {"TZA", 1, 0.4, true},     {"ETH", 0.8, 0.1, false},   {"DZA", 0.8, 0.1, false},
    {"MAR", 0.8, 0.2, false},  {"KHM", 1.2, 0.3, false},   {"MMR", 1, 0.3, true},
    {"LAO", 0.8, 0.3, true},   {"UZB", 0.8, 0.1, false},   {"KGZ", 1, 0.05, false},
    {"PER", 1, 2, true},       {"COL", 1, 0.2, false},     {"ARG", 0.8, 0.6, true},
    {"ISR", 0.8, 0.2, false},  {"IRN", 0.6, 0.2, true},    {"IRQ", 0.7, 1.5, true},
    {"BEL", 1.2, 0.3, false},  {"CZE", 0.6, 0.2, false},   {"HUN", 0.6, 0.2, false},
    {"ROU", 0.5, 0.1, false},  {"SWE", 0.6, 0.2, false},   {"CHE", 0.6, 0.8, false},
    {"NZL", 0.6, 1, false},    {"LKA", 0.5, 0.05, false},  {"NPL", 0.3, 0.02, false},
    {"MNG", 0.4, 0.8, true},   {"UKR", 0.4, 0.1, false},   {"QAT", 0.4, 0.1, true},
    {"KWT", 0.4, 0.1, true},   {"OMN", 0.4, 1, true},      {"JOR", 0.3, 0.05, false},
    {"AGO", 0.5, 1.5, true},   {"COD", 0.5, 3, true},      {"CIV", 0.5, 0.1, false},
    {"SEN", 0.4, 0.05, false}, {"CMR", 0.3, 0.1, false},   {"TUN", 0.3, 0.05, false},
    {"LBY", 0.2, 0.05, false}, {"GIN", 0.3, 1, true},      {"ZMB", 0.3, 1.5, true},
    {"MOZ", 0.3, 0.5, true},   {"MDG", 0.2, 0.3, true},    {"ECU", 0.5, 0.3, false},
    {"PAN", 0.6, 0.05, false}, {"AUT", 0.5, 0.3, false},   {"DNK", 0.4, 0.2, false},
    {"FIN", 0.3, 0.3, false},  {"IRL", 0.3, 0.2, false},   {"PRT", 0.3, 0.1, false},
    {"GRC", 0.4, 0.05, false}, {"NOR", 0.4, 0.2, false},   {"BLR", 0.2, 0.1, false},
    {"AZE", 0.2, 0.05, false}, {"GEO", 0.2, 0.05, false},  {"TKM", 0.1, 0.2, true},
    {"TJK", 0.2, 0.05, false}, {"URY", 0.3, 0.2, false},   {"DOM", 0.3, 0.05, false},
    {"GTM", 0.3, 0.02, false}, {"CRI", 0.2, 0.05, false},  {"VEN", 0.2, 0.1, true},
    {"PRY", 0.2, 0.05, false}, {"BHR", 0.15, 0.02, false}, {"LBN", 0.15, 0.01, false},
    {"SVK", 0.3, 0.1, false},  {"SVN", 0.2, 0.05, false},  {"HRV", 0.2, 0.02, false},
    {"BGR", 0.2, 0.05, false}, {"LTU", 0.15, 0.05, false}, {"LVA", 0.1, 0.02, false},
    {"EST", 0.1, 0.02, false}, {"SRB", 0.2, 0.1, true},    {"MUS", 0.1, 0.01, false},
    {"UGA", 0.3, 0.02, false}, {"RWA", 0.1, 0.05, true},   {"NAM", 0.1, 0.3, true},
    {"BWA", 0.05, 0.1, true},  {"ZWE", 0.15, 0.3, true},   {"MLI", 0.2, 0.05, false},
    {"BEN", 0.3, 0.05, false}, {"TGO", 0.3, 0.02, false},  {"SDN", 0.15, 0.1, true},
    {"COG", 0.15, 0.5, true},  {"GAB", 0.1, 0.4, true},    {"MRT", 0.1, 0.4, true},
    {"SLE", 0.1, 0.2, true},   {"LBR", 0.3, 0.05, false},  {"DJI", 0.2, 0.01, false},
    {"SOM", 0.1, 0.01, false},
};

// Never-seen or almost-never-seen partners: placed at the bottom of the activity ranking.
constexpr std::string_view kRarePartners =
    "ATA BVT HMD UMI SGS PCN IOT ATF CCK CXR NFK TKL NIU ESH VAT SJM ALA BLM MAF SPM WLF";

// Commodities boosted above their Zipf rank: the goods the prefectures are known for.
constexpr std::string_view kAnchors =
    "842952 842959 843149 842641 842940 843041 847130 850760 870380 870323 860310 860390 860721 "
    "854239 851762 853400 850440 710691 711319 670411 670419 670420 360410 690912 691110 720851 "
    "721049 730511 811010 090230 090210 260111 260300 260700 260800 261690 270900 120190 080390 "
    "081090 080450 440399 440710 740311 710812 020230 020329 611030 620342 640299 640399 420292 "
    "940360 940171 950300 392690 392321 854142 854143 870360 870340 870370 240120 292429 290110 "
    "271019 721391 260200 282010 810194 840991 880330 841112 030617 100630 150710 230400 470329";

struct UnitRule {
  const char* unit;
  double price;  // CNY per unit
};

// Unit and seed price of an HS6 code: one unit per commodity, as customs' legal first unit.
UnitRule UnitFor(std::string_view hs6) {
  const int ch = (hs6[0] - '0') * 10 + (hs6[1] - '0');
  const int hd = ch * 100 + (hs6[2] - '0') * 10 + (hs6[3] - '0');
  if (ch == 61 || ch == 62 || ch == 65) return {hd == 6115 ? "PAIR" : "PCS", 60};
  if (ch == 64) return {"PAIR", 80};
  if (hd >= 8401 && hd <= 8479) return {"SET", 60000};
  if (hd >= 8501 && hd <= 8504) return {"SET", 3000};
  if (hd == 8507) return {"PCS", 500};
  if (hd == 8517 || hd == 8528) return {"SET", 1500};
  if (hd == 8541 || hd == 8542) return {"PCS", 5};
  if (ch == 85 && hd != 8544 && hd != 8545) return {"PCS", 200};
  if (hd >= 8601 && hd <= 8606) return {"PCS", 3000000};
  if (hd >= 8701 && hd <= 8711) return {"PCS", 120000};
  if (hd == 8802 || hd == 8806) return {"PCS", 2000000};
  if (ch == 89) return {"PCS", 20000000};
  if (ch == 90 || ch == 91) return {"PCS", 800};
  if (hd == 9401 || hd == 9403 || hd == 9405) return {"PCS", 500};
  if (hd == 9503 || hd == 4202) return {"PCS", 40};
  if (ch == 22) return {"L", 25};
  if (ch == 57) return {"M2", 60};
  if (hd == 4403 || hd == 4407) return {"M3", 2500};
  if (hd == 7106 || hd == 7108 || hd == 7110) return {"G", 5};
  if (ch == 69 && hd >= 6911) return {"PCS", 30};
  if (ch == 26) return {"KG", 1.2};
  if (ch == 27) return {"KG", 4};
  if (ch == 72) return {"KG", 6};
  if (ch == 73) return {"KG", 12};
  if (ch >= 74 && ch <= 81) return {"KG", 60};
  if (ch <= 24) return {"KG", 15};
  if (ch >= 50 && ch <= 60) return {"KG", 40};
  if (ch == 63) return {"KG", 35};
  if (ch == 67) return {"KG", 400};
  return {"KG", 20};
}

ChapterMix Blend(const ChapterMix& base, std::string_view special, double special_share) {
  ChapterMix s = Mix(special);
  double sb = 0, ss = 0;
  for (int c = 0; c < kChapters; ++c) sb += base[c], ss += s[c];
  ChapterMix out{};
  for (int c = 0; c < kChapters; ++c)
    out[c] = (1 - special_share) * base[c] / sb + (ss > 0 ? special_share * s[c] / ss : 0);
  return out;
}

}  // namespace

int64_t Catalog::RateE4(core::Period month) {
  // Invented monthly conversion rates near the 2021-2023 market (customs uses the central parity
  // of the previous month's first working day); one table for all demo datasets.
  static constexpr int64_t kRates[] = {
      64608, 64613, 65285, 64749, 64335, 64607, 64709, 64840, 64676, 64192, 63990, 63757,  // 2021
      63794, 63580, 63746, 63509, 66177, 67241, 67114, 67420, 68769, 70318, 72002, 71107,  // 2022
      69748, 67868, 68984, 68985, 69452, 71065, 71415, 71305, 71811, 71789, 71768, 71012,  // 2023
  };
  int i = (month.year() - 2021) * 12 + (month.month() - 1);
  if (i < 0) i = 0;
  if (i >= static_cast<int>(std::size(kRates))) i = std::size(kRates) - 1;
  return kRates[i];
}

Catalog Catalog::Build(const std::vector<std::string>& partners) {
  Catalog cat;
  const ChapterMix hunan_x = Mix(kHunanX), hunan_m = Mix(kHunanM);
  cat.national_x_ = Mix(kNationalX);
  cat.national_m_ = Mix(kNationalM);
  for (const auto& p : kPrefectures) {
    Region r;
    r.code = p.code;
    r.weight_x = p.weight_x;
    r.weight_m = p.weight_m;
    r.chapter_x = Blend(hunan_x, p.special_x, 0.6);
    r.chapter_m = Blend(hunan_m, p.special_m, 0.6);
    r.enterprise = p.enterprise;
    r.processing = p.processing;
    r.bonded = p.bonded;
    r.ecommerce = p.ecommerce;
    cat.prefectures_.push_back(r);
  }
  for (const auto& [code, share] : kProvinces) {
    Region r;
    r.code = code;
    r.weight_x = share;
    r.weight_m = share;
    uint64_t h = HashKey(code);
    for (int c = 0; c < kChapters; ++c) {
      // Each province tilts the national mix by up to x3 either way, deterministically.
      const double tilt = 0.33 + 2.67 * static_cast<double>(SplitMix64(h) >> 11) * 0x1.0p-53;
      r.chapter_x[c] = cat.national_x_[c] * tilt;
      r.chapter_m[c] = cat.national_m_[c] * (1.33 - 0.33 * tilt);
    }
    cat.provinces_.push_back(r);
  }

  // Commodity universe: every HS 2022 subheading with 1-3 national 8-digit lines.
  std::unordered_set<std::string_view> anchors;
  for (size_t i = 0; i + 6 <= kAnchors.size(); i += 7) anchors.insert(kAnchors.substr(i, 6));
  const std::string_view all(kHs6, sizeof(kHs6) - 1);
  std::array<std::vector<std::pair<uint64_t, std::string_view>>, kChapters> per_chapter;
  for (size_t i = 0; i + 6 <= all.size(); i += 6) {
    std::string_view hs6 = all.substr(i, 6);
    int ch = (hs6[0] - '0') * 10 + (hs6[1] - '0');
    per_chapter[ch].push_back({HashKey(hs6, 7), hs6});
  }
  for (int ch = 0; ch < kChapters; ++ch) {
    auto& list = per_chapter[ch];
    // Popularity rank inside the chapter: a fixed pseudo-random order, Zipf weights.
    std::sort(list.begin(), list.end());
    for (size_t rank = 0; rank < list.size(); ++rank) {
      const std::string_view hs6 = list[rank].second;
      double w = DetPow(static_cast<double>(rank + 1), -1.1);
      if (anchors.count(hs6)) w = 2.5;
      const UnitRule u = UnitFor(hs6);
      const uint64_t h = list[rank].first;
      const int lines = (h % 10) < 6 ? 1 : (h % 10) < 9 ? 2 : 3;
      static const char* kSuffixes[3][3] = {{"00"}, {"10", "90"}, {"10", "20", "90"}};
      static const double kSplit[3][3] = {{1}, {0.65, 0.35}, {0.5, 0.3, 0.2}};
      for (int k = 0; k < lines; ++k) {
        Commodity c;
        c.code = std::string(hs6) + kSuffixes[lines - 1][k];
        c.chapter = ch;
        c.unit = u.unit;
        // Price differs by line: a factor in [0.3, 3.3) from the code's hash.
        c.unit_price =
            u.price * (0.3 + 3.0 * static_cast<double>(HashKey(c.code, 11) >> 11) * 0x1.0p-53);
        c.weight = w * kSplit[lines - 1][k];
        cat.commodities_.push_back(std::move(c));
      }
    }
  }
  std::sort(cat.commodities_.begin(), cat.commodities_.end(),
            [](const Commodity& a, const Commodity& b) { return a.code < b.code; });
  for (size_t i = 0; i < cat.commodities_.size(); ++i)
    cat.by_chapter_[cat.commodities_[i].chapter].push_back(static_cast<int>(i));

  // Partners: the explicit seeds, then a steep geometric tail in a fixed pseudo-random order,
  // the rare territories last.
  std::unordered_map<std::string_view, const PartnerSpec*> spec;
  for (const auto& p : kPartners) spec[p.code] = &p;
  std::vector<std::pair<uint64_t, std::string>> tail;
  for (const auto& code : partners) {
    if (spec.count(code)) continue;
    const bool rare = kRarePartners.find(code) != std::string_view::npos && code.size() == 3;
    tail.push_back({(rare ? (1ull << 63) : 0) | (HashKey(code, 3) >> 1), code});
  }
  std::sort(tail.begin(), tail.end());
  for (const auto& code : partners) {
    auto it = spec.find(code);
    if (it == spec.end()) continue;
    cat.partners_.push_back({code, it->second->x, it->second->m, it->second->resource});
  }
  double w = 0.09;
  for (const auto& [key, code] : tail) {
    uint64_t h = HashKey(code, 5);
    const double share_x = 0.4 + 0.5 * static_cast<double>(h >> 11) * 0x1.0p-53;
    cat.partners_.push_back({code, w * share_x, w * (1 - share_x), (h & 7) == 0});
    w *= 0.955;
  }
  std::vector<std::pair<double, int>> order;
  for (size_t i = 0; i < cat.partners_.size(); ++i)
    order.push_back(
        {-(cat.partners_[i].export_w + cat.partners_[i].import_w), static_cast<int>(i)});
  std::stable_sort(order.begin(), order.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  for (const auto& o : order) cat.rank_order_.push_back(o.second);
  return cat;
}

}  // namespace tradestat::demo
