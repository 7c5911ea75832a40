// report/xlsx_concurrency_test.cc: many XLSX workbooks written at once (server exports and --out
// files, to distinct paths and to one shared path) are each a whole, valid zip whose every member
// inflates to its recorded CRC, and no private temp directory is left behind, error or not.
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include <atomic>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <thread>
#include <vector>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "report/table.h"

namespace tradestat::report {
namespace {

namespace fs = std::filesystem;

// A result with `rows` partner rows whose last row is recognisable in the sheet XML.
query::QueryResult ManyRows(int rows, int tag) {
  query::QueryResult r;
  r.dataset = "test";
  r.period = query::ParsePeriodSpec("2023").value();
  r.compare = query::ComparisonRange(r.period, query::CompareMode::kYoy);
  r.currency = "CNY";
  r.flow = "total";
  r.by = {"partner"};
  __int128 total = 0;
  for (int i = 0; i < rows; ++i) {
    query::ResultRow row;
    std::string code = fmt::format("P{:05d}", i);
    row.keys = {{"partner", code, i == rows - 1 ? fmt::format("last-row-{}", tag) : code, false}};
    row.m.value = __int128{1000000} * (i + 1) + tag;
    total += row.m.value;
    r.rows.push_back(row);
  }
  r.rows_total = rows;
  r.total.m.value = total;
  return r;
}

uint32_t U32(const std::string& b, size_t at) {
  return static_cast<uint32_t>(static_cast<uint8_t>(b[at])) |
         static_cast<uint32_t>(static_cast<uint8_t>(b[at + 1])) << 8 |
         static_cast<uint32_t>(static_cast<uint8_t>(b[at + 2])) << 16 |
         static_cast<uint32_t>(static_cast<uint8_t>(b[at + 3])) << 24;
}
uint16_t U16(const std::string& b, size_t at) {
  return static_cast<uint16_t>(static_cast<uint8_t>(b[at]) | static_cast<uint8_t>(b[at + 1]) << 8);
}

// Checks the zip structure end to end: the end record, every central-directory entry, its local
// header, and that each member inflates to its recorded size and CRC-32. Returns "" if whole, else
// what is wrong; `members` gets name -> inflated content.
std::string CheckZip(const std::string& b,
                     std::vector<std::pair<std::string, std::string>>* members) {
  if (b.size() < 22 || U32(b, b.size() - 22) != 0x06054b50)
    return "no end-of-central-directory record at the end";
  const size_t eocd = b.size() - 22;
  const uint16_t entries = U16(b, eocd + 10);
  size_t cd = U32(b, eocd + 16);
  if (cd + U32(b, eocd + 12) != eocd) return "central directory does not end at the end record";
  for (uint16_t e = 0; e < entries; ++e) {
    if (cd + 46 > eocd || U32(b, cd) != 0x02014b50)
      return fmt::format("central entry {} damaged", e);
    const uint16_t method = U16(b, cd + 10);
    const uint32_t crc = U32(b, cd + 16), csize = U32(b, cd + 20), usize = U32(b, cd + 24);
    const uint16_t nlen = U16(b, cd + 28), xlen = U16(b, cd + 30), clen = U16(b, cd + 32);
    const size_t local = U32(b, cd + 42);
    std::string name = b.substr(cd + 46, nlen);
    if (local + 30 > b.size() || U32(b, local) != 0x04034b50)
      return "local header of " + name + " damaged";
    if (b.substr(local + 30, U16(b, local + 26)) != name) return "local name differs for " + name;
    const size_t data = local + 30 + U16(b, local + 26) + U16(b, local + 28);
    if (data + csize > cd) return name + " runs past the central directory";
    std::string out(usize, '\0');
    if (method == 0) {
      out = b.substr(data, csize);
    } else if (method == 8) {
      z_stream z{};
      if (inflateInit2(&z, -MAX_WBITS) != Z_OK) return "zlib";
      z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(b.data() + data));
      z.avail_in = csize;
      z.next_out = reinterpret_cast<Bytef*>(out.data());
      z.avail_out = usize;
      int rc = inflate(&z, Z_FINISH);
      inflateEnd(&z);
      if (rc != Z_STREAM_END || z.total_out != usize) return name + " does not inflate to its size";
    } else {
      return fmt::format("{}: unexpected method {}", name, method);
    }
    if (crc32(0, reinterpret_cast<const Bytef*>(out.data()), static_cast<uInt>(out.size())) != crc)
      return name + ": CRC mismatch";
    if (members) members->emplace_back(name, std::move(out));
    cd += 46 + nlen + xlen + clen;
  }
  return "";
}

// "" if `bytes` is the whole workbook of ManyRows(rows, tag).
std::string CheckWorkbook(const std::string& bytes, int tag) {
  std::vector<std::pair<std::string, std::string>> members;
  std::string why = CheckZip(bytes, &members);
  if (!why.empty()) return why;
  bool sheet = false, about = false, types = false, strings_has_tag = false;
  for (const auto& [name, content] : members) {
    if (name == "xl/worksheets/sheet1.xml")
      sheet = content.find("</worksheet>") != std::string::npos;
    if (name == "xl/worksheets/sheet2.xml") about = true;
    if (name == "[Content_Types].xml") types = true;
    if (name == "xl/sharedStrings.xml")
      strings_has_tag = content.find(fmt::format("last-row-{}<", tag)) != std::string::npos;
  }
  if (!sheet || !about || !types) return "a member is missing or cut short";
  if (!strings_has_tag) return fmt::format("the last row of workbook {} is not in it", tag);
  return "";
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

// Names in `dir` that look like a private workbook directory.
std::vector<std::string> Leftovers(const std::string& dir) {
  std::vector<std::string> out;
  for (const auto& e : fs::directory_iterator(dir))
    if (e.path().filename().string().rfind(".tradestat-xlsx-", 0) == 0)
      out.push_back(e.path().string());
  return out;
}

class XlsxConcurrencyTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::path(::testing::TempDir()) / fmt::format("xlsx-concurrency-{}", ::getpid());
    fs::remove_all(dir_);
    fs::create_directories(dir_ / "tmp");
    fs::create_directories(dir_ / "out");
    const char* old = std::getenv("TMPDIR");
    old_tmpdir_ = old ? old : "";
    had_tmpdir_ = old != nullptr;
    ::setenv("TMPDIR", (dir_ / "tmp").c_str(), 1);  // before any thread starts
  }
  void TearDown() override {
    if (had_tmpdir_)
      ::setenv("TMPDIR", old_tmpdir_.c_str(), 1);
    else
      ::unsetenv("TMPDIR");
    fs::remove_all(dir_);
  }
  fs::path dir_;
  std::string old_tmpdir_;
  bool had_tmpdir_ = false;
};

