// EARS C1/C2/C3 against expected values computed independently: tests/fixtures/ears/ holds the
// input series, cases.txt (case, input, baseline, z) and <case>.expected.csv written by
// compute_ears.py, a Python script using only the standard library (statistics.stdev) written
// from the definitions, not from this code. Regenerate with
// `python3 tests/fixtures/ears/compute_ears.py --all`.
#include "surveillance/ears.h"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>
#include <sstream>

#include "core/strings.h"
#include "surveillance/ears_csv.h"

namespace fs = std::filesystem;
using namespace xiaoan;
using namespace xiaoan::surveillance;

namespace {

const fs::path kFixtures = fs::path(__FILE__).parent_path() / "../../tests/fixtures/ears";

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::vector<std::vector<std::string>> csv_lines(const std::string& text) {
  std::vector<std::vector<std::string>> out;
  for (auto line : split_view(text, '\n')) {
    if (line.empty()) continue;
    std::vector<std::string> fields;
    for (auto f : split_view(line, ',')) fields.emplace_back(f);
    out.push_back(std::move(fields));
  }
  return out;
}

// A number field of the output: empty, "inf" or a decimal within 1e-6 of the expected one.
void expect_number(const std::string& got, const std::string& want, const std::string& where) {
  if (want.empty() || want == "inf") {
    EXPECT_EQ(got, want) << where;
    return;
  }
  ASSERT_FALSE(got.empty() || got == "inf") << where << ": got '" << got << "', want " << want;
  EXPECT_NEAR(std::stod(got), std::stod(want), 1e-6) << where;
}

struct FixtureCase {
  std::string name, input;
  int baseline = 0;
  double z = 0;
};

std::vector<FixtureCase> fixture_cases() {
  std::vector<FixtureCase> out;
  std::istringstream in(slurp(kFixtures / "cases.txt"));
  std::string line;
  while (std::getline(in, line)) {
    line = line.substr(0, line.find('#'));
    std::istringstream fields(line);
    FixtureCase c;
    if (fields >> c.name >> c.input >> c.baseline >> c.z) out.push_back(c);
  }
  return out;
}

}  // namespace

TEST(Ears, FixturesMatchTheIndependentReference) {
  auto cases = fixture_cases();
  ASSERT_GE(cases.size(), 10u) << "tests/fixtures/ears/cases.txt not read";
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    auto input = read_ears_csv(slurp(kFixtures / c.input));
    ASSERT_FALSE(input.error) << input.error->describe();
    EarsPolicy policy{c.baseline, c.z};
    ASSERT_TRUE(ears_policy_ok(policy));
    auto got = csv_lines(write_ears_csv(compute_ears(input.rows, policy)));
    auto want = csv_lines(slurp(kFixtures / (c.name + ".expected.csv")));
    ASSERT_EQ(got.size(), want.size());
    ASSERT_EQ(got[0], want[0]);  // the header
    for (size_t i = 1; i < want.size(); ++i) {
      std::string where = c.name + " row " + std::to_string(i);
      ASSERT_EQ(got[i].size(), 8u) << where;
      ASSERT_EQ(want[i].size(), 8u) << where;
      EXPECT_EQ(got[i][0], want[i][0]) << where;  // day
      EXPECT_EQ(got[i][1], want[i][1]) << where;  // count
      expect_number(got[i][2], want[i][2], where + " c1_upper");
      EXPECT_EQ(got[i][3], want[i][3]) << where << " c1_alarm";
      expect_number(got[i][4], want[i][4], where + " c2_upper");
      EXPECT_EQ(got[i][5], want[i][5]) << where << " c2_alarm";
      expect_number(got[i][6], want[i][6], where + " c3_stat");
      EXPECT_EQ(got[i][7], want[i][7]) << where << " c3_alarm";
    }
  }
}

