// core/testing/cli_runner.h: what end-to-end tests share to run `tradestat` as a user does.
//
// A scratch directory per test, one run of the binary with standard input, output and error
// captured, whole-file reads and writes, and the demo directory built once per test binary. The
// tests of tests/cli, tests/bulletin, tests/verify and the ingest CLI tests use these rather than
// each keeping its own copy.
#pragma once

#include <fcntl.h>
#include <stdlib.h>
#include <sys/file.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include "core/testing/test_paths.h"

namespace tradestat::core::testing {

// The exit code (or -1 when the process did not exit normally) and what it wrote.
struct CliRun {
  int exit_code = -1;
  std::string out, err;
};

inline std::string ReadWholeFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

inline void WriteWholeFile(const std::string& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
}

// A fresh directory under the system temp dir, removed at the end unless KEEP_TEST_DIRS is set
// (so a failing case can be looked at).
class ScratchDir {
 public:
  explicit ScratchDir(const std::string& prefix = "tradestat-test") {
    std::string tmpl = (std::filesystem::temp_directory_path() / (prefix + "-XXXXXX")).string();
    if (::mkdtemp(tmpl.data()) != nullptr) path_ = tmpl;
  }
  ~ScratchDir() {
    const char* keep = std::getenv("KEEP_TEST_DIRS");
    if (!path_.empty() && (keep == nullptr || *keep == '\0')) std::filesystem::remove_all(path_);
  }
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;

  const std::string& path() const { return path_; }
  // Writes `text` to a file of this directory and returns its path.
  std::string Write(const std::string& name, const std::string& text) const {
    std::string p = path_ + "/" + name;
    WriteWholeFile(p, text);
    return p;
  }

 private:
  std::string path_;
};

// Runs a shell command line, feeding `stdin_text` and capturing both output streams through files
// of `scratch` (pipes would need a reader thread per stream to avoid a full-pipe deadlock).
inline CliRun RunShell(const ScratchDir& scratch, const std::string& command,
                       const std::string& stdin_text = "") {
  const std::string in = scratch.path() + "/.stdin", out = scratch.path() + "/.stdout",
                    err = scratch.path() + "/.stderr";
  WriteWholeFile(in, stdin_text);
  const int rc = std::system(("(" + command + ") <" + in + " >" + out + " 2>" + err).c_str());
  CliRun r;
  r.exit_code = (rc != -1 && WIFEXITED(rc)) ? WEXITSTATUS(rc) : -1;
  r.out = ReadWholeFile(out);
  r.err = ReadWholeFile(err);
  return r;
}

// Runs a shell command line and captures only its standard output; standard error goes to the
// test's log, where a failing case shows it.
inline CliRun RunPiped(const std::string& command) {
  CliRun r;
  FILE* p = ::popen(command.c_str(), "r");
  if (p == nullptr) return r;
  char buf[65536];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) r.out.append(buf, n);
  const int st = ::pclose(p);
  r.exit_code = (st != -1 && WIFEXITED(st)) ? WEXITSTATUS(st) : -1;
  return r;
}

// Runs `tradestat ARGS` (ARGS as a shell would split them).
inline CliRun RunTradestat(const ScratchDir& scratch, const std::string& args,
                           const std::string& stdin_text = "") {
  return RunShell(scratch, TradestatBinary() + " " + args, stdin_text);
}

// `tradestat demo --quiet --dir D` run once for every test of a binary that only reads the demo's
// store and outputs; `name` keeps binaries apart. ctest runs each case as its own process, so the
// run holds a file lock (parallel cases wait rather than race); the demo reuses a current dir.
inline const std::string& SharedDemoDir(const std::string& name) {
  static const std::string dir = [&name] {
    const std::string d =
        (std::filesystem::temp_directory_path() / ("tradestat_" + name + "_demo")).string();
    const int fd = ::open((d + ".lock").c_str(), O_CREAT | O_RDWR, 0644);
    if (fd >= 0) ::flock(fd, LOCK_EX);
    const int rc =
        std::system((TradestatBinary() + " demo --quiet --dir " + d + " >/dev/null").c_str());
    if (fd >= 0) ::close(fd);  // releases the lock
    if (rc != 0)
      std::fprintf(stderr, "tradestat demo --dir %s failed (status %d)\n", d.c_str(), rc);
    return d;
  }();
  return dir;
}

}  // namespace tradestat::core::testing
