// ingest/input_file.cc: plain, gzip (zlib inflate) and zstd (streaming) decoders.
#include "ingest/input_file.h"

#include <sys/stat.h>
#include <zlib.h>
#include <zstd.h>

#include <cerrno>
#include <cstring>
#include <vector>

#include <fmt/format.h>

namespace tradestat::ingest {

using core::Result;
using core::Status;

struct InputFile::Decoder {
  std::vector<char> in = std::vector<char>(1 << 18);
  size_t in_pos = 0, in_len = 0;
  bool eof = false;
  z_stream z{};
  bool z_init = false;
  ZSTD_DCtx* zstd = nullptr;
  bool frame_done = true;
  ~Decoder() {
    if (z_init) inflateEnd(&z);
    if (zstd) ZSTD_freeDCtx(zstd);
  }
};

Result<std::unique_ptr<InputFile>> InputFile::Open(const std::string& path) {
  std::unique_ptr<InputFile> f(new InputFile());
  f->path_ = path;
  if (path == "-") {
    f->file_ = stdin;
    f->path_ = "<stdin>";
  } else {
    f->file_ = std::fopen(path.c_str(), "rb");
    if (!f->file_) {
      if (errno == ENOENT) return Status::NotFound(fmt::format("{}: no such file", path));
      return Status::Io(fmt::format("{}: cannot open: {}", path, std::strerror(errno)));
    }
    f->owns_file_ = true;
    struct stat st;
    if (::fstat(fileno(f->file_), &st) == 0) {
      if (S_ISDIR(st.st_mode))
        return Status::InvalidArgument(fmt::format("{}: is a directory, not a file", path));
      if (S_ISREG(st.st_mode)) f->disk_size_ = static_cast<uint64_t>(st.st_size);
    }
  }
  char magic[4] = {0};
  size_t n = std::fread(magic, 1, sizeof magic, f->file_);
  f->peeked_.assign(magic, n);
  f->disk_read_ = n;
  if (n >= 2 && static_cast<unsigned char>(magic[0]) == 0x1f &&
      static_cast<unsigned char>(magic[1]) == 0x8b) {
    f->codec_ = Codec::kGzip;
  } else if (n == 4 && std::memcmp(magic, "\x28\xb5\x2f\xfd", 4) == 0) {
    f->codec_ = Codec::kZstd;
  }
  if (f->codec_ != Codec::kNone) {
    f->decoder_ = std::make_unique<Decoder>();
    if (f->codec_ == Codec::kGzip) {
      if (inflateInit2(&f->decoder_->z, 15 + 32) != Z_OK)
        return Status::Internal("cannot initialise the gzip decoder");
      f->decoder_->z_init = true;
    } else {
      f->decoder_->zstd = ZSTD_createDCtx();
    }
  }
  return f;
}

InputFile::~InputFile() {
  if (owns_file_ && file_) std::fclose(file_);
}

std::string_view InputFile::compression() const {
  switch (codec_) {
    case Codec::kGzip: return "gzip";
    case Codec::kZstd: return "zstd";
    default: return "none";
  }
}

Result<size_t> InputFile::ReadRaw(char* buffer, size_t capacity) {
  size_t n = 0;
  if (!peeked_.empty()) {
    n = std::min(capacity, peeked_.size());
    std::memcpy(buffer, peeked_.data(), n);
    peeked_.erase(0, n);
    if (n == capacity) return n;
  }
  size_t got = std::fread(buffer + n, 1, capacity - n, file_);
  if (got < capacity - n && std::ferror(file_))
    return Status::Io(fmt::format("{}: read error: {}", path_, std::strerror(errno)));
  disk_read_ += got;
  return n + got;
}

Result<size_t> InputFile::Read(char* buffer, size_t capacity) {
  size_t out = 0;
  if (codec_ == Codec::kNone) {
    TRADESTAT_ASSIGN_OR_RETURN(out, ReadRaw(buffer, capacity));
  } else {
    Decoder& d = *decoder_;
    while (out == 0) {
      if (d.in_pos == d.in_len && !d.eof) {
        TRADESTAT_ASSIGN_OR_RETURN(d.in_len, ReadRaw(d.in.data(), d.in.size()));
        d.in_pos = 0;
        if (d.in_len == 0) d.eof = true;
      }
      if (d.in_pos == d.in_len && d.eof) {
        bool truncated = codec_ == Codec::kGzip ? d.z_init : !d.frame_done;
        if (truncated)
          return Status::Parse(fmt::format("{}: {} data is truncated (unexpected end of file)",
                                           path_, compression()));
        break;
      }
      if (codec_ == Codec::kGzip) {
        if (!d.z_init) {  // a concatenated gzip member follows
          if (inflateInit2(&d.z, 15 + 32) != Z_OK)
            return Status::Internal("cannot initialise the gzip decoder");
          d.z_init = true;
        }
        d.z.next_in = reinterpret_cast<Bytef*>(d.in.data() + d.in_pos);
        d.z.avail_in = static_cast<uInt>(d.in_len - d.in_pos);
        d.z.next_out = reinterpret_cast<Bytef*>(buffer);
        d.z.avail_out = static_cast<uInt>(capacity);
        int rc = inflate(&d.z, Z_NO_FLUSH);
        if (rc != Z_OK && rc != Z_STREAM_END && rc != Z_BUF_ERROR)
          return Status::Parse(fmt::format("{}: not valid gzip data ({})", path_,
                                           d.z.msg ? d.z.msg : "inflate failed"));
        d.in_pos = d.in_len - d.z.avail_in;
        out = capacity - d.z.avail_out;
        if (rc == Z_STREAM_END) {
          inflateEnd(&d.z);
          d.z = z_stream{};
          d.z_init = false;
        }
      } else {
        ZSTD_inBuffer in{d.in.data(), d.in_len, d.in_pos};
        ZSTD_outBuffer o{buffer, capacity, 0};
        size_t rc = ZSTD_decompressStream(d.zstd, &o, &in);
        if (ZSTD_isError(rc))
          return Status::Parse(
              fmt::format("{}: not valid zstd data ({})", path_, ZSTD_getErrorName(rc)));
        d.in_pos = in.pos;
        d.frame_done = rc == 0;
        out = o.pos;
      }
    }
  }
  hash_.Update(buffer, out);
  bytes_read_ += out;
  return out;
}

}  // namespace tradestat::ingest
