#include "http/metrics.h"

#include <prometheus/counter.h>
#include <prometheus/gauge.h>
#include <prometheus/histogram.h>
#include <prometheus/registry.h>
#include <prometheus/text_serializer.h>

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
  std::mutex mu;
  std::vector<GaugeFn> gauges;
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

std::string Metrics::render() {
  {
    std::lock_guard lk(impl_->mu);
    for (auto& g : impl_->gauges) g.gauge->Set(g.read());
  }
  prometheus::TextSerializer s;
  return s.Serialize(impl_->registry.Collect());
}

}  // namespace xiaoan::http
