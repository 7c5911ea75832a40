// query/cube.cc: the tight loops. Specialised on the number of 16-bit key columns and on
// whether the 32-bit commodity column is a key, so the inner loop is a few table lookups,
// one bounds-free add into an __int128 cell, and no branches but the scope check.
#include "query/cube.h"

#include <algorithm>
#include <array>
#include <mutex>

#include <fmt/format.h>

#include "core/parallel.h"

namespace tradestat::query {
namespace {

constexpr uint64_t kChunkRows = uint64_t{1} << 16;

struct Task {
  uint32_t segment;
  uint64_t begin, end;
};

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
    sink((slot_base + k) * 2 + flow[i], value[i]);
  }
}

template <typename Sink>
void Dispatch(int n16, bool commodity, const std::array<const uint16_t*, 4>& c16,
              const std::array<const uint64_t*, 4>& t16, const uint32_t* c32, const uint64_t* t32,
              const uint8_t* flow, const int64_t* value, uint64_t b, uint64_t e, uint64_t base,
              Sink&& sink) {
#define TRADESTAT_SCAN(N, C) \
  ScanRange<N, C>(c16, t16, c32, t32, flow, value, b, e, base, sink)
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
  QueryBudget* budget = spec.budget;
  const uint64_t max_cells = budget ? budget->max_cells : 0;
  if (budget && max_cells > 0 && dense && spec.CellCount() > max_cells) budget->exceeded = true;
  auto stopped = [budget] { return budget && (budget->cancel.load(std::memory_order_relaxed) || budget->exceeded.load(std::memory_order_relaxed)); };

  core::ParallelFor(
      tasks.size(),
      [&](size_t t, int worker) {
        if (stopped()) return;  // cancelled or over the cell limit: skip the remaining chunks
        const Task& task = tasks[t];
        const store::SegmentView& seg = segments[task.segment];
        const uint32_t set = spec.segment_table_set[task.segment];
        std::array<const uint16_t*, 4> c16{};
        std::array<const uint64_t*, 4> t16{};
        for (int i = 0; i < n16; ++i) {
          const CubeDim& cd = spec.dims[dim16[i]];
          c16[i] = Column16(seg, cd.dim);
          t16[i] = cd.tables[std::min<size_t>(set, cd.tables.size() - 1)].data();
          if (c16[i] == nullptr) missing[worker] = 1;
        }
        const uint32_t* c32 = nullptr;
        const uint64_t* t32 = nullptr;
        if (commodity_dim >= 0) {
          const CubeDim& cd = spec.dims[commodity_dim];
          c32 = seg.commodity;
          t32 = cd.tables[std::min<size_t>(set, cd.tables.size() - 1)].data();
          if (c32 == nullptr) missing[worker] = 1;
        }
        const int64_t* value = spec.sum_quantity ? seg.quantity : seg.values[spec.currency];
        if (spec.sum_quantity && value == nullptr) return;  // no quantities in this segment
        if (value == nullptr || seg.flow == nullptr) missing[worker] = 1;
        if (missing[worker]) return;
        const uint64_t base = uint64_t{spec.segment_slot[task.segment]} * spec.key_count;
        if (spec.sum_quantity) {
          constexpr int64_t kNone = store::kNoQuantity;
          if (dense) {
            auto& acc = dense_acc[worker];
            if (acc.empty()) acc.assign(spec.CellCount(), 0);
            __int128* cells = acc.data();
            Dispatch(n16, commodity_dim >= 0, c16, t16, c32, t32, seg.flow, value, task.begin, task.end, base,
                     [cells](uint64_t c, int64_t v) { if (v != kNone) cells[c] += v; });
          } else {
            auto& acc = sparse_acc[worker];
            Dispatch(n16, commodity_dim >= 0, c16, t16, c32, t32, seg.flow, value, task.begin, task.end, base,
                     [&acc](uint64_t c, int64_t v) { if (v != kNone) acc[c] += v; });
            if (max_cells > 0 && acc.size() > max_cells) budget->exceeded = true;
          }
          return;
        }
        if (dense) {
          auto& acc = dense_acc[worker];
          if (acc.empty()) acc.assign(spec.CellCount(), 0);
          __int128* cells = acc.data();
          Dispatch(n16, commodity_dim >= 0, c16, t16, c32, t32, seg.flow, value, task.begin,
                   task.end, base, [cells](uint64_t c, int64_t v) { cells[c] += v; });
        } else {
          auto& acc = sparse_acc[worker];
          Dispatch(n16, commodity_dim >= 0, c16, t16, c32, t32, seg.flow, value, task.begin,
                   task.end, base, [&acc](uint64_t c, int64_t v) { acc[c] += v; });
          if (max_cells > 0 && acc.size() > max_cells) budget->exceeded = true;
        }
      },
      threads);

  if (budget && budget->exceeded)
    return core::Status::InvalidArgument(fmt::format(
        "the query needs more than {} result cells, this server's limit; narrow the breakdown (by=) or the "
        "period",
        max_cells));
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
  return cube;
}

}  // namespace tradestat::query
