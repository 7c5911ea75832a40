// core/file.cc: POSIX implementation of durable writes, mmap and locks.
#include "core/file.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <vector>

#include <fmt/format.h>

namespace tradestat::core {
namespace {

Status Errno(std::string_view what, const std::string& path) {
  return Status::Io(fmt::format("{} {}: {}", what, path, std::strerror(errno)));
}

Status WriteAll(int fd, std::string_view data, const std::string& path) {
  const char* p = data.data();
  size_t left = data.size();
  while (left > 0) {
    ssize_t n = ::write(fd, p, left);
    if (n < 0) {
      if (errno == EINTR) continue;
      return Errno("cannot write", path);
    }
    p += n;
    left -= static_cast<size_t>(n);
  }
  return Status::Ok();
}

std::string ParentDir(const std::string& path) {
  auto parent = std::filesystem::path(path).parent_path().string();
  return parent.empty() ? "." : parent;
}

}  // namespace

Result<std::string> ReadFileToString(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return Errno("cannot open", path);
  std::string out;
  char buf[1 << 16];
  for (;;) {
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0) {
      if (errno == EINTR) continue;
      Status st = Errno("cannot read", path);
      ::close(fd);
      return st;
    }
    if (n == 0) break;
    out.append(buf, static_cast<size_t>(n));
  }
  ::close(fd);
  return out;
}

namespace {

class PosixFile final : public WritableFile {
 public:
  PosixFile(int fd, std::string path) : fd_(fd), path_(std::move(path)) {}
  ~PosixFile() override {
    if (fd_ >= 0) ::close(fd_);
  }
  Status Append(std::string_view data) override { return WriteAll(fd_, data, path_); }
  Status Sync() override {
    if (::fsync(fd_) != 0) return Errno("cannot fsync", path_);
    return Status::Ok();
  }
  Status Close() override {
    int fd = fd_;
    fd_ = -1;
    if (fd >= 0 && ::close(fd) != 0) return Errno("cannot close", path_);
    return Status::Ok();
  }

 private:
  int fd_;
  std::string path_;
};

class PosixEnv final : public Env {
 public:
  Result<std::unique_ptr<WritableFile>> NewFile(const std::string& path) override {
    int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd < 0) return Errno("cannot create", path);
    return std::unique_ptr<WritableFile>(new PosixFile(fd, path));
  }
  Status Rename(const std::string& from, const std::string& to) override {
    if (::rename(from.c_str(), to.c_str()) != 0) return Errno("cannot rename into", to);
    return Status::Ok();
  }
  Status Remove(const std::string& path) override {
    if (::unlink(path.c_str()) != 0 && errno != ENOENT) return Errno("cannot remove", path);
    return Status::Ok();
  }
  Status MakeDir(const std::string& dir) override {
    if (::mkdir(dir.c_str(), 0755) != 0) {
      struct stat st;
      if (errno == EEXIST && ::stat(dir.c_str(), &st) == 0 && S_ISDIR(st.st_mode))
        return Status::Ok();
      return Errno("cannot create directory", dir);
    }
    return Status::Ok();
  }
  Status SyncDir(const std::string& dir) override {
    int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return Errno("cannot open directory", dir);
    int rc = ::fsync(fd);
    ::close(fd);
    if (rc != 0) return Errno("cannot fsync directory", dir);
    return Status::Ok();
  }
};

Env* g_current_env = nullptr;

}  // namespace

Env* Env::Posix() {
  static PosixEnv env;
  return &env;
}

Env* Env::Current() { return g_current_env != nullptr ? g_current_env : Posix(); }

ScopedEnv::ScopedEnv(Env* env) : previous_(g_current_env) { g_current_env = env; }
ScopedEnv::~ScopedEnv() { g_current_env = previous_; }

Status SyncDirectory(const std::string& dir) { return Env::Current()->SyncDir(dir); }

Status WriteNewFile(const std::string& path, std::string_view data) {
  Env* env = Env::Current();
  TRADESTAT_ASSIGN_OR_RETURN(std::unique_ptr<WritableFile> file, env->NewFile(path));
  Status st = file->Append(data);
  if (st.ok()) st = file->Sync();
  Status closed = file->Close();
  if (st.ok()) st = closed;
  return st;
}

