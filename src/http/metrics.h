// Prometheus metrics: requests by route and status, a latency histogram, and gauges the
// storage layer reports (writer queue depth, write-path histograms). Rendered as text at GET
// /metrics.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>

#include "store/db.h"

namespace xiaoan::http {

class Metrics {
 public:
  Metrics();
  ~Metrics();
  void observe(const std::string& route, const std::string& method, int status, double seconds);
  // A gauge whose value is read when /metrics is rendered.
  void add_gauge(const std::string& name, const std::string& help, std::function<double()> read);
  // A histogram kept elsewhere (store::WriteStats), read when /metrics is rendered. Several calls
  // with the same name and different labels make one family.
  void add_histogram(const std::string& name, const std::string& help,
                     std::map<std::string, std::string> labels,
                     std::function<store::Histogram::Snapshot()> read);
  std::string render();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace xiaoan::http