TEST_F(XlsxConcurrencyTest, ManyExportsAtOnceAreEachWhole) {
  constexpr int kThreads = 8, kEach = 3, kRows = 600;
  std::vector<query::QueryResult> results;
  for (int t = 0; t < kThreads; ++t) results.push_back(ManyRows(kRows, t));
  std::vector<std::string> failures(kThreads);
  std::atomic<int> ready{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      ++ready;
      while (ready.load() < kThreads) std::this_thread::yield();  // start together
      for (int i = 0; i < kEach && failures[t].empty(); ++i) {
        if (t % 2 == 0) {  // the server's export
          auto bytes = XlsxBytes(results[t]);
          if (!bytes.ok())
            failures[t] = bytes.status().ToString();
          else
            failures[t] = CheckWorkbook(*bytes, t);
        } else {  // `query --out` to a file of its own
          std::string path = (dir_ / "out" / fmt::format("w{}-{}.xlsx", t, i)).string();
          core::Status st = WriteXlsx(results[t], path);
          if (!st.ok())
            failures[t] = st.ToString();
          else
            failures[t] = CheckWorkbook(ReadFile(path), t);
        }
      }
    });
  }
  for (auto& th : threads) th.join();
  for (int t = 0; t < kThreads; ++t) EXPECT_EQ(failures[t], "") << "thread " << t;
  EXPECT_TRUE(fs::is_empty(dir_ / "tmp")) << "a private export directory was left in TMPDIR";
  EXPECT_TRUE(Leftovers((dir_ / "out").string()).empty());
}

