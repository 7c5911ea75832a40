// ingest/csv_reader.cc: the record splitter; the inner loop of every load.
#include "ingest/csv_reader.h"

#include <cstring>

#include <fmt/format.h>

namespace tradestat::ingest {

using core::Result;
using core::Status;

CsvReader::CsvReader(InputFile* input, char separator, size_t block_bytes)
    : input_(input), sep_(separator) {
  buf_.resize(block_bytes < 16 ? 16 : block_bytes);
}

Status CsvReader::Refill() {
  // Keep the unconsumed tail, then fill the rest of the buffer (grow if the tail fills it).
  if (pos_ > 0) {
    std::memmove(buf_.data(), buf_.data() + pos_, end_ - pos_);
    end_ -= pos_;
    pos_ = 0;
  }
  if (end_ == buf_.size()) {
    // The unconsumed tail is one record that fills the buffer: grow it, up to the record limit.
    if (buf_.size() >= kMaxRecordBytes)
      return Status::Parse(
          fmt::format("{}:{}: record longer than {} MiB (no line end found); is this a CSV file "
                      "with one record per "
                      "line? An unclosed quote also joins every following line into one record",
                      input_->path(), line_, kMaxRecordBytes >> 20));
    buf_.resize(buf_.size() * 2);
  }
  TRADESTAT_ASSIGN_OR_RETURN(size_t n, input_->Read(buf_.data() + end_, buf_.size() - end_));
  if (n == 0) eof_ = true;
  end_ += n;
  if (first_ && end_ >= 3 && std::memcmp(buf_.data(), "\xEF\xBB\xBF", 3) == 0) pos_ = 3;
  if (first_ && (end_ >= 3 || eof_)) first_ = false;
  return Status::Ok();
}

Result<bool> CsvReader::Next(std::vector<std::string_view>* fields) {
  struct Span {
    size_t begin, end;
    bool quoted;
    bool escaped;  // contains "" that must be unescaped
  };
  static thread_local std::vector<Span> spans;
  for (;;) {
    if (pos_ == end_) {
      if (eof_) return false;
      TRADESTAT_RETURN_IF_ERROR(Refill());
      continue;
    }
    spans.clear();
    size_t i = pos_;
    bool need_more = false;
    for (;;) {  // one field per iteration
      size_t begin = i;
      bool quoted = i < end_ && buf_[i] == '"';
      bool escaped = false;
      if (quoted) {
        ++i;
        bool closed = false;
        for (;;) {
          const void* q = i < end_ ? std::memchr(buf_.data() + i, '"', end_ - i) : nullptr;
          if (q == nullptr) break;
          size_t qi = static_cast<size_t>(static_cast<const char*>(q) - buf_.data());
          if (qi + 1 < end_ && buf_[qi + 1] == '"') {
            escaped = true;
            i = qi + 2;
            continue;
          }
          if (qi + 1 == end_ && !eof_) break;  // cannot tell "" from a closing quote yet
          i = qi + 1;
          closed = true;
          break;
        }
        if (!closed) {
          if (eof_)
            return Status::Parse(
                fmt::format("{}:{}: unterminated quoted field; close the quote or remove it",
                            input_->path(), line_));
          need_more = true;
          break;
        }
      }
      while (i < end_ && buf_[i] != sep_ && buf_[i] != '\n') ++i;
      if (i == end_ && !eof_) {
        need_more = true;
        break;
      }
      size_t end = i;
      if (end > begin && buf_[end - 1] == '\r') --end;
      spans.push_back({begin, end, quoted, escaped});
      if (i < end_ && buf_[i] == sep_) {
        ++i;
        continue;
      }
      if (i < end_) ++i;  // the newline
      break;
    }
    if (need_more) {
      TRADESTAT_RETURN_IF_ERROR(Refill());
      continue;
    }
    size_t line_start = pos_;
    pos_ = i;
    record_line_ = line_;
    line_ += 1;
    for (const Span& sp : spans)
      if (sp.quoted)
        for (size_t k = sp.begin; k < sp.end; ++k) line_ += buf_[k] == '\n';
    if (spans.size() == 1 && spans[0].begin == spans[0].end) continue;  // blank line

    fields->clear();
    starts_.clear();
    scratch_.clear();
    scratch_.reserve(i - line_start);  // views into scratch_ must not move
    for (const Span& sp : spans) {
      starts_.push_back(sp.begin - line_start);
      std::string_view raw(buf_.data() + sp.begin, sp.end - sp.begin);
      if (!sp.quoted) {
        fields->push_back(raw);
        continue;
      }
      size_t close = raw.rfind('"');
      std::string_view inner = raw.substr(1, close - 1);
      std::string_view tail = raw.substr(close + 1);  // text after the closing quote, kept as is
      if (!sp.escaped && tail.empty()) {
        fields->push_back(inner);
        continue;
      }
      size_t at = scratch_.size();
      for (size_t k = 0; k < inner.size(); ++k) {
        scratch_.push_back(inner[k]);
        if (inner[k] == '"' && k + 1 < inner.size() && inner[k + 1] == '"') ++k;
      }
      scratch_.append(tail);
      fields->push_back(std::string_view(scratch_.data() + at, scratch_.size() - at));
    }
    return true;
  }
}

}  // namespace tradestat::ingest
