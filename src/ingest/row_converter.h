// ingest/row_converter.h: RowConverter, validates canonical CSV records into a RowBatch.
//
// Each dimension value is normalised (partner "US" -> "USA", commodity "8507.60" -> "850760")
// and interned once per distinct raw text: a per-column cache maps the raw text to its code
// or to its error, so reference lookups never run per row. Invalid fields become Problems with
// file, line, column and the offending value; the row is dropped and the load refused.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "ingest/canonical_schema.h"
#include "ingest/code_cache.h"
#include "refdata/reference.h"
#include "store/dictionary.h"
#include "store/row_batch.h"

namespace tradestat::ingest {

/// One thing wrong with the input, as the user will read it.
struct Problem {
  std::string file;
  uint64_t line = 0;
  uint64_t column = 0;  // 1-based byte column; 0 = whole line
  std::string message;  // "value_cny: more than 2 decimals ... (value \"1.234\")"

  std::string ToString() const;
};

/// Keeps the first `limit` problems and counts the rest.
class ProblemList {
 public:
  explicit ProblemList(size_t limit = 20) : limit_(limit) {}
  void Add(Problem p) {
    ++count_;
    if (kept_.size() < limit_) kept_.push_back(std::move(p));
  }
  uint64_t count() const { return count_; }
  const std::vector<Problem>& kept() const { return kept_; }
  /// "first 20 problems" text plus "... and N more problems".
  std::string Format() const;

 private:
  size_t limit_;
  uint64_t count_ = 0;
  std::vector<Problem> kept_;
};

class RowConverter {
 public:
  /// `dictionaries` are the dataset's (LoadTransaction::dictionary), indexed by store::Dim.
  RowConverter(const refdata::Reference& reference, std::vector<store::Dictionary*> dictionaries);

  /// Start a new input file with its bound header.
  void BeginFile(const std::string& file, const ColumnBinding& binding);

  /// Parse money at `scale` decimals (the dataset's money scale). With `fixed` false (a new
  /// dataset whose scale was not declared) a value with more decimals, up to
  /// store::kMaxMoneyScale, is no problem but raises needed_money_scale(): the loader then loads
  /// again at that precision. With `fixed` true it is a problem ending with `fixed_why`.
  void SetMoneyScale(int scale, bool fixed, std::string fixed_why);
  /// The most decimals a value needed beyond the money scale (0 when none did).
  int needed_money_scale() const { return needed_scale_; }
  /// Why `text`, which has more decimals than the money scale, cannot be stored as is (empty
  /// when the scale may still grow: needed_money_scale() then counts it).
  std::string MoneyDecimalsProblem(std::string_view text);
  /// The same for a value with `decimals` significant decimals.
  std::string MoneyDecimalsProblem(int decimals);

  /// Validate one record; append it to `out` or add problems to `problems`.
  /// `column_of(i)` gives the byte column of field i for messages.
  template <typename ColumnOf>
  void Convert(const std::vector<std::string_view>& fields, uint64_t line, ColumnOf column_of,
               store::RowBatch* out, ProblemList* problems);

 private:
  struct CacheEntry {
    uint32_t code;
    int32_t error;  // -1 = valid, else index into errors_
  };
  using Cache = CodeCache<CacheEntry>;
  CacheEntry Lookup(Field field, std::string_view raw);
  CacheEntry Normalize(Field field, std::string_view raw);

  const refdata::Reference& ref_;
  std::vector<store::Dictionary*> dicts_;
  std::string file_;
  ColumnBinding binding_;
  Cache caches_[9];
  std::vector<std::string> errors_;
  int money_scale_ = store::kMoneyScale;
  bool scale_fixed_ = true;
  std::string fixed_why_;
  int needed_scale_ = 0;
};

}  // namespace tradestat::ingest

#include "ingest/row_converter_inl.h"