// Rows checked by hand (b = 7, z = 3), each from the definitions:
TEST(Ears, HandCheckedRows) {
  const double inf = std::numeric_limits<double>::infinity();
  struct Row {
    const char* what;
    std::vector<int64_t> series;  // the row checked is the last
    std::optional<double> c1_upper;
    std::optional<bool> c1_alarm;
    std::optional<double> c2_upper;
    std::optional<double> c2_stat;
    std::optional<double> c3_stat;
    std::optional<bool> c3_alarm;
  };
  // clang-format off
  const std::vector<Row> rows = {
      // C1 over 1,1,1,3,3,3,2: mean 14/7 = 2, squared deviations 6, sigma = sqrt(6/6) = 1,
      // upper = 2 + 3*1 = 5; a count of exactly 5 is not above it. Row 8: no C2 yet.
      {"upper reached, not passed", {1, 1, 1, 3, 3, 3, 2, 5}, 5.0, false, {}, {}, {}, {}},
      {"one above the upper", {1, 1, 1, 3, 3, 3, 2, 6}, 5.0, true, {}, {}, {}, {}},
      // Flat zeros: sigma = 0, so C1's upper is the mean 0 and 1 > 0 alarms; C2 over rows 4..10
      // (zeros) has sigma = 0 and 1 > mean, so its statistic is infinite and so is C3.
      {"sigma 0, above the mean",
       {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}, 0.0, true, 0.0, inf, inf, true},
      // Flat threes: count 3 = mean 3 with sigma 0: C2 statistic 0, C3 0, no alarm.
      {"sigma 0, at the mean",
       {3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3}, 3.0, false, 3.0, 0.0, 0.0, false},
      // Row 8 of 1,2,1,0,2,1,1 then 5: sum 8, sum of squares 12, variance (7*12 - 64)/42 = 20/42,
      // sigma = 0.690066, upper = 8/7 + 3*0.690066 = 3.213054 < 5.
      {"C1 alarm", {1, 2, 1, 0, 2, 1, 1, 5}, 3.213054, true, {}, {}, {}, {}},
      // Row 13 of the spike fixture (count 12): C2 over rows 4..10 = 4,2,3,2,3,1,2: mean 17/7,
      // variance (7*47 - 289)/42 = 40/42, sigma 0.975900, statistic (12 - 17/7)/0.975900 =
      // 9.807796. Rows 11 and 12 have statistics 0.439155 and -0.256776 (both < 1), so
      // C3 = 9.807796 - 1 = 8.807796 > 2.
      {"C3 from one spike",
       {2, 3, 1, 4, 2, 3, 2, 3, 1, 2, 3, 2, 12},
       4.553501, true, 5.356272, 9.807796, 8.807796, true},
  };
  // clang-format on
  for (const auto& r : rows) {
    SCOPED_TRACE(r.what);
    std::vector<DayCount> series;
    for (size_t i = 0; i < r.series.size(); ++i)
      series.push_back({"d" + std::to_string(i + 1), r.series[i]});
    auto out = compute_ears(series, EarsPolicy{7, 3});
    ASSERT_EQ(out.size(), series.size());
    const auto& got = out.back();
    auto near = [](const std::optional<double>& a, const std::optional<double>& b) {
      if (a.has_value() != b.has_value()) return false;
      if (!a) return true;
      if (std::isinf(*a) || std::isinf(*b)) return *a == *b;
      return std::fabs(*a - *b) < 1e-6;
    };
    EXPECT_TRUE(near(got.c1_upper, r.c1_upper));
    EXPECT_EQ(got.c1_alarm, r.c1_alarm);
    EXPECT_TRUE(near(got.c2_upper, r.c2_upper));
    EXPECT_TRUE(near(got.c2_stat, r.c2_stat));
    EXPECT_TRUE(near(got.c3_stat, r.c3_stat));
    EXPECT_EQ(got.c3_alarm, r.c3_alarm);
  }
}

// The first row of each method follows from b: C1 from row b+1, C2 from b+3, C3 from b+5.
TEST(Ears, FieldsStartWhereTheBaselineAllows) {
  for (int b : {2, 3, 7, 10}) {
    std::vector<DayCount> series;
    for (int i = 0; i < b + 8; ++i) series.push_back({std::to_string(i), i % 3});
    auto out = compute_ears(series, EarsPolicy{b, 3});
    for (size_t t = 0; t < out.size(); ++t) {
      int row = static_cast<int>(t) + 1;
      SCOPED_TRACE("b " + std::to_string(b) + " row " + std::to_string(row));
      EXPECT_EQ(out[t].c1_upper.has_value(), row >= b + 1);
      EXPECT_EQ(out[t].c1_alarm.has_value(), row >= b + 1);
      EXPECT_EQ(out[t].c2_upper.has_value(), row >= b + 3);
      EXPECT_EQ(out[t].c2_alarm.has_value(), row >= b + 3);
      EXPECT_EQ(out[t].c3_stat.has_value(), row >= b + 5);
      EXPECT_EQ(out[t].c3_alarm.has_value(), row >= b + 5);
    }
  }
  EXPECT_TRUE(compute_ears({}, EarsPolicy{}).empty());
}

TEST(Ears, LargeCountsStayExact) {
  // All equal at the largest count: sigma is exactly 0 (the sums are exact integers).
  std::vector<DayCount> series(12, DayCount{"d", kMaxEarsCount});
  auto out = compute_ears(series, EarsPolicy{});
  EXPECT_EQ(*out.back().c1_upper, static_cast<double>(kMaxEarsCount));
  EXPECT_EQ(*out.back().c2_stat, 0.0);
  EXPECT_FALSE(*out.back().c3_alarm);
}

TEST(Ears, PolicyBounds) {
  EXPECT_TRUE(ears_policy_ok({7, 3}));
  EXPECT_TRUE(ears_policy_ok({2, 0.5}));
  EXPECT_TRUE(ears_policy_ok({365, 3}));
  EXPECT_FALSE(ears_policy_ok({1, 3}));
  EXPECT_FALSE(ears_policy_ok({366, 3}));
  EXPECT_FALSE(ears_policy_ok({7, 0}));
  EXPECT_FALSE(ears_policy_ok({7, -1}));
  EXPECT_FALSE(ears_policy_ok({7, std::numeric_limits<double>::infinity()}));
  EXPECT_FALSE(ears_policy_ok({7, std::nan("")}));
}
