#include "org/api.h"

#include "http/handlers.h"
#include "org/service.h"

namespace xiaoan::org {

using http::Ctx;
using http::fail;

namespace {

Result<CreateInput> parse_create(const Json& b) {
  JsonFields f(b);
  CreateInput in;
  XA_ASSIGN(in.parent_id, f.id("parent_id"));
  XA_ASSIGN(in.kind, f.str("kind", 1, 20));
  XA_ASSIGN(in.name, f.str("name", 1, 100));
  XA_ASSIGN(in.code, f.str("code", 1, 32));
  XA_ASSIGN(auto type, f.opt_str("school_type", 30));
  in.school_type = type.value_or("");
  return in;
}

// A PATCH: only the fields present change.
Result<UpdateInput> parse_update(const Json& b) {
  JsonFields f(b);
  UpdateInput in;
  if (f.has("name")) {
    XA_ASSIGN(in.name, f.str("name", 1, 100));
  }
  if (f.has("code")) {
    XA_ASSIGN(in.code, f.str("code", 1, 32));
  }
  XA_ASSIGN(in.parent_id, f.opt_id("parent_id"));
  return in;
}

}  // namespace

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
           return http::read_by_id(ctx, db, [&](store::Conn& c, int64_t id) -> Result<Json> {
             XA_ASSIGN(Node n, get_node(c, ctx.who(), id));
             return to_json(n);
           });
         }});

  r.add({"POST", "/api/org/nodes", "createOrgNode", "org", "Create a child node", "org.write",
         ref("OrgNodeInput"), ref("OrgNode"), 201, {},
         [&](Ctx& ctx) {
           auto in = http::body_input(ctx, parse_create);
           if (!in.ok()) return fail(ctx, in.error());
           return http::write_json(ctx, db, 201, [&](store::Conn& c) -> Result<Json> {
             XA_ASSIGN(Node n, create_node(c, &ctx.who(), ctx.req.remote_ip, *in));
             return to_json(n);
           });
         }});

  r.add({"PATCH", "/api/org/nodes/{id}", "updateOrgNode", "org",
         "Rename, recode or move (parent_id) a node", "org.write",
         ref("OrgNodePatch"), ref("OrgNode"), 200, {},
         [&](Ctx& ctx) {
           return http::write_input_by_id(ctx, db, 200, parse_update,
                                          [&](store::Conn& c, int64_t id, const UpdateInput& in) -> Result<Json> {
             XA_ASSIGN(Node n, update_node(c, ctx.who(), ctx.req.remote_ip, id, in));
             return to_json(n);
           });
         }});
}

}  // namespace xiaoan::org
