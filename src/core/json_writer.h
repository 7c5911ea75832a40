// core/json_writer.h: the one JSON writer: exact numbers written as decimal text (never through a
// double), strings escaped one way, objects and arrays compact or indented.
//
// Used by the query JSON (query/json.cc, which keeps its own line layout), its display objects
// (report/display_json.cc), `tradestat info --json` and /api/v1/info (server/store_info.cc) and
// the bulletin JSON (bulletin/render.cc).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace tradestat::core {

/// `s` as a JSON string literal, quotes included: `"` and `\` escaped, \b \f \n \r \t by their
/// short escapes, other control characters as \u00xx; everything else (UTF-8) as it is.
std::string JsonQuote(std::string_view s);
void AppendJsonQuoted(std::string& out, std::string_view s);
/// An exact amount in minor units with `scale` decimals as a JSON number ("-1234.50"): exact for
/// any 128-bit value (core::FormatScaled).
std::string JsonExact(__int128 minor_units, int scale);

/// Writes one JSON value. indent < 0: compact (no spaces). indent >= 0: each member or element on
/// its own line, `indent` spaces per level, ": " after keys, empty containers as {} and [] (the
/// layout of nlohmann::json::dump(indent), which the info and bulletin JSON kept).
class JsonWriter {
 public:
  explicit JsonWriter(int indent = -1) : indent_(indent) {}

  JsonWriter& BeginObject() { return Open('{', false); }
  JsonWriter& EndObject() { return Close('}'); }
  JsonWriter& BeginArray() { return Open('[', true); }
  JsonWriter& EndArray() { return Close(']'); }
  /// The next value is this member of the enclosing object.
  JsonWriter& Key(std::string_view key);

  JsonWriter& String(std::string_view v);
  JsonWriter& Int(int64_t v);
  JsonWriter& Uint(uint64_t v);
  /// An exact amount in minor units with `scale` decimals ("100.00"), core::FormatScaled.
  JsonWriter& Exact(__int128 minor_units, int scale);
  /// A number already written as JSON number text (exact decimals, "100.00"); empty = null.
  JsonWriter& Number(std::string_view text);
  JsonWriter& Bool(bool v);
  JsonWriter& Null();
  /// A value already written as JSON text.
  JsonWriter& Raw(std::string_view json);

  /// Shorthands for a member: Key(k) then the value.
  JsonWriter& Member(std::string_view k, std::string_view v) { return Key(k).String(v); }
  JsonWriter& Member(std::string_view k, const char* v) { return Key(k).String(v); }
  JsonWriter& Member(std::string_view k, const std::string& v) { return Key(k).String(v); }
  JsonWriter& MemberUint(std::string_view k, uint64_t v) { return Key(k).Uint(v); }
  JsonWriter& StringArray(const std::vector<std::string>& v);

  const std::string& str() const { return out_; }
  std::string Take() { return std::move(out_); }

 private:
  JsonWriter& Open(char c, bool array);
  JsonWriter& Close(char c);
  void BeforeValue();
  void NewLine(size_t depth);

  struct Level {
    bool array;
    bool empty;
  };
  std::vector<Level> stack_;
  std::string out_;
  int indent_;
  bool after_key_ = false;
};

}  // namespace tradestat::core
