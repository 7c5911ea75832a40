// core/file.h: the file-system operations the store relies on for durability, and mmap.
//
// Durability rule (docs/formats/store.md): a file is written under a temporary name, fsynced,
// renamed into place, and its directory fsynced. A crash at any moment leaves either the old or
// the new file, never a torn one.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/status.h"

namespace tradestat::core {

Result<std::string> ReadFileToString(const std::string& path);

/// Write `data` to `path` atomically and durably (tmp file, fsync, rename, fsync directory).
Status WriteFileDurably(const std::string& path, std::string_view data);

/// Write a new file that must not exist yet and fsync it (segment files are never overwritten).
Status WriteNewFile(const std::string& path, std::string_view data);

Status SyncDirectory(const std::string& dir);
Status MakeDirectories(const std::string& dir);
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
