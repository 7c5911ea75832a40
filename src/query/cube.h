// query/cube.h: the scan kernel. Sums one currency's values into a cube indexed by
// (slot, key, flow), where slot is the segment's period and key a mixed-radix code built from
// per-dimension lookup tables over dictionary codes.
//
// Each key dimension maps a dictionary code to class * stride (precomputed) or to kExcluded
// (the record is outside the scope). Tables may differ per "table set" (e.g. per HS edition
// year), chosen per segment. Segments are split into chunks scanned in parallel by
// core::ParallelFor into per-worker accumulators (dense arrays, or hash maps when the cube is
// large), merged afterwards. Sums are exact (__int128).
#pragma once

#include <atomic>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/status.h"
#include "store/segment_view.h"
#include "store/types.h"

namespace tradestat::query {

inline constexpr uint64_t kExcluded = uint64_t{1} << 40;

struct CubeDim {
  store::Dim dim = store::Dim::kPartner;
  uint32_t cardinality = 1;
  uint64_t stride = 1;
  /// tables[set][code] = class * stride, or kExcluded.
  std::vector<std::vector<uint64_t>> tables;
};

/// Limits one query's scan is held to, shared with the thread that enforces them (the server):
/// `cancel` set from outside stops the scan at the next chunk; more than `max_cells` result cells
/// (0 = no limit) stop it with InvalidArgument and set `exceeded`.
///
/// `max_bytes` (0 = no limit) bounds the estimated memory of one scan and fold: the cube's
/// accumulators (kDenseCellBytes per cell per worker for dense cubes, checked before the scan;
/// kSparseCellBytes per cell held in the hash maps, checked after every chunk as they grow), then
/// the cube plus the result rows being folded (BytesPerRow each, plus kSparseCellBytes per partner
/// tracked in a row, checked as each is added; partner sets, CubeSpec::partner_count, add a word
/// per 64 partners to each dense cell and to each row, an index entry and the words to each hash
/// cell). Going over stops the work with InvalidArgument, sets `bytes_exceeded` and records the
/// estimate in `bytes_needed`. Estimates, not measurements:
/// they are meant to stop a runaway query long before the machine runs short, and to name the
/// limit in the answer.
struct QueryBudget {
  std::atomic<bool> cancel{false};
  uint64_t max_cells = 0;
  std::atomic<bool> exceeded{false};
  uint64_t max_bytes = 0;
  std::atomic<bool> bytes_exceeded{false};
  std::atomic<uint64_t> bytes_needed{0};
  std::atomic<uint64_t> cube_bytes{0};  // the finished cube's estimate, counted again while folding

  /// True (and records `bytes`) if `bytes` is over max_bytes.
  bool OverBytes(uint64_t bytes) {
    if (max_bytes == 0 || bytes <= max_bytes) return false;
    uint64_t seen = bytes_needed.load(std::memory_order_relaxed);
    while (bytes > seen &&
           !bytes_needed.compare_exchange_weak(seen, bytes, std::memory_order_relaxed)) {
    }
    bytes_exceeded = true;
    return true;
  }
};

/// Memory estimates behind QueryBudget::max_bytes: one __int128 per dense cell per worker; a
/// hash-map cell (node with key, sum and link, plus its bucket slot, rounded up by the allocator).
inline constexpr uint64_t kDenseCellBytes = sizeof(__int128);
inline constexpr uint64_t kSparseCellBytes = 64;
/// The message for a query refused by QueryBudget::max_bytes; `limit_name` says whose limit it is
/// ("this server's limit (--max-query-bytes)"; nullptr = "the limit").
std::string TooManyBytesMessage(uint64_t needed, uint64_t limit, const char* limit_name);

struct CubeSpec {
  std::vector<CubeDim> dims;
  int currency = 0;
  /// Sum the quantity column (thousandths; records without a quantity are skipped) instead of
  /// the value in `currency`. Segments without a quantity column contribute nothing.
  bool sum_quantity = false;
  uint64_t key_count = 1;  // product of the cardinalities
  /// For each segment given to ScanCube: its slot and its table set.
  std::vector<uint32_t> segment_slot;
  std::vector<uint32_t> segment_table_set;
  uint32_t slot_count = 0;
  int threads = 0;                                // 0 = core::DefaultThreads()
  QueryBudget* budget = nullptr;                  // optional: cancellation and the cell limit
  uint64_t dense_cell_limit = uint64_t{1} << 21;  // larger cubes accumulate in hash maps
  /// Flows: -1 sums X and M records as cube flows 0 and 1 and leaves every "of which" flow out
  /// (RX, DX, ... are parts of X or M, never added to them); a store::Flow value >= 2 sums only
  /// that flow's records, as cube flow 0.
  int sub_flow = -1;
  /// > 0: the partner dictionary's size, and the scan also keeps, per cell, the set of partner
  /// codes with a record of non-zero value there (Cube::PartnerBits), so distinct partners are
  /// counted exactly however large the cube (values are never negative: a partner's sum is
  /// non-zero exactly when one of its records is). Ignored with sum_quantity.
  uint32_t partner_count = 0;

