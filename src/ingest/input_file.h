// ingest/input_file.h: InputFile, a streaming reader of plain, gzip or zstd input (or stdin).
//
// Reads in fixed-size blocks so memory stays bounded for inputs of any size, hashes the
// decompressed bytes as it goes (the identity used to refuse double loads), and counts raw
// bytes read for progress. Compression is recognised by content (magic bytes), not only by the
// file name, so "-" can be compressed too.
#pragma once

#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>

#include "core/hash.h"
#include "core/status.h"

namespace tradestat::ingest {

class InputFile {
 public:
  /// Opens `path` ("-" = standard input). NotFound/Io with the path in the message.
  static core::Result<std::unique_ptr<InputFile>> Open(const std::string& path);
  ~InputFile();

  /// Read up to `capacity` decompressed bytes into `buffer`; 0 at end of input.
  core::Result<size_t> Read(char* buffer, size_t capacity);

  const std::string& path() const { return path_; }
  /// Size of the file on disk (compressed), or 0 when unknown (stdin, pipes).
  uint64_t disk_size() const { return disk_size_; }
  /// Compressed bytes consumed so far (for progress against disk_size()).
  uint64_t disk_bytes_read() const { return disk_read_; }
  uint64_t bytes_read() const { return bytes_read_; }
  /// XXH3-64 of all decompressed bytes read so far.
  uint64_t ContentHash() const { return hash_.Digest(); }
  std::string_view compression() const;

 private:
  enum class Codec { kNone, kGzip, kZstd };
  struct Decoder;
  InputFile() = default;
  core::Result<size_t> ReadRaw(char* buffer, size_t capacity);

  std::string path_;
  FILE* file_ = nullptr;
  bool owns_file_ = false;
  Codec codec_ = Codec::kNone;
  std::unique_ptr<Decoder> decoder_;
  uint64_t disk_size_ = 0;
  uint64_t disk_read_ = 0;
  uint64_t bytes_read_ = 0;
  core::StreamingHash hash_;
  std::string peeked_;  // magic bytes read ahead before choosing the codec
};

}  // namespace tradestat::ingest
