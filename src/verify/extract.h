// verify/extract.h: the figure statements of one normalized sentence, and its flow words.
//
// Money with its unit (billion / trillion / million yuan, 亿元, 万亿元, 万元, US$, 美元), growth
// (increase, decrease, up, down, 增长, 下降), shares (accounting for X%, 占…X%), gaps in points
// (X percentage points, X个百分点), counts (231 countries and regions), thresholds (surpassed,
// exceeded, 突破, 超过), trade balances (surplus, 顺差), rankings (top three trading partners,
// 第一大贸易伙伴) and record claims (a record high, 创历史同期新高). Other bare numbers ("30 new
// measures", "14个市州") are kept as kNotData; dates and years are skipped.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace tradestat::verify {

enum class FigureKind {
  kMoney,
  kBalance,
  kThreshold,
  kGrowth,
  kShare,
  kPoints,
  kCount,
  kRank,
  kRecord,
  kNotData,
  kUnknown
};
std::string_view FigureKindName(FigureKind kind);

struct Figure {
  FigureKind kind = FigureKind::kUnknown;
  size_t begin = 0, end = 0;  // span of the statement in the normalized sentence
  std::string text;           // the stated figure as written ("70.12 billion yuan", "7.6%")
  std::string number;         // the number token ("70.12", "3,367.5")
  std::string digits;         // its digits without separators ("7012")
  int decimals = 0;
  int unit_pow10 = 0;        // money: 9 for billion, 8 for 亿, 12 for trillion / 万亿
  std::string unit;          // "billion yuan", "亿元", "%", "percentage points"
  std::string currency;      // money: CNY or USD
  bool negative = false;     // a decrease, a gap below, a deficit
  int rank_n = 0;            // rankings: how many partners
  bool strict_lower = true;  // thresholds: stated is a lower bound (surpassed, 突破)
  size_t subject_end = 0;    // what it is about is named before this offset (shares: before
                             // "accounting for" / 占, so the base is not taken as the subject)
};

struct FlowWord {
  size_t pos = 0;
  std::string flow;  // "total", "X", "M"
};

std::vector<Figure> ExtractFigures(std::string_view norm);
std::vector<FlowWord> FindFlowWords(std::string_view norm);

}  // namespace tradestat::verify
