#include "family/api.h"

#include "core/time.h"
#include "family/service.h"
#include "http/handlers.h"

namespace xiaoan::family {

using http::Ctx;
using http::fail;
using http::object_schema;
using http::ref;

void register_api(http::Router& r, store::Db& db, auth::AuthService& auth,
                  const people::IdVault* vault, std::string public_url) {
  Json str = {{"type", "string"}};
  Json nstr = {{"type", {"string", "null"}}};
  // Links carry the configured public address (never the request's Host header).
  auto base_url = [public_url](const Ctx&) { return public_url; };
  auto caller = [vault](const Ctx& ctx) {
    return people::Caller{ctx.who(), ctx.req.remote_ip, local_date(now_millis()), *vault};
  };
  r.add_schemas({
      {"FamilyLink", object_schema({{"url", str}, {"qr_svg", str}}, {"url", "qr_svg"})},
      {"FamilyLetter", object_schema({{"person_id", str}, {"name", str}, {"student_no", nstr},
                                      {"url", str}, {"qr_svg", str}},
                                     {"person_id", "name", "student_no", "url", "qr_svg"})},
      {"FamilyDue", http::closed_object({{"kind", http::enum_of({"morning_report"})},
                                         {"done", {{"type", "boolean"}}},
                                         {"late", {{"type", "boolean"}}},
                                         {"window_end", str}})},
      {"FamilyChild", object_schema({{"id", str}, {"name", str}, {"gender", str}, {"school", str},
                                     {"class", str}, {"due_today", http::array_of(ref("FamilyDue"))},
                                     {"declaration_status", str},
                                     {"return_plan", http::nullable(ref("PersonReturnPlan"))}},
                                    {"id", "name", "gender", "school", "class", "due_today"})},
      {"FamilySignInInput", http::closed_object({{"token", str}})},
      {"ClassFamilyLetters", http::closed_object({{"school", str}, {"class", str},
                                                  {"letters", http::array_of(ref("FamilyLetter"))}})},
      {"FamilyHome", object_schema({{"csrf_token", str},
                                    {"children", http::array_of(ref("FamilyChild"))}},
                                   {"csrf_token", "children"})},
  });

  r.add({"POST", "/api/people/{id}/family-link", "issueFamilyLink", "family",
         "A new secret sign-in link for the pupil's family (revokes the previous one)",
         "people.write", nullptr, ref("FamilyLink"), 201, {},
         [&db, caller, base_url](Ctx& ctx) {
           return http::write_on_id(
               ctx, db, 201,
               [&](store::Conn& c, int64_t id) { return issue_link(c, caller(ctx), id, base_url(ctx)); },
               /*secret=*/true);
         }});

  r.add({"DELETE", "/api/people/{id}/family-link", "revokeFamilyLink", "family",
         "Revoke the pupil's family link (signed-in phones lose access)", "people.write", nullptr,
         nullptr, 204, {},
         [&db, caller](Ctx& ctx) {
           return http::write_on_id(ctx, db, 204, [&](store::Conn& c, int64_t id) -> Result<Json> {
             XA_TRY(revoke_link(c, caller(ctx), id));
             return Json(nullptr);
           });
         }});

  r.add({"POST", "/api/classes/{id}/family-letters", "classFamilyLetters", "family",
         "Letters with QR codes for every enrolled pupil of a class (creates missing links)",
         "people.write", nullptr,
         ref("ClassFamilyLetters"), 200, {},
         [&db, caller, base_url](Ctx& ctx) {
           return http::write_on_id(
               ctx, db, 200,
               [&](store::Conn& c, int64_t id) { return class_letters(c, caller(ctx), id, base_url(ctx)); },
               /*secret=*/true);
         }});

  r.add({"POST", "/api/family/session", "familySignIn", "family",
         "A family signs in with the secret of a child's link (adds the child to an existing "
         "family session on this phone)",
         "public", ref("FamilySignInInput"), ref("FamilyHome"), 200, {},
         [&db, &auth](Ctx& ctx) {
           auto body = http::body_object(ctx);
           if (!body.ok()) return fail(ctx, body.error());
           auto token = JsonFields(*body).str("token", 10, 100);
           if (!token.ok()) return fail(ctx, token.error());
           auto res = auth.family_sign_in(*token, ctx.req.cookie("xa_family"), ctx.req.remote_ip);
           if (!res.ok()) return fail(ctx, res.error());
           Json children;
           Status st = db.read([&](store::Conn& c) -> Status {
             children = family_children(c, res->principal);
             return ok_status();
           });
           if (!st.ok()) return fail(ctx, st.error());
           return http::Response::json(200, {{"csrf_token", res->principal.csrf_token}, {"children", children}})
               .header("Set-Cookie", auth.family_cookie(res->token))
               .header("Cache-Control", "no-store");
         }});

  r.add({"GET", "/api/family/me", "familyMe", "family",
         "The signed-in family's children and what is due today", "family", nullptr,
         ref("FamilyHome"), 200, {},
         [&db](Ctx& ctx) {
           return http::read_json(ctx, db, [&](store::Conn& c) -> Result<Json> {
             return Json{{"csrf_token", ctx.who().csrf_token},
                         {"children", family_children(c, ctx.who())}};
           });
         }});

  r.add({"POST", "/api/family/logout", "familyLogout", "family", "Sign the family out on this phone",
         "family", nullptr, nullptr, 204, {},
         [&auth](Ctx& ctx) {
           Status st = auth.family_logout(ctx.who());
           if (!st.ok()) return fail(ctx, st.error());
           return http::Response::no_content().header(
               "Set-Cookie", "xa_family=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0");
         }});
}

}  // namespace xiaoan::family