TEST_F(XlsxConcurrencyTest, WritersOfOnePathLeaveOneWholeWorkbook) {
  // Many writers of the same --out path: each builds in its own directory and renames, so the
  // file is always one whole workbook (whichever came last), never a mix or a torn file.
  constexpr int kThreads = 8;
  const std::string path = (dir_ / "out" / "shared.xlsx").string();
  std::vector<query::QueryResult> results;
  for (int t = 0; t < kThreads; ++t) results.push_back(ManyRows(400, 100 + t));
  std::atomic<bool> stop{false};
  std::atomic<int> torn{0}, seen{0};
  std::thread reader([&] {  // reads the shared path while the writers run
    while (!stop.load()) {
      std::string bytes = ReadFile(path);
      if (bytes.empty()) continue;  // not written yet
      ++seen;
      bool whole = false;
      for (int t = 0; t < kThreads && !whole; ++t) whole = CheckWorkbook(bytes, 100 + t).empty();
      if (!whole) ++torn;
    }
  });
  std::vector<std::thread> writers;
  std::vector<std::string> failures(kThreads);
  for (int t = 0; t < kThreads; ++t)
    writers.emplace_back([&, t] {
      for (int i = 0; i < 3; ++i)
        if (core::Status st = WriteXlsx(results[t], path); !st.ok()) failures[t] = st.ToString();
    });
  for (auto& w : writers) w.join();
  stop = true;
  reader.join();
  for (int t = 0; t < kThreads; ++t) EXPECT_EQ(failures[t], "") << "writer " << t;
  EXPECT_EQ(torn.load(), 0) << "of " << seen.load() << " reads";
  std::string last = ReadFile(path);
  bool whole = false;
  for (int t = 0; t < kThreads && !whole; ++t) whole = CheckWorkbook(last, 100 + t).empty();
  EXPECT_TRUE(whole);
  EXPECT_TRUE(Leftovers((dir_ / "out").string()).empty());
}

TEST_F(XlsxConcurrencyTest, FailuresLeaveNoPrivateDirectory) {
  const query::QueryResult r = ManyRows(10, 1);
  // The target is a directory: the workbook is built, the rename fails, nothing is left.
  fs::create_directories(dir_ / "out" / "is-a-dir.xlsx" / "child");
  core::Status st = WriteXlsx(r, (dir_ / "out" / "is-a-dir.xlsx").string());
  EXPECT_FALSE(st.ok());
  EXPECT_NE(st.message().find("cannot put the workbook in place"), std::string::npos)
      << st.ToString();
  EXPECT_TRUE(Leftovers((dir_ / "out").string()).empty());
  // No such directory: a clear message naming --out.
  st = WriteXlsx(r, (dir_ / "missing" / "x.xlsx").string());
  EXPECT_FALSE(st.ok());
  EXPECT_NE(st.message().find("--out "), std::string::npos) << st.ToString();
  // An unusable TMPDIR: the export fails cleanly.
  ::setenv("TMPDIR", (dir_ / "no-such-tmp").c_str(), 1);
  auto bytes = XlsxBytes(r);
  EXPECT_FALSE(bytes.ok());
  EXPECT_NE(bytes.status().message().find("export: cannot create a private directory"),
            std::string::npos)
      << bytes.status().ToString();
}

TEST_F(XlsxConcurrencyTest, OutputFileIsOnlyReplacedWhenComplete) {
  // An old file at the target stays untouched when the new workbook cannot be built.
  const std::string path = (dir_ / "out" / "keep.xlsx").string();
  ASSERT_TRUE(WriteXlsx(ManyRows(5, 7), path).ok());
  std::string before = ReadFile(path);
  ASSERT_EQ(CheckWorkbook(before, 7), "");
  ::chmod((dir_ / "out").c_str(), 0500);  // no new entries in the directory
  core::Status st = WriteXlsx(ManyRows(5, 8), path);
  ::chmod((dir_ / "out").c_str(), 0700);
  if (::geteuid() != 0) {  // root ignores the permission bits
    EXPECT_FALSE(st.ok());
    EXPECT_EQ(ReadFile(path), before);
  }
  EXPECT_TRUE(Leftovers((dir_ / "out").string()).empty());
}

}  // namespace
}  // namespace tradestat::report
