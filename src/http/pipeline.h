// The request pipeline every request goes through: routing, per-IP limits, authentication,
// CSRF, the forced password change, the handler, error mapping, metrics and the access log.
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

#include "http/metrics.h"
#include "http/router.h"
#include "http/static_files.h"

namespace xiaoan::http {

class Authenticator {
 public:
  virtual ~Authenticator() = default;
  // The caller from the session cookie or bearer token; unauthenticated when neither is valid.
  virtual Result<auth::Principal> authenticate(const Request& req) = 0;
};

// A token bucket per client IP (per server process).
class RateLimiter {
 public:
  RateLimiter(double per_minute, double burst) : per_ms_(per_minute / 60000.0), burst_(burst) {}
  bool allow(const std::string& key, int64_t now_ms);

 private:
  struct Bucket {
    double tokens;
    int64_t at;
  };
  double per_ms_, burst_;
  std::mutex mu_;
  std::unordered_map<std::string, Bucket> buckets_;
};

struct PipelineOptions {
  double login_per_minute = 30;  // sign-in attempts per IP
  double login_burst = 10;
  bool access_log = true;
  bool trust_proxy = false;  // take the client address from X-Real-IP (behind nginx)
};

class Pipeline {
 public:
  Pipeline(const Router& router, Authenticator& auth, Metrics& metrics,
           std::unique_ptr<StaticFiles> files, PipelineOptions options);
  Response handle(Request& req);

 private:
  Response route(Request& req, std::string& route_label);

  const Router& router_;
  Authenticator& auth_;
  Metrics& metrics_;
  std::unique_ptr<StaticFiles> files_;
  PipelineOptions options_;
  RateLimiter login_limiter_;
};

}  // namespace xiaoan::http
