#include "policy/api.h"

#include "http/handlers.h"
#include "policy/service.h"

namespace xiaoan::policy {

using http::Ctx;
using http::fail;
using http::object_schema;

void register_api(http::Router& r, store::Db& db, ImpactFn impact, SavedFn saved) {
  Json obj = {{"type", "object"}, {"additionalProperties", true}};
  Json str = {{"type", "string"}};
  std::vector<http::QueryParam> org_q = {{"org_id", "string", "org node"}};
  // --- policy ---
  r.add({"GET", "/api/policy", "getPolicy", "policy",
         "The effective policy at an org node, its own values, the parent's and the history",
         "policy.read", nullptr, obj, 200, org_q, [&db](Ctx& ctx) {
           auto org = http::query_id(ctx, "org_id");
           if (!org.ok()) return fail(ctx, org.error());
           if (!*org) return fail(ctx, Error::invalid("org_id", "required"));
           int64_t id = **org;
           return http::read_json(ctx, db, [&](store::Conn& c) {
             return get_policy(c, ctx.who(), id);
           });
         }});
  r.add({"PUT", "/api/policy", "savePolicy", "policy",
         "Save a new version of a node's own values (a node may tighten, never loosen)",
         "policy.write", object_schema({{"org_id", str}, {"values", obj}, {"note", str}}, {"org_id", "values"}),
         obj, 200, {}, [&db, saved](Ctx& ctx) {
           return http::write_body(ctx, db, 200, [&](store::Conn& c, const Json& b) -> Result<Json> {
             XA_ASSIGN(int64_t org, JsonFields(b).id("org_id"));
             XA_ASSIGN(auto note, JsonFields(b).opt_text("note", 500));
             XA_ASSIGN(Json out, save_policy(c, ctx.who(), ctx.req.remote_ip, org,
                                             b.contains("values") ? b["values"] : Json(nullptr),
                                             note.value_or("")));
             if (saved) {
               auto node = c.query_one("SELECT path FROM org_nodes WHERE id = $1", {org});
               if (node) saved(c, node->str(0));
             }
             return out;
           });
         }});
  r.add({"POST", "/api/policy/preview", "previewPolicy", "policy",
         "What saving these values would change (nothing is written)", "policy.write",
         object_schema({{"org_id", str}, {"values", obj}}, {"org_id", "values"}), obj, 200, {},
         [&db, impact](Ctx& ctx) {
           auto body = http::body_object(ctx);
           if (!body.ok()) return fail(ctx, body.error());
           return http::read_json(ctx, db, [&](store::Conn& c) -> Result<Json> {
             XA_ASSIGN(int64_t org, JsonFields(*body).id("org_id"));
             return preview_policy(c, ctx.who(), org,
                                   body->contains("values") ? (*body)["values"] : Json(nullptr), impact);
           });
         }});

}

}  // namespace xiaoan::policy
