// The benchmark's arithmetic: percentiles, the summary line and the verdicts against the targets.
#include <gtest/gtest.h>

#include "bench/report.h"
#include "bench/stats.h"

namespace xiaoan::bench {
namespace {

TEST(BenchStats, PercentilesByNearestRank) {
  struct Case {
    std::vector<double> v;
    double p, want;
  };
  const Case cases[] = {
      {{}, 50, 0},
      {{7}, 99.9, 7},
      {{1, 2, 3, 4}, 50, 2},
      {{4, 3, 2, 1}, 100, 4},
      {{1, 2, 3, 4}, 0, 1},
      {{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, 99, 10},
      {{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, 90, 9},
  };
  for (const auto& c : cases) EXPECT_EQ(percentile(c.v, c.p), c.want) << c.p;
}

Json run_result() {
  return {{"engine", "sqlite"},
          {"scale", "city"},
          {"label", ""},
          {"rss_loaded_mb", 100.0},
          {"rss_after_wave_mb", 300.0},
          {"rss_end_mb", 250.0},
          {"ceiling", {{"ok_rps", 20000.0}}},
          {"wave", {{"ok_rps", 12000.0}, {"verified", true}, {"dashboard", {{"p50_ms", 3.0}, {"p99_ms", 60.0}, {"staleness_max_ms", 700.0}}}}},
          {"gate", {{"rate", 2000}, {"p50_ms", 1.0}, {"p99_ms", 12.0}, {"p999_ms", 20.0}, {"errors", 0}}},
          {"import", {{"rows", 50000}, {"seconds", 8.0}, {"rows_per_s", 6250.0}}}};
}

TEST(BenchReport, TheSummaryLineCarriesTheFiguresTheIssueAsksFor) {
  Json s = summary(run_result());
  for (const char* k : {"ceiling_rps", "wave_rps", "wave_ratio", "gate_p99_ms", "dashboard_ms",
                        "dashboard_staleness_ms", "rss_mb", "import_rows_per_s", "engine"})
    EXPECT_TRUE(s.contains(k)) << k;
  EXPECT_DOUBLE_EQ(s["wave_ratio"].get<double>(), 0.6);
  EXPECT_DOUBLE_EQ(s["rss_mb"].get<double>(), 300.0);  // the largest of the three readings
  EXPECT_DOUBLE_EQ(s["dashboard_ms"].get<double>(), 3.0);
}

TEST(BenchReport, VerdictsAgainstTheTargets) {
  std::string text = format_summary(run_result());
  EXPECT_NE(text.find("morning wave ≥ 50 % of the ceiling: met"), std::string::npos) << text;
  EXPECT_NE(text.find("p99 < 10 ms: **missed**"), std::string::npos) << text;
  EXPECT_NE(text.find("< 10 s: met"), std::string::npos) << text;
  Json r = run_result();
  r.erase("gate");
  text = format_summary(r);
  EXPECT_NE(text.find("p99 < 10 ms: not measured"), std::string::npos) << text;
  EXPECT_TRUE(summary(r)["gate_p99_ms"].is_null());
}

}  // namespace
}  // namespace xiaoan::bench
