#include "policy/service.h"

#include <map>
#include <mutex>

#include "auth/audit.h"
#include "auth/rules.h"
#include "core/time.h"
#include "org/model.h"
#include "org/service.h"
#include "policy/repo_sql.h"
#include "policy/rules.h"
#include "store/sql.h"

namespace xiaoan::policy {
namespace {

// The latest own values of every node on the path, root first, in one query. Each layer keeps
// its stored text in `raw` for the cache key of values_at().
struct RawLayer {
  Layer layer;
  std::string raw;
};

std::vector<RawLayer> chain_raw(store::Conn& c, const std::string& path, bool exclude_own) {
  auto ids = org::path_ids(path);
  if (exclude_own && !ids.empty()) ids.pop_back();
  if (ids.empty()) return {};
  std::map<int64_t, RawLayer> found;
  for (const auto& r : sql::latest_versions_of(c, ids))
    found[r.i64(0)] = {{r.i64(0), r.str(2), Json::parse(r.str(1))}, r.str(1)};
  std::vector<RawLayer> out;
  for (int64_t id : ids)
    if (auto it = found.find(id); it != found.end()) out.push_back(std::move(it->second));
  return out;
}

std::vector<Layer> layers_of(std::vector<RawLayer> raw) {
  std::vector<Layer> out;
  for (auto& l : raw) out.push_back(std::move(l.layer));
  return out;
}

std::vector<Layer> chain(store::Conn& c, const std::string& path, bool exclude_own) {
  return layers_of(chain_raw(c, path, exclude_own));
}

Json own_values(store::Conn& c, int64_t org_id, int64_t& version) {
  auto r = c.query_one(sql::kLatestVersion, {org_id});
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

// Every morning report and gate check asks for the values at its pupil's class: merging the
// schema with the chain is the costly part, and a city has only a handful of distinct chains.
// The merged values are cached by the chain's content (node ids and stored texts, read fresh
// in the caller's transaction), so a saved version is seen at once and nothing goes stale.
Json values_at(store::Conn& c, const std::string& path) {
  auto layers = chain_raw(c, path, false);
  std::string key;
  for (const auto& l : layers) key += std::to_string(l.layer.org_id) + "\n" + l.raw + "\n";
  static std::mutex mu;
  static std::map<std::string, Json> cache;
  {
    std::lock_guard<std::mutex> lock(mu);
    if (auto it = cache.find(key); it != cache.end()) return it->second;
  }
  Json values = values_of(effective(defaults(), layers_of(std::move(layers))));
  std::lock_guard<std::mutex> lock(mu);
  if (cache.size() >= 512) cache.clear();  // distinct chains are few; this only bounds memory
  cache.emplace(std::move(key), values);
  return values;
}

Result<Json> get_policy(store::Conn& c, const auth::Principal& who, int64_t org_id) {
  XA_ASSIGN(org::Node node, org::require_node(c, org_id));
  XA_TRY(auth::authorize(who, "policy.read", node.path));
  int64_t version = 0;
  Json own = own_values(c, org_id, version);
  Json history = Json::array();
  for (const auto& r : c.query(sql::kVersionHistory, {org_id}))
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
  c.exec(sql::kInsertVersion, {org_id, version + 1, v.dump(), note, now_millis(), who.user_id});
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
