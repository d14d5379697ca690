#include "http/pipeline.h"

#include <spdlog/spdlog.h>

#include <chrono>

#include "auth/rules.h"
#include "core/time.h"
#include "store/db.h"

namespace xiaoan::http {

bool RateLimiter::allow(const std::string& key, int64_t now_ms) {
  std::lock_guard lk(mu_);
  if (buckets_.size() > 100000) buckets_.clear();  // bounded memory under address spraying
  auto [it, fresh] = buckets_.try_emplace(key, Bucket{burst_, now_ms});
  Bucket& b = it->second;
  if (!fresh) {
    b.tokens = std::min(burst_, b.tokens + static_cast<double>(now_ms - b.at) * per_ms_);
    b.at = now_ms;
  }
  if (b.tokens < 1.0) return false;
  b.tokens -= 1.0;
  return true;
}

Pipeline::Pipeline(const Router& router, Authenticator& auth, Metrics& metrics,
                   std::unique_ptr<StaticFiles> files, PipelineOptions options)
    : router_(router),
      auth_(auth),
      metrics_(metrics),
      files_(std::move(files)),
      options_(options),
      login_limiter_(options.login_per_minute, options.login_burst) {}

namespace {
bool unsafe(const std::string& m) { return m != "GET" && m != "HEAD" && m != "OPTIONS"; }

// What a log line names for a request: the route's pattern for the API (never the query string,
// which may hold a searched ID number, nor path values), and for pages the path with a family
// link's secret replaced.
std::string log_path(const Request& req, const std::string& label) {
  if (label != "static" && label != "unmatched") return label;
  std::string p = req.path.substr(0, 200);
  if (p.rfind("/f/", 0) == 0) return "/f/{secret}";
  if (p.rfind("/api", 0) == 0) return "/api/{unmatched}";
  for (char& c : p)
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) c = '?';
  return p;
}

void security_headers(Response& r) {
  r.header("X-Content-Type-Options", "nosniff");
  r.header("Referrer-Policy", "same-origin");
}
}  // namespace

Response Pipeline::handle(Request& req) {
  auto t0 = std::chrono::steady_clock::now();
  if (options_.trust_proxy) {
    // Only an address: the value goes into rate-limit keys, audit rows and log lines.
    std::string ip = req.header("x-real-ip");
    bool address = !ip.empty() && ip.size() <= 45 &&
                   ip.find_first_not_of("0123456789abcdefABCDEF.:") == std::string::npos;
    if (address) req.remote_ip = ip;
  }
  std::string label = "unmatched";
  Response resp;
  try {
    resp = route(req, label);
  } catch (const store::DbError& e) {
    if (e.kind() == store::DbError::Kind::kUnique) {
      // A race lost against a concurrent writer of the same unique value.
      resp = Response::error(Error::conflict("", "conflict_retry"), req.lang);
    } else {
      spdlog::error("{} {}: storage error: {}", req.method, log_path(req, label), e.what());
      resp = Response::error(Error::internal("storage"), req.lang);
    }
  } catch (const std::exception& e) {
    spdlog::error("{} {}: {}", req.method, log_path(req, label), e.what());
    resp = Response::error(Error::internal("exception"), req.lang);
  }
  // What every answer gets, now or when a pending one (a write waiting for its commit) arrives:
  // the request may be gone by then, so the finisher keeps copies of what it needs.
  auto finish = [this, t0, label, method = req.method.substr(0, 16), ip = req.remote_ip,
                 path = log_path(req, label)](Response r) {
    security_headers(r);
    double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    metrics_.observe(label, method, r.status, secs);
    if (options_.access_log)
      spdlog::info("{} {} {} {} {}B {:.1f}ms", ip, method, path, r.status, r.body.size(),
                   secs * 1000);
    return r;
  };
  if (resp.pending) return Response::later(resp.pending->then(std::move(finish)));
  return finish(std::move(resp));
}

Response Pipeline::route(Request& req, std::string& label) {
  if (req.path == "/metrics" && req.method == "GET") {
    label = "/metrics";
    return Response::text(200, metrics_.render(), "text/plain; version=0.0.4; charset=utf-8");
  }
  bool api = req.path.rfind("/api/", 0) == 0 || req.path == "/api";
  if (!api) {
    if ((req.method == "GET" || req.method == "HEAD") && files_) {
      label = "static";
      if (auto r = files_->serve(req.path, req.header("accept-encoding"))) return *r;
    }
    return Response::error(Error::not_found("page"), req.lang);
  }
  // HEAD is GET without the body (the server leaves the body out).
  auto m = router_.match(req.method == "HEAD" ? std::string("GET") : req.method, req.path);
  if (!m.route) {
    if (m.path_matched) {
      Response r = Response::error({ErrorCode::kInvalid, "", "method_not_allowed", {}}, req.lang);
      r.status = 405;
      std::string allow;
      for (const auto& method : m.allowed) {
        if (allow.find(method) != std::string::npos) continue;
        allow += (allow.empty() ? "" : ", ") + method;
        if (method == "GET") allow += ", HEAD";
      }
      return r.header("Allow", allow);
    }
    return Response::error({ErrorCode::kNotFound, "", "route_not_found", {}}, req.lang);
  }
  const RouteSpec& route = *m.route;
  label = route.pattern;
  req.path_params = std::move(m.params);
  Ctx ctx{req};
  // Rate limits measure elapsed time: a monotonic clock, whatever the wall clock (or a test clock)
  // does.
  const int64_t steady_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                                std::chrono::steady_clock::now().time_since_epoch())
                                .count();
  if (route.operation_id == "login" && !login_limiter_.allow(req.remote_ip, steady_ms))
    return Response::error({ErrorCode::kRateLimited, "", "rate_limited", {}}, req.lang)
        .header("Retry-After", "60");
  std::optional<auth::Principal> who;
  if (route.action != "public") {
    auto p = auth_.authenticate(req);
    if (!p.ok()) return Response::error(p.error(), req.lang);
    who = std::move(p).value();
    if (!who->via_token && unsafe(req.method)) {
      const std::string token = req.header("x-csrf-token");
      if (token.empty() || token != who->csrf_token)
        return Response::error({ErrorCode::kCsrf, "", "csrf", {}}, req.lang);
    }
    if (who->must_change_password && !route.allow_before_password_change)
      return Response::error(
          {ErrorCode::kPasswordChangeRequired, "", "password_change_required", {}}, req.lang);
    // The route's declared action: no grant of a permitted role anywhere → 403 before the
    // handler runs; the handler then checks the target's subtree with authorize().
    if (auto st = auth::authorize_any(*who, route.action); !st.ok())
      return Response::error(st.error(), req.lang);
    ctx.principal = &*who;
  }
  return route.handler(ctx);
}

}  // namespace xiaoan::http
