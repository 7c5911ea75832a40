// tests/verify/verify_e2e_test.cc: `tradestat verify` end to end on the demo store.
//
// The Hunan H1 2023 release (tests/data/verify/, a public press release) verifies clean against
// the demo: every data figure matches, the policy numbers are not data figures. A copy with one
// amount, one growth rate and one share changed gives exactly those three as `differs` with the
// right values and exit 1. The bulletins tradestat writes (generated here, so wording changes of
// the bulletin do not break this test) verify clean in both languages and formats.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/testing/cli_runner.h"

namespace {

namespace fs = std::filesystem;

using tradestat::core::testing::CliRun;
using tradestat::core::testing::ReadWholeFile;
using tradestat::core::testing::RunPiped;
using tradestat::core::testing::ScratchDir;
using tradestat::core::testing::WriteWholeFile;

std::string Binary() { return tradestat::core::testing::TradestatBinary(); }
std::string Release() {
  return tradestat::core::testing::SourceDir() + "/tests/data/verify/hunan-2023h1-release.txt";
}

// The demo store, built once for all tests of this binary.
const std::string& DemoStore() {
  static const std::string store = tradestat::core::testing::SharedDemoDir("verify_e2e") + "/store";
  return store;
}

nlohmann::json VerifyJson(const std::string& release, const std::string& extra, int* status) {
  CliRun r =
      RunPiped(Binary() + " verify " + DemoStore() + " " + release + " --format json " + extra);
  *status = r.exit_code;
  try {
    return nlohmann::json::parse(r.out);
  } catch (const std::exception& e) {
    ADD_FAILURE() << "not JSON: " << r.out;
    return nlohmann::json::object();
  }
}

int CountStatus(const nlohmann::json& j, const std::string& status) {
  int n = 0;
  for (const auto& f : j["figures"]) n += f["status"] == status;
  return n;
}

TEST(VerifyDemo, PublishedReleaseMatches) {
  ASSERT_TRUE(fs::exists(Binary())) << Binary() << " not built";
  int status = -1;
  nlohmann::json j = VerifyJson(Release(), "", &status);
  EXPECT_EQ(status, 0);
  EXPECT_EQ(j["dataset"], "hunan");
  EXPECT_EQ(j["period"], "2023H1");
  EXPECT_EQ(j["benchmark"], "china");
  EXPECT_EQ(CountStatus(j, "differs"), 0);
  EXPECT_EQ(CountStatus(j, "cannot check"), 0);
  EXPECT_GE(CountStatus(j, "matches"), 19);
  std::vector<std::string> not_data;
  for (const auto& f : j["figures"]) {
    EXPECT_NE(f["status"], "differs") << f.dump();
    if (f["status"] == "not a data figure") not_data.push_back(f["stated"]);
  }
  ASSERT_EQ(not_data.size(), 2u);
  EXPECT_EQ(not_data[0].rfind("30 new measures", 0), 0u) << not_data[0];
  EXPECT_EQ(not_data[1].rfind("14 cities", 0), 0u) << not_data[1];
  // Each kind of statement of the release is among the matches.
  std::set<std::string> kinds;
  for (const auto& f : j["figures"])
    if (f["status"] == "matches") kinds.insert(f["kind"].get<std::string>());
  for (const char* k :
       {"threshold", "record", "growth", "gap", "count", "ranking", "amount", "share"})
    EXPECT_TRUE(kinds.count(k)) << k;
}

TEST(VerifyDemo, ThreeChangedFiguresDiffer) {
  ASSERT_TRUE(fs::exists(Binary()));
  std::string text = ReadWholeFile(Release());
  auto replace = [&](const std::string& from, const std::string& to) {
    size_t p = text.find(from);
    ASSERT_NE(p, std::string::npos) << from;
    text.replace(p, from.size(), to);
  };
  replace("33.07 billion", "34.07 billion");  // an amount
  replace("16.1%", "15.1%");                  // a growth rate
  replace("46.4%", "44.6%");                  // a share
  const ScratchDir scratch("tradestat-verify-changed");
  const std::string& dir = scratch.path();
  WriteWholeFile(dir + "/changed.txt", text);
  int status = -1;
  nlohmann::json j = VerifyJson(dir + "/changed.txt", "", &status);
  EXPECT_EQ(status, 1);
  std::map<std::string, std::string> differs;  // stated -> rounded
  for (const auto& f : j["figures"])
    if (f["status"] == "differs") differs[f["stated"]] = f["rounded"];
  ASSERT_EQ(differs.size(), 3u) << j.dump(1);
  EXPECT_EQ(differs["34.07 billion yuan"], "33.07 billion yuan");
  EXPECT_EQ(differs["15.1%"], "16.1%");
  EXPECT_EQ(differs["44.6%"], "46.4%");
  // --draft suggests the corrected sentence.
  CliRun draft = RunPiped(Binary() + " verify " + DemoStore() + " " + dir + "/changed.txt --draft");
  EXPECT_EQ(draft.exit_code, 1);
  EXPECT_NE(draft.out.find("suggest: "), std::string::npos) << draft.out;
  EXPECT_NE(draft.out.find("an increase of 16.1%"), std::string::npos) << draft.out;
}

// The bulletin tradestat writes verifies clean: both languages, text, Markdown and HTML.
TEST(VerifyDemo, OwnBulletinsVerifyClean) {
  ASSERT_TRUE(fs::exists(Binary()));
  const ScratchDir scratch("tradestat-verify-bulletins");
  const std::string& dir = scratch.path();
  for (const char* lang : {"zh", "en"}) {
    for (const char* format : {"txt", "md", "html"}) {
      const std::string file = dir + "/bulletin." + lang + "." + format;
      CliRun b =
          RunPiped(Binary() + " bulletin " + DemoStore() +
                   " --dataset hunan --reporter 430000 --period 2023H1 --benchmark china --lang " +
                   lang + " --format " + format + " --out " + file);
      ASSERT_EQ(b.exit_code, 0);
      int status = -1;
      nlohmann::json j = VerifyJson(file, "", &status);
      EXPECT_EQ(status, 0) << lang << " " << format << "\n" << j.dump(1);
      EXPECT_EQ(CountStatus(j, "differs"), 0) << lang << " " << format;
      EXPECT_GE(CountStatus(j, "matches"), 18) << lang << " " << format << "\n" << j.dump(1);
      EXPECT_EQ(j["language"], lang);
    }
  }
}

// A national release (the china dataset, no reporter): the country it names is the whole dataset.
TEST(VerifyDemo, NationalBulletinVerifiesClean) {
  ASSERT_TRUE(fs::exists(Binary()));
  const ScratchDir scratch("tradestat-verify-national");
  const std::string& dir = scratch.path();
  const std::string file = dir + "/national.zh.txt";
  ASSERT_EQ(RunPiped(Binary() + " bulletin " + DemoStore() +
                     " --dataset china --period 2023H1 --benchmark '' --lang zh --out " + file)
                .exit_code,
            0);
  int status = -1;
  nlohmann::json j = VerifyJson(file, "", &status);
  EXPECT_EQ(status, 0) << j.dump(1);
  EXPECT_EQ(j["dataset"], "china");
  EXPECT_EQ(j["reporter"], "");
  EXPECT_EQ(CountStatus(j, "differs"), 0);
  EXPECT_GE(CountStatus(j, "matches"), 20);
}

TEST(VerifyDemo, BadArguments) {
  ASSERT_TRUE(fs::exists(Binary()));
  EXPECT_EQ(RunPiped(Binary() + " verify " + DemoStore() + " 2>/dev/null").exit_code, 2);
  EXPECT_EQ(
      RunPiped(Binary() + " verify " + DemoStore() + " " + Release() + " --lang fr 2>/dev/null")
          .exit_code,
      2);
  EXPECT_EQ(
      RunPiped(Binary() + " verify " + DemoStore() + " " + Release() + " --format xml 2>/dev/null")
          .exit_code,
      2);
  EXPECT_EQ(RunPiped(Binary() + " verify " + DemoStore() + " " + Release() +
                     " --period 2023X9 2>/dev/null")
                .exit_code,
            2);
}

}  // namespace
