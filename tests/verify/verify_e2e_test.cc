// tests/verify/verify_e2e_test.cc: `tradestat verify` end to end on the demo store.
//
// The Hunan H1 2023 release (tests/data/verify/, a public press release) verifies clean against
// the demo: every data figure matches, the policy numbers are not data figures. A copy with one
// amount, one growth rate and one share changed gives exactly those three as `differs` with the
// right values and exit 1. The bulletins tradestat writes (generated here, so wording changes of
// the bulletin do not break this test) verify clean in both languages and formats.
#include <gtest/gtest.h>

#include <fcntl.h>
#include <sys/file.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/testing/test_paths.h"

namespace {

namespace fs = std::filesystem;

struct Output {
  int status = -1;
  std::string out;
};

Output Shell(const std::string& cmd) {
  Output r;
  FILE* p = ::popen(cmd.c_str(), "r");
  if (p == nullptr) return r;
  char buf[65536];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) r.out.append(buf, n);
  const int st = ::pclose(p);
  r.status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
  return r;
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void WriteFile(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
}

std::string Binary() { return tradestat::core::testing::TradestatBinary(); }
std::string Release() { return tradestat::core::testing::SourceDir() + "/tests/data/verify/hunan-2023h1-release.txt"; }

// The demo store, built once for all tests of this binary (under a lock: ctest runs them in
// parallel processes).
const std::string& DemoStore() {
  static const std::string store = [] {
    const std::string d = (fs::temp_directory_path() / "tradestat_verify_e2e_demo").string();
    int fd = ::open((d + ".lock").c_str(), O_CREAT | O_RDWR, 0644);
    if (fd >= 0) ::flock(fd, LOCK_EX);
    Output r = Shell(Binary() + " demo --quiet --dir " + d + " >/dev/null");
    if (fd >= 0) ::close(fd);
    EXPECT_EQ(r.status, 0);
    return d + "/store";
  }();
  return store;
}

std::string Scratch(const std::string& name) {
  const std::string d = (fs::temp_directory_path() / ("tradestat_verify_" + name + "_" + std::to_string(::getpid()))).string();
  fs::create_directories(d);
  return d;
}

nlohmann::json VerifyJson(const std::string& release, const std::string& extra, int* status) {
  Output r = Shell(Binary() + " verify " + DemoStore() + " " + release + " --format json " + extra);
  *status = r.status;
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
  for (const char* k : {"threshold", "record", "growth", "gap", "count", "ranking", "amount", "share"})
    EXPECT_TRUE(kinds.count(k)) << k;
}

TEST(VerifyDemo, ThreeChangedFiguresDiffer) {
  ASSERT_TRUE(fs::exists(Binary()));
  std::string text = ReadFile(Release());
  auto replace = [&](const std::string& from, const std::string& to) {
    size_t p = text.find(from);
    ASSERT_NE(p, std::string::npos) << from;
    text.replace(p, from.size(), to);
  };
  replace("33.07 billion", "34.07 billion");  // an amount
  replace("16.1%", "15.1%");                  // a growth rate
  replace("46.4%", "44.6%");                  // a share
  const std::string dir = Scratch("changed");
  WriteFile(dir + "/changed.txt", text);
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
  Output draft = Shell(Binary() + " verify " + DemoStore() + " " + dir + "/changed.txt --draft");
  EXPECT_EQ(draft.status, 1);
  EXPECT_NE(draft.out.find("suggest: "), std::string::npos) << draft.out;
  EXPECT_NE(draft.out.find("an increase of 16.1%"), std::string::npos) << draft.out;
  fs::remove_all(dir);
}

// The bulletin tradestat writes verifies clean: both languages, text, Markdown and HTML.
TEST(VerifyDemo, OwnBulletinsVerifyClean) {
  ASSERT_TRUE(fs::exists(Binary()));
  const std::string dir = Scratch("bulletins");
  for (const char* lang : {"zh", "en"}) {
    for (const char* format : {"txt", "md", "html"}) {
      const std::string file = dir + "/bulletin." + lang + "." + format;
      Output b = Shell(Binary() + " bulletin " + DemoStore() + " --dataset hunan --reporter 430000 --period 2023H1 --benchmark china --lang " +
                       lang + " --format " + format + " --out " + file);
      ASSERT_EQ(b.status, 0);
      int status = -1;
      nlohmann::json j = VerifyJson(file, "", &status);
      EXPECT_EQ(status, 0) << lang << " " << format << "\n" << j.dump(1);
      EXPECT_EQ(CountStatus(j, "differs"), 0) << lang << " " << format;
      EXPECT_GE(CountStatus(j, "matches"), 18) << lang << " " << format << "\n" << j.dump(1);
      EXPECT_EQ(j["language"], lang);
    }
  }
  fs::remove_all(dir);
}

// A national release (the china dataset, no reporter): the country it names is the whole dataset.
TEST(VerifyDemo, NationalBulletinVerifiesClean) {
  ASSERT_TRUE(fs::exists(Binary()));
  const std::string dir = Scratch("national");
  const std::string file = dir + "/national.zh.txt";
  ASSERT_EQ(Shell(Binary() + " bulletin " + DemoStore() + " --dataset china --period 2023H1 --benchmark '' --lang zh --out " + file).status, 0);
  int status = -1;
  nlohmann::json j = VerifyJson(file, "", &status);
  EXPECT_EQ(status, 0) << j.dump(1);
  EXPECT_EQ(j["dataset"], "china");
  EXPECT_EQ(j["reporter"], "");
  EXPECT_EQ(CountStatus(j, "differs"), 0);
  EXPECT_GE(CountStatus(j, "matches"), 20);
  fs::remove_all(dir);
}

TEST(VerifyDemo, BadArguments) {
  ASSERT_TRUE(fs::exists(Binary()));
  EXPECT_EQ(Shell(Binary() + " verify " + DemoStore() + " 2>/dev/null").status, 2);
  EXPECT_EQ(Shell(Binary() + " verify " + DemoStore() + " " + Release() + " --lang fr 2>/dev/null").status, 2);
  EXPECT_EQ(Shell(Binary() + " verify " + DemoStore() + " " + Release() + " --format xml 2>/dev/null").status, 2);
  EXPECT_EQ(Shell(Binary() + " verify " + DemoStore() + " " + Release() + " --period 2023X9 2>/dev/null").status, 2);
}

}  // namespace
