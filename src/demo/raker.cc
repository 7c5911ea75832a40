// demo/raker.cc: raking (see raker.h).
#include "demo/raker.h"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

namespace tradestat::demo {

int Raker::AddPartition(std::string name, std::vector<double> targets) {
  partitions_.push_back({std::move(name), std::move(targets)});
  return static_cast<int>(partitions_.size()) - 1;
}

int Raker::Cell(const Classes& classes) {
  uint64_t key = 0;
  for (int p = 0; p < kMaxPartitions; ++p)
    key = key * 1000003u + static_cast<uint64_t>(classes[p] + 1);
  auto [it, inserted] = index_.try_emplace(key, static_cast<int>(seed_.size()));
  if (inserted) {
    classes_.push_back(classes);
    seed_.push_back(0);
  }
  return it->second;
}

core::Status Raker::Solve(double tolerance, int max_iterations) {
  const size_t n = seed_.size();
  std::vector<double> value(seed_);
  std::vector<double> sums;
  double worst = 0;
  std::string worst_name;
  for (int iter = 0; iter < max_iterations; ++iter) {
    worst = 0;
    for (size_t p = 0; p < partitions_.size(); ++p) {
      const auto& part = partitions_[p];
      sums.assign(part.targets.size(), 0.0);
      for (size_t c = 0; c < n; ++c)
        if (classes_[c][p] >= 0) sums[classes_[c][p]] += value[c];
      for (size_t k = 0; k < sums.size(); ++k) {
        const double t = part.targets[k];
        const double err = t > 0 ? std::fabs(sums[k] - t) / t : sums[k];
        if (err > worst) {
          worst = err;
          worst_name =
              fmt::format("{} class {} (target {:.2f}, have {:.2f})", part.name, k, t, sums[k]);
        }
        sums[k] = sums[k] > 0 ? t / sums[k] : 0;
      }
      for (size_t c = 0; c < n; ++c)
        if (classes_[c][p] >= 0) value[c] *= sums[classes_[c][p]];
    }
    if (worst <= tolerance) break;
  }
  if (worst > tolerance * 1e3)
    return core::Status::Internal("demo calibration did not converge: worst " + worst_name);
  factor_.resize(n);
  for (size_t c = 0; c < n; ++c) factor_[c] = seed_[c] > 0 ? value[c] / seed_[c] : 0;
  return core::Status::Ok();
}

}  // namespace tradestat::demo
