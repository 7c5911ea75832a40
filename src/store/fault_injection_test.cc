// store/fault_injection_test.cc: every I/O call of a load, a replace and a reference import fails
// in turn (EIO, ENOSPC, short write); the store must read as exactly the old or the new state
// afterwards, and the next write must succeed. Also: readers keep their dictionaries while other
// writers commit, and a valid segment copied over another is corruption, never summed.
#include <cstring>
#include <filesystem>
#include <functional>

#include <fmt/format.h>

#include "core/hash.h"
#include "core/testing/fault_env.h"
#include "core/testing/status_matchers.h"
#include "store/load_transaction.h"
#include "store/reference_files.h"
#include "store/store.h"
#include "store/store_paths.h"

namespace tradestat::store {
namespace {

namespace fs = std::filesystem;
using core::Period;
using core::StatusCode;
using core::testing::Fault;
using core::testing::FaultEnv;
using core::testing::StatusIs;
using ::testing::HasSubstr;

std::string NewDir() {
  std::string tmpl = (fs::temp_directory_path() / "tradestat-fault-XXXXXX").string();
  return ::mkdtemp(tmpl.data());
}

struct Row {
  Period period;
  const char* partner;
  int64_t cny;
};

LoadTransaction::Options Opts(LoadTransaction::Mode mode) {
  LoadTransaction::Options o;
  o.mode = mode;
  o.currencies = {"CNY"};
  return o;
}

core::Status Load(const std::string& dir, const std::string& dataset, LoadTransaction::Mode mode,
                  const std::vector<Row>& rows) {
  TRADESTAT_ASSIGN_OR_RETURN(auto tx, LoadTransaction::Begin(dir, dataset, Opts(mode)));
  RowBatch b;
  for (const Row& r : rows) {
    b.period_key.push_back(r.period.key());
    b.flow.push_back(static_cast<uint8_t>(Flow::kExport));
    b.reporter.push_back(static_cast<uint16_t>(tx->dictionary(Dim::kReporter).Intern("R1")));
    b.partner.push_back(static_cast<uint16_t>(tx->dictionary(Dim::kPartner).Intern(r.partner)));
    b.commodity.push_back(tx->dictionary(Dim::kCommodity).Intern("01"));
    b.trade_mode.push_back(0);
    b.enterprise_type.push_back(0);
    b.unit.push_back(0);
    b.quantity.push_back(kNoQuantity);
    b.values[0].push_back(r.cny);
  }
  TRADESTAT_RETURN_IF_ERROR(tx->Append(b));
  LoadedFile f;
  f.name = "input.csv";
  f.content_hash =
      fmt::format("{:016x}", rows.size() * 7919 + static_cast<uint64_t>(rows.front().cny));
  f.rows = rows.size();
  TRADESTAT_ASSIGN_OR_RETURN(uint32_t vintage, tx->Commit({f}));
  (void)vintage;
  return core::Status::Ok();
}

/// Everything a reader can see: per dataset, per segment the period, partners and sums; and the
/// registered reference files. Any read error is returned as a status.
core::Result<std::string> ReadState(const std::string& dir) {
  TRADESTAT_ASSIGN_OR_RETURN(Store store, Store::Open(dir));
  std::string out;
  for (const auto& name : store.DatasetNames()) {
    TRADESTAT_ASSIGN_OR_RETURN(auto snap, store.Dataset(name));
    out += fmt::format("{} v{}\n", name, snap->vintage());
    TRADESTAT_ASSIGN_OR_RETURN(auto views, snap->AllSegments());
    for (const auto& v : views) {
      out += "  " + v.period.ToString();
      for (uint64_t r = 0; r < v.rows; ++r)
        out += fmt::format(" {}={}", snap->dictionary(Dim::kPartner).values().at(v.partner[r]),
                           v.values[0][r]);
      out += "\n";
    }
  }
  TRADESTAT_ASSIGN_OR_RETURN(auto refs, ReadReferenceFiles(store, "groups"));
  for (const auto& [meta, text] : refs) out += "ref " + meta.source_name + ": " + text;
  return out;
}

const std::vector<Row> kBase = {{Period::Month(2023, 1), "USA", 100},
                                {Period::Month(2023, 2), "VNM", 250}};

std::string MakeBaseStore() {
  std::string dir = NewDir() + "/s";
  EXPECT_OK(Store::Create(dir));
  EXPECT_OK(Load(dir, "a", LoadTransaction::Mode::kAppend, kBase));
  EXPECT_OK(RegisterReferenceFile(dir, "groups", "g1.csv", "group,member\nG1,USA\n"));
  return dir;
}

struct Scenario {
  const char* name;
  std::function<core::Status(const std::string& dir)> run;
};

std::vector<Scenario> Scenarios() {
  return {
      {"load into a new dataset",
       [](const std::string& dir) {
         return Load(dir, "b", LoadTransaction::Mode::kAppend,
                     {{Period::Month(2023, 1), "DEU", 5}, {Period::Month(2023, 3), "JPN", 6}});
       }},
      {"load appending to a dataset (dictionary grows)",
       [](const std::string& dir) {
         return Load(dir, "a", LoadTransaction::Mode::kAppend,
                     {{Period::Month(2023, 3), "KOR", 9}});
       }},
      {"replace",
       [](const std::string& dir) {
         return Load(dir, "a", LoadTransaction::Mode::kReplace,
                     {{Period::Month(2023, 1), "FRA", 77}});
       }},
      {"reference import",
       [](const std::string& dir) {
         return RegisterReferenceFile(dir, "groups", "g2.csv", "group,member\nG2,VNM\n");
       }},
  };
}

TEST(FaultInjectionTest, EveryFailedIoCallLeavesOldOrNewStateAndTheNextWriteSucceeds) {
  const std::string base = MakeBaseStore();
  ASSERT_OK_AND_ASSIGN(std::string old_state, ReadState(base));
  int runs = 0;
  for (const Scenario& sc : Scenarios()) {
    // The fault-free run: the new state and the number of I/O calls it makes.
    std::string clean = NewDir() + "/s";
    fs::copy(base, clean, fs::copy_options::recursive);
    FaultEnv counter(0, Fault::kEio);
    {
      core::ScopedEnv use(&counter);
      ASSERT_OK(sc.run(clean));
    }
    ASSERT_OK_AND_ASSIGN(std::string new_state, ReadState(clean));
    ASSERT_NE(new_state, old_state) << sc.name;
    ASSERT_GT(counter.operations(), 5) << sc.name;
    fs::remove_all(fs::path(clean).parent_path());

    for (Fault fault : {Fault::kEio, Fault::kEnospc, Fault::kShortWrite}) {
      for (int n = 1; n <= counter.operations(); ++n) {
        std::string dir = NewDir() + "/s";
        fs::copy(base, dir, fs::copy_options::recursive);
        FaultEnv env(n, fault);
        core::Status st;
        {
          core::ScopedEnv use(&env);
          st = sc.run(dir);
        }
        ++runs;
        std::string where = fmt::format("{}: {} at I/O call {} ({})", sc.name,
                                        core::testing::FaultName(fault), n, env.failed_operation());
        ASSERT_TRUE(env.fired()) << where;
        auto state = ReadState(dir);
        ASSERT_TRUE(state.ok()) << where << ": store unreadable after the fault: "
                                << state.status().ToString();
        if (st.ok() || st.message().find("committed, but") != std::string::npos) {
          EXPECT_EQ(*state, new_state) << where << " (reported committed)";
        } else {
          EXPECT_THAT(*state, ::testing::AnyOf(old_state, new_state))
              << where << ": " << st.ToString();
          EXPECT_EQ(*state, old_state) << where << ": failed but not committed: " << st.ToString();
        }
        // The next write (without faults) succeeds and the store reads.
        FaultEnv no_faults(0, fault);
        core::ScopedEnv use(&no_faults);
        core::Status next =
            Load(dir, "c", LoadTransaction::Mode::kAppend, {{Period::Month(2024, 1), "USA", 1}});
        EXPECT_OK(next) << where;
        auto after = ReadState(dir);
        EXPECT_TRUE(after.ok()) << where << ": " << after.status().ToString();
        fs::remove_all(fs::path(dir).parent_path());
      }
    }
  }
  EXPECT_GT(runs, 100);
  std::printf("%d faulted runs\n", runs);
  fs::remove_all(fs::path(base).parent_path());
}

TEST(FaultInjectionTest, DirectorySyncFailureAfterTheRenameIsReportedAsCommitted) {
  for (const Scenario& sc : Scenarios()) {
    const std::string base = MakeBaseStore();
    FaultEnv counter(0, Fault::kEio);
    std::string clean = NewDir() + "/s";
    fs::copy(base, clean, fs::copy_options::recursive);
    {
      core::ScopedEnv use(&counter);
      ASSERT_OK(sc.run(clean));
    }
    ASSERT_OK_AND_ASSIGN(std::string new_state, ReadState(clean));
    // The last call of every commit is the fsync of the store directory after the rename.
    FaultEnv env(counter.operations(), Fault::kEio);
    core::Status st;
    {
      core::ScopedEnv use(&env);
      st = sc.run(base);
    }
    EXPECT_THAT(env.failed_operation(), HasSubstr("fsync-dir")) << sc.name;
    EXPECT_THAT(st, StatusIs(StatusCode::kIo,
                             HasSubstr("committed, but the directory could not be synced")))
        << sc.name;
    ASSERT_OK_AND_ASSIGN(std::string state, ReadState(base));
    EXPECT_EQ(state, new_state) << sc.name;
    fs::remove_all(fs::path(base).parent_path());
    fs::remove_all(fs::path(clean).parent_path());
  }
}

TEST(FaultInjectionTest, NewDirectoriesAreSyncedIntoTheirParents) {
  const std::string dir = NewDir() + "/s";
  ASSERT_OK(Store::Create(dir));
  struct Recorder final : core::Env {
    std::vector<std::string> log;
    core::Result<std::unique_ptr<core::WritableFile>> NewFile(const std::string& p) override {
      return core::Env::Posix()->NewFile(p);
    }
    core::Status Rename(const std::string& a, const std::string& b) override {
      return core::Env::Posix()->Rename(a, b);
    }
    core::Status Remove(const std::string& p) override { return core::Env::Posix()->Remove(p); }
    core::Status MakeDir(const std::string& d) override {
      log.push_back("mkdir " + d);
      return core::Env::Posix()->MakeDir(d);
    }
    core::Status SyncDir(const std::string& d) override {
      log.push_back("sync " + d);
      return core::Env::Posix()->SyncDir(d);
    }
  } rec;
  {
    core::ScopedEnv use(&rec);
    ASSERT_OK(Load(dir, "a", LoadTransaction::Mode::kAppend, kBase));
  }
  // data/a is new: its entry in data/ must be fsynced after it is made.
  auto mk = std::find(rec.log.begin(), rec.log.end(), "mkdir " + dir + "/data/a");
  ASSERT_NE(mk, rec.log.end());
  EXPECT_NE(std::find(mk, rec.log.end(), "sync " + dir + "/data"), rec.log.end());
  fs::remove_all(fs::path(dir).parent_path());
}

TEST(ReaderSafetyTest, AReadersDictionarySurvivesLaterWritersCleanup) {
  const std::string dir = MakeBaseStore();
  ASSERT_OK_AND_ASSIGN(Store reader, Store::Open(dir));  // an older manifest, still in use
  // Dataset a's partner dictionary grows (a new file supersedes the reader's one)...
  ASSERT_OK(Load(dir, "a", LoadTransaction::Mode::kAppend, {{Period::Month(2023, 3), "KOR", 9}}));
  // ...and the next writer (to another dataset) cleans up unreferenced files.
  ASSERT_OK(Load(dir, "b", LoadTransaction::Mode::kAppend, {{Period::Month(2023, 3), "KOR", 9}}));
  ASSERT_OK(RegisterReferenceFile(dir, "groups", "g2.csv", "group,member\nG2,VNM\n"));
  ASSERT_OK_AND_ASSIGN(auto snap, reader.Dataset("a"));
  ASSERT_OK_AND_ASSIGN(auto views, snap->AllSegments());
  EXPECT_EQ(views.size(), 2u);
  EXPECT_EQ(snap->dictionary(Dim::kPartner).values().size(), 2u);
  fs::remove_all(fs::path(dir).parent_path());
}

TEST(ReaderSafetyTest, RetiredFilesAreDroppedOnlyWhenOldEnoughInGenerationsAndTime) {
  Manifest m;
  AdvanceGeneration(m, {"data/a/dict/partner-00000001.tsd"}, 1000);
  ASSERT_EQ(m.retired.size(), 1u);
  for (uint64_t i = 1; i < kKeepRetiredGenerations; ++i)
    AdvanceGeneration(m, {}, 1000 + kKeepRetiredSeconds * 2);
  EXPECT_EQ(m.retired.size(), 1u) << "fewer than K newer manifests: kept";
  AdvanceGeneration(m, {}, 1000 + 10);
  EXPECT_EQ(m.retired.size(), 1u) << "K newer manifests but too recent: kept";
  AdvanceGeneration(m, {}, 1000 + kKeepRetiredSeconds);
  EXPECT_TRUE(m.retired.empty());
  // The fields survive a round trip.
  AdvanceGeneration(m, {"x.tsd"}, 5);
  ASSERT_OK_AND_ASSIGN(Manifest back, ParseManifest(SerializeManifest(m), "MANIFEST"));
  EXPECT_EQ(back.generation, m.generation);
  ASSERT_EQ(back.retired.size(), 1u);
  EXPECT_EQ(back.retired[0].file, "x.tsd");
}

TEST(SegmentIdentityTest, AValidOlderSegmentCopiedOverTheCurrentOneIsCorruption) {
  std::string dir = NewDir() + "/s";
  ASSERT_OK(Store::Create(dir));
  ASSERT_OK(Load(dir, "a", LoadTransaction::Mode::kAppend, {{Period::Month(2023, 1), "USA", 100}}));
  ASSERT_OK(
      Load(dir, "a", LoadTransaction::Mode::kReplace, {{Period::Month(2023, 1), "USA", 300}}));
  ASSERT_OK_AND_ASSIGN(Store store, Store::Open(dir));
  const DatasetMeta& meta = store.manifest().datasets.at("a");
  ASSERT_EQ(meta.segments.size(), 2u);
  ASSERT_EQ(meta.segments[0].bytes, meta.segments[1].bytes);
  fs::copy_file(dir + "/" + meta.segments[0].file, dir + "/" + meta.segments[1].file,
                fs::copy_options::overwrite_existing);
  ASSERT_OK_AND_ASSIGN(auto snap, store.Dataset("a"));
  auto views = snap->AllSegments();
  EXPECT_THAT(views.status(), StatusIs(StatusCode::kCorruption, HasSubstr(meta.segments[1].file)));
  // The older vintage still reads its own segment.
  ASSERT_OK_AND_ASSIGN(auto v1, store.Dataset("a", 1));
  ASSERT_OK_AND_ASSIGN(auto old_views, v1->AllSegments());
  EXPECT_EQ(old_views[0].values[0][0], 100);
  fs::remove_all(fs::path(dir).parent_path());
}

// Segments written before the id was recorded (0 in the header) are checked by their file hash.
TEST(SegmentIdentityTest, SegmentsWithoutAnIdAreCheckedByTheirHash) {
  std::string dir = NewDir() + "/s";
  ASSERT_OK(Store::Create(dir));
  ASSERT_OK(Load(dir, "a", LoadTransaction::Mode::kAppend, {{Period::Month(2023, 1), "USA", 100}}));
  ASSERT_OK(
      Load(dir, "a", LoadTransaction::Mode::kReplace, {{Period::Month(2023, 1), "USA", 300}}));
  ASSERT_OK_AND_ASSIGN(Store before, Store::Open(dir));
  std::vector<std::string> files;
  for (const auto& s : before.manifest().datasets.at("a").segments)
    files.push_back(dir + "/" + s.file);
  // Rewrite both as legacy files (id 0, header hash fixed up) and fix the manifest's hashes.
  std::string text = *core::ReadFileToString(ManifestPath(dir));
  ASSERT_OK_AND_ASSIGN(Manifest m, ParseManifest(text, "MANIFEST"));
  for (size_t i = 0; i < files.size(); ++i) {
    std::string bytes = *core::ReadFileToString(files[i]);
    std::memset(bytes.data() + 28, 0, 4);
    uint64_t h = core::Hash64(bytes.data(), 40);
    std::memcpy(bytes.data() + 40, &h, 8);
    fs::remove(files[i]);
    ASSERT_OK(core::WriteNewFile(files[i], bytes));
    m.datasets.at("a").segments[i].file_hash = core::HashToHex(core::Hash64(bytes));
  }
  ASSERT_OK(core::WriteFileDurably(ManifestPath(dir), SerializeManifest(m)));
  {
    ASSERT_OK_AND_ASSIGN(Store store, Store::Open(dir));
    ASSERT_OK_AND_ASSIGN(auto snap, store.Dataset("a"));
    ASSERT_OK_AND_ASSIGN(auto views, snap->AllSegments());
    EXPECT_EQ(views[0].values[0][0], 300);
  }
  fs::copy_file(files[0], files[1], fs::copy_options::overwrite_existing);
  ASSERT_OK_AND_ASSIGN(Store store, Store::Open(dir));
  ASSERT_OK_AND_ASSIGN(auto snap, store.Dataset("a"));
  EXPECT_THAT(snap->AllSegments().status(),
              StatusIs(StatusCode::kCorruption, HasSubstr("not the one the manifest lists")));
  fs::remove_all(fs::path(dir).parent_path());
}

}  // namespace
}  // namespace tradestat::store
