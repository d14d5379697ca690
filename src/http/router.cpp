#include "http/router.h"

#include <stdexcept>

#include "core/strings.h"

#include "auth/rules.h"

namespace xiaoan::http {
namespace {

bool is_param(const std::string& segment) {
  return segment.size() > 2 && segment.front() == '{' && segment.back() == '}';
}

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

}  // namespace

PathTemplate::PathTemplate(std::string_view pattern) : pattern_(pattern) {
  for (std::string_view s : split(pattern)) segments_.emplace_back(s);
}

std::vector<std::string_view> PathTemplate::split(std::string_view path) {
  return split_nonempty(path, '/');
}

bool PathTemplate::matches(const std::vector<std::string_view>& path,
                           std::map<std::string, std::string>* params) const {
  if (path.size() != segments_.size()) return false;
  for (size_t i = 0; i < path.size(); ++i)
    if (!is_param(segments_[i]) && segments_[i] != path[i]) return false;
  if (params)
    for (size_t i = 0; i < path.size(); ++i)
      if (is_param(segments_[i]))
        (*params)[segments_[i].substr(1, segments_[i].size() - 2)] =
            url_decode(path[i], false);
  return true;
}

std::vector<bool> PathTemplate::specificity() const {
  std::vector<bool> out;
  for (const auto& s : segments_) out.push_back(!is_param(s));
  return out;
}

void Router::add(RouteSpec spec) {
  if (spec.action.empty())
    throw std::logic_error("route without a policy: " + spec.method + " " + spec.pattern);
  if (!auth::known_action(spec.action))
    throw std::logic_error("route with an unknown policy action: " + spec.action);
  routes_.push_back(std::make_unique<RouteSpec>(std::move(spec)));
  compiled_.push_back({PathTemplate(routes_.back()->pattern), routes_.back().get()});
}

void Router::add_schemas(const Json& schemas) {
  for (auto& [k, v] : schemas.items()) schemas_[k] = v;
}

Router::Match Router::match(const std::string& method, const std::string& path) const {
  Match m;
  auto segs = PathTemplate::split(path);
  for (const Compiled& c : compiled_) {
    std::map<std::string, std::string> params;
    if (!c.path.matches(segs, &params)) continue;
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
    for (std::string_view seg : PathTemplate::split(r->pattern)) {
      if (seg.size() > 2 && seg.front() == '{')
        params.push_back({{"name", std::string(seg.substr(1, seg.size() - 2))},
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
