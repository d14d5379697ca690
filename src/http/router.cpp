#include "http/router.h"

#include <stdexcept>

#include "auth/rules.h"

namespace xiaoan::http {
namespace {

std::vector<std::string> split_path(const std::string& path) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i < path.size()) {
    if (path[i] == '/') {
      ++i;
      continue;
    }
    size_t j = path.find('/', i);
    if (j == std::string::npos) j = path.size();
    out.push_back(path.substr(i, j - i));
    i = j;
  }
  return out;
}

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

}  // namespace

void Router::add(RouteSpec spec) {
  if (spec.action.empty())
    throw std::logic_error("route without a policy: " + spec.method + " " + spec.pattern);
  if (!auth::known_action(spec.action))
    throw std::logic_error("route with an unknown policy action: " + spec.action);
  routes_.push_back(std::make_unique<RouteSpec>(std::move(spec)));
  compiled_.push_back({split_path(routes_.back()->pattern), routes_.back().get()});
}

void Router::add_schemas(const Json& schemas) {
  for (auto& [k, v] : schemas.items()) schemas_[k] = v;
}

Router::Match Router::match(const std::string& method, const std::string& path) const {
  Match m;
  auto segs = split_path(path);
  for (const Compiled& c : compiled_) {
    if (c.segments.size() != segs.size()) continue;
    std::map<std::string, std::string> params;
    bool ok = true;
    for (size_t i = 0; i < segs.size() && ok; ++i) {
      const std::string& p = c.segments[i];
      if (p.size() > 2 && p.front() == '{' && p.back() == '}') {
        params[p.substr(1, p.size() - 2)] = url_decode(segs[i], false);
      } else if (p != segs[i]) {
        ok = false;
      }
    }
    if (!ok) continue;
    if (c.spec->method != method) {
      m.path_matched = true;
      m.allowed.push_back(c.spec->method);
      continue;
    }
    m.route = c.spec;
    m.params = std::move(params);
    return m;
  }
  return m;
}

Json Router::openapi(const std::string& version) const {
  Json paths = Json::object();
  Json error_schema = {{"$ref", "#/components/schemas/ErrorBody"}};
  for (const auto& r : routes_) {
    Json op = {{"operationId", r->operation_id},
               {"summary", r->summary},
               {"tags", Json::array({r->tag})},
               {"x-xiaoan-policy", r->action}};
    Json params = Json::array();
    for (const auto& seg : split_path(r->pattern)) {
      if (seg.size() > 2 && seg.front() == '{')
        params.push_back({{"name", seg.substr(1, seg.size() - 2)},
                          {"in", "path"},
                          {"required", true},
                          {"schema", {{"type", "string"}}}});
    }
    for (const auto& q : r->query)
      params.push_back({{"name", q.name},
                        {"in", "query"},
                        {"required", false},
                        {"description", q.description},
                        {"schema", {{"type", q.type}}}});
    if (!params.empty()) op["parameters"] = params;
    if (!r->request_schema.is_null())
      op["requestBody"] = {
          {"required", true},
          {"content", {{"application/json", {{"schema", r->request_schema}}}}}};
    Json responses = Json::object();
    std::string ok = std::to_string(r->success_status);
    if (r->response_schema.is_null()) {
      responses[ok] = {{"description", "Success"}};
    } else {
      responses[ok] = {{"description", "Success"},
                       {"content", {{"application/json", {{"schema", r->response_schema}}}}}};
    }
    responses["default"] = {{"description", "Error"},
                            {"content", {{"application/json", {{"schema", error_schema}}}}}};
    op["responses"] = responses;
    paths[r->pattern][lower(r->method)] = op;
  }
  Json schemas = schemas_;
  schemas["ErrorBody"] = {
      {"type", "object"},
      {"required", {"error"}},
      {"properties",
       {{"error",
         {{"type", "object"},
          {"required", {"code", "field", "message"}},
          {"properties",
           {{"code", {{"type", "string"}}},
            {"field", {{"type", {"string", "null"}}}},
            {"message", {{"type", "string"}}}}}}}}}};
  return {{"openapi", "3.1.0"},
          {"info",
           {{"title", "xiaoan (校安) API"},
            {"version", version},
            {"description",
             "School epidemic-prevention and reopening platform. Cookie sessions need the "
             "X-CSRF-Token header on unsafe methods; integrations use Bearer API tokens. "
             "x-xiaoan-policy names the authorization action each operation requires."}}},
          {"paths", paths},
          {"components",
           {{"schemas", schemas},
            {"securitySchemes",
             {{"session", {{"type", "apiKey"}, {"in", "cookie"}, {"name", "xa_session"}}},
              {"bearer", {{"type", "http"}, {"scheme", "bearer"}}}}}}}};
}

}  // namespace xiaoan::http
