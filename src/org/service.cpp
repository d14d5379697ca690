#include "org/service.h"

#include "auth/audit.h"
#include "auth/rules.h"
#include "core/regions.h"
#include "core/time.h"
#include "org/repo.h"
#include "org/rules.h"
#include "org/school.h"

namespace xiaoan::org {
namespace {

Status validate_name(const std::string& name) {
  size_t chars = 0;
  for (unsigned char ch : name) chars += (ch & 0xC0) != 0x80;
  if (chars == 0) return Error::invalid("name", "required");
  if (chars > 100) return Error::invalid("name", "too_long", {{"max", "100"}});
  return ok_status();
}

Status code_free(store::Conn& c, const std::string& code, int64_t except_id) {
  auto other = repo::find_by_code(c, code);
  if (other && other->id != except_id)
    return Error::conflict("code", "org_code_taken", {{"value", code}});
  return ok_status();
}

}  // namespace

std::vector<int64_t> path_ids(const std::string& path) {
  std::vector<int64_t> ids;
  size_t i = 1;
  while (i < path.size()) {
    size_t j = path.find('/', i);
    if (j == std::string::npos) break;
    ids.push_back(std::stoll(path.substr(i, j - i)));
    i = j + 1;
  }
  return ids;
}

Result<Node> require_node(store::Conn& c, int64_t id) {
  auto n = repo::find(c, id);
  if (!n) return Error::not_found("org node");
  return *n;
}

Result<Node> require_node(store::Conn& c, const auth::Principal& who, int64_t id,
                          const char* action) {
  XA_ASSIGN(Node n, require_node(c, id));
  XA_TRY(auth::authorize(who, action, n.path));
  return n;
}

Result<Node> create_node(store::Conn& c, const auth::Principal* who, const std::string& ip,
                         const CreateInput& in) {
  if (!auth::valid_org_kind(in.kind))
    return Error::invalid("kind", "invalid_value", {{"value", in.kind}});
  // Grades and classes carry more than a node: they are made through the school's endpoints.
  if (in.kind == "grade" || in.kind == "class")
    return Error::invalid("kind", "org_kind_use_school", {{"value", in.kind}});
  XA_TRY(validate_name(in.name));
  XA_TRY(validate_code(in.kind, in.code));
  if ((in.kind == "province" || in.kind == "city" || in.kind == "county") && !region_known(in.code))
    return Error::invalid("code", "region_unknown", {{"value", in.code}});
  std::optional<Node> parent;
  if (in.parent_id) {
    auto p = repo::find(c, *in.parent_id);
    if (!p) return Error::invalid("parent_id", "invalid_value", {{"value", id_str(*in.parent_id)}});
    if (who) XA_TRY(auth::authorize(*who, "org.write", p->path));
    if (!auth::kind_allowed_under(p->kind, in.kind))
      return Error::invalid("kind", "org_kind_invalid", {{"parent", p->kind}, {"kind", in.kind}});
    parent = std::move(p);
  } else if (who) {
    return Error::invalid("parent_id", "required");
  }
  XA_TRY(code_free(c, in.code, 0));
  if (!in.school_type.empty() && !valid_school_type(in.school_type))
    return Error::invalid("school_type", "invalid_value", {{"value", in.school_type}});
  Node n = repo::insert(c, parent, in.kind, in.name, in.code, now_millis());
  if (n.kind == "school") {
    SchoolDetails d;
    d.org_id = n.id;
    d.school_type = in.school_type.empty() ? "primary" : in.school_type;
    school_repo::save_details(c, d, now_millis());
  }
  auth::audit(c, who, ip, {"org.create", "org_node", id_str(n.id), n.id, n.path, nullptr, to_json(n)},
              who ? "" : "system");
  return n;
}

Result<Node> update_node(store::Conn& c, const auth::Principal& who, const std::string& ip,
                         int64_t id, const UpdateInput& in) {
  XA_ASSIGN(Node before, require_node(c, id));
  XA_TRY(auth::authorize(who, "org.write", before.path));
  Node after = before;
  if (in.name) {
    XA_TRY(validate_name(*in.name));
    after.name = *in.name;
  }
  if (in.code) {
    XA_TRY(validate_code(before.kind, *in.code));
    XA_TRY(code_free(c, *in.code, id));
    after.code = *in.code;
  }
  int64_t now = now_millis();
  if (after.name != before.name || after.code != before.code)
    repo::update(c, id, after.name, after.code, now);
  std::string action = "org.update";
  if (in.parent_id && in.parent_id != before.parent_id) {
    if (!before.parent_id) return Error::invalid("parent_id", "org_root");
    if (before.kind == "grade" || before.kind == "class")
      return Error::invalid("parent_id", "org_kind_use_school", {{"value", before.kind}});
    auto np = repo::find(c, *in.parent_id);
    if (!np) return Error::invalid("parent_id", "invalid_value", {{"value", id_str(*in.parent_id)}});
    XA_TRY(auth::authorize(who, "org.write", np->path));
    if (auth::path_within(np->path, before.path)) return Error::invalid("parent_id", "org_cycle");
    if (!auth::kind_allowed_under(np->kind, before.kind))
      return Error::invalid("parent_id", "org_kind_invalid",
                            {{"parent", np->kind}, {"kind", before.kind}});
    repo::move(c, after, *np, now);
    after = *repo::find(c, id);
    action = "org.move";
  }
  auth::audit(c, &who, ip,
              {action, "org_node", id_str(id), id, after.path, to_json(before), to_json(after)});
  return after;
}

Result<Node> get_node(store::Conn& c, const auth::Principal& who, int64_t id) {
  XA_ASSIGN(Node n, require_node(c, id));
  XA_TRY(auth::authorize(who, "org.read", n.path));
  return n;
}

std::vector<Node> tree(store::Conn& c, const auth::Principal& who, bool include_classes) {
  auto paths = auth::scope_paths(who, "org.read");
  // Drop roots already covered by another root so the union has no duplicates.
  std::vector<std::string> roots;
  for (const auto& p : paths) {
    bool covered = false;
    for (const auto& q : paths)
      if (q != p && auth::path_within(p, q)) covered = true;
    if (!covered && std::find(roots.begin(), roots.end(), p) == roots.end()) roots.push_back(p);
  }
  auto nodes = repo::subtrees(c, roots);
  if (include_classes) return nodes;
  // Grades and classes only where the caller's scope is a grade or class itself.
  std::vector<std::string> class_roots;
  for (const auto& g : who.grants)
    if (g.org_kind == "grade" || g.org_kind == "class") class_roots.push_back(g.org_path);
  std::vector<Node> out;
  for (auto& n : nodes) {
    bool keep = n.kind != "grade" && n.kind != "class";
    for (const auto& r : class_roots) keep = keep || auth::path_within(n.path, r);
    if (keep) out.push_back(std::move(n));
  }
  return out;
}

Json to_json(const Node& n) {
  return {{"id", id_str(n.id)},
          {"parent_id", n.parent_id ? Json(id_str(*n.parent_id)) : Json(nullptr)},
          {"kind", n.kind},
          {"name", n.name},
          {"code", n.code}};
}

}  // namespace xiaoan::org
