// core/testing/fault_env.h: FaultEnv, an Env that fails the Nth write-side call (tests only).
//
// Every call of the Env and of its files (create, append, fsync, close, rename, remove, mkdir,
// directory fsync) counts as one operation. With fail_at = N the Nth operation fails with the
// chosen fault instead of running (a short write first writes half of the bytes); every other
// operation runs on the POSIX Env. fail_at = 0 only counts, so a test first measures how many
// operations a command makes and then fails each of them in turn. The fsyncs are counted (and
// fail when their turn comes) but not performed: these tests are about error paths, not power
// loss, and thousands of real fsyncs would make them slow.
#pragma once

#include <cerrno>
#include <cstring>
#include <memory>
#include <string>

#include "core/file.h"

namespace tradestat::core::testing {

enum class Fault { kEio, kEnospc, kShortWrite };

inline const char* FaultName(Fault f) {
  switch (f) {
    case Fault::kEio: return "EIO";
    case Fault::kEnospc: return "ENOSPC";
    case Fault::kShortWrite: return "short write";
  }
  return "?";
}

class FaultEnv final : public Env {
 public:
  FaultEnv(int fail_at, Fault fault) : fail_at_(fail_at), fault_(fault) {}

  int operations() const { return ops_; }
  bool fired() const { return fired_; }
  /// The operation that failed, e.g. "fsync-dir /tmp/s/data" (for test messages).
  const std::string& failed_operation() const { return failed_; }

  Result<std::unique_ptr<WritableFile>> NewFile(const std::string& path) override {
    if (Hit("create " + path)) return Error(path);
    TRADESTAT_ASSIGN_OR_RETURN(auto file, Env::Posix()->NewFile(path));
    return std::unique_ptr<WritableFile>(new File(this, std::move(file), path));
  }
  Status Rename(const std::string& from, const std::string& to) override {
    if (Hit("rename " + to)) return Error(to);
    return Env::Posix()->Rename(from, to);
  }
  Status Remove(const std::string& path) override {
    if (Hit("remove " + path)) return Error(path);
    return Env::Posix()->Remove(path);
  }
  Status MakeDir(const std::string& dir) override {
    if (Hit("mkdir " + dir)) return Error(dir);
    return Env::Posix()->MakeDir(dir);
  }
  Status SyncDir(const std::string& dir) override {
    if (Hit("fsync-dir " + dir)) return Error(dir);
    return Status::Ok();
  }

 private:
  class File final : public WritableFile {
   public:
    File(FaultEnv* env, std::unique_ptr<WritableFile> base, std::string path)
        : env_(env), base_(std::move(base)), path_(std::move(path)) {}
    Status Append(std::string_view data) override {
      if (env_->Hit("write " + path_)) {
        if (env_->fault_ == Fault::kShortWrite) base_->Append(data.substr(0, data.size() / 2));
        return env_->Error(path_);
      }
      return base_->Append(data);
    }
    Status Sync() override {
      if (env_->Hit("fsync " + path_)) return env_->Error(path_);
      return Status::Ok();
    }
    Status Close() override {
      if (env_->Hit("close " + path_)) {
        base_->Close();
        return env_->Error(path_);
      }
      return base_->Close();
    }

   private:
    FaultEnv* env_;
    std::unique_ptr<WritableFile> base_;
    std::string path_;
  };

  bool Hit(const std::string& what) {
    ++ops_;
    if (ops_ != fail_at_) return false;
    fired_ = true;
    failed_ = what;
    return true;
  }
  Status Error(const std::string& path) const {
    int code = fault_ == Fault::kEio ? EIO : ENOSPC;
    return Status::Io("injected fault on " + path + ": " + std::strerror(code));
  }

  int fail_at_;
  Fault fault_;
  int ops_ = 0;
  bool fired_ = false;
  std::string failed_;
};

}  // namespace tradestat::core::testing
