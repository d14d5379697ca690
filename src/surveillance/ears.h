// EARS statistical alerts (issue 19, item 2): the CDC Early Aberration Reporting System's C1, C2
// and C3 methods over a unit's daily counts (sick absences, fevers), as R's surveillance::earsC
// computes them (Hutwagner et al., "The bioterrorism preparedness and response Early Aberration
// Reporting System (EARS)", J Urban Health 2003; Fricker et al., Stat Med 2008). Pure: no I/O.
//
// The series holds the unit's school days only, in order: the caller leaves out the days it was
// closed, weekends and holidays (they are skipped, not counted as zeros). For row t, with the
// baseline b and the threshold z of the policy, and sigma the sample standard deviation (n - 1):
//   C1: mean and sigma of rows t-b .. t-1; upper = mean + z*sigma; alarm when count > upper.
//   C2: the same over rows t-b-2 .. t-3 (a 2-day guard band); its statistic is
//       (count - mean) / sigma.
//   C3: the sum over rows t-2 .. t of max(0, C2 statistic - 1); alarm when the sum > 2.
//   With sigma = 0 the upper bound is the mean, and the C2 statistic is 0 when count <= mean and
//   infinite otherwise (so C3 is infinite too).
// A method has no value while the rows before t do not reach back far enough: C1 from row b+1,
// C2 from row b+3 and C3 from row b+5 (1-based; the 8th, 10th and 12th row for b = 7).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace xiaoan::surveillance {

struct EarsPolicy {
  int baseline = 7;  // b: the days each reference window holds (at least 2, for sigma)
  double z = 3;      // the threshold, in standard deviations (finite, > 0)
};

// The bounds of the baseline a policy accepts (the CLI's --baseline, later the policy document).
inline constexpr int kMinBaseline = 2;
inline constexpr int kMaxBaseline = 365;

struct DayCount {
  std::string day;    // the label of the day (a local date "YYYY-MM-DD" from the server)
  int64_t count = 0;  // >= 0
};

struct EarsRow {
  std::string day;
  int64_t count = 0;
  // Empty while the baseline is too short (see above).
  std::optional<double> c1_upper;
  std::optional<bool> c1_alarm;
  std::optional<double> c2_upper;
  std::optional<bool> c2_alarm;
  std::optional<double> c2_stat;  // may be +infinity (sigma = 0 and count > mean)
  std::optional<double> c3_stat;  // may be +infinity
  std::optional<bool> c3_alarm;
};

// The C3 sum above which C3 alarms.
inline constexpr double kC3Threshold = 2;

// Mean, sample standard deviation and upper bound of one reference window (at least 2 counts).
struct EarsBounds {
  double mean = 0;
  double sigma = 0;
  double upper = 0;
};
EarsBounds ears_bounds(const int64_t* first, int n, double z);

// C1, C2 and C3 for every row of the series. The policy must be valid (ears_policy_ok); counts
// must be non-negative and at most kMaxEarsCount.
std::vector<EarsRow> compute_ears(const std::vector<DayCount>& series, const EarsPolicy& policy);

// A daily count larger than any unit has (keeps the sums exact).
inline constexpr int64_t kMaxEarsCount = 1'000'000'000;

bool ears_policy_ok(const EarsPolicy& policy);

}  // namespace xiaoan::surveillance
