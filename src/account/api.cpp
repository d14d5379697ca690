#include "account/api.h"

#include "auth/audit.h"
#include "auth/crypto.h"
#include "auth/rules.h"
#include "core/time.h"
#include "http/handlers.h"
#include "org/service.h"

namespace xiaoan::auth {

using http::Ctx;
using http::fail;
using http::Response;
namespace {

// A PATCH: only the fields present change.
Result<UserPatch> parse_user_patch(const Json& b) {
  JsonFields f(b);
  UserPatch p;
  if (f.has("display_name")) {
    XA_ASSIGN(p.display_name, f.str("display_name", 1, 50));
  }
  XA_ASSIGN(p.phone, f.opt_str("phone", 20));
  XA_ASSIGN(p.disabled, f.opt_bool("disabled"));
  return p;
}

Json schemas() {
  using http::array_of;
  using http::closed_object;
  using http::nullable;
  using http::ref;
  Json str = {{"type", "string"}};
  Json nstr = nullable(str);
  Json boolean = {{"type", "boolean"}};
  // An audit row's before/after: a snapshot of whatever the action changed (a user, a grant, a
  // school's details, a policy document...), so its fields depend on the action.
  Json snapshot = {{"type", {"object", "null"}},
                   {"description",
                    "free-form: a snapshot of the changed record, whose fields depend on the action"}};
  return {
      {"Grant", closed_object({{"id", str}, {"role", str}, {"org_id", str}, {"org_name", str},
                               {"org_kind", str}})},
      {"Me", closed_object({{"id", str}, {"username", str}, {"display_name", str},
                            {"must_change_password", boolean}, {"grants", array_of(ref("Grant"))}})},
      {"Session", closed_object({{"user", ref("Me")}, {"csrf_token", str}})},
      {"LoginInput", closed_object({{"username", str}, {"password", str}})},
      {"PasswordChange", closed_object({{"old_password", str}, {"new_password", str}})},
      {"User", closed_object({{"id", str}, {"username", str}, {"display_name", str}, {"phone", nstr},
                              {"disabled", boolean}, {"must_change_password", boolean},
                              {"locked_until", nstr}, {"created_at", str},
                              {"grants", array_of(ref("Grant"))}})},
      {"UserPage", closed_object({{"items", array_of(ref("User"))}, {"total", {{"type", "integer"}}}})},
      {"NewUserInput", closed_object({{"username", str}, {"display_name", str}, {"phone", nstr},
                                      {"password", str}, {"grants", array_of(ref("GrantInput"))}},
                                     {"phone"})},
      {"UserPatch", closed_object({{"display_name", str}, {"phone", nstr}, {"disabled", boolean}},
                                  {"display_name", "phone", "disabled"})},
      {"PasswordReset", closed_object({{"password", str}})},
      {"GrantInput", closed_object({{"role", str}, {"org_id", str}})},
      {"AuditEntry",
       closed_object({{"id", str}, {"at", str}, {"actor_id", nstr}, {"actor_name", str},
                      {"action", str}, {"target_type", str}, {"target_id", nstr}, {"org_id", nstr},
                      {"ip", str}, {"before", snapshot}, {"after", snapshot},
                      {"actor_display_name", nstr}, {"org_name", nstr}, {"target_name", nstr}})},
      {"AuditPage", closed_object({{"items", array_of(ref("AuditEntry"))}, {"next_before", nstr}})},
      {"ApiToken", closed_object({{"id", str}, {"name", str}, {"created_at", str}, {"last_used_at", nstr}})},
      {"ApiTokenList", closed_object({{"items", array_of(ref("ApiToken"))}})},
      {"TokenInput", closed_object({{"name", str}})},
      {"NewApiToken", closed_object({{"id", str}, {"name", str}, {"token", str}})},
      {"RoleInfo", closed_object({{"role", str}, {"org_kinds", array_of(str)}})},
      {"RoleList", closed_object({{"roles", array_of(ref("RoleInfo"))}})},
  };
}

// A grant: the body of addGrant (prefix "") or an item of createUser's grants ("grants[0].").
Result<std::pair<Role, int64_t>> parse_grant(const Json& g, const std::string& prefix = "") {
  if (!g.is_object()) return wrong_kind(prefix.empty() ? "body" : prefix.substr(0, prefix.size() - 1),
                                        JsonKind::kObject);
  JsonFields f(g, prefix);
  XA_ASSIGN(std::string role_s, f.str("role", 1, 40));
  auto role = parse_role(role_s);
  if (!role) return Error::invalid(f.name("role"), "role_invalid", {{"value", role_s}});
  XA_ASSIGN(int64_t org, f.id("org_id"));
  return std::make_pair(*role, org);
}

}  // namespace

void register_api(http::Router& r, store::Db& db, AuthService& auth) {
  using http::ref;
  r.add_schemas(schemas());

  r.add({"POST", "/api/auth/login", "login", "auth", "Sign in with username and password", "public",
         ref("LoginInput"), ref("Session"), 200, {},
         [&](Ctx& ctx) {
           auto body = http::body_object(ctx);
           if (!body.ok()) return fail(ctx, body.error());
           JsonFields f(*body);
           auto user = f.str("username", 1, 64);
           if (!user.ok()) return fail(ctx, user.error());
           auto pw = f.str("password", 1, 200);
           if (!pw.ok()) return fail(ctx, pw.error());
           auto res = auth.login(*user, *pw, ctx.req.remote_ip);
           if (!res.ok()) return fail(ctx, res.error());
           return Response::json(200, {{"user", me_json(res->principal)},
                                       {"csrf_token", res->principal.csrf_token}})
               .header("Set-Cookie", auth.session_cookie(res->token))
               .header("Cache-Control", "no-store");
         },
         true});

  r.add({"POST", "/api/auth/logout", "logout", "auth", "Sign out (ends the session)",
         "authenticated", nullptr, nullptr, 204, {},
         [&](Ctx& ctx) {
           Status st = auth.logout(ctx.who(), ctx.req.remote_ip);
           if (!st.ok()) return fail(ctx, st.error());
           return Response::no_content().header("Set-Cookie", auth.clear_cookie());
         },
         true});

  r.add({"GET", "/api/auth/me", "me", "auth", "The signed-in user, their grants and CSRF token",
         "authenticated", nullptr, ref("Session"), 200, {},
         [&](Ctx& ctx) {
           return Response::json(200, {{"user", me_json(ctx.who())}, {"csrf_token", ctx.who().csrf_token}})
               .header("Cache-Control", "no-store");
         },
         true});

  r.add({"POST", "/api/auth/password", "changePassword", "auth", "Change the caller's password",
         "authenticated",
         ref("PasswordChange"), nullptr, 204, {},
         [&](Ctx& ctx) {
           auto body = http::body_object(ctx);
           if (!body.ok()) return fail(ctx, body.error());
           JsonFields f(*body);
           auto old_pw = f.str("old_password", 1, 200);
           if (!old_pw.ok()) return fail(ctx, old_pw.error());
           auto new_pw = f.str("new_password", 1, 200);
           if (!new_pw.ok()) return fail(ctx, new_pw.error());
           Status st = auth.change_password(ctx.who(), *old_pw, *new_pw, ctx.req.remote_ip);
           if (!st.ok()) return fail(ctx, st.error());
           return Response::no_content();
         },
         true});

  r.add({"GET", "/api/roles", "listRoles", "auth", "Roles and the org node kinds they sit on",
         "authenticated", nullptr, ref("RoleList"), 200, {},
         [](Ctx&) {
           Json roles = Json::array();
           for (Role role : all_roles()) {
             Json kinds = Json::array();
             for (auto k : grant_kinds(role)) kinds.push_back(k);
             roles.push_back({{"role", role_name(role)}, {"org_kinds", kinds}});
           }
           return Response::json(200, {{"roles", roles}});
         }});

  // ---- users ----
  r.add({"GET", "/api/users", "listUsers", "users", "Accounts within the caller's scope",
         "users.read", nullptr, ref("UserPage"), 200,
         {{"org_id", "string", "only users granted within this node's subtree"},
          {"q", "string", "username, name or phone contains"},
          {"limit", "integer", "1–200, default 50"},
          {"offset", "integer", "default 0"}},
         [&](Ctx& ctx) {
           auto org = http::query_id(ctx, "org_id");
           if (!org.ok()) return fail(ctx, org.error());
           auto limit = http::query_int(ctx, "limit", 50, 1, 200);
           if (!limit.ok()) return fail(ctx, limit.error());
           auto offset = http::query_int(ctx, "offset", 0, 0, 1000000);
           if (!offset.ok()) return fail(ctx, offset.error());
           std::string q = ctx.req.query_param("q").value_or("");
           return http::read_json(ctx, db, [&](store::Conn& c) {
             return list_users(c, ctx.who(), *org, q, *limit, *offset);
           });
         }});

  r.add({"POST", "/api/users", "createUser", "users", "Create an account with grants", "users.write",
         ref("NewUserInput"), ref("User"), 201, {},
         [&](Ctx& ctx) {
           auto body = http::body_object(ctx);
           if (!body.ok()) return fail(ctx, body.error());
           JsonFields f(*body);
           NewUser in;
           auto username = f.str("username", 1, 64);
           if (!username.ok()) return fail(ctx, username.error());
           in.username = *username;
           if (auto st = validate_username(in.username); !st.ok()) return fail(ctx, st.error());
           auto name = f.str("display_name", 1, 50);
           if (!name.ok()) return fail(ctx, name.error());
           in.display_name = *name;
           auto phone = f.opt_str("phone", 20);
           if (!phone.ok()) return fail(ctx, phone.error());
           in.phone = *phone && !(*phone)->empty() ? *phone : std::nullopt;
           if (auto st = validate_phone(in.phone); !st.ok()) return fail(ctx, st.error());
           auto pw = f.str("password", 1, 200);
           if (!pw.ok()) return fail(ctx, pw.error());
           if (!password_strong_enough(*pw, in.username))
             return fail(ctx, Error::invalid("password", "password_weak"));
           auto arr = f.array("grants");
           if (!arr.ok()) return fail(ctx, arr.error());
           for (size_t i = 0; i < (*arr)->size(); ++i) {
             auto pg = parse_grant((**arr)[i], "grants[" + std::to_string(i) + "].");
             if (!pg.ok()) return fail(ctx, pg.error());
             in.grants.push_back(*pg);
           }
           if (in.grants.empty()) return fail(ctx, Error::invalid("grants", "required"));
           if (auto st = authorize_any(ctx.who(), "users.write"); !st.ok()) return fail(ctx, st.error());
           std::string hash = hash_password(*pw);  // slow: outside the transaction
           return http::write_json(ctx, db, 201, [&](store::Conn& c) {
             return create_user(c, ctx.who(), ctx.req.remote_ip, in, hash);
           });
         }});

  r.add({"GET", "/api/users/{id}", "getUser", "users", "One account", "users.read", nullptr,
         ref("User"), 200, {},
         [&](Ctx& ctx) {
           return http::read_by_id(ctx, db, [&](store::Conn& c, int64_t id) { return get_user(c, ctx.who(), id); });
         }});

  r.add({"PATCH", "/api/users/{id}", "updateUser", "users", "Rename, change phone, disable/enable",
         "users.write",
         ref("UserPatch"), ref("User"), 200, {},
         [&](Ctx& ctx) {
           return http::write_input_by_id(ctx, db, 200, parse_user_patch,
                                          [&](store::Conn& c, int64_t id, const UserPatch& p) {
             return update_user(c, ctx.who(), ctx.req.remote_ip, id, p);
           });
         }});

  r.add({"POST", "/api/users/{id}/password", "resetUserPassword", "users",
         "Set a new password (the user must change it at next sign-in)", "users.write",
         ref("PasswordReset"), nullptr, 204, {},
         [&](Ctx& ctx) {
           auto id = http::path_id(ctx);
           if (!id.ok()) return fail(ctx, id.error());
           auto body = http::body_object(ctx);
           if (!body.ok()) return fail(ctx, body.error());
           auto pw = JsonFields(*body).str("password", 1, 200);
           if (!pw.ok()) return fail(ctx, pw.error());
           if (!password_strong_enough(*pw)) return fail(ctx, Error::invalid("password", "password_weak"));
           std::string hash = hash_password(*pw);
           return http::write_json(ctx, db, 204, [&](store::Conn& c) -> Result<Json> {
             XA_TRY(reset_password(c, ctx.who(), ctx.req.remote_ip, *id, hash));
             return Json(nullptr);
           });
         }});

  r.add({"POST", "/api/users/{id}/grants", "addGrant", "users", "Grant a role on an org node",
         "users.write", ref("GrantInput"), ref("Grant"), 201, {},
         [&](Ctx& ctx) {
           auto id = http::path_id(ctx);
           if (!id.ok()) return fail(ctx, id.error());
           auto body = http::body_object(ctx);
           if (!body.ok()) return fail(ctx, body.error());
           auto g = parse_grant(*body);
           if (!g.ok()) return fail(ctx, g.error());
           return http::write_json(ctx, db, 201, [&](store::Conn& c) {
             return add_grant(c, ctx.who(), ctx.req.remote_ip, *id, g->first, g->second);
           });
         }});

  r.add({"DELETE", "/api/users/{id}/grants/{grant_id}", "removeGrant", "users", "Remove a grant",
         "users.write", nullptr, nullptr, 204, {},
         [&](Ctx& ctx) {
           auto id = http::path_id(ctx);
           if (!id.ok()) return fail(ctx, id.error());
           auto gid = http::path_id(ctx, "grant_id");
           if (!gid.ok()) return fail(ctx, gid.error());
           return http::write_json(ctx, db, 204, [&](store::Conn& c) -> Result<Json> {
             XA_TRY(remove_grant(c, ctx.who(), ctx.req.remote_ip, *id, *gid));
             return Json(nullptr);
           });
         }});

  // ---- API tokens ----
  r.add({"GET", "/api/tokens", "listTokens", "tokens", "The caller's API tokens", "authenticated",
         nullptr, ref("ApiTokenList"), 200, {},
         [&](Ctx& ctx) {
           return http::read_json(ctx, db, [&](store::Conn& c) -> Result<Json> {
             return list_tokens(c, ctx.who());
           });
         }});

  r.add({"POST", "/api/tokens", "createToken", "tokens",
         "Create a bearer token for integrations (shown once)", "authenticated",
         ref("TokenInput"), ref("NewApiToken"), 201, {},
         [&](Ctx& ctx) {
           auto body = http::body_object(ctx);
           if (!body.ok()) return fail(ctx, body.error());
           auto name = JsonFields(*body).str("name", 1, 50);
           if (!name.ok()) return fail(ctx, name.error());
           if (ctx.who().via_token) return fail(ctx, Error::forbidden());
           return http::write_json(
               ctx, db, 201,
               [&](store::Conn& c) { return create_token(c, ctx.who(), ctx.req.remote_ip, *name); },
               /*secret=*/true);
         }});

  r.add({"DELETE", "/api/tokens/{id}", "revokeToken", "tokens", "Revoke one of the caller's tokens",
         "authenticated", nullptr, nullptr, 204, {},
         [&](Ctx& ctx) {
           return http::write_on_id(ctx, db, 204, [&](store::Conn& c, int64_t id) -> Result<Json> {
             XA_TRY(revoke_token(c, ctx.who(), ctx.req.remote_ip, id));
             return Json(nullptr);
           });
         }});

  // ---- audit ----
  r.add({"GET", "/api/audit", "searchAudit", "audit", "Search the audit log within the caller's scope",
         "audit.read", nullptr, ref("AuditPage"), 200,
         {{"org_id", "string", "only rows of this node's subtree"},
          {"actor", "string", "username of the actor"},
          {"action", "string", "action or action prefix, e.g. user."},
          {"from", "string", "ISO time, inclusive"},
          {"to", "string", "ISO time, exclusive"},
          {"before", "string", "cursor: next_before of the previous page"},
          {"limit", "integer", "1–200, default 50"}},
         [&](Ctx& ctx) {
           AuditQuery q;
           q.scope_paths = scope_paths(ctx.who(), "audit.read");
           auto org = http::query_id(ctx, "org_id");
           if (!org.ok()) return fail(ctx, org.error());
           auto limit = http::query_int(ctx, "limit", 50, 1, 200);
           if (!limit.ok()) return fail(ctx, limit.error());
           q.limit = *limit;
           auto before = http::query_id(ctx, "before");
           if (!before.ok()) return fail(ctx, before.error());
           q.before_id = before->value_or(0);
           q.actor = ctx.req.query_param("actor");
           q.action = ctx.req.query_param("action");
           for (const char* name : {"from", "to"}) {
             if (auto v = ctx.req.query_param(name)) {
               auto t = parse_iso_utc(*v);
               if (!t) return fail(ctx, Error::invalid(name, "invalid_time"));
               (std::string(name) == "from" ? q.from : q.to) = *t;
             }
           }
           if (q.from && q.to && *q.to < *q.from)
             return fail(ctx, Error::invalid("to", "date_order", {{"other", field_label("from", ctx.lang())}}));
           return http::read_json(ctx, db, [&](store::Conn& c) -> Result<Json> {
             if (*org) {
               auto n = org::require_node(c, **org);
               if (!n.ok()) return Error::invalid("org_id", "invalid_value", {{"value", id_str(**org)}});
               XA_TRY(authorize(ctx.who(), "audit.read", n->path));
               q.org_path_filter = n->path;
             }
             AuditPage page = search_audit(c, q);
             return Json{{"items", page.items},
                         {"next_before", page.next_before ? Json(id_str(*page.next_before)) : Json(nullptr)}};
           });
         }});
}

}  // namespace xiaoan::auth
