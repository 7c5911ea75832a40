// store/segment_upgrade_test.cc: UpgradeSegments rewrites a format-1 store in the written format
// with identical values, manifest entries and totals, is idempotent, and leaves the old store
// readable when any of its I/O calls fails or the process is killed at any of them.
#include "store/segment_upgrade.h"

#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <filesystem>

#include <fmt/format.h>

#include "core/file.h"
#include "core/testing/fault_env.h"
#include "core/testing/status_matchers.h"
#include "store/load_transaction.h"
#include "store/segment_format.h"
#include "store/store.h"
#include "store/store_paths.h"

namespace tradestat::store {
namespace {

namespace fs = std::filesystem;
using core::Period;
using core::testing::Fault;
using core::testing::FaultEnv;

std::string NewDir() {
  std::string tmpl = (fs::temp_directory_path() / "tradestat-upgrade-XXXXXX").string();
  return std::string(::mkdtemp(tmpl.data())) + "/s";
}

// One load of `rows` rows per month of `months` (values and partners vary by row), written in
// segment format `format`.
void LoadRows(const std::string& dir, LoadTransaction::Mode mode, int months, int rows,
              int64_t salt, uint32_t format) {
  LoadTransaction::Options o;
  o.mode = mode;
  o.currencies = {"CNY", "USD"};
  o.segment_format = format;
  ASSERT_OK_AND_ASSIGN(auto tx, LoadTransaction::Begin(dir, "d", o));
  RowBatch b;
  for (int m = 1; m <= months; ++m) {
    for (int i = 0; i < rows; ++i) {
      b.period_key.push_back(Period::Month(2023, m).key());
      b.flow.push_back(static_cast<uint8_t>(i % 3 == 0 ? Flow::kImport : Flow::kExport));
      b.reporter.push_back(static_cast<uint16_t>(
          tx->dictionary(Dim::kReporter).Intern("R" + std::to_string(i % 4))));
      b.partner.push_back(static_cast<uint16_t>(
          tx->dictionary(Dim::kPartner).Intern("P" + std::to_string(i * 7 % 41))));
      b.commodity.push_back(
          tx->dictionary(Dim::kCommodity).Intern(std::to_string(100000 + i * 13 % 977)));
      b.trade_mode.push_back(0), b.enterprise_type.push_back(0), b.unit.push_back(0);
      b.quantity.push_back(i % 5 == 0 ? kNoQuantity : i * 11 + salt);
      b.values[0].push_back((i * 7919 + salt) % 1000003 - 1000);
      b.values[1].push_back((i * 104729 + salt) % 99991);
    }
  }
  ASSERT_OK(tx->Append(b));
  ASSERT_OK(tx->Commit({LoadedFile{fmt::format("in{}.csv", salt), fmt::format("{:016x}", salt), 1,
                                   b.size()}})
                .status());
}

// A format-1 store: a first load of three months, then a replace of months 1 and 2 (so two
// segments are live only in vintage 1).
std::string MakeFormatOneStore(int rows) {
  std::string dir = NewDir();
  EXPECT_OK(Store::Create(dir));
  LoadRows(dir, LoadTransaction::Mode::kAppend, 3, rows, 5, kSegmentFormatRaw);
  LoadRows(dir, LoadTransaction::Mode::kReplace, 2, rows / 2, 17, kSegmentFormatRaw);
  return dir;
}

uint32_t FormatOf(const std::string& path) {
  std::string bytes = *core::ReadFileToString(path);
  uint32_t format = 0;
  std::memcpy(&format, bytes.data() + 8, 4);
  return format;
}

// Everything a reader sees, at every vintage: every value of every column, and the manifest
// entries but for where each segment lives (id, file, bytes, file_hash).
core::Result<std::string> Values(const std::string& dir) {
  TRADESTAT_ASSIGN_OR_RETURN(Store store, Store::Open(dir));
  const DatasetMeta& meta = store.manifest().datasets.at("d");
  std::string out;
  for (uint32_t v = 1; v <= meta.current_vintage(); ++v) {
    TRADESTAT_ASSIGN_OR_RETURN(auto snap, store.Dataset("d", v));
    TRADESTAT_ASSIGN_OR_RETURN(auto views, snap->AllSegments());
    for (const auto& s : views) {
      out += fmt::format("v{} {} {} rows:", v, s.period.ToString(), s.rows);
      for (uint64_t r = 0; r < s.rows; ++r)
        out += fmt::format(" {}/{}/{}/{}/{}/{}/{}", s.flow[r], s.reporter[r], s.partner[r],
                           s.commodity[r], s.quantity ? s.quantity[r] : -1, s.values[0][r],
                           s.values[1][r]);
      out += "\n";
    }
  }
  for (const auto& s : meta.segments) {
    out += fmt::format("segment {} rows {} added {} removed {} totals", s.period.ToString(), s.rows,
                       s.added, s.removed ? static_cast<int>(*s.removed) : -1);
    for (const auto& flow : s.totals)
      for (__int128 t : flow) out += " " + std::to_string(static_cast<int64_t>(t));
    out += "\n";
  }
  for (const auto& v : meta.vintages)
    out += fmt::format("vintage {} {} {} {}\n", v.id, v.time, v.action, v.files.size());
  return out;
}

// Values() plus the format of each segment file: tells the old state from the new one.
core::Result<std::string> State(const std::string& dir) {
  TRADESTAT_ASSIGN_OR_RETURN(std::string out, Values(dir));
  TRADESTAT_ASSIGN_OR_RETURN(Store store, Store::Open(dir));
  for (const auto& s : store.manifest().datasets.at("d").segments)
    out += fmt::format("{} format {}\n", s.period.ToString(), FormatOf(dir + "/" + s.file));
  return out;
}

TEST(UpgradeTest, FormatOneStoreUpgradesWithIdenticalValuesAndManifestEntries) {
  const std::string dir = MakeFormatOneStore(5000);
  ASSERT_OK_AND_ASSIGN(std::string before, Values(dir));
  ASSERT_OK_AND_ASSIGN(Store old_store, Store::Open(dir));
  const DatasetMeta old_meta = old_store.manifest().datasets.at("d");
  ASSERT_EQ(old_meta.segments.size(), 5u);  // 3 months + the replacing months 1 and 2
  uint64_t old_bytes = 0;
  for (const auto& s : old_meta.segments) {
    ASSERT_EQ(FormatOf(dir + "/" + s.file), kSegmentFormatRaw);
    old_bytes += s.bytes;
  }

  ASSERT_OK_AND_ASSIGN(UpgradeReport report, UpgradeSegments(dir));
  EXPECT_TRUE(report.committed);
  EXPECT_EQ(report.format, 2u);
  ASSERT_EQ(report.datasets.size(), 1u);
  EXPECT_EQ(report.datasets[0].segments, 5u);
  EXPECT_EQ(report.datasets[0].rewritten, 5u);
  EXPECT_EQ(report.datasets[0].bytes_before, old_bytes);
  EXPECT_LT(report.datasets[0].bytes_after * 2, old_bytes);

  ASSERT_OK_AND_ASSIGN(std::string after, Values(dir));
  EXPECT_EQ(after, before);
  ASSERT_OK_AND_ASSIGN(Store store, Store::Open(dir));
  const DatasetMeta& meta = store.manifest().datasets.at("d");
  ASSERT_EQ(meta.segments.size(), old_meta.segments.size());
  for (size_t i = 0; i < meta.segments.size(); ++i) {
    const SegmentMeta &n = meta.segments[i], &o = old_meta.segments[i];
    EXPECT_EQ(FormatOf(dir + "/" + n.file), kSegmentFormatWritten);
    EXPECT_NE(n.file, o.file);
    EXPECT_EQ(n.totals, o.totals);
    EXPECT_EQ(n.added, o.added);
    EXPECT_EQ(n.removed, o.removed);
    // The old file is retired, not removed: a reader of the previous manifest may map it.
    EXPECT_TRUE(fs::exists(dir + "/" + o.file));
    EXPECT_TRUE(std::any_of(store.manifest().retired.begin(), store.manifest().retired.end(),
                            [&](const RetiredFile& r) { return r.file == o.file; }));
  }
  EXPECT_EQ(meta.vintages.size(), old_meta.vintages.size());
  // A reader still holding the old manifest reads the old files.
  ASSERT_OK_AND_ASSIGN(auto old_snap, old_store.Dataset("d"));
  EXPECT_OK(old_snap->AllSegments().status());

  // Idempotent: nothing to do, nothing written, the manifest is not even rewritten.
  const std::string manifest_text = *core::ReadFileToString(ManifestPath(dir));
  ASSERT_OK_AND_ASSIGN(UpgradeReport again, UpgradeSegments(dir));
  EXPECT_FALSE(again.committed);
  EXPECT_EQ(again.rewritten(), 0u);
  EXPECT_EQ(*core::ReadFileToString(ManifestPath(dir)), manifest_text);
  fs::remove_all(fs::path(dir).parent_path());
}

TEST(UpgradeTest, DamagedSegmentIsRefusedAndTheStoreIsUnchanged) {
  const std::string dir = MakeFormatOneStore(300);
  ASSERT_OK_AND_ASSIGN(Store store, Store::Open(dir));
  const std::string victim = dir + "/" + store.manifest().datasets.at("d").segments[2].file;
  std::string bytes = *core::ReadFileToString(victim);
  bytes[bytes.size() - 3] ^= 0x01;  // in the last value column: no header check sees it
  fs::remove(victim);
  ASSERT_OK(core::WriteNewFile(victim, bytes));
  auto files = [&] {
    std::vector<std::string> out;
    for (const auto& e : fs::recursive_directory_iterator(dir)) out.push_back(e.path().string());
    std::sort(out.begin(), out.end());
    return out;
  };
  const std::vector<std::string> files_before = files();
  const std::string manifest_before = *core::ReadFileToString(ManifestPath(dir));
  auto report = UpgradeSegments(dir);
  EXPECT_THAT(report.status(),
              core::testing::StatusIs(core::StatusCode::kCorruption, ::testing::HasSubstr(victim)));
  // No new file was left behind and the manifest is the same.
  EXPECT_EQ(files(), files_before);
  EXPECT_EQ(*core::ReadFileToString(ManifestPath(dir)), manifest_before);
  fs::remove_all(fs::path(dir).parent_path());
}

TEST(UpgradeTest, EveryFailedIoCallLeavesTheOldStoreAndTheNextUpgradeSucceeds) {
  const std::string base = MakeFormatOneStore(700);
  ASSERT_OK_AND_ASSIGN(std::string old_state, State(base));
  std::string clean = NewDir();
  fs::copy(base, clean, fs::copy_options::recursive);
  FaultEnv counter(0, Fault::kEio);
  {
    core::ScopedEnv use(&counter);
    ASSERT_OK(UpgradeSegments(clean).status());
  }
  ASSERT_OK_AND_ASSIGN(std::string new_state, State(clean));
  ASSERT_NE(new_state, old_state);
  ASSERT_GT(counter.operations(), 10);
  fs::remove_all(fs::path(clean).parent_path());
  int runs = 0;
  for (Fault fault : {Fault::kEio, Fault::kEnospc, Fault::kShortWrite}) {
    for (int n = 1; n <= counter.operations(); ++n) {
      std::string dir = NewDir();
      fs::copy(base, dir, fs::copy_options::recursive);
      FaultEnv env(n, fault);
      core::Status st;
      {
        core::ScopedEnv use(&env);
        st = UpgradeSegments(dir).status();
      }
      ++runs;
      const std::string where = fmt::format(
          "{} at I/O call {} ({})", core::testing::FaultName(fault), n, env.failed_operation());
      ASSERT_TRUE(env.fired()) << where;
      auto state = State(dir);
      ASSERT_TRUE(state.ok()) << where << ": store unreadable: " << state.status().ToString();
      if (st.ok() || st.message().find("committed, but") != std::string::npos) {
        EXPECT_EQ(*state, new_state) << where << " (reported committed)";
      } else {
        EXPECT_EQ(*state, old_state) << where << ": failed but not committed: " << st.ToString();
      }
      ASSERT_OK(UpgradeSegments(dir).status()) << where;
      ASSERT_OK_AND_ASSIGN(std::string final_state, State(dir));
      EXPECT_EQ(final_state, new_state) << where;
      fs::remove_all(fs::path(dir).parent_path());
    }
  }
  EXPECT_GT(runs, 30);
  fs::remove_all(fs::path(base).parent_path());
}

// An Env whose process dies (_exit, no cleanup, no destructors) at its Nth operation, before
// performing it: what a kill -9 at that moment leaves, up to what the page cache holds.
class KillEnv final : public core::Env {
 public:
  explicit KillEnv(int kill_at) : kill_at_(kill_at) {}
  core::Result<std::unique_ptr<core::WritableFile>> NewFile(const std::string& path) override {
    Tick();
    TRADESTAT_ASSIGN_OR_RETURN(auto f, Posix()->NewFile(path));
    return std::unique_ptr<core::WritableFile>(new File(this, std::move(f)));
  }
  core::Status Rename(const std::string& a, const std::string& b) override {
    return Tick(), Posix()->Rename(a, b);
  }
  core::Status Remove(const std::string& p) override { return Tick(), Posix()->Remove(p); }
  core::Status MakeDir(const std::string& d) override { return Tick(), Posix()->MakeDir(d); }
  core::Status SyncDir(const std::string&) override { return Tick(), core::Status::Ok(); }
  int operations() const { return ops_; }

