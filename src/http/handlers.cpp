#include "http/handlers.h"

#include <algorithm>
#include <charconv>

namespace xiaoan::http {

Result<Json> body_object(const Ctx& ctx) { return parse_json_object(ctx.req.body); }

Result<int64_t> path_id(const Ctx& ctx, const char* name) {
  auto it = ctx.req.path_params.find(name);
  if (it == ctx.req.path_params.end()) return Error::invalid(name, "required");
  auto id = parse_id(it->second);
  if (!id) return Error::not_found(name);
  return *id;
}

Result<std::optional<int64_t>> query_id(const Ctx& ctx, const char* name) {
  auto v = ctx.req.query_param(name);
  if (!v) return std::optional<int64_t>{};
  auto id = parse_id(*v);
  if (!id) return Error::invalid(name, "must_be_id");
  return std::optional<int64_t>(*id);
}

Result<int> query_int(const Ctx& ctx, const char* name, int dflt, int min, int max) {
  auto v = ctx.req.query_param(name);
  if (!v) return dflt;
  int out = 0;
  auto [p, ec] = std::from_chars(v->data(), v->data() + v->size(), out);
  if (ec != std::errc() || p != v->data() + v->size()) return Error::invalid(name, "must_be_integer");
  if (out < min || out > max)
    return Error::invalid(name, "out_of_range", {{"min", std::to_string(min)}, {"max", std::to_string(max)}});
  return out;
}

Response read_json(const Ctx& ctx, store::Db& db,
                   const std::function<Result<Json>(store::Conn&)>& fn) {
  std::optional<Json> out;
  Status st = db.read([&](store::Conn& c) -> Status {
    XA_ASSIGN(Json j, fn(c));
    out = std::move(j);
    return ok_status();
  });
  if (!st.ok()) return fail(ctx, st.error());
  return Response::json(200, *out);
}

Response write_json(Ctx& ctx, store::Db& db, int status,
                    const std::function<Result<Json>(store::Conn&)>& fn, bool secret) {
  return mutate(ctx, db, [&](store::Conn& c) -> Result<Response> {
    XA_ASSIGN(Json j, fn(c));
    if (status == 204) return Response::no_content();
    Response r = Response::json(status, j);
    if (secret) {
      r.secret = true;
      r.header("Cache-Control", "no-store");
    }
    return r;
  });
}

namespace {
Result<Response> json_answer(int status, Result<Json> j) {
  if (!j.ok()) return j.error();
  if (status == 204) return Response::no_content();
  return Response::json(status, *j);
}
}  // namespace

Response write_json_later(Ctx& ctx, store::Db& db, int status, LaterJsonFn fn,
                          std::optional<uint64_t> affinity) {
  return mutate_later(
      ctx, db,
      [status, fn = std::move(fn)](store::Conn& c, const auth::Principal& who) {
        return json_answer(status, fn(c, who));
      },
      affinity);
}

Response later_error(Ctx& ctx, store::Db& db, const Error& e) {
  if (ctx.req.header("idempotency-key").empty() || !ctx.principal) return fail(ctx, e);
  return mutate_later(ctx, db, [e](store::Conn&, const auth::Principal&) -> Result<Response> { return e; });
}

Response read_by_id(const Ctx& ctx, store::Db& db, const IdReadFn& fn) {
  auto id = path_id(ctx);
  if (!id.ok()) return fail(ctx, id.error());
  return read_json(ctx, db, [&](store::Conn& c) { return fn(c, *id); });
}

Response write_by_id(Ctx& ctx, store::Db& db, int status, const IdWriteFn& fn) {
  auto id = path_id(ctx);
  if (!id.ok()) return fail(ctx, id.error());
  auto body = body_object(ctx);
  if (!body.ok()) return fail(ctx, body.error());
  return write_json(ctx, db, status, [&](store::Conn& c) { return fn(c, *id, *body); });
}

Response write_on_id(Ctx& ctx, store::Db& db, int status, const IdReadFn& fn, bool secret) {
  auto id = path_id(ctx);
  if (!id.ok()) return fail(ctx, id.error());
  return write_json(ctx, db, status, [&](store::Conn& c) { return fn(c, *id); }, secret);
}

Response write_body(Ctx& ctx, store::Db& db, int status, const BodyWriteFn& fn) {
  auto body = body_object(ctx);
  if (!body.ok()) return fail(ctx, body.error());
  return write_json(ctx, db, status, [&](store::Conn& c) { return fn(c, *body); });
}

Response read_by_org(const Ctx& ctx, store::Db& db, const IdReadFn& fn) {
  auto org = query_id(ctx, "org_id");
  if (!org.ok()) return fail(ctx, org.error());
  if (!*org) return fail(ctx, Error::invalid("org_id", "required"));
  int64_t id = **org;
  return read_json(ctx, db, [&](store::Conn& c) { return fn(c, id); });
}

std::string query_str(const Ctx& ctx, const char* name) {
  return ctx.req.query_param(name).value_or("");
}

Json ref(const std::string& schema) { return {{"$ref", "#/components/schemas/" + schema}}; }

Json array_of(const Json& item) { return {{"type", "array"}, {"items", item}}; }

Json object_schema(const Json& properties, const std::vector<std::string>& required) {
  Json j = {{"type", "object"}, {"properties", properties}};
  if (!required.empty()) j["required"] = required;
  return j;
}

Json closed_object(const Json& properties, const std::vector<std::string>& optional) {
  std::vector<std::string> required;
  for (const auto& [k, v] : properties.items())
    if (std::find(optional.begin(), optional.end(), k) == optional.end()) required.push_back(k);
  Json j = object_schema(properties, required);
  j["additionalProperties"] = false;
  return j;
}

Json nullable(const Json& schema) {
  if (schema.contains("type") && schema["type"].is_string()) {
    Json j = schema;
    j["type"] = {schema["type"], "null"};
    return j;
  }
  return {{"oneOf", {schema, {{"type", "null"}}}}};
}

Json enum_of(const std::vector<std::string>& values) {
  return {{"type", "string"}, {"enum", values}};
}

Json free_form(const std::string& why) {
  return {{"type", "object"}, {"additionalProperties", true}, {"x-free-form", true}, {"description", why}};
}

}  // namespace xiaoan::http
