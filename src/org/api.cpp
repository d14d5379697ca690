#include "org/api.h"

#include "http/handlers.h"
#include "org/service.h"

namespace xiaoan::org {

using http::Ctx;
using http::fail;

void register_api(http::Router& r, store::Db& db) {
  using http::array_of;
  using http::closed_object;
  using http::nullable;
  using http::ref;
  Json str = {{"type", "string"}};
  r.add_schemas({
      {"OrgNode", closed_object({{"id", str},
                                 {"parent_id", nullable(str)},
                                 {"kind", str},
                                 {"name", str},
                                 {"code", str}})},
      {"OrgTree", closed_object({{"nodes", array_of(ref("OrgNode"))}})},
      {"OrgNodeInput", closed_object({{"parent_id", str}, {"kind", str}, {"name", str},
                                      {"code", str}, {"school_type", nullable(str)}},
                                     {"school_type"})},
      {"OrgNodePatch", closed_object({{"parent_id", nullable(str)}, {"name", str}, {"code", str}},
                                     {"parent_id", "name", "code"})},
  });

  r.add({"GET", "/api/org/tree", "orgTree", "org",
         "Every org node within the caller's scope (flat; parents outside scope are omitted)",
         "org.read", nullptr, ref("OrgTree"), 200,
         {{"classes", "string", "1: include grades and classes"}},
         [&](Ctx& ctx) {
           bool classes = ctx.req.query_param("classes").value_or("") == "1";
           return http::read_json(ctx, db, [&](store::Conn& c) -> Result<Json> {
             Json nodes = Json::array();
             for (const Node& n : tree(c, ctx.who(), classes)) nodes.push_back(to_json(n));
             return Json{{"nodes", nodes}};
           });
         }});

  r.add({"GET", "/api/org/nodes/{id}", "getOrgNode", "org", "One org node", "org.read", nullptr,
         ref("OrgNode"), 200, {},
         [&](Ctx& ctx) {
           auto id = http::path_id(ctx);
           if (!id.ok()) return fail(ctx, id.error());
           return http::read_json(ctx, db, [&](store::Conn& c) -> Result<Json> {
             XA_ASSIGN(Node n, get_node(c, ctx.who(), *id));
             return to_json(n);
           });
         }});

  r.add({"POST", "/api/org/nodes", "createOrgNode", "org", "Create a child node", "org.write",
         ref("OrgNodeInput"), ref("OrgNode"), 201, {},
         [&](Ctx& ctx) {
           auto body = http::body_object(ctx);
           if (!body.ok()) return fail(ctx, body.error());
           JsonFields f(*body);
           CreateInput in;
           auto parent = f.id("parent_id");
           if (!parent.ok()) return fail(ctx, parent.error());
           in.parent_id = *parent;
           auto kind = f.str("kind", 1, 20);
           if (!kind.ok()) return fail(ctx, kind.error());
           in.kind = *kind;
           auto name = f.str("name", 1, 100);
           if (!name.ok()) return fail(ctx, name.error());
           in.name = *name;
           auto code = f.str("code", 1, 32);
           if (!code.ok()) return fail(ctx, code.error());
           in.code = *code;
           auto type = f.opt_str("school_type", 30);
           if (!type.ok()) return fail(ctx, type.error());
           in.school_type = type->value_or("");
           return http::write_json(ctx, db, 201, [&](store::Conn& c) -> Result<Json> {
             XA_ASSIGN(Node n, create_node(c, &ctx.who(), ctx.req.remote_ip, in));
             return to_json(n);
           });
         }});

  r.add({"PATCH", "/api/org/nodes/{id}", "updateOrgNode", "org",
         "Rename, recode or move (parent_id) a node", "org.write",
         ref("OrgNodePatch"), ref("OrgNode"), 200, {},
         [&](Ctx& ctx) {
           auto id = http::path_id(ctx);
           if (!id.ok()) return fail(ctx, id.error());
           auto body = http::body_object(ctx);
           if (!body.ok()) return fail(ctx, body.error());
           JsonFields f(*body);
           UpdateInput in;
           if (f.has("name")) {
             auto v = f.str("name", 1, 100);
             if (!v.ok()) return fail(ctx, v.error());
             in.name = *v;
           }
           if (f.has("code")) {
             auto v = f.str("code", 1, 32);
             if (!v.ok()) return fail(ctx, v.error());
             in.code = *v;
           }
           auto parent = f.opt_id("parent_id");
           if (!parent.ok()) return fail(ctx, parent.error());
           in.parent_id = *parent;
           return http::write_json(ctx, db, 200, [&](store::Conn& c) -> Result<Json> {
             XA_ASSIGN(Node n, update_node(c, ctx.who(), ctx.req.remote_ip, *id, in));
             return to_json(n);
           });
         }});
}

}  // namespace xiaoan::org
