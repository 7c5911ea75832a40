// tests/bulletin/bulletin_e2e_test.cc: `tradestat demo` and `tradestat bulletin` end to end.
//
// DemoGolden runs the demo and checks every figure of the Hunan H1 2023 release, in the English
// text, the Chinese text and the JSON, against demo_2023h1.expected (readable without C++).
// ChangedData scales the demo's 2023 records (all down, Yueyang more) and checks the narrative
// follows: a decline, no record, another leader in northern Hunan. Browser opens the HTML page in
// headless Chromium (which tools/bootstrap.sh installs) and checks it renders its charts.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/decimal.h"
#include "core/file.h"
#include "core/testing/cli_runner.h"
#include "demo/demo_data.h"

namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using ::testing::Not;

using tradestat::core::testing::CliRun;
using tradestat::core::testing::ReadWholeFile;
using tradestat::core::testing::RunPiped;
using tradestat::core::testing::ScratchDir;

std::string Binary() { return tradestat::core::testing::TradestatBinary(); }

// The demo's release through `tradestat bulletin`: its own spec and request (the default spec is
// generic and names nothing of Hunan).
std::string DemoArgs() {
  return " --spec " + tradestat::core::testing::SourceDir() +
         "/src/demo/bulletin_spec.toml --dataset hunan --reporter 430000 --period 2023H1 "
         "--benchmark china";
}

struct Expected {
  std::vector<std::string> en, zh;
  std::vector<std::pair<std::string, std::string>> figures;  // id -> display (en)
};

Expected ReadExpected() {
  Expected e;
  std::ifstream in(tradestat::core::testing::SourceDir() + "/tests/bulletin/demo_2023h1.expected");
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    if (line.rfind("en: ", 0) == 0)
      e.en.push_back(line.substr(4));
    else if (line.rfind("zh: ", 0) == 0)
      e.zh.push_back(line.substr(4));
    else if (line.rfind("figure ", 0) == 0) {
      std::string rest = line.substr(7);
      auto sp = rest.find(' ');
      e.figures.emplace_back(rest.substr(0, sp), rest.substr(sp + 1));
    }
  }
  return e;
}

// The demo directory shared by the tests that only read it.
const std::string& SharedDemoDir() {
  return tradestat::core::testing::SharedDemoDir("bulletin_e2e");
}

TEST(DemoGolden, EveryFigureOfTheRelease) {
  ASSERT_TRUE(fs::exists(Binary())) << Binary() << " not built";
  Expected e = ReadExpected();
  ASSERT_GT(e.en.size(), 10u);
  ASSERT_GT(e.figures.size(), 20u);
  // From scratch, in a directory of its own.
  ScratchDir dir("tradestat-bulletin-demo");
  const std::string demo_dir = dir.path() + "/demo";
  CliRun demo = RunPiped(Binary() + " demo --quiet --dir " + demo_dir);
  ASSERT_EQ(demo.exit_code, 0) << demo.out;
  for (const std::string& s : e.en) EXPECT_THAT(demo.out, HasSubstr(s));

  const std::string zh = ReadWholeFile(demo_dir + "/bulletin-2023H1.zh.txt");
  for (const std::string& s : e.zh) EXPECT_THAT(zh, HasSubstr(s));

  CliRun json =
      RunPiped(Binary() + " bulletin " + demo_dir + "/store" + DemoArgs() + " --format json");
  ASSERT_EQ(json.exit_code, 0);
  auto j = nlohmann::json::parse(json.out);
  std::map<std::string, nlohmann::json> figures;
  for (const auto& f : j["figures"]) figures[f["id"].get<std::string>()] = f;
  for (const auto& [id, display] : e.figures) {
    ASSERT_TRUE(figures.count(id)) << "missing figure " << id;
    EXPECT_EQ(figures[id]["display"], display) << id;
    // The display appears in the narrative, and the figure names its query.
    EXPECT_FALSE(figures[id]["query"]["args"].empty()) << id;
  }
  // The demo's JSON file is the same bulletin.
  EXPECT_EQ(ReadWholeFile(demo_dir + "/bulletin-2023H1.json"), json.out);
}

TEST(DemoGolden, FigureQueriesReproduceTheValues) {
  CliRun json = RunPiped(Binary() + " bulletin " + SharedDemoDir() + "/store" + DemoArgs() +
                         " --format json");
  ASSERT_EQ(json.exit_code, 0);
  auto j = nlohmann::json::parse(json.out);
  int checked = 0;
  for (const auto& f : j["figures"]) {
    const std::string id = f["id"];
    if (id != "headline.total" && id != "headline.growth" &&
        id != "partners.group.RCEP_SIG.share" && id != "products.share.ME")
      continue;
    std::string cmd = Binary() + " query " + SharedDemoDir() + "/store";
    for (const auto& a : f["query"]["args"]) cmd += " '" + a.get<std::string>() + "'";
    CliRun q = RunPiped(cmd + " --format json");
    ASSERT_EQ(q.exit_code, 0) << cmd;
    auto r = nlohmann::json::parse(q.out);
    const std::string field = f["query"]["field"];  // total.<name>
    ASSERT_EQ(field.rfind("total.", 0), 0u);
    EXPECT_EQ(r["total"][field.substr(6)], f["value"]) << id;
    ++checked;
  }
  EXPECT_EQ(checked, 4);
}

