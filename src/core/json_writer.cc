// core/json_writer.cc: JsonQuote and JsonWriter (layout rules in json_writer.h).
#include "core/json_writer.h"

#include <fmt/format.h>

#include "core/decimal.h"

namespace tradestat::core {

void AppendJsonQuoted(std::string& out, std::string_view s) {
  out += '"';
  for (unsigned char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c < 0x20)
          out += fmt::format("\\u{:04x}", c);
        else
          out += static_cast<char>(c);
    }
  }
  out += '"';
}

std::string JsonQuote(std::string_view s) {
  std::string out;
  out.reserve(s.size() + 2);
  AppendJsonQuoted(out, s);
  return out;
}

std::string JsonExact(__int128 minor_units, int scale) { return FormatScaled(minor_units, scale); }

void JsonWriter::NewLine(size_t depth) {
  out_ += '\n';
  out_.append(depth * static_cast<size_t>(indent_), ' ');
}

void JsonWriter::BeforeValue() {
  if (after_key_) {  // the separator was written with the key
    after_key_ = false;
    return;
  }
  if (stack_.empty()) return;
  Level& l = stack_.back();
  if (!l.empty) out_ += ',';
  l.empty = false;
  if (indent_ >= 0) NewLine(stack_.size());
}

JsonWriter& JsonWriter::Key(std::string_view key) {
  BeforeValue();
  AppendJsonQuoted(out_, key);
  out_ += indent_ >= 0 ? ": " : ":";
  after_key_ = true;
  return *this;
}

JsonWriter& JsonWriter::Open(char c, bool array) {
  BeforeValue();
  out_ += c;
  stack_.push_back({array, true});
  return *this;
}

JsonWriter& JsonWriter::Close(char c) {
  const bool empty = stack_.back().empty;
  stack_.pop_back();
  if (!empty && indent_ >= 0) NewLine(stack_.size());
  out_ += c;
  return *this;
}

JsonWriter& JsonWriter::String(std::string_view v) {
  BeforeValue();
  AppendJsonQuoted(out_, v);
  return *this;
}

JsonWriter& JsonWriter::Int(int64_t v) { return Raw(fmt::format("{}", v)); }
JsonWriter& JsonWriter::Uint(uint64_t v) { return Raw(fmt::format("{}", v)); }
JsonWriter& JsonWriter::Exact(__int128 minor_units, int scale) {
  return Raw(JsonExact(minor_units, scale));
}
JsonWriter& JsonWriter::Number(std::string_view text) { return Raw(text.empty() ? "null" : text); }
JsonWriter& JsonWriter::Bool(bool v) { return Raw(v ? "true" : "false"); }
JsonWriter& JsonWriter::Null() { return Raw("null"); }

JsonWriter& JsonWriter::Raw(std::string_view json) {
  BeforeValue();
  out_ += json;
  return *this;
}

JsonWriter& JsonWriter::StringArray(const std::vector<std::string>& v) {
  BeginArray();
  for (const std::string& s : v) String(s);
  return EndArray();
}

}  // namespace tradestat::core
