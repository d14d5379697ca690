#include "policy/rules.h"

#include <cmath>
#include <climits>
#include <optional>

#include "core/time.h"

namespace xiaoan::policy {

// The text of defaults.json, generated at build time by embed_defaults.cmake.
extern const char* const kDefaultsJson;

namespace {

// A policy time "HH:MM" / "H:MM" → minutes after midnight (00:00–23:59).
std::optional<int> hhmm_minutes(const Json& v) {
  if (!v.is_string()) return std::nullopt;
  return parse_hhmm(v.get_ref<const std::string&>());
}

// A value as users read it in a message: strings without quotes, numbers as JSON writes them.
std::string text_of(const Json& v) { return v.is_string() ? v.get<std::string>() : v.dump(); }

// The value as a comparable number: minutes for times, the number itself otherwise.
std::optional<double> ordinal(const std::string& type, const Json& v) {
  if (type == "time") {
    auto m = hhmm_minutes(v);
    return m ? std::optional<double>(*m) : std::nullopt;
  }
  // A switch: on (a rule applies) is the tighter side when "tighter" is "higher".
  if (type == "bool") return v.is_boolean() ? std::optional<double>(v.get<bool>() ? 1 : 0) : std::nullopt;
  if (!v.is_number()) return std::nullopt;
  return v.get<double>();
}

bool type_ok(const std::string& type, const Json& v) {
  if (type == "time") return hhmm_minutes(v).has_value();
  if (type == "int") return v.is_number_integer();
  if (type == "number") return v.is_number() && std::isfinite(v.get<double>());
  if (type == "bool") return v.is_boolean();
  if (type == "string") return v.is_string();
  return false;
}

}  // namespace

const Json& defaults() {
  static const Json k = Json::parse(kDefaultsJson);
  return k;
}

Json effective(const Json& schema, const std::vector<Layer>& chain_root_first) {
  Json out = Json::object();
  for (const auto& [key, spec] : schema.items()) {
    Json entry = {{"value", spec.value("value", Json())},
                  {"source_org_id", int64_t{0}},
                  {"source_org_name", ""}};
    // Root first, so the deepest layer holding the key wins.
    for (const auto& layer : chain_root_first) {
      if (!layer.values.is_object() || !layer.values.contains(key)) continue;
      entry["value"] = layer.values[key];
      entry["source_org_id"] = layer.org_id;
      entry["source_org_name"] = layer.org_name;
    }
    out[key] = std::move(entry);
  }
  return out;
}

Json values_of(const Json& effective) {
  Json out = Json::object();
  for (const auto& [key, entry] : effective.items())
    out[key] = entry.is_object() ? entry.value("value", Json()) : Json();
  return out;
}

// Checks every proposed key in key order and returns the first error. A key missing from
// `parent_effective` is not checked for loosening (pass an empty object for the root node, or
// effective(schema, {}) to hold the root to the defaults).
Status check_values(const Json& schema, const Json& parent_effective, const Json& values) {
  if (!values.is_object()) return Error::invalid("values", "must_be_object");
  for (const auto& [key, value] : values.items()) {
    const std::string field = "values." + key;
    if (!schema.contains(key)) return Error::invalid(field, "policy_unknown_key", {{"key", key}});
    const Json& spec = schema[key];
    const std::string type = spec.value("type", "");
    if (!type_ok(type, value)) return Error::invalid(field, "policy_type", {{"type", type}});
    if (type == "int" || type == "number") {
      double v = value.get<double>();
      bool low = spec.contains("min") && v < spec["min"].get<double>();
      bool high = spec.contains("max") && v > spec["max"].get<double>();
      if (low || high)
        return Error::invalid(field, "policy_range",
                              {{"min", spec.contains("min") ? text_of(spec["min"]) : ""},
                               {"max", spec.contains("max") ? text_of(spec["max"]) : ""}});
    }
    const std::string tighter = spec.value("tighter", "none");
    if (tighter == "none" || !parent_effective.is_object() || !parent_effective.contains(key))
      continue;
    const Json& pe = parent_effective[key];
    const Json parent = pe.is_object() ? pe.value("value", Json()) : pe;
    auto mine = ordinal(type, value), theirs = ordinal(type, parent);
    if (!mine || !theirs) continue;
    bool loosens = tighter == "lower" ? *mine > *theirs : tighter == "higher" && *mine < *theirs;
    if (loosens) return Error::rule(field, "policy_loosens", {{"parent", text_of(parent)}});
  }
  return ok_status();
}

std::vector<std::string> changed_keys(const Json& before, const Json& after) {
  auto value_at = [](const Json& doc, const std::string& key) {
    if (!doc.is_object() || !doc.contains(key)) return Json();
    const Json& e = doc[key];
    return e.is_object() ? e.value("value", Json()) : e;
  };
  std::vector<std::string> out;
  Json keys = Json::object();  // sorted union of both documents' keys
  for (const auto* doc : {&before, &after})
    if (doc->is_object())
      for (const auto& [key, _] : doc->items()) keys[key] = true;
  for (const auto& [key, _] : keys.items())
    if (value_at(before, key) != value_at(after, key)) out.push_back(key);
  return out;
}

Error ValueReader::bad(const char* key, const char* type) {
  return Error::invalid(std::string("policy.") + key, "policy_type", {{"type", type}});
}

Status ValueReader::integer(const char* key, int& out) const {
  auto it = values_.find(key);
  if (it == values_.end() || !it->is_number_integer() ||
      (it->is_number_unsigned() && it->get<uint64_t>() > static_cast<uint64_t>(INT_MAX)) ||
      (!it->is_number_unsigned() && (it->get<int64_t>() < INT_MIN || it->get<int64_t>() > INT_MAX)))
    return bad(key, "int");
  out = it->get<int>();
  return ok_status();
}

Status ValueReader::number(const char* key, double& out) const {
  auto it = values_.find(key);
  if (it == values_.end() || !it->is_number() || !std::isfinite(it->get<double>()))
    return bad(key, "number");
  out = it->get<double>();
  return ok_status();
}

Status ValueReader::boolean(const char* key, bool& out) const {
  auto it = values_.find(key);
  if (it == values_.end() || !it->is_boolean()) return bad(key, "bool");
  out = it->get<bool>();
  return ok_status();
}

Status ValueReader::text(const char* key, std::string& out) const {
  auto it = values_.find(key);
  if (it == values_.end() || !it->is_string()) return bad(key, "string");
  out = it->get<std::string>();
  return ok_status();
}

Status ValueReader::time(const char* key, int& out) const {
  auto it = values_.find(key);
  auto m = it == values_.end() ? std::nullopt : hhmm_minutes(*it);
  if (!m) return bad(key, "time");
  out = *m;
  return ok_status();
}

}  // namespace xiaoan::policy
