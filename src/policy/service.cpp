#include "policy/service.h"

#include "auth/audit.h"
#include "auth/rules.h"
#include "core/time.h"
#include "org/model.h"
#include "org/service.h"
#include "policy/rules.h"

namespace xiaoan::policy {
namespace {

// The latest own values of every node on the path, root first.
std::vector<Layer> chain(store::Conn& c, const std::string& path, bool exclude_own) {
  std::vector<Layer> out;
  auto ids = org::path_ids(path);
  if (exclude_own && !ids.empty()) ids.pop_back();
  for (int64_t id : ids) {
    auto r = c.query_one(
        "SELECT v.policy_values, n.name FROM policy_versions v JOIN org_nodes n ON n.id = v.org_id "
        "WHERE v.org_id = $1 ORDER BY v.version DESC LIMIT 1",
        {id});
    if (r) out.push_back({id, r->str(1), Json::parse(r->str(0))});
  }
  return out;
}

Json own_values(store::Conn& c, int64_t org_id, int64_t& version) {
  auto r = c.query_one(
      "SELECT policy_values, version FROM policy_versions WHERE org_id = $1 "
      "ORDER BY version DESC LIMIT 1",
      {org_id});
  version = r ? r->i64(1) : 0;
  return r ? Json::parse(r->str(0)) : Json::object();
}

Result<Json> checked_values(const Json& values) {
  if (!values.is_object()) return Error::invalid("values", "must_be_object");
  return values;
}

}  // namespace

Json effective_at(store::Conn& c, const std::string& path, bool exclude_own) {
  return effective(defaults(), chain(c, path, exclude_own));
}

Json values_at(store::Conn& c, const std::string& path) {
  return values_of(effective_at(c, path));
}

Result<Json> get_policy(store::Conn& c, const auth::Principal& who, int64_t org_id) {
  XA_ASSIGN(org::Node node, org::require_node(c, org_id));
  XA_TRY(auth::authorize(who, "policy.read", node.path));
  int64_t version = 0;
  Json own = own_values(c, org_id, version);
  Json history = Json::array();
  for (const auto& r : c.query(
           "SELECT v.version, v.policy_values, v.note, v.created_at, u.display_name "
           "FROM policy_versions v LEFT JOIN users u ON u.id = v.created_by "
           "WHERE v.org_id = $1 ORDER BY v.version DESC LIMIT 50",
           {org_id}))
    history.push_back({{"version", r.i64(0)}, {"values", Json::parse(r.str(1))},
                       {"note", r.str(2)}, {"created_at", iso_utc(r.i64(3))},
                       {"created_by", r.opt_str(4).value_or("")}});
  return Json{{"org", org::to_json(node)},
              {"version", version},
              {"own", own},
              {"effective", effective_at(c, node.path)},
              {"parent", effective_at(c, node.path, true)},
              {"schema", defaults()},
              {"history", history}};
}

Result<Json> save_policy(store::Conn& c, const auth::Principal& who, const std::string& ip,
                         int64_t org_id, const Json& values, const std::string& note) {
  XA_ASSIGN(org::Node node, org::require_node(c, org_id));
  XA_TRY(auth::authorize(who, "policy.write", node.path));
  XA_ASSIGN(Json v, checked_values(values));
  XA_TRY(check_values(defaults(), effective_at(c, node.path, true), v));
  if (note.size() > 500) return Error::invalid("note", "too_long", {{"max", "500"}});
  int64_t version = 0;
  Json before = own_values(c, org_id, version);
  c.exec(
      "INSERT INTO policy_versions (org_id, version, policy_values, note, created_at, created_by) "
      "VALUES ($1, $2, $3, $4, $5, $6)",
      {org_id, version + 1, v.dump(), note, now_millis(), who.user_id});
  auth::audit(c, &who, ip,
              {"policy.save", "policy", id_str(org_id), node.id, node.path, before, v});
  return get_policy(c, who, org_id);
}

Result<Json> preview_policy(store::Conn& c, const auth::Principal& who, int64_t org_id,
                            const Json& values, const ImpactFn& impact) {
  XA_ASSIGN(org::Node node, org::require_node(c, org_id));
  XA_TRY(auth::authorize(who, "policy.write", node.path));
  XA_ASSIGN(Json v, checked_values(values));
  XA_TRY(check_values(defaults(), effective_at(c, node.path, true), v));
  auto layers = chain(c, node.path, true);
  Json before = effective_at(c, node.path);
  layers.push_back({node.id, node.name, v});
  Json after = effective(defaults(), layers);
  Json changes = Json::array();
  for (const auto& key : changed_keys(before, after))
    changes.push_back({{"key", key}, {"before", before[key]["value"]}, {"after", after[key]["value"]}});
  Json out = {{"changes", changes}};
  if (impact) out["impact"] = impact(c, node.path, values_of(before), values_of(after));
  return out;
}

}  // namespace xiaoan::policy
