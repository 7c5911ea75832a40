// core/file.h: the file-system operations the store relies on for durability, and mmap.
//
// Durability rule (docs/formats/store.md): a file is written under a temporary name, fsynced,
// renamed into place, and its directory fsynced. A crash at any moment leaves either the old or
// the new file, never a torn one.
//
// Every write goes through an Env (LevelDB's Env idea): the POSIX one by default, a
// fault-injecting one in tests (core/testing/fault_env.h) that fails the Nth call.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "core/status.h"

namespace tradestat::core {

/// A file opened for writing through an Env.
class WritableFile {
 public:
  virtual ~WritableFile() = default;
  virtual Status Append(std::string_view data) = 0;
  virtual Status Sync() = 0;
  virtual Status Close() = 0;  // also done by the destructor (errors then ignored)
};

/// The write side of the file system: every store write uses these calls and nothing else.
class Env {
 public:
  virtual ~Env() = default;
  /// Create `path`, which must not exist yet (O_EXCL).
  virtual Result<std::unique_ptr<WritableFile>> NewFile(const std::string& path) = 0;
  virtual Status Rename(const std::string& from, const std::string& to) = 0;
  /// Remove a file; a missing file is not an error.
  virtual Status Remove(const std::string& path) = 0;
  /// Create one directory level; an existing directory is not an error.
  virtual Status MakeDir(const std::string& dir) = 0;
  virtual Status SyncDir(const std::string& dir) = 0;

  static Env* Posix();
  /// The Env the functions below use: Posix() unless a test installed another (ScopedEnv).
  static Env* Current();
};

/// Installs `env` as Env::Current() for its lifetime (tests only; not thread-safe).
class ScopedEnv {
 public:
  explicit ScopedEnv(Env* env);
  ~ScopedEnv();
  ScopedEnv(const ScopedEnv&) = delete;
  ScopedEnv& operator=(const ScopedEnv&) = delete;

 private:
  Env* previous_;
};

Result<std::string> ReadFileToString(const std::string& path);

/// Write `data` to `path` atomically and durably (tmp file, fsync, rename, fsync directory).
/// `*renamed` (if given) tells whether the rename happened: then the new content is in place
/// even when the status reports that the directory fsync failed.
Status WriteFileDurably(const std::string& path, std::string_view data, bool* renamed = nullptr);

/// Write a new file that must not exist yet and fsync it (segment files are never overwritten).
Status WriteNewFile(const std::string& path, std::string_view data);

Status SyncDirectory(const std::string& dir);
/// Create `dir` and its missing parents; each directory created is recorded durably (its parent
/// is fsynced).
Status MakeDirectories(const std::string& dir);
/// Remove a file, ignoring a missing one; never throws.
Status RemoveFile(const std::string& path);
bool PathExists(const std::string& path);
Result<uint64_t> FileSize(const std::string& path);

/// A read-only memory map of a whole file. Move-only; unmaps on destruction.
class MappedFile {
 public:
  MappedFile() = default;
  ~MappedFile();
  MappedFile(MappedFile&& other) noexcept;
  MappedFile& operator=(MappedFile&& other) noexcept;
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;

  static Result<MappedFile> Open(const std::string& path);

  const uint8_t* data() const { return data_; }
  size_t size() const { return size_; }
  std::string_view view() const { return {reinterpret_cast<const char*>(data_), size_}; }

 private:
  const uint8_t* data_ = nullptr;
  size_t size_ = 0;
};

/// An exclusive advisory lock on a file (flock), released on destruction. Serialises writers.
class FileLock {
 public:
  FileLock() = default;
  ~FileLock();
  FileLock(FileLock&& other) noexcept : fd_(other.fd_) { other.fd_ = -1; }
  FileLock& operator=(FileLock&& other) noexcept;
  FileLock(const FileLock&) = delete;
  FileLock& operator=(const FileLock&) = delete;
  /// Blocks until the lock is held.
  static Result<FileLock> Acquire(const std::string& path);

 private:
  int fd_ = -1;
};

}  // namespace tradestat::core
