// Percentiles over recorded samples (nearest rank on a sorted copy).
#pragma once

#include <algorithm>
#include <cmath>
#include <vector>

namespace xiaoan::bench {

// p in [0, 100]; 0 for no samples. 100 is the maximum.
inline double percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  size_t rank = static_cast<size_t>(std::ceil(p / 100.0 * static_cast<double>(v.size())));
  return v[std::clamp<size_t>(rank, 1, v.size()) - 1];
}

}  // namespace xiaoan::bench
