// Prometheus metrics: requests by route and status, a latency histogram, and gauges the
// storage layer reports (writer queue depth). Rendered as text at GET /metrics.
#pragma once

#include <functional>
#include <memory>
#include <string>

namespace xiaoan::http {

class Metrics {
 public:
  Metrics();
  ~Metrics();
  void observe(const std::string& route, const std::string& method, int status, double seconds);
  // A gauge whose value is read when /metrics is rendered.
  void add_gauge(const std::string& name, const std::string& help, std::function<double()> read);
  std::string render();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace xiaoan::http
