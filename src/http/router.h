// A small router: METHOD + pattern with {params}, each route carrying its OpenAPI description
// and its authorization policy (the action it needs, or "public").
#pragma once

#include <functional>
#include <memory>
#include <string>
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
    std::vector<std::string> segments;  // "{x}" marks a parameter
    RouteSpec* spec;
  };
  std::vector<std::unique_ptr<RouteSpec>> routes_;
  std::vector<Compiled> compiled_;
  Json schemas_ = Json::object();
};

}  // namespace xiaoan::http