 private:
  struct File final : core::WritableFile {
    File(KillEnv* env, std::unique_ptr<core::WritableFile> base)
        : env(env), base(std::move(base)) {}
    core::Status Append(std::string_view d) override {
      if (env->ops_ + 1 == env->kill_at_)
        (void)base->Append(d.substr(0, d.size() / 2));  // dies mid-write
      return env->Tick(), base->Append(d);
    }
    core::Status Sync() override { return env->Tick(), core::Status::Ok(); }
    core::Status Close() override { return env->Tick(), base->Close(); }
    KillEnv* env;
    std::unique_ptr<core::WritableFile> base;
  };
  void Tick() {
    if (++ops_ == kill_at_) ::_exit(0);
  }
  int kill_at_;
  int ops_ = 0;
};

TEST(UpgradeTest, AKillAtAnyIoCallLeavesTheOldOrTheNewStoreAndTheNextUpgradeCompletesIt) {
  const std::string base = MakeFormatOneStore(700);
  ASSERT_OK_AND_ASSIGN(std::string old_state, State(base));
  std::string clean = NewDir();
  fs::copy(base, clean, fs::copy_options::recursive);
  KillEnv counter(0);
  {
    core::ScopedEnv use(&counter);
    ASSERT_OK(UpgradeSegments(clean).status());
  }
  ASSERT_OK_AND_ASSIGN(std::string new_state, State(clean));
  fs::remove_all(fs::path(clean).parent_path());
  int old_seen = 0, new_seen = 0;
  for (int n = 1; n <= counter.operations(); ++n) {
    std::string dir = NewDir();
    fs::copy(base, dir, fs::copy_options::recursive);
    std::fflush(nullptr);
    pid_t pid = ::fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
      KillEnv env(n);
      core::ScopedEnv use(&env);
      (void)UpgradeSegments(dir);
      ::_exit(3);  // not killed: the count was wrong
    }
    int status = 0;
    ASSERT_EQ(::waitpid(pid, &status, 0), pid);
    ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << "killed at I/O call " << n;
    auto state = State(dir);
    ASSERT_TRUE(state.ok()) << "killed at I/O call " << n << ": " << state.status().ToString();
    EXPECT_TRUE(*state == old_state || *state == new_state) << "killed at I/O call " << n;
    (*state == old_state ? old_seen : new_seen)++;
    // The next upgrade removes the dead one's leftovers and completes the work.
    ASSERT_OK(UpgradeSegments(dir).status()) << "after a kill at I/O call " << n;
    ASSERT_OK_AND_ASSIGN(std::string final_state, State(dir));
    EXPECT_EQ(final_state, new_state) << "after a kill at I/O call " << n;
    fs::remove_all(fs::path(dir).parent_path());
  }
  EXPECT_GT(old_seen, 5);
  EXPECT_GE(new_seen, 1);  // killed at the final directory sync: the rename had happened
}

}  // namespace
}  // namespace tradestat::store