Status WriteFileDurably(const std::string& path, std::string_view data, bool* renamed) {
  if (renamed != nullptr) *renamed = false;
  Env* env = Env::Current();
  std::string tmp = path + ".tmp";
  TRADESTAT_RETURN_IF_ERROR(env->Remove(tmp));
  TRADESTAT_RETURN_IF_ERROR(WriteNewFile(tmp, data));
  Status st = env->Rename(tmp, path);
  if (!st.ok()) {
    (void)env->Remove(tmp);  // best effort; a leftover .tmp is removed by the next writer
    return st;
  }
  if (renamed != nullptr) *renamed = true;
  return env->SyncDir(ParentDir(path));
}

Status MakeDirectories(const std::string& dir) {
  std::error_code ec;
  std::filesystem::path target(dir);
  if (std::filesystem::is_directory(target, ec)) return Status::Ok();
  // Create the missing levels from the top down; fsync each new directory's parent so the new
  // entry survives a crash.
  std::vector<std::filesystem::path> missing;
  for (std::filesystem::path p = target; !p.empty(); p = p.parent_path()) {
    if (std::filesystem::exists(p, ec)) break;
    missing.push_back(p);
    if (p == p.parent_path()) break;
  }
  Env* env = Env::Current();
  for (auto it = missing.rbegin(); it != missing.rend(); ++it) {
    TRADESTAT_RETURN_IF_ERROR(env->MakeDir(it->string()));
    std::string parent = it->parent_path().string();
    TRADESTAT_RETURN_IF_ERROR(env->SyncDir(parent.empty() ? "." : parent));
  }
  return Status::Ok();
}

Status RemoveFile(const std::string& path) { return Env::Current()->Remove(path); }

bool PathExists(const std::string& path) {
  struct stat st;
  return ::stat(path.c_str(), &st) == 0;
}

Result<uint64_t> FileSize(const std::string& path) {
  struct stat st;
  if (::stat(path.c_str(), &st) != 0) return Errno("cannot stat", path);
  return static_cast<uint64_t>(st.st_size);
}

MappedFile::~MappedFile() {
  if (data_ != nullptr && size_ > 0) ::munmap(const_cast<uint8_t*>(data_), size_);
}

MappedFile::MappedFile(MappedFile&& other) noexcept : data_(other.data_), size_(other.size_) {
  other.data_ = nullptr;
  other.size_ = 0;
}

MappedFile& MappedFile::operator=(MappedFile&& other) noexcept {
  if (this != &other) {
    if (data_ != nullptr && size_ > 0) ::munmap(const_cast<uint8_t*>(data_), size_);
    data_ = other.data_;
    size_ = other.size_;
    other.data_ = nullptr;
    other.size_ = 0;
  }
  return *this;
}

Result<MappedFile> MappedFile::Open(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return Errno("cannot open", path);
  struct stat st;
  if (::fstat(fd, &st) != 0) {
    Status s = Errno("cannot stat", path);
    ::close(fd);
    return s;
  }
  MappedFile f;
  f.size_ = static_cast<size_t>(st.st_size);
  if (f.size_ > 0) {
    void* p = ::mmap(nullptr, f.size_, PROT_READ, MAP_SHARED, fd, 0);
    if (p == MAP_FAILED) {
      Status s = Errno("cannot mmap", path);
      ::close(fd);
      return s;
    }
    f.data_ = static_cast<const uint8_t*>(p);
  }
  ::close(fd);
  return f;
}

FileLock::~FileLock() {
  if (fd_ >= 0) {
    ::flock(fd_, LOCK_UN);
    ::close(fd_);
  }
}

FileLock& FileLock::operator=(FileLock&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) {
      ::flock(fd_, LOCK_UN);
      ::close(fd_);
    }
    fd_ = other.fd_;
    other.fd_ = -1;
  }
  return *this;
}

Result<FileLock> FileLock::Acquire(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) return Errno("cannot open lock file", path);
  while (::flock(fd, LOCK_EX) != 0) {
    if (errno != EINTR) {
      Status s = Errno("cannot lock", path);
      ::close(fd);
      return s;
    }
  }
  FileLock lock;
  lock.fd_ = fd;
  return lock;
}

}  // namespace tradestat::core
