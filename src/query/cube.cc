// query/cube.cc: the tight loops. Specialised on the number of 16-bit key columns and on
// whether the 32-bit commodity column is a key, so the inner loop is a few table lookups,
// one bounds-free add into an __int128 cell, and no branches but the scope check.
#include "query/cube.h"

#include <algorithm>
#include <array>
#include <mutex>
#include <type_traits>

#include <fmt/format.h>

#include "core/parallel.h"

namespace tradestat::query {
namespace {

constexpr uint64_t kChunkRows = uint64_t{1} << 16;
static_assert(kChunkRows % store::kBlockRows == 0, "chunks start on block boundaries");

struct Task {
  uint32_t segment;
  uint64_t begin, end;
};

// One column of one segment as the scan reads it: in place (raw, or decoded whole) or packed,
// one block at a time into a small per-thread buffer.
struct Source {
  const void* raw = nullptr;
  const store::PackedColumn* packed = nullptr;
  bool present() const { return raw != nullptr || packed != nullptr; }
  template <typename T>
  const T* Block(uint64_t block, uint64_t start, T* buffer) const {
    if (raw != nullptr) return static_cast<const T*>(raw) + start;
    store::DecodeBlock(*packed, block, buffer);
    return buffer;
  }
};

Source SourceOf(const store::SegmentView& s, store::ColumnId id, const void* raw) {
  return {raw, raw ? nullptr : s.packed[static_cast<size_t>(id)]};
}

// Block buffers of one scanning thread (about 84 KiB: stays in L2 while a block is summed).
struct BlockBuffers {
  alignas(64) std::array<std::array<uint16_t, store::kBlockRows>, 4> c16;
  alignas(64) std::array<uint32_t, store::kBlockRows> c32;
  alignas(64) std::array<uint8_t, store::kBlockRows> flow;
  alignas(64) std::array<int64_t, store::kBlockRows> value;
  // A block holding "of which" flows (RX, DX, ...): flows and values with the records the query
  // leaves out set to a value of nothing (CubeSpec::sub_flow).
  alignas(64) std::array<uint8_t, store::kBlockRows> kept_flow;
  alignas(64) std::array<int64_t, store::kBlockRows> kept_value;
};

// Keep only the flows the query sums: X and M (sub_flow < 0) or one "of which" flow, as flow 0.
// Left-out records add 0 (or "no quantity"). Blocks of X and M only are used as they are.
void SelectFlows(int sub_flow, bool quantity, uint64_t n, const uint8_t*& flow,
                 const int64_t*& value, BlockBuffers& buf) {
  if (sub_flow < 0) {
    uint8_t other = 0;
    for (uint64_t i = 0; i < n; ++i) other |= static_cast<uint8_t>(flow[i] & 0xFE);
    if (other == 0) return;
  }
  const int64_t none = quantity ? store::kNoQuantity : 0;
  for (uint64_t i = 0; i < n; ++i) {
    const bool keep = sub_flow < 0 ? flow[i] <= 1 : flow[i] == sub_flow;
    buf.kept_flow[i] = sub_flow < 0 && keep ? flow[i] : 0;
    buf.kept_value[i] = keep ? value[i] : none;
  }
  flow = buf.kept_flow.data();
  value = buf.kept_value.data();
}

const uint16_t* Column16(const store::SegmentView& s, store::Dim d) {
  switch (d) {
    case store::Dim::kReporter: return s.reporter;
    case store::Dim::kPartner: return s.partner;
    case store::Dim::kTradeMode: return s.trade_mode;
    case store::Dim::kEnterpriseType: return s.enterprise_type;
    case store::Dim::kUnit: return s.unit;
    case store::Dim::kCommodity: return nullptr;
  }
  return nullptr;
}

// Accumulate rows [b, e) of one segment. `Sink` is the dense array or a hash map.
template <int N16, bool kCommodity, typename Sink>
void ScanRange(const std::array<const uint16_t*, 4>& c16, const std::array<const uint64_t*, 4>& t16,
               const uint32_t* c32, const uint64_t* t32, const uint8_t* flow, const int64_t* value,
               uint64_t b, uint64_t e, uint64_t slot_base, Sink&& sink) {
  for (uint64_t i = b; i < e; ++i) {
    uint64_t k = 0;
    if constexpr (N16 > 0) k += t16[0][c16[0][i]];
    if constexpr (N16 > 1) k += t16[1][c16[1][i]];
    if constexpr (N16 > 2) k += t16[2][c16[2][i]];
    if constexpr (N16 > 3) k += t16[3][c16[3][i]];
    if constexpr (kCommodity) k += t32[c32[i]];
    if (N16 + (kCommodity ? 1 : 0) > 0 && k >= kExcluded) continue;
    if constexpr (std::is_invocable_v<Sink&, uint64_t, int64_t, uint64_t>)
      sink((slot_base + k) * 2 + flow[i], value[i], i);  // partner sets read the record's partner
    else
      sink((slot_base + k) * 2 + flow[i], value[i]);
  }
}

template <typename Sink>
void Dispatch(int n16, bool commodity, const std::array<const uint16_t*, 4>& c16,
              const std::array<const uint64_t*, 4>& t16, const uint32_t* c32, const uint64_t* t32,
              const uint8_t* flow, const int64_t* value, uint64_t b, uint64_t e, uint64_t base,
              Sink&& sink) {
#define TRADESTAT_SCAN(N, C) ScanRange<N, C>(c16, t16, c32, t32, flow, value, b, e, base, sink)
  if (commodity) {
    switch (n16) {
      case 0: TRADESTAT_SCAN(0, true); return;
      case 1: TRADESTAT_SCAN(1, true); return;
      case 2: TRADESTAT_SCAN(2, true); return;
      case 3: TRADESTAT_SCAN(3, true); return;
      default: TRADESTAT_SCAN(4, true); return;
    }
  }
  switch (n16) {
    case 0: TRADESTAT_SCAN(0, false); return;
    case 1: TRADESTAT_SCAN(1, false); return;
    case 2: TRADESTAT_SCAN(2, false); return;
    case 3: TRADESTAT_SCAN(3, false); return;
    default: TRADESTAT_SCAN(4, false); return;
  }
#undef TRADESTAT_SCAN
}

}  // namespace

void CubeSpec::Finalize() {
  uint64_t stride = 1;
  for (CubeDim& d : dims) {
    d.stride = stride;
    for (auto& table : d.tables)
      for (uint64_t& v : table)
        if (v != kExcluded) v *= stride;
    stride *= std::max<uint32_t>(d.cardinality, 1);
  }
  key_count = stride;
}

core::Result<Cube> ScanCube(const CubeSpec& spec, const std::vector<store::SegmentView>& segments) {
  Cube cube;
  cube.key_count_ = spec.key_count;
  int n16 = 0;
  int commodity_dim = -1;
  std::array<int, 4> dim16{};
  for (size_t d = 0; d < spec.dims.size(); ++d) {
    if (spec.dims[d].dim == store::Dim::kCommodity) {
      commodity_dim = static_cast<int>(d);
    } else {
      if (n16 == 4) return core::Status::Internal("cube: more than four 16-bit key dimensions");
      dim16[n16++] = static_cast<int>(d);
    }
  }
  std::vector<Task> tasks;
  for (uint32_t s = 0; s < segments.size(); ++s)
    for (uint64_t b = 0; b < segments[s].rows; b += kChunkRows)
      tasks.push_back({s, b, std::min(segments[s].rows, b + kChunkRows)});

  int threads = spec.threads > 0 ? spec.threads : core::DefaultThreads();
  threads = std::max(1, std::min<int>(threads, static_cast<int>(tasks.size())));
  const bool dense = spec.CellCount() <= spec.dense_cell_limit;
  std::vector<std::vector<__int128>> dense_acc(dense ? threads : 0);
  std::vector<std::unordered_map<uint64_t, __int128>> sparse_acc(dense ? 0 : threads);
  std::vector<char> missing(threads, 0);
  // Partner sets (CubeSpec::partner_count): per worker, one bit per partner code per cell, beside
  // the sums (an array for dense cubes, a pool indexed by cell for hash cubes); ORed after.
  const uint32_t pw = spec.sum_quantity ? 0 : (spec.partner_count + 63) / 64;
  struct PartnerSparse {
    std::unordered_map<uint64_t, uint64_t> index;  // cell -> offset in pool
    std::vector<uint64_t> pool;
  };
  std::vector<std::vector<uint64_t>> partner_dense(dense && pw > 0 ? threads : 0);
  std::vector<PartnerSparse> partner_sparse(!dense && pw > 0 ? threads : 0);
  int partner16 = -1;  // the partner column among the 16-bit key columns, if it is one
  for (int i = 0; i < n16; ++i)
    if (spec.dims[dim16[i]].dim == store::Dim::kPartner) partner16 = i;
  const uint64_t dense_cell_bytes = kDenseCellBytes + uint64_t{pw} * sizeof(uint64_t);
  const uint64_t sparse_cell_bytes =
      kSparseCellBytes + (pw > 0 ? kSparseCellBytes + uint64_t{pw} * sizeof(uint64_t) : 0);
  QueryBudget* budget = spec.budget;
  const uint64_t max_cells = budget ? budget->max_cells : 0;
  if (budget && max_cells > 0 && dense && spec.CellCount() > max_cells) budget->exceeded = true;
  // The byte limit (QueryBudget::max_bytes): dense accumulators are one array per worker, known
  // now; hash-map cells are counted after each chunk (sparse_cells, summed over the workers).
  if (budget && dense)
    (void)budget->OverBytes(uint64_t(threads) * spec.CellCount() * dense_cell_bytes);
  std::atomic<uint64_t> sparse_cells{0};
  std::vector<uint64_t> sparse_counted(dense ? 0 : threads, 0);
  auto stopped = [budget] {
    return budget && (budget->cancel.load(std::memory_order_relaxed) ||
                      budget->exceeded.load(std::memory_order_relaxed) ||
                      budget->bytes_exceeded.load(std::memory_order_relaxed));
  };

  core::ParallelFor(
      tasks.size(),
      [&](size_t t, int worker) {
        if (stopped()) return;  // cancelled or over the cell limit: skip the remaining chunks
        const Task& task = tasks[t];
        const store::SegmentView& seg = segments[task.segment];
        const uint32_t set = spec.segment_table_set[task.segment];
        std::array<Source, 4> s16{};
        std::array<const uint64_t*, 4> t16{};
        for (int i = 0; i < n16; ++i) {
          const CubeDim& cd = spec.dims[dim16[i]];
          s16[i] = SourceOf(seg, store::DimColumn(cd.dim), Column16(seg, cd.dim));
          t16[i] = cd.tables[std::min<size_t>(set, cd.tables.size() - 1)].data();
          if (!s16[i].present()) missing[worker] = 1;
        }
        Source s32;
        const uint64_t* t32 = nullptr;
        if (commodity_dim >= 0) {
          const CubeDim& cd = spec.dims[commodity_dim];
          s32 = SourceOf(seg, store::ColumnId::kCommodity, seg.commodity);
          t32 = cd.tables[std::min<size_t>(set, cd.tables.size() - 1)].data();
          if (!s32.present()) missing[worker] = 1;
        }
        const Source value_src =
            spec.sum_quantity
                ? SourceOf(seg, store::ColumnId::kQuantity, seg.quantity)
                : SourceOf(seg, store::ValueColumn(spec.currency), seg.values[spec.currency]);
        const Source flow_src = SourceOf(seg, store::ColumnId::kFlow, seg.flow);
        if (spec.sum_quantity && !value_src.present()) return;  // no quantities in this segment
        if (!value_src.present() || !flow_src.present()) missing[worker] = 1;
        Source partner_src;
        if (pw > 0 && partner16 < 0) {
          partner_src = SourceOf(seg, store::DimColumn(store::Dim::kPartner), seg.partner);
          if (!partner_src.present()) missing[worker] = 1;
        }
        if (missing[worker]) return;
        const uint64_t base = uint64_t{spec.segment_slot[task.segment]} * spec.key_count;
        const bool commodity = commodity_dim >= 0;
        thread_local BlockBuffers buf;
        // Walk the chunk block by block: decode each needed column's block (packed columns) or
        // point into it (raw columns), then sum the block at once.
        for (uint64_t start = task.begin; start < task.end; start += store::kBlockRows) {
          const uint64_t block = start / store::kBlockRows;
          const uint64_t n = std::min<uint64_t>(store::kBlockRows, task.end - start);
          std::array<const uint16_t*, 4> c16{};
          for (int i = 0; i < n16; ++i) c16[i] = s16[i].Block(block, start, buf.c16[i].data());
          const uint32_t* c32 = commodity ? s32.Block(block, start, buf.c32.data()) : nullptr;
          const uint8_t* flow = flow_src.Block(block, start, buf.flow.data());
          const int64_t* value = value_src.Block(block, start, buf.value.data());
          SelectFlows(spec.sub_flow, spec.sum_quantity, n, flow, value, buf);
          if (pw > 0) {  // sums and partner sets (never with sum_quantity); values are >= 0
            thread_local std::array<uint16_t, store::kBlockRows> partner_buf;
            const uint16_t* partner = partner16 >= 0
                                          ? c16[partner16]
                                          : partner_src.Block(block, start, partner_buf.data());
            if (dense) {
              auto& acc = dense_acc[worker];
              if (acc.empty()) acc.assign(spec.CellCount(), 0);
              auto& bits = partner_dense[worker];
              if (bits.empty()) bits.assign(spec.CellCount() * pw, 0);
              __int128* cells = acc.data();
              uint64_t* sets = bits.data();
              Dispatch(n16, commodity, c16, t16, c32, t32, flow, value, 0, n, base,
                       [cells, sets, pw, partner](uint64_t c, int64_t v, uint64_t i) {
                         cells[c] += v;
                         const uint16_t code = partner[i];
                         sets[c * pw + (code >> 6)] |= uint64_t{v != 0} << (code & 63);
                       });
            } else {
              auto& acc = sparse_acc[worker];
              PartnerSparse& ps = partner_sparse[worker];
              Dispatch(n16, commodity, c16, t16, c32, t32, flow, value, 0, n, base,
                       [&acc, &ps, pw, partner](uint64_t c, int64_t v, uint64_t i) {
                         acc[c] += v;
                         if (v == 0) return;
                         auto [it, added] = ps.index.try_emplace(c, ps.pool.size());
                         if (added) ps.pool.resize(ps.pool.size() + pw, 0);
                         const uint16_t code = partner[i];
                         ps.pool[it->second + (code >> 6)] |= uint64_t{1} << (code & 63);
                       });
            }
          } else if (spec.sum_quantity) {
            constexpr int64_t kNone = store::kNoQuantity;
            if (dense) {
              auto& acc = dense_acc[worker];
              if (acc.empty()) acc.assign(spec.CellCount(), 0);
              __int128* cells = acc.data();
              Dispatch(n16, commodity, c16, t16, c32, t32, flow, value, 0, n, base,
                       [cells](uint64_t c, int64_t v) {
                         if (v != kNone) cells[c] += v;
                       });
            } else {
              auto& acc = sparse_acc[worker];
              Dispatch(n16, commodity, c16, t16, c32, t32, flow, value, 0, n, base,
                       [&acc](uint64_t c, int64_t v) {
                         if (v != kNone) acc[c] += v;
                       });
            }
          } else if (dense) {
            auto& acc = dense_acc[worker];
            if (acc.empty()) acc.assign(spec.CellCount(), 0);
            __int128* cells = acc.data();
            Dispatch(n16, commodity, c16, t16, c32, t32, flow, value, 0, n, base,
                     [cells](uint64_t c, int64_t v) { cells[c] += v; });
          } else {
            auto& acc = sparse_acc[worker];
            Dispatch(n16, commodity, c16, t16, c32, t32, flow, value, 0, n, base,
                     [&acc](uint64_t c, int64_t v) { acc[c] += v; });
          }
        }
        if (!dense && max_cells > 0 && sparse_acc[worker].size() > max_cells)
          budget->exceeded = true;
        if (!dense && budget && budget->max_bytes > 0) {
          const uint64_t now = sparse_acc[worker].size();
          const uint64_t total =
              sparse_cells.fetch_add(now - sparse_counted[worker]) + now - sparse_counted[worker];
          sparse_counted[worker] = now;
          (void)budget->OverBytes(total * sparse_cell_bytes);
        }
      },
      threads);

  if (budget && budget->exceeded)
    return core::Status::InvalidArgument(
        fmt::format("the query needs more than {} result cells, this server's limit; narrow the "
                    "breakdown (by=) or the "
                    "period",
                    max_cells));
  if (budget && budget->bytes_exceeded)
    return core::Status::InvalidArgument(
        TooManyBytesMessage(budget->bytes_needed, budget->max_bytes, nullptr));
  if (budget && budget->cancel) return core::Status::Internal("the query was cancelled");
  for (char m : missing)
    if (m) return core::Status::Internal("cube: a segment lacks a column the query needs");
  if (dense) {
    for (auto& acc : dense_acc) {
      if (acc.empty()) continue;
      if (cube.dense_.empty()) {
        cube.dense_ = std::move(acc);
      } else {
        for (size_t c = 0; c < acc.size(); ++c) cube.dense_[c] += acc[c];
      }
    }
  } else {
    for (auto& acc : sparse_acc) {
      if (cube.sparse_.empty()) {
        cube.sparse_ = std::move(acc);
      } else {
        for (const auto& [c, v] : acc) cube.sparse_[c] += v;
      }
    }
  }
  cube.partner_words_ = pw;
  for (auto& bits : partner_dense) {
    if (bits.empty()) continue;
    if (cube.partner_dense_.empty()) {
      cube.partner_dense_ = std::move(bits);
    } else {
      for (size_t w = 0; w < bits.size(); ++w) cube.partner_dense_[w] |= bits[w];
    }
  }
  for (PartnerSparse& ps : partner_sparse) {
    if (cube.partner_index_.empty()) {
      cube.partner_index_ = std::move(ps.index);
      cube.partner_pool_ = std::move(ps.pool);
      continue;
    }
    for (const auto& [c, off] : ps.index) {
      auto [it, added] = cube.partner_index_.try_emplace(c, cube.partner_pool_.size());
      if (added) cube.partner_pool_.resize(cube.partner_pool_.size() + pw, 0);
      for (uint32_t w = 0; w < pw; ++w) cube.partner_pool_[it->second + w] |= ps.pool[off + w];
    }
  }
  if (budget)  // what the cube holds while its cells are folded into rows (execute.cc)
    budget->cube_bytes =
        dense ? spec.CellCount() * (kDenseCellBytes + uint64_t{pw} * sizeof(uint64_t))
              : cube.sparse_.size() * kSparseCellBytes +
                    cube.partner_index_.size() * (sparse_cell_bytes - kSparseCellBytes);
  return cube;
}

std::string TooManyBytesMessage(uint64_t needed, uint64_t limit, const char* limit_name) {
  auto size = [](uint64_t b) {
    if (b >= uint64_t{10} << 30) return fmt::format("{} GiB", b >> 30);
    if (b >= uint64_t{10} << 20) return fmt::format("{} MiB", b >> 20);
    if (b >= uint64_t{10} << 10) return fmt::format("{} KiB", b >> 10);
    return fmt::format("{} bytes", b);
  };
  return fmt::format(
      "the query needs more than {} of memory, {} (estimate: at least {}); narrow the breakdown "
      "(fewer or coarser "
      "by dimensions, fewer units), the period or the filters",
      size(limit), limit_name ? limit_name : "the limit", size(needed));
}

}  // namespace tradestat::query
