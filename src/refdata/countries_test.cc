// refdata/countries_test.cc: partner normalisation and the customs / Comtrade crosswalks.
#include "refdata/countries.h"

#include <gtest/gtest.h>

#include "core/testing/status_matchers.h"
#include "refdata/reference.h"

namespace tradestat::refdata {
namespace {

using core::testing::StatusIs;
using ::testing::HasSubstr;

const Countries& C() { return Reference::Builtin().countries(); }

TEST(CountriesTest, NormalizesIsoSpellings) {
  for (const char* s : {"CHN", "chn", "CN", "cn", "156", " China ", "中国"}) {
    ASSERT_OK_AND_ASSIGN(std::string code, C().Normalize(s));
    EXPECT_EQ(code, "CHN") << s;
  }
  EXPECT_EQ(*C().Normalize("4"), "AFG");  // numeric without leading zeros
  EXPECT_EQ(*C().Normalize("Viet Nam"), "VNM");
  EXPECT_EQ(*C().Normalize("越南"), "VNM");
  EXPECT_EQ(*C().Normalize("us"), "USA");
}

TEST(CountriesTest, CustomsCodesOnlyThroughTheCrosswalk) {
  EXPECT_EQ(*C().FromCustomsCode("116"), "JPN");
  EXPECT_EQ(*C().FromCustomsCode("133"), "KOR");
  EXPECT_EQ(*C().FromCustomsCode("502"), "USA");
  EXPECT_EQ(*C().FromCustomsCode("142"), "CHN");
  EXPECT_EQ(*C().FromCustomsCode("143"), "TWN");
  EXPECT_EQ(*C().FromCustomsCode("207"), "XCA");  // Canary Islands, not in ISO
  EXPECT_EQ(*C().FromCustomsCode("701"), "ZZZ");
  EXPECT_EQ(*C().FromCustomsCode("341"), "KAZ");  // old code
  // As an ISO numeric code 116 is Cambodia: the two code lists collide.
  EXPECT_EQ(*C().Normalize("116"), "KHM");
  EXPECT_EQ(C().CustomsCodeOf("KAZ"), "145");
  EXPECT_EQ(C().CustomsCodeOf("PYF"), "623");
  EXPECT_EQ(C().CustomsCodeOf("USA"), "502");
  EXPECT_THAT(C().FromCustomsCode("300"),
              StatusIs(core::StatusCode::kNotFound, HasSubstr("continent total")));
  EXPECT_THAT(C().FromCustomsCode("998"),
              StatusIs(core::StatusCode::kNotFound, HasSubstr("116 (Japan)")));
}

TEST(CountriesTest, ComtradeCodes) {
  EXPECT_EQ(*C().FromComtradeCode("842"), "USA");
  EXPECT_EQ(*C().FromComtradeCode("251"), "FRA");
  EXPECT_EQ(*C().FromComtradeCode("699"), "IND");
  EXPECT_EQ(*C().FromComtradeCode("0"), "WLD");
  EXPECT_EQ(*C().FromComtradeCode("156"), "CHN");
  EXPECT_EQ(*C().FromComtradeCode("036"), "AUS");
  EXPECT_EQ(C().ComtradeCodeOf("USA"), "842");
  EXPECT_EQ(C().ComtradeCodeOf("DEU"), "276");
  // A Comtrade-only code given as a partner explains itself.
  EXPECT_THAT(C().Normalize("842"),
              StatusIs(core::StatusCode::kNotFound, HasSubstr("UN Comtrade code of USA")));
}

TEST(CountriesTest, SpecialPartnersAreNotCountries) {
  for (const char* s : {"WLD", "ZZZ", "XNS", "XIO", "XOA"}) {
    const Country* c = C().Find(s);
    ASSERT_NE(c, nullptr) << s;
    EXPECT_TRUE(c->is_special) << s;
  }
  EXPECT_FALSE(C().IsSpecial("USA"));
  EXPECT_FALSE(C().IsSpecial("XCA"));  // Canary Islands: a real partner without ISO code
  EXPECT_TRUE(C().IsSpecial("WLD"));
}

TEST(CountriesTest, SearchFindsChineseEnglishAndCodes) {
  auto hits = C().Search("越南");  // Viet Nam and the former Democratic Republic of Viet-Nam (VDR)
  ASSERT_EQ(hits.size(), 2u);
  EXPECT_EQ(hits[0]->code, "VDR");
  EXPECT_EQ(hits[1]->code, "VNM");
  bool found = false;
  for (const Country* c : C().Search("korea")) found = found || c->code == "KOR";
  EXPECT_TRUE(found);
  EXPECT_FALSE(C().Search("KOR").empty());
}

TEST(CountriesTest, ChineseNamesFollowCustomsUsageAndKeepTheIsoOne) {
  EXPECT_EQ(C().Find("KOR")->name_zh, "韩国");
  EXPECT_EQ(C().Find("KOR")->name_zh_iso, "大韩民国");
  EXPECT_EQ(C().Find("KHM")->name_zh, "柬埔寨");  // iso-codes 4.15 spells it 柬埔塞
  EXPECT_EQ(C().Find("HKG")->name_zh, "中国香港");
  EXPECT_EQ(*C().Normalize("大韩民国"), "KOR");
  EXPECT_EQ(*C().Normalize("韩国"), "KOR");
  EXPECT_EQ(C().Find("BES")->name_zh,
            "博奈尔、圣尤斯特歇斯岛和萨巴");  // 409 (Bonaire only) is an alias
  EXPECT_EQ(C().CustomsCodeOf("BES"), "409");
}

TEST(CountriesTest, ErrorSaysWhatWasExpected) {
  EXPECT_THAT(C().Normalize("Atlantis"),
              StatusIs(core::StatusCode::kNotFound, HasSubstr("expected an ISO 3166-1 code")));
}

TEST(CountriesTest, EveryIsoEntryHasAChineseName) {
  int iso = 0;
  for (const Country& c : C().all()) {
    if (c.kind != PartnerKind::kIso) continue;
    ++iso;
    EXPECT_FALSE(c.name_zh.empty()) << c.code;
  }
  EXPECT_EQ(iso, 249);
}

TEST(CountriesTest, EveryComtradeAreaCodeIsKnown) {
  // Groups, former states, nes/bunkers/free zones and both codes of the countries Comtrade codes
  // twice.
  const std::pair<const char*, const char*> cases[] = {
      {"0", "WLD"},   {"97", "XEU"},  {"711", "XZA"}, {"975", "XAN"}, {"58", "BEL"},
      {"200", "CSK"}, {"278", "DDR"}, {"280", "DEU"}, {"736", "SDN"}, {"891", "SCG"},
      {"810", "SUN"}, {"890", "YUG"}, {"473", "XLA"}, {"490", "TWN"}, {"527", "XOO"},
      {"568", "XOE"}, {"577", "XOF"}, {"636", "XRA"}, {"637", "XNC"}, {"697", "XEF"},
      {"837", "XBU"}, {"838", "XFZ"}, {"839", "XSC"}, {"899", "XNS"}, {"380", "ITA"},
      {"381", "ITA"}, {"250", "FRA"}, {"251", "FRA"}, {"756", "CHE"}, {"757", "CHE"},
      {"578", "NOR"}, {"579", "NOR"}, {"356", "IND"}, {"699", "IND"}, {"840", "USA"},
      {"842", "USA"}, {"841", "USA"}, {"492", "XEN"}, {"156", "CHN"}, {"ZA1", "XZA"},
      {"SCG", "SCG"}, {"EUR", "XEU"}, {"W00", "WLD"}, {"_X", "XNS"},  {"X1", "XBU"},
      {"s19", "TWN"}};
  for (const auto& [code, want] : cases) {
    auto r = C().FromComtradeCode(code);
    ASSERT_TRUE(r.ok()) << code << ": " << r.status().message();
    EXPECT_EQ(*r, want) << code;
  }
  EXPECT_EQ(C().ComtradeCodeOf("FRA"), "251");
  EXPECT_EQ(C().ComtradeCodeOf("XZA"), "711");
  auto unknown = C().FromComtradeCode("439");
  ASSERT_FALSE(unknown.ok());
  EXPECT_NE(unknown.status().message().find("nearest known: "), std::string::npos)
      << unknown.status().message();
  EXPECT_TRUE(C().IsSpecial("XEU"));  // a group is never counted as a country
}

}  // namespace
}  // namespace tradestat::refdata
