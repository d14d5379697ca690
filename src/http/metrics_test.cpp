#include "http/metrics.h"

#include <gtest/gtest.h>

namespace xiaoan::http {
namespace {

TEST(Metrics, ExternalHistogramRendersCumulativeBucketsPerLabel) {
  store::Histogram sqlite({1, 4, 16});
  for (double v : {1.0, 2.0, 3.0, 20.0}) sqlite.observe(v);
  store::Histogram pg({1, 4, 16});
  pg.observe(0.5);
  Metrics m;
  m.add_histogram("xiaoan_db_write_batch_size", "Jobs per commit", {{"engine", "sqlite"}},
                  [&] { return sqlite.snapshot(); });
  m.add_histogram("xiaoan_db_write_batch_size", "Jobs per commit", {{"engine", "postgresql"}},
                  [&] { return pg.snapshot(); });
  std::string text = m.render();
  EXPECT_NE(text.find("# TYPE xiaoan_db_write_batch_size histogram"), std::string::npos) << text;
  // One family: the TYPE line once.
  EXPECT_EQ(text.find("# TYPE xiaoan_db_write_batch_size"),
            text.rfind("# TYPE xiaoan_db_write_batch_size"));
  EXPECT_NE(text.find("xiaoan_db_write_batch_size_bucket{engine=\"sqlite\",le=\"1\"} 1\n"),
            std::string::npos) << text;
  EXPECT_NE(text.find("xiaoan_db_write_batch_size_bucket{engine=\"sqlite\",le=\"4\"} 3\n"),
            std::string::npos) << text;
  EXPECT_NE(text.find("xiaoan_db_write_batch_size_bucket{engine=\"sqlite\",le=\"16\"} 3\n"),
            std::string::npos) << text;
  EXPECT_NE(text.find("xiaoan_db_write_batch_size_bucket{engine=\"sqlite\",le=\"+Inf\"} 4\n"),
            std::string::npos) << text;
  EXPECT_NE(text.find("xiaoan_db_write_batch_size_count{engine=\"sqlite\"} 4\n"), std::string::npos);
  EXPECT_NE(text.find("xiaoan_db_write_batch_size_sum{engine=\"sqlite\"} 26\n"), std::string::npos);
  EXPECT_NE(text.find("xiaoan_db_write_batch_size_bucket{engine=\"postgresql\",le=\"1\"} 1\n"),
            std::string::npos) << text;
  // Read at render time: a later observation shows in the next rendering.
  sqlite.observe(2);
  EXPECT_NE(m.render().find("xiaoan_db_write_batch_size_count{engine=\"sqlite\"} 5\n"),
            std::string::npos);
}

TEST(Metrics, HistogramBucketsUseUpperBoundsInclusive) {
  store::Histogram h({0.5, 1});
  h.observe(0.5);  // le="0.5"
  h.observe(0.75);
  h.observe(1);
  h.observe(9);  // +Inf only
  auto s = h.snapshot();
  ASSERT_EQ(s.counts.size(), 3u);
  EXPECT_EQ(s.counts[0], 1u);
  EXPECT_EQ(s.counts[1], 2u);
  EXPECT_EQ(s.counts[2], 1u);
  EXPECT_EQ(s.count, 4u);
  EXPECT_DOUBLE_EQ(s.sum, 11.25);
}

}  // namespace
}  // namespace xiaoan::http
