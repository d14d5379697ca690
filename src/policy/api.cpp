#include "policy/api.h"

#include "http/handlers.h"
#include "policy/repo_sql.h"
#include "policy/service.h"

namespace xiaoan::policy {

using http::Ctx;
using http::fail;

void register_api(http::Router& r, store::Db& db, ImpactFn impact, SavedFn saved) {
  using http::array_of;
  using http::closed_object;
  using http::ref;
  Json str = {{"type", "string"}}, integer = {{"type", "integer"}}, number = {{"type", "number"}};
  Json value = {{"type", {"string", "number", "boolean"}},
                {"description", "a setting's value: a time (HH:MM), a number, a switch or a list in text"}};
  Json values = http::free_form(
      "A policy document: setting key → value. Its keys are the settings of `schema` (a node "
      "holds only those it sets), so they are not listed here; each value is a PolicyValue.");
  values["additionalProperties"] = ref("PolicyValue");
  r.add_schemas({
      {"PolicyValue", value},
      {"PolicyValues", values},
      {"PolicySetting",
       closed_object({{"value", ref("PolicyValue")},
                      {"type", http::enum_of({"time", "number", "int", "bool", "string"})},
                      {"min", number},
                      {"max", number},
                      {"tighter", http::enum_of({"lower", "higher", "none"})},
                      {"section", str},
                      {"seed", str}},
                     {"min", "max"})},
      {"PolicySchema", {{"type", "object"},
                        {"additionalProperties", ref("PolicySetting")},
                        {"description", "every setting by key, with its default value"}}},
      {"PolicyEffectiveValue",
       closed_object({{"value", ref("PolicyValue")},
                      {"source_org_id", {{"type", "integer"}, {"description", "0: the default"}}},
                      {"source_org_name", str}})},
      {"PolicyEffective", {{"type", "object"},
                           {"additionalProperties", ref("PolicyEffectiveValue")},
                           {"description", "every setting by key: its value and the node it comes from"}}},
      {"PolicyVersion", closed_object({{"version", integer},
                                       {"values", ref("PolicyValues")},
                                       {"note", str},
                                       {"created_at", str},
                                       {"created_by", str}})},
      {"Policy", closed_object({{"org", ref("OrgNode")},
                                {"version", integer},
                                {"own", ref("PolicyValues")},
                                {"effective", ref("PolicyEffective")},
                                {"parent", ref("PolicyEffective")},
                                {"schema", ref("PolicySchema")},
                                {"history", array_of(ref("PolicyVersion"))}})},
      {"PolicyInput", closed_object({{"org_id", str},
                                     {"values", ref("PolicyValues")},
                                     {"note", http::nullable(str)}},
                                    {"note"})},
      {"PolicyPreviewInput", closed_object({{"org_id", str}, {"values", ref("PolicyValues")}})},
      {"PolicyPreview",
       closed_object({{"changes", array_of(closed_object({{"key", str},
                                                         {"before", ref("PolicyValue")},
                                                         {"after", ref("PolicyValue")}}))},
                      {"impact", ref("PolicyImpact")}},
                     {"impact"})},
      // What the server wires in as the impact (app.cpp): fever readings that a changed
      // threshold flags or unflags today, and the return decisions that change (ReturnImpact).
      {"ThresholdShift", closed_object({{"before", number},
                                        {"after", number},
                                        {"newly_flagged", integer},
                                        {"no_longer_flagged", integer}},
                                       {"newly_flagged", "no_longer_flagged"})},
      {"PolicyImpact", closed_object({{"day", str},
                                      {"fever_threshold", ref("ThresholdShift")},
                                      {"screening_recheck", ref("ThresholdShift")},
                                      {"return", ref("ReturnImpact")}},
                                     {"fever_threshold", "screening_recheck"})},
  });
  std::vector<http::QueryParam> org_q = {{"org_id", "string", "org node"}};
  // --- policy ---
  r.add({"GET", "/api/policy", "getPolicy", "policy",
         "The effective policy at an org node, its own values, the parent's and the history",
         "policy.read", nullptr, ref("Policy"), 200, org_q, [&db](Ctx& ctx) {
           return http::read_by_org(ctx, db, [&](store::Conn& c, int64_t org) {
             return get_policy(c, ctx.who(), org);
           });
         }});
  r.add({"PUT", "/api/policy", "savePolicy", "policy",
         "Save a new version of a node's own values (a node may tighten, never loosen)",
         "policy.write", ref("PolicyInput"), ref("Policy"), 200, {}, [&db, saved](Ctx& ctx) {
           return http::write_body(ctx, db, 200, [&](store::Conn& c, const Json& b) -> Result<Json> {
             XA_ASSIGN(int64_t org, JsonFields(b).id("org_id"));
             XA_ASSIGN(auto note, JsonFields(b).opt_text("note", 500));
             XA_ASSIGN(Json out, save_policy(c, ctx.who(), ctx.req.remote_ip, org,
                                             b.contains("values") ? b["values"] : Json(nullptr),
                                             note.value_or("")));
             if (saved) {
               auto node = c.query_one(sql::kNodePath, {org});
               if (node) saved(c, node->str(0));
             }
             return out;
           });
         }});
  r.add({"POST", "/api/policy/preview", "previewPolicy", "policy",
         "What saving these values would change (nothing is written)", "policy.write",
         ref("PolicyPreviewInput"), ref("PolicyPreview"), 200, {},
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