  /// Set strides and key_count from the cardinalities and premultiply the tables.
  void Finalize();
  uint64_t CellCount() const { return uint64_t{slot_count} * key_count * 2; }
};

/// Sums indexed by cell = (slot * key_count + key) * 2 + flow.
class Cube {
 public:
  bool dense() const { return !dense_.empty() || sparse_.empty(); }
  template <typename Fn>
  void ForEach(Fn&& fn) const {  // fn(slot, key, flow, sum) for non-zero cells
    if (!dense_.empty()) {
      for (uint64_t c = 0; c < dense_.size(); ++c)
        if (dense_[c] != 0)
          fn(c / 2 / key_count_, (c / 2) % key_count_, static_cast<int>(c & 1), dense_[c]);
    } else {
      for (const auto& [c, v] : sparse_)
        if (v != 0) fn(c / 2 / key_count_, (c / 2) % key_count_, static_cast<int>(c & 1), v);
    }
  }
  uint64_t key_count() const { return key_count_; }
  /// Words per partner set (0 = the cube has none: CubeSpec::partner_count was 0, or the backend
  /// does not keep them). Bit p of a set is partner code p.
  uint32_t partner_words() const { return partner_words_; }
  /// The partner set of one cell (partner_words() words), or nullptr when the cell has none.
  const uint64_t* PartnerBits(uint64_t cell) const {
    if (!partner_dense_.empty()) return partner_dense_.data() + cell * partner_words_;
    auto it = partner_index_.find(cell);
    return it == partner_index_.end() ? nullptr : partner_pool_.data() + it->second;
  }
  /// A cube summed elsewhere (a remote backend): cell = (slot * key_count + key) * 2 + flow.
  static Cube FromCells(uint64_t key_count, std::unordered_map<uint64_t, __int128> cells) {
    Cube c;
    c.key_count_ = key_count;
    c.sparse_ = std::move(cells);
    return c;
  }

 private:
  friend core::Result<Cube> ScanCube(const CubeSpec&, const std::vector<store::SegmentView>&);
  uint64_t key_count_ = 1;
  std::vector<__int128> dense_;
  std::unordered_map<uint64_t, __int128> sparse_;
  // Partner sets: one per cell in an array beside a dense cube, or by cell into a pool.
  uint32_t partner_words_ = 0;
  std::vector<uint64_t> partner_dense_;
  std::unordered_map<uint64_t, uint64_t> partner_index_;  // cell -> offset in partner_pool_
  std::vector<uint64_t> partner_pool_;
};

/// Cubes up to this many cells use dense per-worker arrays (CubeSpec::dense_cell_limit).
inline constexpr uint64_t kDenseCellLimit = uint64_t{1} << 21;

/// REQUIRES: spec.Finalize() was called; segment_slot/table_set sized like `segments`; the
/// segments carry the flow, value and key-dimension columns.
core::Result<Cube> ScanCube(const CubeSpec& spec, const std::vector<store::SegmentView>& segments);

}  // namespace tradestat::query
