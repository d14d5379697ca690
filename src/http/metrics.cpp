#include "http/metrics.h"

#include <prometheus/counter.h>
#include <prometheus/gauge.h>
#include <prometheus/histogram.h>
#include <prometheus/registry.h>
#include <prometheus/text_serializer.h>

#include <limits>
#include <mutex>
#include <vector>

namespace xiaoan::http {

struct Metrics::Impl {
  prometheus::Registry registry;
  prometheus::Family<prometheus::Counter>& requests =
      prometheus::BuildCounter()
          .Name("xiaoan_http_requests_total")
          .Help("HTTP requests by route, method and status")
          .Register(registry);
  prometheus::Family<prometheus::Histogram>& latency =
      prometheus::BuildHistogram()
          .Name("xiaoan_http_request_duration_seconds")
          .Help("HTTP request latency by route")
          .Register(registry);
  struct GaugeFn {
    prometheus::Gauge* gauge;
    std::function<double()> read;
  };
  struct HistogramFn {
    std::map<std::string, std::string> labels;
    std::function<store::Histogram::Snapshot()> read;
  };
  struct HistogramFamily {
    std::string name, help;
    std::vector<HistogramFn> series;
  };
  std::mutex mu;
  std::vector<GaugeFn> gauges;
  std::vector<HistogramFamily> histograms;
};

Metrics::Metrics() : impl_(std::make_unique<Impl>()) {}
Metrics::~Metrics() = default;

namespace {
// Label values come from a fixed set: a made-up method must not add a series per request.
const std::string& method_label(const std::string& method) {
  static const std::string kKnown[] = {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"};
  static const std::string kOther = "other";
  for (const auto& m : kKnown)
    if (m == method) return m;
  return kOther;
}
}  // namespace

void Metrics::observe(const std::string& route, const std::string& raw_method, int status,
                      double seconds) {
  const std::string& method = method_label(raw_method);
  static const prometheus::Histogram::BucketBoundaries kBuckets = {
      0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5};
  impl_->requests.Add({{"route", route}, {"method", method}, {"status", std::to_string(status)}})
      .Increment();
  impl_->latency.Add({{"route", route}, {"method", method}}, kBuckets).Observe(seconds);
}

void Metrics::add_gauge(const std::string& name, const std::string& help,
                        std::function<double()> read) {
  auto& fam = prometheus::BuildGauge().Name(name).Help(help).Register(impl_->registry);
  std::lock_guard lk(impl_->mu);
  impl_->gauges.push_back({&fam.Add({}), std::move(read)});
}

void Metrics::add_histogram(const std::string& name, const std::string& help,
                            std::map<std::string, std::string> labels,
                            std::function<store::Histogram::Snapshot()> read) {
  std::lock_guard lk(impl_->mu);
  for (auto& f : impl_->histograms)
    if (f.name == name) {
      f.series.push_back({std::move(labels), std::move(read)});
      return;
    }
  impl_->histograms.push_back({name, help, {{std::move(labels), std::move(read)}}});
}

namespace {
// Prometheus' histogram: cumulative bucket counts ending with le="+Inf" (= the count).
prometheus::ClientMetric to_client_metric(const std::map<std::string, std::string>& labels,
                                          const store::Histogram::Snapshot& h) {
  prometheus::ClientMetric m;
  for (const auto& [k, v] : labels) m.label.push_back({k, v});
  uint64_t cumulative = 0;
  for (size_t i = 0; i < h.bounds.size(); ++i) {
    cumulative += i < h.counts.size() ? h.counts[i] : 0;
    m.histogram.bucket.push_back({cumulative, h.bounds[i]});
  }
  m.histogram.bucket.push_back({h.count, std::numeric_limits<double>::infinity()});
  m.histogram.sample_count = h.count;
  m.histogram.sample_sum = h.sum;
  return m;
}
}  // namespace

std::string Metrics::render() {
  std::vector<prometheus::MetricFamily> external;
  {
    std::lock_guard lk(impl_->mu);
    for (auto& g : impl_->gauges) g.gauge->Set(g.read());
    for (const auto& f : impl_->histograms) {
      prometheus::MetricFamily fam;
      fam.name = f.name;
      fam.help = f.help;
      fam.type = prometheus::MetricType::Histogram;
      for (const auto& s : f.series) fam.metric.push_back(to_client_metric(s.labels, s.read()));
      external.push_back(std::move(fam));
    }
  }
  auto families = impl_->registry.Collect();
  for (auto& f : external) families.push_back(std::move(f));
  prometheus::TextSerializer s;
  return s.Serialize(families);
}

}  // namespace xiaoan::http