// Issue 10: every figure's `exact` (and its raw JSON `value`) is byte for byte what `tradestat
// query
// --format json` prints for the figure's query and field; no value passes through a double.
std::string RawTotalField(const std::string& json, const std::string& name) {
  const size_t total = json.find("\n\"total\":{");
  if (total == std::string::npos) return "<no total>";
  const size_t at = json.find("\"" + name + "\":", total);
  if (at == std::string::npos) return "<no " + name + ">";
  const size_t begin = at + name.size() + 3;
  const size_t end = json.find_first_of(",}", begin);
  return json.substr(begin, end - begin);
}

std::string RawField(const std::string& json, const std::string& field);

TEST(DemoGolden, ExactIsByteForByteTheQueryJson) {
  CliRun json = RunPiped(Binary() + " bulletin " + SharedDemoDir() + "/store" + DemoArgs() +
                         " --format json");
  ASSERT_EQ(json.exit_code, 0);
  auto j = nlohmann::json::parse(json.out);
  std::map<std::string, std::string> outputs;  // query command -> its JSON
  int checked = 0;
  for (const auto& f : j["figures"]) {
    const std::string field = f["query"]["field"];
    const std::string kind = f["kind"];
    if (kind == "threshold" || field.find("[]") != std::string::npos)
      continue;  // derived from several rows
    std::string cmd = Binary() + " query " + SharedDemoDir() + "/store";
    for (const auto& a : f["query"]["args"]) cmd += " '" + a.get<std::string>() + "'";
    cmd += " --format json";
    if (!outputs.count(cmd)) {
      CliRun q = RunPiped(cmd);
      ASSERT_EQ(q.exit_code, 0) << cmd;
      outputs[cmd] = q.out;
    }
    EXPECT_EQ(f["exact"].get<std::string>(), RawField(outputs[cmd], field))
        << f["id"] << " " << field;
    ++checked;
  }
  EXPECT_GT(checked, 20);
  // The raw value in the bulletin JSON text keeps the query's digits ("…": 336749999997.93, not a
  // double).
  const std::string total_exact = j["figures"][0]["exact"];
  EXPECT_NE(json.out.find("\"value\": " + total_exact + ",\n"), std::string::npos) << total_exact;
}

// The raw text of a figure's field in a query's JSON: "total.X", or "rows[DIM=CODE].X" (the row
// whose first key is DIM=CODE; rows are one a line). A string value loses its quotes (codes).
std::string RawField(const std::string& json, const std::string& field) {
  if (field.rfind("total.", 0) == 0) return RawTotalField(json, field.substr(6));
  if (field.rfind("benchmark.", 0) == 0) {  // the one-line "benchmark" object
    const std::string name = field.substr(10);
    const size_t line = json.find("\n\"benchmark\":{");
    if (line == std::string::npos) return "<no benchmark>";
    const size_t at = json.find("\"" + name + "\":", line);
    if (at == std::string::npos || at > json.find('\n', line + 1))
      return "<no " + name + " in benchmark>";
    const size_t begin = at + name.size() + 3;
    return json.substr(begin, json.find_first_of(",}", begin) - begin);
  }
  const size_t eq = field.find('='), close = field.find("].");
  if (field.rfind("rows[", 0) != 0 || eq == std::string::npos || close == std::string::npos)
    return "<field " + field + ">";
  const std::string dim = field.substr(5, eq - 5), code = field.substr(eq + 1, close - eq - 1),
                    name = field.substr(close + 2);
  const size_t rows = json.find("\n\"rows\":[");
  const size_t at = json.find("{\"" + dim + "\":\"" + code + "\",", rows);
  if (rows == std::string::npos || at == std::string::npos)
    return "<no row " + dim + "=" + code + ">";
  const std::string row = json.substr(at, json.find('\n', at) - at);
  const size_t k = row.find("\"" + name + "\":");
  if (k == std::string::npos) return "<no " + name + " in row>";
  const size_t begin = k + name.size() + 3;
  std::string v = row.substr(begin, row.find_first_of(",}", begin) - begin);
  if (v.size() >= 2 && v.front() == '"') v = v.substr(1, v.size() - 2);
  return v;
}

