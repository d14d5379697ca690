#include "surveillance/ears.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace xiaoan::surveillance {

bool ears_policy_ok(const EarsPolicy& p) {
  return p.baseline >= kMinBaseline && p.baseline <= kMaxBaseline && std::isfinite(p.z) && p.z > 0;
}

EarsBounds ears_bounds(const int64_t* first, int n, double z) {
  // Counts are integers: the sums are exact, and so is the variance's numerator
  // n*sum(x^2) - sum(x)^2 (never negative), so sigma = 0 exactly when the counts are all equal.
  __int128 sum = 0, sum_sq = 0;
  for (int i = 0; i < n; ++i) {
    sum += first[i];
    sum_sq += static_cast<__int128>(first[i]) * first[i];
  }
  __int128 num = sum_sq * n - sum * sum;
  __int128 den = static_cast<__int128>(n) * (n - 1);
  EarsBounds b;
  b.mean = static_cast<double>(sum) / n;
  b.sigma = num == 0 ? 0.0 : std::sqrt(static_cast<double>(num) / static_cast<double>(den));
  b.upper = b.sigma == 0 ? b.mean : b.mean + z * b.sigma;
  return b;
}

std::vector<EarsRow> compute_ears(const std::vector<DayCount>& series, const EarsPolicy& policy) {
  const int b = policy.baseline;
  const double inf = std::numeric_limits<double>::infinity();
  std::vector<int64_t> counts;
  counts.reserve(series.size());
  for (const auto& d : series) counts.push_back(d.count);
  std::vector<EarsRow> out;
  out.reserve(series.size());
  for (size_t t = 0; t < series.size(); ++t) {  // t is 0-based: row t+1
    EarsRow r;
    r.day = series[t].day;
    r.count = counts[t];
    const double count = static_cast<double>(counts[t]);
    if (t >= static_cast<size_t>(b)) {
      auto c1 = ears_bounds(&counts[t - b], b, policy.z);
      r.c1_upper = c1.upper;
      r.c1_alarm = count > c1.upper;
    }
    if (t >= static_cast<size_t>(b) + 2) {
      auto c2 = ears_bounds(&counts[t - b - 2], b, policy.z);
      r.c2_upper = c2.upper;
      r.c2_alarm = count > c2.upper;
      r.c2_stat = c2.sigma == 0 ? (count <= c2.mean ? 0.0 : inf) : (count - c2.mean) / c2.sigma;
    }
    if (t >= static_cast<size_t>(b) + 4) {
      double c3 = 0;
      for (size_t i = t - 2; i < t; ++i) c3 += std::max(0.0, *out[i].c2_stat - 1);
      c3 += std::max(0.0, *r.c2_stat - 1);
      r.c3_stat = c3;
      r.c3_alarm = c3 > kC3Threshold;
    }
    out.push_back(std::move(r));
  }
  return out;
}

}  // namespace xiaoan::surveillance
