// demo/raker.h: iterative proportional fitting (raking) of cell totals to several partitions.
//
// Each partition splits (some of) the cells into classes with a target total per class; cells
// outside a partition (class -1) are not constrained by it. Raking multiplies the cells of each
// class by target/current in turn until every class total is within a relative tolerance. The
// fitted value of a cell is seed x factor; records inside a cell are scaled by the same factor,
// so skew inside cells is kept. Deterministic (fixed order of floating-point operations).
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/status.h"

namespace tradestat::demo {

inline constexpr int kMaxPartitions = 8;

class Raker {
 public:
  using Classes = std::array<int16_t, kMaxPartitions>;  // -1 = not in the partition

  /// Declare a partition with `targets.size()` classes; `name` is for messages. Returns its id.
  int AddPartition(std::string name, std::vector<double> targets);
  /// The cell for a combination of classes (created on first use, seed 0). Returns its id.
  int Cell(const Classes& classes);
  void AddSeed(int cell, double seed) { seed_[cell] += seed; }

  /// Fit. Internal error naming the worst class if the tolerance is not reached (targets
  /// inconsistent, or a class with a positive target has no seed).
  core::Status Solve(double tolerance = 1e-13, int max_iterations = 5000);
  double factor(int cell) const { return factor_[cell]; }
  int cell_count() const { return static_cast<int>(seed_.size()); }

 private:
  struct Partition {
    std::string name;
    std::vector<double> targets;
  };
  std::vector<Partition> partitions_;
  std::unordered_map<uint64_t, int> index_;
  std::vector<Classes> classes_;
  std::vector<double> seed_;
  std::vector<double> factor_;
};

}  // namespace tradestat::demo