// Every figure of the bulletin (totals, rows, codes, ranks, shares of the levels section) against
// the JSON of its own query, on the golden national and provincial datasets.
TEST(ExactFigures, EveryFieldIsTheQueryJsonByteForByte) {
  ScratchDir dir("tradestat-bulletin-exact");
  const std::string store = dir.path() + "/store";
  const std::string golden = tradestat::core::testing::SourceDir() + "/tests/golden/";
  ASSERT_EQ(RunPiped(Binary() + " init " + store + " >/dev/null").exit_code, 0);
  ASSERT_EQ(RunPiped(Binary() + " load -q " + store + " -d nation " + golden +
                     "bulletin_national/nation.csv")
                .exit_code,
            0);
  ASSERT_EQ(RunPiped(Binary() + " load -q " + store + " -d guangdong " + golden +
                     "bulletin_prefecture/guangdong.csv")
                .exit_code,
            0);
  int checked = 0, rows_checked = 0;
  for (const std::string args :
       {" --dataset nation --period 2023H1", " --dataset nation --period 2023H1 --lang zh",
        " --dataset nation --period 2023H1 --reporter 440000 --benchmark nation",
        " --dataset guangdong --period 2023H1 --reporter 440300 --benchmark guangdong:440000",
        " --dataset guangdong --period 2023-05:ytd"}) {
    CliRun b = RunPiped(Binary() + " bulletin " + store + args + " --format json");
    ASSERT_EQ(b.exit_code, 0) << args;
    auto j = nlohmann::json::parse(b.out);
    std::map<std::string, std::string> outputs;
    for (const auto& f : j["figures"]) {
      const std::string field = f["query"]["field"], kind = f["kind"];
      if (kind == "threshold" || field.find("[]") != std::string::npos)
        continue;  // derived from several rows
      std::string cmd = Binary() + " query " + store;
      for (const auto& a : f["query"]["args"]) cmd += " '" + a.get<std::string>() + "'";
      cmd += " --format json 2>/dev/null";
      if (!outputs.count(cmd)) {
        CliRun q = RunPiped(cmd);
        ASSERT_EQ(q.exit_code, 0) << cmd;
        outputs[cmd] = q.out;
      }
      EXPECT_EQ(f["exact"].get<std::string>(), RawField(outputs[cmd], field))
          << args << ": " << f["id"] << " " << field;
      ++checked;
      rows_checked += field.rfind("rows[", 0) == 0;
    }
  }
  EXPECT_GT(checked, 100);
  EXPECT_GT(rows_checked, 20);
}

TEST(DemoGolden, SecondRunReusesTheStore) {
  CliRun again = RunPiped(Binary() + " demo --dir " + SharedDemoDir() + " 2>&1 >/dev/null");
  ASSERT_EQ(again.exit_code, 0);
  EXPECT_THAT(again.out, HasSubstr("reusing the demo store"));
}

// Scales the value columns of a canonical CSV: every 2023 row by `all`, rows of `reporter` by
// `one`.
void ScaleCsv(const std::string& path, const std::string& reporter, int64_t one_pct,
              int64_t all_pct) {
  std::ifstream in(path);
  std::string out, line;
  std::getline(in, line);
  out += line + "\n";
  while (std::getline(in, line)) {
    std::vector<std::string> f;
    size_t start = 0;
    for (size_t i = 0; i <= line.size(); ++i)
      if (i == line.size() || line[i] == ',')
        f.push_back(line.substr(start, i - start)), start = i + 1;
    const int64_t pct = f[2] == reporter ? one_pct : all_pct;
    for (int col : {7, 8}) {
      int64_t v = 0;
      if (f[col].empty() ||
          tradestat::core::ParseScaled(f[col], 2, &v) != tradestat::core::DecimalError::kOk)
        continue;
      f[col] = tradestat::core::FormatScaled(
          tradestat::core::DivRound(static_cast<__int128>(v) * pct, 100), 2);
    }
    for (size_t i = 0; i < f.size(); ++i) out += (i ? "," : "") + f[i];
    out += "\n";
  }
  std::ofstream(path, std::ios::binary | std::ios::trunc) << out;
}

