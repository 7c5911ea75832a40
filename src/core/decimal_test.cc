// core/decimal_test.cc: exact parsing of money and its error cases.
#include "core/decimal.h"

#include <gtest/gtest.h>

namespace tradestat::core {
namespace {

int64_t Parse2(std::string_view s) {
  int64_t v = -1;
  EXPECT_EQ(ParseScaled(s, 2, &v), DecimalError::kOk) << s;
  return v;
}

TEST(DecimalTest, ParsesIntegersAndDecimalsExactly) {
  EXPECT_EQ(Parse2("0"), 0);
  EXPECT_EQ(Parse2("12"), 1200);
  EXPECT_EQ(Parse2("12.5"), 1250);
  EXPECT_EQ(Parse2("12.34"), 1234);
  EXPECT_EQ(Parse2(" 7.10 "), 710);
  EXPECT_EQ(Parse2("1.500"), 150);
  EXPECT_EQ(Parse2(".5"), 50);
  EXPECT_EQ(Parse2("92233720368547758.07"), 9223372036854775807LL);
}

TEST(DecimalTest, RejectsWhatIsNotExact) {
  int64_t v;
  EXPECT_EQ(ParseScaled("", 2, &v), DecimalError::kEmpty);
  EXPECT_EQ(ParseScaled("-1", 2, &v), DecimalError::kNegative);
  EXPECT_EQ(ParseScaled("1,234", 2, &v), DecimalError::kNotANumber);
  EXPECT_EQ(ParseScaled("1e5", 2, &v), DecimalError::kNotANumber);
  EXPECT_EQ(ParseScaled(".", 2, &v), DecimalError::kNotANumber);
  EXPECT_EQ(ParseScaled("1.234", 2, &v), DecimalError::kTooManyDecimals);
  EXPECT_EQ(ParseScaled("92233720368547758.08", 2, &v), DecimalError::kOverflow);
  EXPECT_EQ(ParseScaled("99999999999999999999", 2, &v), DecimalError::kOverflow);
}

TEST(DecimalTest, FormatsAndRounds) {
  EXPECT_EQ(FormatScaled(123456, 2), "1234.56");
  EXPECT_EQ(FormatScaled(5, 2), "0.05");
  EXPECT_EQ(FormatScaled(-5, 2), "-0.05");
  EXPECT_EQ(FormatScaled(0, 3), "0.000");
  EXPECT_EQ(DivRound(15, 10), 2);
  EXPECT_EQ(DivRound(14, 10), 1);
  EXPECT_EQ(DivRound(-15, 10), -2);
  __int128 big = static_cast<__int128>(1) << 100;
  EXPECT_EQ(Int128ToString(big), "1267650600228229401496703205376");
}

}  // namespace
}  // namespace tradestat::core
