// A small router: METHOD + pattern with {params}, each route carrying its OpenAPI description
// and its authorization policy (the action it needs, or "public").
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "auth/principal.h"
#include "http/message.h"

namespace xiaoan::http {

struct Ctx {
  Request& req;
  const auth::Principal* principal = nullptr;  // set for every non-public route
  const auth::Principal& who() const { return *principal; }
  Lang lang() const { return req.lang; }
};

using Handler = std::function<Response(Ctx&)>;

// A route's path template ("/api/people/{id}"), matched segment by segment (empty segments are
// skipped: "/api//people/" is "/api/people"). The router and the API tests' contract validator
// both find operations with it.
class PathTemplate {
 public:
  explicit PathTemplate(std::string_view pattern);
  const std::string& pattern() const { return pattern_; }
  // The segments of a request path (no query string), as matches() takes them.
  static std::vector<std::string_view> split(std::string_view path);
  // Whether `path` (split()) matches; its {params}, URL-decoded, into `params` when given.
  bool matches(const std::vector<std::string_view>& path,
               std::map<std::string, std::string>* params = nullptr) const;
  // Literal segments (true) and {params} (false), left to right: of two templates matching a
  // path, the one whose specificity() compares greater is the more specific.
  std::vector<bool> specificity() const;

 private:
  std::string pattern_;
  std::vector<std::string> segments_;  // "{x}" marks a parameter
};

struct QueryParam {
  std::string name;
  std::string type = "string";  // OpenAPI scalar type
  std::string description;
};

struct RouteSpec {
  std::string method;   // GET, POST, PUT, PATCH, DELETE
  std::string pattern;  // /api/users/{id}
  std::string operation_id;
  std::string tag;
  std::string summary;
  std::string action;  // authorization action (see auth/rules.h) or "public" / "authenticated"
  Json request_schema;   // null when the operation takes no body
  Json response_schema;  // null for 204
  int success_status = 200;
  std::vector<QueryParam> query;
  Handler handler;
  bool allow_before_password_change = false;  // the forced password change flow itself
  size_t body_limit = 0;                      // bytes; 0 = the server's default (1 MiB)
};

class Router {
 public:
  void add(RouteSpec spec);
  void add_schemas(const Json& schemas);  // components.schemas contributed by a module

  struct Match {
    const RouteSpec* route = nullptr;
    bool path_matched = false;  // a route has this path but not this method (405)
    std::vector<std::string> allowed;  // then: the methods it has
    std::map<std::string, std::string> params;
  };
  Match match(const std::string& method, const std::string& path) const;

  Json openapi(const std::string& version) const;
  const std::vector<std::unique_ptr<RouteSpec>>& routes() const { return routes_; }

 private:
  struct Compiled {
    PathTemplate path;
    RouteSpec* spec;
  };
  std::vector<std::unique_ptr<RouteSpec>> routes_;
  std::vector<Compiled> compiled_;
  Json schemas_ = Json::object();
};

}  // namespace xiaoan::http