TEST(ChangedData, NarrativeFollowsTheData) {
  ScratchDir dir("tradestat-bulletin-changed");
  std::vector<std::string> files;
  ASSERT_TRUE(tradestat::demo::WriteDemoCsv(tradestat::demo::DemoOptions::Defaults(),
                                            dir.path() + "/csv", &files)
                  .ok());
  // H1 2023: everything -15%, Yueyang -50%: Hunan falls below H1 2022 and Yueyang declines.
  ScaleCsv(dir.path() + "/csv/hunan_2023.csv", "430600", 50, 85);
  const std::string store = dir.path() + "/store";
  ASSERT_EQ(RunPiped(Binary() + " init " + store + " >/dev/null").exit_code, 0);
  ASSERT_EQ(
      RunPiped(Binary() + " load -q " + store + " -d hunan " + dir.path() + "/csv/hunan_*.csv")
          .exit_code,
      0);
  ASSERT_EQ(
      RunPiped(Binary() + " load -q " + store + " -d china " + dir.path() + "/csv/china_*.csv")
          .exit_code,
      0);
  CliRun en = RunPiped(Binary() + " bulletin " + store + DemoArgs());
  ASSERT_EQ(en.exit_code, 0);
  EXPECT_THAT(en.out, Not(HasSubstr("record high")));
  EXPECT_THAT(en.out, Not(HasSubstr("surpassed")));
  EXPECT_THAT(en.out, HasSubstr("decreased by 13"));
  EXPECT_THAT(en.out,
              HasSubstr("percentage points below the national foreign trade growth rate of 2.1%"));
  // Northern Hunan is now led by Changde; Zhuzhou (-10.7%) beats the falling average, so the
  // sentence gives signed rates instead of "increases"; Yueyang has the largest decline.
  EXPECT_THAT(
      en.out,
      HasSubstr(
          "In the Changsha-Zhuzhou-Xiangtan area, northern Hunan, southern Hunan, and western "
          "Hunan, "
          "Zhuzhou, Changde, Chenzhou, and Huaihua did better than the provincial average of -13%, "
          "with growth rates of -10.7%, -4.8%, +54.8%, and +99.4% respectively."));
  EXPECT_THAT(en.out, Not(HasSubstr("accelerated development")));
  EXPECT_THAT(en.out, HasSubstr("the largest in Yueyang (-33.5%)"));
  EXPECT_THAT(en.out, Not(HasSubstr("32.9%")));
  CliRun zh = RunPiped(Binary() + " bulletin " + store + DemoArgs() + " --lang zh");
  ASSERT_EQ(zh.exit_code, 0);
  EXPECT_THAT(zh.out, HasSubstr("同比下降13"));
  EXPECT_THAT(zh.out, Not(HasSubstr("创历史同期新高")));
  EXPECT_THAT(zh.out, HasSubstr("低于全国外贸增速"));
  EXPECT_THAT(zh.out,
              HasSubstr("株洲、常德、郴州、怀化进出口增速分别为-10.7%、-4.8%、+54.8%、+99.4%"));
  EXPECT_THAT(zh.out, HasSubstr("其中岳阳降幅最大（33.5%）"));
}

TEST(Browser, HtmlRendersItsCharts) {
  std::string chromium;
  for (const char* c : {"/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"})
    if (fs::exists(c)) chromium = c;
  // tools/bootstrap.sh installs chromium; without it this test fails rather than passing unseen.
  ASSERT_FALSE(chromium.empty()) << "chromium not installed: run tools/bootstrap.sh";
  const std::string html = SharedDemoDir() + "/bulletin-2023H1.en.html";
  ASSERT_TRUE(fs::exists(html)) << "the demo did not write " << html;
  const std::string page = ReadWholeFile(html);
  for (const char* fetch : {"src=", "href=", "url(", "@import", "<script", "<link"})
    EXPECT_THAT(page, Not(HasSubstr(fetch))) << "the page must not fetch anything";
  ScratchDir profile("tradestat-chromium-profile");
  const std::string flags =
      " --headless --no-sandbox --disable-gpu --disable-background-networking --no-first-run"
      " --user-data-dir=" +
      profile.path();
  CliRun dom = RunPiped(chromium + flags + " --dump-dom file://" + html + " 2>" + profile.path() +
                        "/stderr.txt");
  ASSERT_EQ(dom.exit_code, 0) << ReadWholeFile(profile.path() + "/stderr.txt");
  // Four charts, each a parsed <svg> with drawn shapes.
  size_t svgs = 0;
  for (size_t p = 0; (p = dom.out.find("<svg", p)) != std::string::npos; ++p) ++svgs;
  EXPECT_EQ(svgs, 4u);
  EXPECT_THAT(dom.out, HasSubstr("<polyline"));
  EXPECT_THAT(dom.out, HasSubstr("336.75 billion yuan"));
  const std::string err = ReadWholeFile(profile.path() + "/stderr.txt");
  EXPECT_THAT(err, Not(HasSubstr("Uncaught")));
  const std::string png = profile.path() + "/shot.png";
  CliRun shot = RunPiped(chromium + flags + " --screenshot=" + png +
                         " --window-size=1200,2400 file://" + html + " 2>/dev/null");
  ASSERT_EQ(shot.exit_code, 0);
  ASSERT_TRUE(fs::exists(png));
  EXPECT_GT(fs::file_size(png), 20000u);
  const std::string bytes = ReadWholeFile(png);
  EXPECT_EQ(bytes.substr(1, 3), "PNG");
}

}  // namespace
